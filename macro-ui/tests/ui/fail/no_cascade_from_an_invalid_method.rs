use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contactid: &str) -> Result<Vec<String>>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn contacts(&self, user: &User) -> Result<Vec<String>>;
}

pub struct Handle(AlterVault);

impl VaultHandle for Handle {
    fn vault(&self) -> &AlterVault {
        &self.0
    }
}

impl Crm for Handle {}

pub async fn use_both(handle: &Handle, user: &User) -> Result<usize> {
    let one = handle.contact(user, "1").await?;
    let all = handle.contacts(user).await?;
    Ok(one.len() + all.len())
}

fn main() {}
