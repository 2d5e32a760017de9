//! Everything `tracing` writes during a test, captured as text.
//!
//! One global subscriber, installed once, takes every event at every level
//! and writes it to the capture of the thread it happened on, if that
//! thread has one. A subscriber per test (`set_default`) would race with
//! tests on other threads over `tracing`'s cached callsite interest, and
//! lose events now and then.

use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, Mutex, Once};

use tracing::{Level, Metadata};
use tracing_subscriber::fmt::MakeWriter;

/// The formatted log lines written while its guard is alive (this thread only).
#[derive(Clone, Default)]
pub struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

thread_local! {
    /// This thread's capture and the least severe level it keeps.
    static CURRENT: RefCell<Option<(CapturedLogs, Level)>> = const { RefCell::new(None) };
}

/// Ends a capture when dropped, putting back the one it replaced.
pub struct CaptureGuard {
    previous: Option<(CapturedLogs, Level)>,
}

impl Drop for CaptureGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

/// Routes each event to the capture of the thread it happened on.
struct ToThisThread;

/// Where one event goes: a capture, or nowhere.
enum Sink {
    Capture(CapturedLogs),
    Discard,
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Capture(captured) => captured.write(bytes),
            Sink::Discard => Ok(bytes.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for ToThisThread {
    type Writer = Sink;

    fn make_writer(&'a self) -> Sink {
        Sink::Discard
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> Sink {
        CURRENT.with(|current| match &*current.borrow() {
            Some((captured, level)) if meta.level() <= level => Sink::Capture(captured.clone()),
            _ => Sink::Discard,
        })
    }
}

impl CapturedLogs {
    /// Captures events of this thread at `level` and above until the guard
    /// is dropped.
    pub fn start(level: Level) -> (CapturedLogs, CaptureGuard) {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(Level::TRACE)
                .with_ansi(false)
                .with_writer(ToThisThread)
                .finish();
            tracing::subscriber::set_global_default(subscriber)
                .expect("no other global subscriber in this test binary");
            // A callsite another test met before the subscriber was set may
            // still cache that nobody wants it.
            tracing::callsite::rebuild_interest_cache();
        });
        let captured = CapturedLogs::default();
        let previous =
            CURRENT.with(|current| current.borrow_mut().replace((captured.clone(), level)));
        (captured, CaptureGuard { previous })
    }

    /// Everything captured so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// The captured `WARN` lines, in order.
    pub fn warnings(&self) -> Vec<String> {
        self.text()
            .lines()
            .filter(|line| line.contains("WARN"))
            .map(str::to_owned)
            .collect()
    }

    /// The captured `WARN` events as `target: message fields`, without the
    /// timestamp and level that start each line.
    pub fn warning_events(&self) -> Vec<String> {
        self.warnings()
            .iter()
            .filter_map(|line| line.split_once(" WARN "))
            .map(|(_, event)| event.trim().to_owned())
            .collect()
    }
}

impl Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
