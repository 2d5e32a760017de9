use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "", method = GET, path = "/contacts")]
    async fn contacts(&self, user: &User) -> Result<()>;

    #[vault_endpoint(provider = "GitHub", method = GET, path = "/user")]
    async fn me(&self, user: &User) -> Result<()>;

    #[vault_endpoint(provider = "HubSpot", method = GET, path = "/owners")]
    async fn owners(&self, user: &User) -> Result<()>;

    #[vault_endpoint(provider = "hub spot", method = GET, path = "/deals")]
    async fn deals(&self, user: &User) -> Result<()>;
}

fn main() {}
