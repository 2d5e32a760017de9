//! Lifetimes, type and const parameters and where clauses, on the method and on a
//! trait with `#[vault_api]`.

use alter_sdk::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub trait Objects {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/objects/<kind>/<id>")]
    async fn object<'a, T, Q: Serialize, const N: usize>(
        &'a self,
        user: &'a User,
        kind: &'a str,
        id: u64,
        #[query(flatten)] filter: &Q,
        #[query] fields: &[&str],
    ) -> Result<T>
    where
        T: DeserializeOwned + Send + 'static;
}

impl Objects for AlterVault {}

#[vault_api(provider = "hubspot", base_url = "https://api.hubapi.example")]
pub trait Typed<M: DeserializeOwned + Send + 'static, const V: u8> {
    #[vault_endpoint(method = GET, path = "/objects/<id>")]
    async fn get(&self, user: &User, id: u64) -> Result<M>;
}

impl Typed<Vec<String>, 3> for AlterVault {}

#[derive(Serialize)]
pub struct Filter {
    pub archived: bool,
}

pub async fn call(vault: &AlterVault, user: &User) -> Result<Vec<String>> {
    let filter = Filter { archived: false };
    let kind = String::from("contacts");
    let _ = vault.object::<serde_json::Value, Filter, 2>(user, &kind, 1, &filter, &["a"]).await?;
    Typed::<Vec<String>, 3>::get(vault, user, 2).await
}

fn main() {}
