//! The store on its own: connections listed without secrets, removed, validated; a file
//! database survives reopening.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

use std::time::Duration;

use alter_local_vault::{ConnectionId, Error, NewConnection, VaultStore};
use serde_json::json;
use uuid::Uuid;

#[tokio::test]
async fn connections_are_listed_and_removed() {
    let store = VaultStore::in_memory().unwrap();
    let first = store
        .add_connection(
            NewConnection::new("google", "ya29")
                .attribute("user_id", "alice")
                .scope("calendar")
                .expires_in(Duration::from_secs(60))
                .refresh_with("https://oauth2.example/token", "id", None, "r"),
        )
        .await
        .unwrap();
    let second = store
        .add_connection(NewConnection::new("notion", "secret_x").attribute("user_id", "bob"))
        .await
        .unwrap();

    let listed = store.connections().await.unwrap();
    assert_eq!(
        listed.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first, second]
    );
    assert_eq!(listed[0].provider, "google");
    assert_eq!(json!(listed[0].attributes), json!({"user_id": "alice"}));
    assert_eq!(listed[0].scopes, ["calendar"]);
    assert!(listed[0].refreshable);
    assert_eq!(
        listed[0].token_url.as_deref(),
        Some("https://oauth2.example/token")
    );
    assert!(!listed[1].refreshable);
    assert_eq!(listed[1].expires_at, None);

    store.remove_connection(first).await.unwrap();
    assert_eq!(store.connections().await.unwrap().len(), 1);
    let again = store.remove_connection(first).await;
    assert!(matches!(again, Err(Error::NotFound(_))), "{again:?}");
    let unknown = store.remove_connection(ConnectionId(Uuid::new_v4())).await;
    assert!(matches!(unknown, Err(Error::NotFound(_))));
}

#[tokio::test]
async fn invalid_connections_are_refused() {
    let store = VaultStore::in_memory().unwrap();
    let alice = |provider: &str, token: &str| {
        NewConnection::new(provider, token).attribute("user_id", "alice")
    };
    let with_token_url = |url: &str| {
        let mut connection = alice("google", "t");
        connection.token_url = Some(url.into());
        connection
    };
    for (connection, message) in [
        (
            alice("", "t"),
            "invalid input: a connection needs a provider",
        ),
        (
            alice("google", ""),
            "invalid input: a connection needs an access token",
        ),
        (
            alice("Google", "t"),
            "invalid input: provider ids are lowercase: use `google`",
        ),
        (
            alice("goo gle", "t"),
            "invalid input: provider id \"goo gle\" holds ' ': use only lowercase ASCII \
             letters, digits, `-`, `_` and `.`",
        ),
        (
            NewConnection::new("google", "t"),
            "invalid input: a connection needs at least one attribute (such as `user_id`): \
             token requests find it by its attributes",
        ),
        (
            with_token_url("not a url"),
            "invalid input: token URL `not a url`: relative URL without a base",
        ),
        (
            with_token_url("ftp://x"),
            "invalid input: token URL `ftp://x` uses `ftp`: use https (or http to a loopback \
             host: 127.0.0.0/8, ::1, localhost)",
        ),
        (
            alice("google", "t").refresh_with(
                "http://oauth.example.com/token",
                "cid",
                Some("cs".into()),
                "r",
            ),
            "invalid input: token URL `http://oauth.example.com/token` uses plain http, which \
             would send the client secret and tokens in clear: use https (http is accepted \
             only for loopback hosts: 127.0.0.0/8, ::1, localhost)",
        ),
    ] {
        let error = store.add_connection(connection).await.unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        assert_eq!(error.to_string(), message);
    }
    assert!(store.connections().await.unwrap().is_empty());
}

#[tokio::test]
async fn api_key_names_are_one_line_of_at_most_64_printable_characters() {
    let store = VaultStore::in_memory().unwrap();

    for (name, message) in [
        ("", "invalid input: an API key needs a name"),
        (
            "dev\nops",
            "invalid input: an API key name must be printable: it holds U+000A; use visible \
             characters only",
        ),
        (
            &"x".repeat(5000),
            "invalid input: an API key name is at most 64 characters; this one has 5000",
        ),
    ] {
        let error = store.create_api_key(name).await.unwrap_err();
        assert_eq!(error.to_string(), message);
    }
    assert!(store.api_keys().await.unwrap().is_empty());
    store.create_api_key(&"é".repeat(64)).await.unwrap();
}

