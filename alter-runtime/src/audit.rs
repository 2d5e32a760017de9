//! Audit records and the bounded queue that sends them in the background.
//!
//! A call pushes its record with `try_send`: when the queue is full the record
//! is dropped, counted and warned about, so audit never delays a call. One
//! worker task per vault (started on the first record) posts records in
//! order; [`AuditQueue::drain`] closes the queue, waits for the worker to
//! send what is queued, and leaves the queue ready to start again.
//!
//! The worker runs on the async runtime of the call that started it, and a
//! program may make its calls on short-lived runtimes (one per request, or a
//! `block_on` per call). So the receiver does not die with the worker's task:
//! the task holds it through a lease that, when the task is dropped with its
//! runtime, puts it back, records and all, and the next push (or `drain`)
//! starts a worker on its own runtime to send them. Only a record whose post
//! was under way when the runtime shut down is lost, and it is counted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;
use tokio::runtime::Handle;
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
    state: Mutex<Option<Channel>>,
    dropped: Arc<AtomicU64>,
    /// Held for a whole drain, so that concurrent closers all wait for it.
    draining: tokio::sync::Mutex<()>,
}

/// The queue between two drains: its sender, the worker posting from it, and
/// where its receiver waits while no worker holds it.
struct Channel {
    sender: mpsc::Sender<AuditRecord>,
    parked: Parked,
    worker: Option<JoinHandle<()>>,
}

/// Where a channel's receiver waits while no worker holds it.
type Parked = Arc<Mutex<Option<mpsc::Receiver<AuditRecord>>>>;

/// The count of dropped records, shared with the workers' leases.
type Counter = Arc<AtomicU64>;

impl Channel {
    fn new(capacity: usize) -> Channel {
        let (sender, receiver) = mpsc::channel(capacity);
        Channel {
            sender,
            parked: Arc::new(Mutex::new(Some(receiver))),
            worker: None,
        }
    }

