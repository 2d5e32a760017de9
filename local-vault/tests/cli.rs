//! The `alter-local-vault` binary on a temporary database.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

use std::collections::HashMap;
use std::path::Path;
use std::process::{Output, Stdio};

use alter_local_vault::LocalVault;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BIN: &str = env!("CARGO_BIN_EXE_alter-local-vault");

async fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ALTER_ACCESS_TOKEN")
        .env_remove("ALTER_OAUTH_CLIENT_ID")
        .env_remove("ALTER_OAUTH_CLIENT_SECRET")
        .output()
        .await
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn add_alice(db: &Path) -> String {
    add_user(db, "alice").await
}

/// Adds a Google connection for `user_id = user` and returns its id.
async fn add_user(db: &Path, user: &str) -> String {
    let output = run(
        db,
        &[
            "connections",
            "add",
            "--provider",
            "google",
            "--attribute",
            &format!("user_id={user}"),
            "--access-token",
            "ya29.SECRET-TOKEN",
            "--expires-in",
            "3600",
            "--scope",
            "calendar",
        ],
    )
    .await;
    stdout(&output).trim().to_string()
}

/// Runs `connections add --provider PROVIDER --attribute user_id=alice --access-token t`
/// with `more` arguments.
async fn add_for_alice(db: &Path, provider: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "connections",
        "add",
        "--provider",
        provider,
        "--attribute",
        "user_id=alice",
        "--access-token",
        "t",
    ];
    args.extend_from_slice(more);
    run(db, &args).await
}

/// Runs `connect PROVIDER --client-id cid --attribute user_id=alice --wait 1` with `more`
/// arguments.
async fn connect_for_alice(db: &Path, provider: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "connect",
        provider,
        "--client-id",
        "cid",
        "--attribute",
        "user_id=alice",
        "--wait",
        "1",
    ];
    args.extend_from_slice(more);
    run(db, &args).await
}

/// The cells of each row of a printed table, header first, trimmed.
fn table_rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .filter_map(|line| line.strip_prefix('│')?.strip_suffix('│'))
        .map(|row| row.split('┆').map(|cell| cell.trim().to_string()).collect())
        .collect()
}

/// Starts `serve` on a free port and returns the child and its base URL.
async fn serve(db: &Path) -> (Child, String) {
    serve_with(db, &[]).await
}

/// Starts `serve` on a free port with more arguments.
async fn serve_with(db: &Path, extra: &[&str]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let line = BufReader::new(stdout)
        .lines()
        .next_line()
        .await
        .unwrap()
        .unwrap();
    let url = line.rsplit(' ').next().unwrap().to_string();
    assert!(
        line.starts_with("alter-local-vault listening on http://127.0.0.1:"),
        "{line}"
    );
    (child, url)
}

/// What `connect` did once the browser approved.
struct Approved {
    /// The query of the authorization URL it printed.
    query: HashMap<String, String>,
    /// Whether it exited successfully.
    success: bool,
    /// What it printed on stdout: the id of the new connection.
    stdout: String,
    /// What it wrote to stderr after the URL.
    rest: String,
}

/// Runs `connect` with `args` and plays a browser that approves at once, answering with the
/// code `the-code`.
async fn connect_approving(db: &Path, args: &[&str]) -> Approved {
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .arg("connect")
        .args(args)
        .env_remove("ALTER_OAUTH_CLIENT_ID")
        .env_remove("ALTER_OAUTH_CLIENT_SECRET")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let authorize = loop {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("the URL is printed");
        let line = line.trim();
        if line.starts_with("https://") && line.contains("redirect_uri=") {
            break url::Url::parse(line).unwrap();
        }
    };
    let query: HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    let callback = format!(
        "{}?code=the-code&state={}",
        query["redirect_uri"], query["state"]
    );
    assert_eq!(reqwest::get(callback).await.unwrap().status(), 200);

    let mut rest = String::new();
    while let Some(line) = lines.next_line().await.unwrap() {
        rest.push_str(&line);
        rest.push('\n');
    }
    let output = child.wait_with_output().await.unwrap();
    Approved {
        query,
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        rest,
    }
}

