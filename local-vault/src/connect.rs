//! Connecting a real account: the OAuth authorization-code flow with PKCE and a loopback
//! redirect (RFC 8252), ending in a stored connection.
//!
//! The flow binds `127.0.0.1:<port>`, hands the authorization URL to the caller (the command
//! line prints it), waits for the provider to redirect the browser back with a code, checks
//! the `state`, exchanges the code (with the PKCE verifier) at the token endpoint, and stores
//! the tokens together with what is needed to refresh them. Every failure of the flow itself
//! (no answer in time, a refusal, a failed exchange) is an [`Error::Authorization`]; a
//! request that cannot work (a provider id that is not lowercase, a token URL over plain
//! http, no attribute) is refused as [`Error::InvalidInput`] before anything is opened.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use oauth2::basic::{BasicClient, BasicTokenResponse};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, PkceCodeChallenge, RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use serde_json::{Map, Value};
use tokio::sync::mpsc;

use crate::error::{Error, Result};
use crate::http_client::{OAuthHttp, explain, granted_scopes};
use crate::model::{ClientAuth, ConnectionId, NewConnection};
use crate::refresh::DEFAULT_TOKEN_LIFETIME;
use crate::validate;
use crate::vault::VaultStore;

/// The authorization and token endpoints of a provider, and what they need to issue a token
/// that can be refreshed.
///
/// Made by [`known`](Self::known) or [`new`](Self::new), then adjusted through its fields:
/// fields may be added.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProviderEndpoints {
    /// Where the browser is sent to consent.
    pub auth_url: String,
    /// Where codes and refresh tokens are exchanged: `https://`, or `http://` to a loopback
    /// host ([`validate::token_url`]).
    pub token_url: String,
    /// Extra query parameters for the authorization URL (Google needs `access_type=offline`
    /// to issue a refresh token).
    pub extra_params: Vec<(String, String)>,
    /// Scopes asked for besides the requested ones, unless already among them (Microsoft
    /// issues a refresh token only with `offline_access`).
    pub extra_scopes: Vec<String>,
    /// How the client authenticates at `token_url`, for the code exchange and, stored on the
    /// connection, for every refresh ([`ClientAuth::Basic`] for the known providers).
    pub client_auth: ClientAuth,
}

impl ProviderEndpoints {
    /// The endpoints of a provider the SDK does not know: no extra parameters or scopes, and
    /// [`ClientAuth::Basic`].
    pub fn new(auth_url: impl Into<String>, token_url: impl Into<String>) -> ProviderEndpoints {
        ProviderEndpoints {
            auth_url: auth_url.into(),
            token_url: token_url.into(),
            extra_params: Vec::new(),
            extra_scopes: Vec::new(),
            client_auth: ClientAuth::Basic,
        }
    }

    /// The published endpoints of the providers the SDK knows, `None` for others. Microsoft's
    /// add the `offline_access` scope, without which it grants no refresh token.
    pub fn known(provider: &str) -> Option<ProviderEndpoints> {
        let (auth, token, extra): (&str, &str, &[(&str, &str)]) = match provider {
            "google" => (
                "https://accounts.google.com/o/oauth2/v2/auth",
                "https://oauth2.googleapis.com/token",
                &[("access_type", "offline"), ("prompt", "consent")],
            ),
            "github" => (
                "https://github.com/login/oauth/authorize",
                "https://github.com/login/oauth/access_token",
                &[],
            ),
            "slack" => (
                "https://slack.com/oauth/v2/authorize",
                "https://slack.com/api/oauth.v2.access",
                &[],
            ),
            "microsoft" => (
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                &[],
            ),
            "salesforce" => (
                "https://login.salesforce.com/services/oauth2/authorize",
                "https://login.salesforce.com/services/oauth2/token",
                &[],
            ),
            "sentry" => (
                "https://sentry.io/oauth/authorize/",
                "https://sentry.io/oauth/token/",
                &[],
            ),
            "notion" => (
                "https://api.notion.com/v1/oauth/authorize",
                "https://api.notion.com/v1/oauth/token",
                &[("owner", "user")],
            ),
            _ => return None,
        };
        let extra_scopes = match provider {
            "microsoft" => vec!["offline_access".to_string()],
            _ => Vec::new(),
        };
        Some(ProviderEndpoints {
            auth_url: auth.into(),
            token_url: token.into(),
            extra_params: extra
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            extra_scopes,
            client_auth: ClientAuth::Basic,
        })
    }
}

