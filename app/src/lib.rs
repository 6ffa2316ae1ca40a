//! The Smart Industry Hub web application: pages, components, shared types and server
//! functions. Compiled twice: with `ssr` into the server, with `hydrate` into the browser's WASM.

#![recursion_limit = "256"]

pub mod accounts;
pub mod analytics;
pub mod assessment;
mod codes;
pub mod contact;
pub mod error;
pub mod events;
pub mod home;
pub mod i18n;
pub mod mail;
pub mod matching;
pub mod my_account;
pub mod plan;
pub mod practices;
pub mod providers;
pub mod results;
pub mod routes;
pub mod shell;
pub mod staff;
pub mod text;
pub mod time;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod web;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Only the islands in the page come alive; the rest of the page is the server's HTML.
    // `data-hydrated` marks the moment they have their event handlers; the browser tests wait
    // for it before they click.
    leptos::mount::hydrate_islands();
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
