//! The `..._stream` methods not covered beside their endpoints: each follows
//! its provider's scheme over two pages, carrying its query to every page.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/mock.rs"]
mod mock;

use alter_providers::github::models::PullsQuery;
use alter_providers::google::calendar::CalendarListQuery;
use alter_providers::google::drive::FilesQuery;
use alter_providers::google::gmail::MessagesQuery;
use alter_providers::microsoft::models::ODataQuery;
use alter_providers::notion::models::{SearchQuery, SearchResult};
use alter_providers::prelude::*;
use alter_providers::sentry::models::IssuesQuery;
use alter_runtime::Provider;
use futures_util::TryStreamExt;
use mock::{World, assert_get, pairs, query};
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

/// Serves two pages at `at`: the second is chosen by query `key=value`.
async fn two_pages(world: &World, at: &str, key: &str, value: &str, first: Value, second: Value) {
    let mock = || Mock::given(path(at));
    let ok = |body| ResponseTemplate::new(200).set_body_json(body);
    mock()
        .and(query_param(key, value))
        .respond_with(ok(second))
        .mount(&world.server)
        .await;
    mock()
        .and(query_param_is_missing(key))
        .respond_with(ok(first))
        .mount(&world.server)
        .await;
}

#[tokio::test]
async fn google_gmail_drive_and_calendar_list_streams() {
    let world = World::new(Provider::Google, "").await;
    let messages = "/gmail/v1/users/me/messages";
    let first = json!({"messages": [{"id": "m1"}], "nextPageToken": "g2"});
    two_pages(
        &world,
        messages,
        "pageToken",
        "g2",
        first,
        json!({"messages": [{"id": "m2"}]}),
    )
    .await;
    let first = json!({"files": [{"id": "f1"}], "nextPageToken": "d2"});
    two_pages(
        &world,
        "/drive/v3/files",
        "pageToken",
        "d2",
        first,
        json!({"files": [{"id": "f2"}]}),
    )
    .await;
    let calendars = "/calendar/v3/users/me/calendarList";
    let first = json!({"items": [{"id": "c1"}], "nextPageToken": "l2"});
    two_pages(
        &world,
        calendars,
        "pageToken",
        "l2",
        first,
        json!({"items": [{"id": "c2"}]}),
    )
    .await;
    let google = world.vault.google();
    let user = &world.user;
    let gmail = MessagesQuery {
        query: Some("is:unread".into()),
        ..Default::default()
    };
    let drive = FilesQuery {
        page_size: Some(1),
        ..Default::default()
    };

    let m: Vec<_> = google
        .gmail_messages_stream(user, gmail)
        .map_ok(|m| m.id)
        .try_collect()
        .await
        .unwrap();
    let f: Vec<_> = google
        .drive_files_stream(user, drive)
        .map_ok(|f| f.id.unwrap())
        .try_collect()
        .await
        .unwrap();
    let calendar_list = google.calendar_list_stream(user, CalendarListQuery::default());
    let c: Vec<_> = calendar_list.map_ok(|c| c.id).try_collect().await.unwrap();

    assert_eq!(
        (m.join(","), f.join(","), c.join(",")),
        ("m1,m2".to_owned(), "f1,f2".to_owned(), "c1,c2".to_owned())
    );
    let requests = world.provider_requests().await;
    assert_get(
        &requests[1],
        messages,
        &[("q", "is:unread"), ("pageToken", "g2")],
    );
    assert_get(
        &requests[3],
        "/drive/v3/files",
        &[("pageSize", "1"), ("pageToken", "d2")],
    );
    assert_get(&requests[5], calendars, &[("pageToken", "l2")]);
}

