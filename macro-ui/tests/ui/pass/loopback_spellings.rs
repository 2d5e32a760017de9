//! Plain `http://` base URLs to loopback hosts in every spelling the runtime reads as
//! loopback (the URL parser's reading of the host).

use alter_sdk::prelude::*;

#[vault_api(provider = "hubspot")]
pub trait Local {
    #[vault_endpoint(method = GET, path = "/a", base_url = "http://127.1:8080")]
    async fn short_ipv4(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/b", base_url = "http://127.255.0.9/api")]
    async fn anywhere_in_127(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/c", base_url = "http://[::1]:8080")]
    async fn ipv6(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/d", base_url = "http://[0:0:0:0:0:0:0:1]")]
    async fn long_ipv6(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/e", base_url = "http://localhost:8080")]
    async fn localhost(&self, user: &User) -> Result<()>;

    #[vault_endpoint(method = GET, path = "/f", base_url = "http://LocalHost")]
    async fn localhost_in_capitals(&self, user: &User) -> Result<()>;
}

impl Local for AlterVault {}

fn main() {}
