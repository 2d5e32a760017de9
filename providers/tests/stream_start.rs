//! What every stream does whatever its provider: it starts where its query
//! says, stops on a repeated token or at its page limit, and runs on another
//! task.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/mock.rs"]
mod mock;

use alter_providers::google::calendar::EventsQuery;
use alter_providers::google::gmail::MessagesQuery;
use alter_providers::notion::models::ChildrenQuery;
use alter_providers::notion::models::SearchQuery;
use alter_providers::prelude::*;
use alter_providers::slack::models::ConversationsQuery;
use alter_runtime::Provider;
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get};
use serde_json::json;
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn a_stream_resumes_from_the_token_in_its_query() {
    let google = World::new(Provider::Google, "").await;
    let at = "/gmail/v1/users/me/messages";
    google
        .serve("GET", at, json!({"messages": [{"id": "m9"}]}))
        .await;
    let slack = World::new(Provider::Slack, "/api").await;
    let body =
        json!({"ok": true, "channels": [{"id": "C9"}], "response_metadata": {"next_cursor": ""}});
    slack.serve("GET", "/api/conversations.list", body).await;
    let notion = World::new(Provider::Notion, "/v1").await;
    let body = json!({"results": [], "has_more": false, "next_cursor": null});
    notion.serve("POST", "/v1/search", body).await;
    let gmail = MessagesQuery {
        page_token: Some("saved-g".into()),
        ..Default::default()
    };
    let channels = ConversationsQuery {
        cursor: Some("saved-s".into()),
        ..Default::default()
    };
    let search = SearchQuery {
        start_cursor: Some("saved-n".into()),
        ..Default::default()
    };

    let m: Vec<_> = google
        .vault
        .google()
        .gmail_messages_stream(&google.user, gmail)
        .try_collect()
        .await
        .unwrap();
    let c: Vec<_> = slack
        .vault
        .slack()
        .conversations_stream(&slack.user, channels)
        .try_collect()
        .await
        .unwrap();
    let n: Vec<_> = notion
        .vault
        .notion()
        .search_stream(&notion.user, search)
        .try_collect()
        .await
        .unwrap();

    assert_eq!((m.len(), c.len(), n.len()), (1, 1, 0));
    assert_get(
        &google.only_request().await,
        at,
        &[("pageToken", "saved-g")],
    );
    let first = slack.only_request().await;
    assert_get(&first, "/api/conversations.list", &[("cursor", "saved-s")]);
    let first = notion.only_request().await;
    assert_eq!(mock::body(&first), json!({"start_cursor": "saved-n"}));
}

#[tokio::test]
async fn a_stream_runs_on_another_task() {
    let world = World::new(Provider::Github, "").await;
    world
        .serve(
            "GET",
            "/repos/o/r/issues",
            json!([
        {"id": 1, "number": 1, "title": "t", "state": "open"}]),
        )
        .await;
    let stream = world
        .vault
        .github()
        .issues_stream(&world.user, "o", "r", Default::default());

    let numbers = tokio::spawn(stream.map_ok(|i| i.number).try_collect::<Vec<_>>());

    assert_eq!(numbers.await.unwrap().unwrap(), [1]);
}

#[tokio::test]
async fn a_repeated_google_page_token_is_an_error() {
    let world = World::new(Provider::Google, "").await;
    let at = "/calendar/v3/calendars/primary/events";
    let page = |id: &str, next: &str| {
        ResponseTemplate::new(200)
            .set_body_json(json!({"items": [{"id": id}], "nextPageToken": next}))
    };
    Mock::given(path(at))
        .and(query_param_is_missing("pageToken"))
        .respond_with(page("a", "t2"))
        .mount(&world.server)
        .await;
    Mock::given(path(at))
        .and(query_param("pageToken", "t2"))
        .respond_with(page("b", "t2"))
        .mount(&world.server)
        .await;

    let results: Vec<_> = world
        .vault
        .google()
        .calendar_events_stream(&world.user, "primary", EventsQuery::default())
        .collect()
        .await;

    assert_eq!(results.len(), 3, "two events, then the error");
    let error = results[2].as_ref().unwrap_err();
    assert!(error.message().contains("repeated"), "{error}");
    assert_eq!(error.details().unwrap()["next_page"], "t2");
    assert_eq!(world.provider_requests().await.len(), 2);
}

#[tokio::test]
async fn a_notion_stream_stops_at_its_page_limit() {
    let world = World::new(Provider::Notion, "/v1").await;
    let body = |n: u32| {
        json!({"results": [{"id": format!("b{n}"), "type": "paragraph"}],
        "has_more": true, "next_cursor": format!("k{}", n + 1)})
    };
    let at = "/v1/blocks/root/children";
    Mock::given(path(at))
        .and(query_param_is_missing("start_cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body(1)))
        .mount(&world.server)
        .await;
    Mock::given(path(at))
        .and(query_param("start_cursor", "k2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body(2)))
        .mount(&world.server)
        .await;

    let results: Vec<_> = world
        .vault
        .notion()
        .with_page_limit(2)
        .block_children_stream(&world.user, "root", ChildrenQuery::default())
        .collect()
        .await;

    assert_eq!(results.len(), 3, "two blocks, then the error");
    let error = results[2].as_ref().unwrap_err();
    assert_eq!(error.details().unwrap()["page_limit"], 2);
    assert_eq!(world.provider_requests().await.len(), 2);
}
