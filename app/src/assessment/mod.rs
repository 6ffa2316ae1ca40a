//! The Smart Factory Assessment and the EU DMA: questionnaires per variant, answers, scoring. Finalising and
//! the results page are in `results`.

pub mod answer_queue;
#[cfg(feature = "hydrate")]
pub mod answer_sender;
pub mod api;
pub mod autosave;
pub mod charts;
pub mod company_data;
pub mod condition;
pub mod dma;
pub mod dma_prefill;
pub mod finalise_button;
#[cfg(feature = "ssr")]
pub mod form;
pub mod live_score;
pub mod model;
pub mod pages;
pub mod plain;
pub mod profile;
pub mod question_kind;
pub mod questionnaire_file;
pub mod questionnaires;
#[cfg(feature = "ssr")]
pub mod refill;
#[cfg(feature = "ssr")]
pub mod rollup;
pub mod scoring;
pub mod sections;
#[cfg(feature = "ssr")]
pub mod service;
pub mod staff_pages;
pub mod transition_pages;
pub mod typed_question;
pub mod view;
pub mod visibility;
