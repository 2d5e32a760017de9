use alter_sdk::prelude::*;

pub struct NotDeserialize;

pub struct MyError;

impl From<alter_sdk::Error> for MyError {
    fn from(_: alter_sdk::Error) -> MyError {
        MyError
    }
}

// One error per method, at the response type (at its first token when it has several).
pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
    async fn contacts(&self, user: &User) -> Result<NotDeserialize>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/owners")]
    async fn owners(&self, user: &User) -> std::result::Result<Vec<NotDeserialize>, MyError>;
}

#[vault_api(provider = "hubspot")]
pub trait Deals<T: Send + 'static> {
    #[vault_endpoint(method = GET, path = "/deals/<id>")]
    async fn deal(&self, user: &User, id: u64) -> alter_sdk::Result<Option<NotDeserialize>>;
}

fn main() {}
