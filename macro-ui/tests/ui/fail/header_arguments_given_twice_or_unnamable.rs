use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn contacts(
        &self,
        user: &User,
        #[header = "X-Trace"] trace: &str,
        #[header] x_trace: Option<&str>,
    ) -> Result<()>;
}

pub trait Names {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/names")]
    async fn names(&self, user: &User, #[header] clé: &str) -> Result<()>;
}
fn main() {}
