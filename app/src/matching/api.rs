//! The server function of the matches: who may see an assessment may see its matches.

use super::view::MatchList;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::assessment::service as assessments;
    pub use crate::context::ServerContext;
    pub use crate::web::request::{self, with_status};
}
#[cfg(feature = "ssr")]
use ssr::*;

/// The best-fitting providers and consultants for a finalised assessment.
#[server(endpoint = "assessment/matches")]
pub async fn get_matches(reference: String) -> Result<MatchList, AppError> {
    let ctx = ServerContext::get()?;
    let user = request::current_user();
    let a = assessments::resolve(&ctx, &reference, user.as_ref())
        .await
        .map_err(with_status)?;
    super::service::matches(&ctx, &a, &reference, user.as_ref())
        .await
        .map_err(with_status)
}
