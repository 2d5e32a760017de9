//! The database schema, one migration per change. Never edit a released migration: append.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};

const MIGRATIONS: &[M<'static>] = &[M::up(
    r#"
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    BLOB NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE connections (
    id            TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    attributes    TEXT NOT NULL,
    access_token  TEXT NOT NULL,
    refresh_token TEXT,
    expires_at    INTEGER,
    scopes        TEXT NOT NULL,
    token_url     TEXT,
    client_id     TEXT,
    client_secret TEXT,
    client_auth   TEXT NOT NULL DEFAULT 'basic',
    created_at    INTEGER NOT NULL,
    refreshed_at  INTEGER
);
CREATE INDEX connections_by_provider ON connections (provider);

CREATE TABLE actors (
    id            TEXT PRIMARY KEY,
    actor_type    TEXT NOT NULL,
    identifier    TEXT NOT NULL,
    name          TEXT,
    version       TEXT,
    framework     TEXT,
    client_type   TEXT,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    UNIQUE (actor_type, identifier)
);

CREATE TABLE token_accesses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    api_key_id    TEXT NOT NULL,
    actor_id      TEXT,
    provider      TEXT NOT NULL,
    attributes    TEXT NOT NULL,
    connection_id TEXT,
    outcome       TEXT NOT NULL,
    reason        TEXT,
    policy_reason TEXT,
    run_id        TEXT,
    thread_id     TEXT,
    tool_call_id  TEXT
);

CREATE TABLE audit_records (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at      INTEGER NOT NULL,
    api_key_id       TEXT NOT NULL,
    actor_id         TEXT,
    connection_id    TEXT NOT NULL,
    provider         TEXT NOT NULL,
    user_attributes  TEXT,
    method           TEXT NOT NULL,
    url              TEXT NOT NULL,
    request_headers  TEXT NOT NULL,
    request_body     TEXT NOT NULL,
    response_status  INTEGER NOT NULL,
    response_headers TEXT NOT NULL,
    response_body    TEXT NOT NULL,
    latency_ms       INTEGER NOT NULL,
    reason           TEXT
);
CREATE INDEX audit_by_provider ON audit_records (provider);
"#,
)];

/// Brings the schema up to date.
pub(crate) fn apply(conn: &mut Connection) -> Result<()> {
    match Migrations::from_slice(MIGRATIONS).to_latest(conn) {
        Ok(()) => Ok(()),
        // Two processes opening a new file at once (`serve` and a command) both see it empty;
        // one transaction wins and the other fails on the tables it finds. The schema being
        // current is then all that was asked for.
        Err(_) if is_current(conn) => Ok(()),
        Err(error) => Err(Error::storage("cannot migrate the database schema", error)),
    }
}

fn is_current(conn: &Connection) -> bool {
    conn.pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))
        .is_ok_and(|version| usize::try_from(version) == Ok(MIGRATIONS.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
