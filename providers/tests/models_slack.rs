//! Slack models against the Slack fixtures (copied from Slack's OpenAPI spec).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::slack::models::{
    AuthTest, ConversationList, History, PostMessage, PostedMessage, UserInfo,
};
use serde_json::json;

#[test]
fn auth_test() {
    let auth: AuthTest = fixtures::model("slack/auth.test.json");
    assert!(auth.ok);
    assert_eq!(auth.team_id.as_deref(), Some("T12345678"));
    assert_eq!(auth.user_id.as_deref(), Some("W12345678"));
    assert_eq!(auth.warning, None);
}

#[test]
fn posted_message() {
    let posted: PostedMessage = fixtures::model("slack/chat.postMessage.json");
    assert_eq!(posted.channel, "C1H9RESGL");
    assert_eq!(posted.ts, "1503435956.000247");
    let message = posted.message.unwrap();
    assert_eq!(message.subtype.as_deref(), Some("bot_message"));
    assert_eq!(message.text.as_deref(), Some("Here's a message for you"));
    assert_eq!(message.extra["attachments"][0]["id"], 1);
    assert_eq!(message.username.as_deref(), Some("example-bot"));
}

#[test]
fn conversation_list() {
    let list: ConversationList = fixtures::model("slack/conversations.list.json");
    assert_eq!(list.channels.len(), 2);
    assert_eq!(list.channels[0].name.as_deref(), Some("general"));
    assert_eq!(list.channels[0].num_members, Some(4));
    assert_eq!(
        list.channels[1].topic.as_ref().unwrap().value,
        "Non-work banter and water cooler conversation"
    );
    assert_eq!(list.channels[0].is_general, Some(true));
    assert_eq!(list.channels[1].creator.as_deref(), Some("U061F7AUR"));
    assert_eq!(list.channels[0].is_im, Some(false));
    assert_eq!(list.channels[0].is_mpim, Some(false));
    let cursor = list.response_metadata.unwrap().next_cursor;
    assert_eq!(cursor.as_deref(), Some("dGVhbTpDMDYxRkE1UEI="));
}

#[test]
fn history() {
    let history: History = fixtures::model("slack/conversations.history.json");
    assert!(history.has_more);
    assert_eq!(history.messages.len(), 2);
    assert_eq!(history.messages[1].user.as_deref(), Some("U061F7AUR"));
    assert_eq!(history.extra["pin_count"], 0);
}

#[test]
fn user_info() {
    let info: UserInfo = fixtures::model("slack/users.info.json");
    assert_eq!(info.user.id, "W012A3CDE");
    assert_eq!(info.user.email(), Some("user@example.com"));
    assert_eq!(info.user.is_admin, Some(true));
    assert_eq!(info.user.tz.as_deref(), Some("America/Los_Angeles"));
    assert_eq!(info.user.tz_offset, Some(-25200));
    assert_eq!(info.user.updated, Some(1502138686));
    assert_eq!(
        (info.user.is_owner, info.user.is_restricted),
        (Some(false), Some(false))
    );
    let profile = info.user.profile.as_ref().unwrap();
    assert_eq!(profile.display_name.as_deref(), Some("example.user"));
    assert_eq!(profile.status_emoji.as_deref(), Some(":books:"));
    assert_eq!(profile.extra["team"], "T012AB3C4");
}

#[test]
fn post_message_body() {
    let body = PostMessage::text("C1", "hello");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"channel": "C1", "text": "hello"})
    );
}
