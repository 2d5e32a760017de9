//! The quick start: a typed Google Calendar call for one user, through the vault.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With no configuration everything runs on this machine: the local vault in-process, and a
//! loopback stand-in for Google Calendar. The demo user's access token has expired, so the
//! first call goes through a real OAuth refresh; a policy then denies a call, and the audit
//! trail the vault recorded is printed at the end.
//!
//! With `ALTER_API_KEY` set (and `ALTER_BASE_URL` if needed), the same typed call goes to the
//! hosted Alter Vault and the real Google API, for the user named by `ALTER_USER_ID`
//! (default `alice`).

use std::error::Error as StdError;
use std::time::{Duration, SystemTime};

use alter_local_vault::{AuditFilter, LocalVault, NewConnection};
use alter_sdk::prelude::*;
use alter_sdk::providers::google::calendar::EventList;
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

type AnyResult<T> = std::result::Result<T, Box<dyn StdError>>;

/// Who may have which token: everything is allowed, except exporting a whole calendar.
const POLICIES: &str = r#"
permit (principal, action, resource);

@reason("exporting a whole calendar needs a human's approval")
forbid (principal, action, resource)
when { context has reason && context.reason like "*export*" };
"#;

const STALE_TOKEN: &str = "ya29.stale-demo-token";
const FRESH_TOKEN: &str = "ya29.fresh-demo-token";

#[tokio::main]
async fn main() -> AnyResult<()> {
    if std::env::var_os("ALTER_API_KEY").is_some_and(|key| !key.is_empty()) {
        hosted().await
    } else {
        local().await
    }
}

/// The hosted vault and the real Google Calendar API.
async fn hosted() -> AnyResult<()> {
    let vault = AlterVault::from_env()?;
    let user = User::id(std::env::var("ALTER_USER_ID").unwrap_or_else(|_| "alice".into()));

    let events = vault.google().calendar_events(&user, "primary").await?;
    print_events(&events);

    vault.close().await;
    Ok(())
}

/// The embedded local vault and a loopback stand-in for Google.
async fn local() -> AnyResult<()> {
    println!("No ALTER_API_KEY is set, so this runs entirely on this machine:");
    println!("  - the Alter local vault, embedded in this process;");
    let google = google_stand_in().await;
    println!(
        "  - a STAND-IN for Google Calendar at {} (not Google: a loopback server that\n    \
         plays Google's OAuth token endpoint and events endpoint with made-up data).\n",
        google.uri()
    );

    let server = LocalVault::builder()
        .in_memory()
        .policies(POLICIES)
        .start()
        .await?;
    let api_key = server.create_api_key("quickstart").await?;
    let connection = server
        .add_connection(expired_connection(&google.uri()))
        .await?;
    println!(
        "Stored a Google connection {connection} for user alice; its access token expired an hour ago.\n"
    );

    let vault = AlterVault::builder(api_key)
        .base_url(server.base_url())
        .provider_base_url(Provider::Google, google.uri())
        .actor(
            Actor::ai_agent("quickstart-agent")
                .name("Quick start")
                .version("1.0.0"),
        )
        .build()?;
    let user = User::id("alice");

    println!("vault.google().calendar_events(&user, \"primary\"):");
    let events = vault.google().calendar_events(&user, "primary").await?;
    print_events(&events);
    println!(
        "(the vault refreshed the token at the OAuth endpoint first: {} refresh)\n",
        refreshes(&google).await
    );

    println!("The same call with the reason \"export the whole calendar\":");
    let exporting = vault.with_context(CallContext::new().reason("export the whole calendar"));
    match exporting.google().calendar_events(&user, "primary").await {
        Err(Error::PolicyViolation { policy_error, .. }) => {
            let reason = policy_error.as_deref().unwrap_or("(no reason given)");
            println!("  denied: Error::PolicyViolation, the policy says \"{reason}\"\n");
        }
        Err(other) => return Err(other.into()),
        Ok(_) => return Err("the policy should have denied this call".into()),
    }

    vault.close().await;
    print_audit(&server).await?;
    server.shutdown().await;
    Ok(())
}

