//! A user's own endpoints in a crate whose only dependency is `alter-sdk`.

use alter_sdk::prelude::*;
use std::collections::BTreeMap;

type Contact = BTreeMap<String, String>;
type NewContact = BTreeMap<String, String>;

/// Contacts in our CRM.
pub trait Crm {
    /// One contact.
    #[vault_endpoint(provider = "hubspot", method = GET,
                     path = "/crm/v3/objects/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contact_id: &str) -> Result<Contact>;

    /// Creates a contact.
    #[vault_endpoint(provider = "hubspot", method = POST,
                     path = "/crm/v3/objects/contacts")]
    async fn create_contact(&self, user: &User, #[body] contact: &NewContact)
        -> Result<Contact>;
}

/// A handle of our own that gives access to the vault.
pub struct MyCrmHandle {
    vault: AlterVault,
}

impl VaultHandle for MyCrmHandle {
    fn vault(&self) -> &AlterVault {
        &self.vault
    }
}

impl Crm for MyCrmHandle {}

/// The vault itself is a handle too.
impl Crm for AlterVault {}

pub async fn first(vault: &AlterVault, user: &User) -> Result<Contact> {
    vault.contact(user, "123").await
}

pub async fn copy_contact(handle: &MyCrmHandle, user: &User) -> Result<Contact> {
    let c = handle.contact(&user, "123").await?;
    handle.create_contact(user, &c).await
}

fn main() {}
