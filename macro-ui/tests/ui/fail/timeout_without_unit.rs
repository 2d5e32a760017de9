use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts", timeout = "30")]
    async fn contacts(&self, user: &User) -> Result<Vec<String>>;
}

fn main() {}
