use alter_sdk::prelude::*;

pub struct NotSerialize;

pub trait Crm {
    // By value, by reference, inside an `Option` and flattened: each error at its argument.
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn contacts(
        &self,
        user: &User,
        #[query] q: NotSerialize,
        #[query] filter: &NotSerialize,
        #[query = "pageToken"] page: Option<NotSerialize>,
        #[query(flatten)] rest: NotSerialize,
    ) -> Result<()>;
}

fn main() {}
