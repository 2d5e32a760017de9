//! Base URLs set per vault or per handle, on loopback: a GitHub Enterprise
//! Server's `/api/v3`, a Graph national cloud's `/v1.0` and a self-hosted
//! Sentry under a path keep their prefix, once, on every call and every page;
//! a self-hosted Sentry's host gets a token only once the vault allows it.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::github::models::{Contents, IssuesQuery};
use alter_providers::microsoft::models::ODataQuery;
use alter_providers::prelude::*;
use alter_runtime::{AlterVault, Error, Provider};
use futures_util::TryStreamExt;
use mock::{World, assert_get, header};
use serde_json::json;
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, Request, ResponseTemplate};

/// Asserts that `request` was sent for the world's own host and port (the
/// `Host` header: the mock server rebuilds `request.url` on `localhost`).
fn assert_on_loopback(world: &World, request: &Request) {
    let host = format!("127.0.0.1:{}", world.server.address().port());
    assert_eq!(header(request, "host"), Some(host.as_str()));
}

fn assert_github_headers(request: &Request) {
    assert_eq!(
        header(request, "accept"),
        Some("application/vnd.github+json")
    );
    assert_eq!(header(request, "x-github-api-version"), Some("2022-11-28"));
}

/// Serves a repository and a file under `/api/v3`, fetches both through a
/// vault whose GitHub base is the server plus `base_path`, and checks the
/// requests.
async fn repository_and_contents_under(base_path: &str) {
    let world = World::new(Provider::Github, base_path).await;
    let repo_at = "/api/v3/repos/octokit-fixture-org/hello-world";
    let repo_json = fixtures::json("github/repos.get.json");
    world.serve("GET", repo_at, repo_json).await;
    let file_at = "/api/v3/repos/o/r/contents/docs/READ%20ME.md";
    let file = json!({"type": "file", "name": "READ ME.md", "path": "docs/READ ME.md",
        "sha": "3d21ec53", "size": 5, "encoding": "base64", "content": "aGVsbG8="});
    world.serve("GET", file_at, file).await;
    let github = world.vault.github();

    let repo = github
        .repository(&world.user, "octokit-fixture-org", "hello-world")
        .await
        .unwrap();
    let contents = github
        .contents(&world.user, "o", "r", "docs/READ ME.md", Some("main"))
        .await
        .unwrap();

    assert_eq!(repo.id, 1000);
    assert_eq!(repo.full_name, "octokit-fixture-org/hello-world");
    assert_eq!(repo.default_branch.as_deref(), Some("master"));
    let Contents::File(file) = contents else {
        panic!("a file, got {contents:?}")
    };
    assert_eq!(
        (file.path.as_str(), file.sha.as_str(), file.size),
        ("docs/READ ME.md", "3d21ec53", 5)
    );
    assert_eq!(file.content.as_deref(), Some("aGVsbG8="));
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    assert_get(&requests[0], repo_at, &[]);
    assert_get(&requests[1], file_at, &[("ref", "main")]);
    for request in &requests {
        assert_on_loopback(&world, request);
        assert_github_headers(request);
    }
}

#[tokio::test]
async fn a_github_enterprise_base_keeps_its_api_v3_prefix() {
    repository_and_contents_under("/api/v3").await;
}

#[tokio::test]
async fn a_github_enterprise_base_with_a_trailing_slash_adds_no_empty_segment() {
    repository_and_contents_under("/api/v3/").await;
}

