//! A user crate with strict lints compiles clean around the expansion. (The
//! `clippy::` lints are checked when this file is built under clippy.)

#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    unreachable_pub,
    unused_results,
    unsafe_code,
    rust_2018_idioms,
    clippy::pedantic,
    clippy::nursery
)]

use alter_sdk::prelude::*;
use serde::Serialize;

/// A page of results.
#[derive(Serialize)]
pub struct Page {
    /// How many.
    pub limit: u32,
}

/// Every role and option, under strict lints.
#[vault_api(
    provider = "hubspot",
    base_url = "https://api.hubapi.example",
    timeout = "5s"
)]
pub trait Strict {
    /// A typed answer.
    #[vault_endpoint(method = GET, path = "/a/<id>/<path..>", reason = "read")]
    async fn get(
        &self,
        user: &User,
        id: u64,
        path: &str,
        #[query] q: Option<&str>,
        #[query(flatten)] page: &Page,
        #[header] if_match: Option<&str>,
    ) -> Result<serde_json::Value>;

    /// No answer.
    #[vault_endpoint(method = POST, path = "/b", headers("Accept" = "application/json"))]
    async fn post(&self, user: &User, #[body] body: &Page) -> Result<()>;

    /// The raw answer.
    #[vault_endpoint(method = DELETE, path = "/c/<name>")]
    async fn delete(&self, user: &User, name: String) -> Result<Response>;
}

impl Strict for AlterVault {}

/// Calls every endpoint.
///
/// # Errors
///
/// When a call fails.
pub async fn call(vault: &AlterVault, user: &User) -> Result<()> {
    let page = Page { limit: 1 };
    let _ = vault.get(user, 1, "a/b", None, &page, None).await?;
    vault.post(user, &page).await?;
    let _ = vault.delete(user, String::from("n")).await?;
    Ok(())
}

fn main() {}
