//! The staff's review of profiles: the list of profiles waiting, and one profile's submitted
//! content against what is published, to approve or send back with a note.

use super::api::*;
use super::edit_pages::StatusBadge;
use super::model::*;
use super::pages::transition_names;
use super::view::*;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key};
use crate::ui::Loaded;
use crate::ui::LoadedTable;
use crate::ui::StaffPage;
use crate::ui::{action_error, format_date, query_value, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReviewListPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| staff_profiles());
    view! {
        <StaffPage title=Key::ReviewTitle intro=Key::ReviewIntro>
            <LoadedTable resource=list empty=Key::ReviewEmpty
                headings=vec![Key::ProfileFieldName, Key::DirectoryKind, Key::ProfileStatusLabel, Key::ReviewChanged]
                row=move |i| view! {
                    <tr>
                        <th scope="row"><A href=format!("/staff/profiles/{}", i.id)>{if i.name.is_empty() { i.slug.clone() } else { i.name.clone() }}</A></th>
                        <td>{lang.t(i.kind.label())}</td>
                        <td><StatusBadge status=i.status /></td>
                        <td>{format_date(i.updated_at)}</td>
                    </tr>
                } />
        </StaffPage>
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
