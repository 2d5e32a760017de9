//! Microsoft Graph models against the Graph fixtures (copied from the Graph docs).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::microsoft::models::{
    Collection, DriveItem, Event, GraphUser, Message, ODataQuery, SendMail,
};
use serde_json::json;

#[test]
fn me() {
    let me: GraphUser = fixtures::model("microsoft/me.get.json");
    assert_eq!(me.id, "87d349ed-44d7-43e1-9a83-5f2406dee5bd");
    assert_eq!(me.display_name.as_deref(), Some("Example User"));
    assert_eq!(me.business_phones, ["+1 425 555 0109"]);
    assert_eq!(me.extra["officeLocation"], "18/2111");
}

#[test]
fn messages() {
    let page: Collection<Message> = fixtures::model("microsoft/me.messages.list.json");
    assert!(page.context.as_deref().unwrap().contains("$metadata#users"));
    assert_eq!(page.next_link, None);
    let message = &page.value[0];
    assert_eq!(message.subject.as_deref(), Some("You have late tasks!"));
    let sender = &message.sender.as_ref().unwrap().email_address;
    assert_eq!(sender.name.as_deref(), Some("Microsoft Planner"));
    assert_eq!(
        message.extra["@odata.etag"],
        "W/\"CQAAABYAAADHcgC8Hl9tRZ/hc1wEUs1TAAAwR4Hg\""
    );
}

#[test]
fn drive_children() {
    let page: Collection<DriveItem> = fixtures::model("microsoft/me.drive.root.children.list.json");
    assert_eq!(page.value.len(), 4);
    assert_eq!(page.value[0].size, Some(2048));
    assert!(page.value[0].file.is_some());
    assert_eq!(
        page.value[2].folder.as_ref().unwrap().child_count,
        Some(203)
    );
    assert_eq!(page.next_link.as_deref(), Some("https://..."));
}

#[test]
fn events() {
    let page: Collection<Event> = serde_json::from_value(json!({
        "value": [{"id": "AAMk1", "subject": "Standup", "isAllDay": false,
            "start": {"dateTime": "2026-02-05T09:00:00.0000000", "timeZone": "UTC"},
            "organizer": {"emailAddress": {"name": "Lead", "address": "lead@example.org"}}}],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/me/events?$skip=10"
    }))
    .unwrap();
    assert_eq!(page.value[0].start.as_ref().unwrap().time_zone, "UTC");
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/me/events?$skip=10")
    );
}

#[test]
fn send_mail_body() {
    let body = SendMail::text("to@example.org", "Hi", "Hello there");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"message": {
            "subject": "Hi",
            "body": {"contentType": "Text", "content": "Hello there"},
            "toRecipients": [{"emailAddress": {"address": "to@example.org"}}]
        }})
    );
}

#[test]
fn odata_query_names() {
    let query = ODataQuery {
        select: Some("id,subject".into()),
        top: Some(5),
        ..ODataQuery::default()
    };
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"$select": "id,subject", "$top": 5})
    );
}

#[test]
fn error_fixture_shape() {
    let error = fixtures::json("microsoft/error.json");
    assert_eq!(error["error"]["code"], "invalidRange");
}
