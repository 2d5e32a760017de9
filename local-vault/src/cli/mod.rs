//! Command-line arguments and their dispatch.

mod commands;
mod table;

use std::ffi::OsStr;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use alter_local_vault::validate;
use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// A local Alter Vault backend for development against real provider accounts.
#[derive(Debug, Parser)]
#[command(name = "alter-local-vault", version, about)]
pub(crate) struct Cli {
    /// The SQLite database file. `keys create`, `connections add`, `connect` and `serve` create
    /// it when it is missing; the other commands refuse a missing file.
    #[arg(
        long,
        global = true,
        env = "ALTER_LOCAL_VAULT_DB",
        default_value = "local-vault.db"
    )]
    pub(crate) db: PathBuf,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Serve the vault protocol (`POST /oauth/token`, `POST /oauth/audit/api-call`).
    Serve(ServeArgs),
    /// Manage API keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Manage connections.
    #[command(subcommand)]
    Connections(ConnectionsCommand),
    /// Connect a real account through the provider's OAuth consent page (PKCE, loopback redirect).
    Connect(ConnectArgs),
    /// Read audit records.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (port 0 picks a free one; the URL is printed on stdout).
    #[arg(
        long,
        env = "ALTER_LOCAL_VAULT_LISTEN",
        default_value = "127.0.0.1:8787"
    )]
    pub(crate) listen: SocketAddr,
    /// A Cedar policy file evaluated on every token request (none: everything is permitted).
    #[arg(long, env = "ALTER_LOCAL_VAULT_POLICIES")]
    pub(crate) policies: Option<PathBuf>,
    /// Seconds a provider's token endpoint may take to refresh a token.
    #[arg(long, default_value_t = 10)]
    pub(crate) refresh_timeout: u64,
    /// Seconds a refreshed access token is taken to last when the token endpoint does not say
    /// (no `expires_in`, as with Salesforce).
    #[arg(long, default_value_t = alter_local_vault::DEFAULT_TOKEN_LIFETIME.as_secs())]
    pub(crate) default_token_lifetime: u64,
}

#[derive(Debug, Subcommand)]
pub(crate) enum KeysCommand {
    /// Create an API key and print it (it is shown only this once).
    Create {
        /// A name to recognise the key by: 1 to 64 printable characters.
        #[arg(default_value = "local", value_parser = parse_key_name)]
        name: String,
    },
    /// List API keys (names and prefixes).
    List,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConnectionsCommand {
    /// Store a connection from tokens you already have; prints its id.
    Add(AddConnectionArgs),
    /// List connections (never their tokens).
    List {
        /// Only this provider.
        #[arg(long)]
        provider: Option<String>,
    },
    /// Remove a connection.
    Remove {
        /// The connection id.
        id: uuid::Uuid,
    },
}

/// `Debug` is written by hand below: the tokens and the client secret are never shown.
#[derive(Args)]
pub(crate) struct AddConnectionArgs {
    /// The provider id, in lowercase (`google`, `github`, `notion`, ...).
    #[arg(long, value_parser = parse_provider)]
    pub(crate) provider: String,
    /// A user attribute as NAME=VALUE (at least one: token requests find the connection by
    /// them); repeat for several, each NAME once.
    #[arg(
        long = "attribute",
        value_name = "NAME=VALUE",
        value_parser = parse_attribute,
        required = true
    )]
    pub(crate) attributes: Vec<(String, String)>,
    /// The access token; `-` reads it from a line of stdin. Prefer the environment variable
    /// or stdin: arguments are visible to every user in the process list.
    #[arg(long, env = "ALTER_ACCESS_TOKEN", hide_env_values = true)]
    pub(crate) access_token: String,
    /// The refresh token; `-` reads it from the next line of stdin.
    #[arg(long, env = "ALTER_REFRESH_TOKEN", hide_env_values = true)]
    pub(crate) refresh_token: Option<String>,
    /// Seconds until the access token expires (none: it does not expire, or with
    /// --refresh-token, it is taken to expire in an hour; negative: already expired, handy to
    /// try refreshing).
    #[arg(long, allow_negative_numbers = true)]
    pub(crate) expires_in: Option<i64>,
    /// A granted scope; repeat for several.
    #[arg(long = "scope")]
    pub(crate) scopes: Vec<String>,
    /// The provider's OAuth token endpoint, used to refresh (default with `--refresh-token`:
    /// the known endpoint of google, github, slack, microsoft, salesforce, sentry or notion;
    /// required for other providers). `https://`, or `http://` to 127.0.0.1, ::1 or localhost.
    #[arg(long, value_parser = TokenUrlParser)]
    pub(crate) token_url: Option<String>,
    #[command(flatten)]
    pub(crate) client: ClientArgs,
    /// How the client authenticates at the token endpoint.
    #[arg(long, value_enum, default_value_t = ClientAuthArg::Basic)]
    pub(crate) client_auth: ClientAuthArg,
}

