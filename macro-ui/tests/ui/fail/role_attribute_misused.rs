use alter_sdk::prelude::*;

pub trait Crm {
    #[vault_endpoint(provider = "hubspot", method = POST, path = "/contacts/<id>")]
    async fn update(
        &self,
        user: &User,
        #[path(id)] contact: &str,
        #[query(rename = "x")] x: u32,
        #[body = "json"] body: &Vec<String>,
        #[query] #[header] both: &str,
        #[header = "Bad Header"] bad: &str,
    ) -> Result<()>;
}

fn main() {}
