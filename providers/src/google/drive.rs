//! Serde models of the Google Drive API v3.

use alter_runtime::__private::FromResponse;
use alter_runtime::{Response, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::Paginated;

/// One page of files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileList {
    /// The files of this page.
    #[serde(default)]
    pub files: Vec<File>,
    /// Token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// Whether the search skipped some corpora.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete_search: Option<bool>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Metadata of a Drive file or folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    /// Identifier of the file; absent only when a `fields` selector leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// MIME type; folders are `application/vnd.google-apps.folder`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// Description of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Identifiers of the parent folders.
    #[serde(default)]
    pub parents: Vec<String>,
    /// Size in bytes (Drive sends a decimal string); absent for folders and Google Docs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    /// Last modification time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_time: Option<String>,
    /// Link to open the file in a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_view_link: Option<String>,
    /// Whether the file is in the trash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trashed: Option<bool>,
    /// Whether the user starred it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred: Option<bool>,
    /// MD5 of the content, for binary files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub md5_checksum: Option<String>,
    /// Short-lived link to a thumbnail, when Drive made one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_link: Option<String>,
    /// Link to the icon of the file's type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_link: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl File {
    /// The size in bytes, when Drive reported one that parses.
    pub fn size_bytes(&self) -> Option<u64> {
        self.size.as_deref()?.parse().ok()
    }

    /// Whether this is a folder.
    pub fn is_folder(&self) -> bool {
        self.mime_type.as_deref() == Some("application/vnd.google-apps.folder")
    }
}

/// Query parameters of the file list (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilesQuery {
    /// Drive search query, e.g. `'root' in parents and trashed = false`.
    #[serde(rename = "q", skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Partial response selector, e.g. `nextPageToken, files(id, name)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
    /// Sort keys, e.g. `modifiedTime desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_by: Option<String>,
    /// Page size (Drive's default is 100, maximum 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

impl Paginated for FileList {
    type Item = File;

    fn next_page(&self) -> Option<&str> {
        self.next_page_token.as_deref()
    }

    fn into_items(self) -> Vec<File> {
        self.files
    }
}

/// The bytes of a downloaded file, with the type the server gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileContent {
    /// The file's bytes.
    pub bytes: bytes::Bytes,
    /// The `Content-Type` of the answer.
    pub content_type: Option<String>,
}

impl FromResponse for FileContent {
    fn from_response(response: Response) -> Result<Self> {
        let content_type = response.headers().get("content-type");
        let content_type = content_type
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(FileContent {
            bytes: response.into_bytes(),
            content_type,
        })
    }
}
