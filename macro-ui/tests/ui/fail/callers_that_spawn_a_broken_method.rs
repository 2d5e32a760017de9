use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contactid: &str) -> Result<Vec<String>>;
}

impl Crm for AlterVault {}

// the future borrows none of the arguments, broken method or not
pub fn spawn(vault: &AlterVault) {
    let user = User::id("alice");
    let id = String::from("1");
    let task = tokio::spawn(vault.contact(&user, &id));
    drop((user, id, task));
}

fn main() {}
