//! Small building blocks shared by all pages.

mod copy;
mod date;
mod fetch_form;
mod field;
mod form;
mod island_texts;
mod islands;
mod keyset;
mod live_filter;
mod page_data;
mod page_head;
mod pager;
mod print;
mod script;
mod staff_nav;
mod table;

pub use copy::{CopyButton, CopyTexts};
pub use date::{format_date, format_day};
pub use fetch_form::{FetchForm, FetchFormTexts};
pub use field::{CheckGroup, SelectField, TextArea, TextInput};
pub use form::{
    action_error, posted_form_error, query_value, url_error, ErrorAlert, FormAlert, SubmitButton,
};
pub(crate) use island_texts::{island_props, island_texts};
pub use islands::build_files;
#[cfg(feature = "ssr")]
pub use islands::build_hashes;
pub use islands::IslandScripts;
pub use keyset::{ListPage, ListPager, ListPosition};
pub use live_filter::LiveFilter;
pub use page_data::{page_data, InPage, InPageData};
pub use page_head::PageHead;
pub use pager::Pager;
pub use print::PrintButton;
pub use script::{lean_script, InlineScript};
pub use staff_nav::{StaffNav, StaffPage};
pub use table::{LoadedTable, PagedTable};

use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use leptos::prelude::*;

/// What a `Suspense` shows while its data loads: `<Suspense fallback=loading>`. Pages are
/// rendered on the server, which waits for the data, so a visitor rarely sees it.
pub fn loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p>{lang.t(Key::Loading)}</p> }
}

/// A resource's value once it is loaded, shown by `children`; its error as an alert; and
/// [`loading`] meanwhile. `<Loaded resource=detail let:d> <CompanyView detail=d /> </Loaded>`
/// stands for the `Suspense` / `match` / `ErrorAlert` every page would otherwise write.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=loading>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => children(value).into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A route parameter of the current page (`/assessment/:reference` → `route_param("reference")`),
/// empty when the route has none of that name.
pub fn route_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
