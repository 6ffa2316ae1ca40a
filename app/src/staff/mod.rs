//! The hub staff's workspace: companies and their timeline, accounts and roles, the audit log,
//! questionnaire versions, the e-mail outbox. The dashboard and exports are in `analytics`.

pub mod api;
pub mod editor;
pub mod model;
pub mod pages;
pub mod step_editor;
pub mod step_pages;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod service;
