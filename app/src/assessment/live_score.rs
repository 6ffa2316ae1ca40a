//! The transition's score while the company answers: current and ambition (0-100), the gap
//! and how many questions are answered, computed in the browser by the same
//! [`scoring::transition_score`] the server finalises with, so what the page shows is what
//! the results will say. Beside the questions in the runner's island; each question tells it
//! every change ([`publish`]). Without JavaScript the card shows the scores as stored when
//! the page was made.

use super::model::{Item, Transition};
#[cfg(any(feature = "hydrate", test))]
use super::plain::PlainAnswer;
use super::plain::PlainKind;
use super::scoring;
#[cfg(any(feature = "hydrate", test))]
use super::view::StoredAnswer;
use crate::ui::island_texts;
use leptos::prelude::*;

/// The transition `key` as scoring reads it, from its questions' keys and kinds.
pub fn scorable_transition(key: String, items: Vec<(String, PlainKind)>) -> Transition {
    Transition {
        key,
        name: Default::default(),
        intro: Default::default(),
        items: items
            .into_iter()
            .map(|(key, kind)| Item {
                key,
                kind: kind.kind(),
                question: Default::default(),
                levels: Vec::new(),
                after: Vec::new(),
                steps: Vec::new(),
                visible_if: None,
            })
            .collect(),
        visible_if: None,
    }
}

island_texts! {
    /// The card's texts; `answered` with `{answered}` and `{items}`.
    pub struct LiveLabels {
        title: LiveScoreTitle,
        current: ResultsCurrent,
        ambition: ResultsAmbition,
        gap: ResultsGap,
        answered: LiveScoreAnswered,
        none_yet: LiveScoreNoneYet,
    }
}

/// Puts `answer` in place of the earlier answer to the same question.
#[cfg(any(feature = "hydrate", test))]
fn replace(answers: &mut Vec<StoredAnswer>, answer: StoredAnswer) {
    answers.retain(|a| a.item_key != answer.item_key);
    answers.push(answer);
}

