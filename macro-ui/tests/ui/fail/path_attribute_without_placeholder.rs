use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>")]
    async fn contact(
        &self,
        user: &User,
        #[path] contact_id: &str,
        #[path = "contact"] other: &str,
    ) -> Result<Vec<String>>;
}

fn main() {}
