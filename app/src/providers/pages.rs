//! Profile pages: the owners' editor, the public directory and profile page, and the staff's
//! review. Everything works as plain HTML; with JavaScript the editor saves without a reload
//! losing what was typed when something is wrong.

use super::api::*;
use super::model::*;
use super::view::*;
use crate::assessment::model::Variant;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::Loaded;
use crate::ui::{
    action_error, format_date, query_value, url_error, CheckGroup, ErrorAlert, FetchForm,
    FetchFormTexts, FormAlert, LiveFilter, Pager, SelectField, TextArea, TextInput,
};
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

#[component]
fn StatusBadge(status: ProfileStatus) -> impl IntoView {
    let lang = use_lang();
    view! { <span class=format!("badge {}", status.css())>{lang.t(status.label())}</span> }
}

// ---------------------------------------------------------------------------------------------
// The owners' editor
// ---------------------------------------------------------------------------------------------

#[component]
pub fn ProfileEditPage() -> impl IntoView {
    let lang = use_lang();
    let profile = Resource::new(|| (), |_| get_my_profile());
    view! {
        <Title text=lang.t(Key::ProfileEditTitle) />
        <section class="container">
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(p) => view! { <ProfileEditor profile=p /> }.into_any(),
                        Err(AppError::Unauthorized) => view! {
                            <h1>{lang.t(Key::ProfileEditTitle)}</h1>
                            <p>{lang.t(Key::ProfileLoginFirst)}" "<a href="/login?next=/profile">{lang.t(Key::NavLogin)}</a></p>
                        }.into_any(),
                        Err(AppError::Forbidden) => view! {
                            <h1>{lang.t(Key::ProfileEditTitle)}</h1>
                            <div class="alert alert-error" role="alert">{lang.t(Key::ProfileOnlyProviders)}</div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProfileEditor(profile: MyProfile) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let flash = move || {
        let q = query.read();
        if q.get("submitted").is_some() {
            Some(Key::ProfileSubmittedNotice)
        } else if q.get("saved").is_some() {
            Some(Key::ProfileSavedNotice)
        } else {
            None
        }
    };

    let d = profile.draft.clone();
    let consultant = profile.kind == ProfileKind::Consultant;
    let transition_options: Vec<(String, String)> = profile
        .choices
        .iter()
        .map(|c| (c.key.clone(), c.name.get(lang).to_string()))
        .collect();
    let variant_options: Vec<(String, String)> = Variant::ALL
        .iter()
        .map(|v| (v.code().to_string(), lang.t(v.label()).to_string()))
        .collect();
    let region_options: Vec<(String, String)> = PROVINCES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect();
    let size_options: Vec<(String, String)> = SIZE_CLASSES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect();
    let variants: Vec<String> = d.variants.iter().map(|v| v.code().to_string()).collect();
    let references: Vec<Case> = (0..MAX_REFERENCES)
        .map(|i| d.references.get(i).cloned().unwrap_or_default())
        .collect();
    let logo_url = d.logo_url();
    let public_link = matches!(
        profile.status,
        ProfileStatus::Published
            | ProfileStatus::PublishedWithEdits
            | ProfileStatus::RevisionPending
            | ProfileStatus::RevisionReturned
    )
    .then(|| profile.slug.clone())
    .flatten();
    let title = match profile.kind {
        ProfileKind::Provider => Key::ProfileEditTitle,
        ProfileKind::Consultant => Key::ProfileEditTitleConsultant,
    };
    view! {
        <h1>{lang.t(title)}</h1>
        <p class="lead">{lang.t(Key::ProfileEditIntro)}</p>
        <div class="card profile-status">
            <p>{lang.t(Key::ProfileStatusLabel)}": " <StatusBadge status=profile.status /></p>
            {profile.review_note.clone().map(|note| view! {
                <div class="alert alert-warning" role="status">
                    <strong>{lang.t(Key::ProfileReviewNote)}": "</strong>{note}
                </div>
            })}
            <p class="hint">{lang.t(Key::ProfileLifecycleHint)}</p>
            <p class="actions">
                {public_link.map(|slug| view! {
                    <A href=format!("/directory/{slug}") attr:class="btn btn-secondary">{lang.t(Key::ProfileViewPublic)}</A>
                })}
                <A href="/profile/requests" attr:class="btn btn-secondary">{lang.t(Key::InboxTitle)}</A>
            </p>
        </div>
        {move || flash().map(|k| view! { <div class="alert alert-success" role="status" data-flash="">{lang.t(k)}</div> })}
        <FetchForm action="/profile/save".to_string() class="card profile-form".to_string() error=url_error(lang) texts=FetchFormTexts::new(lang)>
            <fieldset>
                <legend>{lang.t(Key::ProfileSectionAbout)}</legend>
                <TextInput name="name" label=Key::ProfileFieldName value=d.name.clone() required=true maxlength=120 />
                <TextInput name="pitch" label=Key::ProfileFieldPitch value=d.pitch.clone() maxlength=200 hint=Key::ProfileFieldPitchHint />
                <TextArea name="description" label=Key::ProfileFieldDescription value=d.description.clone() rows=10 maxlength=MAX_DESCRIPTION hint=Key::ProfileFieldDescriptionHint />
                <div class="field">
                    <label for="field-logo">{lang.t(Key::ProfileFieldLogo)}</label>
                    {logo_url.clone().map(|url| view! {
                        <p class="logo-current"><img src=url alt=lang.t(Key::ProfileLogoCurrent) class="logo-preview" /></p>
                    })}
                    <input id="field-logo" name="logo" type="file" accept="image/png,image/jpeg" aria-describedby="field-logo-hint" />
                    <p class="hint" id="field-logo-hint">{lang.t(Key::ProfileFieldLogoHint)}</p>
                    {logo_url.map(|_| view! {
                        <label class="choice-inline"><input type="checkbox" name="remove_logo" />" "{lang.t(Key::ProfileRemoveLogo)}</label>
                    })}
                </div>
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::ProfileSectionOffer)}</legend>
                <CheckGroup name="transitions" legend=Key::ProfileFieldTransitions options=transition_options selected=d.transitions.clone() hint=Key::ProfileFieldTransitionsHint />
                <TextInput name="services" label=Key::ProfileFieldServices value=d.services.join(", ") hint=Key::TagsHint />
                <TextInput name="technologies" label=Key::ProfileFieldTechnologies value=d.technologies.join(", ") hint=Key::TagsHint />
                {consultant.then(|| view! {
                    <TextInput name="certifications" label=Key::ProfileFieldCertifications value=d.certifications.join(", ") hint=Key::TagsHint />
                    <TextInput name="languages" label=Key::ProfileFieldLanguages value=d.languages.join(", ") hint=Key::TagsHint />
                    <div class="field">
                        <label class="choice-inline">
                            <input type="checkbox" name="available" checked=d.available />
                            " "{lang.t(Key::ProfileFieldAvailable)}
                        </label>
                    </div>
                    <TextInput name="availability_note" label=Key::ProfileFieldAvailabilityNote value=d.availability_note.clone() maxlength=200 />
                })}
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::ProfileSectionAudience)}</legend>
                <CheckGroup name="variants" legend=Key::ProfileFieldVariants options=variant_options selected=variants />
                <CheckGroup name="sizes" legend=Key::ProfileFieldSizes options=size_options selected=d.sizes.clone() />
                <CheckGroup name="regions" legend=Key::ProfileFieldRegions options=region_options selected=d.regions.clone() />
                <p class="hint">{lang.t(Key::ProfileAudienceHint)}</p>
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::ProfileSectionReferences)}</legend>
                <p class="hint">{lang.t(Key::ProfileReferencesHint)}</p>
                {references.into_iter().enumerate().map(|(i, case)| {
                    let n = i + 1;
                    view! {
                        <div class="reference-slot">
                            <h2 class="h4">{lang.fill(Key::ProfileReferenceN, &[("n", &n.to_string())])}</h2>
                            <TextInput name=REFERENCE_FIELDS[i][0] label=Key::ProfileFieldRefTitle value=case.title maxlength=120 />
                            <TextInput name=REFERENCE_FIELDS[i][1] label=Key::ProfileFieldRefCustomer value=case.customer_type maxlength=120 />
                            <TextArea name=REFERENCE_FIELDS[i][2] label=Key::ProfileFieldRefText value=case.text rows=3 maxlength=1000 />
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::ProfileSectionContact)}</legend>
                <TextInput name="contact_name" label=Key::ProfileFieldContactName value=d.contact_name.clone() maxlength=120 />
                <TextInput name="contact_email" label=Key::ProfileFieldContactEmail value=d.contact_email.clone() kind="email" />
                <TextInput name="website" label=Key::ProfileFieldWebsite value=d.website.clone() kind="url" hint=Key::ProfileFieldWebsiteHint />
            </fieldset>
            <div class="form-actions">
                <button type="submit" name="intent" value="save" class="btn btn-secondary">
                    {lang.t(Key::ProfileSaveDraft)}
                </button>
                <button type="submit" name="intent" value="submit" class="btn btn-primary">
                    {lang.t(Key::ProfileSubmit)}
                </button>
            </div>
        </FetchForm>
    }
}

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
    let variant_options: Vec<(String, String)> = Variant::ALL
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

