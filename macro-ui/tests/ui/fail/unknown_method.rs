use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GOT, path = "/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contact_id: &str) -> Result<Vec<String>>;

    #[vault_endpoint(provider = "hubspot", method = get, path = "/contacts/<contact_id>")]
    async fn contact_again(&self, user: &User, contact_id: &str) -> Result<Vec<String>>;
}

fn main() {}
