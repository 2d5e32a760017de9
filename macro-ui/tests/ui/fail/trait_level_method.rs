use alter_sdk::prelude::*;

#[vault_api(provider = "hubspot", method = GET)]
pub trait Crm {
    #[vault_endpoint(path = "/contacts")]
    async fn contacts(&self, user: &User) -> Result<Vec<String>>;
}

fn main() {}
