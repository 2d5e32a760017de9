use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contactid: &str) -> Result<Vec<String>>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>/notes")]
    async fn notes(&self, user: &User) -> Result<Vec<String>>;
}

fn main() {}