/// Runs `connect acme` with the authorization URL `https://auth.example/authorize`, the token
/// URL `token_url`, the client `cid` and `--attribute user_id=alice`, with `more` arguments,
/// and plays a browser that approves.
async fn connect_acme_approving(db: &Path, token_url: &str, more: &[&str]) -> Approved {
    let mut args = vec![
        "acme",
        "--auth-url",
        "https://auth.example/authorize",
        "--token-url",
        token_url,
        "--client-id",
        "cid",
        "--attribute",
        "user_id=alice",
    ];
    args.extend_from_slice(more);
    connect_approving(db, &args).await
}

/// A token endpoint at `/token` that answers one request with `answer`.
async fn token_endpoint_granting(answer: serde_json::Value) -> MockServer {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(&provider)
        .await;
    provider
}

/// `POST /oauth/token` to the vault at `url` with the API key `key`, returning the answer.
async fn request_token(url: &str, key: &str, body: serde_json::Value) -> serde_json::Value {
    reqwest::Client::new()
        .post(format!("{url}/oauth/token"))
        .header("x-api-key", key)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn keys_create_prints_a_key_and_list_shows_only_its_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let key = stdout(&run(&db, &["keys", "create", "ci"]).await)
        .trim()
        .to_string();
    let listed = stdout(&run(&db, &["keys", "list"]).await);

    assert!(key.starts_with("alter_key_") && key.len() == 74, "{key}");
    assert!(listed.contains("ci") && listed.contains(&format!("{}...", &key[..16])));
    assert!(!listed.contains(&key));
}

#[tokio::test]
async fn connections_add_list_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let id = add_alice(&db).await;
    let listed = stdout(&run(&db, &["connections", "list"]).await);
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
    assert!(
        listed.contains(&id) && listed.contains("user_id=alice") && listed.contains("calendar")
    );
    assert!(!listed.contains("SECRET"), "{listed}");
    let other = stdout(&run(&db, &["connections", "list", "--provider", "github"]).await);
    assert!(!other.contains(&id));

    stdout(&run(&db, &["connections", "remove", &id]).await);
    assert!(!stdout(&run(&db, &["connections", "list"]).await).contains(&id));
    let again = run(&db, &["connections", "remove", &id]).await;
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&again.stderr).trim(),
        format!("error: not found: no connection with id {id}")
    );
}

#[tokio::test]
async fn a_malformed_attribute_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        &dir.path().join("v.db"),
        &[
            "connections",
            "add",
            "--provider",
            "g",
            "--attribute",
            "alice",
            "--access-token",
            "t",
        ],
    )
    .await;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("expected NAME=VALUE, got `alice`"));
}

