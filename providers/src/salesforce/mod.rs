//! Salesforce: SOQL queries, records and describes of one organization.
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # use alter_providers::prelude::*;
//! # async fn run(vault: AlterVault) -> alter_runtime::Result<()> {
//! let user = User::id("alice");
//! let org = vault.salesforce("https://acme.my.salesforce.com").api_version("v61.0");
//! let accounts = org.query(&user, "SELECT Id, Name FROM Account LIMIT 10").await?;
//! for account in &accounts.records {
//!     println!("{:?}", account.str("Name"));
//! }
//! # Ok(())
//! # }
//! ```

mod api;
pub mod models;

pub use api::SalesforceApi;

use alter_runtime::{AlterVault, CallOptions};

use crate::handle::handle_basics;
use crate::paginate::DEFAULT_PAGE_LIMIT;

/// The API version used unless [`Salesforce::api_version`] sets another.
pub const DEFAULT_API_VERSION: &str = "v62.0";

/// The Salesforce REST API of one organization, reached with
/// `vault.salesforce(instance_url)`.
///
/// Every call goes to `{instance_url}/services/data/{api_version}`. The
/// instance URL's host must be one Salesforce tokens may go to
/// (`*.salesforce.com`, `*.force.com`) or be allowed on the vault.
#[derive(Debug, Clone)]
pub struct Salesforce {
    vault: AlterVault,
    page_limit: usize,
    instance_url: String,
    api_version: String,
}

impl Salesforce {
    /// A handle for the organization at `instance_url`, such as
    /// `https://acme.my.salesforce.com`.
    pub fn new(vault: AlterVault, instance_url: impl Into<String>) -> Self {
        let instance_url = instance_url.into().trim_end_matches('/').to_owned();
        let api_version = DEFAULT_API_VERSION.to_owned();
        Salesforce {
            vault,
            page_limit: DEFAULT_PAGE_LIMIT,
            instance_url,
            api_version,
        }
    }

    /// Sets the API version, as `v62.0` or `62.0` (default [`DEFAULT_API_VERSION`]).
    pub fn api_version(mut self, version: impl AsRef<str>) -> Self {
        let version = version.as_ref().trim_start_matches('v');
        self.api_version = format!("v{version}");
        self
    }

    /// The API base of every call: `{instance_url}/services/data/{api_version}`.
    pub fn base_url(&self) -> String {
        format!("{}/services/data/{}", self.instance_url, self.api_version)
    }

    fn configure_call(&self, call: &mut CallOptions) {
        call.set_base_url(self.base_url());
    }
}

handle_basics!(Salesforce);

impl SalesforceApi for Salesforce {
    fn instance_url(&self) -> &str {
        &self.instance_url
    }
}
