use alter_sdk::prelude::*;

// A trait with type parameters needs `#[vault_api]` on the trait: a method's
// attribute cannot see the trait's parameters, which its future must name.
pub trait Objects<M: serde::de::DeserializeOwned + Send + 'static> {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/objects/<id>")]
    async fn object(&self, user: &User, id: u64) -> Result<Vec<M>>;
}

fn main() {}
