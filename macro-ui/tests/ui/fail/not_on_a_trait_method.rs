use alter_sdk::prelude::*;

#[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts")]
pub struct Contacts;

#[vault_api(provider = "hubspot")]
pub struct Deals;

fn main() {}
