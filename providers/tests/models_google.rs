//! Google models against the Google fixtures.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;

use alter_providers::google::calendar::{CalendarList, Event, EventDateTime, EventList};
use alter_providers::google::drive::{File, FileList};
use alter_providers::google::gmail::{Message, MessageList, SendMessage};
use serde_json::json;

#[test]
fn calendar_event_list() {
    let list: EventList = fixtures::model("google/calendar.events.list.json");
    assert_eq!(list.summary.as_deref(), Some("Team Planning"));
    assert_eq!(list.time_zone.as_deref(), Some("Europe/Lisbon"));
    assert!(
        list.next_page_token
            .as_deref()
            .is_some_and(|t| t.starts_with("CkQK"))
    );
    assert_eq!(list.items.len(), 2);

    let timed = &list.items[0];
    assert_eq!(timed.summary.as_deref(), Some("Sprint review"));
    let start = timed.start.as_ref().unwrap();
    assert_eq!(start.date_time.as_deref(), Some("2026-02-05T14:00:00Z"));
    assert_eq!(timed.organizer.as_ref().unwrap().is_self, Some(true));
    let attendees = timed.attendees.as_ref().unwrap();
    assert_eq!(attendees[1].optional, Some(true));
    assert_eq!(
        timed.ical_uid.as_deref(),
        Some("5f1a2b3c4d5e6f7a8b9c0d1e2f@google.com")
    );
    assert_eq!(timed.sequence, Some(1));
    assert_eq!(
        list.description.as_deref(),
        Some("Shared planning calendar")
    );

    let all_day = &list.items[1];
    assert_eq!(
        all_day.start.as_ref().unwrap().date.as_deref(),
        Some("2026-02-10")
    );
    assert_eq!(all_day.status.as_deref(), Some("tentative"));
    assert_eq!(
        all_day.extra["conferenceData"]["conferenceId"],
        "abc-defg-hij"
    );
    assert_eq!(list.extra["kind"], "calendar#events");
}

#[test]
fn calendar_list() {
    let list: CalendarList = fixtures::model("google/calendar.calendarList.list.json");
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0].id, "planner@example.org");
    assert_eq!(list.items[0].primary, Some(true));
    assert_eq!(list.items[1].primary, None);
    assert_eq!(list.items[1].access_role.as_deref(), Some("reader"));
    assert!(list.next_page_token.is_none());
    assert!(list.next_sync_token.is_some());
}

#[test]
fn event_body_sends_only_what_is_set() {
    let event = Event {
        summary: Some("Lunch".into()),
        start: Some(EventDateTime::at("2026-03-01T12:00:00Z")),
        end: Some(EventDateTime::on("2026-03-02")),
        ..Event::default()
    };
    let body = serde_json::to_value(&event).unwrap();
    assert_eq!(
        body,
        json!({
            "summary": "Lunch",
            "start": {"dateTime": "2026-03-01T12:00:00Z"},
            "end": {"date": "2026-03-02"}
        })
    );
}

#[test]
fn gmail_message_list_and_message() {
    let list: MessageList = fixtures::model("google/gmail.users.messages.list.json");
    assert_eq!(list.messages.len(), 3);
    assert_eq!(
        list.messages[1].thread_id.as_deref(),
        Some("18f0a1b2c3d4e5f6")
    );
    assert_eq!(
        list.next_page_token.as_deref(),
        Some("11223344556677889900")
    );
    assert_eq!(list.result_size_estimate, Some(57));

    let message: Message = fixtures::model("google/gmail.users.messages.get.json");
    assert_eq!(message.id, "18f0a1b2c3d4e700");
    assert_eq!(message.label_ids, ["INBOX", "IMPORTANT"]);
    assert_eq!(message.header("subject"), Some("Meeting notes"));
    assert_eq!(message.header("To"), None);
    assert_eq!(message.internal_date.as_deref(), Some("1767610000000"));
    let body = message.payload.as_ref().unwrap().body.as_ref().unwrap();
    assert_eq!(body.size, Some(31));
    assert_eq!(
        body.data.as_deref(),
        Some("SGVyZSBhcmUgdGhlIG5vdGVzIGZyb20gVHVlc2RheQ")
    );
    assert_eq!(body.attachment_id, None);
    assert_eq!(body.decoded().unwrap(), b"Here are the notes from Tuesday");

    let sent: Message = fixtures::model("google/gmail.users.messages.send.json");
    assert_eq!(sent.label_ids, ["SENT"]);
}

#[test]
fn gmail_empty_mailbox_has_no_messages_key() {
    let list: MessageList = serde_json::from_str(r#"{"resultSizeEstimate": 0}"#).unwrap();
    assert!(list.messages.is_empty());
    assert!(list.next_page_token.is_none());
}

#[test]
fn gmail_send_body_is_base64url() {
    let body = SendMessage::from_rfc2822("To: a@example.org\r\nSubject: Hi?\r\n\r\nok>");
    assert_eq!(
        body.raw,
        "VG86IGFAZXhhbXBsZS5vcmcNClN1YmplY3Q6IEhpPw0KDQpvaz4"
    );
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"raw": body.raw})
    );
}

#[test]
fn drive_file_list_and_file() {
    let list: FileList = fixtures::model("google/drive.files.list.json");
    assert_eq!(list.files.len(), 2);
    assert_eq!(list.files[0].size_bytes(), Some(284_113));
    assert!(!list.files[0].is_folder());
    assert!(list.files[1].is_folder());
    assert_eq!(list.files[1].size, None);
    assert_eq!(
        list.files[1].id.as_deref(),
        Some("1FolderIdExample987654321")
    );
    assert_eq!(list.incomplete_search, Some(false));

    let file: File = fixtures::model("google/drive.files.get.json");
    assert_eq!(file.name.as_deref(), Some("Quarterly report.pdf"));
    assert_eq!(file.parents, ["0AFolderRootExample"]);
    assert_eq!(file.extra["owners"][0]["me"], true);
    assert_eq!(file.starred, Some(true));
    assert_eq!(
        file.md5_checksum.as_deref(),
        Some("9e107d9d372bb6826bd81d3542a419d6")
    );
}

#[test]
fn drive_fields_selector_may_leave_out_the_id() {
    let list: FileList =
        serde_json::from_value(json!({"files": [{"name": "notes.txt", "thumbnailLink": "t"}]}))
            .unwrap();
    assert_eq!(list.files[0].id, None);
    assert_eq!(list.files[0].name.as_deref(), Some("notes.txt"));
    assert_eq!(list.files[0].thumbnail_link.as_deref(), Some("t"));
}

#[test]
fn calendar_recurring_instance() {
    let event: Event = serde_json::from_value(json!({
        "id": "weekly_20260205", "recurringEventId": "weekly",
        "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=TH"], "transparency": "transparent",
        "visibility": "private", "hangoutLink": "https://meet.example.org/abc"
    }))
    .unwrap();
    assert_eq!(event.recurring_event_id.as_deref(), Some("weekly"));
    assert_eq!(event.recurrence.unwrap(), ["RRULE:FREQ=WEEKLY;BYDAY=TH"]);
    assert_eq!(event.transparency.as_deref(), Some("transparent"));
    assert_eq!(event.visibility.as_deref(), Some("private"));
    assert_eq!(
        event.hangout_link.as_deref(),
        Some("https://meet.example.org/abc")
    );
}
