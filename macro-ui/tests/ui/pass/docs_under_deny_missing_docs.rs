//! Doc comments on endpoints stay where they were, so `missing_docs` is satisfied.

#![deny(missing_docs)]

use alter_sdk::prelude::*;

/// Contacts in our CRM.
pub trait Crm {
    /// One contact.
    ///
    /// Returns the raw JSON.
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(&self, user: &User, id: u64) -> Result<serde_json::Value>;
}

/// Every endpoint documented under the trait-level attribute too.
#[vault_api(provider = "hubspot")]
pub trait Deals {
    /// One deal.
    #[vault_endpoint(method = GET, path = "/deals/<id>")]
    async fn deal(&self, user: &User, id: u64) -> Result<serde_json::Value>;
}

fn main() {}
