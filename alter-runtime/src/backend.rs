//! The seam to the vault backend: ask for a token, send an audit record.
//!
//! [`Backend`] is all the call path knows of the backend. [`HttpBackend`]
//! speaks today's protocol (`POST /oauth/token`, `POST
//! /oauth/audit/api-call`); another protocol generation would be a second
//! implementation beside it.
//!
//! A backend answer is read up to [`MAX_BACKEND_ANSWER_BYTES`]; a request
//! that got no HTTP answer, or whose answer broke off, is an
//! [`Error::Network`].

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::{Map, Value};
use url::Url;
use uuid::Uuid;

use crate::actor::{Actor, is_header_safe};
use crate::audit::AuditRecord;
use crate::backend_error;
use crate::config::USER_AGENT;
use crate::error::{Error, Result};
use crate::secret::{ApiKey, ProviderToken};

/// The largest backend answer read, in bytes (1 MiB). A token answer or an
/// error body is a few hundred bytes; a larger answer is refused with an
/// [`Error::TokenRetrieval`] before more of it is read.
pub(crate) const MAX_BACKEND_ANSWER_BYTES: usize = 1024 * 1024;

/// A boxed, sendable future.
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the call path needs from the vault backend.
pub(crate) trait Backend: Send + Sync + 'static {
    /// Fetches the provider token for one call.
    fn token<'a>(&'a self, request: &'a TokenRequest) -> BoxFuture<'a, Result<Token>>;

    /// Records one provider call.
    fn audit<'a>(&'a self, record: &'a AuditRecord) -> BoxFuture<'a, Result<()>>;

    /// A harmless description for `Debug` output.
    fn describe(&self) -> String;
}

/// The per-call tracking ids, unchecked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tracking {
    pub(crate) run_id: Option<String>,
    pub(crate) thread_id: Option<String>,
    pub(crate) tool_call_id: Option<String>,
}

/// One token request.
#[derive(Debug, Serialize)]
pub(crate) struct TokenRequest {
    pub(crate) provider_id: String,
    pub(crate) attributes: Map<String, Value>,
    pub(crate) reason: Option<String>,
    #[serde(skip)]
    pub(crate) tracking: Tracking,
}

/// A token handed out for one call.
#[derive(Debug)]
pub(crate) struct Token {
    pub(crate) access: ProviderToken,
    pub(crate) connection_id: Uuid,
}

/// Reads a token answer field by field, so that no error message quotes a
/// value of it (a deserializer's message would, for a numeric token).
fn parse_token(body: &[u8]) -> Result<Token> {
    let unreadable = |what: &str| Error::TokenRetrieval {
        message: format!("the vault's token answer {what}"),
        details: Box::default(),
    };
    let mut answer = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(answer)) => answer,
        _ => return Err(unreadable("is not a JSON object")),
    };
    let connection_id = answer
        .get("connection_id")
        .and_then(Value::as_str)
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or_else(|| unreadable("has no UUID `connection_id`"))?;
    match answer.remove("access_token") {
        Some(Value::String(access)) => Ok(Token {
            access: ProviderToken::new(access),
            connection_id,
        }),
        _ => Err(unreadable("has no `access_token` string")),
    }
}

/// The backend over HTTP, protocol generation 0.2.
pub(crate) struct HttpBackend {
    client: reqwest::Client,
    base_url: Url,
    actor_id: OnceLock<String>,
    /// Kept to scrub it from error answers; sent through the client's
    /// default headers.
    api_key: ApiKey,
}

