//! The public best practices: the list with its filters (a plain GET form), a case's own page,
//! the card other pages show (results, plan steps) and the results page's suggestions.

use super::api::{get_practice, list_practices};
use super::sections::{about, company, shown, PracticeCardView};
use super::view::{PracticeFilter, PracticeList, PracticePage};
use crate::assessment::model::{Text, Variant};
use crate::assessment::profile::{PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::{format_date, Loaded, SelectField};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn filter_from_query() -> PracticeFilter {
    let q = use_query_map();
    let get = |name: &str| q.with_untracked(|m| m.get(name).unwrap_or_default());
    PracticeFilter {
        transition: get("transition"),
        variant: get("variant"),
        size_class: get("size"),
        province: get("region"),
    }
}

#[component]
pub fn PracticesPage() -> impl IntoView {
    let lang = use_lang();
    let filter = filter_from_query();
    let list = Resource::new(move || filter.clone(), list_practices);
    let chosen = filter_from_query();
    view! {
        <Title text=lang.t(Key::PracticesTitle) />
        <Meta name="description" content=lang.t(Key::PracticesIntro) />
        <section class="container practices">
            <h1>{lang.t(Key::PracticesTitle)}</h1>
            <p class="lead">{lang.t(Key::PracticesIntro)}</p>
            <Loaded resource=list let:list>
                <PracticesView list filter=chosen.clone() />
            </Loaded>
        </section>
    }
}

#[component]
fn PracticesView(list: PracticeList, filter: PracticeFilter) -> impl IntoView {
    let lang = use_lang();
    let transitions: Vec<(String, String)> = list
        .transitions
        .iter()
        .map(|(k, name)| (k.clone(), name.get(lang).to_string()))
        .collect();
    let variants = Variant::SMART_FACTORY
        .iter()
        .map(|v| (v.code().to_string(), lang.t(v.label()).to_string()))
        .collect::<Vec<_>>();
    let sizes = SIZE_CLASSES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect::<Vec<_>>();
    let regions = PROVINCES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect::<Vec<_>>();
    let filtered = filter != PracticeFilter::default();
    let count = lang.count(Key::PracticesCount, list.cases.len() as i64, &[]);
    view! {
        <form method="get" action="/practices" class="card directory-filters" role="search">
            <SelectField name="transition" label=Key::DirectoryTransition empty=Key::DirectoryAny options=transitions selected=filter.transition.clone() />
            <SelectField name="variant" label=Key::DirectoryVariant empty=Key::DirectoryAny options=variants selected=filter.variant.clone() />
            <SelectField name="size" label=Key::PracticeSize empty=Key::DirectoryAny options=sizes selected=filter.size_class.clone() />
            <SelectField name="region" label=Key::DirectoryRegion empty=Key::DirectoryAny options=regions selected=filter.province.clone() />
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{lang.t(Key::DirectoryApply)}</button>
                {filtered.then(|| view! { <a href="/practices" class="btn btn-secondary">{lang.t(Key::DirectoryReset)}</a> })}
            </div>
        </form>
        <p class="directory-count" role="status">{count}</p>
        {if list.cases.is_empty() {
            view! {
                <div class="card empty-state">
                    <p>{lang.t(if filtered { Key::PracticesNoneFiltered } else { Key::PracticesNone })}</p>
                </div>
            }.into_any()
        } else {
            view! {
                <ul class="practice-grid">
                    {list.cases.into_iter().map(|card| view! { <PracticeCardView card /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
pub fn PracticePageView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_practice);
    view! {
        <section class="container practice">
            <p class="breadcrumb no-print"><a href="/practices">{lang.t(Key::PracticesBack)}</a></p>
            <Loaded resource=page let:page>
                <PracticeArticle page />
            </Loaded>
        </section>
    }
}

#[component]
fn PracticeArticle(page: PracticePage) -> impl IntoView {
    let lang = use_lang();
    let title = shown(&page.card.title, lang);
    let draft = page.status == super::model::PracticeStatus::Draft;
    // A part written in Dutch only shows the Dutch, marked, rather than nothing.
    let story = |heading: Key, text: &Text| {
        let (shown, other) = lang.pick(&text.nl, &text.en);
        let shown = shown.to_string();
        let note = other.map(|l| match l {
            Lang::Nl => (lang.t(Key::TextInDutch), "nl"),
            Lang::En => (lang.t(Key::TextInEnglish), "en"),
        });
        (!shown.is_empty()).then(|| {
            view! {
                <h2>{lang.t(heading)}</h2>
                <p class="practice-story" lang=note.map(|(_, code)| code)>{shown}</p>
                {note.map(|(text, _)| view! { <p class="muted practice-note">{text}</p> })}
            }
        })
    };
    let transitions: Vec<String> = page
        .transition_names
        .iter()
        .map(|t| t.get(lang).to_string())
        .collect();
    view! {
        <Title text=title.clone() />
        <article>
            {draft.then(|| view! { <p class="alert alert-info">{lang.t(Key::PracticeDraftNotice)}</p> })}
            <h1>{title}</h1>
            <p class="lead">{company(&page.card, lang)}" · "{about(&page.card, lang)}</p>
            <p class="muted">
                {lang.fill(Key::PracticeTransitions, &[("transitions", &transitions.join(", "))])}
                {page.published_at.map(|at| view! { " · "{lang.fill(Key::PracticePublishedOn, &[("date", &format_date(at))])} })}
            </p>
            {(!page.photos.is_empty()).then(|| view! {
                <div class="practice-photos">
                    {page.photos.iter().enumerate().map(|(i, src)| {
                        let alt = lang.fill(Key::PracticePhotoAlt, &[("n", &(i + 1).to_string()), ("title", &shown(&page.card.title, lang))]);
                        view! { <img src=src.clone() alt=alt loading="lazy" /> }
                    }).collect_view()}
                </div>
            })}
            {story(Key::PracticeBefore, &page.before)}
            {story(Key::PracticeDone, &page.done)}
            {story(Key::PracticeResult, &page.result)}
            {(!page.profiles.is_empty()).then(|| view! {
                <h2>{lang.t(Key::PracticeWith)}</h2>
                <ul>
                    {page.profiles.into_iter().map(|(slug, name)| view! {
                        <li><a href=format!("/directory/{slug}")>{name}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
