//! Notion endpoints on loopback: `Notion-Version` on every call and
//! `next_cursor`/`has_more` pagination.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::notion::DEFAULT_NOTION_VERSION;
use alter_providers::notion::models::{ChildrenQuery, DatabaseQuery, SearchQuery, SearchResult};
use alter_providers::prelude::*;
use alter_runtime::Provider;
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get, assert_write, header};
use serde_json::json;
use wiremock::matchers::{body_partial_json, path, query_param, query_param_is_missing};
use wiremock::{Mock, Request, ResponseTemplate};

const PAGE_ID: &str = "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809";
const DATABASE_ID: &str = "0f0e0d0c-0b0a-4909-8807-060504030201";

async fn world() -> World {
    World::new(Provider::Notion, "/v1").await
}

fn assert_version(request: &Request, version: &str) {
    assert_eq!(header(request, "notion-version"), Some(version));
}

#[tokio::test]
async fn every_endpoint_sends_the_notion_version() {
    let world = world().await;
    world
        .serve("POST", "/v1/search", fixtures::json("notion/search.json"))
        .await;
    world
        .serve(
            "GET",
            &format!("/v1/pages/{PAGE_ID}"),
            fixtures::json("notion/pages.retrieve.json"),
        )
        .await;
    let query_at = format!("/v1/databases/{DATABASE_ID}/query");
    world
        .serve(
            "POST",
            &query_at,
            fixtures::json("notion/databases.query.json"),
        )
        .await;
    let children_at = format!("/v1/blocks/{PAGE_ID}/children");
    world
        .serve(
            "GET",
            &children_at,
            fixtures::json("notion/blocks.children.list.json"),
        )
        .await;
    world
        .serve(
            "GET",
            "/v1/users/me",
            fixtures::json("notion/users.me.json"),
        )
        .await;
    let notion = world.vault.notion();
    let user = &world.user;
    let search = SearchQuery {
        query: Some("Warehouse".into()),
        page_size: Some(10),
        ..SearchQuery::default()
    };
    let filter = json!({"property": "Budget", "number": {"greater_than": 1000}});
    let rows = DatabaseQuery {
        filter: Some(filter.clone()),
        ..DatabaseQuery::default()
    };
    let children = ChildrenQuery {
        page_size: Some(50),
        ..ChildrenQuery::default()
    };

    let found = notion.search(user, &search).await.unwrap();
    let page = notion.page(user, PAGE_ID).await.unwrap();
    let rows = notion
        .query_database(user, DATABASE_ID, &rows)
        .await
        .unwrap();
    let blocks = notion
        .block_children(user, PAGE_ID, &children)
        .await
        .unwrap();
    let me = notion.me(user).await.unwrap();

    assert!(matches!(found.results[1], SearchResult::Database(_)));
    assert_eq!(page.title().as_deref(), Some("Warehouse move"));
    assert_eq!(rows.results.len(), 2);
    assert_eq!(blocks.results[1].kind, "to_do");
    assert_eq!(me.kind.as_deref(), Some("bot"));
    let requests = world.provider_requests().await;
    assert_write(
        &requests[0],
        "POST",
        "/v1/search",
        &json!({"query": "Warehouse", "page_size": 10}),
    );
    assert_get(&requests[1], &format!("/v1/pages/{PAGE_ID}"), &[]);
    assert_write(&requests[2], "POST", &query_at, &json!({"filter": filter}));
    assert_get(&requests[3], &children_at, &[("page_size", "50")]);
    assert_get(&requests[4], "/v1/users/me", &[]);
    assert_eq!(DEFAULT_NOTION_VERSION, "2022-06-28");
    requests
        .iter()
        .for_each(|r| assert_version(r, DEFAULT_NOTION_VERSION));
}

#[tokio::test]
async fn the_notion_version_is_configurable() {
    let world = world().await;
    world
        .serve(
            "GET",
            "/v1/users/me",
            fixtures::json("notion/users.me.json"),
        )
        .await;

    world
        .vault
        .notion()
        .version("2025-09-03")
        .me(&world.user)
        .await
        .unwrap();

    let request = world.only_request().await;
    assert_version(&request, "2025-09-03");
    assert_eq!(request.headers.get_all("notion-version").iter().count(), 1);
}

