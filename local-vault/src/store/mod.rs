//! SQLite storage.
//!
//! One `rusqlite::Connection` sits behind a `std::sync::Mutex`; every query runs on tokio's
//! blocking pool through [`Store::call`], so no async task ever holds the lock or blocks a
//! worker thread on disk I/O. The schema lives in `migrations`.
//!
//! The file holds access tokens, refresh tokens and OAuth client secrets in clear, so on Unix
//! it is kept readable and writable by its owner only (mode 0600): a new file is created with
//! that mode before SQLite opens it, and an existing file (or journal) that others could read
//! is tightened, with a warning, once it has opened as the vault's database (a file that is
//! not one is left as it is). SQLite gives the `-wal` and `-shm` files it creates the mode of
//! the database file.

mod actors;
mod audit;
mod connections;
mod keys;
mod migrations;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

pub(crate) use actors::ActorHeaders;
pub(crate) use audit::{NewAccess, NewAudit};
pub(crate) use connections::{StoredConnection, TokenUpdate};

use crate::error::{Error, Result};

/// Where the database lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Location {
    Memory,
    File(PathBuf),
}

/// A handle to the database; clones share one connection.
#[derive(Clone)]
pub(crate) struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database.
    pub(crate) fn open(location: &Location) -> Result<Store> {
        let mut conn = match location {
            Location::Memory => Connection::open_in_memory(),
            Location::File(path) => {
                create_owner_only(path).map_err(|e| {
                    Error::storage(format!("cannot create {}", describe(location)), e)
                })?;
                Connection::open(path)
            }
        }
        .map_err(|e| Error::storage(format!("cannot open {}", describe(location)), e))?;
        configure(&conn, location).map_err(|e| {
            Error::storage(
                format!("cannot use {} as a database", describe(location)),
                e,
            )
        })?;
        migrations::apply(&mut conn)?;
        if let Location::File(path) = location {
            // Only now that it is known to be the vault's database: a file given by mistake
            // keeps its permissions.
            restrict_to_owner(path);
        }
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `work` with the connection on the blocking pool.
    pub(crate) async fn call<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier query poisons the mutex but leaves the connection usable
            // (an open `Transaction` rolls back as it unwinds), so carry on rather than fail
            // every later request.
            let mut guard = conn.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut guard)
        })
        .await
        .map_err(|e| Error::Task(e.to_string()))?
    }
}

/// Creates the database file with mode 0600 when it is missing, before SQLite creates it with
/// the umask's mode (usually readable by everyone).
#[cfg(unix)]
fn create_owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;

    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(OWNER_ONLY)
        .open(path);
    match created {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// Takes the access of group and others away from the database and its journals. A file this
/// user does not own cannot be changed: that is warned about, and the file is used as it is.
#[cfg(unix)]
fn restrict_to_owner(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        tighten(Path::new(&file));
    }
}

#[cfg(not(unix))]
fn create_owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn restrict_to_owner(_path: &Path) {}

/// The mode of the database file: read and write for the owner, nothing for anyone else.
#[cfg(unix)]
const OWNER_ONLY: u32 = 0o600;

/// Removes group and other access from `file` if it exists and has any.
#[cfg(unix)]
fn tighten(file: &Path) {
    use std::os::unix::fs::PermissionsExt;

    let Ok(metadata) = std::fs::metadata(file) else {
        return;
    };
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return;
    }
    let tightened = mode & 0o700;
    match std::fs::set_permissions(file, std::fs::Permissions::from_mode(tightened)) {
        Ok(()) => tracing::warn!(
            target: "alter_local_vault::store",
            file = %file.display(),
            was = format_args!("{mode:o}"),
            now = format_args!("{tightened:o}"),
            "the database held secrets readable by other users; it is now owner-only",
        ),
        Err(error) => tracing::warn!(
            target: "alter_local_vault::store",
            file = %file.display(),
            mode = format_args!("{mode:o}"),
            %error,
            "the database holds secrets readable by other users and cannot be made owner-only",
        ),
    }
}

fn configure(conn: &Connection, location: &Location) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if matches!(location, Location::File(_)) {
        // WAL lets the CLI read while a server writes to the same file.
        use_wal(conn)?;
    }
    Ok(())
}

/// Switches the file to WAL. The switch needs the file to itself for a moment, and SQLite
/// reports another process opening it at that moment as busy at once instead of waiting for
/// it, so this tries again for up to two seconds.
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mut attempts = 0;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())) {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 100 =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            result => return result,
        }
    }
}

fn describe(location: &Location) -> String {
    match location {
        Location::Memory => "an in-memory database".into(),
        Location::File(path) => path_text(path),
    }
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

/// Seconds since the Unix epoch (negative before it).
pub(crate) fn to_unix(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// The inverse of [`to_unix`].
pub(crate) fn from_unix(seconds: i64) -> SystemTime {
    let magnitude = Duration::from_secs(seconds.unsigned_abs());
    let time = if seconds >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    };
    // Beyond what this platform's clock can hold: a time just as far in the past or future
    // for every purpose of the vault (9999-12-31T23:59:59Z is representable everywhere).
    time.unwrap_or(if seconds >= 0 {
        UNIX_EPOCH + Duration::from_secs(253_402_300_799)
    } else {
        UNIX_EPOCH
    })
}

/// Current time in Unix seconds.
pub(crate) fn now_unix() -> i64 {
    to_unix(SystemTime::now())
}

/// Reads a JSON column that the vault itself wrote.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads a UUID column that the vault itself wrote.
pub(crate) fn parse_uuid(text: &str) -> rusqlite::Result<uuid::Uuid> {
    uuid::Uuid::parse_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed unwrap is a failed test; the panic is the case under test"
)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_inside_a_query_does_not_lock_the_database_for_good() {
        let store = Store::open(&Location::Memory).unwrap();

        let failed = store.call(|_| -> Result<()> { panic!("a bug") }).await;
        let count: i64 = store
            .call(|conn| Ok(conn.query_row("SELECT count(*) FROM api_keys", [], |row| row.get(0))?))
            .await
            .unwrap();

        assert!(matches!(failed, Err(Error::Task(_))), "{failed:?}");
        assert_eq!(count, 0);
    }
}
