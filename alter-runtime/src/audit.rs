//! Audit records and the bounded queue that sends them in the background.
//!
//! A call pushes its record with `try_send`: when the queue is full the record
//! is dropped, counted and warned about, so audit never delays a call. One
//! worker task per vault (started on the first record) posts records in
//! order; [`AuditQueue::drain`] closes the queue, waits for the worker to
//! send what is queued, and leaves the queue ready to start again.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::backend::Backend;
use crate::text::MAX_BODY_BYTES;

/// Header names that always carry a credential (any case).
const SENSITIVE: [&str; 6] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
];

/// Parts of a header name that mark it as a likely credential
/// (`Private-Token`, `X-Goog-Api-Key`, `X-Session-Id`, `X-Signature`,
/// `X-Client-Credential`, `X-Bearer`, `X-Forwarded-Jwt`).
const SENSITIVE_PARTS: [&str; 11] = [
    "auth",
    "token",
    "secret",
    "key",
    "cookie",
    "session",
    "password",
    "signature",
    "credential",
    "bearer",
    "jwt",
];

/// Whether a header may carry a credential: one of the known names, or a
/// name (lowercased) containing one of the credential words.
///
/// The one rule for the headers left out of audit records, dropped on a
/// redirect to another origin, and marked sensitive when sent.
pub(crate) fn is_sensitive(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SENSITIVE.contains(&name.as_str()) || SENSITIVE_PARTS.iter().any(|part| name.contains(part))
}

/// One provider call, as sent to `POST /oauth/audit/api-call`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuditRecord {
    pub(crate) connection_id: Uuid,
    pub(crate) provider_id: String,
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) request_headers: Headers,
    pub(crate) request_body: Option<Value>,
    pub(crate) response_status: u16,
    pub(crate) response_headers: Headers,
    pub(crate) response_body: String,
    pub(crate) latency_ms: u64,
    pub(crate) reason: Option<String>,
}

/// Header pairs serialized as a JSON object, in order, sensitive ones left
/// out.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Headers(Vec<(String, String)>);

impl Headers {
    /// The caller's request headers (names as first written), sensitive ones
    /// removed, repeated names joined by `, `.
    pub(crate) fn from_pairs<N, V>(pairs: impl IntoIterator<Item = (N, V)>) -> Headers
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let mut headers = Headers::default();
        for (name, value) in pairs {
            if !is_sensitive(name.as_ref()) {
                headers.add(name.as_ref(), value.as_ref());
            }
        }
        headers
    }

    fn add(&mut self, name: &str, value: &str) {
        match self
            .0
            .iter_mut()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
        {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(value);
            }
            None => self.0.push((name.to_owned(), value.to_owned())),
        }
    }

    /// Response headers: one entry per name, repeated values joined by `, `.
    pub(crate) fn from_map(map: &HeaderMap) -> Headers {
        let mut pairs = Vec::new();
        for name in map.keys().filter(|name| !is_sensitive(name.as_str())) {
            let values: Vec<String> = map
                .get_all(name)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .collect();
            pairs.push((name.as_str().to_owned(), values.join(", ")));
        }
        Headers(pairs)
    }
}

impl Serialize for Headers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The audited form of a response body: the text, `""` when empty, or a
/// placeholder for a body over 10,000 bytes or not UTF-8.
pub(crate) fn body_text(body: &[u8]) -> String {
    if body.len() > MAX_BODY_BYTES {
        return format!("<response too large: {} bytes>", body.len());
    }
    match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => format!("<binary response: {} bytes>", body.len()),
    }
}

/// The bounded queue of records waiting to be posted.
pub(crate) struct AuditQueue {
    capacity: usize,
    backend: Arc<dyn Backend>,
    state: Mutex<State>,
    dropped: AtomicU64,
    /// Held for a whole drain, so that concurrent closers all wait for it.
    draining: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    sender: Option<mpsc::Sender<AuditRecord>>,
    worker: Option<JoinHandle<()>>,
}

