//! `<name..>` takes a value that may span several segments, such as a file path.

use alter_sdk::prelude::*;

pub trait Contents {
    #[vault_endpoint(provider = "github", method = GET, path = "/repos/<owner>/<repo>/contents/<path..>")]
    async fn file(&self, user: &User, owner: &str, repo: &str, path: &str, #[query] r#ref: Option<&str>)
        -> Result<serde_json::Value>;
}

impl Contents for AlterVault {}

fn main() {}
