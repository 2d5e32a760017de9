//! What each command does.

use std::path::Path;
use std::time::Duration;

use alter_local_vault::{
    AuditFilter, ConnectRequest, ConnectionId, DEFAULT_TOKEN_LIFETIME, Error, LocalVault,
    NewConnection, ProviderEndpoints, VaultStore,
};
use serde_json::{Map, Value};

use super::ServeArgs;
use super::table;
use super::{AddConnectionArgs, ConnectArgs, ConnectionsCommand, KeysCommand};

type Result<T = ()> = std::result::Result<T, Error>;

/// `serve`: runs the server on the database until Ctrl-C or SIGTERM.
pub(crate) async fn serve(db: &Path, args: ServeArgs) -> Result {
    let store = VaultStore::open(db)?;
    let mut builder = LocalVault::builder()
        .store(store)
        .bind(args.listen)
        .refresh_timeout(Duration::from_secs(args.refresh_timeout))
        .default_token_lifetime(Duration::from_secs(args.default_token_lifetime));
    match &args.policies {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::InvalidInput(format!("cannot read {}: {e}", path.display())))?;
            builder = builder.policies(text);
        }
        None => {
            tracing::info!(
                target: "alter_local_vault",
                "no policies: every token request is permitted",
            )
        }
    }
    let vault = builder.start().await?;
    if let Some(path) = &args.policies {
        tracing::info!(target: "alter_local_vault", policies = %path.display(), "policies loaded");
    }
    println!("alter-local-vault listening on {}", vault.base_url());
    tracing::info!(target: "alter_local_vault", db = %db.display(), "serving");
    vault.serve_until(stop_signal()).await;
    Ok(())
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Opens the database for a command that only reads or changes what is there: a mistyped
/// `--db` is an error rather than a new, empty database.
fn open_existing(db: &Path) -> Result<VaultStore> {
    if !db.exists() {
        return Err(Error::NotFound(format!(
            "no database at {} (create one with `keys create`, or pass --db)",
            db.display()
        )));
    }
    VaultStore::open(db)
}

/// `keys create|list`.
pub(crate) async fn keys(db: &Path, command: KeysCommand) -> Result {
    match command {
        KeysCommand::Create { name } => {
            let store = VaultStore::open(db)?;
            // The one moment the key exists in clear: it goes to stdout for the user to keep.
            println!("{}", store.create_api_key(&name).await?);
        }
        KeysCommand::List => table::print_keys(&open_existing(db)?.api_keys().await?),
    }
    Ok(())
}

/// `connections add|list|remove`.
pub(crate) async fn connections(db: &Path, command: ConnectionsCommand) -> Result {
    match command {
        ConnectionsCommand::Add(args) => {
            let connection = new_connection(args)?;
            let id = VaultStore::open(db)?.add_connection(connection).await?;
            println!("{id}");
        }
        ConnectionsCommand::List { provider } => {
            let mut all = open_existing(db)?.connections().await?;
            if let Some(provider) = provider {
                all.retain(|connection| connection.provider == provider);
            }
            table::print_connections(&all);
        }
        ConnectionsCommand::Remove { id } => {
            open_existing(db)?
                .remove_connection(ConnectionId(id))
                .await?;
            eprintln!("removed connection {id}");
        }
    }
    Ok(())
}

fn new_connection(args: AddConnectionArgs) -> Result<NewConnection> {
    let token_url = refresh_endpoint(&args)?;
    let attributes = attributes(args.attributes)?;
    let access_token = secret(args.access_token, "--access-token")?;
    let refresh_token = args
        .refresh_token
        .map(|token| secret(token, "--refresh-token"))
        .transpose()?;
    let client_secret = args
        .client
        .client_secret
        .map(|value| secret(value, "--client-secret"))
        .transpose()?;
    let mut connection = NewConnection {
        provider: args.provider,
        attributes,
        access_token,
        refresh_token,
        scopes: args.scopes,
        token_url,
        client_id: args.client.client_id,
        client_secret,
        client_auth: args.client_auth.into(),
        ..NewConnection::default()
    };
    if let Some(seconds) = args.expires_in {
        let now = std::time::SystemTime::now();
        let offset = Duration::from_secs(seconds.unsigned_abs());
        let at = if seconds >= 0 {
            now.checked_add(offset)
        } else {
            now.checked_sub(offset)
        };
        connection.expires_at =
            Some(at.ok_or_else(|| Error::InvalidInput("--expires-in is out of range".into()))?);
    } else if connection.refresh_token.is_some() {
        // Without an expiry the token would never be refreshed.
        let lifetime = DEFAULT_TOKEN_LIFETIME;
        eprintln!(
            "warning: no --expires-in: assuming the access token expires in {} s, when it is \
             refreshed",
            lifetime.as_secs()
        );
        connection = connection.expires_in(lifetime);
    }
    Ok(connection)
}

/// The token endpoint to store: `--token-url`, else (with a refresh token) the known one of
/// the provider. A refresh token that could never be used is refused here, not at its first
/// use: one without a token endpoint or without the client to present there.
fn refresh_endpoint(args: &AddConnectionArgs) -> Result<Option<String>> {
    if args.refresh_token.is_none() {
        return Ok(args.token_url.clone());
    }
    let token_url = match &args.token_url {
        Some(url) => url.clone(),
        None => match ProviderEndpoints::known(&args.provider) {
            Some(endpoints) => endpoints.token_url,
            None => {
                return Err(Error::InvalidInput(format!(
                    "`{}` is not a known provider: a refresh token needs --token-url \
                     (its OAuth token endpoint)",
                    args.provider
                )));
            }
        },
    };
    if args.client.client_id.is_none() {
        return Err(Error::InvalidInput(
            "a refresh token needs --client-id (or ALTER_OAUTH_CLIENT_ID): \
             the token endpoint asks for the client"
                .into(),
        ));
    }
    Ok(Some(token_url))
}

