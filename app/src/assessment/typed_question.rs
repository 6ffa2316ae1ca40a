//! A question of a type other than level on a transition page: single or multiple choice, a
//! grid on one scale, yes / partly / no, a number or a short text. In the runner's island it
//! saves each change at once, like the level questions; without JavaScript its fields post
//! with the page's form (`value:<item>`, `grid:<item>:<row>`, read by `assessment::form`).

use super::answer_queue::answer_key;
use super::api::SaveAnswer;
use super::autosave::Autosave;
use super::model::Item;
use super::question_kind::accept::read_number;
use super::question_kind::{AnswerValue, Kind, YES_PARTLY_NO};
use super::transition_pages::{SaveLabels, SaveStatus};
use super::view::TypedAnswer;
use crate::i18n::{Key, Lang};
use crate::ui::{island_props, island_texts};
use leptos::either::EitherOf5;
use leptos::prelude::*;

/// An option in the page's language: (key, label, exclusive).
type Option_ = (String, String, bool);

/// How the question is answered, in the page's language. Tuple variants: serde reads them
/// without matching field names, as `island_props!` does for structs.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Form {
    /// Radio buttons: single choice and yes / partly / no.
    One(Vec<Option_>),
    /// Check boxes.
    Any(Vec<Option_>),
    /// One radio group per row (key, label), all on the same scale.
    Grid(Vec<(String, String)>, Vec<Option_>),
    /// Unit, minimum, maximum and the hint that says them ("Between 0 and 250").
    Number(Option<String>, i64, i64, String),
    /// The most characters, and the hint that says it.
    Text(u16, String),
}

island_props! {
    /// One typed question in the page's language.
    #[derive(Clone, Debug)]
    pub struct TypedText {
        pub key: String,
        pub number: usize,
        pub question: String,
        pub form: Form,
    }
}

impl TypedText {
    /// `None` for a level item, which [`super::transition_pages`] asks itself.
    pub fn new(item: &Item, number: usize, lang: Lang) -> Option<TypedText> {
        let options = |list: &[super::question_kind::Choice]| -> Vec<Option_> {
            list.iter()
                .map(|o| (o.key.clone(), o.label.get(lang).to_string(), o.exclusive))
                .collect()
        };
        let form = match &item.kind {
            Kind::Level => return None,
            Kind::Single { options: o } => Form::One(options(o)),
            Kind::Multiple { options: o } => Form::Any(options(o)),
            Kind::YesPartlyNo => Form::One(
                YES_PARTLY_NO
                    .iter()
                    .zip([Key::AnswerYes, Key::AnswerPartly, Key::AnswerNo])
                    .map(|((k, _), label)| (k.to_string(), lang.t(label).to_string(), false))
                    .collect(),
            ),
            Kind::Grid { rows, scale } => Form::Grid(
                rows.iter()
                    .map(|r| (r.key.clone(), r.label.get(lang).to_string()))
                    .collect(),
                options(scale),
            ),
            Kind::Number { unit, min, max } => Form::Number(
                unit.as_ref().map(|u| u.get(lang).to_string()),
                *min,
                *max,
                lang.fill(
                    Key::NumberRange,
                    &[("min", &lang.number(*min)), ("max", &lang.number(*max))],
                ),
            ),
            Kind::ShortText { max_chars } => Form::Text(
                *max_chars,
                lang.fill(Key::ShortTextLimit, &[("max", &max_chars.to_string())]),
            ),
        };
        Some(TypedText {
            key: item.key.clone(),
            number,
            question: item.question.get(lang).to_string(),
            form,
        })
    }
}

island_texts! {
    /// The texts around a typed question (its status line's are [`SaveLabels`]).
    pub struct TypedLabels {
        comment: CommentLabel,
        out_of_range: ErrNumberOutOfRange,
        not_a_number: ErrNumberInvalid,
    }
}

/// What a number or text field shows for `value`: its text, empty for no answer; `None` for
/// the values of the other types, which have no such field.
fn field_text(value: Option<&AnswerValue>) -> Option<String> {
    match value {
        None => Some(String::new()),
        Some(v @ (AnswerValue::Number(_) | AnswerValue::Text(_))) => Some(v.plain()),
        Some(_) => None,
    }
}

