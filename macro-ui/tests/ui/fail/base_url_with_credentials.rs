use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/contacts",
        base_url = "https://user:pass@api.example.com"
    )]
    async fn contacts(&self, user: &User) -> Result<()>;

    // A user name alone is a credential too.
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/owners",
        base_url = "https://token@api.example.com/v3"
    )]
    async fn owners(&self, user: &User) -> Result<()>;
}

#[vault_api(provider = "hubspot", base_url = "http://admin:secret@127.0.0.1:8080")]
pub trait Deals {
    #[vault_endpoint(method = GET, path = "/deals")]
    async fn deals(&self, user: &User) -> Result<()>;
}

fn main() {}
