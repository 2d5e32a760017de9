//! The returned future is `Send` and borrows none of the arguments, so it can be
//! handed to `tokio::spawn` directly.

use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(&self, user: &User, id: &str) -> Result<Vec<String>>;
}

#[vault_api(provider = "hubspot")]
pub trait Generic<T: Send + Sync + 'static> {
    #[vault_endpoint(method = GET, path = "/contacts/<id>")]
    async fn generic_contact(&self, user: &User, id: &str) -> Result<Vec<String>>;
}

impl Crm for AlterVault {}
impl Generic<u8> for AlterVault {}

pub fn spawn_both(vault: &AlterVault) {
    let user = User::id("alice");
    let id = String::from("123");
    let first = tokio::spawn(vault.contact(&user, &id));
    let second = tokio::spawn(Generic::<u8>::generic_contact(vault, &user, &id));
    drop(user);
    drop(id);
    drop((first, second));
}

fn main() {}
