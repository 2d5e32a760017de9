//! The rules for values the vault stores: provider ids, connection attributes, token endpoint
//! URLs and API key names.
//!
//! [`VaultStore`](crate::VaultStore) and [`connect`](crate::connect) apply them to everything
//! they are given; they are public so that a caller can refuse a mistake before doing
//! anything else (the command line does, so that a mistyped argument creates no database).
//! Each function fails with [`Error::InvalidInput`] and a message naming the fix.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{Map, Value};
use url::{Host, Url};

use crate::error::{Error, Result};

/// The longest provider id accepted, in bytes (ids are ASCII).
pub const MAX_PROVIDER_ID_LEN: usize = 64;

/// The longest API key name accepted, in characters.
pub const MAX_KEY_NAME_CHARS: usize = 64;

/// Checks a provider id: 1 to [`MAX_PROVIDER_ID_LEN`] lowercase ASCII letters, digits, `-`,
/// `_` or `.`.
///
/// SDKs send the ids of the providers they know in lowercase (`google`), and a token request
/// matches the stored id exactly, so a connection stored as `Google` would never be found.
pub fn provider_id(id: &str) -> Result<()> {
    if id.is_empty() {
        return Err(invalid("the provider id is empty"));
    }
    if id.len() > MAX_PROVIDER_ID_LEN {
        return Err(invalid(format!(
            "the provider id is {} bytes long; the most is {MAX_PROVIDER_ID_LEN}",
            id.len()
        )));
    }
    let Some(bad) = id.chars().find(|c| !is_provider_char(*c)) else {
        return Ok(());
    };
    let lowercase = id.to_ascii_lowercase();
    if lowercase.chars().all(is_provider_char) {
        return Err(invalid(format!(
            "provider ids are lowercase: use `{lowercase}`"
        )));
    }
    Err(invalid(format!(
        "provider id {id:?} holds {bad:?}: use only lowercase ASCII letters, digits, `-`, `_` \
         and `.`"
    )))
}

fn is_provider_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
}

/// Checks a connection's user attributes: there must be at least one, since a token request
/// names the user by attributes and finds the connection whose attributes equal them, and
/// each must pass [`attribute`].
pub fn attributes(attributes: &Map<String, Value>) -> Result<()> {
    if attributes.is_empty() {
        return Err(invalid(
            "a connection needs at least one attribute (such as `user_id`): token requests \
             find it by its attributes",
        ));
    }
    attributes
        .iter()
        .try_for_each(|(name, value)| attribute(name, value))
}

/// Checks one user attribute: a name that is not blank, and a value that is not an empty or
/// blank string.
///
/// An empty value is most often a shell variable that was not set (`user_id=$ID`), and would
/// store a connection that no real user's token request names.
pub fn attribute(name: &str, value: &Value) -> Result<()> {
    if name.trim().is_empty() {
        return Err(invalid(
            "an attribute needs a name (such as `user_id`) before its value",
        ));
    }
    match value {
        Value::String(text) if text.trim().is_empty() => Err(invalid(format!(
            "attribute `{name}` has an empty value: give it the value token requests name the \
             user by, such as `{name}=alice`"
        ))),
        _ => Ok(()),
    }
}

/// Checks a provider's OAuth token endpoint: an `https://` URL, or an `http://` one whose host
/// is a loopback address (`127.0.0.0/8`, `::1` or `localhost`), as a stand-in in tests, with
/// no `user:password@` before the host.
///
/// The vault sends the client secret and refresh tokens there: over plain http to another
/// machine anyone on the way could read them. Credentials in the URL would be stored and
/// shown with it; the client's belong in its client id and secret.
pub fn token_url(text: &str) -> Result<()> {
    let mut url = Url::parse(text).map_err(|e| {
        let shown = without_credentials(text);
        invalid(format!("token URL `{shown}`: {e}"))
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        // Dropping them cannot fail: a URL that holds them has a host.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        return Err(invalid(format!(
            "the token URL holds credentials before its host: write `{url}` and give them as \
             the client id and secret (--client-id, --client-secret)"
        )));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        "http" => Err(invalid(format!(
            "token URL `{text}` uses plain http, which would send the client secret and tokens \
             in clear: use https (http is accepted only for loopback hosts: 127.0.0.0/8, ::1, \
             localhost)"
        ))),
        // `cid:s3cret@host` parses, as a URL of scheme `cid` with a path that holds the secret.
        scheme => Err(invalid(format!(
            "token URL `{}` uses `{scheme}`: use https (or http to a loopback host: \
             127.0.0.0/8, ::1, localhost)",
            without_credentials(text)
        ))),
    }
}

