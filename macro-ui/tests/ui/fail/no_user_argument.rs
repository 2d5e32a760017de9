use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact(&self, contact_id: &str) -> Result<Vec<String>>;
}

fn main() {}
