use alter_sdk::prelude::*;

pub struct Contact;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(&self, user: &User, id: &str) -> Result<Contact>;
}

fn main() {}
