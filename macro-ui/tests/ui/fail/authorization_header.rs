use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/contacts",
        headers("Authorization" = "Bearer abc")
    )]
    async fn contacts(&self, user: &User) -> Result<Vec<String>>;
}

fn main() {}
