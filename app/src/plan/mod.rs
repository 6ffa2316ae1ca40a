//! The digitalisation plan ("stappenplan", issue 18): the steps a company takes after its
//! assessment, drafted from its own answers the moment it is finalised, and then its own to
//! change. `generate` drafts (pure), `model` holds the vocabulary and the rules of a step,
//! `service` keeps plans in the database, `followup` (pure) and `reminders` time and send the
//! follow-up mails, `api` and `pages` are the page and its forms. `guidance` (with its
//! `guidance_api` and `guidance_pages`) is the consultant's part: a request, a voucher
//! (`voucher`, pure), notes, sign-offs and the agreed versions. `help` finds what helps with a
//! step: events on its theme (a masterclass can become a step) and the matching profiles.

#[cfg(feature = "ssr")]
pub mod access;
pub mod account;
pub mod api;
pub mod followup;
pub mod generate;
#[cfg(feature = "ssr")]
pub mod guidance;
pub mod guidance_api;
pub mod guidance_pages;
pub mod guidance_staff;
#[cfg(feature = "ssr")]
pub mod help;
pub mod help_pages;
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
pub mod voucher;
