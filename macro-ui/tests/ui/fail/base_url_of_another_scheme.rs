use alter_sdk::prelude::*;

pub trait Files {
    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/files",
        base_url = "ftp://api.example.com"
    )]
    async fn files(&self, user: &User) -> Result<()>;
}

#[vault_api(provider = "hubspot", base_url = "wss://api.example.com/v3")]
pub trait Events {
    #[vault_endpoint(method = GET, path = "/events")]
    async fn events(&self, user: &User) -> Result<()>;
}

fn main() {}
