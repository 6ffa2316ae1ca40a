//! The Smart Factory Assessment: questionnaires per variant, answers, scoring and results.

pub mod file_format;
pub mod model;
pub mod questionnaires;
pub mod scoring;
