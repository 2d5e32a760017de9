//! Sentry endpoints on loopback: regions, self-hosted installs and `Link`
//! pagination ending on `results="false"`.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::prelude::*;
use alter_providers::sentry::Region;
use alter_providers::sentry::models::IssuesQuery;
use alter_runtime::{CallOptions, Provider, VaultHandle};
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get};
use serde_json::json;
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

async fn world() -> World {
    World::new(Provider::Sentry, "/api/0").await
}

#[tokio::test]
async fn organizations_projects_issues_issue() {
    let world = world().await;
    world
        .serve(
            "GET",
            "/api/0/organizations/",
            fixtures::json("sentry/organizations.list.json"),
        )
        .await;
    let projects = fixtures::json("sentry/organizations.projects.list.json");
    world
        .serve(
            "GET",
            "/api/0/organizations/harbor-robotics/projects/",
            projects,
        )
        .await;
    let issues = fixtures::json("sentry/organizations.issues.list.json");
    world
        .serve(
            "GET",
            "/api/0/organizations/harbor-robotics/issues/",
            issues,
        )
        .await;
    let issue = fixtures::json("sentry/organizations.issues.get.json");
    world
        .serve(
            "GET",
            "/api/0/organizations/harbor-robotics/issues/730021/",
            issue,
        )
        .await;
    let sentry = world.vault.sentry();
    let query = IssuesQuery {
        query: Some("is:unresolved level:fatal".into()),
        project: vec![4501, 4502],
        limit: Some(25),
        ..IssuesQuery::default()
    };

    let orgs = sentry.organizations(&world.user).await.unwrap();
    let projects = sentry.projects(&world.user, &orgs[0].slug).await.unwrap();
    let issues = sentry
        .issues(&world.user, "harbor-robotics", &query)
        .await
        .unwrap();
    let issue = sentry
        .issue(&world.user, "harbor-robotics", &issues[0].id)
        .await
        .unwrap();

    assert_eq!(orgs.len(), 2);
    assert_eq!(projects[0].slug, "dock-controller");
    assert_eq!(issues[1].short_id.as_deref(), Some("WEB-CONSOLE-A"));
    assert_eq!(issue.count_value(), Some(1204));
    assert!(orgs.next.is_none());
    let requests = world.provider_requests().await;
    assert_get(&requests[0], "/api/0/organizations/", &[]);
    assert_get(
        &requests[1],
        "/api/0/organizations/harbor-robotics/projects/",
        &[],
    );
    let expected = [
        ("query", "is:unresolved level:fatal"),
        ("project", "4501"),
        ("project", "4502"),
        ("limit", "25"),
    ];
    assert_get(
        &requests[2],
        "/api/0/organizations/harbor-robotics/issues/",
        &expected,
    );
    assert_get(
        &requests[3],
        "/api/0/organizations/harbor-robotics/issues/730021/",
        &[],
    );
}

#[test]
fn regions_and_self_hosted_set_the_base_url() {
    let vault = alter_runtime::AlterVault::builder("alter_key_test")
        .build()
        .unwrap();
    let base = |sentry: &alter_providers::sentry::Sentry| {
        let mut options = CallOptions::default();
        sentry.configure(&mut options);
        options.base_url().map(str::to_owned)
    };

    assert_eq!(
        base(&vault.sentry()),
        None,
        "the vault's or the provider's default applies"
    );
    assert_eq!(
        base(&vault.sentry().region(Region::Us)).as_deref(),
        Some("https://us.sentry.io/api/0")
    );
    assert_eq!(
        base(&vault.sentry().region(Region::De)).as_deref(),
        Some("https://de.sentry.io/api/0")
    );
    let hosted = vault.sentry().self_hosted("https://sentry.acme.internal/");
    assert_eq!(
        base(&hosted).as_deref(),
        Some("https://sentry.acme.internal/api/0")
    );
    let with_api = vault
        .sentry()
        .self_hosted("https://sentry.acme.internal/api/0/");
    assert_eq!(
        base(&with_api).as_deref(),
        Some("https://sentry.acme.internal/api/0")
    );
}

#[tokio::test]
async fn a_self_hosted_install_is_called_at_its_own_base() {
    let world = World::new(Provider::Sentry, "/not-used").await;
    world.serve("GET", "/api/0/organizations/", json!([])).await;

    let orgs = world
        .vault
        .sentry()
        .self_hosted(world.uri())
        .organizations(&world.user)
        .await
        .unwrap();

    assert!(orgs.is_empty());
    assert_get(&world.only_request().await, "/api/0/organizations/", &[]);
}

