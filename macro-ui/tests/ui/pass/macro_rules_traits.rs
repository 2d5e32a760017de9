//! Traits written by a `macro_rules!` macro, with the attribute's values and the
//! argument types passed in as fragments.

use alter_sdk::prelude::*;

macro_rules! endpoints {
    ($trait:ident, $provider:literal, $method:ident, $path:literal, $user:ty, $arg:ident: $ty:ty) => {
        pub trait $trait {
            #[vault_endpoint(provider = $provider, method = $method, path = $path)]
            async fn get(&self, user: $user, $arg: $ty) -> Result<Vec<String>>;
        }
    };
    ($trait:ident, $provider:expr, $check:path, $ty:ty) => {
        #[vault_api(provider = $provider, check = $check, timeout = "1s")]
        pub trait $trait {
            #[vault_endpoint(method = POST, path = "/items")]
            async fn post(&self, user: &User, #[body] item: $ty) -> Result<()>;
        }
    };
}

endpoints!(Items, "hubspot", GET, "/items/<id>", &User, id: &str);
endpoints!(Writes, "hubspot", crate::ok, &str);

fn ok(_: &Response) -> Result<()> {
    Ok(())
}

impl Items for AlterVault {}
impl Writes for AlterVault {}

pub async fn call(vault: &AlterVault, user: &User) -> Result<()> {
    let _ = vault.get(user, "1").await?;
    vault.post(user, "x").await
}

fn main() {}
