//! Finalising an assessment and reading its results. Finalising scores it (in `assessment`),
//! drafts its plan at once (`plan`) and leads to the results page.

use crate::assessment::view::Results;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub(crate) use crate::assessment::api::resolve;
    pub use crate::assessment::service;
    pub use crate::context::ServerContext;
    pub use crate::web::request::{self, finish_form, with_status};
}
#[cfg(feature = "ssr")]
use ssr::*;

#[server(endpoint = "assessment/finalise")]
pub async fn finalise_assessment(reference: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let a = resolve(&ctx, &reference).await?;
        service::finalise(&ctx, &a).await?;
        // The plan is there at once. Should drafting fail, the assessment stays finalised and
        // the plan page drafts it on the first visit.
        let user = request::current_user();
        let plans = a.variant != crate::assessment::model::Variant::Dma.code();
        if let Some(finalised) = plans
            .then_some(resolve(&ctx, &reference).await.ok())
            .flatten()
        {
            if let Err(e) = crate::plan::service::ensure(&ctx, &finalised, user.as_ref()).await {
                tracing::error!(error = %e, assessment = finalised.id, "drafting the plan failed");
            }
        }
        leptos_axum::redirect(&format!("/assessment/{reference}/results"));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "assessment/results")]
pub async fn get_results(reference: String) -> Result<Results, AppError> {
    let ctx = ServerContext::get()?;
    // The consultant guiding the company's plan reads its results too.
    let a =
        crate::plan::access::resolve_for_plan(&ctx, &reference, request::current_user().as_ref())
            .await
            .map_err(with_status)?;
    service::results(&ctx, &a, &reference).await
}

#[cfg(test)]
mod tests {
    use leptos::server_fn::ServerFn;

    #[test]
    fn the_overview_posts_to_the_finalise_endpoint() {
        assert_eq!(
            super::FinaliseAssessment::PATH,
            crate::assessment::api::FINALISE_URL
        );
    }
}
