//! The user may be taken by value as well as by reference.

use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(&self, user: User, id: u64) -> Result<()>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/owners")]
    async fn owners(&self, #[user] owner: alter_sdk::User) -> Result<()>;
}

impl Crm for AlterVault {}

pub async fn call(vault: &AlterVault) -> Result<()> {
    vault.contact(User::id("alice"), 1).await?;
    vault.owners(User::id("bob")).await
}

fn main() {}
