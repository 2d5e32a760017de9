//! Google: Calendar v3, Gmail v1 and Drive v3, through one handle.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! let events = vault.google().calendar_events(&user, "primary").await?;
//! let unread = vault.google().gmail_messages_with(&user, &MessagesQuery {
//!     query: Some("is:unread".into()), ..MessagesQuery::default()
//! }).await?;
//! # let _ = (events, unread);
//! # Ok(())
//! # }
//! # use alter_providers::google::gmail::MessagesQuery;
//! ```

mod api;
pub mod calendar;
pub mod drive;
pub mod gmail;

pub use api::{GoogleCalendar, GoogleDrive, GoogleGmail};

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// The Google APIs of one vault, reached with `vault.google()`.
///
/// Base URL: `https://www.googleapis.com`, or the vault's
/// `provider_base_url(Provider::Google, ..)`.
#[derive(Debug, Clone)]
pub struct Google {
    vault: AlterVault,
    page_limit: usize,
}

impl Google {
    /// A handle calling through `vault`.
    pub fn new(vault: AlterVault) -> Self {
        Google {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
        }
    }

    fn configure_call(&self, _call: &mut CallOptions) {}
}

handle_basics!(Google);

impl GoogleCalendar for Google {}
impl GoogleGmail for Google {}
impl GoogleDrive for Google {}
