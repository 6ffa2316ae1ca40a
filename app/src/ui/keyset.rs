//! Long lists paged by position rather than by page number ("keyset pagination"): a page
//! starts after (or ends before) a row the visitor saw, so the database jumps there through an
//! index and never counts or skips the rows in front. One page of a list with a million rows
//! costs what it costs with a hundred. The links carry the id of that row only; the server
//! looks up where it sorts, so a cursor cannot be forged into another ordering.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

/// Where in a list a page is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListPosition {
    /// The list's start.
    #[default]
    First,
    /// The rows that follow the row with this id.
    After(i64),
    /// The rows that come right before the row with this id.
    Before(i64),
}

impl ListPosition {
    /// From the query string: `after=<id>` or `before=<id>`; anything else is the start.
    pub fn from_query(query: &leptos_router::params::ParamsMap) -> ListPosition {
        let id = |name: &str| query.get(name).and_then(|v| v.trim().parse::<i64>().ok());
        match (id("after"), id("before")) {
            (Some(after), _) => ListPosition::After(after),
            (None, Some(before)) => ListPosition::Before(before),
            _ => ListPosition::First,
        }
    }

    /// The query-string pair for this position, `None` at the start.
    fn query_pair(self) -> Option<String> {
        match self {
            ListPosition::First => None,
            ListPosition::After(id) => Some(format!("after={id}")),
            ListPosition::Before(id) => Some(format!("before={id}")),
        }
    }

    /// `base` (a path with or without a query string) at this position.
    pub fn href(self, base: &str) -> String {
        match self.query_pair() {
            None => base.to_string(),
            Some(pair) if base.contains('?') => format!("{base}&{pair}"),
            Some(pair) => format!("{base}?{pair}"),
        }
    }
}

/// One page of a list and where its neighbours are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage<T> {
    pub rows: Vec<T>,
    /// The page in front of this one, if any.
    pub previous: Option<ListPosition>,
    /// The page after this one, if any.
    pub next: Option<ListPosition>,
}

impl<T> ListPage<T> {
    /// The same page with every row turned into something else (e.g. a view model).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> ListPage<U> {
        ListPage {
            rows: self.rows.into_iter().map(f).collect(),
            previous: self.previous,
            next: self.next,
        }
    }
}

/// "First page · Previous · Next" under a list paged by position; nothing when the list fits
/// on one page. `base` is the list's address with its filters, without a position.
#[component]
pub fn ListPager(
    previous: Option<ListPosition>,
    next: Option<ListPosition>,
    #[prop(into)] base: String,
) -> impl IntoView {
    let lang = use_lang();
    let first = previous
        .filter(|p| *p != ListPosition::First)
        .map(|_| ListPosition::First.href(&base));
    let previous = previous.map(|p| p.href(&base));
    let next = next.map(|p| p.href(&base));
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label=lang.t(Key::PagerLabel)>
                {first.map(|h| view! { <A href=h>{lang.t(Key::PagerFirst)}</A> })}
                {previous.map(|h| view! { <A href=h attr:rel="prev">{lang.t(Key::PagerPrevious)}</A> })}
                {next.map(|h| view! { <A href=h attr:rel="next">{lang.t(Key::PagerNext)}</A> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_read_from_and_written_to_the_query_string() {
        fn map(pairs: &[(&'static str, &str)]) -> leptos_router::params::ParamsMap {
            let mut m = leptos_router::params::ParamsMap::new();
            for (k, v) in pairs {
                m.insert(*k, v.to_string());
            }
            m
        }
        assert_eq!(ListPosition::from_query(&map(&[])), ListPosition::First);
        assert_eq!(
            ListPosition::from_query(&map(&[("after", "42")])),
            ListPosition::After(42)
        );
        assert_eq!(
            ListPosition::from_query(&map(&[("before", " 7 ")])),
            ListPosition::Before(7)
        );
        assert_eq!(
            ListPosition::from_query(&map(&[("after", "x"), ("before", "nope")])),
            ListPosition::First
        );
        assert_eq!(ListPosition::After(3).href("/l"), "/l?after=3");
        assert_eq!(ListPosition::Before(3).href("/l?q=a"), "/l?q=a&before=3");
        assert_eq!(ListPosition::First.href("/l?q=a"), "/l?q=a");
    }
}
