//! Connect your own Google account to the local vault, then call the real Calendar API.
//!
//! ```text
//! GOOGLE_CLIENT_ID=... GOOGLE_CLIENT_SECRET=... cargo run --example connect
//! ```
//!
//! Needs network and an OAuth client of your own (Google Cloud console, type "Desktop app",
//! Calendar API enabled). The example runs the authorization-code flow with PKCE and a
//! loopback redirect: open the printed URL, consent, and the browser comes back to this
//! program. The connection is stored in `local-vault.db` (so the next run skips the consent
//! while the refresh token lasts), the local vault serves it in-process, and the SDK makes
//! a typed call to the real Google API with the token it holds. The database keeps tokens and
//! the client secret unencrypted (the file is owner-only on Unix).
//!
//! The SDK needs an API key of that database. A key cannot be read back (only its hash is
//! stored), so each run replaces the example's key with a new one instead of adding another.

use std::error::Error as StdError;
use std::time::Duration;

use alter_local_vault::{ConnectRequest, LocalVault, ProviderEndpoints, VaultStore, connect};
use alter_sdk::prelude::*;
use serde_json::{Map, Value};

type AnyResult<T> = std::result::Result<T, Box<dyn StdError>>;

const DATABASE: &str = "local-vault.db";
const SCOPE: &str = "https://www.googleapis.com/auth/calendar.readonly";
const KEY_NAME: &str = "connect-example";

#[tokio::main]
async fn main() -> AnyResult<()> {
    let (Some(client_id), client_secret) = (env("GOOGLE_CLIENT_ID"), env("GOOGLE_CLIENT_SECRET"))
    else {
        eprintln!("Set GOOGLE_CLIENT_ID (and GOOGLE_CLIENT_SECRET) to your own OAuth client.");
        std::process::exit(2);
    };
    let user = env("ALTER_USER_ID").unwrap_or_else(|| "me".into());

    let store = VaultStore::open(DATABASE)?;
    let has_connection = store.connections().await?.iter().any(|c| {
        c.provider == "google" && c.attributes.get("user_id") == Some(&user.clone().into())
    });
    if !has_connection {
        let endpoints = ProviderEndpoints::known("google").ok_or("no Google endpoints")?;
        let mut attributes = Map::new();
        attributes.insert("user_id".into(), Value::from(user.clone()));
        let request = ConnectRequest {
            provider: "google".into(),
            endpoints,
            client_id,
            client_secret,
            scopes: vec![SCOPE.into()],
            attributes,
            port: 0,
            wait: Duration::from_secs(300),
        };
        let id = connect(&store, request, |url| {
            println!("Open this URL in a browser and allow access:\n\n  {url}\n");
        })
        .await?;
        println!("Stored Google connection {id} for user {user}.");
    }

    let api_key = replace_key(&store).await?;
    let server = LocalVault::builder().store(store).start().await?;
    let vault = AlterVault::builder(api_key)
        .base_url(server.base_url())
        .build()?;

    let events = vault
        .google()
        .calendar_events(&User::id(user), "primary")
        .await?;
    for event in &events.items {
        println!("{}", event.summary.as_deref().unwrap_or("(no title)"));
    }

    vault.close().await;
    server.shutdown().await;
    Ok(())
}

/// Removes the keys earlier runs created and creates this run's.
async fn replace_key(store: &VaultStore) -> AnyResult<String> {
    for key in store.api_keys().await? {
        if key.name == KEY_NAME {
            store.remove_api_key(key.id).await?;
        }
    }
    Ok(store.create_api_key(KEY_NAME).await?)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}
