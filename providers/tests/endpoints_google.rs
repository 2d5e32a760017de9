//! Google endpoints on loopback: each request as sent, each answer as read.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::google::calendar::{Event, EventDateTime, EventsQuery};
use alter_providers::google::drive::FilesQuery;
use alter_providers::google::gmail::{MessagesQuery, SendMessage};
use alter_providers::prelude::*;
use alter_runtime::{Error, Provider};
use futures_util::TryStreamExt;
use mock::{World, assert_get, assert_write};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

const EVENTS: &str = "/calendar/v3/calendars/primary/events";

async fn world() -> World {
    World::new(Provider::Google, "").await
}

#[tokio::test]
async fn calendar_events_as_in_the_readme() {
    let world = world().await;
    world
        .serve(
            "GET",
            EVENTS,
            fixtures::json("google/calendar.events.list.json"),
        )
        .await;
    let vault = &world.vault;
    let user = world.user.clone();

    let events = vault
        .google()
        .calendar_events(&user, "primary")
        .await
        .unwrap();

    let summaries: Vec<_> = events.items.iter().map(|e| e.summary.as_deref()).collect();
    assert_eq!(summaries, [Some("Sprint review"), Some("Offsite")]);
    assert_get(&world.only_request().await, EVENTS, &[]);
    let audit = world.audit_records().await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0]["provider_id"], "google");
    assert_eq!(audit[0]["url"], format!("{}{EVENTS}", world.uri()));
}

#[tokio::test]
async fn calendar_events_with_query_and_an_encoded_calendar_id() {
    let world = world().await;
    let at = "/calendar/v3/calendars/team%40example.org/events";
    world.serve("GET", at, json!({"items": []})).await;
    let query = EventsQuery {
        time_min: Some("2026-02-01T00:00:00Z".into()),
        single_events: Some(true),
        order_by: Some("startTime".into()),
        max_results: Some(50),
        ..EventsQuery::default()
    };

    let list = world
        .vault
        .google()
        .calendar_events_with(&world.user, "team@example.org", &query);
    assert!(list.await.unwrap().items.is_empty());

    let expected = [
        ("timeMin", "2026-02-01T00:00:00Z"),
        ("singleEvents", "true"),
        ("orderBy", "startTime"),
        ("maxResults", "50"),
    ];
    assert_get(&world.only_request().await, at, &expected);
}

#[tokio::test]
async fn calendar_event_get_insert_patch_delete() {
    let world = world().await;
    let one = format!("{EVENTS}/evt%201");
    let stored = json!({"id": "evt 1", "summary": "Lunch", "status": "confirmed"});
    world.serve("GET", &one, stored.clone()).await;
    world.serve("POST", EVENTS, stored.clone()).await;
    world.serve("PATCH", &one, stored).await;
    Mock::given(method("DELETE"))
        .and(path(one.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&world.server)
        .await;
    let google = world.vault.google();
    let user = &world.user;
    let new = Event {
        summary: Some("Lunch".into()),
        start: Some(EventDateTime::at("2026-03-01T12:00:00Z")),
        end: Some(EventDateTime::at("2026-03-01T13:00:00Z")),
        ..Event::default()
    };
    let patch = Event {
        summary: Some("Long lunch".into()),
        ..Event::default()
    };

    let got = google
        .calendar_event(user, "primary", "evt 1")
        .await
        .unwrap();
    let inserted = google
        .insert_calendar_event(user, "primary", &new)
        .await
        .unwrap();
    let patched = google
        .patch_calendar_event(user, "primary", "evt 1", &patch)
        .await
        .unwrap();
    google
        .delete_calendar_event(user, "primary", "evt 1")
        .await
        .unwrap();

    assert_eq!(got.id.as_deref(), Some("evt 1"));
    assert_eq!(inserted.status.as_deref(), Some("confirmed"));
    assert_eq!(patched.summary.as_deref(), Some("Lunch"));
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 4);
    assert_get(&requests[0], &one, &[]);
    let new_body = json!({"summary": "Lunch", "start": {"dateTime": "2026-03-01T12:00:00Z"},
        "end": {"dateTime": "2026-03-01T13:00:00Z"}});
    assert_write(&requests[1], "POST", EVENTS, &new_body);
    assert_write(
        &requests[2],
        "PATCH",
        &one,
        &json!({"summary": "Long lunch"}),
    );
    assert_eq!(requests[3].method.as_str(), "DELETE");
    assert_eq!(requests[3].url.path(), one);
    assert!(requests[3].body.is_empty());
}