    /// Starts a worker on `runtime` unless one is running. A worker whose
    /// runtime shut down is finished, and its lease has parked the receiver
    /// with every record it had not taken.
    fn start_worker(&mut self, runtime: &Handle, backend: &Arc<dyn Backend>, dropped: &Counter) {
        if self
            .worker
            .as_ref()
            .is_some_and(|worker| !worker.is_finished())
        {
            return;
        }
        let Some(lease) = Lease::take(&self.parked, dropped) else {
            return;
        };
        if self.worker.is_some() {
            tracing::debug!(target: "alter_sdk", "audit worker restarted on the current runtime");
        }
        self.worker = Some(runtime.spawn(lease.work(backend.clone())));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Counts and warns about one record that will not be sent.
fn count_dropped(dropped: &AtomicU64, why: &'static str) {
    let total = dropped.fetch_add(1, Ordering::Relaxed) + 1;
    tracing::warn!(target: "alter_sdk", dropped_total = total, "{why}; audit record dropped");
}

/// A worker's hold on the receiver. When the worker's task is dropped before
/// the queue is closed (its runtime shut down), the lease parks the receiver,
/// with the records still in it, for the next worker; a record whose post was
/// under way is counted as dropped, since it may not have reached the backend.
struct Lease {
    receiver: Option<mpsc::Receiver<AuditRecord>>,
    parked: Parked,
    dropped: Counter,
    posting: bool,
}

impl Lease {
    fn take(parked: &Parked, dropped: &Counter) -> Option<Lease> {
        let receiver = lock(parked).take()?;
        Some(Lease {
            receiver: Some(receiver),
            parked: parked.clone(),
            dropped: dropped.clone(),
            posting: false,
        })
    }

    /// Posts records in order until the queue is closed and empty.
    async fn work(mut self, backend: Arc<dyn Backend>) {
        while let Some(record) = self.next().await {
            self.posting = true;
            match backend.audit(&record).await {
                Ok(()) => tracing::trace!(target: "alter_sdk", "audit record sent"),
                Err(error) => {
                    tracing::warn!(target: "alter_sdk", %error, "audit record not accepted");
                }
            }
            self.posting = false;
        }
        // Closed and empty: nothing is left for another worker.
        self.receiver = None;
    }

    async fn next(&mut self) -> Option<AuditRecord> {
        self.receiver.as_mut()?.recv().await
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if self.posting {
            count_dropped(
                &self.dropped,
                "the async runtime shut down while an audit record was being sent",
            );
        }
        if let Some(receiver) = self.receiver.take() {
            *lock(&self.parked) = Some(receiver);
        }
    }
}

impl AuditQueue {
    pub(crate) fn new(capacity: usize, backend: Arc<dyn Backend>) -> AuditQueue {
        AuditQueue {
            capacity,
            backend,
            state: Mutex::new(None),
            dropped: Arc::new(AtomicU64::new(0)),
            draining: tokio::sync::Mutex::new(()),
        }
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Queues a record without waiting; drops it when the queue is full.
    ///
    /// The worker runs on the runtime of the push that started it. When that
    /// runtime has shut down since, this push starts a new worker on its own
    /// runtime, which sends the records the old one left.
    pub(crate) fn push(&self, record: AuditRecord) {
        let Ok(runtime) = Handle::try_current() else {
            return count_dropped(&self.dropped, "no async runtime to send it from");
        };
        let mut state = lock(&self.state);
        let channel = match &mut *state {
            // Closed only if its receiver was lost: start afresh.
            Some(channel) if !channel.sender.is_closed() => channel,
            slot => slot.insert(Channel::new(self.capacity)),
        };
        channel.start_worker(&runtime, &self.backend, &self.dropped);
        if let Err(error) = channel.sender.try_send(record) {
            let why = match error {
                mpsc::error::TrySendError::Full(_) => "audit queue is full",
                mpsc::error::TrySendError::Closed(_) => "audit worker stopped",
            };
            count_dropped(&self.dropped, why);
        }
    }

    /// Sends what is queued and waits for it. Records a worker left when its
    /// runtime shut down are sent by a worker on the current runtime.
    pub(crate) async fn drain(&self) {
        let _draining = self.draining.lock().await;
        let Some(channel) = lock(&self.state).take() else {
            return;
        };
        let Channel {
            sender,
            parked,
            worker,
        } = channel;
        // The worker ends once it has taken the last record.
        drop(sender);
        if let Some(worker) = worker {
            match worker.await {
                Ok(()) => return,
                Err(error) if error.is_panic() => {
                    tracing::warn!(target: "alter_sdk", "audit worker ended abnormally");
                }
                Err(_) => tracing::debug!(
                    target: "alter_sdk",
                    "the audit worker's runtime shut down; its records are sent from here"
                ),
            }
        }
        let Some(lease) = Lease::take(&parked, &self.dropped) else {
            return;
        };
        let work = lease.work(self.backend.clone());
        match Handle::try_current() {
            // Spawned, so that the records are still sent if `close` is
            // dropped before it finishes.
            Ok(runtime) => {
                if runtime.spawn(work).await.is_err() {
                    tracing::warn!(target: "alter_sdk", "audit worker ended abnormally");
                }
            }
            Err(_) => work.await,
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
    fn a_worker_gone_with_its_runtime_leaves_its_records_to_the_next_one() {
        let runtime = || {
            tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let (sent, mut received) = mpsc::unbounded_channel();
        let queue = AuditQueue::new(4, Arc::new(Recorder(sent)));
        let first = runtime();
        first.block_on(async {
            queue.push(record("1"));
            queue.push(record("2"));
        });
        drop(first);
        let second = runtime();
        second.block_on(async {
            queue.push(record("3"));
            queue.drain().await;
        });
        let order: Vec<String> = std::iter::from_fn(|| received.try_recv().ok()).collect();
        assert_eq!(order, ["1", "2", "3"]);
        assert_eq!(queue.dropped(), 0);
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
