use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = POST, path = "/contacts")]
    async fn create(
        &self,
        user: &User,
        #[body] contact: &Vec<String>,
        #[body] company: &Vec<String>,
    ) -> Result<Vec<String>>;
}

fn main() {}
