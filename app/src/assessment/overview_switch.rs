//! The overview and the transitions in one page (issue 20): the runner's island shows the
//! transitions, and the overview's page (fetched, or as the server rendered it on the
//! overview's own page) stands beside it in `#assessment-overview`. Fetching a server page and
//! placing it is a few lines of plain script (`overview_switch.js`); in the WASM it would cost
//! ~1.5 KB of bindings on the questionnaire's first visit, which has 0.7 KB to spare.

use crate::ui::InlineScript;
use leptos::prelude::*;

/// The element the overview's part of its page is in, found again in a fetched copy.
pub const OVERVIEW_ID: &str = "assessment-overview";

/// The script the runner calls to show and hide the overview; on every page with a runner
/// that moves in the page.
#[component]
pub fn OverviewSwitch() -> impl IntoView {
    view! { <InlineScript source=include_str!("overview_switch.js") classic=true /> }
}

/// What the runner calls.
#[cfg(feature = "hydrate")]
pub mod switch {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen(js_namespace = sihOverview)]
    extern "C" {
        /// Shows the overview at `path` in place of the runner's island, once fetched.
        pub fn show(path: &str);
        /// Hides the overview and shows the island again.
        pub fn hide();
    }
}