#[tokio::test]
async fn serve_answers_tokens_and_audit_list_shows_the_calls() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let key = stdout(&run(&db, &["keys", "create"]).await)
        .trim()
        .to_string();
    let id = add_alice(&db).await;
    let (mut child, url) = serve(&db).await;
    let http = reqwest::Client::new();

    let token = request_token(
        &url,
        &key,
        json!({"provider_id": "google", "attributes": {"user_id": "alice"}, "reason": null}),
    )
    .await;
    assert_eq!(token["connection_id"], id);
    let audit = http
        .post(format!("{url}/oauth/audit/api-call"))
        .header("x-api-key", &key)
        .json(
            &json!({"connection_id": id, "provider_id": "google", "method": "GET",
                      "url": "https://www.googleapis.com/calendar/v3/events",
                      "response_status": 200, "latency_ms": 5, "reason": "agenda"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(audit.status(), 201);

    let table = stdout(
        &run(
            &db,
            &["audit", "list", "--provider", "google", "--user", "alice"],
        )
        .await,
    );
    assert!(
        table.contains("https://www.googleapis.com/calendar/v3/events"),
        "{table}"
    );
    assert!(table.contains("agenda") && table.contains("200"));

    let bob = add_user(&db, "bob").await;
    let audit = http
        .post(format!("{url}/oauth/audit/api-call"))
        .header("x-api-key", &key)
        .json(
            &json!({"connection_id": bob, "provider_id": "google", "method": "get",
                      "url": "https://www.googleapis.com/drive/v3/files",
                      "response_status": 404, "latency_ms": 7, "reason": "files"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(audit.status(), 201);
    let listed = run(&db, &["audit", "list", "--user", "bob"]).await;
    assert_eq!(listed.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&listed.stderr), "");
    let rows = table_rows(&String::from_utf8_lossy(&listed.stdout));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows[0],
        [
            "time", "provider", "user", "method", "url", "status", "ms", "reason"
        ]
    );
    assert_eq!(
        rows[1][1..],
        [
            "google",
            "user_id=bob",
            "GET",
            "https://www.googleapis.com/drive/v3/files",
            "404",
            "7",
            "files"
        ]
    );
    assert!(
        rows[1][0].len() == 20 && rows[1][0].ends_with('Z'),
        "{rows:?}"
    );

    let nobody = run(&db, &["audit", "list", "--user", "carol"]).await;
    assert_eq!(nobody.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&nobody.stdout),
        "no audit records\n"
    );
    let tokens = stdout(&run(&db, &["audit", "tokens"]).await);
    assert!(
        tokens.contains("user_id=alice") && tokens.contains("allowed"),
        "{tokens}"
    );
    child.kill().await.unwrap();
}

#[tokio::test]
async fn connect_runs_the_pkce_flow_and_stores_the_connection() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=the-code"))
        .and(body_string_contains("code_verifier="))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "fresh-access", "token_type": "Bearer", "expires_in": 3600,
            "refresh_token": "fresh-refresh", "scope": "read write"})))
        .expect(1)
        .mount(&provider)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let token_url = format!("{}/token", provider.uri());

    let connected = connect_acme_approving(
        &db,
        &token_url,
        &["--client-secret", "cs", "--scope", "read", "--wait", "30"],
    )
    .await;

    let query = &connected.query;
    assert_eq!(query["client_id"], "cid");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["scope"], "read");
    assert!(query["redirect_uri"].starts_with("http://127.0.0.1:"));
    assert!(connected.success, "{}", connected.rest);
    let id = connected.stdout.trim();
    let listed = stdout(&run(&db, &["connections", "list"]).await);
    assert!(listed.contains(id) && listed.contains("acme") && listed.contains("read write"));
    assert!(listed.contains("user_id=alice") && !listed.contains("fresh-access"));
}

#[tokio::test]
async fn an_expiry_out_of_range_is_a_clear_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vault.db");
    // Now plus i64::MAX seconds is past what the system clock can represent.
    let output = add_for_alice(&db, "google", &["--expires-in", "9223372036854775807"]).await;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: invalid input: --expires-in is out of range"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_connection_expiring_after_the_year_9999_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vault.db");
    let added = add_for_alice(&db, "google", &["--expires-in", "400000000000"]).await;
    stdout(&added);

    let listed = stdout(&run(&db, &["connections", "list"]).await);

    assert!(listed.contains("after 9999-12-31"), "{listed}");
}

#[tokio::test]
async fn tokens_and_the_client_secret_can_come_from_stdin() {
    use tokio::io::AsyncWriteExt;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vault.db");
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["connections", "add", "--provider", "google"])
        .args([
            "--attribute",
            "user_id=alice",
            "--token-url",
            "https://t.example/token",
        ])
        .args([
            "--access-token",
            "-",
            "--refresh-token",
            "-",
            "--client-id",
            "c",
        ])
        .args(["--client-secret", "-"])
        .env_remove("ALTER_ACCESS_TOKEN")
        .env_remove("ALTER_OAUTH_CLIENT_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"access-from-stdin\r\nrefresh-from-stdin\nsecret-from-stdin\n")
        .await
        .unwrap();
    drop(stdin);
    let id = stdout(&child.wait_with_output().await.unwrap());

    let store = alter_local_vault::VaultStore::open(&db).unwrap();
    let listed = store.connections().await.unwrap();
    assert_eq!(listed[0].id.to_string(), id.trim());
    assert!(listed[0].refreshable);
    let vault = LocalVault::builder().store(store).start().await.unwrap();
    let key = vault.create_api_key("t").await.unwrap();
    let token = request_token(
        &vault.base_url(),
        &key,
        json!({"provider_id": "google", "attributes": {"user_id": "alice"}, "reason": null}),
    )
    .await;
    assert_eq!(token["access_token"], "access-from-stdin");
    let secrets: (String, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT refresh_token, client_secret FROM connections",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        secrets,
        (
            "refresh-from-stdin".to_string(),
            "secret-from-stdin".to_string()
        )
    );
}

