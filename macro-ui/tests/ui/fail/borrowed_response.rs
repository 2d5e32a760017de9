use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact<'a>(&'a self, user: &User, contact_id: &str) -> Result<&'a str>;
}

fn main() {}
