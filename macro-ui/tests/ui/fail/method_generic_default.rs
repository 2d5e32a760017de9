use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn contacts<T = serde_json::Value, const N: usize = 3>(&self, user: &User) -> Result<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static;
}

fn main() {}
