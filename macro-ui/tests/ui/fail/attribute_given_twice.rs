use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/companies")]
    async fn contacts(&self, user: &User) -> Result<Vec<String>>;
}

#[vault_api(provider = "hubspot")]
pub trait Deals {
    #[vault_endpoint(method = GET, path = "/deals")]
    #[alter_sdk::vault_endpoint(method = GET, path = "/pipelines")]
    async fn deals(&self, user: &User) -> Result<Vec<String>>;
}

fn main() {}
