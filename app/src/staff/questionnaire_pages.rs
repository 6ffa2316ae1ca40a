//! Questionnaire versions: the list per variant, and the editor that turns a version's texts
//! into a new draft version.

use super::api::*;
use super::editor::{item_field, title_field, transition_field};
use super::model::VersionInfo;
use crate::assessment::model::{Questionnaire, Text, Variant};
use crate::assessment::questionnaire_file::{download_path, IMPORT_PAGE, UPLOAD_PATH};
use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::StaffNav;
use crate::ui::StaffPage;
use crate::ui::{format_date, query_value, ErrorAlert, FetchForm, FetchFormTexts, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuestionnairesPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| questionnaire_versions());
    let imported = query_value("imported");
    let imported_variant = query_value("variant");
    view! {
        <StaffPage title=Key::QuestionnairesTitle intro=Key::QuestionnairesIntro>
            <Show when=move || !imported.get().is_empty()>
                <div class="alert alert-success" role="status" data-testid="imported">
                    {move || {
                        let variant = Variant::parse(&imported_variant.get()).map(|v| lang.t(v.label())).unwrap_or_default();
                        lang.fill(Key::QuestionnairesImported, &[("version", &imported.get()), ("variant", variant)])
                    }}
                </div>
            </Show>
            <p><A href=IMPORT_PAGE attr:class="btn btn-secondary">{lang.t(Key::QuestionnairesImportLink)}</A></p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) => view! {
                            {Variant::ALL.into_iter().map(|v| {
                                let own: Vec<VersionInfo> = rows.iter().filter(|r| r.variant == v).cloned().collect();
                                view! {
                                    <section class="card">
                                        <div class="title-row">
                                            <h2>{lang.t(v.label())}</h2>
                                            <div class="actions">
                                                <A href=format!("/staff/questionnaires/{}", v.code()) attr:class="btn btn-primary">{lang.t(Key::QuestionnairesEdit)}</A>
                                                <A href=super::step_editor::list_path(v) attr:class="btn btn-secondary">{lang.t(Key::StepTemplatesLink)}</A>
                                            </div>
                                        </div>
                                        <div class="table-wrap" tabindex="0">
                                            // One block per version on a phone, not a table to scroll past.
                                            <table class="stack-narrow">
                                                <thead><tr>
                                                    <th scope="col">{lang.t(Key::QuestionnairesVersion)}</th>
                                                    <th scope="col">{lang.t(Key::QuestionnairesPublished)}</th>
                                                    <th scope="col">{lang.t(Key::QuestionnairesBy)}</th>
                                                    <th scope="col">{lang.t(Key::QuestionnairesNote)}</th>
                                                    <th scope="col" class="num">{lang.t(Key::CompaniesAssessments)}</th>
                                                    <th scope="col"><span class="visually-hidden">{lang.t(Key::QuestionnairesFileColumn)}</span></th>
                                                </tr></thead>
                                                <tbody>
                                                    {own.into_iter().map(|r| view! {
                                                        <tr>
                                                            <td data-label=lang.t(Key::QuestionnairesVersion)>{r.version}</td>
                                                            <td data-label=lang.t(Key::QuestionnairesPublished)>{format_date(r.created_at)}</td>
                                                            <td data-label=lang.t(Key::QuestionnairesBy)>{r.published_by.unwrap_or_else(|| lang.t(Key::QuestionnairesShipped).to_string())}</td>
                                                            <td data-label=lang.t(Key::QuestionnairesNote)>{r.change_note.unwrap_or_default()}</td>
                                                            <td class="num" data-label=lang.t(Key::CompaniesAssessments)>{r.assessments}</td>
                                                            <td data-label=lang.t(Key::QuestionnairesFileColumn)><a href=download_path(r.variant, r.version) download>{lang.fill(Key::QuestionnairesDownload, &[("version", &r.version.to_string())])}</a></td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    </section>
                                }
                            }).collect_view()}
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffPage>
    }
}

#[component]
pub fn QuestionnaireEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let variant = move || {
        params
            .read()
            .get("variant")
            .and_then(|v| Variant::parse(&v))
    };
    let published = query_value("published");
    let data = Resource::new(variant, |v| async move {
        match v {
            Some(v) => questionnaire_for_editing(v).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=lang.t(Key::QuestionnairesEdit) />
        <section class="container">
            <StaffNav />
            <p class="breadcrumbs"><A href="/staff/questionnaires">{lang.t(Key::QuestionnairesTitle)}</A></p>
            <Show when=move || !published.get().is_empty()>
                <div class="alert alert-success" role="status" data-testid="published">
                    {move || lang.fill(Key::QuestionnairesPublishedNow, &[("version", &published.get())])}
                </div>
            </Show>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((id, q)) => view! { <QuestionnaireEditor version_id=id questionnaire=q /> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Two text areas (Dutch, English) for one text.
fn text_pair(
    lang: Lang,
    label: String,
    name_of: impl Fn(&str) -> String,
    text: &Text,
    rows: u32,
) -> impl IntoView {
    let nl = name_of("nl");
    let en = name_of("en");
    view! {
        <fieldset class="text-pair">
            <legend>{label}</legend>
            <div class="field">
                <label for=nl.clone()>{lang.t(Key::LanguageNl)}</label>
                <textarea id=nl.clone() name=nl rows=rows required>{text.nl.clone()}</textarea>
            </div>
            <div class="field">
                <label for=en.clone()>{lang.t(Key::LanguageEn)}</label>
                <textarea id=en.clone() name=en rows=rows required>{text.en.clone()}</textarea>
            </div>
        </fieldset>
    }
}

#[component]
fn QuestionnaireEditor(version_id: i64, questionnaire: Questionnaire) -> impl IntoView {
    let lang = use_lang();
    // A plain post that failed comes back with the error in the URL (texts are then lost:
    // without JavaScript the browser cannot keep a thousand fields; with it, nothing is lost).
    let q = questionnaire;
    view! {
        <h1>{lang.t(Key::QuestionnairesEdit)}": "{q.title.get(lang).to_string()}</h1>
        <p class="lead">{lang.fill(Key::QuestionnairesEditIntro, &[("version", &q.version.to_string()), ("next", &(q.version + 1).to_string())])}</p>
        <FetchForm action="/staff/questionnaires/publish".to_string() class="stack questionnaire-editor".to_string() texts=FetchFormTexts::new(lang)>
            <input type="hidden" name="variant" value=q.variant.code() />
            <input type="hidden" name="based_on" value=version_id.to_string() />
            {text_pair(lang, lang.t(Key::QuestionnairesTitleField).to_string(), title_field, &q.title, 1)}
            {q.transitions.iter().map(|t| {
                let tkey = t.key.clone();
                let tkey2 = t.key.clone();
                view! {
                    <details class="card">
                        <summary>{t.name.get(lang).to_string()}</summary>
                        {text_pair(lang, lang.t(Key::QuestionnairesThemeName).to_string(), move |l| transition_field(&tkey, "name", l), &t.name, 1)}
                        {text_pair(lang, lang.t(Key::QuestionnairesThemeIntro).to_string(), move |l| transition_field(&tkey2, "intro", l), &t.intro, 4)}
                        {t.items.iter().map(|item| {
                            let key = item.key.clone();
                            view! {
                                <div class="editor-item">
                                    <h3>{item.question.get(lang).to_string()}</h3>
                                    {text_pair(lang, lang.t(Key::QuestionnairesQuestion).to_string(), {
                                        let key = key.clone();
                                        move |l| item_field(&key, "question", l)
                                    }, &item.question, 2)}
                                    {(!item.kind.is_level()).then(|| view! {
                                        <p class="hint">{lang.fill(Key::QuestionnairesTypedHint, &[("type", item.kind.code())])}</p>
                                    })}
                                    {item.levels.iter().enumerate().map(|(n, level)| {
                                        let key = key.clone();
                                        let part = format!("level{}", n + 1);
                                        text_pair(lang, lang.fill(Key::QuestionnairesLevel, &[("n", &(n + 1).to_string())]), move |l| item_field(&key, &part, l), level, 2)
                                    }).collect_view()}
                                </div>
                            }
                        }).collect_view()}
                    </details>
                }
            }).collect_view()}
            <div class="field">
                <label for="change_note">{lang.t(Key::QuestionnairesChangeNote)}</label>
                <input id="change_note" name="change_note" maxlength="500" />
                <p class="hint">{lang.t(Key::QuestionnairesChangeHint)}</p>
            </div>
            <button type="submit" class="btn btn-primary">{lang.t(Key::QuestionnairesPublish)}</button>
        </FetchForm>
    }
}

/// Uploading a questionnaire file as the next version: a plain form (a file needs no script),
/// and a refused file comes back here with every problem listed and the note kept.
#[component]
pub fn QuestionnaireImportPage() -> impl IntoView {
    let lang = use_lang();
    let refusal = Resource::new(|| (), |_| questionnaire_import_refusal());
    view! {
        <StaffPage title=Key::QuestionnairesImportTitle intro=Key::QuestionnairesImportIntro>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    // Without a kept refusal (none, expired, another browser) the form is empty.
                    let refusal = refusal.await.unwrap_or_default();
                    let invalid = (!refusal.problems.is_empty()).then_some("true");
                    view! {
                        <FormAlert error=Signal::derive(|| None) />
                        {(!refusal.problems.is_empty()).then(|| view! {
                            <ul class="problems" id="questionnaire-problems" data-testid="problems">
                                {refusal.problems.iter().map(|p| view! { <li>{p.message(lang)}</li> }).collect_view()}
                            </ul>
                        })}
                        <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="stack card">
                            <div class="field">
                                <label for="field-questionnaire">{lang.t(Key::QuestionnairesImportFile)}</label>
                                <input id="field-questionnaire" name="questionnaire" type="file" accept=".toml,application/toml,text/plain" required
                                    aria-invalid=invalid aria-describedby=invalid.map(|_| "questionnaire-problems") />
                            </div>
                            <div class="field">
                                <label for="change_note">{lang.t(Key::QuestionnairesChangeNote)}</label>
                                <input id="change_note" name="change_note" maxlength="500" value=refusal.change_note />
                                <p class="hint">{lang.t(Key::QuestionnairesChangeHint)}</p>
                            </div>
                            <button type="submit" class="btn btn-primary">{lang.t(Key::QuestionnairesImportSubmit)}</button>
                        </form>
                    }
                })}
            </Suspense>
        </StaffPage>
    }
}
