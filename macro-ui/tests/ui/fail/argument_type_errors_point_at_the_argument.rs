use alter_sdk::prelude::*;

pub struct ContactId;

pub struct Filter;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = POST, path = "/contacts/<contact_id>")]
    async fn contact(&self, user: &User, contact_id: &ContactId, #[body] filter: &Filter)
        -> Result<Vec<String>>;
}

fn main() {}
