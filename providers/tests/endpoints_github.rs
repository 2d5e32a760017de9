//! GitHub endpoints on loopback: headers, paths, queries, bodies and `Link`
//! pagination.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::github::models::{Contents, IssuesQuery, NewIssue, PullsQuery};
use alter_providers::prelude::*;
use alter_runtime::{Error, Provider};
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get, assert_write, header};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, Request, ResponseTemplate};

async fn world() -> World {
    World::new(Provider::Github, "").await
}

fn assert_github_headers(request: &Request) {
    assert_eq!(
        header(request, "accept"),
        Some("application/vnd.github+json")
    );
    assert_eq!(header(request, "x-github-api-version"), Some("2022-11-28"));
}

#[tokio::test]
async fn user_repository_and_organization() {
    let world = world().await;
    world
        .serve(
            "GET",
            "/user",
            fixtures::json("github/users.getAuthenticated.json"),
        )
        .await;
    world
        .serve(
            "GET",
            "/repos/octokit-fixture-org/hello-world",
            fixtures::json("github/repos.get.json"),
        )
        .await;
    let org_json = fixtures::json("github/orgs.get.json");
    world
        .serve("GET", "/orgs/octokit-fixture-org", org_json)
        .await;
    let github = world.vault.github();

    let me = github.authenticated_user(&world.user).await.unwrap();
    let repo = github
        .repository(&world.user, "octokit-fixture-org", "hello-world")
        .await
        .unwrap();
    let org = github
        .organization(&world.user, "octokit-fixture-org")
        .await
        .unwrap();

    assert_eq!(me.login, "octocat");
    assert_eq!(org.login, "octokit-fixture-org");
    assert_eq!(repo.full_name, "octokit-fixture-org/hello-world");
    let requests = world.provider_requests().await;
    assert_get(&requests[0], "/user", &[]);
    assert_get(&requests[1], "/repos/octokit-fixture-org/hello-world", &[]);
    assert_get(&requests[2], "/orgs/octokit-fixture-org", &[]);
    requests.iter().for_each(assert_github_headers);
}

#[tokio::test]
async fn issues_list_reads_the_link_header() {
    let world = world().await;
    let recorded = fixtures::json("github/repos.issues.list.headers.json");
    let link = recorded["headers"]["link"].as_str().unwrap();
    let response = ResponseTemplate::new(200)
        .set_body_json(fixtures::json("github/repos.issues.list.json"))
        .insert_header("link", link);
    Mock::given(method("GET"))
        .and(path("/repos/o/r/issues"))
        .respond_with(response)
        .mount(&world.server)
        .await;
    let query = IssuesQuery {
        state: Some("all".into()),
        per_page: Some(3),
        ..IssuesQuery::default()
    };

    let page = world
        .vault
        .github()
        .issues_with(&world.user, "o", "r", &query)
        .await
        .unwrap();

    let numbers: Vec<u64> = page.iter().map(|issue| issue.number).collect();
    assert_eq!(numbers, [13, 12, 11]);
    assert_eq!(
        page.next.as_deref(),
        Some("https://api.github.com/repositories/1000/issues?per_page=3&page=2")
    );
    let request = world.only_request().await;
    assert_get(
        &request,
        "/repos/o/r/issues",
        &[("state", "all"), ("per_page", "3")],
    );
    assert_github_headers(&request);
}

#[tokio::test]
async fn issue_get_and_create() {
    let world = world().await;
    let issue = json!({"id": 9, "number": 42, "title": "Crash", "state": "open", "body": "trace"});
    world
        .serve("GET", "/repos/o/r/issues/42", issue.clone())
        .await;
    world
        .serve_status("POST", "/repos/o/r/issues", 201, issue)
        .await;
    let github = world.vault.github();
    let new = NewIssue {
        title: "Crash".into(),
        body: Some("trace".into()),
        labels: vec!["bug".into()],
        ..NewIssue::default()
    };

    let got = github.issue(&world.user, "o", "r", 42).await.unwrap();
    let created = github
        .create_issue(&world.user, "o", "r", &new)
        .await
        .unwrap();

    assert_eq!((got.number, created.number), (42, 42));
    let requests = world.provider_requests().await;
    assert_get(&requests[0], "/repos/o/r/issues/42", &[]);
    assert_write(
        &requests[1],
        "POST",
        "/repos/o/r/issues",
        &json!({"title": "Crash", "body": "trace", "labels": ["bug"]}),
    );
    requests.iter().for_each(assert_github_headers);
}

