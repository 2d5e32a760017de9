use alter_sdk::prelude::*;

#[vault_api(provider = "hubspot")]
pub trait Crm {
    // in the build: its mistake is reported
    #[cfg(all())]
    #[vault_endpoint(method = GET, path = "/on/<id>")]
    async fn on(&self, user: &User) -> Result<()>;

    // configured out: its mistake is not
    #[cfg(any())]
    #[vault_endpoint(method = GET, path = "/off/<id>")]
    async fn off(&self, user: &User) -> Result<()>;
}

fn main() {}
