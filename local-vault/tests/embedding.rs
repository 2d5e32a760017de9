//! The embedding API: addresses, shutdown, file databases and shared stores.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod common;

use alter_local_vault::{LocalVault, VaultStore};
use common::{Harness, connection, request};

#[tokio::test]
async fn it_listens_on_a_free_loopback_port() {
    let vault = LocalVault::builder().start().await.unwrap();
    let address = vault.local_addr();
    assert!(address.ip().is_loopback());
    assert_ne!(address.port(), 0);
    assert_eq!(
        vault.base_url(),
        format!("http://127.0.0.1:{}", address.port())
    );
    vault.shutdown().await;
}

#[tokio::test]
async fn after_shutdown_nothing_listens() {
    let harness = Harness::start().await;
    let url = format!("{}/oauth/token", harness.vault.base_url());
    harness.add(connection("google", "alice", "a")).await;
    assert_eq!(harness.token_for("google", "alice").await.0, 200);

    harness.vault.shutdown().await;

    let refused = reqwest::Client::new()
        .post(url)
        .json(&request("google", "alice"))
        .send()
        .await
        .unwrap_err();
    assert!(refused.is_connect(), "{refused}");
}

#[tokio::test]
async fn a_file_database_serves_again_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.db");
    let first = Harness::with(LocalVault::builder().path(&path)).await;
    let id = first.add(connection("google", "alice", "kept-token")).await;
    let key = first.key.clone();
    first.vault.shutdown().await;

    let mut second = Harness::with(LocalVault::builder().path(&path)).await;
    second.key = key;
    let (status, body) = second.token_for("google", "alice").await;

    assert_eq!(status, 200);
    assert_eq!(body["connection_id"], id);
    assert_eq!(body["access_token"], "kept-token");
}

#[tokio::test]
async fn a_store_can_be_prepared_before_the_server_starts() {
    let store = VaultStore::in_memory().unwrap();
    let id = store
        .add_connection(connection("github", "alice", "gho"))
        .await
        .unwrap();

    let harness = Harness::with(LocalVault::builder().store(store.clone())).await;

    assert_eq!(
        harness.token_for("github", "alice").await.1["connection_id"],
        id.to_string()
    );
    assert_eq!(harness.vault.connections().await.unwrap()[0].id, id);
    harness.vault.remove_connection(id).await.unwrap();
    assert!(store.connections().await.unwrap().is_empty());
}

#[test]
fn the_handles_can_be_shared_across_tasks() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<LocalVault>();
    shareable::<VaultStore>();
}

#[tokio::test]
async fn an_address_in_use_is_named_in_the_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap();

    let result = LocalVault::builder().bind(address).start().await;

    let Err(error) = result else {
        panic!("started on a taken address");
    };
    assert_eq!(error.to_string(), format!("cannot listen on {address}"));
    let cause = std::error::Error::source(&error).map(ToString::to_string);
    assert!(
        cause.is_some_and(|cause| cause.contains("in use")),
        "{error:?}"
    );
}
