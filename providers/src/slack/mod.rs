//! Slack: messages, conversations, users and `auth.test`.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! use alter_providers::slack::{self, models::PostMessage};
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! match vault.slack().post_message(&user, &PostMessage::text("C0123", "Deployed")).await {
//!     Ok(posted) => println!("posted {}", posted.ts),
//!     Err(e) if slack::error_code(&e) == Some("not_in_channel") => println!("invite the app"),
//!     Err(e) => return Err(e),
//! }
//! # Ok(())
//! # }
//! ```

mod api;
pub mod models;
mod params;

pub use api::{SlackApi, check_ok, error_code};

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// The Slack Web API of one vault, reached with `vault.slack()`.
///
/// Base URL: `https://slack.com/api`, or the vault's
/// `provider_base_url(Provider::Slack, ..)`.
#[derive(Debug, Clone)]
pub struct Slack {
    vault: AlterVault,
    page_limit: usize,
}

impl Slack {
    /// A handle calling through `vault`.
    pub fn new(vault: AlterVault) -> Self {
        Slack {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
        }
    }

    fn configure_call(&self, _call: &mut CallOptions) {}
}

handle_basics!(Slack);

impl SlackApi for Slack {}
