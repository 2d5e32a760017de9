use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/contacts",
        base_url = "http://api.example.com"
    )]
    async fn contacts(&self, user: &User) -> Result<()>;

    // Loopback hosts may be reached over plain http (tests, local stand-ins).
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/contacts",
        base_url = "http://127.0.0.1:38555"
    )]
    async fn local_contacts(&self, user: &User) -> Result<()>;
}

#[vault_api(provider = "hubspot", base_url = "http://api.example.com/v3")]
pub trait Deals {
    #[vault_endpoint(method = GET, path = "/deals")]
    async fn deals(&self, user: &User) -> Result<()>;
}

fn main() {}
