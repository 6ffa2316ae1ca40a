//! The company's plans on its account page, with the follow-up mails on or off in one click
//! (a small form per plan, so it works without script).

use super::api::{my_plans, TogglePlanReminders};
use crate::i18n::{use_lang, Key};
use crate::ui::{format_date, query_value, url_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn MyPlans() -> impl IntoView {
    let lang = use_lang();
    let plans = Resource::new(|| (), |_| my_plans());
    let saved = !query_value("reminders").get_untracked().is_empty();
    let error = (query_value("form").get_untracked() == TogglePlanReminders::PATH)
        .then(|| url_error(lang))
        .flatten();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                let list = plans.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section class="card" id="my-plans" aria-labelledby="my-plans-title">
                        <h2 id="my-plans-title">{lang.t(Key::MyPlansTitle)}</h2>
                        <p class="hint">{lang.t(Key::MyPlansIntro)}</p>
                        {saved.then(|| view! { <div class="alert alert-success" role="status">{lang.t(Key::PlanRemindersSaved)}</div> })}
                        {error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
                        <ul class="plain-list">
                            {list.into_iter().map(|p| {
                                let (state, button, next) = if p.reminders_on {
                                    (Key::MyPlansRemindersOn, Key::MyPlansTurnOff, "off")
                                } else {
                                    (Key::MyPlansRemindersOff, Key::MyPlansTurnOn, "on")
                                };
                                view! {
                                    <li>
                                        <A href=format!("/assessment/{}/plan", p.reference)>{p.company_name.clone()}</A>
                                        " · "{format_date(p.drafted_at)}" · "{lang.t(state)}
                                        <form method="post" action=TogglePlanReminders::PATH class="inline-form">
                                            <input type="hidden" name="reference" value=p.reference.clone() />
                                            <input type="hidden" name="on" value=next />
                                            " "<button type="submit" class="btn btn-secondary btn-small">{lang.t(button)}</button>
                                        </form>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}}
        </Transition>
    }
}
