use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts",
                     headers("Accept" = "application/json", "accept" = "text/plain"))]
    async fn contacts(&self, user: &User, #[header] authorization: &str) -> Result<()>;
}

fn main() {}
