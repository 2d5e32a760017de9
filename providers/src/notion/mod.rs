//! Notion: search, pages, database queries, block children and the bot user.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! use alter_providers::notion::models::DatabaseQuery;
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! let notion = vault.notion().version("2022-06-28");
//! let rows = notion.query_database(&user, "d9824bdc84454327be8b5b47500af6ce", &DatabaseQuery::default()).await?;
//! for page in &rows.results {
//!     println!("{:?}", page.title());
//! }
//! # Ok(())
//! # }
//! ```

mod api;
pub mod models;

pub use api::NotionApi;

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// The `Notion-Version` sent unless [`Notion::version`] sets another.
pub const DEFAULT_NOTION_VERSION: &str = "2022-06-28";

/// The Notion API of one vault, reached with `vault.notion()`.
///
/// Base URL: `https://api.notion.com/v1`, or the vault's
/// `provider_base_url(Provider::Notion, ..)`. Every call sends
/// `Notion-Version`.
#[derive(Debug, Clone)]
pub struct Notion {
    vault: AlterVault,
    page_limit: usize,
    version: String,
}

impl Notion {
    /// A handle calling through `vault`.
    pub fn new(vault: AlterVault) -> Self {
        let version = DEFAULT_NOTION_VERSION.to_owned();
        Notion {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
            version,
        }
    }

    /// Sets the `Notion-Version` header (default [`DEFAULT_NOTION_VERSION`]).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    fn configure_call(&self, call: &mut CallOptions) {
        call.add_header("Notion-Version", self.version.clone());
    }
}

handle_basics!(Notion);

impl NotionApi for Notion {}
