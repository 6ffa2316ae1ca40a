//! The hub staff's workspace: companies and their timeline, accounts and roles, the audit log
//! (written through `crate::audit` by every domain), questionnaire versions, the e-mail outbox.
//! The dashboard and exports are in `analytics`.

pub mod account_pages;
pub mod api;
pub mod company_pages;
pub mod editor;
pub mod model;
pub mod pages;
pub mod questionnaire_pages;
pub mod step_editor;
pub mod step_pages;

#[cfg(feature = "ssr")]
pub mod dma_support;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod questionnaire_io;
#[cfg(feature = "ssr")]
pub mod service;
