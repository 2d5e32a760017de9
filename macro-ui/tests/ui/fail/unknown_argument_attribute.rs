use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn contacts(&self, user: &User, #[qeury] archived: bool) -> Result<Vec<String>>;
}

fn main() {}