#[tokio::test]
async fn a_token_from_empty_stdin_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vault.db");
    let output = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args([
            "connections",
            "add",
            "--provider",
            "google",
            "--attribute",
            "user_id=alice",
            "--access-token",
            "-",
        ])
        .env_remove("ALTER_ACCESS_TOKEN")
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap();

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: invalid input: --access-token -: stdin has no line for it"),
        "{stderr}"
    );
}

#[tokio::test]
async fn listing_a_database_that_does_not_exist_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");

    for args in [
        &["audit", "list"][..],
        &["audit", "tokens"],
        &["connections", "list"],
        &["keys", "list"],
    ] {
        let output = run(&db, args).await;

        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = format!(
            "error: not found: no database at {} (create one with `keys create`, or pass --db)",
            db.display()
        );
        assert_eq!(stderr.trim(), expected, "{args:?}");
        assert!(!db.exists(), "{args:?}");
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "these are notes, not a database").unwrap();

    let output = run(&db, &["connections", "list"]).await;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first = stderr.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        format!(
            "error: storage error: cannot use {} as a database",
            db.display()
        )
    );
    assert!(
        stderr.contains("caused by: file is not a database"),
        "{stderr}"
    );
}

#[tokio::test]
async fn serve_warns_when_no_policy_permits_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let policies = dir.path().join("policies.cedar");
    std::fs::write(
        &policies,
        "forbid (principal, action, resource) when { resource.provider == \"github\" };\n",
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["serve", "--listen", "127.0.0.1:0", "--policies"])
        .arg(&policies)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let listening = BufReader::new(stdout).lines().next_line().await.unwrap();
    assert!(listening.is_some_and(|line| line.starts_with("alter-local-vault listening on")));

    child.start_kill().unwrap();
    let output = child.wait_with_output().await.unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no policy is a `permit`: every token request will be denied"),
        "{stderr}"
    );
}

fn stored_refresh_settings(db: &Path) -> (Option<String>, Option<String>) {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT token_url, client_id FROM connections", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap()
}

#[tokio::test]
async fn a_refresh_token_for_a_known_provider_refreshes_at_its_token_endpoint_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let added = add_for_alice(
        &db,
        "google",
        &[
            "--refresh-token",
            "r",
            "--client-id",
            "cid",
            "--expires-in",
            "-10",
        ],
    )
    .await;
    stdout(&added);

    assert_eq!(
        stored_refresh_settings(&db),
        (
            Some("https://oauth2.googleapis.com/token".to_string()),
            Some("cid".to_string())
        )
    );
    let listed = stdout(&run(&db, &["connections", "list"]).await);
    let row = listed.lines().find(|line| line.contains("google")).unwrap();
    assert!(
        row.trim_end_matches(['│', ' ']).ends_with("yes"),
        "{listed}"
    );
}

#[tokio::test]
async fn a_given_token_url_overrides_the_known_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let added = add_for_alice(
        &db,
        "google",
        &[
            "--refresh-token",
            "r",
            "--client-id",
            "cid",
            "--token-url",
            "http://127.0.0.1:9/token",
        ],
    )
    .await;
    stdout(&added);

    assert_eq!(
        stored_refresh_settings(&db).0.as_deref(),
        Some("http://127.0.0.1:9/token")
    );
}

#[tokio::test]
async fn a_refresh_token_for_an_unknown_provider_needs_a_token_url() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let output = add_for_alice(&db, "acme", &["--refresh-token", "r", "--client-id", "cid"]).await;

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "error: invalid input: `acme` is not a known provider: \
         a refresh token needs --token-url (its OAuth token endpoint)"
    );
    assert!(!db.exists());
}

