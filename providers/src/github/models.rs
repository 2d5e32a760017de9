//! Serde models of the GitHub REST API.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use super::params::{IssuesQuery, NewIssue, PullsQuery};

/// A user or organization account, as embedded in other objects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Login name.
    pub login: String,
    /// Numeric identifier.
    pub id: u64,
    /// `User`, `Organization` or `Bot`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Link to the account's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    /// Avatar image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The authenticated user (`GET /user`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthenticatedUser {
    /// Login name.
    pub login: String,
    /// Numeric identifier.
    pub id: u64,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Public email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Number of public repositories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_repos: Option<u64>,
    /// Account creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Avatar image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Link to the profile page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    /// Profile biography.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blog: Option<String>,
    /// Number of followers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<u64>,
    /// Number of accounts followed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub following: Option<u64>,
    /// Last profile update (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields this model does not name (plan, private counts, URLs, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An organization (`GET /orgs/{org}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Login name.
    pub login: String,
    /// Numeric identifier.
    pub id: u64,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Number of public repositories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_repos: Option<u64>,
    /// Link to the organization's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    /// Avatar image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields this model does not name (plan, member settings, URLs, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A repository.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Repository {
    /// Numeric identifier.
    pub id: u64,
    /// Name without the owner.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// The owning account.
    pub owner: Account,
    /// Whether the repository is private.
    #[serde(default)]
    pub private: bool,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Default branch name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_branch: Option<String>,
    /// Link to the repository's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    /// Number of stars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stargazers_count: Option<u64>,
    /// Number of open issues and pull requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_issues_count: Option<u64>,
    /// Topics.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Whether it is a fork.
    #[serde(default)]
    pub fork: bool,
    /// Whether it is archived (read-only).
    #[serde(default)]
    pub archived: bool,
    /// `public`, `private` or `internal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    /// Main language, as GitHub detects it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Homepage URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// Number of forks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forks_count: Option<u64>,
    /// HTTPS clone URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clone_url: Option<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update of the repository object (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Last push (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pushed_at: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An issue (pull requests listed as issues carry `pull_request`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Numeric identifier.
    pub id: u64,
    /// Number within the repository.
    pub number: u64,
    /// Title.
    pub title: String,
    /// `open` or `closed`.
    pub state: String,
    /// Body text (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Account>,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// The first assignee (GitHub keeps this beside `assignees`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Account>,
    /// Assignees (GitHub may send `null`, read as none).
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub assignees: Vec<Account>,
    /// Number of comments.
    #[serde(default)]
    pub comments: u64,
    /// Link to the issue's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Closing time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
    /// Present when the issue is a pull request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_request: Option<Value>,
    /// Whether the conversation is locked.
    #[serde(default)]
    pub locked: bool,
    /// Why it is in its state: `completed`, `not_planned`, `reopened`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
    /// Last update (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Relevance, in search results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A label.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// Name.
    pub name: String,
    /// Hex color without `#`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Numeric identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A pull request, as listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PullRequest {
    /// Numeric identifier.
    pub id: u64,
    /// Number within the repository.
    pub number: u64,
    /// Title.
    pub title: String,
    /// `open` or `closed`.
    pub state: String,
    /// Whether it is a draft.
    #[serde(default)]
    pub draft: bool,
    /// The author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Account>,
    /// Head branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<BranchRef>,
    /// Base branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<BranchRef>,
    /// Merge time (RFC 3339), when merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_at: Option<String>,
    /// Link to the pull request's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    /// Body text (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Closing time (RFC 3339), when closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One side of a pull request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BranchRef {
    /// `owner:branch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Branch name.
    #[serde(rename = "ref")]
    pub branch: String,
    /// Commit SHA.
    pub sha: String,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A file or directory entry from the contents API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// `file`, `dir`, `symlink` or `submodule`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name.
    pub name: String,
    /// Path within the repository.
    pub path: String,
    /// Blob SHA.
    pub sha: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: u64,
    /// `base64` for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Encoded file content (with line breaks), for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// URL of the raw bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The contents API answers a file with an object and a directory with an array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Contents {
    /// A file (or symlink, or submodule).
    File(Box<Content>),
    /// The entries of a directory.
    Dir(Vec<Content>),
}

/// Search results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults<T> {
    /// Total number of matches.
    pub total_count: u64,
    /// Whether the search timed out before finding all matches.
    #[serde(default)]
    pub incomplete_results: bool,
    /// The matches of this page.
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}
