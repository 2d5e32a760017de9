//! Return types: a model, `()`, the raw `Response`, `Option`, and an error type of
//! the user's own that converts from the SDK's.

use alter_sdk::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Contact {
    pub id: String,
}

#[derive(Debug)]
pub enum AppError {
    Vault(alter_sdk::Error),
}

impl From<alter_sdk::Error> for AppError {
    fn from(error: alter_sdk::Error) -> Self {
        AppError::Vault(error)
    }
}

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(&self, user: &User, id: &str) -> Result<Contact>;

    #[vault_endpoint(provider = "hubspot", method = DELETE, path = "/contacts/<id>")]
    async fn delete(&self, user: &User, id: &str) -> Result<()>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>/avatar")]
    async fn avatar(&self, user: &User, id: &str) -> Result<Response>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>/owner")]
    async fn owner(&self, user: &User, id: &str) -> Result<Option<Contact>>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>/company")]
    async fn company(&self, user: &User, id: &str) -> std::result::Result<Contact, AppError>;
}

impl Crm for AlterVault {}

pub async fn call(vault: &AlterVault, user: &User) -> std::result::Result<String, AppError> {
    let contact: Contact = vault.contact(user, "1").await?;
    vault.delete(user, "1").await?;
    let response: Response = vault.avatar(user, "1").await?;
    let _ = response.status();
    let _: Option<Contact> = vault.owner(user, "1").await?;
    let company = vault.company(user, "1").await?;
    Ok(contact.id + &company.id)
}

fn main() {}
