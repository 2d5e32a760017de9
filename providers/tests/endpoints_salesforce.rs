//! Salesforce endpoints on loopback: the instance URL, the API version
//! setting and `nextRecordsUrl`.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::prelude::*;
use alter_providers::salesforce::models::Record;
use alter_providers::salesforce::{DEFAULT_API_VERSION, Salesforce};
use alter_runtime::{AlterVault, Provider};
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get, assert_write};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

async fn world() -> (World, Salesforce) {
    let world = World::new(Provider::Salesforce, "").await;
    let org = world.vault.salesforce(&format!("{}/", world.uri()));
    (world, org)
}

const API: &str = "/services/data/v62.0";

#[tokio::test]
async fn soql_query() {
    let (world, org) = world().await;
    world
        .serve(
            "GET",
            &format!("{API}/query"),
            fixtures::json("salesforce/query.json"),
        )
        .await;
    let soql = "SELECT Id, FirstName, LastName, Email FROM Contact WHERE LastName != 'x' LIMIT 2";

    let result = org.query(&world.user, soql).await.unwrap();

    assert_eq!(result.records[0].str("FirstName"), Some("Ada"));
    assert_get(
        &world.only_request().await,
        &format!("{API}/query"),
        &[("q", soql)],
    );
}

#[tokio::test]
async fn record_create_update_describe() {
    let (world, org) = world().await;
    let record_at = format!("{API}/sobjects/Account/001Hs00003MnOpQIAV");
    world
        .serve(
            "GET",
            &record_at,
            fixtures::json("salesforce/sobjects.get.json"),
        )
        .await;
    world
        .serve_status(
            "POST",
            &format!("{API}/sobjects/Contact/"),
            201,
            fixtures::json("salesforce/sobjects.create.json"),
        )
        .await;
    Mock::given(method("PATCH"))
        .and(path(record_at.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&world.server)
        .await;
    let describe_at = format!("{API}/sobjects/Account/describe/");
    world
        .serve(
            "GET",
            &describe_at,
            fixtures::json("salesforce/sobjects.describe.json"),
        )
        .await;
    let user = &world.user;

    let account: Record = org
        .record(user, "Account", "001Hs00003MnOpQIAV")
        .await
        .unwrap();
    let created = org
        .create_record(user, "Contact", &json!({"LastName": "Okafor"}))
        .await
        .unwrap();
    org.update_record(
        user,
        "Account",
        "001Hs00003MnOpQIAV",
        &json!({"Industry": "Shipping"}),
    )
    .await
    .unwrap();
    let describe = org.describe(user, "Account").await.unwrap();

    assert_eq!(account.str("Name"), Some("Northwind Marine"));
    assert_eq!(created.id, "003Hs00004NeWcOIAV");
    assert_eq!(describe.fields[1].name, "Name");
    let requests = world.provider_requests().await;
    assert_get(&requests[0], &record_at, &[]);
    assert_write(
        &requests[1],
        "POST",
        &format!("{API}/sobjects/Contact/"),
        &json!({"LastName": "Okafor"}),
    );
    assert_write(
        &requests[2],
        "PATCH",
        &record_at,
        &json!({"Industry": "Shipping"}),
    );
    assert_get(&requests[3], &describe_at, &[]);
}

#[tokio::test]
async fn the_api_version_is_a_setting() {
    let (world, org) = world().await;
    assert_eq!(DEFAULT_API_VERSION, "v62.0");
    world
        .serve(
            "GET",
            "/services/data/v59.0/sobjects/Lead/describe/",
            json!({"name": "Lead"}),
        )
        .await;

    let org = org.api_version("59.0");
    let describe = org.describe(&world.user, "Lead").await.unwrap();

    assert_eq!(describe.name, "Lead");
    assert_eq!(
        org.base_url(),
        format!("{}/services/data/v59.0", world.uri())
    );
    assert_get(
        &world.only_request().await,
        "/services/data/v59.0/sobjects/Lead/describe/",
        &[],
    );
}

/// Three pages linked by `nextRecordsUrl`; the third repeats the second's when `repeat`.
async fn serve_record_pages(world: &World, repeat: bool) {
    let page = |ids: &[&str], next: Option<&str>| {
        let records: Vec<_> = ids
            .iter()
            .map(|id| json!({"attributes": {"type": "Account"}, "Id": id}))
            .collect();
        let body = json!({"totalSize": 4, "done": next.is_none(), "nextRecordsUrl": next, "records": records});
        ResponseTemplate::new(200).set_body_json(body)
    };
    let second = format!("{API}/query/01gABC-2000");
    let third = format!("{API}/query/01gABC-4000");
    let serve = |at: String, response: ResponseTemplate| async move {
        Mock::given(path(at.as_str()))
            .respond_with(response)
            .mount(&world.server)
            .await;
    };
    serve(format!("{API}/query"), page(&["a1", "a2"], Some(&second))).await;
    serve(second.clone(), page(&["a3"], Some(&third))).await;
    serve(third, page(&["a4"], repeat.then_some(second.as_str()))).await;
}

#[tokio::test]
async fn next_records_url_three_pages_then_done() {
    let (world, org) = world().await;
    serve_record_pages(&world, false).await;

    let ids: Vec<String> = org
        .query_stream(&world.user, "SELECT Id FROM Account")
        .map_ok(|record| record.id().unwrap().to_owned())
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ids, ["a1", "a2", "a3", "a4"]);
    let requests = world.provider_requests().await;
    assert_get(
        &requests[0],
        &format!("{API}/query"),
        &[("q", "SELECT Id FROM Account")],
    );
    assert_get(&requests[1], &format!("{API}/query/01gABC-2000"), &[]);
    assert_get(&requests[2], &format!("{API}/query/01gABC-4000"), &[]);
}

#[tokio::test]
async fn a_repeated_next_records_url_is_an_error() {
    let (world, org) = world().await;
    serve_record_pages(&world, true).await;

    let results: Vec<_> = org
        .query_stream(&world.user, "SELECT Id FROM Account")
        .collect()
        .await;

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
async fn salesforce_error_body_is_parsed() {
    let (world, org) = world().await;
    world
        .serve_status(
            "GET",
            &format!("{API}/query"),
            400,
            fixtures::json("salesforce/error.json"),
        )
        .await;

    let error = org
        .query(&world.user, "SELECT Nmae FROM Account")
        .await
        .unwrap_err();

    let details = error.provider_api().unwrap();
    assert_eq!(details.code.as_deref(), Some("INVALID_FIELD"));
    assert_eq!(
        details.provider_message.as_deref(),
        Some("No such column 'Nmae' on entity 'Account'.")
    );
}

#[tokio::test]
async fn an_instance_url_outside_salesforces_hosts_is_refused_before_any_token() {
    let world = World::new(Provider::Salesforce, "").await;
    let vault = AlterVault::builder("alter_key_test")
        .base_url(world.uri())
        .build()
        .unwrap();

    let error = vault
        .salesforce("https://acme.example.com")
        .query(&world.user, "SELECT Id FROM Account")
        .await
        .unwrap_err();

    assert!(
        matches!(error, alter_runtime::Error::InvalidRequest { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "invalid request: host `acme.example.com` is not allowed for provider `salesforce`"
    );
    assert_eq!(world.token_requests().await, 0);
}
