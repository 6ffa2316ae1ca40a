//! Staff analytics: the dashboard over all assessments, programme figures against targets,
//! and the exports.

pub mod api;
pub mod charts;
pub mod model;
pub mod pages;
pub mod reassessed_pages;

#[cfg(feature = "ssr")]
pub mod dma_change;
#[cfg(feature = "ssr")]
pub mod edih_export;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod reassessed;
#[cfg(feature = "ssr")]
pub mod service;