#[component]
pub fn TypedQuestion(
    reference: String,
    question: TypedText,
    given: TypedAnswer,
    disabled: bool,
    labels: TypedLabels,
    save: SaveLabels,
) -> impl IntoView {
    // The answer as the browser will send it, built from the plain strings it was given.
    let initial = match &question.form {
        Form::One(_) => given.choices.first().cloned().map(AnswerValue::Choice),
        Form::Any(_) => {
            (!given.choices.is_empty()).then(|| AnswerValue::Choices(given.choices.clone()))
        }
        Form::Grid(..) => (!given.grid.is_empty()).then(|| AnswerValue::Grid(given.grid.clone())),
        Form::Number(..) => read_number(&given.text)
            .ok()
            .flatten()
            .map(AnswerValue::Number),
        Form::Text(..) => (!given.text.is_empty()).then(|| AnswerValue::Text(given.text.clone())),
    };
    let saver = Autosave::new(answer_key(&reference, &question.key));
    // An answer given on an earlier visit that has not reached the server yet is newer than
    // the stored one: the question shows it (and the queue still sends it).
    let waiting = saver.waiting_answer().map(|w| w.stored());
    // (A waiting answer without a value was cleared: its field shows empty, not the stored
    // text.)
    let typed_waiting = waiting.as_ref().and_then(|w| field_text(w.value.as_ref()));
    let value = RwSignal::new(waiting.as_ref().map_or(initial, |w| w.value.clone()));
    let comment = RwSignal::new(waiting.map_or(given.comment.clone(), |w| w.comment));
    // The number and text fields are not bound to `value` (what is typed stays as typed), so
    // a waiting answer is put into the field once the island is alive.
    let typed_field = NodeRef::<leptos::html::Input>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move || {
        if let (Some(input), Some(text)) = (typed_field.get(), typed_waiting.as_ref()) {
            input.set_value(text);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = typed_waiting;
    // Someone else filling in the same assessment changed this question: show their answer.
    #[cfg(feature = "hydrate")]
    super::answer_sender::on_stored_elsewhere(answer_key(&reference, &question.key), move |p| {
        let stored = p.stored();
        if let (Some(input), Some(text)) = (
            typed_field.get_untracked(),
            field_text(stored.value.as_ref()),
        ) {
            input.set_value(&text);
        }
        value.set(stored.value);
        comment.set(stored.comment);
    });
    // A number the browser cannot save, with why; shown beside the field, nothing is sent.
    let problem = RwSignal::new(None::<String>);
    let TypedText {
        key,
        number,
        question,
        form,
    } = question;
    let send = {
        let (reference, key) = (reference.clone(), key.clone());
        move || {
            saver.save(SaveAnswer {
                reference: reference.clone(),
                item_key: key.clone(),
                current: None,
                ambition: None,
                not_applicable: false,
                comment: comment.get_untracked(),
                value: value.get_untracked(),
            });
        }
    };
    let title_id = format!("q-{key}");
    let body = match form {
        Form::One(options) => {
            let chosen = move || value.get().and_then(|v| v.choice().map(str::to_string));
            let stored_choice = given.choices.first().cloned();
            EitherOf5::A(view! {
                <fieldset class="typed-options" aria-labelledby=title_id.clone() disabled=disabled>
                    {options.into_iter().map(|(k, label, _)| {
                        let send = send.clone();
                        let id = format!("v-{key}-{k}");
                        let (k2, k3) = (k.clone(), k.clone());
                        view! {
                            <div class="choice-option">
                                <input type="radio" id=id.clone() name=format!("value:{key}") value=k.clone()
                                    checked=stored_choice.as_deref() == Some(k.as_str())
                                    prop:checked=move || chosen().as_deref() == Some(k2.as_str())
                                    on:change=move |_| {
                                        value.set(Some(AnswerValue::Choice(k3.clone())));
                                        send();
                                    } />
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })
        }
        Form::Any(options) => {
            let ticked = move |k: &str| {
                value.with(
                    |v| matches!(v, Some(AnswerValue::Choices(ks)) if ks.iter().any(|x| x == k)),
                )
            };
            let exclusive: Vec<String> = options
                .iter()
                .filter(|(_, _, e)| *e)
                .map(|(k, _, _)| k.clone())
                .collect();
            let stored_ticked = |k: &str| given.choices.iter().any(|x| x == k);
            EitherOf5::B(view! {
                <fieldset class="typed-options" aria-labelledby=title_id.clone() disabled=disabled>
                    // Posted with the boxes, so a page posted with every box cleared clears the
                    // stored answer instead of leaving it (a cleared box sends nothing).
                    <input type="hidden" name=format!("value:{key}") value="" />
                    {options.into_iter().map(|(k, label, is_exclusive)| {
                        let send = send.clone();
                        let exclusive = exclusive.clone();
                        let id = format!("v-{key}-{k}");
                        let (k2, k3) = (k.clone(), k.clone());
                        view! {
                            <div class="choice-option" class:exclusive=is_exclusive>
                                <input type="checkbox" id=id.clone() name=format!("value:{key}") value=k.clone()
                                    checked=stored_ticked(&k)
                                    prop:checked=move || ticked(&k2)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        value.update(|v| {
                                            let mut keys = match v.take() {
                                                Some(AnswerValue::Choices(ks)) => ks,
                                                _ => Vec::new(),
                                            };
                                            keys.retain(|x| *x != k3);
                                            if on {
                                                // "None of these" and the others exclude each
                                                // other: ticking one clears the other side.
                                                if is_exclusive {
                                                    keys.clear();
                                                } else {
                                                    keys.retain(|x| !exclusive.contains(x));
                                                }
                                                keys.push(k3.clone());
                                            }
                                            *v = (!keys.is_empty()).then_some(AnswerValue::Choices(keys));
                                        });
                                        send();
                                    } />
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })
        }
        Form::Grid(rows, scale) => {
            let point = move |row: &str| {
                value.with(|v| match v {
                    Some(AnswerValue::Grid(points)) => points
                        .iter()
                        .find(|(r, _)| r == row)
                        .map(|(_, p)| p.clone()),
                    _ => None,
                })
            };
            let stored_point = |row: &str| {
                given
                    .grid
                    .iter()
                    .find(|(r, _)| r == row)
                    .map(|(_, p)| p.clone())
            };
            EitherOf5::C(view! {
                <div class="grid-rows" role="group" aria-labelledby=title_id.clone()>
                    {rows.into_iter().map(|(row, row_label)| {
                        let stored_here = stored_point(&row);
                        view! {
                            <fieldset class="grid-row" disabled=disabled>
                                <legend>{row_label}</legend>
                                <div class="segmented">
                                    {scale.iter().cloned().map(|(p, label, _)| {
                                        let send = send.clone();
                                        let (row2, row3, p2, p3) = (row.clone(), row.clone(), p.clone(), p.clone());
                                        view! {
                                            <label class="segment">
                                                <input type="radio" name=format!("grid:{key}:{row}") value=p.clone()
                                                    checked=stored_here.as_deref() == Some(p.as_str())
                                                    prop:checked=move || point(&row2).as_deref() == Some(p2.as_str())
                                                    on:change=move |_| {
                                                        value.update(|v| {
                                                            let mut points = match v.take() {
                                                                Some(AnswerValue::Grid(ps)) => ps,
                                                                _ => Vec::new(),
                                                            };
                                                            points.retain(|(r, _)| *r != row3);
                                                            points.push((row3.clone(), p3.clone()));
                                                            *v = Some(AnswerValue::Grid(points));
                                                        });
                                                        send();
                                                    } />
                                                <span>{label}</span>
                                            </label>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                </div>
            })
        }
        Form::Number(unit, min, max, hint) => {
            let id = format!("v-{key}");
            let hint_id = format!("hint-{key}");
            let problem_id = format!("problem-{key}");
            let stored_number = given.text.clone();
            let TypedLabels {
                out_of_range,
                not_a_number,
                ..
            } = labels.clone();
            let send = send.clone();
            EitherOf5::D(view! {
                <div class="number-answer">
                    <input type="text" inputmode="numeric" id=id node_ref=typed_field aria-labelledby=title_id.clone() name=format!("value:{key}") disabled=disabled
                        value=stored_number
                        aria-describedby=format!("{hint_id} {problem_id}")
                        aria-invalid=move || problem.get().is_some().then_some("true")
                        on:change=move |ev| {
                            match read_number(&event_target_value(&ev)) {
                                Err(_) => problem.set(Some(not_a_number.clone())),
                                Ok(Some(n)) if !(min..=max).contains(&n) => {
                                    problem.set(Some(out_of_range.clone()))
                                }
                                Ok(n) => {
                                    problem.set(None);
                                    value.set(n.map(AnswerValue::Number));
                                    send();
                                }
                            }
                        } />
                    {unit.map(|u| view! { <span class="unit">{u}</span> })}
                </div>
                <p class="hint" id=hint_id>{hint}</p>
                <p class="field-error" id=problem_id role="alert">{move || problem.get()}</p>
            })
        }
        Form::Text(max_chars, hint) => {
            let id = format!("v-{key}");
            let hint_id = format!("hint-{key}");
            let stored_text = given.text.clone();
            let send = send.clone();
            EitherOf5::E(view! {
                <input type="text" id=id node_ref=typed_field aria-labelledby=title_id.clone() name=format!("value:{key}") maxlength=max_chars disabled=disabled
                    value=stored_text aria-describedby=hint_id.clone()
                    on:change=move |ev| {
                        let typed = event_target_value(&ev).trim().to_string();
                        value.set((!typed.is_empty()).then_some(AnswerValue::Text(typed)));
                        send();
                    } />
                <p class="hint" id=hint_id>{hint}</p>
            })
        }
    };
    let comment_id = format!("comment-{key}");
    let send_comment = send.clone();
    view! {
        <article class="card item-question typed-question" id=format!("item-{key}")>
            <h2 class="item-title" id=title_id><span class="item-number">{number}"."</span>" "{question}</h2>
            {body}
            <div class="item-extra">
                <label for=comment_id.clone()>{labels.comment.clone()}</label>
                <textarea id=comment_id name=format!("comment:{key}") rows="2" maxlength="2000" disabled=disabled
                    prop:value=move || comment.get()
                    on:change=move |ev| { comment.set(event_target_value(&ev)); send_comment(); }>
                    {given.comment.clone()}
                </textarea>
                <SaveStatus state=saver.state labels=save />
            </div>
        </article>
    }
}
