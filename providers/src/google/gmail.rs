//! Serde models of the Gmail API v1.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::Paginated;

/// One page of message references.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageList {
    /// Message references (id and thread id only); absent when there are none.
    #[serde(default)]
    pub messages: Vec<MessageRef>,
    /// Token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// Estimated total number of results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_size_estimate: Option<u64>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The identifiers of a message, as listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRef {
    /// Identifier of the message.
    pub id: String,
    /// Identifier of its thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
}

/// A message; which fields are present depends on the requested `format`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Identifier of the message.
    pub id: String,
    /// Identifier of its thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    /// Labels applied to the message.
    #[serde(default)]
    pub label_ids: Vec<String>,
    /// A short part of the message text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// The parsed MIME structure (formats `full` and `metadata`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<MessagePart>,
    /// Estimated size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_estimate: Option<u64>,
    /// History record id (a decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history_id: Option<String>,
    /// Internal timestamp in epoch milliseconds (a decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_date: Option<String>,
    /// The whole message, base64url encoded (format `raw`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Message {
    /// The value of the first header named `name` (case-insensitive), if the payload has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        let headers = &self.payload.as_ref()?.headers;
        let found = headers.iter().find(|h| h.name.eq_ignore_ascii_case(name))?;
        Some(found.value.as_str())
    }
}

/// A MIME part of a message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagePart {
    /// Identifier of the part within the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_id: Option<String>,
    /// MIME type of the part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// File name, for attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Headers of the part.
    #[serde(default)]
    pub headers: Vec<Header>,
    /// Body of the part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<MessagePartBody>,
    /// Child parts of a multipart part.
    #[serde(default)]
    pub parts: Vec<MessagePart>,
}

/// The body of a MIME part: its data inline, or the id to fetch it by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagePartBody {
    /// Size of the data in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The data, base64url encoded; absent when it is an attachment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Id of the attachment holding the data, for large parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
}

impl MessagePartBody {
    /// The data decoded from base64url; `None` when absent or not valid base64url.
    pub fn decoded(&self) -> Option<Vec<u8>> {
        base64url_decode(self.data.as_deref()?)
    }
}

/// A MIME header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Header name.
    pub name: String,
    /// Header value.
    pub value: String,
}

/// The body of `messages.send`: a whole RFC 2822 message, base64url encoded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendMessage {
    /// The message, base64url encoded.
    pub raw: String,
    /// Thread to add the message to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
}

impl SendMessage {
    /// Encodes an RFC 2822 message (headers, blank line, body) for sending.
    pub fn from_rfc2822(message: impl AsRef<[u8]>) -> Self {
        Self {
            raw: base64url(message.as_ref()),
            thread_id: None,
        }
    }
}

/// Query parameters of the message list (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagesQuery {
    /// Gmail search query, e.g. `from:someone is:unread`.
    #[serde(rename = "q", skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Only messages with all of these labels (the key repeats).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub label_ids: Vec<String>,
    /// Page size (Gmail's default is 100, maximum 500).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

impl Paginated for MessageList {
    type Item = MessageRef;

    fn next_page(&self) -> Option<&str> {
        self.next_page_token.as_deref()
    }

    fn into_items(self) -> Vec<MessageRef> {
        self.messages
    }
}

/// Base64 with the URL-safe alphabet and no padding, as Gmail expects in `raw`.
fn base64url(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let bytes = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from_be_bytes([0, bytes[0], bytes[1], bytes[2]]);
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes base64 with the URL-safe alphabet, padded or not; `None` on any other byte.
fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let input = input.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    for chunk in input.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(sextet(c)?) << (18 - 6 * i);
        }
        if chunk.len() == 1 {
            return None;
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    Some(out)
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::{base64url, base64url_decode};

    #[test]
    fn base64url_matches_rfc4648_vectors_without_padding() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64url(plain.as_bytes()), encoded);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn base64url_decoding_inverts_encoding_and_refuses_other_bytes() {
        for plain in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let encoded = base64url(plain.as_bytes());
            assert_eq!(base64url_decode(&encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_decode("Zm8=").unwrap(), b"fo");
        assert_eq!(base64url_decode("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64url_decode("Zm+v"), None, "standard alphabet");
        assert_eq!(base64url_decode("Z"), None, "a lone sextet");
    }
}
