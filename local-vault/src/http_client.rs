//! The HTTP client `oauth2` uses, built on the workspace's reqwest so that only one HTTP/TLS
//! stack is compiled.

use std::future::Future;

use oauth2::{HttpRequest, HttpResponse};

/// Why an HTTP exchange with a token endpoint failed. Never carries a request or response body.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct RequestFailure(String);

/// A reqwest client that does not follow redirects (a token endpoint has no business sending
/// the client elsewhere).
#[derive(Clone)]
pub(crate) struct OAuthHttp {
    client: reqwest::Client,
}

impl OAuthHttp {
    pub(crate) fn new(timeout: std::time::Duration) -> Result<OAuthHttp, crate::Error> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .user_agent(concat!("alter-local-vault/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| crate::Error::Task(format!("cannot build the HTTP client: {e}")))?;
        Ok(OAuthHttp { client })
    }

    /// A closure `oauth2` accepts as its async HTTP client.
    pub(crate) fn sender(
        &self,
    ) -> impl Fn(
        HttpRequest,
    ) -> std::pin::Pin<
        Box<dyn Future<Output = Result<HttpResponse, RequestFailure>> + Send>,
    > {
        let client = self.client.clone();
        move |request| Box::pin(send(client.clone(), request))
    }
}

async fn send(
    client: reqwest::Client,
    request: HttpRequest,
) -> Result<HttpResponse, RequestFailure> {
    let (parts, body) = request.into_parts();
    let response = client
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await
        .map_err(|e| RequestFailure(describe(&e)))?;

    let mut builder = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| RequestFailure(describe(&e)))?;
    builder
        .body(bytes.to_vec())
        .map_err(|e| RequestFailure(e.to_string()))
}

/// The error `oauth2` returns for an exchange at a token endpoint through [`OAuthHttp`].
pub(crate) type TokenRequestError =
    oauth2::RequestTokenError<RequestFailure, oauth2::basic::BasicErrorResponse>;

/// What went wrong at a token endpoint, in words that never include a body (a token endpoint's
/// body may hold tokens), and whether the endpoint refused (`true`: an OAuth error answer)
/// rather than failing to answer sensibly.
///
/// Some providers refuse with status 200: GitHub answers `{"error": "bad_refresh_token", ...}`
/// and Slack `{"ok": false, "error": "invalid_refresh_token"}`. `oauth2` reads any 200 as a
/// token and fails to parse those; they are refusals like a 400 OAuth error, and are told
/// apart here by their `error` member.
pub(crate) fn explain(error: TokenRequestError) -> (bool, String) {
    match error {
        oauth2::RequestTokenError::ServerResponse(response) => (
            true,
            refusal(
                response.error().as_ref(),
                response.error_description().map(String::as_str),
            ),
        ),
        oauth2::RequestTokenError::Request(failure) => (false, failure.to_string()),
        oauth2::RequestTokenError::Parse(_, body) => match refusal_in(&body) {
            Some(text) => (true, text),
            None => (
                false,
                "the token endpoint's answer could not be read".into(),
            ),
        },
        oauth2::RequestTokenError::Other(text) => (false, text),
    }
}

/// An OAuth error code with its description, if any.
fn refusal(code: &str, description: Option<&str>) -> String {
    match description {
        Some(description) => format!("{code}: {description}"),
        None => code.to_string(),
    }
}

/// The error code and description of a body that is not a token but an OAuth error (a string
/// `error`, and no `"ok": true`); nothing else of the body is kept.
fn refusal_in(body: &[u8]) -> Option<String> {
    let answer: serde_json::Value = serde_json::from_slice(body).ok()?;
    if answer.get("ok") == Some(&serde_json::Value::Bool(true)) {
        return None;
    }
    let code = answer
        .get("error")?
        .as_str()
        .filter(|code| !code.is_empty())?;
    let description = answer
        .get("error_description")
        .and_then(serde_json::Value::as_str);
    Some(refusal(code, description))
}

/// The scopes of a token answer. `oauth2` splits `scope` on spaces, as RFC 6749 has it, but
/// GitHub and Slack separate them with commas (`"repo,gist"`): split on both and drop the
/// empty pieces. `None` when nothing is left, so that the scopes already known are kept.
pub(crate) fn granted_scopes(scopes: &[oauth2::Scope]) -> Option<Vec<String>> {
    let granted: Vec<String> = scopes
        .iter()
        .flat_map(|scope| scope.as_str().split([' ', ',']))
        .filter(|scope| !scope.is_empty())
        .map(str::to_string)
        .collect();
    (!granted.is_empty()).then_some(granted)
}

fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "the token endpoint timed out".into()
    } else if error.is_connect() {
        "the token endpoint could not be reached".into()
    } else {
        format!("the token endpoint request failed: {error}")
    }
}
