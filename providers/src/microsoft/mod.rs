//! Microsoft Graph v1.0: the user, mail, calendar and OneDrive.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! use alter_providers::microsoft::models::{ODataQuery, SendMail};
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! let graph = vault.microsoft();
//! let me = graph.me(&user).await?;
//! let query = ODataQuery { select: Some("subject,from".into()), top: Some(10), ..Default::default() };
//! let inbox = graph.messages(&user, &query).await?;
//! graph.send_mail(&user, &SendMail::text("bob@example.com", "Hi", "Hello")).await?;
//! # let _ = (me, inbox);
//! # Ok(())
//! # }
//! ```

mod api;
pub mod models;

pub use api::MicrosoftGraph;

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// Microsoft Graph of one vault, reached with `vault.microsoft()`.
///
/// Base URL: `https://graph.microsoft.com/v1.0`, or the vault's
/// `provider_base_url(Provider::Microsoft, ..)` for a national cloud (for
/// example `https://graph.microsoft.us/v1.0`).
#[derive(Debug, Clone)]
pub struct Microsoft {
    vault: AlterVault,
    page_limit: usize,
}

impl Microsoft {
    /// A handle calling through `vault`.
    pub fn new(vault: AlterVault) -> Self {
        Microsoft {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
        }
    }

    fn configure_call(&self, _call: &mut CallOptions) {}
}

handle_basics!(Microsoft);

impl MicrosoftGraph for Microsoft {}