#[tokio::test]
async fn pull_requests_and_contents_with_a_multi_segment_path() {
    let world = world().await;
    let pulls = json!([{"id": 1, "number": 7, "title": "Fix", "state": "open",
        "head": {"ref": "fix", "sha": "a"}, "base": {"ref": "main", "sha": "b"}}]);
    world.serve("GET", "/repos/o/r/pulls", pulls).await;
    let file = json!({"type": "file", "name": "lib.rs", "path": "src/a b/lib.rs", "sha": "c", "size": 4,
        "encoding": "base64", "content": "Zm4K"});
    world
        .serve("GET", "/repos/o/r/contents/src/a%20b/lib.rs", file)
        .await;
    let github = world.vault.github();
    let query = PullsQuery {
        state: Some("open".into()),
        base: Some("main".into()),
        ..PullsQuery::default()
    };

    let pulls = github
        .pull_requests(&world.user, "o", "r", &query)
        .await
        .unwrap();
    let contents = github
        .contents(&world.user, "o", "r", "src/a b/lib.rs", Some("v1.0"))
        .await
        .unwrap();

    assert_eq!(pulls[0].head.as_ref().unwrap().branch, "fix");
    assert!(pulls.next.is_none());
    let Contents::File(file) = contents else {
        panic!("a file")
    };
    assert_eq!(file.path, "src/a b/lib.rs");
    let requests = world.provider_requests().await;
    assert_get(
        &requests[0],
        "/repos/o/r/pulls",
        &[("state", "open"), ("base", "main")],
    );
    assert_get(
        &requests[1],
        "/repos/o/r/contents/src/a%20b/lib.rs",
        &[("ref", "v1.0")],
    );
}

#[tokio::test]
async fn search_issues() {
    let world = world().await;
    world
        .serve(
            "GET",
            "/search/issues",
            fixtures::json("github/search.issues.json"),
        )
        .await;

    let found = world
        .vault
        .github()
        .search_issues(&world.user, "repo:o/r is:open label:bug")
        .await;

    let found = found.unwrap();
    assert_eq!(found.items.len(), 2);
    assert_eq!(
        found.total_count,
        fixtures::json("github/search.issues.json")["total_count"]
    );
    assert_get(
        &world.only_request().await,
        "/search/issues",
        &[("q", "repo:o/r is:open label:bug")],
    );
}

/// Serves three pages of issues linked by `Link` headers on `/repos/o/r/issues`.
async fn serve_linked_pages(world: &World, third_links_to: Option<&str>) {
    let issue = |n: u64| json!({"id": n, "number": n, "title": format!("#{n}"), "state": "open"});
    let page = |numbers: &[u64], next: Option<String>| {
        let body: Vec<_> = numbers.iter().map(|n| issue(*n)).collect();
        let response = ResponseTemplate::new(200).set_body_json(body);
        match next {
            Some(next) => response.insert_header(
                "link",
                format!("<{next}>; rel=\"next\", <{next}>; rel=\"last\""),
            ),
            None => response,
        }
    };
    let at = |n: &str| format!("{}/repositories/1/issues?page={n}", world.uri());
    let mount = |matcher: Mock| async { matcher.mount(&world.server).await };
    mount(Mock::given(path("/repos/o/r/issues")).respond_with(page(&[1, 2], Some(at("2"))))).await;
    let second = Mock::given(path("/repositories/1/issues")).and(query_param("page", "2"));
    mount(second.respond_with(page(&[3], Some(at("3"))))).await;
    let third = Mock::given(path("/repositories/1/issues")).and(query_param("page", "3"));
    mount(third.respond_with(page(&[4], third_links_to.map(at)))).await;
}