impl AuditQueue {
    pub(crate) fn new(capacity: usize, backend: Arc<dyn Backend>) -> AuditQueue {
        AuditQueue {
            capacity,
            backend,
            state: Mutex::new(State::default()),
            dropped: AtomicU64::new(0),
            draining: tokio::sync::Mutex::new(()),
        }
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Queues a record without waiting; drops it when the queue is full.
    pub(crate) fn push(&self, record: AuditRecord) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(sender) = self.sender(&mut state) else {
            self.drop_record("no async runtime to send it from");
            return;
        };
        if let Err(error) = sender.try_send(record) {
            let why = match error {
                mpsc::error::TrySendError::Full(_) => "audit queue is full",
                mpsc::error::TrySendError::Closed(_) => "audit worker stopped",
            };
            self.drop_record(why);
        }
    }

    fn sender<'s>(&self, state: &'s mut State) -> Option<&'s mpsc::Sender<AuditRecord>> {
        if state.sender.as_ref().is_none_or(mpsc::Sender::is_closed) {
            let runtime = tokio::runtime::Handle::try_current().ok()?;
            let (sender, receiver) = mpsc::channel(self.capacity);
            state.worker = Some(runtime.spawn(work(receiver, self.backend.clone())));
            state.sender = Some(sender);
        }
        state.sender.as_ref()
    }

    fn drop_record(&self, why: &'static str) {
        let total = self.dropped.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::warn!(target: "alter_sdk", dropped_total = total, "{why}; audit record dropped");
    }

    /// Sends what is queued and waits for it.
    pub(crate) async fn drain(&self) {
        let _draining = self.draining.lock().await;
        let worker = {
            let mut state = self
                .state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state.sender = None;
            state.worker.take()
        };
        if let Some(worker) = worker
            && worker.await.is_err()
        {
            tracing::warn!(target: "alter_sdk", "audit worker ended abnormally");
        }
    }
}

