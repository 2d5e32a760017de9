use alter_sdk::prelude::*;

pub trait Crm {
    // The URL parser would resolve `..` and send this to `/<id>`.
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/x/../<id>")]
    async fn contact(&self, user: &User, id: &str) -> Result<()>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/deals/./<id>")]
    async fn deal(&self, user: &User, id: &str) -> Result<()>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/companies//<id>")]
    async fn company(&self, user: &User, id: &str) -> Result<()>;
}

fn main() {}