/// `text` without anything up to the last `@` after the scheme, so that a URL the parser
/// refused can be quoted without the `user:password@` it may hold. The last `@` of the whole
/// rest, not of the authority: an unescaped `/`, `?` or `#` in a password ends the authority
/// early, and the secret would be left in what looks like the path.
fn without_credentials(text: &str) -> String {
    let start = text.find("://").map_or(0, |scheme| scheme + 3);
    match text[start..].rfind('@') {
        Some(at) => format!("{}{}", &text[..start], &text[start + at + 1..]),
        None => text.to_string(),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(address)) => Ipv4Addr::is_loopback(&address),
        Some(Host::Ipv6(address)) => Ipv6Addr::is_loopback(&address),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Checks an API key name: 1 to [`MAX_KEY_NAME_CHARS`] characters, not all blank, with no
/// control character and none of the invisible ones that reorder or hide text (bidirectional
/// overrides, zero-width characters, line and paragraph separators), so that each name shows
/// as one plain line in listings.
pub fn api_key_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(invalid("an API key needs a name"));
    }
    let length = name.chars().count();
    if length > MAX_KEY_NAME_CHARS {
        return Err(invalid(format!(
            "an API key name is at most {MAX_KEY_NAME_CHARS} characters; this one has {length}"
        )));
    }
    match name.chars().find(|c| c.is_control() || is_invisible(*c)) {
        Some(bad) => Err(invalid(format!(
            "an API key name must be printable: it holds U+{:04X}; use visible characters only",
            u32::from(bad)
        ))),
        None => Ok(()),
    }
}

