//! Solution providers and consultants: self-edited profiles, staff review, the public
//! directory.

pub mod api;
pub mod edit_pages;
pub mod model;
pub mod pages;
pub mod staff_pages;
pub mod view;

#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod logo;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod service;