#[tokio::test]
async fn a_refresh_token_needs_a_client_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    for provider in ["acme", "google"] {
        let output = add_for_alice(
            &db,
            provider,
            &[
                "--refresh-token",
                "r",
                "--token-url",
                "http://127.0.0.1:9/token",
            ],
        )
        .await;

        assert_eq!(output.status.code(), Some(1), "{provider}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr).trim(),
            "error: invalid input: a refresh token needs --client-id \
             (or ALTER_OAUTH_CLIENT_ID): the token endpoint asks for the client",
            "{provider}"
        );
        assert!(!db.exists(), "{provider}");
    }
}

#[tokio::test]
async fn a_connection_without_an_attribute_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let added = run(
        &db,
        &[
            "connections",
            "add",
            "--provider",
            "google",
            "--access-token",
            "t",
        ],
    )
    .await;
    let connected = run(
        &db,
        &["connect", "google", "--client-id", "cid", "--wait", "1"],
    )
    .await;

    for output in [added, connected] {
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with(
                "error: the following required arguments were not provided:\n  \
                 --attribute <NAME=VALUE>\n"
            ),
            "{stderr}"
        );
    }
    assert!(!db.exists());
}

#[tokio::test]
async fn the_db_help_says_which_commands_create_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&dir.path().join("v.db"), &["--help"]).await;

    let help = stdout(&output);
    assert!(!help.contains("created if missing"), "{help}");
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "The SQLite database file. `keys create`, `connections add`, `connect` and `serve` \
             create it when it is missing; the other commands refuse a missing file"
        ),
        "{help}"
    );
}

#[tokio::test]
async fn empty_listings_print_a_line_instead_of_an_empty_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let key = stdout(&run(&db, &["keys", "create"]).await);
    assert!(key.starts_with("alter_key_"), "{key}");
    let other = dir.path().join("other.db");
    add_alice(&other).await;

    assert_eq!(
        stdout(&run(&db, &["connections", "list"]).await),
        "no connections\n"
    );
    assert_eq!(
        stdout(&run(&other, &["connections", "list", "--provider", "github"]).await),
        "no connections\n"
    );
    assert_eq!(
        stdout(&run(&db, &["audit", "list"]).await),
        "no audit records\n"
    );
    assert_eq!(
        stdout(&run(&db, &["audit", "tokens"]).await),
        "no token requests\n"
    );
    assert_eq!(
        stdout(&run(&other, &["keys", "list"]).await),
        "no API keys\n"
    );
    let listed = stdout(&run(&other, &["connections", "list"]).await);
    assert!(
        listed.starts_with('┌') && listed.contains("user_id=alice"),
        "{listed}"
    );
}

#[tokio::test]
async fn a_refresh_token_without_expires_in_is_taken_to_expire_in_an_hour_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let before = std::time::SystemTime::now();

    let added = add_for_alice(
        &db,
        "salesforce",
        &["--refresh-token", "r", "--client-id", "cid"],
    )
    .await;

    stdout(&added);
    assert_eq!(
        String::from_utf8_lossy(&added.stderr),
        "warning: no --expires-in: assuming the access token expires in 3600 s, when it is \
         refreshed\n"
    );
    let store = alter_local_vault::VaultStore::open(&db).unwrap();
    let expires_at = store.connections().await.unwrap()[0].expires_at.unwrap();
    let lifetime = expires_at.duration_since(before).unwrap().as_secs();
    assert!((3595..=3605).contains(&lifetime), "{lifetime}");
}

#[tokio::test]
async fn a_connection_without_refresh_token_nor_expires_in_does_not_expire_and_is_not_warned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let added = run(
        &db,
        &[
            "connections",
            "add",
            "--provider",
            "notion",
            "--attribute",
            "user_id=alice",
            "--access-token",
            "secret_x",
        ],
    )
    .await;

    stdout(&added);
    assert_eq!(String::from_utf8_lossy(&added.stderr), "");
    let store = alter_local_vault::VaultStore::open(&db).unwrap();
    assert_eq!(store.connections().await.unwrap()[0].expires_at, None);
}