/// What to connect. Its `Debug` output leaves out the client secret.
#[derive(Clone)]
pub struct ConnectRequest {
    /// The provider id to store the connection under, in lowercase ([`validate::provider_id`]).
    pub provider: String,
    /// The provider's endpoints.
    pub endpoints: ProviderEndpoints,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret, if the client has one.
    pub client_secret: Option<String>,
    /// Scopes to ask for (besides the endpoints' `extra_scopes`).
    pub scopes: Vec<String>,
    /// User attributes to store on the connection; at least one, since token requests find
    /// the connection by them.
    pub attributes: Map<String, Value>,
    /// The loopback port for the redirect (0: any free port; some providers need a fixed one).
    pub port: u16,
    /// How long to wait for the browser to come back.
    pub wait: Duration,
}

impl std::fmt::Debug for ConnectRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectRequest")
            .field("provider", &self.provider)
            .field("endpoints", &self.endpoints)
            .field("client_id", &self.client_id)
            .field("has_client_secret", &self.client_secret.is_some())
            .field("scopes", &self.scopes)
            .field("attributes", &self.attributes)
            .field("port", &self.port)
            .field("wait", &self.wait)
            .finish()
    }
}

/// Runs the flow: `show_url` receives the authorization URL to open in a browser.
///
/// Fails with [`Error::InvalidInput`] before any I/O when the request cannot work, with
/// [`Error::Bind`] when the loopback port is taken, and with [`Error::Authorization`] when the
/// flow does not end in a token.
///
/// A token that expires but comes without a refresh token is stored all the same, with a
/// warning in the log: it cannot be refreshed, so the connection has to be made again then.
pub async fn connect(
    store: &VaultStore,
    request: ConnectRequest,
    show_url: impl FnOnce(&str),
) -> Result<ConnectionId> {
    check(&request)?;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], request.port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|source| Error::Bind { address, source })?;
    let redirect = format!(
        "http://127.0.0.1:{}/callback",
        listener.local_addr()?.port()
    );
    let client = oauth_client(&request, redirect)?;

    let scopes = requested_scopes(&request);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut authorize = client
        .authorize_url(CsrfToken::new_random)
        .add_scopes(scopes.iter().cloned().map(Scope::new))
        .set_pkce_challenge(challenge);
    for (name, value) in &request.endpoints.extra_params {
        authorize = authorize.add_extra_param(name.clone(), value.clone());
    }
    let (url, state) = authorize.url();
    show_url(url.as_str());

    let code = wait_for_code(listener, state.secret(), request.wait).await?;
    let http = OAuthHttp::new(Duration::from_secs(30))?;
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(verifier)
        .request_async(&http.sender())
        .await
        .map_err(|e| {
            let (_, text) = explain(e);
            Error::Authorization(format!("the code exchange failed: {text}"))
        })?;

    store
        .add_connection(into_connection(request, scopes, &token))
        .await
}

/// Refuses a request that could not end in a usable connection, before the browser is
/// involved.
fn check(request: &ConnectRequest) -> Result<()> {
    validate::provider_id(&request.provider)?;
    validate::attributes(&request.attributes)?;
    validate::token_url(&request.endpoints.token_url)
}

/// The requested scopes followed by the endpoints' extra ones not among them.
fn requested_scopes(request: &ConnectRequest) -> Vec<String> {
    let mut scopes = request.scopes.clone();
    for extra in &request.endpoints.extra_scopes {
        if !scopes.contains(extra) {
            scopes.push(extra.clone());
        }
    }
    scopes
}

/// An OAuth client with both endpoints and the redirect set.
type FlowClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

fn oauth_client(request: &ConnectRequest, redirect: String) -> Result<FlowClient> {
    let client = BasicClient::new(ClientId::new(request.client_id.clone()))
        .set_auth_uri(AuthUrl::new(request.endpoints.auth_url.clone()).map_err(invalid)?)
        .set_token_uri(TokenUrl::new(request.endpoints.token_url.clone()).map_err(invalid)?)
        .set_redirect_uri(RedirectUrl::new(redirect).map_err(invalid)?)
        .set_auth_type(match request.endpoints.client_auth {
            ClientAuth::Basic => AuthType::BasicAuth,
            ClientAuth::RequestBody => AuthType::RequestBody,
        });
    Ok(match &request.client_secret {
        Some(secret) => client.set_client_secret(ClientSecret::new(secret.clone())),
        None => client,
    })
}

