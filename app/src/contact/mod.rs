//! Matches and contact requests: the coupling of companies to providers and consultants that
//! the programme used to do by hand.

pub mod api;
pub mod model;
pub mod pages;
pub mod sections;
pub mod view;

#[cfg(feature = "ssr")]
pub mod service;
