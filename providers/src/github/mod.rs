//! GitHub: users, repositories, issues, pull requests, contents and search.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! let page = vault.github().issues(&user, "rust-lang", "rust").await?;
//! for issue in &page {
//!     println!("#{} {}", issue.number, issue.title);
//! }
//! # Ok(())
//! # }
//! ```

mod api;
pub mod models;
mod params;

pub use api::GithubApi;

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// The GitHub REST API of one vault, reached with `vault.github()`.
///
/// Base URL: `https://api.github.com`, or the vault's
/// `provider_base_url(Provider::Github, ..)` (GitHub Enterprise Server).
#[derive(Debug, Clone)]
pub struct Github {
    vault: AlterVault,
    page_limit: usize,
}

impl Github {
    /// A handle calling through `vault`.
    pub fn new(vault: AlterVault) -> Self {
        Github {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
        }
    }

    fn configure_call(&self, _call: &mut CallOptions) {}
}

handle_basics!(Github);

impl GithubApi for Github {}
