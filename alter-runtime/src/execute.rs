//! The one function every call goes through: check, token, provider call,
//! audit, status mapping.

use std::borrow::Cow;
use std::time::Instant;

use reqwest::StatusCode;
use serde_json::Map;

use crate::audit::{AuditRecord, Headers, body_text};
use crate::backend::TokenRequest;
use crate::config::USER_AGENT;
use crate::error::{Details, Result};
use crate::provider_error;
use crate::redirect::{self, Answer};
use crate::response::Response;
use crate::spec::{Prepared, RequestSpec};
use crate::vault::AlterVault;

/// Runs one call from either entry point.
pub(crate) async fn execute(vault: &AlterVault, spec: RequestSpec) -> Result<Response> {
    let inner = &vault.inner;
    let mut call = spec.prepare(inner)?;

    let token_request = TokenRequest {
        provider_id: call.provider.as_str().to_owned(),
        attributes: std::mem::take(&mut call.user),
        reason: call.reason.clone(),
        tracking: std::mem::take(&mut call.tracking),
    };
    let token = inner.backend.token(&token_request).await?;
    let connection_id = token.connection_id;
    let bearer = token.access.bearer()?;

    let started = Instant::now();
    let answer = redirect::send(
        &inner.provider_client,
        &inner.hosts,
        &call,
        bearer,
        &token.access,
        inner.max_response_bytes,
    )
    .await;
    // Kept until the answer was scrubbed of it; nothing after this needs it.
    drop(token);
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let answer = match answer {
        Ok(answer) => answer,
        Err(error) => {
            // A provider that answered is traced and audited even when its
            // answer is refused (too large, too many redirects) or its body
            // broke off.
            if let Some(answer) = error.answer() {
                trace_call(&call, answer.status, latency_ms);
                if let Some(audit) = &inner.audit {
                    let body = error.audited_body();
                    audit.push(audit_record(&call, connection_id, answer, body, latency_ms));
                }
            }
            return Err(error.into_error(&call));
        }
    };
    trace_call(&call, answer.status, latency_ms);

    if let Some(audit) = &inner.audit {
        let body = body_text(&answer.body);
        audit.push(audit_record(
            &call,
            connection_id,
            &answer,
            body,
            latency_ms,
        ));
    }
    finish(call, answer)
}

/// Maps the provider's status: 400 and above is an error; a 2xx runs the
/// endpoint's check.
fn finish(call: Prepared, answer: Answer) -> Result<Response> {
    let Answer {
        status,
        headers,
        body,
    } = answer;
    if status.as_u16() >= 400 {
        return Err(provider_error::build(
            call.provider.as_str(),
            status.as_u16(),
            &body,
            call_details(&call),
        ));
    }
    let response = Response {
        provider: call.provider.as_str().to_owned(),
        status,
        headers,
        body,
    };
    if let Some(check) = call.check.filter(|_| status.is_success()) {
        check(&response)?;
    }
    Ok(response)
}

/// The provider, method and URL (without query) of a call.
pub(crate) fn call_details(call: &Prepared) -> Details {
    let mut details = Map::new();
    details.insert("provider".into(), call.provider.as_str().into());
    details.insert("method".into(), call.method.as_str().into());
    details.insert("url".into(), audit_url(call).into());
    Box::new(details)
}

fn trace_call(call: &Prepared, status: StatusCode, latency_ms: u64) {
    tracing::debug!(
        target: "alter_sdk",
        provider = call.provider.as_str(),
        endpoint = call.endpoint.unwrap_or_default(),
        method = call.method.as_str(),
        host = call.url.host_str().unwrap_or_default(),
        status = status.as_u16(),
        latency_ms,
        "provider call"
    );
}

/// The URL after path substitution, without query or fragment.
fn audit_url(call: &Prepared) -> String {
    let mut url = call.url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.into()
}

fn audit_record(
    call: &Prepared,
    connection_id: uuid::Uuid,
    answer: &Answer,
    response_body: String,
    latency_ms: u64,
) -> AuditRecord {
    let mut sent: Vec<(&str, Cow<'_, str>)> = call
        .headers
        .iter()
        .map(|h| {
            (
                h.written.as_str(),
                String::from_utf8_lossy(h.value.as_bytes()),
            )
        })
        .collect();
    if !call
        .headers
        .iter()
        .any(|h| h.name == reqwest::header::USER_AGENT)
    {
        sent.push(("User-Agent", Cow::Borrowed(USER_AGENT)));
    }
    AuditRecord {
        connection_id,
        provider_id: call.provider.as_str().to_owned(),
        method: call.method.as_str().to_owned(),
        url: audit_url(call),
        request_headers: Headers::from_pairs(sent),
        request_body: call.body.as_ref().map(|(value, _)| value.clone()),
        response_status: answer.status.as_u16(),
        response_headers: Headers::from_map(&answer.headers),
        response_body,
        latency_ms,
        reason: call.reason.clone(),
    }
}
