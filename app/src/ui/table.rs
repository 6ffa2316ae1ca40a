//! A list from the server as a table: the shape of every staff list page.

use super::{ListPage, ListPager, Loaded};
use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use leptos::prelude::*;

/// A resource's rows as a table that scrolls sideways on its own on a phone: the column
/// headings, one `<tr>` per row from `row`, a "nothing here" line when there are none, the
/// error as an alert and a loading line meanwhile.
#[component]
pub fn LoadedTable<T, R, V>(
    resource: Resource<Result<Vec<T>, AppError>>,
    /// The columns' headings, in order.
    headings: Vec<Key>,
    /// What to say when there is no row.
    empty: Key,
    /// One row: a `<tr>` whose first cell is a `<th scope="row">`.
    row: R,
    /// A `data-testid` for the table, for the browser tests.
    #[prop(optional)]
    test_id: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Loaded resource let:rows>
            {rows_table(&headings, empty, rows, row.clone(), test_id)}
        </Loaded>
    }
}

/// [`LoadedTable`] for a list paged by position: the page's rows and the links to the pages
/// around it (`base` is the list's address with its filters).
#[component]
pub fn PagedTable<T, R, V>(
    resource: Resource<Result<ListPage<T>, AppError>>,
    headings: Vec<Key>,
    empty: Key,
    row: R,
    #[prop(into)] base: String,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Loaded resource let:page>
            {rows_table(&headings, empty, page.rows, row.clone(), test_id)}
            <ListPager previous=page.previous next=page.next base=base.clone() />
        </Loaded>
    }
}

fn rows_table<T, R, V>(
    headings: &[Key],
    empty: Key,
    rows: Vec<T>,
    row: R,
    test_id: &'static str,
) -> AnyView
where
    R: Fn(T) -> V,
    V: IntoView + 'static,
{
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p class="empty">{lang.t(empty)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid=(!test_id.is_empty()).then_some(test_id)>
                <thead><tr>
                    {headings.iter().map(|k| view! { <th scope="col">{lang.t(*k)}</th> }).collect_view()}
                </tr></thead>
                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}
