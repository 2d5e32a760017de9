use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(
        provider = hubspot,
        method = GET,
        path = "/contacts",
        base_url = "api.hubapi.com/",
        headers = "Accept: application/json",
        crate = "alter_sdk",
    )]
    async fn contacts(&self, user: &User) -> Result<()>;

    #[vault_endpoint(
        provider = "hubspot",
        method = GET,
        path = "/contacts",
        base_url = "https://api.hubapi.com/",
        headers("X-Line" = "a\nb"),
    )]
    async fn more(&self, user: &User) -> Result<()>;
}

fn main() {}
