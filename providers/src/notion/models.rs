//! Serde models of the Notion API.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::Paginated;

/// A paginated list (`"object": "list"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// Cursor of the next page, while `has_more`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Whether another page exists.
    #[serde(default)]
    pub has_more: bool,
    /// Kind of the items, e.g. `block`, `page_or_database`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A user reference or a full user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// User id.
    pub id: String,
    /// `person` or `bot` (absent in references).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Fields this model does not name (`person`, `bot`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl User {
    /// A person's email, when the integration may read it.
    pub fn email(&self) -> Option<&str> {
        self.extra.get("person")?.get("email")?.as_str()
    }

    /// For a bot, the person who owns it (absent for a workspace-owned bot).
    pub fn bot_owner(&self) -> Option<User> {
        let owner = self.extra.get("bot")?.get("owner")?.get("user")?;
        serde_json::from_value(owner.clone()).ok()
    }
}

/// Where a page, database or block lives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parent {
    /// `page_id`, `database_id`, `block_id` or `workspace`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The parent's id (or `true` for the workspace), under the key named by `kind`.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

impl Parent {
    /// The parent's id, unless the parent is the workspace.
    pub fn id(&self) -> Option<&str> {
        self.fields.get(&self.kind)?.as_str()
    }
}

/// A piece of rich text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RichText {
    /// `text`, `mention` or `equation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The text without formatting.
    #[serde(default)]
    pub plain_text: String,
    /// Link target, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Fields this model does not name (annotations, the typed content).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Page id.
    pub id: String,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    /// Last edit time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_edited_time: Option<String>,
    /// Where it lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Property values by property name, as sent (their shape depends on their type).
    #[serde(default)]
    pub properties: Map<String, Value>,
    /// Link to the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who created it (a user reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<User>,
    /// Who last edited it (a user reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_edited_by: Option<User>,
    /// Whether it is in the trash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_trash: Option<bool>,
    /// Public link, when published to the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// Emoji, file or external icon, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Value>,
    /// Cover image, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Value>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Page {
    /// The plain text of the page's title property, whatever it is named.
    pub fn title(&self) -> Option<String> {
        let title = self.properties.values().find(|p| p["type"] == "title")?;
        let parts = title["title"].as_array()?;
        Some(
            parts
                .iter()
                .filter_map(|p| p["plain_text"].as_str())
                .collect(),
        )
    }
}

/// A search result: a page, a database, or (from `Notion-Version`
/// 2025-09-03 on) a data source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "object", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SearchResult {
    /// A page (boxed: it is much larger than a database).
    Page(Box<Page>),
    /// A database.
    Database(Box<Database>),
    /// A data source of a database, which has a database's shape.
    DataSource(Box<Database>),
    /// An object kind this model does not know, so that one new kind does
    /// not fail the whole page.
    #[serde(other)]
    Other,
}

/// A database: its title and the schema of its properties.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Database {
    /// Database id.
    pub id: String,
    /// Title, as rich text.
    #[serde(default)]
    pub title: Vec<RichText>,
    /// Description, as rich text.
    #[serde(default)]
    pub description: Vec<RichText>,
    /// Property schema by property name, as sent.
    #[serde(default)]
    pub properties: Map<String, Value>,
    /// Where it lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    /// Last edit time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_edited_time: Option<String>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Link to the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields this model does not name (icon, cover, inline, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Database {
    /// The plain text of the title.
    pub fn title_text(&self) -> String {
        self.title
            .iter()
            .map(|part| part.plain_text.as_str())
            .collect()
    }
}

/// A block of page content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Block id.
    pub id: String,
    /// Block type: `paragraph`, `heading_1`, `to_do`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether it has child blocks.
    #[serde(default)]
    pub has_children: bool,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Where it lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    /// Last edit time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_edited_time: Option<String>,
    /// Whether it is in the trash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_trash: Option<bool>,
    /// The typed content under the key named by `kind`, and other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Block {
    /// The plain text of the block's rich text, for text-bearing types.
    pub fn plain_text(&self) -> Option<String> {
        let parts = self.extra.get(&self.kind)?.get("rich_text")?.as_array()?;
        Some(
            parts
                .iter()
                .filter_map(|p| p["plain_text"].as_str())
                .collect(),
        )
    }
}

/// The body of `POST /v1/search` (unset fields are not sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchQuery {
    /// Text to match in titles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// e.g. `{"property": "object", "value": "page"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// e.g. `{"direction": "descending", "timestamp": "last_edited_time"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<Value>,
    /// Page size (at most 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_cursor: Option<String>,
}

/// The body of `POST /v1/databases/{id}/query` (unset fields are not sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DatabaseQuery {
    /// A Notion filter object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// Notion sort objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sorts: Option<Value>,
    /// Page size (at most 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_cursor: Option<String>,
}

/// Query parameters of block children (unset ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChildrenQuery {
    /// Page size (at most 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// Page to fetch; a stream starts here (or at the first page) and then sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_cursor: Option<String>,
}

impl<T> Paginated for List<T> {
    type Item = T;

    fn next_page(&self) -> Option<&str> {
        if self.has_more {
            self.next_cursor.as_deref()
        } else {
            None
        }
    }

    fn into_items(self) -> Vec<T> {
        self.results
    }
}