#[tokio::test]
async fn link_pagination_three_pages_then_the_end() {
    let world = world().await;
    serve_linked_pages(&world, None).await;

    let stream = world
        .vault
        .github()
        .issues_stream(&world.user, "o", "r", IssuesQuery::default());
    let numbers: Vec<u64> = stream
        .map_ok(|issue| issue.number)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(numbers, [1, 2, 3, 4]);
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 3);
    assert_get(&requests[1], "/repositories/1/issues", &[("page", "2")]);
    assert_get(&requests[2], "/repositories/1/issues", &[("page", "3")]);
    requests.iter().for_each(assert_github_headers);
    assert_eq!(world.token_requests().await, 3);
}

#[tokio::test]
async fn a_repeated_link_is_an_error() {
    let world = world().await;
    serve_linked_pages(&world, Some("2")).await;

    let stream = world
        .vault
        .github()
        .issues_stream(&world.user, "o", "r", IssuesQuery::default());
    let results: Vec<_> = stream.collect().await;

    let numbers: Vec<u64> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|i| i.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    let error = results.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(error, Error::Sdk { .. }), "{error:?}");
    assert!(error.message().contains("repeated"));
    assert_eq!(
        world.provider_requests().await.len(),
        3,
        "the repeated link is not fetched"
    );
}

#[tokio::test]
async fn the_page_limit_stops_a_stream() {
    let world = world().await;
    serve_linked_pages(&world, None).await;

    let github = world.vault.github().with_page_limit(2);
    let results: Vec<_> = github
        .issues_stream(&world.user, "o", "r", IssuesQuery::default())
        .collect()
        .await;

    assert_eq!(results.len(), 4, "two pages of items, then the error");
    let error = results[3].as_ref().unwrap_err();
    assert_eq!(error.details().unwrap()["page_limit"], 2);
    assert_eq!(world.provider_requests().await.len(), 2);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_before_any_token() {
    let world = world().await;
    let response = ResponseTemplate::new(200)
        .set_body_json(json!([]))
        .insert_header(
            "link",
            "<https://evil.example.com/steal?page=2>; rel=\"next\"",
        );
    Mock::given(path("/repos/o/r/issues"))
        .respond_with(response)
        .mount(&world.server)
        .await;

    let stream = world
        .vault
        .github()
        .issues_stream(&world.user, "o", "r", IssuesQuery::default());
    let results: Vec<_> = stream.collect().await;

    assert_eq!(results.len(), 1);
    let error = results[0].as_ref().unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        world.token_requests().await,
        1,
        "no token fetched for the foreign link"
    );
}

#[tokio::test]
async fn github_error_body_is_parsed() {
    let world = world().await;
    world
        .serve_status(
            "POST",
            "/repos/o/r/issues",
            422,
            fixtures::json("github/error.422.json"),
        )
        .await;
    let new = NewIssue {
        title: String::new(),
        ..NewIssue::default()
    };

    let error = world
        .vault
        .github()
        .create_issue(&world.user, "o", "r", &new)
        .await
        .unwrap_err();

    let details = error.provider_api().unwrap();
    assert_eq!(details.status, 422);
    assert_eq!(
        details.provider_message.as_deref(),
        Some("Validation Failed")
    );
    let docs = "https://docs.github.com/rest/reference/issues#create-a-label";
    assert_eq!(details.documentation_url.as_deref(), Some(docs));
}

#[tokio::test]
async fn bad_path_values_are_refused_naming_their_placeholder() {
    let world = world().await;
    let github = world.vault.github();

    let owner = github.issues(&world.user, "..", "rust").await.unwrap_err();
    let repo = github
        .issues(&world.user, "rust-lang", "")
        .await
        .unwrap_err();
    let path = github
        .contents(&world.user, "o", "r", "docs/../secrets", None)
        .await
        .unwrap_err();

    let messages: Vec<String> = [owner, repo, path]
        .iter()
        .map(|error| {
            assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
            error.to_string()
        })
        .collect();
    assert_eq!(
        messages,
        [
            "invalid request: path value `<owner>` may not be `.` or `..`",
            "invalid request: path value `<repo>` is empty",
            "invalid request: path value `<path..>` may not hold a `.` or `..` segment",
        ]
    );
    assert_eq!(world.token_requests().await, 0);
}
