//! Argument names that match the expansion's own names, and user items that
//! shadow the names the expansion reaches by absolute path.

#![allow(non_snake_case, dead_code)]

use ::alter_sdk::prelude::*;

struct Option;
struct Some;
struct None;
trait Send {}
trait Future {}
mod alter_sdk {}
mod core {}
mod std {}

pub trait Hygiene {
    #[vault_endpoint(provider = "hubspot", method = POST, path = "/a/<__ENDPOINT>/<user>")]
    async fn names(
        &self,
        #[user] __endpoint: &User,
        __ENDPOINT: &str,
        user: &str,
        #[query] Result: u32,
        #[query] core: u32,
        #[cfg(not(any()))]
        #[query]
        gated: u32,
        #[header] __call: &str,
        #[body] body: &str,
    ) -> Result<()>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/b/<id>")]
    async fn user_named_endpoint(&self, #[user] __ENDPOINT: &User, id: u32) -> Result<()>;
}

impl Hygiene for AlterVault {}

pub async fn call(vault: &AlterVault, user: &User) -> Result<()> {
    vault.names(user, "e", "u", 1, 2, 3, "c", "b").await?;
    vault.user_named_endpoint(user, 4).await
}

fn main() {}