/// A secret option's value; `-` stands for the next line of stdin, which keeps the secret out
/// of the process list (where every argument is visible).
fn secret(value: String, option: &str) -> Result<String> {
    if value != "-" {
        return Ok(value);
    }
    let mut line = String::new();
    let read = std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::InvalidInput(format!("{option} -: cannot read stdin: {e}")))?;
    if read == 0 {
        return Err(Error::InvalidInput(format!(
            "{option} -: stdin has no line for it"
        )));
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The `--attribute NAME=VALUE` pairs as a map; a NAME given twice is refused rather than
/// letting the last value win unnoticed.
fn attributes(pairs: Vec<(String, String)>) -> Result<Map<String, Value>> {
    let mut map = Map::new();
    for (name, value) in pairs {
        if let Some(Value::String(first)) = map.get(&name) {
            return Err(Error::InvalidInput(format!(
                "--attribute `{name}` is given twice (`{name}={first}`, `{name}={value}`): \
                 give each attribute once"
            )));
        }
        map.insert(name, Value::String(value));
    }
    Ok(map)
}

/// `connect <provider>`: the authorization-code flow against a real account.
pub(crate) async fn connect(db: &Path, mut args: ConnectArgs) -> Result {
    let attributes = attributes(std::mem::take(&mut args.attributes))?;
    let endpoints = endpoints(&args, ProviderEndpoints::known(&args.provider))?;
    let client_id = args.client.client_id.ok_or_else(|| {
        Error::InvalidInput("give --client-id (or set ALTER_OAUTH_CLIENT_ID)".into())
    })?;
    let request = ConnectRequest {
        provider: args.provider,
        endpoints,
        client_id,
        client_secret: args
            .client
            .client_secret
            .map(|value| secret(value, "--client-secret"))
            .transpose()?,
        scopes: args.scopes,
        attributes,
        port: args.port,
        wait: Duration::from_secs(args.wait),
    };
    let store = VaultStore::open(db)?;
    let id = alter_local_vault::connect(&store, request, |url| {
        eprintln!("Open this URL in a browser and approve the access:\n\n  {url}\n");
    })
    .await?;
    println!("{id}");
    Ok(())
}

/// The endpoints `connect` uses: the `known` ones of the provider, each part replaced by the
/// option that names it; a provider without known endpoints needs both URLs.
fn endpoints(args: &ConnectArgs, known: Option<ProviderEndpoints>) -> Result<ProviderEndpoints> {
    let mut endpoints = known.unwrap_or_else(|| ProviderEndpoints::new("", ""));
    if let Some(client_auth) = args.client_auth {
        endpoints.client_auth = client_auth.into();
    }
    if let Some(auth_url) = &args.auth_url {
        endpoints.auth_url.clone_from(auth_url);
    }
    if let Some(token_url) = &args.token_url {
        endpoints.token_url.clone_from(token_url);
    }
    if endpoints.auth_url.is_empty() || endpoints.token_url.is_empty() {
        return Err(Error::InvalidInput(format!(
            "`{}` is not a known provider: give --auth-url and --token-url",
            args.provider
        )));
    }
    Ok(endpoints)
}

/// `audit list`.
pub(crate) async fn audit_list(
    db: &Path,
    provider: Option<String>,
    user: Option<String>,
    limit: usize,
) -> Result {
    let store = open_existing(db)?;
    let filter = AuditFilter {
        provider,
        user,
        limit: Some(limit),
        ..AuditFilter::default()
    };
    table::print_audit(&store.audit_records(filter).await?);
    Ok(())
}

/// `audit tokens`.
pub(crate) async fn token_list(db: &Path, limit: usize) -> Result {
    let store = open_existing(db)?;
    let mut records = store.token_accesses().await?;
    records.reverse();
    records.truncate(limit);
    table::print_token_accesses(&records);
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use alter_local_vault::ClientAuth;
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    fn connect_args(options: &[&str]) -> ConnectArgs {
        let fixed = ["alter-local-vault", "connect", "acme", "--attribute", "u=a"];
        match Cli::try_parse_from(fixed.iter().chain(options))
            .unwrap()
            .command
        {
            Command::Connect(args) => args,
            other => panic!("not connect: {other:?}"),
        }
    }

    fn body_auth_provider() -> ProviderEndpoints {
        let mut known = ProviderEndpoints::new("https://a.example/auth", "https://a.example/token");
        known.client_auth = ClientAuth::RequestBody;
        known
    }

    #[test]
    fn connect_keeps_the_known_client_auth_unless_client_auth_is_given() {
        let kept = endpoints(&connect_args(&[]), Some(body_auth_provider())).unwrap();
        assert_eq!(kept, body_auth_provider());

        let args = connect_args(&["--client-auth", "basic"]);
        let replaced = endpoints(&args, Some(body_auth_provider())).unwrap();
        assert_eq!(replaced.client_auth, ClientAuth::Basic);
    }

    #[test]
    fn connect_to_an_unknown_provider_takes_basic_and_needs_both_urls() {
        let urls = [
            "--auth-url",
            "https://a.example/auth",
            "--token-url",
            "https://a.example/token",
        ];
        let unknown = endpoints(&connect_args(&urls), None).unwrap();
        assert_eq!(
            unknown,
            ProviderEndpoints::new("https://a.example/auth", "https://a.example/token")
        );

        let error = endpoints(&connect_args(&urls[..2]), None).unwrap_err();
        assert_eq!(
            error.to_string(),
            Error::InvalidInput(
                "`acme` is not a known provider: give --auth-url and --token-url".into()
            )
            .to_string()
        );
    }
}
