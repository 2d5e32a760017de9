//! Serde models of the Sentry web API (`/api/0/`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An organization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// Numeric id, as a string.
    pub id: String,
    /// Slug (used in paths).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Enabled features.
    #[serde(default)]
    pub features: Vec<String>,
    /// URLs of the organization and of its data region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<OrganizationLinks>,
    /// Status (`active`, `pending_deletion`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Whether members must use two-factor authentication.
    #[serde(
        default,
        rename = "require2FA",
        skip_serializing_if = "Option::is_none"
    )]
    pub require_2fa: Option<bool>,
    /// Whether it tries features early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_early_adopter: Option<bool>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where an organization lives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationLinks {
    /// The organization's own URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_url: Option<String>,
    /// The API host of its data region, e.g. `https://de.sentry.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_url: Option<String>,
}

/// An id and a display name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// Machine value.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A team, as embedded in projects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Numeric id, as a string.
    pub id: String,
    /// Slug.
    pub slug: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// Numeric id, as a string.
    pub id: String,
    /// Slug (used in paths).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Platform, e.g. `python` (may be empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Whether the caller is a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_member: Option<bool>,
    /// Environments seen.
    #[serde(default)]
    pub environments: Vec<String>,
    /// Teams owning it.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// Enabled features.
    #[serde(default)]
    pub features: Vec<String>,
    /// Whether the caller can access it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_access: Option<bool>,
    /// Whether the caller bookmarked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_bookmarked: Option<bool>,
    /// Time of its first event (ISO 8601); `null` before any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_event: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The short form of a project embedded in an issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    /// Numeric id, as a string.
    pub id: String,
    /// Slug.
    pub slug: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
}

/// The user or team an issue is assigned to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    /// `user` or `team`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Id, as a string.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email, for users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// An issue (a group of similar events).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Numeric id, as a string.
    pub id: String,
    /// Readable id, e.g. `PROJECT-1A`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_id: Option<String>,
    /// Title.
    pub title: String,
    /// Where it happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub culprit: Option<String>,
    /// Link to the issue's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// `fatal`, `error`, `warning`, `info` or `debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// `unresolved`, `resolved` or `ignored`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Finer status, e.g. `ongoing`, `escalating`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substatus: Option<String>,
    /// The project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectRef>,
    /// Event count (Sentry sends a decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// Number of affected users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_count: Option<u64>,
    /// First occurrence (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// Last occurrence (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// Assignee, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<Assignee>,
    /// Type-specific metadata (exception type and value, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
    /// Platform of its events, e.g. `python`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// `high`, `medium` or `low`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Number of comments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_comments: Option<u64>,
    /// Kind of problem, e.g. `error`, `performance_n_plus_one_db_queries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_type: Option<String>,
    /// Category: `error`, `performance`, `feedback`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_category: Option<String>,
    /// Whether its events were unhandled (crashes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_unhandled: Option<bool>,
    /// Whether the caller has seen it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_seen: Option<bool>,
    /// Fields this model does not name (stats, activity, releases, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Issue {
    /// The event count, when Sentry reported one that parses.
    pub fn count_value(&self) -> Option<u64> {
        self.count.as_deref()?.parse().ok()
    }
}

/// An error event of a project, as listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Event id (32 hex digits).
    #[serde(rename = "eventID")]
    pub event_id: String,
    /// Id of the stored event, as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Message (may be empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Time it happened (ISO 8601).
    #[serde(
        default,
        rename = "dateCreated",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_created: Option<String>,
    /// Platform, e.g. `python`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// `error`, `default`, ...
    #[serde(
        default,
        rename = "event.type",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_type: Option<String>,
    /// Id of its issue, as a string.
    #[serde(default, rename = "groupID", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Id of its project, as a string.
    #[serde(default, rename = "projectID", skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub culprit: Option<String>,
    /// Tags (`environment`, `release`, `level`, ...).
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The user it happened to, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Map<String, Value>>,
    /// Fields this model does not name (location, metadata, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Event {
    /// The value of tag `key`, if the event has it.
    pub fn tag(&self, key: &str) -> Option<&str> {
        let found = self.tags.iter().find(|tag| tag.key == key)?;
        Some(found.value.as_str())
    }
}

/// A tag of an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// Query parameters of the organization issue list (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuesQuery {
    /// Search query, e.g. `is:unresolved level:error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Period to look at, e.g. `24h`, `14d`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats_period: Option<String>,
    /// Project ids (the key repeats).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub project: Vec<i64>,
    /// Environments (the key repeats).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment: Vec<String>,
    /// Sort: `date`, `new`, `freq`, `user`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// Page size (Sentry's maximum is 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}
