//! Staff pages for the plan step templates (issue 18): a variant's questions with the advice
//! each has, and one question's templates per level and size class.

use super::api::{questionnaire_for_editing, step_templates_for_editing};
use super::model::StepTemplateEditor;
use super::step_editor::{field, levels, list_path, page_path, sizes};
use crate::assessment::model::{Item, Level, Questionnaire, Variant};
use crate::assessment::profile::SIZE_CLASSES;
use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::{query_value, FetchForm, FetchFormTexts, Loaded, StaffNav};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn variant_param() -> impl Fn() -> Option<Variant> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("variant")
            .and_then(|v| Variant::parse(&v))
    }
}

/// `/staff/questionnaires/:variant/steps`: every question of the newest version with how many
/// templates it has.
#[component]
pub fn StepTemplatesPage() -> impl IntoView {
    let lang = use_lang();
    let variant = variant_param();
    let data = Resource::new(variant, |v| async move {
        match v {
            Some(v) => questionnaire_for_editing(v).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=lang.t(Key::StepTemplatesTitle) />
        <section class="container">
            <StaffNav />
            <p class="breadcrumbs"><A href="/staff/questionnaires">{lang.t(Key::QuestionnairesTitle)}</A></p>
            <Loaded resource=data let:found>
                <TemplateList questionnaire=found.1 />
            </Loaded>
        </section>
    }
}

/// "Advice: 3 · No step: 1", or that there are none.
fn summary(lang: Lang, item: &Item) -> String {
    if item.steps.is_empty() {
        return lang.t(Key::StepTemplatesNone).to_string();
    }
    let skipped = item.steps.iter().filter(|t| t.advice.is_none()).count();
    lang.fill(
        Key::StepTemplatesSummary,
        &[
            ("advice", &(item.steps.len() - skipped).to_string()),
            ("skipped", &skipped.to_string()),
        ],
    )
}

#[component]
fn TemplateList(questionnaire: Questionnaire) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire;
    view! {
        <h1>{lang.t(Key::StepTemplatesTitle)}": "{q.title.get(lang).to_string()}</h1>
        <p class="lead">{lang.fill(Key::StepTemplatesIntro, &[("version", &q.version.to_string())])}</p>
        {q.transitions.iter().map(|t| view! {
            <section class="card">
                <h2>{t.name.get(lang).to_string()}</h2>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{lang.t(Key::QuestionnairesQuestion)}</th>
                            <th scope="col">{lang.t(Key::StepTemplatesColumn)}</th>
                        </tr></thead>
                        <tbody>
                            {t.items.iter().map(|item| view! {
                                <tr>
                                    <td><a href=page_path(q.variant, &item.key)>{item.question.get(lang).to_string()}</a></td>
                                    <td>{summary(lang, item)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }).collect_view()}
    }
}

/// `/staff/questionnaires/:variant/steps/:item`: one question's templates.
#[component]
pub fn StepTemplatePage() -> impl IntoView {
    let lang = use_lang();
    let variant = variant_param();
    let params = use_params_map();
    let item = move || params.read().get("item").unwrap_or_default();
    let published = query_value("published");
    let data = Resource::new(
        move || (variant(), item()),
        |(v, item)| async move {
            match v {
                Some(v) => step_templates_for_editing(v, item).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=lang.t(Key::StepTemplatesTitle) />
        <section class="container">
            <StaffNav />
            <p class="breadcrumbs">
                <A href="/staff/questionnaires">{lang.t(Key::QuestionnairesTitle)}</A>" › "
                {move || variant().map(|v| view! { <a href=list_path(v)>{lang.t(Key::StepTemplatesTitle)}</a> })}
            </p>
            <Show when=move || !published.get().is_empty()>
                <div class="alert alert-success" role="status" data-testid="published">
                    {move || lang.fill(Key::StepTemplatesSaved, &[("version", &published.get())])}
                </div>
            </Show>
            {move || variant().map(|v| view! {
                <Loaded resource=data let:editor>
                    <TemplateForm variant=v editor />
                </Loaded>
            })}
        </section>
    }
}

/// One level's fieldset as the form shows it: the level, its goal text, whether it holds
/// anything (then it starts open) and each size's row (size, Dutch, English, no step).
struct LevelRows {
    to: Level,
    goal: String,
    filled: bool,
    rows: Vec<(Option<&'static str>, String, String, bool)>,
}

#[component]
fn TemplateForm(variant: Variant, editor: StepTemplateEditor) -> impl IntoView {
    let lang = use_lang();
    let item = &editor.item;
    // The stored templates as the form posts them, or what a refused plain post typed.
    let value = |name: &str| -> String {
        match &editor.kept {
            Some(kept) => crate::text::posted(kept, name).to_string(),
            None => stored(item, name),
        }
    };
    let levels: Vec<LevelRows> = levels()
        .map(|to| {
            let rows: Vec<_> = sizes()
                .map(|size| {
                    (
                        size,
                        value(&field(to, size, "nl")),
                        value(&field(to, size, "en")),
                        !value(&field(to, size, "skip")).is_empty(),
                    )
                })
                .collect();
            LevelRows {
                to,
                goal: item
                    .level_text(to)
                    .map(|t| t.get(lang).to_string())
                    .unwrap_or_default(),
                filled: rows
                    .iter()
                    .any(|(_, nl, en, skip)| *skip || !nl.is_empty() || !en.is_empty()),
                rows,
            }
        })
        .collect();
    let note = value("change_note");
    let question = item.question.get(lang).to_string();
    let theme = editor.transition_name.get(lang).to_string();
    let key = item.key.clone();
    view! {
        <h1>{question}</h1>
        <p class="lead">
            {theme}" · "
            {lang.fill(Key::StepTemplateIntro, &[("next", &(editor.version + 1).to_string())])}
        </p>
        <FetchForm action="/staff/questionnaires/steps".to_string() class="stack step-templates".to_string() texts=FetchFormTexts::new(lang)>
            <input type="hidden" name="variant" value=variant.code() />
            <input type="hidden" name="based_on" value=editor.version_id.to_string() />
            <input type="hidden" name="item" value=key />
            {levels.into_iter().map(|level| view! {
                <details class="card" open=level.filled>
                    <summary>{lang.fill(Key::StepTemplateLevel, &[("n", &level.to.value().to_string())])}</summary>
                    <p class="muted">{lang.t(Key::StepTemplateGoal)}" "{level.goal}</p>
                    {level.rows.into_iter().map(|(size, nl, en, skip)| view! {
                        <SizeRow to=level.to size nl en skip />
                    }).collect_view()}
                </details>
            }).collect_view()}
            <div class="field">
                <label for="change_note">{lang.t(Key::QuestionnairesChangeNote)}</label>
                <input id="change_note" name="change_note" maxlength="500" value=note />
                <p class="hint">{lang.t(Key::QuestionnairesChangeHint)}</p>
            </div>
            <button type="submit" class="btn btn-primary">{lang.t(Key::StepTemplateSave)}</button>
        </FetchForm>
    }
}

/// A stored template's value under its form field name ("" for none).
fn stored(item: &Item, name: &str) -> String {
    for to in levels() {
        for size in sizes() {
            let Some(t) = item
                .steps
                .iter()
                .find(|t| t.to == to && t.size.as_deref() == size)
            else {
                continue;
            };
            if name == field(to, size, "skip") {
                return if t.advice.is_none() {
                    "1".into()
                } else {
                    String::new()
                };
            }
            for lang in ["nl", "en"] {
                if name == field(to, size, lang) {
                    return t
                        .advice
                        .as_ref()
                        .map(|a| {
                            if lang == "nl" {
                                a.nl.clone()
                            } else {
                                a.en.clone()
                            }
                        })
                        .unwrap_or_default();
                }
            }
        }
    }
    String::new()
}

/// One size class's row (or every size's): advice in both languages and "no step".
#[component]
fn SizeRow(
    to: Level,
    size: Option<&'static str>,
    nl: String,
    en: String,
    skip: bool,
) -> impl IntoView {
    let (value, value_en) = (nl, en);
    let lang = use_lang();
    let (nl, en, skip_name) = (
        field(to, size, "nl"),
        field(to, size, "en"),
        field(to, size, "skip"),
    );
    let label = match size {
        None => lang.t(Key::StepTemplateAllSizes).to_string(),
        Some(code) => SIZE_CLASSES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, key)| lang.fill(Key::StepTemplateSize, &[("size", lang.t(*key))]))
            .unwrap_or_default(),
    };
    let hint = match size {
        None => lang.t(Key::StepTemplateAllHint),
        Some(_) => lang.t(Key::StepTemplateSizeHint),
    };
    view! {
        <fieldset class="text-pair step-template-row">
            <legend>{label}</legend>
            <p class="hint">{hint}</p>
            <div class="field">
                <label for=nl.clone()>{lang.t(Key::LanguageNl)}</label>
                <textarea id=nl.clone() name=nl rows=2>{value}</textarea>
            </div>
            <div class="field">
                <label for=en.clone()>{lang.t(Key::LanguageEn)}</label>
                <textarea id=en.clone() name=en rows=2>{value_en}</textarea>
            </div>
            <label class="checkbox">
                <input type="checkbox" name=skip_name value="1" checked=skip />
                " "{lang.t(Key::StepTemplateSkip)}
            </label>
        </fieldset>
    }
}