/// Format characters and separators that change how the text around them is shown.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidInput(message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<()>) -> String {
        match result {
            Ok(()) => "ok".into(),
            Err(Error::InvalidInput(message)) => message,
            Err(other) => format!("other error: {other}"),
        }
    }

    #[test]
    fn provider_ids_are_lowercase_ascii_with_a_few_separators() {
        for id in ["google", "microsoft", "my-crm_v2.eu", "3m"] {
            assert_eq!(message(provider_id(id)), "ok", "{id}");
        }
        assert_eq!(
            message(provider_id("Google")),
            "provider ids are lowercase: use `google`"
        );
        assert_eq!(
            message(provider_id("goo gle")),
            "provider id \"goo gle\" holds ' ': use only lowercase ASCII letters, digits, `-`, \
             `_` and `.`"
        );
        assert_eq!(message(provider_id("")), "the provider id is empty");
        assert_eq!(
            message(provider_id(&"a".repeat(65))),
            "the provider id is 65 bytes long; the most is 64"
        );
        assert_eq!(message(provider_id(&"a".repeat(64))), "ok");
        assert!(message(provider_id("gööгle")).starts_with("provider id \"gööгle\" holds 'ö'"));
    }

    #[test]
    fn token_urls_are_https_or_http_to_loopback() {
        for url in [
            "https://oauth2.googleapis.com/token",
            "http://127.0.0.1:8080/token",
            "http://127.10.0.3/token",
            "http://[::1]:9/token",
            "http://localhost:9/token",
            "http://LOCALHOST/token",
        ] {
            assert_eq!(message(token_url(url)), "ok", "{url}");
        }
        assert_eq!(
            message(token_url("ftp://x")),
            "token URL `ftp://x` uses `ftp`: use https (or http to a loopback host: \
             127.0.0.0/8, ::1, localhost)"
        );
        assert_eq!(
            message(token_url("http://oauth.example.com/token")),
            "token URL `http://oauth.example.com/token` uses plain http, which would send the \
             client secret and tokens in clear: use https (http is accepted only for loopback \
             hosts: 127.0.0.0/8, ::1, localhost)"
        );
        for url in [
            "http://10.0.0.1/token",
            "http://localhost.example.com/token",
            "http://[::ffff:10.0.0.1]/token",
        ] {
            assert!(message(token_url(url)).contains("uses plain http"), "{url}");
        }
        for (url, bare) in [
            ("http://user:pw@127.0.0.1/t", "http://127.0.0.1/t"),
            (
                "https://cid:s3cret@oauth.example.com/token",
                "https://oauth.example.com/token",
            ),
            (
                "https://cid@oauth.example.com/token",
                "https://oauth.example.com/token",
            ),
            (
                "https://:s3cret@oauth.example.com/token",
                "https://oauth.example.com/token",
            ),
            ("http://user:s3cret@10.0.0.1/t", "http://10.0.0.1/t"),
        ] {
            assert_eq!(
                message(token_url(url)),
                format!(
                    "the token URL holds credentials before its host: write `{bare}` and give \
                     them as the client id and secret (--client-id, --client-secret)"
                ),
                "{url}"
            );
        }
        assert_eq!(
            message(token_url("not a url")),
            "token URL `not a url`: relative URL without a base"
        );
    }

    #[test]
    fn a_refused_token_url_is_quoted_without_its_credentials() {
        for (url, expected) in [
            (
                "https://cid:s3cret@host:99999/token",
                "token URL `https://host:99999/token`: invalid port number",
            ),
            (
                "https://cid:s3/cret@host:99999/token",
                "token URL `https://host:99999/token`: invalid port number",
            ),
            (
                "https://cid:s3cret@@host:99999/token",
                "token URL `https://host:99999/token`: invalid port number",
            ),
            (
                "//cid:s3cret@host/token",
                "token URL `host/token`: relative URL without a base",
            ),
            (
                "https://host:99999/token",
                "token URL `https://host:99999/token`: invalid port number",
            ),
        ] {
            let message = message(token_url(url));
            assert_eq!(message, expected, "{url}");
            assert!(!message.contains("s3"), "{message}");
            assert!(!message.contains("cid"), "{message}");
        }
        assert_eq!(
            message(token_url("cid:s3cret@host/token")),
            "token URL `host/token` uses `cid`: use https (or http to a loopback host: \
             127.0.0.0/8, ::1, localhost)"
        );
    }

    #[test]
    fn attributes_have_a_name_and_a_value() {
        let map = |pairs: &[(&str, Value)]| -> Map<String, Value> {
            pairs
                .iter()
                .map(|(name, value)| (name.to_string(), value.clone()))
                .collect()
        };
        assert_eq!(
            message(attributes(&map(&[("user_id", "alice".into())]))),
            "ok"
        );
        assert_eq!(message(attributes(&map(&[("team", 7.into())]))), "ok");
        for empty in ["", " "] {
            assert_eq!(
                message(attributes(&map(&[("a", "x".into()), ("u", empty.into())]))),
                "attribute `u` has an empty value: give it the value token requests name the \
                 user by, such as `u=alice`"
            );
        }
        assert_eq!(
            message(attributes(&map(&[(" ", "alice".into())]))),
            "an attribute needs a name (such as `user_id`) before its value"
        );
    }

    #[test]
    fn api_key_names_are_short_and_printable() {
        for name in ["dev", "CI — nightly", "ключ", &"x".repeat(64)] {
            assert_eq!(message(api_key_name(name)), "ok", "{name}");
        }
        assert_eq!(message(api_key_name(" ")), "an API key needs a name");
        assert_eq!(
            message(api_key_name(&"x".repeat(5000))),
            "an API key name is at most 64 characters; this one has 5000"
        );
        assert_eq!(
            message(api_key_name("dev\nops")),
            "an API key name must be printable: it holds U+000A; use visible characters only"
        );
        assert_eq!(
            message(api_key_name("dev\u{202E}spo")),
            "an API key name must be printable: it holds U+202E; use visible characters only"
        );
    }
}
