//! Readable tables for the listing commands. No token ever reaches them: the records they
//! print do not hold any.

use std::time::{SystemTime, UNIX_EPOCH};

use alter_local_vault::{
    AccessOutcome, ApiKeyInfo, AuditRecord, ConnectionInfo, TokenAccessRecord,
};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn new_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// The time in RFC 3339, UTC, to the second. `OffsetDateTime::from(SystemTime)` would panic
/// outside the years -9999 to 9999, which a stored expiry may well be.
fn when(time: SystemTime) -> String {
    let seconds = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    };
    match OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(at) => at.format(&Rfc3339).unwrap_or_else(|_| "?".into()),
        Err(_) if seconds > 0 => "after 9999-12-31".into(),
        Err(_) => "before -9999-01-01".into(),
    }
}

fn attributes(map: &Map<String, Value>) -> String {
    map.iter()
        .map(|(name, value)| match value {
            Value::String(text) => format!("{name}={text}"),
            other => format!("{name}={other}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints API keys, or a line saying there are none.
pub(crate) fn print_keys(keys: &[ApiKeyInfo]) {
    if keys.is_empty() {
        println!("no API keys");
        return;
    }
    let mut table = new_table(&["id", "name", "prefix", "created"]);
    for key in keys {
        table.add_row(vec![
            key.id.to_string(),
            key.name.clone(),
            format!("{}...", key.prefix),
            when(key.created_at),
        ]);
    }
    println!("{table}");
}

/// Prints connections, or a line saying there are none.
pub(crate) fn print_connections(connections: &[ConnectionInfo]) {
    if connections.is_empty() {
        println!("no connections");
        return;
    }
    let mut table = new_table(&[
        "id",
        "provider",
        "attributes",
        "scopes",
        "expires",
        "refresh",
    ]);
    for connection in connections {
        table.add_row(vec![
            connection.id.to_string(),
            connection.provider.clone(),
            attributes(&connection.attributes),
            connection.scopes.join(" "),
            connection
                .expires_at
                .map(when)
                .unwrap_or_else(|| "never".into()),
            if connection.refreshable { "yes" } else { "no" }.to_string(),
        ]);
    }
    println!("{table}");
}

/// Prints audit records, or a line saying there are none.
pub(crate) fn print_audit(records: &[AuditRecord]) {
    if records.is_empty() {
        println!("no audit records");
        return;
    }
    let mut table = new_table(&[
        "time", "provider", "user", "method", "url", "status", "ms", "reason",
    ]);
    for record in records {
        table.add_row(vec![
            when(record.received_at),
            record.provider.clone(),
            record
                .user_attributes
                .as_ref()
                .map(attributes)
                .unwrap_or_default(),
            record.method.clone(),
            record.url.clone(),
            record.response_status.to_string(),
            record.latency_ms.to_string(),
            record.reason.clone().unwrap_or_default(),
        ]);
    }
    println!("{table}");
}

/// Prints token-access records, or a line saying there are none.
pub(crate) fn print_token_accesses(records: &[TokenAccessRecord]) {
    if records.is_empty() {
        println!("no token requests");
        return;
    }
    let mut table = new_table(&[
        "time",
        "provider",
        "user",
        "outcome",
        "policy reason",
        "reason",
        "actor",
    ]);
    for record in records {
        table.add_row(vec![
            when(record.at),
            record.provider.clone(),
            attributes(&record.attributes),
            outcome(record.outcome).to_string(),
            record.policy_reason.clone().unwrap_or_default(),
            record.reason.clone().unwrap_or_default(),
            record.actor_id.map(|id| id.to_string()).unwrap_or_default(),
        ]);
    }
    println!("{table}");
}

fn outcome(outcome: AccessOutcome) -> &'static str {
    match outcome {
        AccessOutcome::Allowed => "allowed",
        AccessOutcome::Denied => "denied",
        AccessOutcome::NotFound => "not found",
        AccessOutcome::Ambiguous => "ambiguous",
        AccessOutcome::RefreshFailed => "refresh failed",
        _ => "other",
    }
}
