//! Request bodies and query parameters of the GitHub endpoints.

use serde::{Deserialize, Serialize};

/// The body of issue creation (unset fields are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIssue {
    /// Title (required by GitHub).
    pub title: String,
    /// Body text (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Logins to assign.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignees: Vec<String>,
    /// Label names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

/// Query parameters of the repository issue list (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IssuesQuery {
    /// `open` (GitHub's default), `closed` or `all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Comma-separated label names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<String>,
    /// Assignee login, `none` or `*`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Login of the author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Only issues updated at or after this time (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// `created` (GitHub's default), `updated` or `comments`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// `desc` (GitHub's default) or `asc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Page size (GitHub's default is 30, maximum 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// Query parameters of the pull request list (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PullsQuery {
    /// `open` (GitHub's default), `closed` or `all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Base branch name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Head branch as `user:branch` or `org:branch`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// `created` (GitHub's default), `updated`, `popularity` or `long-running`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// `asc` or `desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Page size (GitHub's default is 30, maximum 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}