#[tokio::test]
async fn github_search_and_pull_request_streams() {
    let world = World::new(Provider::Github, "").await;
    let next = |at: &str| format!("<{}{at}?page=2>; rel=\"next\"", world.uri());
    let issue = |n: u64| json!({"id": n, "number": n, "title": "t", "state": "open"});
    let search = json!({"total_count": 2, "items": [issue(1)]});
    let first = ResponseTemplate::new(200)
        .set_body_json(search)
        .insert_header("link", next("/search/issues"));
    Mock::given(path("/search/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(first)
        .mount(&world.server)
        .await;
    let second = json!({"total_count": 2, "items": [issue(2)]});
    Mock::given(path("/search/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(&world.server)
        .await;
    let pull = json!([{"id": 5, "number": 5, "title": "p", "state": "open"}]);
    world.serve("GET", "/repos/o/r/pulls", pull).await;

    let github = world.vault.github();
    let found: Vec<_> = github
        .search_issues_stream(&world.user, "is:open")
        .map_ok(|i| i.number)
        .try_collect()
        .await
        .unwrap();
    let pulls_query = PullsQuery {
        state: Some("closed".into()),
        ..Default::default()
    };
    let pulls: Vec<_> = github
        .pull_requests_stream(&world.user, "o", "r", pulls_query)
        .map_ok(|p| p.number)
        .try_collect()
        .await
        .unwrap();

    assert_eq!((found, pulls), (vec![1, 2], vec![5]));
    let requests = world.provider_requests().await;
    assert_eq!(
        query(&requests[1]),
        pairs(&[("page", "2")]),
        "the link is followed, not rebuilt"
    );
    assert_get(&requests[2], "/repos/o/r/pulls", &[("state", "closed")]);
}

#[tokio::test]
async fn sentry_issue_and_organization_streams() {
    let world = World::new(Provider::Sentry, "/api/0").await;
    let at = "/api/0/organizations/acme/issues/";
    let link = format!(
        "<{}{at}?cursor=0:1:0>; rel=\"next\"; results=\"true\"; cursor=\"0:1:0\"",
        world.uri()
    );
    let issue = |id: &str| json!({"id": id, "title": "boom"});
    let first = ResponseTemplate::new(200)
        .set_body_json(json!([issue("1")]))
        .insert_header("link", link);
    Mock::given(path(at))
        .and(query_param_is_missing("cursor"))
        .respond_with(first)
        .mount(&world.server)
        .await;
    let end = format!(
        "<{}{at}?cursor=0:2:0>; rel=\"next\"; results=\"false\"; cursor=\"0:2:0\"",
        world.uri()
    );
    let second = ResponseTemplate::new(200)
        .set_body_json(json!([issue("2")]))
        .insert_header("link", end);
    Mock::given(path(at))
        .and(query_param("cursor", "0:1:0"))
        .respond_with(second)
        .mount(&world.server)
        .await;
    world
        .serve(
            "GET",
            "/api/0/organizations/",
            json!([{"id": "1", "slug": "acme", "name": "Acme"}]),
        )
        .await;
    let sentry = world.vault.sentry();
    let query = IssuesQuery {
        stats_period: Some("24h".into()),
        ..Default::default()
    };

    let ids: Vec<_> = sentry
        .issues_stream(&world.user, "acme", query)
        .map_ok(|i| i.id)
        .try_collect()
        .await
        .unwrap();
    let orgs: Vec<_> = sentry
        .organizations_stream(&world.user)
        .map_ok(|o| o.slug)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(
        (ids, orgs),
        (
            vec!["1".to_owned(), "2".to_owned()],
            vec!["acme".to_owned()]
        )
    );
    let requests = world.provider_requests().await;
    assert_get(&requests[0], at, &[("statsPeriod", "24h")]);
    assert_eq!(requests.len(), 3);
}

#[tokio::test]
async fn graph_drive_children_and_notion_search_streams() {
    let graph_world = World::new(Provider::Microsoft, "/v1.0").await;
    let at = "/v1.0/me/drive/root/children";
    let next = format!("{}{at}?$skiptoken=s2", graph_world.uri());
    let first = json!({"value": [{"name": "a"}], "@odata.nextLink": next});
    two_pages(
        &graph_world,
        at,
        "$skiptoken",
        "s2",
        first,
        json!({"value": [{"name": "b"}]}),
    )
    .await;
    let notion_world = World::new(Provider::Notion, "/v1").await;
    let ok = |body| ResponseTemplate::new(200).set_body_json(body);
    let page = |id: &str| json!({"object": "page", "id": id, "properties": {}});
    Mock::given(path("/v1/search"))
        .and(body_partial_json(json!({"start_cursor": "n2"})))
        .respond_with(ok(
            json!({"results": [page("p2")], "has_more": false, "next_cursor": null}),
        ))
        .mount(&notion_world.server)
        .await;
    Mock::given(path("/v1/search"))
        .respond_with(ok(
            json!({"results": [page("p1")], "has_more": true, "next_cursor": "n2"}),
        ))
        .mount(&notion_world.server)
        .await;

    let children = graph_world
        .vault
        .microsoft()
        .drive_root_children_stream(&graph_world.user, ODataQuery::default());
    let names: Vec<_> = children
        .map_ok(|item| item.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    let search = SearchQuery {
        query: Some("plan".into()),
        ..Default::default()
    };
    let found: Vec<_> = notion_world
        .vault
        .notion()
        .search_stream(&notion_world.user, search)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(names, ["a", "b"]);
    let ids: Vec<_> = found
        .iter()
        .map(|r| match r {
            SearchResult::Page(p) => p.id.as_str(),
            _ => "other",
        })
        .collect();
    assert_eq!(ids, ["p1", "p2"]);
    let notion_requests = notion_world.provider_requests().await;
    assert_eq!(
        mock::body(&notion_requests[1]),
        json!({"query": "plan", "start_cursor": "n2"})
    );
}

#[tokio::test]
async fn plain_first_pages_send_no_query() {
    let google = World::new(Provider::Google, "").await;
    google
        .serve(
            "GET",
            "/gmail/v1/users/me/messages",
            json!({"resultSizeEstimate": 0}),
        )
        .await;
    google
        .serve("GET", "/drive/v3/files", json!({"files": []}))
        .await;
    google
        .serve(
            "GET",
            "/calendar/v3/users/me/calendarList",
            json!({"items": []}),
        )
        .await;
    let github = World::new(Provider::Github, "").await;
    github.serve("GET", "/repos/o/r/issues", json!([])).await;
    let slack = World::new(Provider::Slack, "/api").await;
    slack
        .serve(
            "GET",
            "/api/conversations.list",
            json!({"ok": true, "channels": []}),
        )
        .await;
    let hidden = CalendarListQuery {
        show_hidden: Some(true),
        ..Default::default()
    };

    let handle = google.vault.google();
    assert!(
        handle
            .gmail_messages(&google.user)
            .await
            .unwrap()
            .messages
            .is_empty()
    );
    assert!(
        handle
            .drive_files(&google.user)
            .await
            .unwrap()
            .files
            .is_empty()
    );
    assert!(
        handle
            .calendar_list_with(&google.user, &hidden)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let issues = github
        .vault
        .github()
        .issues(&github.user, "o", "r")
        .await
        .unwrap();
    let channels = slack
        .vault
        .slack()
        .conversations(&slack.user)
        .await
        .unwrap();

    assert!(issues.is_empty() && issues.next.is_none());
    assert!(channels.channels.is_empty());
    let requests = google.provider_requests().await;
    assert_get(&requests[0], "/gmail/v1/users/me/messages", &[]);
    assert_get(&requests[1], "/drive/v3/files", &[]);
    assert_get(
        &requests[2],
        "/calendar/v3/users/me/calendarList",
        &[("showHidden", "true")],
    );
    assert_get(&github.only_request().await, "/repos/o/r/issues", &[]);
    assert_get(&slack.only_request().await, "/api/conversations.list", &[]);
}
