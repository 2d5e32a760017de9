use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(user: &User, id: &str) -> Result<Vec<String>>;
}

impl Crm for AlterVault {}

// callers written as method calls get no second error
pub async fn first(vault: &AlterVault, user: &User) -> Result<Vec<String>> {
    vault.contact(user, "1").await
}

fn main() {}