#[tokio::test]
async fn github_enterprise_next_links_are_followed_under_the_prefix() {
    let world = World::new(Provider::Github, "/api/v3").await;
    let issue = |n: u64| json!({"id": n, "number": n, "title": format!("#{n}"), "state": "open"});
    let next = format!(
        "{}/api/v3/repositories/77/issues?state=all&page=2",
        world.uri()
    );
    let first = ResponseTemplate::new(200)
        .set_body_json(json!([issue(1), issue(2)]))
        .insert_header("link", format!("<{next}>; rel=\"next\""));
    Mock::given(path("/api/v3/repos/o/r/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(first)
        .mount(&world.server)
        .await;
    Mock::given(path("/api/v3/repositories/77/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([issue(3)])))
        .mount(&world.server)
        .await;
    let query = IssuesQuery {
        state: Some("all".into()),
        ..IssuesQuery::default()
    };

    let numbers: Vec<u64> = world
        .vault
        .github()
        .issues_stream(&world.user, "o", "r", query)
        .map_ok(|issue| issue.number)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(numbers, [1, 2, 3]);
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    assert_get(
        &requests[0],
        "/api/v3/repos/o/r/issues",
        &[("state", "all")],
    );
    assert_get(
        &requests[1],
        "/api/v3/repositories/77/issues",
        &[("state", "all"), ("page", "2")],
    );
    for request in &requests {
        assert_on_loopback(&world, request);
        assert_github_headers(request);
    }
}

#[tokio::test]
async fn a_graph_national_cloud_base_with_a_trailing_slash_adds_no_empty_segment() {
    let world = World::new(Provider::Microsoft, "/v1.0/").await;
    let me = fixtures::json("microsoft/me.get.json");
    world.serve("GET", "/v1.0/me", me).await;
    let messages = fixtures::json("microsoft/me.messages.list.json");
    world.serve("GET", "/v1.0/me/messages", messages).await;
    let graph = world.vault.microsoft();
    let query = ODataQuery {
        select: Some("sender,subject".into()),
        ..ODataQuery::default()
    };

    let me = graph.me(&world.user).await.unwrap();
    let messages = graph.messages(&world.user, &query).await.unwrap();

    assert_eq!(me.user_principal_name.as_deref(), Some("user@example.com"));
    assert_eq!(
        messages.value[0].subject.as_deref(),
        Some("You have late tasks!")
    );
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    assert_get(&requests[0], "/v1.0/me", &[]);
    assert_get(
        &requests[1],
        "/v1.0/me/messages",
        &[("$select", "sender,subject")],
    );
    requests.iter().for_each(|r| assert_on_loopback(&world, r));
}

#[tokio::test]
async fn graph_event_next_links_on_a_national_cloud_base_are_followed_as_sent() {
    let world = World::new(Provider::Microsoft, "/v1.0").await;
    let next = format!(
        "{}/v1.0/me/events?$filter=start/dateTime%20ge%20%272026-02-01%27&$top=1\
         &$skiptoken=M2UyZ%2B%2F%3D",
        world.uri()
    );
    let first = json!({"value": [{"id": "e1", "subject": "Standup"}], "@odata.nextLink": next});
    let second = json!({"value": [{"id": "e2", "subject": "Retro"}]});
    Mock::given(path("/v1.0/me/events"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&world.server)
        .await;
    Mock::given(path("/v1.0/me/events"))
        .and(query_param("$skiptoken", "M2UyZ+/="))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(&world.server)
        .await;
    let query = ODataQuery {
        filter: Some("start/dateTime ge '2026-02-01'".into()),
        top: Some(1),
        ..ODataQuery::default()
    };

    let subjects: Vec<String> = world
        .vault
        .microsoft()
        .events_stream(&world.user, query)
        .map_ok(|event| format!("{}:{}", event.id, event.subject.unwrap_or_default()))
        .try_collect()
        .await
        .unwrap();

    assert_eq!(subjects, ["e1:Standup", "e2:Retro"]);
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    assert_get(
        &requests[0],
        "/v1.0/me/events",
        &[("$filter", "start/dateTime ge '2026-02-01'"), ("$top", "1")],
    );
    assert_eq!(requests[1].url.path(), "/v1.0/me/events");
    let sent = format!(
        "{}/v1.0/me/events?{}",
        world.uri(),
        requests[1].url.query().unwrap()
    );
    assert_eq!(
        sent, next,
        "the next link is sent as received, nothing added"
    );
    requests.iter().for_each(|r| assert_on_loopback(&world, r));
}

/// Two pages of projects on a self-hosted Sentry under `/sentry`: the first
/// links to the second, whose `next` is marked `results="false"`.
async fn serve_self_hosted_projects(world: &World) {
    let at = "/sentry/api/0/organizations/acme/projects/";
    let link = |cursor: &str, results: &str| {
        format!(
            "<{uri}{at}?&cursor={cursor}>; rel=\"next\"; results=\"{results}\"; \
             cursor=\"{cursor}\"",
            uri = world.uri()
        )
    };
    let page = |slug: &str, link: String| {
        ResponseTemplate::new(200)
            .set_body_json(json!([{"id": slug, "slug": slug, "name": slug}]))
            .insert_header("link", link)
    };
    Mock::given(path(at))
        .and(query_param_is_missing("cursor"))
        .respond_with(page("p1", link("0:1:0", "true")))
        .mount(&world.server)
        .await;
    Mock::given(path(at))
        .and(query_param("cursor", "0:1:0"))
        .respond_with(page("p2", link("0:2:0", "false")))
        .mount(&world.server)
        .await;
}

#[tokio::test]
async fn a_self_hosted_sentry_under_a_path_keeps_its_prefix_on_every_page() {
    let world = World::new(Provider::Sentry, "/not-used").await;
    serve_self_hosted_projects(&world).await;
    let bare = world
        .vault
        .sentry()
        .self_hosted(format!("{}/sentry", world.uri()));
    let with_api = world
        .vault
        .sentry()
        .self_hosted(format!("{}/sentry/api/0/", world.uri()));

    let from_bare: Vec<String> = bare
        .projects_stream(&world.user, "acme")
        .map_ok(|project| project.slug)
        .try_collect()
        .await
        .unwrap();
    let from_api = with_api.projects(&world.user, "acme").await.unwrap();

    assert_eq!(from_bare, ["p1", "p2"]);
    assert_eq!(from_api[0].slug, "p1");
    let next = format!(
        "{}/sentry/api/0/organizations/acme/projects/?&cursor=0:1:0",
        world.uri()
    );
    assert_eq!(from_api.next.as_deref(), Some(next.as_str()));
    let requests = world.provider_requests().await;
    assert_eq!(
        requests.len(),
        3,
        "the results=\"false\" link is not followed"
    );
    let at = "/sentry/api/0/organizations/acme/projects/";
    assert_get(&requests[0], at, &[]);
    assert_get(&requests[1], at, &[("cursor", "0:1:0")]);
    assert_eq!(requests[1].url.query(), Some("&cursor=0:1:0"));
    assert_get(&requests[2], at, &[]);
    requests.iter().for_each(|r| assert_on_loopback(&world, r));
}

/// A vault that gets its tokens from `world` but has no Sentry base URL of
/// its own; `allowed` is a host pattern allowed for Sentry, if any.
fn vault_without_a_sentry_base(world: &World, allowed: Option<&str>) -> AlterVault {
    let builder = AlterVault::builder("alter_key_test").base_url(world.uri());
    match allowed {
        Some(pattern) => builder.allow_host(Provider::Sentry, pattern),
        None => builder,
    }
    .build()
    .unwrap()
}

#[tokio::test]
async fn a_self_hosted_sentry_host_must_be_allowed_on_the_vault() {
    // The server hands out tokens; the vaults below give Sentry no base URL.
    let world = World::new(Provider::Github, "").await;
    world
        .serve(
            "GET",
            "/api/0/organizations/",
            json!([{"id": "1", "slug": "acme", "name": "Acme"}]),
        )
        .await;
    let port = world.server.address().port();
    let unbound = vault_without_a_sentry_base(&world, None);
    let allowed = vault_without_a_sentry_base(&world, Some(&format!("127.0.0.1:{port}")));

    let refused = unbound
        .sentry()
        .self_hosted(world.uri())
        .organizations(&world.user)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, Error::InvalidRequest { .. }),
        "{refused:?}"
    );
    assert_eq!(
        refused.message(),
        format!("host `127.0.0.1:{port}` is not allowed for provider `sentry`")
    );
    assert_eq!(
        world.token_requests().await,
        0,
        "no token for a refused host"
    );
    assert!(world.provider_requests().await.is_empty());

    let orgs = allowed
        .sentry()
        .self_hosted(world.uri())
        .organizations(&world.user)
        .await
        .unwrap();
    assert_eq!(orgs[0].slug, "acme");
    assert_eq!(world.token_requests().await, 1);
    let request = world.only_request().await;
    assert_get(&request, "/api/0/organizations/", &[]);
    assert_on_loopback(&world, &request);
}
