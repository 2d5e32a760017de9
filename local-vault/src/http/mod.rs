//! The HTTP surface: `POST /oauth/token` and `POST /oauth/audit/api-call`.
//!
//! Each route has its own body limit: a token request is small, an audit record carries the
//! provider call's request body, which can be large. A body over the limit (or one that cannot
//! be read) is answered in the same JSON error shape as every other error, not with axum's
//! plain-text rejection.

mod audit;
mod caller;
mod reply;
mod token;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::post;

use crate::service::VaultState;

const MIB: usize = 1024 * 1024;

/// The largest `POST /oauth/token` body accepted: 2 MiB, far more than a token request needs.
pub(crate) const TOKEN_BODY_LIMIT: usize = 2 * MIB;

/// The largest `POST /oauth/audit/api-call` body accepted: 32 MiB, room for the request body of
/// a large provider call (an upload) that the client reports in full.
pub(crate) const AUDIT_BODY_LIMIT: usize = 32 * MIB;

/// The router serving the wire protocol.
pub(crate) fn router(state: Arc<VaultState>) -> Router {
    Router::new()
        .route(
            "/oauth/token",
            post(token::handle).layer(DefaultBodyLimit::max(TOKEN_BODY_LIMIT)),
        )
        .route(
            "/oauth/audit/api-call",
            post(audit::handle).layer(DefaultBodyLimit::max(AUDIT_BODY_LIMIT)),
        )
        .fallback(reply::not_a_route)
        .with_state(state)
}
