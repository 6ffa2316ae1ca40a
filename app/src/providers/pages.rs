//! The public profile pages: the directory with its filters and a profile's own page. The
//! owners' editor is in `edit_pages` (plain HTML; with JavaScript it saves without a reload
//! losing what was typed when something is wrong), the staff's review in `staff_pages`.

use super::api::*;
use super::model::*;
use super::view::*;
use crate::assessment::model::Variant;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::Loaded;
use crate::ui::{format_date, ErrorAlert, LiveFilter, Pager, SelectField};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

/// Names of transition keys in the page's language.
pub fn transition_names(choices: &[TransitionChoice], keys: &[String], lang: Lang) -> Vec<String> {
    keys.iter()
        .filter_map(|k| transition_name(choices, k).map(|t| t.get(lang).to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The owners' editor
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The public directory
// ---------------------------------------------------------------------------------------------

fn directory_query(map: &leptos_router::params::ParamsMap) -> DirectoryQuery {
    let get = |k: &str| map.get(k).unwrap_or_default();
    DirectoryQuery {
        q: get("q"),
        kind: get("kind"),
        transition: get("transition"),
        variant: get("variant"),
        region: get("region"),
        technology: get("technology"),
        sort: get("sort"),
        page: get("page").parse().unwrap_or(1),
    }
}

/// The directory's address for a query (used by the pagination links).
fn directory_href(q: &DirectoryQuery, page: u32) -> String {
    use crate::ui::encode_query as enc;
    let mut parts = Vec::new();
    for (k, v) in [
        ("q", &q.q),
        ("kind", &q.kind),
        ("transition", &q.transition),
        ("variant", &q.variant),
        ("region", &q.region),
        ("technology", &q.technology),
        ("sort", &q.sort),
    ] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", enc(v)));
        }
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/directory".to_string()
    } else {
        format!("/directory?{}", parts.join("&"))
    }
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query_map = use_query_map();
    let query = Memo::new(move |_| directory_query(&query_map.read()));
    let results = Resource::new(move || query.get(), search_directory);
    view! {
        <Title text=lang.t(Key::DirectoryTitle) />
        <Meta name="description" content=lang.t(Key::DirectoryIntro) />
        <section class="container directory">
            <h1>{lang.t(Key::DirectoryTitle)}</h1>
            <p class="lead">{lang.t(Key::DirectoryIntro)}</p>
            <Loaded resource=results let:page>
                <DirectoryView page query=query.get_untracked() />
            </Loaded>
        </section>
    }
}

#[component]
fn DirectoryView(page: DirectoryPage, query: DirectoryQuery) -> impl IntoView {
    let lang = use_lang();
    let choices = page.choices.clone();
    let transition_options: Vec<(String, String)> = choices
        .iter()
        .map(|c| (c.key.clone(), c.name.get(lang).to_string()))
        .collect();
    let kind_options = vec![
        (
            "provider".to_string(),
            lang.t(Key::ProfileKindProviders).to_string(),
        ),
        (
            "consultant".to_string(),
            lang.t(Key::ProfileKindConsultants).to_string(),
        ),
    ];
    let variant_options: Vec<(String, String)> = Variant::SMART_FACTORY
        .iter()
        .map(|v| (v.code().to_string(), lang.t(v.label()).to_string()))
        .collect();
    let region_options: Vec<(String, String)> = PROVINCES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect();
    // "By name" is the default: the select's empty choice.
    let sort_options = vec![(
        "newest".to_string(),
        lang.t(Key::DirectorySortNewest).to_string(),
    )];
    let filtered = query
        != DirectoryQuery {
            page: query.page,
            ..Default::default()
        };
    let summary = lang.count(Key::DirectoryCount, page.total as i64, &[]);
    let pager = {
        let query = query.clone();
        view! { <Pager page=page.page pages=page.pages href=move |n| directory_href(&query, n) /> }
    };
    let cards = page.cards.clone();
    view! {
        <LiveFilter results="directory-results".to_string()>
        <Form method="GET" action="/directory" attr:class="card directory-filters" attr:role="search">
            <div class="field field-wide">
                <label for="filter-q">{lang.t(Key::DirectorySearch)}</label>
                <input id="filter-q" name="q" type="search" value=query.q.clone() placeholder=lang.t(Key::DirectorySearchPlaceholder) />
            </div>
            <SelectField name="kind" label=Key::DirectoryKind empty=Key::DirectoryAnyKind options=kind_options selected=query.kind.clone() />
            <SelectField name="transition" label=Key::DirectoryTransition empty=Key::DirectoryAny options=transition_options selected=query.transition.clone() />
            <SelectField name="variant" label=Key::DirectoryVariant empty=Key::DirectoryAny options=variant_options selected=query.variant.clone() />
            <SelectField name="region" label=Key::DirectoryRegion empty=Key::DirectoryAny options=region_options selected=query.region.clone() />
            <div class="field">
                <label for="filter-technology">{lang.t(Key::DirectoryTechnology)}</label>
                <input id="filter-technology" name="technology" type="text" value=query.technology.clone() />
            </div>
            <SelectField name="sort" label=Key::DirectorySort empty=Key::DirectorySortName options=sort_options selected=query.sort.clone() />
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{lang.t(Key::DirectoryApply)}</button>
                {filtered.then(|| view! { <A href="/directory" attr:class="btn btn-secondary">{lang.t(Key::DirectoryReset)}</A> })}
            </div>
        </Form>
        </LiveFilter>
        <div id="directory-results">
        <p class="directory-count" role="status">{summary}</p>
        {if cards.is_empty() {
            view! {
                <div class="card empty-state">
                    <h2>{lang.t(Key::DirectoryEmptyTitle)}</h2>
                    <p>{lang.t(Key::DirectoryEmptyText)}</p>
                    <A href="/directory" attr:class="btn btn-secondary">{lang.t(Key::DirectoryReset)}</A>
                </div>
            }.into_any()
        } else {
            view! {
                <ul class="profile-grid">
                    {cards.into_iter().map(|card| view! { <ProfileCardView card choices=choices.clone() /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {pager}
        </div>
    }
}

#[component]
pub fn ProfileCardView(card: ProfileCard, choices: Vec<TransitionChoice>) -> impl IntoView {
    let lang = use_lang();
    let names = transition_names(&choices, &card.transitions, lang);
    let regions: Vec<&str> = card
        .regions
        .iter()
        .filter_map(|r| label(&PROVINCES, r).map(|k| lang.t(k)))
        .collect();
    view! {
        <li class="card profile-card">
            <div class="profile-card-head">
                {card.logo_url.clone().map(|url| view! { <img class="logo-small" src=url alt="" /> })}
                <div>
                    <h2 class="h3"><A href=format!("/directory/{}", card.slug)>{card.name.clone()}</A></h2>
                    <p class="muted">{lang.t(card.kind.label())}{(!regions.is_empty()).then(|| format!(" · {}", regions.join(", ")))}</p>
                </div>
            </div>
            <p>{card.pitch.clone()}</p>
            <ul class="tags" aria-label=lang.t(Key::PublicProfileTransitions)>
                {names.into_iter().map(|n| view! { <li class="tag">{n}</li> }).collect_view()}
            </ul>
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// A public profile
// ---------------------------------------------------------------------------------------------

#[component]
pub fn PublicProfilePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let profile = Resource::new(slug, get_public_profile);
    view! {
        <section class="container profile-page">
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(p) => view! { <PublicProfileView profile=p /> }.into_any(),
                        Err(e) => view! {
                            <Title text=lang.t(Key::NotFoundTitle) />
                            <h1>{lang.t(Key::NotFoundTitle)}</h1>
                            <ErrorAlert error=e />
                            <p><A href="/directory">{lang.t(Key::DirectoryBack)}</A></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A list of short texts, or nothing when empty.
fn text_list(title: Key, items: Vec<String>, lang: Lang) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        view! {
            <h2 class="h3">{lang.t(title)}</h2>
            <ul class="tags">{items.into_iter().map(|i| view! { <li class="tag">{i}</li> }).collect_view()}</ul>
        }
    })
}

#[component]
fn PublicProfileView(profile: PublicProfile) -> impl IntoView {
    let lang = use_lang();
    let c = profile.content.clone();
    let transitions = transition_names(&profile.choices, &c.transitions, lang);
    let variants: Vec<String> = c
        .variants
        .iter()
        .map(|v| lang.t(v.label()).to_string())
        .collect();
    let regions: Vec<String> = c
        .regions
        .iter()
        .filter_map(|r| label(&PROVINCES, r).map(|k| lang.t(k).to_string()))
        .collect();
    let sizes: Vec<String> = c
        .sizes
        .iter()
        .filter_map(|s| label(&SIZE_CLASSES, s).map(|k| lang.t(k).to_string()))
        .collect();
    let meta = if c.pitch.is_empty() {
        c.name.clone()
    } else {
        c.pitch.clone()
    };
    let consultant = profile.kind == ProfileKind::Consultant;
    view! {
        <Title text=c.name.clone() />
        <Meta name="description" content=meta />
        <p class="breadcrumb"><A href="/directory">{lang.t(Key::DirectoryBack)}</A></p>
        <header class="profile-header">
            {c.logo_url().map(|url| view! { <img class="logo-large" src=url alt=lang.fill(Key::ProfileLogoOf, &[("name", &c.name)]) /> })}
            <div>
                <h1>{c.name.clone()}</h1>
                <p class="muted">{lang.t(profile.kind.label())}</p>
                <p class="lead">{c.pitch.clone()}</p>
            </div>
        </header>
        <div class="profile-columns">
            <div>
                // Sanitised on the server: raw HTML, scripts and unsafe links are gone.
                <div class="prose" inner_html=profile.description_html.clone()></div>
                {(!c.references.is_empty()).then(|| view! {
                    <h2>{lang.t(Key::ProfileSectionReferences)}</h2>
                    <ul class="reference-list">
                        {c.references.iter().map(|r| view! {
                            <li class="card">
                                <h3 class="h4">{r.title.clone()}</h3>
                                {(!r.customer_type.is_empty()).then(|| view! { <p class="muted">{r.customer_type.clone()}</p> })}
                                <p class="pre-line">{r.text.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
            <aside class="card profile-facts">
                {text_list(Key::PublicProfileTransitions, transitions, lang)}
                {text_list(Key::ProfileFieldServices, c.services.clone(), lang)}
                {text_list(Key::ProfileFieldTechnologies, c.technologies.clone(), lang)}
                {text_list(Key::ProfileFieldVariants, variants, lang)}
                {text_list(Key::ProfileFieldSizes, sizes, lang)}
                {text_list(Key::ProfileFieldRegions, regions, lang)}
                {consultant.then(|| view! {
                    {text_list(Key::ProfileFieldCertifications, c.certifications.clone(), lang)}
                    {text_list(Key::ProfileFieldLanguages, c.languages.clone(), lang)}
                    <p>
                        <strong>{if c.available { lang.t(Key::ProfileAvailable) } else { lang.t(Key::ProfileUnavailable) }}</strong>
                        {(!c.availability_note.is_empty()).then(|| format!(" · {}", c.availability_note))}
                    </p>
                })}
                <h2 class="h3">{lang.t(Key::ProfileSectionContact)}</h2>
                <p>
                    {(!c.contact_name.is_empty()).then(|| view! { {c.contact_name.clone()}<br /> })}
                    {(!c.contact_email.is_empty()).then(|| view! { <a href=format!("mailto:{}", c.contact_email)>{c.contact_email.clone()}</a><br /> })}
                    {(!c.website.is_empty()).then(|| view! { <a href=c.website.clone() rel="nofollow noopener noreferrer">{c.website.clone()}</a> })}
                </p>
                <p class="hint">{lang.fill(Key::ProfilePublishedOn, &[("date", &format_date(profile.published_at))])}</p>
            </aside>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// Staff review
// ---------------------------------------------------------------------------------------------