/// Alice's Google connection, expired, refreshable at the stand-in's token endpoint.
fn expired_connection(google: &str) -> NewConnection {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    NewConnection::new("google", STALE_TOKEN)
        .attribute("user_id", "alice")
        .scope("https://www.googleapis.com/auth/calendar.readonly")
        .expires_at(an_hour_ago)
        .refresh_with(
            format!("{google}/token"),
            "quickstart-client.apps.example.com",
            Some("quickstart-client-secret".into()),
            "1//quickstart-refresh-token",
        )
}

/// A loopback server playing Google's OAuth token endpoint and the Calendar events list.
async fn google_stand_in() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": FRESH_TOKEN,
            "token_type": "Bearer",
            "expires_in": 3599,
            "scope": "https://www.googleapis.com/auth/calendar.readonly",
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/calendar/v3/calendars/primary/events"))
        .and(header(
            "authorization",
            format!("Bearer {FRESH_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(events_page()))
        .mount(&server)
        .await;
    server
}

/// A page of events in the shape Calendar v3 returns (the values are made up).
fn events_page() -> serde_json::Value {
    let event = |id: &str, summary: &str, start: &str, end: &str, location: &str| {
        json!({
            "kind": "calendar#event", "etag": "\"3391620000000000\"", "id": id,
            "status": "confirmed", "summary": summary, "location": location,
            "htmlLink": format!("https://www.google.com/calendar/event?eid={id}"),
            "created": "2026-11-20T09:00:00.000Z", "updated": "2026-11-20T09:00:00.000Z",
            "creator": {"email": "alice@example.com", "self": true},
            "organizer": {"email": "alice@example.com", "self": true},
            "start": {"dateTime": start, "timeZone": "Europe/Paris"},
            "end": {"dateTime": end, "timeZone": "Europe/Paris"},
            "iCalUID": format!("{id}@google.com"), "sequence": 0, "eventType": "default",
        })
    };
    json!({
        "kind": "calendar#events", "etag": "\"p33c9fkbm4v0o0g\"", "summary": "alice@example.com",
        "updated": "2026-11-20T09:00:00.000Z", "timeZone": "Europe/Paris", "accessRole": "owner",
        "defaultReminders": [{"method": "popup", "minutes": 10}],
        "items": [
            event("5c1fq2o8v0", "Design review", "2026-12-07T10:00:00+01:00",
                  "2026-12-07T11:00:00+01:00", "Room 4"),
            event("7k2hd9s1b3", "Lunch with the SDK team", "2026-12-07T12:30:00+01:00",
                  "2026-12-07T13:30:00+01:00", "Cafe"),
            event("9m4jf0t2c5", "Release planning", "2026-12-08T15:00:00+01:00",
                  "2026-12-08T16:00:00+01:00", "Video call"),
        ],
    })
}

async fn refreshes(google: &MockServer) -> usize {
    let requests = google.received_requests().await.unwrap_or_default();
    requests.iter().filter(|r| r.url.path() == "/token").count()
}

fn print_events(events: &EventList) {
    println!("  {:<27} {:<26} location", "start", "summary");
    for event in &events.items {
        let start = event
            .start
            .as_ref()
            .and_then(|s| s.date_time.as_deref().or(s.date.as_deref()));
        println!(
            "  {:<27} {:<26} {}",
            start.unwrap_or("-"),
            event.summary.as_deref().unwrap_or("(no title)"),
            event.location.as_deref().unwrap_or("-"),
        );
    }
}

async fn print_audit(server: &LocalVault) -> AnyResult<()> {
    println!("Audit trail recorded by the vault:");
    println!("  {:<6} {:<6} {:<8} url", "status", "method", "latency");
    for record in server.audit_records(AuditFilter::all()).await? {
        println!(
            "  {:<6} {:<6} {:<8} {}",
            record.response_status,
            record.method,
            format!("{}ms", record.latency_ms),
            record.url,
        );
    }
    println!("\nToken accesses (allowed and denied):");
    println!(
        "  {:<8} {:<10} {:<27} policy",
        "outcome", "provider", "reason given"
    );
    for access in server.token_accesses().await? {
        println!(
            "  {:<8} {:<10} {:<27} {}",
            format!("{:?}", access.outcome),
            access.provider,
            access.reason.as_deref().unwrap_or("-"),
            access.policy_reason.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}