/// Three pages of projects; Sentry's `Link` always has `previous` and `next`,
/// marking the dead one `results="false"`.
async fn serve_cursor_pages(world: &World, third_next_results: &str, third_cursor: &str) {
    let at = "/api/0/organizations/acme/projects/";
    let link = |cursor: &str, results: &str| {
        format!(
            "<{uri}{at}?&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", \
             <{uri}{at}?&cursor={cursor}>; rel=\"next\"; results=\"{results}\"; cursor=\"{cursor}\"",
            uri = world.uri()
        )
    };
    let page = |slugs: &[&str], link: String| {
        let body: Vec<_> = slugs
            .iter()
            .map(|s| json!({"id": s, "slug": s, "name": s}))
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(body)
            .insert_header("link", link)
    };
    let mock = || Mock::given(path(at));
    mock()
        .and(query_param_is_missing("cursor"))
        .respond_with(page(&["p1", "p2"], link("0:2:0", "true")))
        .mount(&world.server)
        .await;
    mock()
        .and(query_param("cursor", "0:2:0"))
        .respond_with(page(&["p3"], link("0:3:0", "true")))
        .mount(&world.server)
        .await;
    let last = page(&["p4"], link(third_cursor, third_next_results));
    mock()
        .and(query_param("cursor", "0:3:0"))
        .respond_with(last)
        .mount(&world.server)
        .await;
}

#[tokio::test]
async fn link_three_pages_then_results_false_ends() {
    let world = world().await;
    serve_cursor_pages(&world, "false", "0:4:0").await;

    let stream = world.vault.sentry().projects_stream(&world.user, "acme");
    let slugs: Vec<String> = stream.map_ok(|p| p.slug).try_collect().await.unwrap();

    assert_eq!(slugs, ["p1", "p2", "p3", "p4"]);
    let requests = world.provider_requests().await;
    assert_eq!(
        requests.len(),
        3,
        "the results=\"false\" link is not followed"
    );
    assert_get(
        &requests[1],
        "/api/0/organizations/acme/projects/",
        &[("cursor", "0:2:0")],
    );
    assert_eq!(
        requests[2].url.query(),
        Some("&cursor=0:3:0"),
        "the link is followed as sent"
    );
    assert_eq!(world.token_requests().await, 3);
}

#[tokio::test]
async fn a_repeated_sentry_cursor_is_an_error() {
    let world = world().await;
    serve_cursor_pages(&world, "true", "0:2:0").await;

    let results: Vec<_> = world
        .vault
        .sentry()
        .projects_stream(&world.user, "acme")
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
    assert_eq!(world.provider_requests().await.len(), 3);
}

#[tokio::test]
async fn sentry_error_body_is_parsed() {
    let world = world().await;
    world
        .serve_status(
            "GET",
            "/api/0/organizations/",
            403,
            fixtures::json("sentry/error.json"),
        )
        .await;

    let error = world
        .vault
        .sentry()
        .organizations(&world.user)
        .await
        .unwrap_err();

    let details = error.provider_api().unwrap();
    assert_eq!(details.status, 403);
    let message = "You do not have permission to perform this action.";
    assert_eq!(details.provider_message.as_deref(), Some(message));
}

#[tokio::test]
async fn project_events_and_their_stream() {
    let world = world().await;
    let at = "/api/0/projects/harbor-robotics/dock-controller/events/";
    let link = format!(
        "<{}{at}?cursor=0:100:0>; rel=\"next\"; results=\"false\"; cursor=\"0:100:0\"",
        world.uri()
    );
    let events = ResponseTemplate::new(200)
        .set_body_json(fixtures::json("sentry/projects.events.list.json"))
        .insert_header("link", link);
    Mock::given(path(at))
        .respond_with(events)
        .mount(&world.server)
        .await;
    let sentry = world.vault.sentry();

    let page = sentry
        .project_events(&world.user, "harbor-robotics", "dock-controller")
        .await
        .unwrap();
    let streamed: Vec<_> = sentry
        .project_events_stream(&world.user, "harbor-robotics", "dock-controller")
        .map_ok(|event| event.event_id)
        .try_collect()
        .await
        .unwrap();

    assert!(page.next.is_none(), "results=\"false\" ends the listing");
    assert_eq!(page[0].group_id.as_deref(), Some("730021"));
    assert_eq!(streamed.len(), 2);
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    requests.iter().for_each(|r| assert_get(r, at, &[]));
}
