//! A next page named by the provider is fetched only from the provider's own
//! hosts: a link elsewhere is refused before a token is asked for.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/mock.rs"]
mod mock;

use alter_providers::microsoft::models::ODataQuery;
use alter_providers::prelude::*;
use alter_runtime::{Error, Provider, Result};
use futures_util::StreamExt;
use mock::World;
use serde_json::json;
use wiremock::matchers::path;
use wiremock::{Mock, ResponseTemplate};

const FOREIGN: &str = "https://collector.example.net/next?page=2";

/// The one item of the first page, then the refusal of the foreign link.
fn assert_refused<T: std::fmt::Debug>(results: &[Result<T>]) {
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok());
    let error = results[1].as_ref().unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
}

#[tokio::test]
async fn a_graph_next_link_to_another_host_is_refused() {
    let world = World::new(Provider::Microsoft, "/v1.0").await;
    let body = json!({"value": [{"id": "m1"}], "@odata.nextLink": FOREIGN});
    world.serve("GET", "/v1.0/me/messages", body).await;

    let results: Vec<_> = world
        .vault
        .microsoft()
        .messages_stream(&world.user, ODataQuery::default())
        .collect()
        .await;

    assert_refused(&results);
    assert_eq!(world.token_requests().await, 1);
    assert_eq!(world.provider_requests().await.len(), 1);
}

#[tokio::test]
async fn a_sentry_next_link_to_another_host_is_refused() {
    let world = World::new(Provider::Sentry, "/api/0").await;
    let link = format!("<{FOREIGN}>; rel=\"next\"; results=\"true\"; cursor=\"0:1:0\"");
    let first = ResponseTemplate::new(200)
        .set_body_json(json!([{"id": "1", "slug": "acme", "name": "Acme"}]))
        .insert_header("link", link);
    Mock::given(path("/api/0/organizations/"))
        .respond_with(first)
        .mount(&world.server)
        .await;

    let results: Vec<_> = world
        .vault
        .sentry()
        .organizations_stream(&world.user)
        .collect()
        .await;

    assert_refused(&results);
    assert_eq!(world.token_requests().await, 1);
}

#[tokio::test]
async fn a_salesforce_next_records_url_cannot_leave_the_instance() {
    let world = World::new(Provider::Salesforce, "").await;
    let body = json!({"totalSize": 2, "done": false, "nextRecordsUrl": "@collector.example.net/x",
        "records": [{"Id": "a1"}]});
    world.serve("GET", "/services/data/v62.0/query", body).await;

    let results: Vec<_> = world
        .vault
        .salesforce(&world.uri())
        .query_stream(&world.user, "SELECT Id FROM Account")
        .collect()
        .await;

    assert_refused(&results);
    assert_eq!(world.token_requests().await, 1);
}
