//! The records the vault keeps, as the embedding API hands them out.

use std::fmt;
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};
use uuid::Uuid;

/// The identifier of a stored connection (a UUID, as the wire protocol sends it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnectionId(pub Uuid);

impl ConnectionId {
    /// The UUID inside.
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How the vault authenticates itself to a provider's token endpoint when refreshing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientAuth {
    /// HTTP Basic authentication with the client id and secret (the default).
    #[default]
    Basic,
    /// `client_id` and `client_secret` in the form body.
    RequestBody,
}

impl ClientAuth {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ClientAuth::Basic => "basic",
            ClientAuth::RequestBody => "body",
        }
    }

    pub(crate) fn parse(text: &str) -> ClientAuth {
        match text {
            "body" => ClientAuth::RequestBody,
            _ => ClientAuth::Basic,
        }
    }
}

/// A connection to store: one user's grant at one provider.
///
/// `provider`, `access_token` and at least one attribute are required; build the rest with the
/// chained setters or struct update syntax (`..Default::default()`). Refreshing needs
/// `refresh_token`, `token_url` and `client_id` (and usually `client_secret`). The values are
/// checked when the connection is stored (see [`VaultStore::add_connection`]).
///
/// [`VaultStore::add_connection`]: crate::VaultStore::add_connection
#[derive(Clone, Default)]
pub struct NewConnection {
    /// The provider id the SDK asks for (`google`, `github`, `notion`, ...): lowercase ASCII
    /// letters, digits, `-`, `_` and `.`.
    pub provider: String,
    /// The user attributes a token request must match (`{"user_id": "alice"}`); at least one.
    pub attributes: Map<String, Value>,
    /// The current access token.
    pub access_token: String,
    /// The refresh token, when the provider issued one.
    pub refresh_token: Option<String>,
    /// When the access token expires; `None` means it does not expire, and so is never
    /// refreshed, even with a refresh token (the command line assumes
    /// [`DEFAULT_TOKEN_LIFETIME`](crate::DEFAULT_TOKEN_LIFETIME) for those).
    pub expires_at: Option<SystemTime>,
    /// The scopes granted.
    pub scopes: Vec<String>,
    /// The provider's OAuth token endpoint, used to refresh: `https://`, or `http://` to a
    /// loopback host (a stand-in in tests), since the client secret is sent there.
    pub token_url: Option<String>,
    /// The OAuth client id used to refresh.
    pub client_id: Option<String>,
    /// The OAuth client secret used to refresh.
    pub client_secret: Option<String>,
    /// How the client authenticates at the token endpoint (default: HTTP Basic).
    pub client_auth: ClientAuth,
}

impl NewConnection {
    /// A connection for `provider` holding `access_token`, with no attributes and no expiry.
    pub fn new(provider: impl Into<String>, access_token: impl Into<String>) -> Self {
        NewConnection {
            provider: provider.into(),
            access_token: access_token.into(),
            ..NewConnection::default()
        }
    }

    /// Adds a user attribute (`attribute("user_id", "alice")`).
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.attributes.insert(name.into(), value.into());
        self
    }

    /// Sets the expiry to `lifetime` from now. A lifetime past what the system clock can
    /// represent means the token does not expire.
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.expires_at = SystemTime::now().checked_add(lifetime);
        self
    }

    /// Sets an absolute expiry.
    pub fn expires_at(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// Adds a granted scope.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scopes.push(scope.into());
        self
    }

    /// Makes the connection refreshable through `token_url` with this client and refresh token.
    /// `token_url` must be `https://` (or `http://` to a loopback host), else storing the
    /// connection fails.
    pub fn refresh_with(
        mut self,
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Option<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        self.token_url = Some(token_url.into());
        self.client_id = Some(client_id.into());
        self.client_secret = client_secret;
        self.refresh_token = Some(refresh_token.into());
        self
    }
}

impl fmt::Debug for NewConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewConnection")
            .field("provider", &self.provider)
            .field("attributes", &self.attributes)
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .field("token_url", &self.token_url)
            .field("refreshable", &self.refresh_token.is_some())
            .finish_non_exhaustive()
    }
}

/// A stored connection as listed: everything except its secrets.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ConnectionInfo {
    /// The connection id.
    pub id: ConnectionId,
    /// The provider id.
    pub provider: String,
    /// The user attributes.
    pub attributes: Map<String, Value>,
    /// The scopes granted.
    pub scopes: Vec<String>,
    /// When the access token expires (`None`: never).
    pub expires_at: Option<SystemTime>,
    /// Whether a refresh token and token endpoint are stored.
    pub refreshable: bool,
    /// The token endpoint used to refresh.
    pub token_url: Option<String>,
    /// When the connection was added.
    pub created_at: SystemTime,
    /// When the access token was last refreshed.
    pub refreshed_at: Option<SystemTime>,
}

/// A stored API key, without its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiKeyInfo {
    /// The key's id.
    pub id: Uuid,
    /// The name given when it was created.
    pub name: String,
    /// The first characters of the key, to recognise it.
    pub prefix: String,
    /// When it was created.
    pub created_at: SystemTime,
}

/// An AI agent or MCP server seen through the `X-Alter-Actor-*` headers.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActorInfo {
    /// The id returned as `X-Alter-Actor-ID`.
    pub id: Uuid,
    /// `ai_agent` or `mcp_server`.
    pub actor_type: String,
    /// The identifier, unique per type.
    pub identifier: String,
    /// The latest name sent.
    pub name: Option<String>,
    /// The latest version sent.
    pub version: Option<String>,
    /// The latest framework sent.
    pub framework: Option<String>,
    /// The latest client type sent.
    pub client_type: Option<String>,
    /// When it was first seen.
    pub first_seen_at: SystemTime,
    /// When it was last seen.
    pub last_seen_at: SystemTime,
}

/// How a token request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccessOutcome {
    /// A token was handed out.
    Allowed,
    /// A policy denied the request.
    Denied,
    /// No connection matched.
    NotFound,
    /// Several connections matched.
    Ambiguous,
    /// The token was expired and could not be refreshed.
    RefreshFailed,
}

impl AccessOutcome {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AccessOutcome::Allowed => "allowed",
            AccessOutcome::Denied => "denied",
            AccessOutcome::NotFound => "not_found",
            AccessOutcome::Ambiguous => "ambiguous",
            AccessOutcome::RefreshFailed => "refresh_failed",
        }
    }

    pub(crate) fn parse(text: &str) -> AccessOutcome {
        match text {
            "allowed" => AccessOutcome::Allowed,
            "denied" => AccessOutcome::Denied,
            "not_found" => AccessOutcome::NotFound,
            "ambiguous" => AccessOutcome::Ambiguous,
            _ => AccessOutcome::RefreshFailed,
        }
    }
}
