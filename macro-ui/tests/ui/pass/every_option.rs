//! Every option of the attributes, with the SDK reached through a re-export.

mod sdk {
    pub use alter_sdk::*;
}

use sdk::prelude::*;

fn slack_ok(response: &Response) -> Result<()> {
    let _ = response.status();
    Ok(())
}

pub trait Chat {
    #[vault_endpoint(
        provider = "slack",
        method = POST,
        path = "/chat.postMessage",
        base_url = "https://slack.com/api",
        headers("Accept" = "application/json", "X-Client" = "docs"),
        timeout = "10s",
        reason = "post a message",
        check = slack_ok,
        crate = crate::sdk,
    )]
    async fn post(&self, user: &User, #[body] message: &serde_json::Value) -> Result<serde_json::Value>;
}

impl Chat for AlterVault {}

#[vault_api(
    provider = "slack",
    base_url = "https://slack.com/api",
    headers("Accept" = "application/json"),
    timeout = "500ms",
    reason = "read the channels",
    check = slack_ok,
    crate = crate::sdk,
)]
pub trait Channels {
    #[vault_endpoint(method = GET, path = "/conversations.list", timeout = "2m")]
    async fn list(&self, user: &User, #[query] limit: u32) -> Result<serde_json::Value>;
}

impl Channels for AlterVault {}

fn main() {}
