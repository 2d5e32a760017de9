use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn search(&self, user: &User, #[body] filter: &Vec<String>) -> Result<Vec<String>>;

    #[vault_endpoint(provider = "hubspot", method = HEAD, path = "/contacts")]
    async fn probe(&self, user: &User, #[body] filter: &Vec<String>) -> Result<()>;
}

fn main() {}
