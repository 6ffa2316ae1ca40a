//! The Smart Industry Hub web application: pages, components, shared types and server
//! functions. Compiled twice: with `ssr` into the server, with `hydrate` into the browser's WASM.

#![recursion_limit = "256"]

pub mod accounts;
pub mod analytics;
pub mod assessment;
pub mod components;
pub mod contact;
pub mod error;
pub mod events;
pub mod home;
pub mod i18n;
pub mod mail;
pub mod matching;
pub mod providers;
pub mod routes;
pub mod shell;
pub mod staff;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod multipart;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous hydration: a page of a lazily loaded group (`routes`) hydrates once its WASM
    // chunk has arrived. `data-hydrated` marks the moment the whole page, that chunk included,
    // has its event handlers; the browser tests wait for it before they click.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        else {
            return;
        };
        let app = leptos::mount::hydrate_from_async(body.clone(), shell::App).await;
        // The app lives as long as the page does.
        app.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
