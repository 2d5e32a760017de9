//! Sentry models against payloads written for this project.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::sentry::models::{Event, Issue, IssuesQuery, Organization, Project};
use serde_json::json;

#[test]
fn organizations() {
    let orgs: Vec<Organization> = fixtures::model("sentry/organizations.list.json");
    assert_eq!(orgs.len(), 2);
    assert_eq!(orgs[0].slug, "harbor-robotics");
    let links = orgs[0].links.as_ref().unwrap();
    assert_eq!(links.region_url.as_deref(), Some("https://de.sentry.io"));
    assert_eq!(orgs[1].status.as_ref().unwrap().id, "pending_deletion");
    assert_eq!(orgs[0].require_2fa, Some(true));
    assert_eq!(orgs[1].is_early_adopter, Some(false));
    assert!(!orgs[0].extra.contains_key("require2FA"));
}

#[test]
fn projects() {
    let projects: Vec<Project> = fixtures::model("sentry/organizations.projects.list.json");
    assert_eq!(projects[0].slug, "dock-controller");
    assert_eq!(projects[0].environments, ["production", "staging"]);
    assert_eq!(projects[0].teams[0].slug, "firmware");
    assert!(projects[1].teams.is_empty());
    assert!(projects[1].extra["latestRelease"].is_null());
    assert_eq!(projects[0].features, ["minidump", "releases"]);
    assert_eq!(
        projects[0].first_event.as_deref(),
        Some("2024-06-01T10:30:00Z")
    );
    assert_eq!(projects[1].first_event, None);
    assert_eq!(
        (projects[0].has_access, projects[1].is_bookmarked),
        (Some(true), Some(false))
    );
}

#[test]
fn issues() {
    let issues: Vec<Issue> = fixtures::model("sentry/organizations.issues.list.json");
    assert_eq!(issues[0].short_id.as_deref(), Some("DOCK-CONTROLLER-3F"));
    assert_eq!(issues[0].count_value(), Some(1204));
    assert_eq!(issues[0].assigned_to.as_ref().unwrap().kind, "team");
    assert_eq!(issues[0].project.as_ref().unwrap().slug, "dock-controller");
    assert_eq!(issues[0].metadata.as_ref().unwrap()["type"], "PanicError");
    assert_eq!(issues[1].assigned_to, None);
    assert_eq!(issues[1].substatus, None);
    assert_eq!(issues[0].platform.as_deref(), Some("rust"));
    assert_eq!(issues[0].priority.as_deref(), Some("high"));
    assert_eq!(issues[0].num_comments, Some(2));
    assert_eq!(issues[0].issue_category.as_deref(), Some("error"));
    assert_eq!(issues[0].issue_type.as_deref(), Some("error"));
    assert_eq!(issues[0].has_seen, Some(true));

    let issue: Issue = fixtures::model("sentry/organizations.issues.get.json");
    assert_eq!(
        issue.assigned_to.as_ref().unwrap().email.as_deref(),
        Some("oncall@example.net")
    );
    assert_eq!(issue.extra["lastRelease"]["shortVersion"], "2.4.1");
}

#[test]
fn issues_query_repeats_list_keys() {
    let query = IssuesQuery {
        query: Some("is:unresolved".into()),
        project: vec![1, 2],
        stats_period: Some("24h".into()),
        ..IssuesQuery::default()
    };
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"query": "is:unresolved", "statsPeriod": "24h", "project": [1, 2]})
    );
}

#[test]
fn project_events() {
    let events: Vec<Event> = fixtures::model("sentry/projects.events.list.json");
    assert_eq!(events[0].event_id, "3c1f9e0a7b2d4c8e9f6a5b4c3d2e1f00");
    assert_eq!(events[0].group_id.as_deref(), Some("730021"));
    assert_eq!(events[0].project_id.as_deref(), Some("4501"));
    assert_eq!(events[0].event_type.as_deref(), Some("error"));
    assert_eq!(
        events[0].date_created.as_deref(),
        Some("2026-01-30T22:09:58Z")
    );
    assert_eq!(events[0].tag("release"), Some("dock-controller@2.4.1"));
    assert_eq!(events[0].tag("missing"), None);
    assert_eq!(events[0].user, None);
    assert_eq!(events[1].user.as_ref().unwrap()["id"], "dock-7");
    assert_eq!(events[1].message.as_deref(), Some(""));
    assert_eq!(events[0].extra["location"], "src/winch.rs:88");
}