/// The OAuth client used to refresh or connect (`Debug` hides the secret).
#[derive(Args)]
pub(crate) struct ClientArgs {
    /// The OAuth client id.
    #[arg(long, env = "ALTER_OAUTH_CLIENT_ID")]
    pub(crate) client_id: Option<String>,
    /// The OAuth client secret; `-` reads it from the next line of stdin.
    #[arg(long, env = "ALTER_OAUTH_CLIENT_SECRET", hide_env_values = true)]
    pub(crate) client_secret: Option<String>,
}

impl fmt::Debug for AddConnectionArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddConnectionArgs")
            .field("provider", &self.provider)
            .field("attributes", &self.attributes)
            .field("access_token", &REDACTED)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| REDACTED),
            )
            .field("expires_in", &self.expires_in)
            .field("scopes", &self.scopes)
            .field("token_url", &self.token_url)
            .field("client", &self.client)
            .field("client_auth", &self.client_auth)
            .finish()
    }
}

impl fmt::Debug for ClientArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientArgs")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| REDACTED),
            )
            .finish()
    }
}

/// What `Debug` shows in place of a secret.
const REDACTED: &str = "<redacted>";

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ClientAuthArg {
    /// HTTP Basic authentication.
    Basic,
    /// Client id and secret in the form body.
    Body,
}