async fn work(mut receiver: mpsc::Receiver<AuditRecord>, backend: Arc<dyn Backend>) {
    while let Some(record) = receiver.recv().await {
        match backend.audit(&record).await {
            Ok(()) => tracing::trace!(target: "alter_sdk", "audit record sent"),
            Err(error) => tracing::warn!(target: "alter_sdk", %error, "audit record not accepted"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex as StdMutex;

    use tokio::sync::{Notify, Semaphore};

    use super::*;
    use crate::backend::{BoxFuture, Token, TokenRequest};
    use crate::error::{Error, Result};

    /// A backend whose audit endpoint blocks until released.
    struct Gate {
        started: Notify,
        release: Semaphore,
        sent: StdMutex<Vec<String>>,
    }

    impl Default for Gate {
        fn default() -> Gate {
            Gate {
                started: Notify::new(),
                release: Semaphore::new(0),
                sent: StdMutex::new(Vec::new()),
            }
        }
    }

    impl Backend for Gate {
        fn token<'a>(&'a self, _: &'a TokenRequest) -> BoxFuture<'a, Result<Token>> {
            Box::pin(async { Err(Error::invalid("not used")) })
        }

        fn audit<'a>(&'a self, record: &'a AuditRecord) -> BoxFuture<'a, Result<()>> {
            Box::pin(async move {
                self.started.notify_one();
                let permit = self.release.acquire().await;
                drop(permit);
                if let Ok(mut sent) = self.sent.lock() {
                    sent.push(record.url.clone());
                }
                Ok(())
            })
        }

        fn describe(&self) -> String {
            "Gate".into()
        }
    }

    fn record(url: &str) -> AuditRecord {
        AuditRecord {
            connection_id: Uuid::nil(),
            provider_id: "google".into(),
            method: "GET".into(),
            url: url.into(),
            request_headers: Headers::default(),
            request_body: None,
            response_status: 200,
            response_headers: Headers::default(),
            response_body: String::new(),
            latency_ms: 1,
            reason: None,
        }
    }

    #[tokio::test]
    async fn full_queue_drops_and_counts_without_waiting() {
        let gate = Arc::new(Gate::default());
        let queue = AuditQueue::new(1, gate.clone());
        queue.push(record("1"));
        gate.started.notified().await;
        queue.push(record("2"));
        queue.push(record("3"));
        assert_eq!(queue.dropped(), 1);
        gate.release.add_permits(10);
        queue.drain().await;
        assert_eq!(
            *gate.sent.lock().unwrap_or_else(|e| e.into_inner()),
            ["1", "2"]
        );
        assert_eq!(queue.dropped(), 1);
    }

    #[tokio::test]
    async fn largest_accepted_capacity_makes_a_working_queue() {
        let gate = Arc::new(Gate::default());
        let queue = AuditQueue::new(crate::MAX_AUDIT_QUEUE_CAPACITY, gate.clone());
        queue.push(record("1"));
        gate.release.add_permits(1);
        queue.drain().await;
        assert_eq!(*gate.sent.lock().unwrap_or_else(|e| e.into_inner()), ["1"]);
        assert_eq!(queue.dropped(), 0);
    }

    /// A backend that reports each audited URL on a channel.
    struct Recorder(mpsc::UnboundedSender<String>);

    impl Backend for Recorder {
        fn token<'a>(&'a self, _: &'a TokenRequest) -> BoxFuture<'a, Result<Token>> {
            Box::pin(async { Err(Error::invalid("not used")) })
        }

        fn audit<'a>(&'a self, record: &'a AuditRecord) -> BoxFuture<'a, Result<()>> {
            let _ = self.0.send(record.url.clone());
            Box::pin(async { Ok(()) })
        }

        fn describe(&self) -> String {
            "Recorder".into()
        }
    }

    #[tokio::test]
    async fn records_queued_when_the_queue_is_dropped_are_still_sent() {
        let (sent, mut received) = mpsc::unbounded_channel();
        let queue = AuditQueue::new(4, Arc::new(Recorder(sent)));
        queue.push(record("1"));
        queue.push(record("2"));
        drop(queue);
        assert_eq!(received.recv().await.as_deref(), Some("1"));
        assert_eq!(received.recv().await.as_deref(), Some("2"));
        assert_eq!(
            received.recv().await,
            None,
            "the worker ends after the last one"
        );
    }

    #[test]
    fn push_outside_a_runtime_drops_instead_of_panicking() {
        let queue = AuditQueue::new(4, Arc::new(Gate::default()));
        queue.push(record("1"));
        assert_eq!(queue.dropped(), 1);
    }

    #[test]
    fn credential_words_make_a_name_sensitive() {
        for name in [
            "Private-Token",
            "X-Goog-Api-Key",
            "X-Client-Secret",
            "X-Session-Id",
            "X-Password",
            "X-Amz-Signature",
            "WWW-Authenticate",
            "Set-Cookie",
            "X-Client-Credential",
            "X-Amz-Credentials",
            "CREDENTIAL",
            "X-Bearer",
            "Bearer-Grant",
            "x-bEaReR-value",
            "X-Forwarded-Jwt",
            "JWT-Assertion",
            "X-Goog-Iap-Jwt-Assertion",
        ] {
            assert!(is_sensitive(name), "{name}");
        }
        for name in [
            "Accept",
            "Notion-Version",
            "Keep-Alive",
            "X-Trace",
            "Vary",
            "X-Bear",
            "X-Jw",
            "X-Credit",
        ] {
            assert!(!is_sensitive(name), "{name}");
        }
    }

    #[test]
    fn sensitive_headers_are_left_out_in_any_case() {
        let pairs = [
            ("Authorization", "a"),
            ("COOKIE", "c"),
            ("X-Api-Key", "k"),
            ("Accept", "x"),
        ];
        assert_eq!(
            Headers::from_pairs(pairs),
            Headers(vec![("Accept".into(), "x".into())])
        );
        let mut map = HeaderMap::new();
        map.append(
            "set-cookie",
            reqwest::header::HeaderValue::from_static("a=1"),
        );
        map.append("vary", reqwest::header::HeaderValue::from_static("a"));
        map.append("vary", reqwest::header::HeaderValue::from_static("b"));
        map.append(
            "x-auth-token",
            reqwest::header::HeaderValue::from_static("t"),
        );
        assert_eq!(
            Headers::from_map(&map),
            Headers(vec![("vary".into(), "a, b".into())])
        );
    }

    #[test]
    fn body_rules() {
        assert_eq!(body_text(b""), "");
        assert_eq!(body_text("é".as_bytes()), "é");
        assert_eq!(body_text(&[0xc3]), "<binary response: 1 bytes>");
        assert_eq!(
            body_text(&[b'x'; 10_001]),
            "<response too large: 10001 bytes>"
        );
    }
}
