//! Accounts and organisations: registration, e-mail verification, log-in, sessions, password
//! reset and change, inviting colleagues, a copy of one's data and deleting one's account.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod service;
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod token;
