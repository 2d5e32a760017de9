use alter_sdk::prelude::*;

pub trait Crm {
    // 65 characters: one more than the vault stores.
    #[vault_endpoint(
        provider = "a-provider-id-that-goes-on-and-on-well-past-what-the-vault-keeps1",
        method = GET,
        path = "/contacts"
    )]
    async fn contacts(&self, user: &User) -> Result<()>;

    // 64 characters: the longest accepted.
    #[vault_endpoint(
        provider = "a-provider-id-that-goes-on-and-on-right-up-to-what-the-vault-kee",
        method = GET,
        path = "/contacts"
    )]
    async fn longest(&self, user: &User) -> Result<()>;
}

fn main() {}
