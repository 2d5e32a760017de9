//! Serde models of Microsoft Graph v1.0.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::Paginated;

/// One page of an OData collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// Absolute URL of the next page, to be followed exactly as sent.
    #[serde(
        default,
        rename = "@odata.nextLink",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// The total number of items, when `$count=true` was asked.
    #[serde(
        default,
        rename = "@odata.count",
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<u64>,
    /// The OData context URL.
    #[serde(
        default,
        rename = "@odata.context",
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
}

/// A user (`GET /me`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphUser {
    /// Object id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Surname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// Primary SMTP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<String>,
    /// User principal name (sign-in name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_principal_name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Business phone numbers.
    #[serde(default)]
    pub business_phones: Vec<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// Office location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_location: Option<String>,
    /// Preferred language, e.g. `en-US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An email address with a display name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress {
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// SMTP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// A sender or recipient.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    /// The address.
    pub email_address: EmailAddress,
}

impl Recipient {
    /// A recipient with an address and no display name.
    pub fn address(address: impl Into<String>) -> Self {
        let email_address = EmailAddress {
            name: None,
            address: Some(address.into()),
        };
        Self { email_address }
    }
}

/// A message body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemBody {
    /// `text` or `html`.
    pub content_type: String,
    /// The content.
    pub content: String,
}

/// A mail message; also the message inside [`SendMail`] (unset fields are not sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Message id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ItemBody>,
    /// First characters of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_preview: Option<String>,
    /// Sender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<Recipient>,
    /// From.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Recipient>,
    /// To recipients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_recipients: Vec<Recipient>,
    /// Cc recipients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc_recipients: Vec<Recipient>,
    /// Reception time (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_date_time: Option<String>,
    /// Whether it has been read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_read: Option<bool>,
    /// Bcc recipients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bcc_recipients: Vec<Recipient>,
    /// Sending time (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_date_time: Option<String>,
    /// Whether it has attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_attachments: Option<bool>,
    /// Id of the conversation (thread) it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// Whether it is a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_draft: Option<bool>,
    /// `low`, `normal` or `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance: Option<String>,
    /// Link to open it in Outlook on the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST /me/sendMail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendMail {
    /// The message to send.
    pub message: Message,
    /// Whether to keep a copy in Sent Items (Graph's default is true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_to_sent_items: Option<bool>,
}

impl SendMail {
    /// A plain text message to one recipient.
    pub fn text(
        to: impl Into<String>,
        subject: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        let body = ItemBody {
            content_type: "Text".into(),
            content: text.into(),
        };
        let message = Message {
            subject: Some(subject.into()),
            body: Some(body),
            to_recipients: vec![Recipient::address(to)],
            ..Message::default()
        };
        Self {
            message,
            save_to_sent_items: None,
        }
    }
}

/// A date and time with its time zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DateTimeTimeZone {
    /// Local date and time, e.g. `2026-02-05T14:00:00.0000000`.
    pub date_time: String,
    /// Time zone name, e.g. `UTC`.
    pub time_zone: String,
}

/// A calendar event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Event id.
    pub id: String,
    /// Subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTimeTimeZone>,
    /// End.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTimeTimeZone>,
    /// Organizer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Recipient>,
    /// Whether it lasts whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    /// Link to open it in Outlook on the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    /// First characters of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_preview: Option<String>,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Whether it was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_cancelled: Option<bool>,
    /// Creation time (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<String>,
    /// Last modification time (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The place of an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Name of the place, as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Fields this model does not name (address, coordinates, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A file or folder in OneDrive or SharePoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveItem {
    /// Item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name; absent only when a `$select` leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Present for files (MIME type, hashes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Value>,
    /// Present for folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<Folder>,
    /// Link to open it in a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    /// Last modification time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<String>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<String>,
    /// Short-lived, pre-authenticated download URL, for files.
    #[serde(
        default,
        rename = "@microsoft.graph.downloadUrl",
        skip_serializing_if = "Option::is_none"
    )]
    pub download_url: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The folder facet of a drive item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Folder {
    /// Number of children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_count: Option<u64>,
}

/// OData query options (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ODataQuery {
    /// `$select`: comma-separated properties.
    #[serde(rename = "$select", skip_serializing_if = "Option::is_none")]
    pub select: Option<String>,
    /// `$filter`: an OData filter expression.
    #[serde(rename = "$filter", skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// `$orderby`.
    #[serde(rename = "$orderby", skip_serializing_if = "Option::is_none")]
    pub order_by: Option<String>,
    /// `$top`: page size.
    #[serde(rename = "$top", skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// `$skip`: items to pass over (where the collection allows it).
    #[serde(rename = "$skip", skip_serializing_if = "Option::is_none")]
    pub skip: Option<u32>,
    /// `$expand`: related entities to include, e.g. `attachments`.
    #[serde(rename = "$expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<String>,
    /// `$search`: a search phrase in double quotes, e.g. `\"budget\"`.
    #[serde(rename = "$search", skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// `$count`: ask for the total in `@odata.count`.
    #[serde(rename = "$count", skip_serializing_if = "Option::is_none")]
    pub count: Option<bool>,
}

impl<T> Paginated for Collection<T> {
    type Item = T;

    fn next_page(&self) -> Option<&str> {
        self.next_link.as_deref()
    }

    fn into_items(self) -> Vec<T> {
        self.value
    }
}
