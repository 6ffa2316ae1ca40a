//! What other pages show of contact requests: a company's own, on its account overview.

use super::api::my_requests;
use crate::i18n::{use_lang, Key};
use crate::ui::format_date;
use leptos::prelude::*;
use leptos_router::components::A;

/// The contact requests a company sent, with where each stands, on its own overview.
#[component]
pub fn MyRequests() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| my_requests());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let items = list.await.unwrap_or_default();
                view! {
                    <section class="card" aria-labelledby="my-requests-title">
                        <h2 id="my-requests-title">{lang.t(Key::MyRequestsTitle)}</h2>
                        {if items.is_empty() {
                            view! { <p class="empty">{lang.t(Key::MyRequestsEmpty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {items.into_iter().map(|r| view! {
                                        <li>
                                            <A href=format!("/directory/{}", r.profile_slug)>{r.profile_name.clone()}</A>
                                            " · "{format_date(r.created_at)}" "
                                            <span class="badge">{lang.t(r.status.label())}</span>
                                            {r.reply.clone().map(|reply| view! { <p class="muted pre-line">{reply}</p> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
            })}
        </Transition>
    }
}
