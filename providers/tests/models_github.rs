//! GitHub models against the GitHub fixtures (copied from octokit/fixtures and
//! GitHub's OpenAPI description).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::github::models::{
    AuthenticatedUser, Contents, Issue, IssuesQuery, NewIssue, Organization, PullRequest,
    PullsQuery, Repository, SearchResults,
};
use serde_json::json;

#[test]
fn authenticated_user() {
    let user: AuthenticatedUser = fixtures::model("github/users.getAuthenticated.json");
    assert_eq!(user.login, "octocat");
    assert_eq!(user.id, 1);
    assert_eq!(user.name.as_deref(), Some("Example User"));
    assert_eq!(user.public_repos, Some(2));
    assert_eq!(user.extra["plan"]["name"], "Medium");
    assert_eq!(user.html_url.as_deref(), Some("https://github.com/octocat"));
    assert_eq!(user.bio.as_deref(), Some("There once was..."));
    assert_eq!((user.followers, user.following), (Some(20), Some(0)));
    assert_eq!(user.updated_at.as_deref(), Some("2008-01-14T04:33:35Z"));
}

#[test]
fn organization() {
    let org: Organization = fixtures::model("github/orgs.get.json");
    let raw = fixtures::json("github/orgs.get.json");
    assert_eq!(org.created_at.as_deref(), raw["created_at"].as_str());
    assert_eq!(org.avatar_url.as_deref(), raw["avatar_url"].as_str());
    assert_eq!(org.login, raw["login"].as_str().unwrap());
    assert_eq!(org.id, raw["id"].as_u64().unwrap());
    assert_eq!(org.public_repos, raw["public_repos"].as_u64());
    assert_eq!(org.extra["plan"], raw["plan"]);
    assert_eq!(
        org.extra["two_factor_requirement_enabled"],
        raw["two_factor_requirement_enabled"]
    );
}

#[test]
fn repository() {
    let repo: Repository = fixtures::model("github/repos.get.json");
    assert_eq!(repo.full_name, "octokit-fixture-org/hello-world");
    assert_eq!(repo.owner.login, "octokit-fixture-org");
    assert_eq!(repo.owner.kind.as_deref(), Some("Organization"));
    assert!(!repo.private);
    assert_eq!(repo.description, None);
    assert_eq!(repo.default_branch.as_deref(), Some("master"));
    assert_eq!(repo.topics, ["fixtures", "hello", "hello-world"]);
    assert_eq!(repo.extra["permissions"]["admin"], true);
    assert!(!repo.fork && !repo.archived);
    assert_eq!(repo.visibility.as_deref(), Some("public"));
    assert_eq!(
        (repo.language.as_deref(), repo.homepage.as_deref()),
        (None, None)
    );
    assert_eq!(repo.forks_count, Some(42));
    assert_eq!(repo.pushed_at.as_deref(), Some("2017-10-10T16:00:00Z"));
    assert_eq!(
        repo.clone_url.as_deref(),
        Some("https://github.com/octokit-fixture-org/hello-world.git")
    );
}

#[test]
fn issue_list() {
    let issues: Vec<Issue> = fixtures::model("github/repos.issues.list.json");
    assert_eq!(issues.len(), 3);
    assert_eq!(issues[0].number, 13);
    assert_eq!(issues[0].title, "Test issue 13");
    assert_eq!(issues[0].state, "open");
    assert_eq!(issues[0].body, None);
    assert_eq!(issues[0].comments, 42);
    assert_eq!(
        issues[0].user.as_ref().unwrap().login,
        "octokit-fixture-user-a"
    );
    assert_eq!(issues[0].extra["author_association"], "MEMBER");
    assert!(issues[0].pull_request.is_none());
    assert!(!issues[0].locked);
    assert_eq!(issues[0].assignee, None);
    assert_eq!(issues[0].state_reason, None);
    assert_eq!(
        issues[0].updated_at.as_deref(),
        Some("2017-10-10T16:00:00Z")
    );
}