impl From<ClientAuthArg> for alter_local_vault::ClientAuth {
    fn from(arg: ClientAuthArg) -> Self {
        match arg {
            ClientAuthArg::Basic => alter_local_vault::ClientAuth::Basic,
            ClientAuthArg::Body => alter_local_vault::ClientAuth::RequestBody,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ConnectArgs {
    /// The provider id, in lowercase; known providers (google, github, slack, microsoft,
    /// salesforce, sentry, notion) need no endpoint options.
    #[arg(value_parser = parse_provider)]
    pub(crate) provider: String,
    #[command(flatten)]
    pub(crate) client: ClientArgs,
    /// The authorization endpoint (overrides the known one).
    #[arg(long)]
    pub(crate) auth_url: Option<String>,
    /// The token endpoint (overrides the known one): `https://`, or `http://` to 127.0.0.1,
    /// ::1 or localhost.
    #[arg(long, value_parser = TokenUrlParser)]
    pub(crate) token_url: Option<String>,
    /// How the client authenticates at the token endpoint, for the code exchange and later
    /// refreshes (default: what the known provider takes, else basic).
    #[arg(long, value_enum)]
    pub(crate) client_auth: Option<ClientAuthArg>,
    /// A scope to ask for; repeat for several (`offline_access` is added for microsoft, which
    /// grants no refresh token without it).
    #[arg(long = "scope")]
    pub(crate) scopes: Vec<String>,
    /// A user attribute to store, as NAME=VALUE (at least one: token requests find the
    /// connection by them); repeat for several, each NAME once.
    #[arg(
        long = "attribute",
        value_name = "NAME=VALUE",
        value_parser = parse_attribute,
        required = true
    )]
    pub(crate) attributes: Vec<(String, String)>,
    /// Loopback port for the redirect (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,
    /// Seconds to wait for the browser.
    #[arg(long, default_value_t = 300)]
    pub(crate) wait: u64,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// Print audit records as a table, newest first.
    List {
        /// Only this provider.
        #[arg(long)]
        provider: Option<String>,
        /// Only calls for connections with an attribute equal to this value.
        #[arg(long)]
        user: Option<String>,
        /// At most this many records.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Print token requests (allowed, denied, not found, ...) as a table, newest first.
    Tokens {
        /// At most this many records.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

fn parse_attribute(text: &str) -> Result<(String, String), String> {
    let Some((name, value)) = text.split_once('=') else {
        return Err(format!("expected NAME=VALUE, got `{text}`"));
    };
    match validate::attribute(name, &serde_json::Value::String(value.to_string())) {
        Ok(()) => Ok((name.to_string(), value.to_string())),
        Err(alter_local_vault::Error::InvalidInput(message)) => Err(message),
        Err(other) => Err(other.to_string()),
    }
}

fn parse_provider(text: &str) -> Result<String, String> {
    checked(text, validate::provider_id)
}

/// Checks `--token-url` like [`checked`], but its errors never repeat the value: clap would
/// print it before the message, and a URL may hold `user:password@` or a secret elsewhere.
#[derive(Clone)]
struct TokenUrlParser;

impl TypedValueParser for TokenUrlParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let option = arg.map_or_else(|| "--token-url".to_string(), ToString::to_string);
        let refuse = |kind, message: &str| {
            clap::Error::raw(kind, format!("invalid value for '{option}': {message}"))
                .format(&mut cmd.clone())
        };
        let Some(text) = value.to_str() else {
            return Err(refuse(ErrorKind::InvalidUtf8, "it is not UTF-8"));
        };
        checked(text, validate::token_url)
            .map_err(|message| refuse(ErrorKind::ValueValidation, &message))
    }
}

fn parse_key_name(text: &str) -> Result<String, String> {
    checked(text, validate::api_key_name)
}

/// `text` when `rule` accepts it, else the rule's message.
fn checked(
    text: &str,
    rule: fn(&str) -> Result<(), alter_local_vault::Error>,
) -> Result<String, String> {
    match rule(text) {
        Ok(()) => Ok(text.to_string()),
        Err(alter_local_vault::Error::InvalidInput(message)) => Err(message),
        Err(other) => Err(other.to_string()),
    }
}

/// Runs one command.
pub(crate) async fn run(cli: Cli) -> Result<(), alter_local_vault::Error> {
    match cli.command {
        Command::Serve(args) => commands::serve(&cli.db, args).await,
        Command::Keys(command) => commands::keys(&cli.db, command).await,
        Command::Connections(command) => commands::connections(&cli.db, command).await,
        Command::Connect(args) => commands::connect(&cli.db, args).await,
        Command::Audit(AuditCommand::List {
            provider,
            user,
            limit,
        }) => commands::audit_list(&cli.db, provider, user, limit).await,
        Command::Audit(AuditCommand::Tokens { limit }) => {
            commands::token_list(&cli.db, limit).await
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;

    #[test]
    fn debug_output_of_the_arguments_hides_every_secret() {
        let add = Cli::try_parse_from([
            "alter-local-vault",
            "connections",
            "add",
            "--provider",
            "google",
            "--attribute",
            "user_id=alice",
            "--access-token",
            "ACCESS-SECRET",
            "--refresh-token",
            "REFRESH-SECRET",
            "--client-id",
            "client-1",
            "--client-secret",
            "CLIENT-SECRET",
        ])
        .unwrap();
        let connect = Cli::try_parse_from([
            "alter-local-vault",
            "connect",
            "google",
            "--client-id",
            "client-1",
            "--client-secret",
            "CLIENT-SECRET",
            "--attribute",
            "user_id=alice",
        ])
        .unwrap();

        for text in [format!("{add:?}"), format!("{connect:?}")] {
            assert!(text.contains("client-1"), "{text}");
            for secret in ["ACCESS-SECRET", "REFRESH-SECRET", "CLIENT-SECRET"] {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }
}