#[tokio::test]
async fn a_file_database_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.db");
    let id = {
        let store = VaultStore::open(&path).unwrap();
        store.create_api_key("kept").await.unwrap();
        store
            .add_connection(NewConnection::new("github", "gho").attribute("user_id", "alice"))
            .await
            .unwrap()
    };

    let reopened = VaultStore::open(&path).unwrap();
    assert_eq!(reopened.connections().await.unwrap()[0].id, id);
    assert_eq!(reopened.api_keys().await.unwrap()[0].name, "kept");
}

#[test]
fn debug_output_never_shows_tokens() {
    let connection = NewConnection::new("google", "ya29.SECRET").refresh_with(
        "https://t.example/token",
        "id",
        Some("CLIENT-SECRET".into()),
        "1//REFRESH",
    );
    let text = format!("{connection:?}");
    assert!(
        !text.contains("SECRET") && !text.contains("REFRESH"),
        "{text}"
    );
    assert!(text.contains("google"));
}

#[test]
fn a_connect_request_debugs_without_its_client_secret() {
    let request = alter_local_vault::ConnectRequest {
        provider: "google".into(),
        endpoints: alter_local_vault::ProviderEndpoints::known("google").unwrap(),
        client_id: "client-1".into(),
        client_secret: Some("CLIENT-SECRET".into()),
        scopes: vec!["calendar".into()],
        attributes: serde_json::Map::new(),
        port: 0,
        wait: std::time::Duration::from_secs(1),
    };

    let text = format!("{request:?}");

    assert!(!text.contains("CLIENT-SECRET"), "{text}");
    assert!(
        text.contains("client-1") && text.contains("google"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_handles_on_one_file_write_at_once_without_locking_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.db");
    // As `serve` and a command run at the same time: two connections to one file.
    let server = VaultStore::open(&path).unwrap();
    let command = VaultStore::open(&path).unwrap();

    let writes: Vec<_> = (0..40)
        .map(|n| {
            let store = if n % 2 == 0 { &server } else { &command }.clone();
            tokio::spawn(async move {
                store
                    .add_connection(
                        NewConnection::new("github", format!("token-{n}")).attribute("user_id", n),
                    )
                    .await
            })
        })
        .collect();
    for write in writes {
        write.await.unwrap().unwrap();
    }

    assert_eq!(server.connections().await.unwrap().len(), 40);
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn several_handles_opening_a_new_file_at_once_all_succeed() {
    // Each handle is its own SQLite connection, as `serve` and a command in two processes are.
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
        let opens: Vec<_> = (0..6)
            .map(|_| {
                let path = path.clone();
                let barrier = std::sync::Arc::clone(&barrier);
                std::thread::spawn(move || {
                    barrier.wait();
                    VaultStore::open(&path).map(drop)
                })
            })
            .collect();
        for open in opens {
            let result = open.join().unwrap();
            assert!(result.is_ok(), "round {round}: {result:?}");
        }
    }
}

#[test]
fn a_store_debugs_as_an_opaque_handle() {
    let store = VaultStore::in_memory().unwrap();

    assert_eq!(format!("{store:?}"), "VaultStore { .. }");
}

/// The permission bits of `path`.
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[tokio::test]
async fn a_new_database_file_and_its_journal_are_for_the_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.db");
    let served = dir.path().join("served.db");

    let store = VaultStore::open(&opened).unwrap();
    store
        .add_connection(NewConnection::new("github", "gho_secret").attribute("user_id", "alice"))
        .await
        .unwrap();
    let vault = alter_local_vault::LocalVault::builder()
        .path(&served)
        .start()
        .await
        .unwrap();
    vault.create_api_key("k").await.unwrap();

    assert_eq!(mode(&opened), 0o600);
    assert_eq!(mode(&dir.path().join("opened.db-wal")), 0o600);
    assert_eq!(mode(&served), 0o600);
    vault.shutdown().await;
}

#[cfg(unix)]
#[test]
fn an_existing_database_readable_by_others_is_made_owner_only() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.db");
    drop(VaultStore::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    drop(VaultStore::open(&path).unwrap());

    assert_eq!(mode(&path), 0o600);
}

#[cfg(unix)]
#[test]
fn a_file_that_is_not_a_database_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a database, just notes").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let opened = VaultStore::open(&path);

    assert!(matches!(opened, Err(Error::Storage { .. })), "{opened:?}");
    assert_eq!(mode(&path), 0o644);
}