#[test]
fn null_assignees_read_as_none() {
    let issue: Issue = serde_json::from_value(json!({
        "id": 1, "number": 2, "title": "t", "state": "closed", "assignees": null,
        "assignee": {"login": "dev", "id": 7}, "state_reason": "not_planned",
        "labels": [{"id": 11, "name": "bug", "color": "d73a4a", "description": "Broken"}]
    }))
    .unwrap();
    assert!(issue.assignees.is_empty());
    assert_eq!(issue.assignee.unwrap().login, "dev");
    assert_eq!(issue.state_reason.as_deref(), Some("not_planned"));
    assert_eq!(issue.labels[0].id, Some(11));
    assert_eq!(issue.labels[0].description.as_deref(), Some("Broken"));
}

#[test]
fn link_header_of_the_recorded_issue_list() {
    let recorded = fixtures::json("github/repos.issues.list.headers.json");
    let link = recorded["headers"]["link"].as_str().unwrap();
    assert_eq!(
        alter_providers::link::next_link(link).as_deref(),
        Some("https://api.github.com/repositories/1000/issues?per_page=3&page=2")
    );
}

#[test]
fn search_issues() {
    let found: SearchResults<Issue> = fixtures::model("github/search.issues.json");
    let raw = fixtures::json("github/search.issues.json");
    assert_eq!(found.total_count, raw["total_count"].as_u64().unwrap());
    assert_eq!(found.items.len(), 2);
    assert_eq!(
        found.items[0].title,
        raw["items"][0]["title"].as_str().unwrap()
    );
    assert_eq!(found.items[0].score, Some(42.0));
    assert!(!found.items[0].extra.contains_key("score"));
}

#[test]
fn pull_request_and_contents_shapes() {
    let pull: PullRequest = serde_json::from_value(json!({
        "id": 77, "number": 5, "title": "Fix", "state": "open", "draft": true,
        "head": {"label": "me:fix", "ref": "fix", "sha": "abc"},
        "base": {"ref": "main", "sha": "def", "repo": {"id": 1}},
        "merged_at": null, "requested_reviewers": [], "body": null,
        "created_at": "2026-01-02T03:04:05Z", "closed_at": null
    }))
    .unwrap();
    assert!(pull.draft);
    assert_eq!(pull.created_at.as_deref(), Some("2026-01-02T03:04:05Z"));
    assert_eq!((pull.body, pull.closed_at), (None, None));
    assert_eq!(pull.head.unwrap().branch, "fix");
    assert_eq!(pull.base.unwrap().extra["repo"]["id"], 1);

    let file = json!({"type": "file", "name": "a.rs", "path": "src/a.rs", "sha": "1", "size": 3,
        "encoding": "base64", "content": "Zm4K\n"});
    let Contents::File(file) = serde_json::from_value(file).unwrap() else {
        panic!("a file")
    };
    assert_eq!(file.content.as_deref(), Some("Zm4K\n"));
    let dir = json!([{"type": "dir", "name": "src", "path": "src", "sha": "2", "size": 0}]);
    let Contents::Dir(entries) = serde_json::from_value(dir).unwrap() else {
        panic!("a dir")
    };
    assert_eq!(entries[0].kind, "dir");
}

#[test]
fn new_issue_body_sends_only_what_is_set() {
    let issue = NewIssue {
        title: "Crash".into(),
        labels: vec!["bug".into()],
        ..NewIssue::default()
    };
    assert_eq!(
        serde_json::to_value(&issue).unwrap(),
        json!({"title": "Crash", "labels": ["bug"]})
    );
}

#[test]
fn list_queries_send_only_what_is_set() {
    let issues = IssuesQuery {
        creator: Some("octocat".into()),
        since: Some("2026-01-01T00:00:00Z".into()),
        sort: Some("updated".into()),
        direction: Some("asc".into()),
        ..IssuesQuery::default()
    };
    let pulls = PullsQuery {
        head: Some("octocat:fix".into()),
        sort: Some("popularity".into()),
        ..PullsQuery::default()
    };
    assert_eq!(
        serde_json::to_value(&issues).unwrap(),
        json!({"creator": "octocat", "since": "2026-01-01T00:00:00Z", "sort": "updated",
            "direction": "asc"})
    );
    assert_eq!(
        serde_json::to_value(&pulls).unwrap(),
        json!({"head": "octocat:fix", "sort": "popularity"})
    );
}
