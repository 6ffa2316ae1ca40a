//! Previous / next links under a long list, with the position ("Page 2 of 7"). Plain links,
//! so they work without JavaScript and a page can be bookmarked.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;
use leptos_router::components::A;

/// Nothing when everything fits on one page; `href(n)` is the address of page `n`.
#[component]
pub fn Pager(page: u32, pages: u32, href: impl Fn(u32) -> String) -> impl IntoView {
    let lang = use_lang();
    (pages > 1).then(|| {
        let prev = (page > 1).then(|| href(page - 1));
        let next = (page < pages).then(|| href(page + 1));
        let position = lang.fill(
            Key::PagerPosition,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        );
        view! {
            <nav class="pager" aria-label=lang.t(Key::PagerLabel)>
                {prev.map(|h| view! { <A href=h attr:rel="prev">{lang.t(Key::PagerPrevious)}</A> })}
                <span>{position}</span>
                {next.map(|h| view! { <A href=h attr:rel="next">{lang.t(Key::PagerNext)}</A> })}
            </nav>
        }
    })
}
