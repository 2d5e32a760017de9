//! Plain `http://` base URLs to loopback hosts (tests, local stand-ins).

use alter_sdk::prelude::*;

#[vault_api(provider = "hubspot", base_url = "http://127.0.0.1:38555/v3")]
pub trait Local {
    #[vault_endpoint(method = GET, path = "/contacts")]
    async fn contacts(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/deals", base_url = "http://localhost:8080")]
    async fn deals(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/owners", base_url = "http://[::1]:9")]
    async fn owners(&self, user: &User) -> Result<()>;
}

impl Local for AlterVault {}

fn main() {}
