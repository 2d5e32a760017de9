//! Token-access records (every token request and how it ended) and audit records (provider
//! calls reported by clients).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{Store, from_unix, now_unix, parse_json, parse_uuid};
use crate::error::Result;
use crate::model::{AccessOutcome, ConnectionId};
use crate::records::{AuditFilter, AuditRecord, TokenAccessRecord, Tracking};

/// A token request to record.
pub(crate) struct NewAccess {
    pub(crate) api_key_id: Uuid,
    pub(crate) actor_id: Option<Uuid>,
    pub(crate) provider: String,
    pub(crate) attributes: Map<String, Value>,
    pub(crate) connection_id: Option<Uuid>,
    pub(crate) outcome: AccessOutcome,
    pub(crate) reason: Option<String>,
    pub(crate) policy_reason: Option<String>,
    pub(crate) tracking: Tracking,
}

/// A provider call to record, already sanitised.
pub(crate) struct NewAudit {
    pub(crate) api_key_id: Uuid,
    pub(crate) actor_id: Option<Uuid>,
    pub(crate) connection_id: Uuid,
    pub(crate) provider: String,
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) request_headers: Map<String, Value>,
    pub(crate) request_body: Value,
    pub(crate) response_status: u16,
    pub(crate) response_headers: Map<String, Value>,
    pub(crate) response_body: Value,
    pub(crate) latency_ms: u64,
    pub(crate) reason: Option<String>,
}

impl Store {
    /// Appends a token-access record.
    pub(crate) async fn record_access(&self, access: NewAccess) -> Result<()> {
        self.call(move |conn| {
            conn.execute(
                "INSERT INTO token_accesses (at, api_key_id, actor_id, provider, attributes,
                    connection_id, outcome, reason, policy_reason, run_id, thread_id, tool_call_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    now_unix(),
                    access.api_key_id.to_string(),
                    access.actor_id.map(|id| id.to_string()),
                    access.provider,
                    Value::Object(access.attributes).to_string(),
                    access.connection_id.map(|id| id.to_string()),
                    access.outcome.as_str(),
                    access.reason,
                    access.policy_reason,
                    access.tracking.run_id,
                    access.tracking.thread_id,
                    access.tracking.tool_call_id,
                ],
            )?;
            Ok(())
        })
        .await
    }

    /// Every token-access record, oldest first.
    pub(crate) async fn token_accesses(&self) -> Result<Vec<TokenAccessRecord>> {
        self.call(|conn| {
            let mut statement = conn.prepare(
                "SELECT id, at, api_key_id, actor_id, provider, attributes, connection_id,
                    outcome, reason, policy_reason, run_id, thread_id, tool_call_id
                 FROM token_accesses ORDER BY id",
            )?;
            let rows = statement.query_map([], access_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }

    /// Appends an audit record; returns its id.
    pub(crate) async fn record_audit(&self, audit: NewAudit) -> Result<i64> {
        self.call(move |conn| insert_audit(conn, audit)).await
    }

    /// Audit records matching `filter`, newest first.
    pub(crate) async fn audit_records(&self, filter: AuditFilter) -> Result<Vec<AuditRecord>> {
        self.call(move |conn| {
            let mut statement = conn.prepare(
                "SELECT id, received_at, api_key_id, actor_id, connection_id, provider,
                    user_attributes, method, url, request_headers, request_body, response_status,
                    response_headers, response_body, latency_ms, reason
                 FROM audit_records
                 WHERE (?1 IS NULL OR provider = ?1) AND (?2 IS NULL OR connection_id = ?2)
                 ORDER BY id DESC",
            )?;
            let connection = filter.connection_id.map(|id| id.to_string());
            let rows = statement.query_map(params![filter.provider, connection], audit_from_row)?;
            let mut records = Vec::new();
            for row in rows {
                if filter.limit.is_some_and(|limit| records.len() >= limit) {
                    break;
                }
                let record = row?;
                if filter.matches_user(record.user_attributes.as_ref()) {
                    records.push(record);
                }
            }
            Ok(records)
        })
        .await
    }
}

fn insert_audit(conn: &Connection, audit: NewAudit) -> Result<i64> {
    let attributes: Option<String> = conn
        .query_row(
            "SELECT attributes FROM connections WHERE id = ?1",
            params![audit.connection_id.to_string()],
            |row| row.get(0),
        )
        .optional()?;
    conn.execute(
        "INSERT INTO audit_records (received_at, api_key_id, actor_id, connection_id, provider,
            user_attributes, method, url, request_headers, request_body, response_status,
            response_headers, response_body, latency_ms, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            now_unix(),
            audit.api_key_id.to_string(),
            audit.actor_id.map(|id| id.to_string()),
            audit.connection_id.to_string(),
            audit.provider,
            attributes,
            audit.method,
            audit.url,
            Value::Object(audit.request_headers).to_string(),
            audit.request_body.to_string(),
            audit.response_status,
            Value::Object(audit.response_headers).to_string(),
            audit.response_body.to_string(),
            i64::try_from(audit.latency_ms).unwrap_or(i64::MAX),
            audit.reason,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn optional_uuid(text: Option<String>) -> rusqlite::Result<Option<Uuid>> {
    text.as_deref().map(parse_uuid).transpose()
}

fn access_from_row(row: &Row<'_>) -> rusqlite::Result<TokenAccessRecord> {
    Ok(TokenAccessRecord {
        id: row.get(0)?,
        at: from_unix(row.get(1)?),
        api_key_id: parse_uuid(&row.get::<_, String>(2)?)?,
        actor_id: optional_uuid(row.get(3)?)?,
        provider: row.get(4)?,
        attributes: parse_json(&row.get::<_, String>(5)?)?,
        connection_id: optional_uuid(row.get(6)?)?.map(ConnectionId),
        outcome: AccessOutcome::parse(&row.get::<_, String>(7)?),
        reason: row.get(8)?,
        policy_reason: row.get(9)?,
        tracking: Tracking {
            run_id: row.get(10)?,
            thread_id: row.get(11)?,
            tool_call_id: row.get(12)?,
        },
    })
}

fn audit_from_row(row: &Row<'_>) -> rusqlite::Result<AuditRecord> {
    let user_attributes: Option<String> = row.get(6)?;
    Ok(AuditRecord {
        id: row.get(0)?,
        received_at: from_unix(row.get(1)?),
        api_key_id: parse_uuid(&row.get::<_, String>(2)?)?,
        actor_id: optional_uuid(row.get(3)?)?,
        connection_id: parse_uuid(&row.get::<_, String>(4)?)?,
        provider: row.get(5)?,
        user_attributes: user_attributes.as_deref().map(parse_json).transpose()?,
        method: row.get(7)?,
        url: row.get(8)?,
        request_headers: parse_json(&row.get::<_, String>(9)?)?,
        request_body: parse_json(&row.get::<_, String>(10)?)?,
        response_status: row.get(11)?,
        response_headers: parse_json(&row.get::<_, String>(12)?)?,
        response_body: parse_json(&row.get::<_, String>(13)?)?,
        latency_ms: u64::try_from(row.get::<_, i64>(14)?).unwrap_or(0),
        reason: row.get(15)?,
    })
}
