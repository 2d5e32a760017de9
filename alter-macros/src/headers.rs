//! Header names and values written in the attribute, checked at compile time.

use crate::errors::Errors;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// `"Name" = "value"` inside `headers(...)`.
pub(crate) struct HeaderPair {
    pub(crate) name: LitStr,
    pub(crate) value: LitStr,
}

impl Parse for HeaderPair {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.parse()?;
        input.parse::<Token![=]>()?;
        let value = input.parse()?;
        Ok(HeaderPair { name, value })
    }
}

/// Checks a header name written by the user (fixed or per call).
pub(crate) fn check_header_name(name: &LitStr, errors: &mut Errors) {
    let text = name.value();
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if text.is_empty() || !text.chars().all(token) {
        errors.spanned(
            name,
            format!("`{text}` is not a valid header name; use letters, digits and `-`"),
        );
    } else if let Some((_, message)) = RESERVED
        .iter()
        .find(|(reserved, _)| text.eq_ignore_ascii_case(reserved))
    {
        errors.spanned(name, message);
    }
}

/// Headers a call may not set, with the message naming the fix: the vault
/// sets `Authorization`, and the runtime refuses the ones its HTTP client
/// derives from the URL and the body.
const RESERVED: [(&str, &str); 4] = [
    (
        "authorization",
        "the vault sets `Authorization` from the user's token; remove this header",
    ),
    (
        "host",
        "the HTTP client sets `Host` from the URL; remove this header and set `base_url` \
         to call another host",
    ),
    (
        "content-length",
        "the HTTP client sets `Content-Length` from the body; remove this header",
    ),
    (
        "transfer-encoding",
        "the HTTP client sets `Transfer-Encoding` from the body; remove this header",
    ),
];

/// Checks a fixed header value.
pub(crate) fn check_header_value(value: &LitStr, errors: &mut Errors) {
    if value.value().chars().any(|c| c.is_control() && c != '\t') {
        errors.spanned(
            value,
            "a header value cannot hold control characters such as a line break",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;

    fn errors_for(name: &str) -> String {
        let mut errors = Errors::default();
        check_header_name(&LitStr::new(name, Span::call_site()), &mut errors);
        errors.to_compile_errors().to_string()
    }

    #[test]
    fn headers_the_vault_or_client_sets_are_refused_in_any_case() {
        assert!(errors_for("AUTHORIZATION").contains("the vault sets `Authorization`"));
        assert!(errors_for("host").contains("the HTTP client sets `Host` from the URL"));
        assert!(errors_for("content-length").contains("sets `Content-Length` from the body"));
        assert!(errors_for("Transfer-Encoding").contains("sets `Transfer-Encoding` from the"));
        assert_eq!(errors_for("X-Host"), "");
        assert_eq!(errors_for("Accept"), "");
    }
}
