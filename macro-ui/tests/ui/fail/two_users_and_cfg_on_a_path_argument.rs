use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<id>")]
    async fn contact(
        &self,
        user: &User,
        #[user] other: &User,
        #[cfg(any())] id: &str,
    ) -> Result<()>;
}

fn main() {}
