//! "My account": the overview a person lands on after logging in, built from each domain's
//! own section, and what concerns a person's data across every domain: the copy of it
//! (download) and deleting the account (GDPR). It sits above the domains it gathers from;
//! none of them depends on it.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod privacy;
