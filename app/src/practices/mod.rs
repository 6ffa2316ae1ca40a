//! Best practices (issue 18): cases of companies that took a step, written and published by
//! staff, listed publicly with filters, and shown on the results page and at a plan's steps
//! for the company's priorities (its own size class first). `model` holds the form's rules,
//! `rank` (pure) decides which cases a company sees first, `service` keeps them, `form` takes
//! the staff's multipart form (with a photo) and serves photos.

pub mod api;
#[cfg(feature = "ssr")]
pub mod form;
pub mod model;
pub mod pages;
pub mod rank;
pub mod sections;
#[cfg(feature = "ssr")]
pub mod service;
pub mod staff_pages;
pub mod view;