#[cfg(feature = "hydrate")]
thread_local! {
    static BOARDS: std::cell::RefCell<Vec<RwSignal<Vec<StoredAnswer>>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps `board` up to date with every answer the page saves or hears of, until its owner
/// goes (a live score of a transition the runner no longer shows; the runner's own).
#[cfg(feature = "hydrate")]
pub fn follow(board: RwSignal<Vec<StoredAnswer>>) {
    BOARDS.with(|b| b.borrow_mut().push(board));
    on_cleanup(move || BOARDS.with(|b| b.borrow_mut().retain(|kept| *kept != board)));
}

/// A question saved `answer`: every live score on the page counts it.
#[cfg(feature = "hydrate")]
pub fn publish(answer: &super::api::SaveAnswer) {
    publish_stored(PlainAnswer::of_save(answer).stored());
}

/// An answer as stored (by this page or by someone else): every live score counts it.
#[cfg(feature = "hydrate")]
pub fn publish_stored(stored: StoredAnswer) {
    for board in BOARDS.with(|b| b.borrow().clone()) {
        board.update(|answers| replace(answers, stored.clone()));
    }
}

/// The card, showing `score` (the runner works it out from every answer on the page);
/// `children`: what else it shows (the runner's radar of every transition).
#[component]
pub fn LiveScore(
    score: Signal<scoring::TransitionScore>,
    labels: LiveLabels,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let LiveLabels {
        title,
        current,
        ambition,
        gap,
        answered,
        none_yet,
    } = labels;
    let number = |v: Option<u8>| v.map_or_else(|| "—".to_string(), |v| v.to_string());
    // Current and ambition: the figure with a bar of its length.
    let with_bar = move |label: String,
                         which: &'static str,
                         read: fn(&scoring::TransitionScore) -> Option<u8>| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd>
                    <span data-testid=format!("live-{which}")>{move || number(score.with(read))}</span>
                    <span class="live-bar" aria-hidden="true">
                        <span class=format!("live-bar-{which}") style=move || format!("width: {}%", score.with(read).unwrap_or(0))></span>
                    </span>
                </dd>
            </div>
        }
    };
    view! {
        <aside class="live-score card" aria-labelledby="live-score-title" data-testid="live-score">
            <div class="live-score-head">
                <h2 id="live-score-title" class="live-score-title">{title}</h2>
                <p class="live-score-progress" data-testid="live-answered">
                    {move || {
                        let s = score.get();
                        if s.answered + s.not_applicable == 0 {
                            none_yet.clone()
                        } else {
                            answered
                                .replace("{answered}", &(s.answered + s.not_applicable).to_string())
                                .replace("{items}", &s.items.to_string())
                        }
                    }}
                </p>
            </div>
            <dl class="live-score-figures">
                {with_bar(current, "current", |s| s.current)}
                {with_bar(ambition, "ambition", |s| s.ambition)}
                <div>
                    <dt>{gap}</dt>
                    <dd><span data-testid="live-gap">{move || number(score.get().gap)}</span></dd>
                </div>
            </dl>
            {children.map(|c| c())}
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The transition the runner rebuilds from keys and kinds scores exactly as the page's
    /// transition does.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_rebuilt_transition_scores_as_the_original() {
        use crate::assessment::question_kind::{AnswerValue, Kind};
        use crate::assessment::questionnaire_file::parse;
        // Every shipped questionnaire, the DMA's typed questions too, each page answered.
        for (file, source) in crate::assessment::questionnaires::SOURCES {
            let q = parse(file, source).unwrap();
            for t in &q.transitions {
                let answers: Vec<StoredAnswer> = t
                    .items
                    .iter()
                    .enumerate()
                    .map(|(n, i)| {
                        let mut a = StoredAnswer {
                            item_key: i.key.clone(),
                            ..Default::default()
                        };
                        match &i.kind {
                            Kind::Level => {
                                a.current = Some(1 + (n % 5) as u8);
                                a.ambition = Some(5);
                            }
                            Kind::Single { options } | Kind::Multiple { options } => {
                                let key = options[n % options.len()].key.clone();
                                a.value = Some(if matches!(i.kind, Kind::Single { .. }) {
                                    AnswerValue::Choice(key)
                                } else {
                                    AnswerValue::Choices(vec![key])
                                });
                            }
                            Kind::Grid { rows, scale } => {
                                let point = &scale[n % scale.len()].key;
                                a.value = Some(AnswerValue::Grid(
                                    rows.iter()
                                        .map(|r| (r.key.clone(), point.clone()))
                                        .collect(),
                                ));
                            }
                            Kind::YesPartlyNo => {
                                a.value = Some(AnswerValue::Choice("partly".into()))
                            }
                            Kind::Number { max, .. } => a.value = Some(AnswerValue::Number(*max)),
                            Kind::ShortText { .. } => a.value = Some(AnswerValue::Text("x".into())),
                        }
                        a
                    })
                    .collect();
                let items = t
                    .items
                    .iter()
                    .map(|i| (i.key.clone(), PlainKind::from(&i.kind)))
                    .collect();
                let rebuilt = scorable_transition(t.key.clone(), items);
                // The answers as the page carries them (plain shapes) and back.
                let carried: Vec<StoredAnswer> = answers
                    .iter()
                    .map(PlainAnswer::of_stored)
                    .map(PlainAnswer::stored)
                    .collect();
                assert_eq!(carried, answers);
                assert_eq!(
                    scoring::transition_score(q.variant, &rebuilt, &carried),
                    scoring::transition_score(q.variant, t, &answers),
                    "{file} {}",
                    t.key
                );
            }
        }
    }

    #[test]
    fn a_later_answer_to_the_same_question_replaces_the_earlier() {
        let mut answers = vec![StoredAnswer {
            item_key: "a".into(),
            current: Some(1),
            ..Default::default()
        }];
        replace(
            &mut answers,
            StoredAnswer {
                item_key: "a".into(),
                current: Some(4),
                ..Default::default()
            },
        );
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0].current, Some(4));
    }
}
