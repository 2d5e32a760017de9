use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contact_id: &str) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}

fn main() {}
