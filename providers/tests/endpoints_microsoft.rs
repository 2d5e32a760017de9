//! Microsoft Graph endpoints on loopback, with `@odata.nextLink` followed
//! exactly as sent.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::microsoft::models::{ODataQuery, SendMail};
use alter_providers::prelude::*;
use alter_runtime::{Error, Provider};
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get, assert_write};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

async fn world() -> World {
    World::new(Provider::Microsoft, "/v1.0").await
}

#[tokio::test]
async fn me_messages_events_drive() {
    let world = world().await;
    world
        .serve("GET", "/v1.0/me", fixtures::json("microsoft/me.get.json"))
        .await;
    world
        .serve(
            "GET",
            "/v1.0/me/messages",
            fixtures::json("microsoft/me.messages.list.json"),
        )
        .await;
    let events = json!({"value": [{"id": "AAMk1", "subject": "Standup"}]});
    world.serve("GET", "/v1.0/me/events", events).await;
    let children = fixtures::json("microsoft/me.drive.root.children.list.json");
    world
        .serve("GET", "/v1.0/me/drive/root/children", children)
        .await;
    let graph = world.vault.microsoft();
    let select = ODataQuery {
        select: Some("sender,subject".into()),
        top: Some(5),
        ..ODataQuery::default()
    };
    let filter = ODataQuery {
        filter: Some("start/dateTime ge '2026-02-01'".into()),
        ..ODataQuery::default()
    };

    let me = graph.me(&world.user).await.unwrap();
    let messages = graph.messages(&world.user, &select).await.unwrap();
    let events = graph.events(&world.user, &filter).await.unwrap();
    let items = graph
        .drive_root_children(&world.user, &ODataQuery::default())
        .await
        .unwrap();

    assert_eq!(me.user_principal_name.as_deref(), Some("user@example.com"));
    assert_eq!(
        messages.value[0].subject.as_deref(),
        Some("You have late tasks!")
    );
    assert_eq!(events.value[0].subject.as_deref(), Some("Standup"));
    assert_eq!(items.value[1].name.as_deref(), Some("Documents"));
    let requests = world.provider_requests().await;
    assert_get(&requests[0], "/v1.0/me", &[]);
    assert_get(
        &requests[1],
        "/v1.0/me/messages",
        &[("$select", "sender,subject"), ("$top", "5")],
    );
    assert_get(
        &requests[2],
        "/v1.0/me/events",
        &[("$filter", "start/dateTime ge '2026-02-01'")],
    );
    assert_get(&requests[3], "/v1.0/me/drive/root/children", &[]);
}

#[tokio::test]
async fn send_mail_accepts_an_empty_202() {
    let world = world().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/me/sendMail"))
        .respond_with(ResponseTemplate::new(202))
        .mount(&world.server)
        .await;
    let mail = SendMail {
        save_to_sent_items: Some(false),
        ..SendMail::text("bob@example.org", "Hi", "Hello")
    };

    world
        .vault
        .microsoft()
        .send_mail(&world.user, &mail)
        .await
        .unwrap();

    let expected = json!({"message": {"subject": "Hi",
        "body": {"contentType": "Text", "content": "Hello"},
        "toRecipients": [{"emailAddress": {"address": "bob@example.org"}}]},
        "saveToSentItems": false});
    assert_write(
        &world.only_request().await,
        "POST",
        "/v1.0/me/sendMail",
        &expected,
    );
}

/// Three pages of messages; the next links carry encoded bytes to keep as they
/// are. The third page links back to the second when `third_repeats`.
async fn serve_next_links(world: &World, third_repeats: bool) -> [String; 2] {
    let links = [2, 3].map(|n| {
        format!(
            "{}/v1.0/me/messages?$top=1&$skiptoken=page{n}%2Bx%3D%3D&$select=id,subject",
            world.uri()
        )
    });
    let page = |ids: &[&str], next: Option<&String>| {
        let value: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        ResponseTemplate::new(200).set_body_json(json!({"value": value, "@odata.nextLink": next}))
    };
    let at = || Mock::given(path("/v1.0/me/messages"));
    at().and(query_param_is_missing("$skiptoken"))
        .respond_with(page(&["m1", "m2"], Some(&links[0])))
        .mount(&world.server)
        .await;
    at().and(query_param("$skiptoken", "page2+x=="))
        .respond_with(page(&["m3"], Some(&links[1])))
        .mount(&world.server)
        .await;
    at().and(query_param("$skiptoken", "page3+x=="))
        .respond_with(page(&["m4"], third_repeats.then_some(&links[0])))
        .mount(&world.server)
        .await;
    links
}

#[tokio::test]
async fn next_link_three_pages_followed_byte_for_byte() {
    let world = world().await;
    let links = serve_next_links(&world, false).await;

    let stream = world.vault.microsoft().messages_stream(
        &world.user,
        ODataQuery {
            top: Some(2),
            ..Default::default()
        },
    );
    let ids: Vec<String> = stream
        .map_ok(|m| m.id.unwrap())
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ids, ["m1", "m2", "m3", "m4"]);
    let requests = world.provider_requests().await;
    assert_get(&requests[0], "/v1.0/me/messages", &[("$top", "2")]);
    for (request, link) in requests[1..].iter().zip(&links) {
        let sent = format!(
            "{}{}?{}",
            world.uri(),
            request.url.path(),
            request.url.query().unwrap()
        );
        assert_eq!(&sent, link, "the next link is sent as received");
    }
    assert_eq!(world.token_requests().await, 3);
}

#[tokio::test]
async fn a_repeated_next_link_is_an_error() {
    let world = world().await;
    serve_next_links(&world, true).await;

    let stream = world
        .vault
        .microsoft()
        .messages_stream(&world.user, ODataQuery::default());
    let results: Vec<_> = stream.collect().await;

    assert_eq!(results.len(), 5, "four messages, then the error");
    let error = results[4].as_ref().unwrap_err();
    assert!(matches!(error, Error::Sdk { .. }) && error.message().contains("repeated"));
    assert_eq!(world.provider_requests().await.len(), 3);
}

#[tokio::test]
async fn graph_error_body_is_parsed() {
    let world = world().await;
    world
        .serve_status(
            "GET",
            "/v1.0/me",
            416,
            fixtures::json("microsoft/error.json"),
        )
        .await;

    let error = world.vault.microsoft().me(&world.user).await.unwrap_err();

    let details = error.provider_api().unwrap();
    assert_eq!(details.code.as_deref(), Some("invalidRange"));
    assert_eq!(
        details.provider_message.as_deref(),
        Some("Uploaded fragment overlaps with existing data.")
    );
}
