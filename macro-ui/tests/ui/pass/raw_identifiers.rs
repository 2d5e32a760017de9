//! Raw identifiers bind to placeholders and name query values without `r#`.

use alter_sdk::prelude::*;

pub trait Git {
    #[vault_endpoint(provider = "github", method = GET, path = "/repos/<owner>/<repo>/git/<ref>")]
    async fn reference(
        &self,
        user: &User,
        owner: &str,
        repo: &str,
        r#ref: &str,
        #[query] r#type: Option<&str>,
    ) -> Result<serde_json::Value>;

    #[vault_endpoint(provider = "github", method = GET, path = "/<r#type>/<match>")]
    async fn raw_in_path(&self, user: &User, r#type: &str, r#match: u32) -> Result<()>;
}

impl Git for AlterVault {}

pub async fn call(vault: &AlterVault, user: &User) -> Result<()> {
    vault.reference(user, "o", "r", "heads/main", Some("commit")).await?;
    vault.raw_in_path(user, "issues", 7).await
}

fn main() {}
