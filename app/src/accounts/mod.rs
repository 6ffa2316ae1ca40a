//! Accounts and organisations: registration, e-mail verification, log-in, sessions, password
//! reset and change, inviting colleagues. The account overview, the copy of one's data and
//! deleting one's account are in `my_account`, which gathers from every domain.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod token;
