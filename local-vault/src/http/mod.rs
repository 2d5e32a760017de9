//! The HTTP surface: `POST /oauth/token` and `POST /oauth/audit/api-call`.

mod audit;
mod caller;
mod reply;
mod token;

use std::sync::Arc;

use axum::Router;
use axum::routing::post;

use crate::service::VaultState;

/// The router serving the wire protocol.
pub(crate) fn router(state: Arc<VaultState>) -> Router {
    Router::new()
        .route("/oauth/token", post(token::handle))
        .route("/oauth/audit/api-call", post(audit::handle))
        .fallback(reply::not_a_route)
        .with_state(state)
}
