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
    } else if text.eq_ignore_ascii_case("authorization") {
        let message = "the vault sets `Authorization` from the user's token; remove this header";
        errors.spanned(name, message);
    }
}

/// Checks a fixed header value.
pub(crate) fn check_header_value(value: &LitStr, errors: &mut Errors) {
    if value.value().chars().any(|c| c.is_control() && c != '\t') {
        errors.spanned(
            value,
            "a header value cannot hold control characters such as a line break",
        );
    }
}
