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
    assert_eq!(me.office_location.as_deref(), Some("18/2111"));
    assert_eq!(me.mobile_phone.as_deref(), Some("+1 425 555 0109"));
    assert_eq!(me.preferred_language.as_deref(), Some("en-US"));
    assert!(me.extra.is_empty(), "{:?}", me.extra);
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
    assert_eq!(page.value[1].name.as_deref(), Some("Documents"));
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
            "organizer": {"emailAddress": {"name": "Lead", "address": "lead@example.org"}},
            "location": {"displayName": "Room 2", "locationType": "default"}, "isCancelled": false}],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/me/events?$skip=10"
    }))
    .unwrap();
    assert_eq!(page.value[0].start.as_ref().unwrap().time_zone, "UTC");
    let location = page.value[0].location.as_ref().unwrap();
    assert_eq!(location.display_name.as_deref(), Some("Room 2"));
    assert_eq!(page.value[0].is_cancelled, Some(false));
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/me/events?$skip=10")
    );
}

#[test]
fn a_select_may_leave_out_names_and_a_message_reads_its_thread() {
    let page: Collection<DriveItem> = serde_json::from_value(json!({"value": [
        {"id": "01ABC", "@microsoft.graph.downloadUrl": "https://dl.example.org/f"}]}))
    .unwrap();
    assert_eq!(page.value[0].name, None);
    assert_eq!(
        page.value[0].download_url.as_deref(),
        Some("https://dl.example.org/f")
    );

    let message: Message = serde_json::from_value(json!({"id": "AAMk2", "from": null,
        "sentDateTime": "2026-02-05T09:00:00Z", "hasAttachments": true, "isDraft": false,
        "conversationId": "AAQk9", "importance": "high",
        "bccRecipients": [{"emailAddress": {"address": "audit@example.org"}}]}))
    .unwrap();
    assert_eq!(message.from, None);
    assert_eq!(
        message.sent_date_time.as_deref(),
        Some("2026-02-05T09:00:00Z")
    );
    assert_eq!(
        (message.has_attachments, message.is_draft),
        (Some(true), Some(false))
    );
    assert_eq!(message.conversation_id.as_deref(), Some("AAQk9"));
    assert_eq!(message.importance.as_deref(), Some("high"));
    assert_eq!(message.bcc_recipients.len(), 1);
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
        skip: Some(10),
        expand: Some("attachments".into()),
        search: Some("\"budget\"".into()),
        count: Some(true),
        ..ODataQuery::default()
    };
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"$select": "id,subject", "$top": 5, "$skip": 10, "$expand": "attachments",
            "$search": "\"budget\"", "$count": true})
    );
    let counted: Collection<Message> =
        serde_json::from_value(json!({"@odata.count": 42, "value": []})).unwrap();
    assert_eq!(counted.count, Some(42));
}
