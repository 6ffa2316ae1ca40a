//! The digitalisation plan ("stappenplan", issue 18): the steps a company takes after its
//! assessment, drafted from its own answers the moment it is finalised, and then its own to
//! change. `generate` drafts (pure), `model` holds the vocabulary and the rules of a step,
//! `service` keeps plans in the database, `followup` (pure) and `reminders` time and send the
//! follow-up mails, `api` and `pages` are the page and its forms.

pub mod api;
pub mod followup;
pub mod generate;
pub mod model;
#[cfg(feature = "ssr")]
pub mod overview;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod service;
pub mod staff_pages;
pub mod view;