#[component]
pub fn ReviewListPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| staff_profiles());
    view! {
        <Title text=lang.t(Key::ReviewTitle) />
        <section class="container">
            <crate::ui::StaffNav />
            <h1>{lang.t(Key::ReviewTitle)}</h1>
            <p class="lead">{lang.t(Key::ReviewIntro)}</p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.t(Key::ReviewEmpty)}</p> }.into_any(),
                        Ok(items) => view! {
                            <div class="table-wrap" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{lang.t(Key::ProfileFieldName)}</th>
                                        <th scope="col">{lang.t(Key::DirectoryKind)}</th>
                                        <th scope="col">{lang.t(Key::ProfileStatusLabel)}</th>
                                        <th scope="col">{lang.t(Key::ReviewChanged)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {items.into_iter().map(|i| view! {
                                            <tr>
                                                <th scope="row"><A href=format!("/staff/profiles/{}", i.id)>{if i.name.is_empty() { i.slug.clone() } else { i.name.clone() }}</A></th>
                                                <td>{lang.t(i.kind.label())}</td>
                                                <td><StatusBadge status=i.status /></td>
                                                <td>{format_date(i.updated_at)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let review = ServerAction::<ReviewProfile>::new();
    let detail = Resource::new(id, staff_profile);
    view! {
        <Title text=lang.t(Key::ReviewTitle) />
        <section class="container">
            <p class="breadcrumb"><A href="/staff/profiles">{lang.t(Key::ReviewBack)}</A></p>
            <Loaded resource=detail let:d>
                <ReviewView detail=d review />
            </Loaded>
        </section>
    }
}

/// Everything a profile would show in the directory, for staff to check before approving:
/// also the kinds and sizes of company it serves, its references and who to contact.
#[component]
fn ContentSummary(
    content: ProfileContent,
    choices: Vec<TransitionChoice>,
    consultant: bool,
) -> impl IntoView {
    let lang = use_lang();
    let transitions = transition_names(&choices, &content.transitions, lang).join(", ");
    let names = |codes: &[String], name: fn(&str) -> Option<Key>| {
        codes
            .iter()
            .filter_map(|c| name(c).map(|k| lang.t(k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let regions = names(&content.regions, |c| label(&PROVINCES, c));
    let sizes = names(&content.sizes, |c| label(&SIZE_CLASSES, c));
    let variants = content
        .variants
        .iter()
        .map(|v| lang.t(v.label()))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <dl class="facts">
            <dt>{lang.t(Key::ProfileFieldName)}</dt><dd>{content.name.clone()}</dd>
            <dt>{lang.t(Key::ProfileFieldPitch)}</dt><dd>{content.pitch.clone()}</dd>
            <dt>{lang.t(Key::ProfileFieldTransitions)}</dt><dd>{transitions}</dd>
            <dt>{lang.t(Key::ProfileFieldServices)}</dt><dd>{content.services.join(", ")}</dd>
            <dt>{lang.t(Key::ProfileFieldTechnologies)}</dt><dd>{content.technologies.join(", ")}</dd>
            <dt>{lang.t(Key::ProfileFieldVariants)}</dt><dd>{variants}</dd>
            <dt>{lang.t(Key::ProfileFieldSizes)}</dt><dd>{sizes}</dd>
            <dt>{lang.t(Key::ProfileFieldRegions)}</dt><dd>{regions}</dd>
            {consultant.then(|| view! {
                <dt>{lang.t(Key::ProfileFieldCertifications)}</dt><dd>{content.certifications.join(", ")}</dd>
                <dt>{lang.t(Key::ProfileFieldLanguages)}</dt><dd>{content.languages.join(", ")}</dd>
                <dt>{lang.t(Key::ProfileFieldAvailabilityNote)}</dt>
                <dd>{if content.available { lang.t(Key::ProfileAvailable) } else { lang.t(Key::ProfileUnavailable) }}
                    {(!content.availability_note.is_empty()).then(|| format!(" · {}", content.availability_note))}</dd>
            })}
            <dt>{lang.t(Key::ProfileFieldContactName)}</dt><dd>{content.contact_name.clone()}</dd>
            <dt>{lang.t(Key::ProfileFieldContactEmail)}</dt><dd>{content.contact_email.clone()}</dd>
            <dt>{lang.t(Key::ProfileFieldWebsite)}</dt><dd>{content.website.clone()}</dd>
            <dt>{lang.t(Key::ProfileFieldLogo)}</dt>
            <dd>{content.logo_url().map(|u| view! { <img class="logo-small" src=u alt="" /> })}</dd>
        </dl>
        {(!content.references.is_empty()).then(|| view! {
            <h3 class="h4">{lang.t(Key::ProfileSectionReferences)}</h3>
            <ul class="reference-list">
                {content.references.iter().map(|r| view! {
                    <li>
                        <strong>{r.title.clone()}</strong>
                        {(!r.customer_type.is_empty()).then(|| view! { " · "<span class="muted">{r.customer_type.clone()}</span> })}
                        <p class="pre-line">{r.text.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn ReviewView(detail: ReviewDetail, review: ServerAction<ReviewProfile>) -> impl IntoView {
    let lang = use_lang();
    let done = query_value("done");
    let pending = matches!(
        detail.status,
        ProfileStatus::Submitted | ProfileStatus::RevisionPending
    );
    let is_published = detail.published.is_some();
    let consultant = detail.kind == ProfileKind::Consultant;
    let id = detail.id.to_string();
    view! {
        <h1>{detail.draft.name.clone()}</h1>
        <p>{lang.t(detail.kind.label())}" · " <StatusBadge status=detail.status />
            {is_published.then(|| view! { " · " <A href=format!("/directory/{}", detail.slug)>{lang.t(Key::ProfileViewPublic)}</A> })}
        </p>
        <Show when=move || done.get() == "1">
            <div class="alert alert-success" role="status">{lang.t(Key::ReviewDone)}</div>
        </Show>
        {detail.review_note.clone().map(|n| view! { <p class="muted">{lang.t(Key::ProfileReviewNote)}": "{n}</p> })}
        <div class="review-columns">
            <div class="card">
                <h2 class="h3">{lang.t(Key::ReviewProposed)}</h2>
                <ContentSummary content=detail.draft.clone() choices=detail.choices.clone() consultant />
                <h3 class="h4">{lang.t(Key::ProfileFieldDescription)}</h3>
                <div class="prose" inner_html=detail.draft_html.clone()></div>
            </div>
            {detail.published.clone().map(|p| view! {
                <div class="card">
                    <h2 class="h3">{lang.t(Key::ReviewPublished)}</h2>
                    <ContentSummary content=p choices=detail.choices.clone() consultant />
                </div>
            })}
        </div>
        <div class="card">
            <ActionForm action=review>
                <FormAlert error=action_error(review) />
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="field-reason">{lang.t(Key::ReviewReason)}</label>
                    <textarea id="field-reason" name="reason" rows="3" maxlength="1000" aria-describedby="field-reason-hint"></textarea>
                    <p class="hint" id="field-reason-hint">{lang.t(Key::ReviewReasonHint)}</p>
                </div>
                <div class="form-actions">
                    {pending.then(|| view! {
                        <button type="submit" name="decision" value="approve" class="btn btn-primary">{lang.t(Key::ReviewApprove)}</button>
                        <button type="submit" name="decision" value="return" class="btn btn-secondary">{lang.t(Key::ReviewReturn)}</button>
                    })}
                    {is_published.then(|| view! {
                        <button type="submit" name="decision" value="unpublish" class="btn btn-danger">{lang.t(Key::ReviewUnpublish)}</button>
                    })}
                </div>
                {(!pending && !is_published).then(|| view! { <p class="muted">{lang.t(Key::ReviewNothingToDo)}</p> })}
            </ActionForm>
        </div>
    }
}
