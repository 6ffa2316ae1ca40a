//! The "print" button of the results page and the programme figures.

use leptos::prelude::*;

/// Opens the browser's print dialog (an island: the only code these pages send to the
/// browser). `label` arrives translated, so the island carries no text tables of its own.
#[island]
pub fn PrintButton(label: String, class: String) -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    // `needs-js`: hidden until the script runs, so it never sits there doing nothing.
    view! { <button type="button" class=format!("{class} needs-js") on:click=print>{label}</button> }
}