impl HttpBackend {
    pub(crate) fn new(
        api_key: &ApiKey,
        base_url: Url,
        actor: Option<&Actor>,
        timeout: Duration,
        roots: &[reqwest::Certificate],
    ) -> Result<HttpBackend> {
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", api_key.header_value()?);
        headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_static(USER_AGENT),
        );
        for (name, value) in actor.map(Actor::headers).unwrap_or_default() {
            let value = HeaderValue::from_str(value)
                .map_err(|_| Error::config("an actor string is not a valid header value"))?;
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::config("an actor header name is invalid"))?;
            headers.insert(name, value);
        }
        let client = crate::config::with_roots(reqwest::Client::builder(), roots)
            .default_headers(headers)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::config(format!("the HTTP client could not be built: {e}")))?;
        Ok(HttpBackend {
            client,
            base_url,
            actor_id: OnceLock::new(),
            api_key: api_key.clone(),
        })
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.as_str().trim_end_matches('/'))
    }

    async fn fetch_token(&self, request: &TokenRequest) -> Result<Token> {
        let response = self
            .client
            .post(self.endpoint("/oauth/token"))
            .headers(self.per_request_headers(Some(&request.tracking)))
            .json(request)
            .send()
            .await
            .map_err(|e| self.transport_error(e))?;
        self.remember_actor_id(response.headers());
        let status = response.status().as_u16();
        let body = self.read_answer(response, status).await?;
        if status >= 400 {
            return Err(backend_error::from_status(status, &body, &self.api_key));
        }
        let token = parse_token(&body)?;
        tracing::debug!(target: "alter_sdk", provider = %request.provider_id, "token retrieved");
        Ok(token)
    }

    /// Reads a backend answer of at most [`MAX_BACKEND_ANSWER_BYTES`].
    async fn read_answer(&self, mut response: reqwest::Response, status: u16) -> Result<Bytes> {
        let too_large = || {
            let mut details = Map::new();
            details.insert("base_url".into(), self.base_url.as_str().into());
            details.insert("status".into(), status.into());
            Error::TokenRetrieval {
                message: format!(
                    "the vault backend's answer (HTTP {status}) is larger than the limit of \
                     {MAX_BACKEND_ANSWER_BYTES} bytes"
                ),
                details: Box::new(details),
            }
        };
        let limit = u64::try_from(MAX_BACKEND_ANSWER_BYTES).unwrap_or(u64::MAX);
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(too_large());
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(e))?
        {
            if chunk.len() > MAX_BACKEND_ANSWER_BYTES - body.len() {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }

    async fn post_audit(&self, record: &AuditRecord) -> Result<()> {
        let response = self
            .client
            .post(self.endpoint("/oauth/audit/api-call"))
            .headers(self.per_request_headers(None))
            .json(record)
            .send()
            .await
            .map_err(|e| self.transport_error(e))?;
        self.remember_actor_id(response.headers());
        let status = response.status().as_u16();
        if status >= 400 {
            return Err(Error::Sdk {
                message: format!("the audit endpoint answered HTTP {status}"),
                details: Box::default(),
            });
        }
        Ok(())
    }

    /// The cached actor id and the valid tracking ids.
    fn per_request_headers(&self, tracking: Option<&Tracking>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = self
            .actor_id
            .get()
            .and_then(|id| HeaderValue::from_str(id).ok())
        {
            headers.insert("x-alter-actor-id", value);
        }
        let Some(tracking) = tracking else {
            return headers;
        };
        if let Some(run_id) = tracking.run_id.as_deref().filter(|id| !id.is_empty()) {
            match Uuid::parse_str(run_id) {
                Ok(_) => insert_checked(&mut headers, "x-alter-run-id", run_id),
                Err(_) => tracing::warn!(target: "alter_sdk", "run id is not a UUID; not sent"),
            }
        }
        for (name, value) in [
            ("x-alter-thread-id", &tracking.thread_id),
            ("x-alter-tool-call-id", &tracking.tool_call_id),
        ] {
            match value.as_deref() {
                None | Some("") => {}
                Some(value) if is_header_safe(value) => insert_checked(&mut headers, name, value),
                Some(_) => tracing::warn!(
                    target: "alter_sdk",
                    header = name,
                    "tracking id is longer than 255 characters or not printable ASCII; not sent"
                ),
            }
        }
        headers
    }

    fn remember_actor_id(&self, headers: &HeaderMap) {
        let Some(value) = headers.get("x-alter-actor-id") else {
            return;
        };
        let Some(id) = value.to_str().ok().filter(|id| Uuid::parse_str(id).is_ok()) else {
            tracing::warn!(target: "alter_sdk", "backend sent an actor id that is not a UUID; ignored");
            return;
        };
        let cached = self.actor_id.get_or_init(|| id.to_owned());
        if cached == id {
            tracing::trace!(target: "alter_sdk", actor_id = id, "actor id cached");
        } else {
            tracing::warn!(
                target: "alter_sdk",
                cached = %cached,
                received = id,
                "backend sent a different actor id; keeping the first"
            );
        }
    }

    /// A request that got no usable HTTP answer (refused, timed out, closed
    /// before or while answering) is a network error, as for providers; only
    /// a request the client could not build is not.
    fn transport_error(&self, error: reqwest::Error) -> Error {
        let mut details = Map::new();
        details.insert("base_url".into(), self.base_url.as_str().into());
        if error.is_builder() {
            return Error::TokenRetrieval {
                message: format!(
                    "the request to the vault backend could not be built: {}",
                    error.without_url()
                ),
                details: Box::new(details),
            };
        }
        let what = if error.is_timeout() {
            "vault backend timed out"
        } else if error.is_connect() {
            "vault backend could not connect"
        } else {
            "vault backend request failed"
        };
        Error::network(what, Box::new(details), error.without_url())
    }
}

impl Backend for HttpBackend {
    fn token<'a>(&'a self, request: &'a TokenRequest) -> BoxFuture<'a, Result<Token>> {
        Box::pin(self.fetch_token(request))
    }

    fn audit<'a>(&'a self, record: &'a AuditRecord) -> BoxFuture<'a, Result<()>> {
        Box::pin(self.post_audit(record))
    }

    fn describe(&self) -> String {
        format!("HttpBackend({})", self.base_url)
    }
}

fn insert_checked(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}