#[tokio::test]
async fn connect_warns_when_a_refreshable_token_comes_without_expires_in() {
    let provider = token_endpoint_granting(json!({
            "access_token": "00D-access", "token_type": "Bearer",
            "refresh_token": "5Aep-refresh"}))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let token_url = format!("{}/token", provider.uri());

    let Approved { success, rest, .. } = connect_acme_approving(&db, &token_url, &[]).await;

    assert!(success, "{rest}");
    assert!(
        rest.contains(
            "WARN alter_local_vault::connect: the token answer has no expires_in: assuming the \
             access token expires in 3600 s (it is refreshed then)"
        ),
        "{rest}"
    );
    assert!(
        !rest.contains("00D-access") && !rest.contains("5Aep-refresh"),
        "{rest}"
    );
    let store = alter_local_vault::VaultStore::open(&db).unwrap();
    assert!(store.connections().await.unwrap()[0].expires_at.is_some());
}

#[tokio::test]
async fn serve_takes_the_default_token_lifetime_for_answers_without_expires_in() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "00D-new", "token_type": "Bearer"})),
        )
        .expect(1)
        .mount(&provider)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let token_url = format!("{}/token", provider.uri());
    let added = run(
        &db,
        &[
            "connections",
            "add",
            "--provider",
            "salesforce",
            "--attribute",
            "user_id=alice",
            "--access-token",
            "00D-old",
            "--refresh-token",
            "r",
            "--client-id",
            "cid",
            "--token-url",
            &token_url,
            "--expires-in",
            "-10",
        ],
    )
    .await;
    stdout(&added);
    let key = stdout(&run(&db, &["keys", "create"]).await)
        .trim()
        .to_string();
    let (mut child, url) = serve_with(&db, &["--default-token-lifetime", "600"]).await;

    let token = request_token(
        &url,
        &key,
        json!({"provider_id": "salesforce", "attributes": {"user_id": "alice"}}),
    )
    .await;

    assert_eq!(token["access_token"], "00D-new");
    let expires_in = token["expires_in"].as_i64().unwrap();
    assert!((590..=600).contains(&expires_in), "{token}");
    child.kill().await.unwrap();
}

/// Asserts a usage error (status 2) whose stderr starts with `first_line`, and that no
/// database was created.
fn assert_usage_error(db: &Path, output: &Output, first_line: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().next(), Some(first_line), "{stderr}");
    assert!(!db.exists());
}

#[tokio::test]
async fn a_token_url_that_is_not_https_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    for url in ["ftp://x", "http://oauth.example.com/token"] {
        let added = add_for_alice(
            &db,
            "google",
            &[
                "--refresh-token",
                "r",
                "--client-id",
                "cid",
                "--token-url",
                url,
            ],
        )
        .await;
        let connected = connect_for_alice(
            &db,
            "acme",
            &[
                "--auth-url",
                "https://auth.example/authorize",
                "--token-url",
                url,
            ],
        )
        .await;

        let message = match url {
            "ftp://x" => "token URL `ftp://x` uses `ftp`: use https (or http to a loopback host: \
                          127.0.0.0/8, ::1, localhost)"
                .to_string(),
            _ => format!(
                "token URL `{url}` uses plain http, which would send the client secret and \
                 tokens in clear: use https (http is accepted only for loopback hosts: \
                 127.0.0.0/8, ::1, localhost)"
            ),
        };
        for output in [added, connected] {
            assert_usage_error(
                &db,
                &output,
                &format!("error: invalid value for '--token-url <TOKEN_URL>': {message}"),
            );
        }
    }
}

