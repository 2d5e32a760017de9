//! Connections: one user's grant at one provider, with its tokens and refresh settings.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{Store, from_unix, now_unix, parse_json, parse_uuid, to_unix};
use crate::error::{Error, Result};
use crate::model::{ClientAuth, ConnectionId, ConnectionInfo, NewConnection};
use crate::validate;

/// A connection with its secrets, as the token path needs it. Deliberately not `Debug`.
#[derive(Clone)]
pub(crate) struct StoredConnection {
    pub(crate) id: Uuid,
    pub(crate) provider: String,
    pub(crate) attributes: Map<String, Value>,
    pub(crate) access_token: String,
    pub(crate) refresh_token: Option<String>,
    pub(crate) expires_at: Option<i64>,
    pub(crate) scopes: Vec<String>,
    pub(crate) token_url: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<String>,
    pub(crate) client_auth: ClientAuth,
}

/// New tokens from a refresh. A `None` refresh token keeps the stored one.
pub(crate) struct TokenUpdate {
    pub(crate) access_token: String,
    pub(crate) refresh_token: Option<String>,
    pub(crate) expires_at: Option<i64>,
    pub(crate) scopes: Option<Vec<String>>,
}

const COLUMNS: &str = "id, provider, attributes, access_token, refresh_token, expires_at, \
     scopes, token_url, client_id, client_secret, client_auth, created_at, refreshed_at";

impl Store {
    /// Stores a new connection.
    pub(crate) async fn add_connection(&self, new: NewConnection) -> Result<ConnectionId> {
        validate(&new)?;
        self.call(move |conn| {
            let id = Uuid::new_v4();
            conn.execute(
                &format!(
                    "INSERT INTO connections ({COLUMNS}) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL)"
                ),
                params![
                    id.to_string(),
                    new.provider,
                    Value::Object(new.attributes).to_string(),
                    new.access_token,
                    new.refresh_token,
                    new.expires_at.map(to_unix),
                    serde_json::to_string(&new.scopes).unwrap_or_else(|_| "[]".into()),
                    new.token_url,
                    new.client_id,
                    new.client_secret,
                    new.client_auth.as_str(),
                    now_unix(),
                ],
            )?;
            Ok(ConnectionId(id))
        })
        .await
    }

    /// Every connection, without secrets, oldest first.
    pub(crate) async fn connections(&self) -> Result<Vec<ConnectionInfo>> {
        self.call(|conn| {
            let sql = format!("SELECT {COLUMNS} FROM connections ORDER BY created_at, rowid");
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map([], info_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }

    /// Deletes a connection; `NotFound` when there is none with this id.
    pub(crate) async fn remove_connection(&self, id: Uuid) -> Result<()> {
        self.call(move |conn| {
            let removed = conn.execute(
                "DELETE FROM connections WHERE id = ?1",
                params![id.to_string()],
            )?;
            match removed {
                0 => Err(Error::NotFound(format!("no connection with id {id}"))),
                _ => Ok(()),
            }
        })
        .await
    }

    /// The connections of `provider`, with secrets.
    pub(crate) async fn provider_connections(
        &self,
        provider: String,
    ) -> Result<Vec<StoredConnection>> {
        self.call(move |conn| {
            let sql = format!("SELECT {COLUMNS} FROM connections WHERE provider = ?1 ORDER BY id");
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map(params![provider], stored_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }

    /// One connection with secrets, if it still exists.
    pub(crate) async fn connection(&self, id: Uuid) -> Result<Option<StoredConnection>> {
        self.call(move |conn| load(conn, id)).await
    }

    /// Stores the result of a refresh.
    pub(crate) async fn update_tokens(&self, id: Uuid, update: TokenUpdate) -> Result<()> {
        self.call(move |conn| {
            let scopes = update
                .scopes
                .map(|s| serde_json::to_string(&s).unwrap_or_else(|_| "[]".into()));
            conn.execute(
                "UPDATE connections SET access_token = ?2,
                    refresh_token = COALESCE(?3, refresh_token), expires_at = ?4,
                    scopes = COALESCE(?5, scopes), refreshed_at = ?6
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    update.access_token,
                    update.refresh_token,
                    update.expires_at,
                    scopes,
                    now_unix(),
                ],
            )?;
            Ok(())
        })
        .await
    }
}

fn load(conn: &Connection, id: Uuid) -> Result<Option<StoredConnection>> {
    let sql = format!("SELECT {COLUMNS} FROM connections WHERE id = ?1");
    Ok(conn
        .query_row(&sql, params![id.to_string()], stored_from_row)
        .optional()?)
}

fn validate(new: &NewConnection) -> Result<()> {
    if new.provider.trim().is_empty() {
        return Err(Error::InvalidInput("a connection needs a provider".into()));
    }
    validate::provider_id(&new.provider)?;
    validate::attributes(&new.attributes)?;
    if new.access_token.is_empty() {
        return Err(Error::InvalidInput(
            "a connection needs an access token".into(),
        ));
    }
    if let Some(token_url) = &new.token_url {
        validate::token_url(token_url)?;
    }
    Ok(())
}

fn stored_from_row(row: &Row<'_>) -> rusqlite::Result<StoredConnection> {
    Ok(StoredConnection {
        id: parse_uuid(&row.get::<_, String>(0)?)?,
        provider: row.get(1)?,
        attributes: parse_json(&row.get::<_, String>(2)?)?,
        access_token: row.get(3)?,
        refresh_token: row.get(4)?,
        expires_at: row.get(5)?,
        scopes: parse_json(&row.get::<_, String>(6)?)?,
        token_url: row.get(7)?,
        client_id: row.get(8)?,
        client_secret: row.get(9)?,
        client_auth: ClientAuth::parse(&row.get::<_, String>(10)?),
    })
}

fn info_from_row(row: &Row<'_>) -> rusqlite::Result<ConnectionInfo> {
    let stored = stored_from_row(row)?;
    Ok(ConnectionInfo {
        id: ConnectionId(stored.id),
        refreshable: stored.refresh_token.is_some() && stored.token_url.is_some(),
        provider: stored.provider,
        attributes: stored.attributes,
        scopes: stored.scopes,
        expires_at: stored.expires_at.map(from_unix),
        token_url: stored.token_url,
        created_at: from_unix(row.get(11)?),
        refreshed_at: row.get::<_, Option<i64>>(12)?.map(from_unix),
    })
}
