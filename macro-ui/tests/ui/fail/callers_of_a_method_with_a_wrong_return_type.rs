use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(&self, user: &User, id: &str) -> Vec<String>;
}

impl Crm for AlterVault {}

// callers see the type as written, so the only error is at the return type
pub async fn first(vault: &AlterVault, user: &User) -> Option<String> {
    let contact: Vec<String> = vault.contact(user, "1").await;
    contact.into_iter().next()
}

fn main() {}