#[tokio::test]
async fn calendar_list() {
    let world = world().await;
    let at = "/calendar/v3/users/me/calendarList";
    world
        .serve(
            "GET",
            at,
            fixtures::json("google/calendar.calendarList.list.json"),
        )
        .await;

    let list = world
        .vault
        .google()
        .calendar_list(&world.user)
        .await
        .unwrap();

    assert_eq!(list.items[0].id, "planner@example.org");
    assert_get(&world.only_request().await, at, &[]);
}

#[tokio::test]
async fn gmail_list_get_send() {
    let world = world().await;
    let list_at = "/gmail/v1/users/me/messages";
    world
        .serve(
            "GET",
            list_at,
            fixtures::json("google/gmail.users.messages.list.json"),
        )
        .await;
    let get_at = "/gmail/v1/users/me/messages/18f0a1b2c3d4e700";
    world
        .serve(
            "GET",
            get_at,
            fixtures::json("google/gmail.users.messages.get.json"),
        )
        .await;
    let send_at = "/gmail/v1/users/me/messages/send";
    world
        .serve(
            "POST",
            send_at,
            fixtures::json("google/gmail.users.messages.send.json"),
        )
        .await;
    let google = world.vault.google();
    let query = MessagesQuery {
        query: Some("is:unread from:planner".into()),
        label_ids: vec!["INBOX".into(), "IMPORTANT".into()],
        ..MessagesQuery::default()
    };
    let outgoing = SendMessage::from_rfc2822("To: a@example.org\r\n\r\nhi");

    let list = google
        .gmail_messages_with(&world.user, &query)
        .await
        .unwrap();
    let message = google.gmail_message(&world.user, &list.messages[1].id, Some("metadata"));
    let message = message.await.unwrap();
    let sent = google.send_gmail(&world.user, &outgoing).await.unwrap();

    assert_eq!(message.header("Subject"), Some("Meeting notes"));
    assert_eq!(sent.id, "18f0b0c0d0e0f001");
    let requests = world.provider_requests().await;
    let expected = [
        ("q", "is:unread from:planner"),
        ("labelIds", "INBOX"),
        ("labelIds", "IMPORTANT"),
    ];
    assert_get(&requests[0], list_at, &expected);
    assert_get(&requests[1], get_at, &[("format", "metadata")]);
    assert_write(
        &requests[2],
        "POST",
        send_at,
        &json!({"raw": "VG86IGFAZXhhbXBsZS5vcmcNCg0KaGk"}),
    );
}