#[tokio::test]
async fn a_token_url_holding_credentials_is_a_usage_error_that_never_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let advice = |bare: &str| {
        format!(
            "the token URL holds credentials before its host: write `{bare}` and give them as \
             the client id and secret (--client-id, --client-secret)"
        )
    };

    for (url, message) in [
        (
            "http://user:s3cret@127.0.0.1/t",
            advice("http://127.0.0.1/t"),
        ),
        (
            "https://cid:s3cret@oauth.example.com/token",
            advice("https://oauth.example.com/token"),
        ),
        (
            "https://cid:s3cret@oauth.example.com:99999/token",
            "token URL `https://oauth.example.com:99999/token`: invalid port number".into(),
        ),
    ] {
        let refresh = ["--refresh-token", "r", "--client-id", "cid"];
        let added =
            add_for_alice(&db, "acme", &[&refresh[..], &["--token-url", url]].concat()).await;
        let connected = connect_for_alice(
            &db,
            "acme",
            &[
                "--auth-url",
                "https://auth.example/authorize",
                "--token-url",
                url,
            ],
        )
        .await;

        for (output, usage) in [
            (
                added,
                "alter-local-vault connections add [OPTIONS] --provider <PROVIDER> --attribute \
                 <NAME=VALUE> --access-token <ACCESS_TOKEN>",
            ),
            (
                connected,
                "alter-local-vault connect [OPTIONS] --attribute <NAME=VALUE> <PROVIDER>",
            ),
        ] {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{stderr}");
            assert_eq!(
                stderr,
                format!(
                    "error: invalid value for '--token-url <TOKEN_URL>': {message}\n\n\
                     Usage: {usage}\n\nFor more information, try '--help'.\n"
                )
            );
            assert!(!stderr.contains("s3cret"), "{stderr}");
            assert!(
                !stderr.contains("cid:") && !stderr.contains("user:"),
                "{stderr}"
            );
            assert!(!db.exists());
        }
    }
}

#[tokio::test]
async fn an_attribute_with_an_empty_value_or_name_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    for (attribute, message) in [
        (
            "u=",
            "attribute `u` has an empty value: give it the value token requests name the user \
             by, such as `u=alice`",
        ),
        (
            "=alice",
            "an attribute needs a name (such as `user_id`) before its value",
        ),
    ] {
        let added = run(
            &db,
            &[
                "connections",
                "add",
                "--provider",
                "google",
                "--attribute",
                attribute,
                "--access-token",
                "t",
            ],
        )
        .await;
        let connected = connect_for_alice(&db, "google", &["--attribute", attribute]).await;

        for output in [added, connected] {
            assert_usage_error(
                &db,
                &output,
                &format!(
                    "error: invalid value '{attribute}' for '--attribute <NAME=VALUE>': {message}"
                ),
            );
        }
    }
}

#[tokio::test]
async fn a_token_url_to_a_loopback_host_over_http_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    for url in [
        "http://127.0.0.1:9/token",
        "http://[::1]:9/token",
        "http://localhost:9/token",
    ] {
        let added = run(
            &db,
            &[
                "connections",
                "add",
                "--provider",
                "acme",
                "--attribute",
                &format!("url={url}"),
                "--access-token",
                "t",
                "--refresh-token",
                "r",
                "--client-id",
                "cid",
                "--token-url",
                url,
            ],
        )
        .await;
        stdout(&added);
    }
}

#[tokio::test]
async fn a_provider_id_that_is_not_lowercase_is_a_usage_error_naming_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    for (provider, message) in [
        ("Google", "provider ids are lowercase: use `google`"),
        (
            "goo gle",
            "provider id \"goo gle\" holds ' ': use only lowercase ASCII letters, digits, `-`, \
             `_` and `.`",
        ),
    ] {
        let added = add_for_alice(&db, provider, &[]).await;
        let connected = connect_for_alice(&db, provider, &[]).await;

        assert_usage_error(
            &db,
            &added,
            &format!("error: invalid value '{provider}' for '--provider <PROVIDER>': {message}"),
        );
        assert_usage_error(
            &db,
            &connected,
            &format!("error: invalid value '{provider}' for '<PROVIDER>': {message}"),
        );
    }
}