/// Three pages of block children; the last one has `has_more` as given.
async fn serve_children(world: &World, last_has_more: bool, last_cursor: Option<&str>) {
    let at = format!("/v1/blocks/{PAGE_ID}/children");
    let page = |ids: &[&str], has_more: bool, cursor: Option<&str>| {
        let results: Vec<_> = ids
            .iter()
            .map(|id| json!({"id": id, "type": "paragraph"}))
            .collect();
        let body = json!({"object": "list", "results": results, "has_more": has_more, "next_cursor": cursor});
        ResponseTemplate::new(200).set_body_json(body)
    };
    let mock = || Mock::given(path(at.as_str()));
    mock()
        .and(query_param_is_missing("start_cursor"))
        .respond_with(page(&["b1", "b2"], true, Some("k2")))
        .mount(&world.server)
        .await;
    mock()
        .and(query_param("start_cursor", "k2"))
        .respond_with(page(&["b3"], true, Some("k3")))
        .mount(&world.server)
        .await;
    mock()
        .and(query_param("start_cursor", "k3"))
        .respond_with(page(&["b4"], last_has_more, last_cursor))
        .mount(&world.server)
        .await;
}

#[tokio::test]
async fn next_cursor_three_pages_then_has_more_false() {
    let world = world().await;
    serve_children(&world, false, None).await;

    let stream =
        world
            .vault
            .notion()
            .block_children_stream(&world.user, PAGE_ID, ChildrenQuery::default());
    let ids: Vec<String> = stream.map_ok(|b| b.id).try_collect().await.unwrap();

    assert_eq!(ids, ["b1", "b2", "b3", "b4"]);
    let requests = world.provider_requests().await;
    let at = format!("/v1/blocks/{PAGE_ID}/children");
    assert_get(&requests[1], &at, &[("start_cursor", "k2")]);
    assert_get(&requests[2], &at, &[("start_cursor", "k3")]);
    requests
        .iter()
        .for_each(|r| assert_version(r, DEFAULT_NOTION_VERSION));
}

#[tokio::test]
async fn has_more_false_ends_even_with_a_cursor() {
    let world = world().await;
    serve_children(&world, false, Some("k4")).await;

    let stream =
        world
            .vault
            .notion()
            .block_children_stream(&world.user, PAGE_ID, ChildrenQuery::default());
    let ids: Vec<String> = stream.map_ok(|b| b.id).try_collect().await.unwrap();

    assert_eq!(ids, ["b1", "b2", "b3", "b4"]);
    assert_eq!(
        world.provider_requests().await.len(),
        3,
        "the cursor of a page without more is not followed"
    );
}

#[tokio::test]
async fn a_repeated_notion_cursor_is_an_error() {
    let world = world().await;
    serve_children(&world, true, Some("k2")).await;

    let stream =
        world
            .vault
            .notion()
            .block_children_stream(&world.user, PAGE_ID, ChildrenQuery::default());
    let results: Vec<_> = stream.collect().await;

    assert_eq!(results.len(), 5);
    assert!(
        results[4]
            .as_ref()
            .unwrap_err()
            .message()
            .contains("repeated")
    );
}

#[tokio::test]
async fn database_query_stream_sends_the_cursor_in_the_body() {
    let world = world().await;
    let at = format!("/v1/databases/{DATABASE_ID}/query");
    let page = |id: &str, cursor: Option<&str>| {
        let body =
            json!({"results": [{"id": id}], "has_more": cursor.is_some(), "next_cursor": cursor});
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(path(at.as_str()))
        .and(body_partial_json(json!({"start_cursor": "n2"})))
        .respond_with(page("r2", None))
        .mount(&world.server)
        .await;
    Mock::given(path(at.as_str()))
        .respond_with(page("r1", Some("n2")))
        .mount(&world.server)
        .await;
    let query = DatabaseQuery {
        page_size: Some(1),
        ..DatabaseQuery::default()
    };

    let stream = world
        .vault
        .notion()
        .query_database_stream(&world.user, DATABASE_ID, query);
    let ids: Vec<String> = stream.map_ok(|p| p.id).try_collect().await.unwrap();

    assert_eq!(ids, ["r1", "r2"]);
    let requests = world.provider_requests().await;
    assert_write(&requests[0], "POST", &at, &json!({"page_size": 1}));
    assert_write(
        &requests[1],
        "POST",
        &at,
        &json!({"page_size": 1, "start_cursor": "n2"}),
    );
}

#[tokio::test]
async fn notion_error_body_is_parsed() {
    let world = world().await;
    world
        .serve_status(
            "POST",
            "/v1/search",
            400,
            fixtures::json("notion/error.400.json"),
        )
        .await;

    let error = world
        .vault
        .notion()
        .search(&world.user, &SearchQuery::default())
        .await
        .unwrap_err();

    let details = error.provider_api().unwrap();
    assert_eq!(details.code.as_deref(), Some("validation_error"));
    assert!(
        details
            .provider_message
            .as_deref()
            .unwrap()
            .starts_with("body.page_size")
    );
}
