use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>/merge/<id>")]
    async fn merge(&self, user: &User, id: &str) -> Result<Vec<String>>;
}

fn main() {}
