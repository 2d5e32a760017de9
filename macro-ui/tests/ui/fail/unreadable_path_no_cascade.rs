use alter_sdk::prelude::*;

pub trait Crm {
    // the argument `id` is not also called role-less: the path is the mistake
    #[vault_endpoint(provider = "hubspot", method = GET, path = contacts)]
    async fn contact(&self, user: &User, id: &str) -> Result<Vec<String>>;

    #[vault_endpoint(provider = "hubspot", method = GET)]
    async fn other(&self, user: &User, id: &str) -> Result<Vec<String>>;
}

fn main() {}
