//! Matching: which published providers and consultants fit a company's finalised assessment,
//! and why. `rank` is the pure ranking; `service` loads an assessment's scores and the published
//! profiles and ranks them; `pages` shows all matches, `sections` the block on the results page
//! and the reasons in words (the plan's steps and the contact form use them too).

pub mod api;
pub mod pages;
mod rank;
pub mod sections;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;

pub use rank::*;
