use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/contacts/<contact_id>", pth = "/")]
    fn contact(&self, contactid: &str, #[body] filter: &Vec<String>, page: u32) -> Vec<String>;
}

fn main() {}
