//! `#[cfg]` on a method and on an argument is honoured like anywhere else.

use alter_sdk::prelude::*;

pub trait Crm {
    #[cfg(any())]
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/gone")]
    async fn gone(&self, user: &User) -> Result<()>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    #[cfg(all())]
    async fn contacts(
        &self,
        user: &User,
        #[query] limit: u32,
        #[cfg(any())]
        #[query]
        archived: bool,
        #[cfg(all())]
        #[header = "X-Trace"]
        trace: &str,
        #[query] after: Option<&str>,
    ) -> Result<Vec<String>>;
}

impl Crm for AlterVault {}

pub async fn call(vault: &AlterVault, user: &User) -> Result<Vec<String>> {
    vault.contacts(user, 10, "t-1", None).await
}

fn main() {}
