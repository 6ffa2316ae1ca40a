//! A provider's or consultant's own profile: the editor with its draft, the state of its review
//! and the way to submit it.

use super::api::*;
use super::model::*;
use super::view::*;
use crate::assessment::model::Variant;
use crate::assessment::profile::{PROVINCES, SIZE_CLASSES};
use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::ui::{CheckGroup, ErrorAlert, FetchForm, FetchFormTexts, TextArea, TextInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub(super) fn StatusBadge(status: ProfileStatus) -> impl IntoView {
    let lang = use_lang();
    view! { <span class=format!("badge {}", status.css())>{lang.t(status.label())}</span> }
}

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
    let variant_options: Vec<(String, String)> = Variant::SMART_FACTORY
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
        <FetchForm action="/profile/save".to_string() class="card profile-form".to_string() texts=FetchFormTexts::new(lang)>
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