#[tokio::test]
async fn drive_list_metadata_and_download() {
    let world = world().await;
    world
        .serve(
            "GET",
            "/drive/v3/files",
            fixtures::json("google/drive.files.list.json"),
        )
        .await;
    let file_at = "/drive/v3/files/1aBcDeFgHiJkLmNoPqRsTuVwXyZ012345";
    Mock::given(method("GET"))
        .and(path(file_at))
        .and(query_param("alt", "media"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(b"%PDF-1.7\x00\xff".to_vec(), "application/pdf"),
        )
        .mount(&world.server)
        .await;
    world
        .serve(
            "GET",
            file_at,
            fixtures::json("google/drive.files.get.json"),
        )
        .await;
    let google = world.vault.google();
    let query = FilesQuery {
        query: Some("trashed = false".into()),
        fields: Some("nextPageToken, files(id, name)".into()),
        page_size: Some(10),
        ..FilesQuery::default()
    };

    let files = google.drive_files_with(&world.user, &query).await.unwrap();
    let id = files.files[0].id.clone().unwrap();
    let file = google.drive_file(&world.user, &id).await.unwrap();
    let fields = "id, name, size, parents";
    let detailed = google.drive_file_with(&world.user, &id, fields);
    let detailed = detailed.await.unwrap();
    let content = google.download_drive_file(&world.user, &id).await.unwrap();

    assert_eq!(file.name.as_deref(), Some("Quarterly report.pdf"));
    assert_eq!(&content.bytes[..], b"%PDF-1.7\x00\xff");
    assert_eq!(content.content_type.as_deref(), Some("application/pdf"));
    let requests = world.provider_requests().await;
    let expected = [
        ("q", "trashed = false"),
        ("fields", "nextPageToken, files(id, name)"),
        ("pageSize", "10"),
    ];
    assert_get(&requests[0], "/drive/v3/files", &expected);
    assert_get(&requests[1], file_at, &[]);
    assert_get(&requests[2], file_at, &[("fields", fields)]);
    assert_get(&requests[3], file_at, &[("alt", "media")]);
    assert_eq!(detailed.size_bytes(), Some(284_113));
}

#[tokio::test]
async fn next_page_token_three_pages_then_the_end() {
    let world = world().await;
    let page = |items: &[&str], next: Option<&str>| {
        let items: Vec<_> = items.iter().map(|id| json!({"id": id})).collect();
        ResponseTemplate::new(200).set_body_json(json!({"items": items, "nextPageToken": next}))
    };
    let base = Mock::given(method("GET")).and(path(EVENTS));
    base.and(query_param_is_missing("pageToken"))
        .respond_with(page(&["a", "b"], Some("t2")))
        .mount(&world.server)
        .await;
    let base = Mock::given(method("GET")).and(path(EVENTS));
    base.and(query_param("pageToken", "t2"))
        .respond_with(page(&["c"], Some("t3")))
        .mount(&world.server)
        .await;
    let base = Mock::given(method("GET")).and(path(EVENTS));
    base.and(query_param("pageToken", "t3"))
        .respond_with(page(&["d"], None))
        .mount(&world.server)
        .await;
    let query = EventsQuery {
        max_results: Some(2),
        ..EventsQuery::default()
    };

    let stream = world
        .vault
        .google()
        .calendar_events_stream(&world.user, "primary", query);
    let events: Vec<Event> = stream.try_collect().await.unwrap();

    let ids: Vec<_> = events.iter().map(|e| e.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let requests = world.provider_requests().await;
    assert_get(&requests[0], EVENTS, &[("maxResults", "2")]);
    assert_get(
        &requests[1],
        EVENTS,
        &[("maxResults", "2"), ("pageToken", "t2")],
    );
    assert_get(
        &requests[2],
        EVENTS,
        &[("maxResults", "2"), ("pageToken", "t3")],
    );
    assert_eq!(world.token_requests().await, 3, "a fresh token per page");
    assert_eq!(
        world.audit_records().await.len(),
        3,
        "one audit record per page"
    );
}

#[tokio::test]
async fn google_error_body_is_parsed() {
    let world = world().await;
    world
        .serve_status("GET", EVENTS, 400, fixtures::json("google/error.400.json"))
        .await;

    let error = world
        .vault
        .google()
        .calendar_events(&world.user, "primary")
        .await
        .unwrap_err();

    let Error::ProviderApi(details) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(details.status, 400);
    assert_eq!(details.provider_message.as_deref(), Some("Bad Request"));
    assert!(details.body.contains("keyInvalid"));
    assert_eq!(details.details["provider"], "google");
}

#[tokio::test]
async fn google_permission_denied_keeps_code_status_and_message() {
    let world = world().await;
    let at = "/calendar/v3/calendars/team%40example.org/events";
    let body = fixtures::json("google/error.403.json");
    world.serve_status("GET", at, 403, body.clone()).await;

    let error = world
        .vault
        .google()
        .calendar_events(&world.user, "team@example.org")
        .await
        .unwrap_err();

    let Error::ProviderApi(details) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(error.status(), Some(403));
    assert_eq!(details.message, "provider returned HTTP 403");
    assert_eq!(details.status, 403);
    assert_eq!(details.code.as_deref(), Some("PERMISSION_DENIED"));
    assert_eq!(
        details.provider_message.as_deref(),
        Some("The caller does not have permission")
    );
    assert_eq!(details.documentation_url, None);
    let kept: serde_json::Value = serde_json::from_str(&details.body).unwrap();
    assert_eq!(kept, body);
    let expected = json!({"provider": "google", "method": "GET",
        "url": format!("{}{at}", world.uri())});
    assert_eq!(
        serde_json::Value::Object((*details.details).clone()),
        expected
    );
    assert_get(&world.only_request().await, at, &[]);
}

#[tokio::test]
async fn google_backend_error_keeps_status_and_message() {
    let world = world().await;
    world
        .serve_status(
            "GET",
            "/drive/v3/files",
            503,
            fixtures::json("google/error.503.json"),
        )
        .await;

    let error = world
        .vault
        .google()
        .drive_files(&world.user)
        .await
        .unwrap_err();

    let details = error.provider_api().unwrap();
    assert_eq!(details.status, 503);
    assert_eq!(
        details.provider_message.as_deref(),
        Some("Service Unavailable")
    );
    assert!(details.body.contains("backendError"));
}
