//! The staff's best practices: the list (drafts and published), and the form to write a case,
//! add and remove photos, publish and withdraw it. The form posts with or without script.

use super::api::{
    practice_form, staff_practices, DeletePractice, RemovePracticePhoto,
    SetPracticeStatus as SetStatus,
};
use super::model::{PracticeStatus, COMPANY_MAX, STORY_MAX, TITLE_MAX};
use super::view::PracticeEditor;
use crate::assessment::model::Variant;
use crate::assessment::profile::{PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key};
use crate::ui::StaffPage;
use crate::ui::{
    format_date, query_value, url_error, FetchForm, FetchFormTexts, Loaded, SelectField, TextArea,
    TextInput,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffPracticesPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| staff_practices());
    view! {
        <StaffPage title=Key::StaffPracticesTitle intro=Key::StaffPracticesIntro>
            {(!query_value("deleted").get_untracked().is_empty()).then(|| view! {
                <div class="alert alert-success" role="status">{lang.t(Key::StaffPracticeDeleted)}</div>
            })}
            <p><a href="/staff/practices/new" class="btn btn-primary">{lang.t(Key::StaffPracticesNew)}</a></p>
            <Loaded resource=list let:rows>
                {if rows.is_empty() {
                    view! { <p class="empty">{lang.t(Key::PracticesNone)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap" tabindex="0">
                            <table>
                                <thead><tr>
                                    <th scope="col">{lang.t(Key::StaffPracticesCase)}</th>
                                    <th scope="col">{lang.t(Key::ProfileStatusLabel)}</th>
                                    <th scope="col">{lang.t(Key::StaffPracticesChanged)}</th>
                                    <th scope="col" class="num">{lang.t(Key::StaffPracticesPhotos)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <th scope="row"><a href=format!("/staff/practices/{}/edit", r.id)>{r.title_nl}</a></th>
                                            <td>{lang.t(r.status.label())}</td>
                                            <td>{format_date(r.updated_at)}</td>
                                            <td class="num">{r.photos}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </Loaded>
        </StaffPage>
    }
}

/// `/staff/practices/new` and `/staff/practices/:id/edit`.
#[component]
pub fn StaffPracticeEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0i64)
    };
    let editor = Resource::new(id, practice_form);
    let flash = [
        ("saved", Key::StaffPracticeSaved),
        ("published", Key::StaffPracticePublishedDone),
        ("withdrawn", Key::StaffPracticeWithdrawnDone),
        ("photo_removed", Key::StaffPracticePhotoRemoved),
    ]
    .into_iter()
    .find(|(code, _)| query_value("done").get_untracked() == *code)
    .map(|(_, key)| key);
    view! {
        <Title text=lang.t(Key::StaffPracticeEditTitle) />
        <section class="container">
            <p class="breadcrumb"><a href="/staff/practices">{lang.t(Key::StaffPracticesBack)}</a></p>
            <h1>{lang.t(Key::StaffPracticeEditTitle)}</h1>
            {flash.map(|k| view! { <div class="alert alert-success" role="status" data-flash="">{lang.t(k)}</div> })}
            <Loaded resource=editor let:editor>
                <PracticeActions editor=editor.clone() />
                <PracticeForm editor />
            </Loaded>
        </section>
    }
}

/// Publish or withdraw, view the public page, and the photos with their remove buttons: each
/// its own small form outside the case's form.
#[component]
fn PracticeActions(editor: PracticeEditor) -> impl IntoView {
    let lang = use_lang();
    let Some(id) = editor.id else {
        return ().into_any();
    };
    let (action, label) = match editor.status {
        PracticeStatus::Draft => ("publish", Key::StaffPracticePublish),
        PracticeStatus::Published => ("withdraw", Key::StaffPracticeWithdraw),
    };
    let form = query_value("form").get_untracked();
    let top_error = (form == SetStatus::PATH
        || form == RemovePracticePhoto::PATH
        || form == DeletePractice::PATH)
        .then(|| url_error(lang))
        .flatten();
    view! {
        {top_error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
        <div class="card practice-actions">
            <p>
                {lang.t(Key::ProfileStatusLabel)}": "<strong>{lang.t(editor.status.label())}</strong>" · "
                <a href=format!("/practices/{}", editor.slug)>{lang.t(Key::StaffPracticeView)}</a>
            </p>
            <form method="post" action=SetStatus::PATH class="inline-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="action" value=action />
                <button type="submit" class="btn btn-secondary">{lang.t(label)}</button>
            </form>
            <h2 id="photos" class="h3">{lang.t(Key::StaffPracticePhotos)}</h2>
            {if editor.photos.is_empty() {
                view! { <p class="empty">{lang.t(Key::StaffPracticeNoPhotos)}</p> }.into_any()
            } else {
                view! {
                    <ul class="practice-photo-list">
                        {editor.photos.into_iter().enumerate().map(|(i, (hash, src))| {
                            let n = (i + 1).to_string();
                            let alt = lang.fill(Key::StaffPracticePhotoN, &[("n", &n)]);
                            let remove = lang.fill(Key::StaffPracticePhotoRemove, &[("n", &n)]);
                            view! {
                                <li>
                                    <img src=src alt=alt loading="lazy" />
                                    <form method="post" action=RemovePracticePhoto::PATH>
                                        <input type="hidden" name="id" value=id.to_string() />
                                        <input type="hidden" name="hash" value=hash />
                                        <button type="submit" class="btn btn-danger btn-small">{remove}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <details class="practice-delete">
                <summary>{lang.t(Key::StaffPracticeDelete)}</summary>
                <p>{lang.t(Key::StaffPracticeDeleteText)}</p>
                <form method="post" action=DeletePractice::PATH>
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="btn btn-danger">{lang.t(Key::StaffPracticeDeleteConfirm)}</button>
                </form>
            </details>
        </div>
    }
    .into_any()
}

/// The case's fields as the form posts them: stored, or as typed in a refused post.
fn fields_of(editor: &PracticeEditor) -> Vec<(String, String)> {
    if let Some(kept) = &editor.kept {
        return kept.clone();
    }
    let i = &editor.input;
    let mut f: Vec<(String, String)> = [
        ("title_nl", &i.title_nl),
        ("title_en", &i.title_en),
        ("company_name", &i.company_name),
        ("variant", &i.variant),
        ("size_class", &i.size_class),
        ("province", &i.province),
        ("before_nl", &i.before_nl),
        ("before_en", &i.before_en),
        ("done_nl", &i.done_nl),
        ("done_en", &i.done_en),
        ("result_nl", &i.result_nl),
        ("result_en", &i.result_en),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.clone()))
    .collect();
    f.extend(
        i.transitions
            .iter()
            .map(|t| ("transitions".to_string(), t.clone())),
    );
    f.extend(
        i.profiles
            .iter()
            .map(|p| ("profiles".to_string(), p.to_string())),
    );
    f
}

#[component]
fn PracticeForm(editor: PracticeEditor) -> impl IntoView {
    let lang = use_lang();
    let fields = fields_of(&editor);
    let ticked = |name: &str, value: &str| fields.iter().any(|(k, v)| k == name && v == value);
    let chosen_transitions: Vec<String> = editor
        .transitions
        .iter()
        .filter(|(k, _)| ticked("transitions", k))
        .map(|(k, _)| k.clone())
        .collect();
    let chosen_profiles: Vec<i64> = editor
        .profiles
        .iter()
        .filter(|(id, _)| ticked("profiles", &id.to_string()))
        .map(|(id, _)| *id)
        .collect();
    let fields = StoredValue::new(fields);
    let value = move |name: &str| -> String {
        fields.with_value(|f| {
            f.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    };
    let input = move |name: &'static str, label: Key, max: usize, required: bool| {
        view! { <TextInput name=name label=label value=value(name) maxlength=max required=required /> }
    };
    let area = move |name: &'static str, label: Key| {
        view! { <TextArea name=name label=label rows=5 value=value(name) maxlength=STORY_MAX /> }
    };
    let variants: Vec<(String, String)> = Variant::SMART_FACTORY
        .iter()
        .map(|v| (v.code().to_string(), lang.t(v.label()).to_string()))
        .collect();
    let sizes: Vec<(String, String)> = SIZE_CLASSES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect();
    let regions: Vec<(String, String)> = PROVINCES
        .iter()
        .map(|(c, k)| (c.to_string(), lang.t(*k).to_string()))
        .collect();
    let id = editor.id.map(|id| id.to_string()).unwrap_or_default();
    view! {
        <FetchForm action="/staff/practices/save".to_string() class="card profile-form".to_string() texts=FetchFormTexts::photo(lang)>
            <input type="hidden" name="id" value=id />
            <fieldset>
                <legend>{lang.t(Key::StaffPracticeSectionWho)}</legend>
                {input("title_nl", Key::StaffPracticeTitleNl, TITLE_MAX, true)}
                {input("title_en", Key::StaffPracticeTitleEn, TITLE_MAX, false)}
                <TextInput name="company_name" label=Key::StaffPracticeCompany value=value("company_name") maxlength=COMPANY_MAX hint=Key::StaffPracticeCompanyHint />
                <div class="grid-3">
                    <SelectField name="variant" label=Key::DirectoryVariant options=variants selected=value("variant") required=true empty=Key::StaffPracticeChoose />
                    <SelectField name="size_class" label=Key::PracticeSize options=sizes selected=value("size_class") required=true empty=Key::StaffPracticeChoose />
                    <SelectField name="province" label=Key::DirectoryRegion options=regions selected=value("province") required=true empty=Key::StaffPracticeChoose />
                </div>
                <fieldset class="check-group" id="field-transitions">
                    <legend>{lang.t(Key::StaffPracticeTransitions)}</legend>
                    <div class="check-grid">
                        {editor.transitions.iter().map(|(key, name)| {
                            let checked = chosen_transitions.contains(key);
                            view! { <label class="choice-inline"><input type="checkbox" name="transitions" value=key.clone() checked=checked />" "{name.get(lang).to_string()}</label> }
                        }).collect_view()}
                    </div>
                </fieldset>
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::StaffPracticeSectionStory)}</legend>
                {area("before_nl", Key::StaffPracticeBeforeNl)}
                {area("before_en", Key::StaffPracticeBeforeEn)}
                {area("done_nl", Key::StaffPracticeDoneNl)}
                {area("done_en", Key::StaffPracticeDoneEn)}
                {area("result_nl", Key::StaffPracticeResultNl)}
                {area("result_en", Key::StaffPracticeResultEn)}
                <p class="hint">{lang.t(Key::StaffPracticeResultHint)}</p>
            </fieldset>
            <fieldset class="check-group" id="field-profiles">
                <legend>{lang.t(Key::PracticeWith)}</legend>
                <p class="hint">{lang.t(Key::StaffPracticeProfilesHint)}</p>
                <div class="check-grid">
                    {editor.profiles.iter().map(|(id, name)| {
                        let checked = chosen_profiles.contains(id);
                        view! { <label class="choice-inline"><input type="checkbox" name="profiles" value=id.to_string() checked=checked />" "{name.clone()}</label> }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="field-photo">{lang.t(Key::StaffPracticeAddPhoto)}</label>
                <input id="field-photo" name="photo" type="file" accept="image/png,image/jpeg" aria-describedby="field-photo-hint" />
                <p class="hint" id="field-photo-hint">{lang.t(Key::StaffPracticePhotoHint)}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{lang.t(Key::StaffPracticeSave)}</button>
            </div>
        </FetchForm>
    }
}
