//! Serde models of the Slack Web API.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::Paginated;

pub use super::params::{ConversationsQuery, HistoryQuery, PostMessage};

/// The `response_metadata` object of cursor-paginated methods.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseMetadata {
    /// Cursor of the next page; empty (or absent) on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Warnings Slack attached to a successful answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of `auth.test`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthTest {
    /// Always true here (`ok: false` answers are errors).
    pub ok: bool,
    /// Workspace URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Workspace name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// User name of the token's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Workspace id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    /// User id of the token's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Bot id, for bot tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<String>,
    /// A warning Slack attached to the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of `chat.postMessage`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedMessage {
    /// Always true here.
    pub ok: bool,
    /// Channel id the message was posted to.
    pub channel: String,
    /// Timestamp (id) of the new message.
    pub ts: String,
    /// The message as posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    /// A warning Slack attached to the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// Response metadata (warnings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Timestamp, which is also the message id within its channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ts: Option<String>,
    /// Usually `message`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Subtype, e.g. `bot_message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// Author's user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Bot id, for bot messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Timestamp of the thread's parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_ts: Option<String>,
    /// Name shown for a bot message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Number of replies, on a thread's parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count: Option<u64>,
    /// Who edited it and when, if edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<Value>,
    /// Fields this model does not name (attachments, blocks, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A conversation (channel, private channel, DM or group DM).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// Conversation id.
    pub id: String,
    /// Name (absent for DMs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it is a public channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_channel: Option<bool>,
    /// Whether it is private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    /// Whether it is archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    /// Whether the token's user is a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_member: Option<bool>,
    /// Creation time, in epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    /// Number of members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_members: Option<u64>,
    /// Topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<TextValue>,
    /// Purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<TextValue>,
    /// User id of its creator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Whether it is a direct message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_im: Option<bool>,
    /// Whether it is a group direct message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_mpim: Option<bool>,
    /// Whether it is a private channel (legacy flag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_group: Option<bool>,
    /// Whether it is the workspace's general channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_general: Option<bool>,
    /// For a direct message, the other user's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A channel topic or purpose.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextValue {
    /// The text.
    pub value: String,
    /// Who set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// When it was set, in epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_set: Option<i64>,
}

/// One page of `conversations.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationList {
    /// Always true here.
    pub ok: bool,
    /// The conversations of this page.
    #[serde(default)]
    pub channels: Vec<Conversation>,
    /// Holds the next cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One page of `conversations.history`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Always true here.
    pub ok: bool,
    /// The messages of this page, newest first.
    #[serde(default)]
    pub messages: Vec<Message>,
    /// Whether more messages exist.
    #[serde(default)]
    pub has_more: bool,
    /// Holds the next cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of `users.info`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    /// Always true here.
    pub ok: bool,
    /// The user.
    pub user: User,
}

/// A workspace member.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// User id.
    pub id: String,
    /// Workspace id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    /// User name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_name: Option<String>,
    /// Whether the account is deactivated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// Whether it is a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_bot: Option<bool>,
    /// Whether it is a workspace admin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_admin: Option<bool>,
    /// Time zone name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    /// Profile: display name, email, status, images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// Offset of the time zone from UTC, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz_offset: Option<i64>,
    /// Whether it is a workspace owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_owner: Option<bool>,
    /// Whether it is a guest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_restricted: Option<bool>,
    /// Last profile change, in epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<i64>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl User {
    /// The profile's email, when the token's scopes allow reading it.
    pub fn email(&self) -> Option<&str> {
        self.profile.as_ref()?.email.as_deref()
    }
}

/// The profile of a workspace member.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Display name (may be empty; then `real_name` is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_name: Option<String>,
    /// Email, with the `users:read.email` scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Status text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    /// Status emoji, e.g. `:books:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_emoji: Option<String>,
    /// 72-pixel avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_72: Option<String>,
    /// Fields this model does not name (other image sizes, custom fields, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Paginated for ConversationList {
    type Item = Conversation;

    fn next_page(&self) -> Option<&str> {
        self.response_metadata.as_ref()?.next_cursor.as_deref()
    }

    fn into_items(self) -> Vec<Conversation> {
        self.channels
    }
}

impl Paginated for History {
    type Item = Message;

    fn next_page(&self) -> Option<&str> {
        self.response_metadata.as_ref()?.next_cursor.as_deref()
    }

    fn into_items(self) -> Vec<Message> {
        self.messages
    }
}
