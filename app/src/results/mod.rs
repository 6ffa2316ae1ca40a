//! Results: what a finalised assessment gives the company. Finalising scores the assessment
//! (`assessment`) and drafts its plan (`plan`); the results page shows the scores and gathers
//! the next steps from `matching`, `events` and `practices`. It sits above all of them.

pub mod api;
mod dma_pages;
pub mod pages;
