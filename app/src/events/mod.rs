//! Events: masterclasses, workshops, webinars, network meetings and company visits, with
//! sign-up, capacity, waiting list, e-mails with calendar files, cancellation and attendance.

pub mod api;
pub mod ics;
pub mod model;
pub mod pages;
pub mod sections;
pub mod staff_pages;
pub mod view;

#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod service;
