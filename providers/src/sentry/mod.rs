//! Sentry: organizations, projects and issues, on sentry.io (US or EU
//! region) or a self-hosted install.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! use alter_providers::sentry::{Region, models::IssuesQuery};
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! let sentry = vault.sentry().region(Region::De);
//! let query = IssuesQuery { query: Some("is:unresolved".into()), ..Default::default() };
//! let page = sentry.issues(&user, "acme", &query).await?;
//! for issue in &page {
//!     println!("{} {}", issue.id, issue.title);
//! }
//! # Ok(())
//! # }
//! ```

mod api;
pub mod models;

pub use api::SentryApi;

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// A data region of sentry.io.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Region {
    /// The US region, `https://us.sentry.io`.
    Us,
    /// The EU region, `https://de.sentry.io`.
    De,
}

impl Region {
    /// The API base URL of the region.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Us => "https://us.sentry.io/api/0",
            Region::De => "https://de.sentry.io/api/0",
        }
    }
}

/// The Sentry web API of one vault, reached with `vault.sentry()`.
///
/// Base URL: the vault's `provider_base_url(Provider::Sentry, ..)` if set,
/// else `https://sentry.io/api/0`; [`region`](Sentry::region) and
/// [`self_hosted`](Sentry::self_hosted) choose another for this handle.
#[derive(Debug, Clone)]
pub struct Sentry {
    vault: AlterVault,
    page_limit: usize,
    base_url: Option<String>,
}

impl Sentry {
    /// A handle calling through `vault`.
    pub fn new(vault: AlterVault) -> Self {
        Sentry {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
            base_url: None,
        }
    }

    /// Calls the API of a sentry.io data region (see an organization's
    /// `links.region_url`).
    pub fn region(mut self, region: Region) -> Self {
        self.base_url = Some(region.base_url().to_owned());
        self
    }

    /// Calls a self-hosted install at `url` (such as
    /// `https://sentry.acme.internal`); `/api/0` is appended unless `url`
    /// already ends with it. Its host must be allowed for `sentry` on the
    /// vault (`allow_host`).
    pub fn self_hosted(mut self, url: impl AsRef<str>) -> Self {
        let url = url.as_ref().trim_end_matches('/');
        let install = url.strip_suffix("/api/0").unwrap_or(url);
        self.base_url = Some(format!("{install}/api/0"));
        self
    }

    fn configure_call(&self, call: &mut CallOptions) {
        if let Some(base_url) = &self.base_url {
            call.set_base_url(base_url.clone());
        }
    }
}

handle_basics!(Sentry);

impl SentryApi for Sentry {}