/// The connection to store: the granted tokens plus what refreshing them needs.
///
/// A refreshable token whose answer has no `expires_in` (Salesforce never sends one) is taken
/// to last [`DEFAULT_TOKEN_LIFETIME`], with a warning, so that it is refreshed later; one
/// without a refresh token is stored as not expiring. A token that expires without a refresh
/// token is warned about: it stops working then.
fn into_connection(
    request: ConnectRequest,
    asked: Vec<String>,
    token: &BasicTokenResponse,
) -> NewConnection {
    let granted = token
        .scopes()
        .and_then(|scopes| granted_scopes(scopes))
        .unwrap_or(asked);
    let connection = NewConnection {
        provider: request.provider,
        attributes: request.attributes,
        access_token: token.access_token().secret().clone(),
        refresh_token: token.refresh_token().map(|t| t.secret().clone()),
        scopes: granted,
        token_url: Some(request.endpoints.token_url),
        client_id: Some(request.client_id),
        client_secret: request.client_secret,
        client_auth: request.endpoints.client_auth,
        ..NewConnection::default()
    };
    let refreshable = connection.refresh_token.is_some();
    match token.expires_in() {
        Some(lifetime) if !refreshable => {
            tracing::warn!(
                target: "alter_local_vault::connect",
                provider = %connection.provider,
                expires_in_secs = lifetime.as_secs(),
                "no refresh token was granted: the access token expires in {} s and cannot be \
                 refreshed then (ask for offline access, such as the `offline_access` scope, \
                 and connect again)",
                lifetime.as_secs(),
            );
            connection.expires_in(lifetime)
        }
        Some(lifetime) => connection.expires_in(lifetime),
        None if refreshable => {
            tracing::warn!(
                target: "alter_local_vault::connect",
                provider = %connection.provider,
                assumed_secs = DEFAULT_TOKEN_LIFETIME.as_secs(),
                "the token answer has no expires_in: assuming the access token expires in {} s \
                 (it is refreshed then)",
                DEFAULT_TOKEN_LIFETIME.as_secs(),
            );
            connection.expires_in(DEFAULT_TOKEN_LIFETIME)
        }
        None => connection,
    }
}

fn invalid(error: impl std::fmt::Display) -> Error {
    Error::InvalidInput(error.to_string())
}

/// What the callback handler needs: where to send the answer, and the `state` it must carry.
#[derive(Clone)]
struct Callback {
    answers: mpsc::Sender<HashMap<String, String>>,
    state: std::sync::Arc<str>,
}

/// Serves `/callback` until the provider sends the browser back, then returns the code.
///
/// A request whose `state` is not this flow's (a stale tab, another program) is turned away
/// and the flow keeps waiting; it cannot end the flow, let alone inject a code.
async fn wait_for_code(
    listener: tokio::net::TcpListener,
    expected_state: &str,
    wait: Duration,
) -> Result<String> {
    let (answers, mut receiver) = mpsc::channel::<HashMap<String, String>>(1);
    let callback_state = Callback {
        answers,
        state: expected_state.into(),
    };
    let app = axum::Router::new()
        .route("/callback", get(callback))
        .with_state(callback_state);
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let received = tokio::time::timeout(wait, receiver.recv()).await;
    server.abort();

    let params = match received {
        Ok(Some(params)) => params,
        Ok(None) => {
            return Err(Error::Authorization(
                "the callback listener stopped before the browser came back".into(),
            ));
        }
        Err(_) => {
            return Err(Error::Authorization(format!(
                "no answer from the browser in time (waited {} s)",
                wait.as_secs()
            )));
        }
    };
    if let Some(error) = params.get("error") {
        let text = match params.get("error_description") {
            Some(description) => format!("{error}: {description}"),
            None => error.clone(),
        };
        return Err(Error::Authorization(format!(
            "the provider refused: {text}"
        )));
    }
    params
        .get("code")
        .cloned()
        .ok_or_else(|| Error::Authorization("the callback carries no code".into()))
}

async fn callback(
    State(callback): State<Callback>,
    Query(params): Query<HashMap<String, String>>,
) -> (StatusCode, Html<&'static str>) {
    if params.get("state").map(String::as_str) != Some(&*callback.state) {
        return (
            StatusCode::BAD_REQUEST,
            Html("<p>This is not the answer the local vault is waiting for.</p>"),
        );
    }
    let _ = callback.answers.send(params).await;
    (
        StatusCode::OK,
        Html("<p>The local vault received the answer. You can close this tab.</p>"),
    )
}
