use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(
        provider = "hubspot",
        method = POST,
        path = "/contacts",
        headers("host" = "api.other.example", "Content-Length" = "12")
    )]
    async fn create(&self, user: &User, #[header] transfer_encoding: &str) -> Result<()>;
}

fn main() {}
