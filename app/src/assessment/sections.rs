//! What other pages show of the assessments: the company's own list on its account overview.

use super::api::my_assessments;
use crate::i18n::{use_lang, Key};
use leptos::prelude::*;
use leptos_router::components::A;

/// A company's assessments on its own overview: each with its state and the way on (continue
/// a draft, read the results of a finalised one).
#[component]
pub fn MyAssessments() -> impl IntoView {
    let lang = use_lang();
    let mine = Resource::new(|| (), |_| my_assessments());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = mine.await.unwrap_or_default();
                view! {
                    <section class="card" aria-labelledby="my-assessments-title">
                        <h2 id="my-assessments-title">{lang.t(Key::AssessmentMine)}</h2>
                        {if list.is_empty() {
                            view! { <p class="empty">{lang.t(Key::MyAssessmentsEmpty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {list.into_iter().map(|a| {
                                        let (href, action, status) = if a.finalised {
                                            (format!("/assessment/{}/results", a.reference), Key::ResultsOpen, Key::StatusFinal)
                                        } else {
                                            (format!("/assessment/{}", a.reference), Key::AssessmentContinue, Key::StatusDraft)
                                        };
                                        view! {
                                            <li>
                                                <strong>{a.company_name}</strong>" · "{lang.t(a.variant.label())}
                                                " · "{crate::ui::format_date(a.created_at)}" "
                                                <span class="badge">{lang.t(status)}</span>" "
                                                <A href=href>{lang.t(action)}</A>
                                                {a.finalised.then(|| view! {
                                                    " · "<A href=format!("/assessment/{}/plan", a.reference)>{lang.t(Key::PlanShort)}</A>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <p><A href="/assessment" attr:class="btn btn-secondary">{lang.t(Key::HomeCtaAssessment)}</A></p>
                    </section>
                }
            })}
        </Transition>
    }
}
