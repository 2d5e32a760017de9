//! Request bodies and query parameters of the Slack methods.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The body of `chat.postMessage` (unset fields are not sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostMessage {
    /// Channel id (or name) to post to.
    pub channel: String,
    /// Message text; the fallback when `blocks` are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Block Kit blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Value>,
    /// Timestamp of the parent message, to reply in a thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_ts: Option<String>,
    /// Whether to use Slack's markup (`mrkdwn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrkdwn: Option<bool>,
}

impl PostMessage {
    /// A plain text message to `channel`.
    pub fn text(channel: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            channel: channel.into(),
            text: Some(text.into()),
            ..Self::default()
        }
    }
}

/// Query parameters of `conversations.list` (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConversationsQuery {
    /// Comma-separated kinds: `public_channel`, `private_channel`, `mpim`, `im`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<String>,
    /// Leave archived conversations out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_archived: Option<bool>,
    /// Page size (Slack recommends at most 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Query parameters of `conversations.history`; `channel` is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HistoryQuery {
    /// Conversation id.
    pub channel: String,
    /// Only messages after this timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest: Option<String>,
    /// Only messages before this timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
    /// Page size (Slack recommends at most 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl HistoryQuery {
    /// The history of `channel`, first page, Slack's default page size.
    pub fn channel(channel: impl Into<String>) -> Self {
        Self {
            channel: channel.into(),
            ..Self::default()
        }
    }
}
