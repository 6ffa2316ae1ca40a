//! The Smart Factory Assessment: questionnaires per variant, answers, scoring and results.

pub mod api;
pub mod autosave;
pub mod charts;
pub mod file_format;
#[cfg(feature = "ssr")]
pub mod form;
pub mod model;
pub mod pages;
pub mod profile;
pub mod questionnaires;
pub mod scoring;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
