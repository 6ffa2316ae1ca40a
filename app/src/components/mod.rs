//! Small building blocks shared by all pages.

mod form;

pub use form::{action_error, query_value, ErrorAlert, FormAlert, SubmitButton};
