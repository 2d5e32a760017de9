//! Associated types in arguments, a trait with a lifetime and a defaulted type
//! parameter, a generic handle, futures spawned, and `#[cfg]` on methods inside
//! `#[vault_api]` (a configured-out method is not checked).

use alter_sdk::prelude::*;
use serde::de::DeserializeOwned;

pub trait Assoc {
    type Id: alter_sdk::PathValue + Sync + ?Sized;
    type Out: DeserializeOwned + Send + 'static;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/a/<id>")]
    async fn get(&self, user: &User, id: &Self::Id) -> Result<Self::Out>;

    #[cfg(any())]
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/gone/<id>")]
    async fn gone(&self, user: &User, id: &Self::Id) -> Result<Self::Out>;
}

#[vault_api(provider = "hubspot")]
pub trait Life<'a, M: DeserializeOwned + Send + 'static = serde_json::Value> {
    #[vault_endpoint(method = GET, path = "/l/<id>")]
    async fn life(&self, user: &User, id: &str) -> Result<M>;

    #[cfg(any())]
    #[vault_endpoint(method = GET, path = "/gone/<nope>")]
    async fn gone(&self, user: &User) -> Result<M>;
}

pub struct Wrapper<H>(H);
impl<H: VaultHandle> VaultHandle for Wrapper<H> {
    fn vault(&self) -> &AlterVault {
        self.0.vault()
    }
}
impl<H: VaultHandle + Sync> Assoc for Wrapper<H> {
    type Id = str;
    type Out = Vec<u8>;
}
impl<'a, H: VaultHandle + Sync> Life<'a> for Wrapper<H> {}

pub fn spawn<H: VaultHandle + Sync + Send + 'static>(w: Wrapper<H>, user: User) {
    let fut = w.get(&user, "x");
    let fut2 = Life::life(&w, &user, "y");
    tokio::spawn(async move {
        let _ = fut.await;
        let _ = fut2.await;
    });
}

fn main() {}