#[tokio::test]
async fn an_attribute_given_twice_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let added = run(
        &db,
        &[
            "connections",
            "add",
            "--provider",
            "google",
            "--attribute",
            "user_id=alice",
            "--attribute",
            "user_id=bob",
            "--access-token",
            "t",
        ],
    )
    .await;
    let connected = run(
        &db,
        &[
            "connect",
            "google",
            "--client-id",
            "cid",
            "--attribute",
            "user_id=alice",
            "--attribute",
            "user_id=bob",
            "--wait",
            "1",
        ],
    )
    .await;

    for output in [added, connected] {
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: invalid input: --attribute `user_id` is given twice (`user_id=alice`, \
             `user_id=bob`): give each attribute once\n"
        );
    }
    assert!(!db.exists());
}

#[tokio::test]
async fn a_key_name_that_would_break_the_listing_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let long = "x".repeat(5000);

    let newline = run(&db, &["keys", "create", "dev\nops"]).await;
    let too_long = run(&db, &["keys", "create", &long]).await;

    assert_usage_error(&db, &newline, "error: invalid value 'dev");
    assert!(
        String::from_utf8_lossy(&newline.stderr).contains(
            "ops' for '[NAME]': an API key name must be printable: it holds U+000A; use visible \
             characters only"
        ),
        "{}",
        String::from_utf8_lossy(&newline.stderr)
    );
    assert_usage_error(
        &db,
        &too_long,
        &format!(
            "error: invalid value '{long}' for '[NAME]': an API key name is at most 64 \
             characters; this one has 5000"
        ),
    );
    stdout(&run(&db, &["keys", "create", &"x".repeat(64)]).await);
}

#[tokio::test]
async fn no_answer_from_the_browser_is_an_authorization_failure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");

    let output = connect_for_alice(&db, "google", &[]).await;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.lines().last(),
        Some("error: authorization failed: no answer from the browser in time (waited 1 s)"),
        "{stderr}"
    );
}

#[tokio::test]
async fn connect_microsoft_asks_for_offline_access() {
    let provider = token_endpoint_granting(json!({
            "access_token": "EwB-access", "token_type": "Bearer", "expires_in": 3600,
            "refresh_token": "M.R3-refresh"}))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let token_url = format!("{}/token", provider.uri());

    let Approved {
        query,
        success,
        rest,
        ..
    } = connect_approving(
        &db,
        &[
            "microsoft",
            "--token-url",
            &token_url,
            "--client-id",
            "cid",
            "--scope",
            "User.Read",
            "--attribute",
            "user_id=alice",
        ],
    )
    .await;

    assert!(success, "{rest}");
    assert_eq!(query["scope"], "User.Read offline_access");
    assert!(!rest.contains("WARN"), "{rest}");
}

#[tokio::test]
async fn connect_warns_when_an_expiring_token_comes_without_a_refresh_token() {
    let provider = token_endpoint_granting(json!({
            "access_token": "EwB-access", "token_type": "Bearer", "expires_in": 3599}))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let token_url = format!("{}/token", provider.uri());

    let Approved { success, rest, .. } = connect_acme_approving(&db, &token_url, &[]).await;

    assert!(success, "{rest}");
    assert!(
        rest.contains(
            "WARN alter_local_vault::connect: no refresh token was granted: the access token \
             expires in 3599 s and cannot be refreshed then (ask for offline access, such as \
             the `offline_access` scope, and connect again)"
        ),
        "{rest}"
    );
    assert!(!rest.contains("EwB-access"), "{rest}");
}

#[tokio::test]
async fn connect_client_auth_body_sends_the_client_in_the_form_and_is_stored() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("client_id=cid"))
        .and(body_string_contains("client_secret=cs"))
        .and(|request: &wiremock::Request| !request.headers.contains_key("authorization"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "a", "token_type": "Bearer", "expires_in": 3600,
            "refresh_token": "r"})))
        .expect(1)
        .mount(&provider)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let token_url = format!("{}/token", provider.uri());

    let Approved { success, rest, .. } = connect_acme_approving(
        &db,
        &token_url,
        &["--client-secret", "cs", "--client-auth", "body"],
    )
    .await;

    assert!(success, "{rest}");
    let stored: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT client_auth FROM connections", [], |row| row.get(0))
        .unwrap();
    assert_eq!(stored, "body");
}
