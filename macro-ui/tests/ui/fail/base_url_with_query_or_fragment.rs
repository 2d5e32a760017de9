use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/contacts",
        base_url = "https://api.example.com/v3?hapikey=1"
    )]
    async fn contacts(&self, user: &User) -> Result<()>;

    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/deals",
        base_url = "https://api.example.com/v3#deals"
    )]
    async fn deals(&self, user: &User) -> Result<()>;
}

fn main() {}
