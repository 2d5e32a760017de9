//! `Link` header pagination against the forms servers really send: links
//! split over several header fields, several relations in one `rel`, commas
//! and encoded spaces inside URLs.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/mock.rs"]
mod mock;

use alter_providers::github::models::IssuesQuery;
use alter_providers::prelude::*;
use alter_runtime::Provider;
use futures_util::TryStreamExt;
use mock::{World, assert_get};
use serde_json::json;
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

fn issues(numbers: &[u64]) -> serde_json::Value {
    let issue = |n: &u64| json!({"id": n, "number": n, "title": "t", "state": "open"});
    numbers.iter().map(issue).collect()
}

#[tokio::test]
async fn a_next_link_in_a_second_link_field_is_followed() {
    let world = World::new(Provider::Github, "").await;
    let uri = world.uri();
    let first = ResponseTemplate::new(200)
        .set_body_json(issues(&[1]))
        .append_header(
            "link",
            format!("<{uri}/repos/o/r/issues?page=1>; rel=\"first\""),
        )
        .append_header(
            "link",
            format!("<{uri}/repos/o/r/issues?page=2>; rel=\"next\""),
        );
    Mock::given(path("/repos/o/r/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(first)
        .mount(&world.server)
        .await;
    Mock::given(path("/repos/o/r/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(issues(&[2])))
        .mount(&world.server)
        .await;

    let numbers: Vec<u64> = world
        .vault
        .github()
        .issues_stream(&world.user, "o", "r", IssuesQuery::default())
        .map_ok(|issue| issue.number)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(numbers, [1, 2]);
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    assert_get(&requests[1], "/repos/o/r/issues", &[("page", "2")]);
}

#[tokio::test]
async fn next_among_several_rels_with_commas_and_spaces_in_urls() {
    let world = World::new(Provider::Github, "").await;
    let uri = world.uri();
    let next = format!("{uri}/search/issues?q=a%20b,c&page=2");
    let link = format!(
        "<{uri}/search/issues?q=a%20b,c&page=9>; rel=\"last\", \
         <{next}>; title=\"x, y\"; rel=\"prefetch next\""
    );
    let page = |n: u64| json!({"total_count": 2, "items": issues(&[n])});
    let first = ResponseTemplate::new(200)
        .set_body_json(page(1))
        .insert_header("link", link);
    Mock::given(path("/search/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(first)
        .mount(&world.server)
        .await;
    Mock::given(path("/search/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2)))
        .mount(&world.server)
        .await;

    let numbers: Vec<u64> = world
        .vault
        .github()
        .search_issues_stream(&world.user, "a b,c")
        .map_ok(|issue| issue.number)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(numbers, [1, 2]);
    let requests = world.provider_requests().await;
    assert_get(
        &requests[1],
        "/search/issues",
        &[("q", "a b,c"), ("page", "2")],
    );
    assert_eq!(requests[1].url.query(), Some("q=a%20b,c&page=2"));
}
