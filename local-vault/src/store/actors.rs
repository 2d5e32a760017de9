//! Actors: registered on first sight by type and identifier, metadata kept current.

use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use super::{Store, from_unix, now_unix, parse_uuid};
use crate::error::Result;
use crate::model::ActorInfo;

/// The actor fields a request carried in its `X-Alter-Actor-*` headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ActorHeaders {
    pub(crate) actor_type: String,
    pub(crate) identifier: String,
    pub(crate) name: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) framework: Option<String>,
    pub(crate) client_type: Option<String>,
}

impl Store {
    /// Registers the actor or refreshes its metadata; returns its id.
    ///
    /// A metadata header that is absent leaves the stored value as it was.
    pub(crate) async fn upsert_actor(&self, actor: ActorHeaders) -> Result<Uuid> {
        self.call(move |conn| {
            let now = now_unix();
            conn.execute(
                "INSERT INTO actors (id, actor_type, identifier, name, version, framework,
                    client_type, first_seen_at, last_seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                 ON CONFLICT (actor_type, identifier) DO UPDATE SET
                    name = COALESCE(excluded.name, name),
                    version = COALESCE(excluded.version, version),
                    framework = COALESCE(excluded.framework, framework),
                    client_type = COALESCE(excluded.client_type, client_type),
                    last_seen_at = excluded.last_seen_at",
                params![
                    Uuid::new_v4().to_string(),
                    actor.actor_type,
                    actor.identifier,
                    actor.name,
                    actor.version,
                    actor.framework,
                    actor.client_type,
                    now,
                ],
            )?;
            let id: String = conn.query_row(
                "SELECT id FROM actors WHERE actor_type = ?1 AND identifier = ?2",
                params![actor.actor_type, actor.identifier],
                |row| row.get(0),
            )?;
            Ok(parse_uuid(&id)?)
        })
        .await
    }

    /// The actor with this id, its last-seen time updated; `None` if unknown.
    pub(crate) async fn touch_actor(&self, id: Uuid) -> Result<Option<ActorInfo>> {
        self.call(move |conn| {
            conn.execute(
                "UPDATE actors SET last_seen_at = ?2 WHERE id = ?1",
                params![id.to_string(), now_unix()],
            )?;
            let sql = format!("SELECT {COLUMNS} FROM actors WHERE id = ?1");
            Ok(conn
                .query_row(&sql, params![id.to_string()], actor_from_row)
                .optional()?)
        })
        .await
    }

    /// Every actor, first seen first.
    pub(crate) async fn actors(&self) -> Result<Vec<ActorInfo>> {
        self.call(|conn| {
            let sql = format!("SELECT {COLUMNS} FROM actors ORDER BY first_seen_at, rowid");
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map([], actor_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }
}

const COLUMNS: &str = "id, actor_type, identifier, name, version, framework, client_type, \
     first_seen_at, last_seen_at";

fn actor_from_row(row: &Row<'_>) -> rusqlite::Result<ActorInfo> {
    Ok(ActorInfo {
        id: parse_uuid(&row.get::<_, String>(0)?)?,
        actor_type: row.get(1)?,
        identifier: row.get(2)?,
        name: row.get(3)?,
        version: row.get(4)?,
        framework: row.get(5)?,
        client_type: row.get(6)?,
        first_seen_at: from_unix(row.get(7)?),
        last_seen_at: from_unix(row.get(8)?),
    })
}
