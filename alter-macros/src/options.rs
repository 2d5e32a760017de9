//! The options of `#[vault_endpoint(...)]` and `#[vault_api(...)]`.
//!
//! Parsing is in two steps: the syntax (`key = value`, `key(...)`) first, then the
//! meaning of each option, so that every unknown, repeated or malformed option of
//! one attribute is reported in the same build.

use crate::errors::{Errors, did_you_mean};
use crate::headers::{HeaderPair, check_header_name, check_header_value};
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Ident, Lit, LitStr, Path, Token};
use url::{Host, Url};

/// Where the options are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// `#[vault_api(...)]` on a trait: defaults for its endpoints.
    Trait,
    /// `#[vault_endpoint(...)]` on one method.
    Method,
}

const TRAIT_KEYS: &[&str] = &[
    "provider", "base_url", "headers", "timeout", "reason", "check", "crate",
];
const METHOD_ONLY_KEYS: &[&str] = &["method", "path"];

/// The HTTP methods an endpoint may use.
pub(crate) const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The options of one attribute, each kept with the tokens it came from.
#[derive(Default, Clone)]
pub(crate) struct Options {
    pub(crate) provider: Option<LitStr>,
    pub(crate) method: Option<Ident>,
    pub(crate) path: Option<LitStr>,
    pub(crate) base_url: Option<LitStr>,
    pub(crate) headers: Vec<(LitStr, LitStr)>,
    /// The timeout in milliseconds.
    pub(crate) timeout: Option<u64>,
    pub(crate) reason: Option<LitStr>,
    pub(crate) check: Option<Path>,
    pub(crate) krate: Option<Path>,
    /// Every option written, valid or not, so a bad one is not also called missing.
    pub(crate) seen: Vec<String>,
}

struct RawOption {
    key: Ident,
    value: RawValue,
}

enum RawValue {
    Flag,
    Assign(Expr),
    List(TokenStream),
}

impl Parse for RawOption {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key = Ident::parse_any(input)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            RawValue::Assign(input.parse()?)
        } else if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            RawValue::List(content.parse()?)
        } else {
            RawValue::Flag
        };
        Ok(RawOption { key, value })
    }
}

/// Parses the arguments of an attribute, recording every mistake.
pub(crate) fn parse(tokens: TokenStream, level: Level, errors: &mut Errors) -> Options {
    let mut options = Options::default();
    let parser = Punctuated::<RawOption, Token![,]>::parse_terminated;
    match parser.parse2(tokens) {
        Ok(raw) => raw
            .iter()
            .for_each(|option| options.apply(option, level, errors)),
        Err(error) => errors.push(error),
    }
    options
}

impl Options {
    fn apply(&mut self, option: &RawOption, level: Level, errors: &mut Errors) {
        let key = &option.key;
        let name = key.unraw().to_string();
        if level == Level::Method || !METHOD_ONLY_KEYS.contains(&name.as_str()) {
            self.seen.push(name.clone());
        }
        let repeated = match name.as_str() {
            "provider" => set(&mut self.provider, provider(option, errors)),
            "base_url" => set(&mut self.base_url, base_url(option, errors)),
            "timeout" => set(&mut self.timeout, timeout(option, errors)),
            "reason" => set(&mut self.reason, string(option, errors)),
            "check" => set(&mut self.check, path(option, errors)),
            "crate" => set(&mut self.krate, path(option, errors)),
            "headers" => self.add_headers(option, errors),
            "method" | "path" if level == Level::Trait => {
                let message =
                    format!("`{name}` belongs on each `#[vault_endpoint]`, not on `#[vault_api]`");
                return errors.spanned(key, message);
            }
            "method" => set(&mut self.method, method(option, errors)),
            "path" => set(&mut self.path, string(option, errors)),
            _ => return unknown(key, &name, level, errors),
        };
        if repeated {
            errors.spanned(key, format!("`{name}` is given twice; remove one"));
        }
    }

    fn add_headers(&mut self, option: &RawOption, errors: &mut Errors) -> bool {
        let RawValue::List(tokens) = &option.value else {
            let message = "write fixed headers as `headers(\"Accept\" = \"application/json\")`";
            errors.spanned(&option.key, message);
            return false;
        };
        let parser = Punctuated::<HeaderPair, Token![,]>::parse_terminated;
        match parser.parse2(tokens.clone()) {
            Ok(pairs) => {
                for pair in pairs {
                    check_header_name(&pair.name, errors);
                    check_header_value(&pair.value, errors);
                    let name = pair.name.value();
                    if self
                        .headers
                        .iter()
                        .any(|(seen, _)| seen.value().eq_ignore_ascii_case(&name))
                    {
                        let message = format!("the header `{name}` is given twice; remove one");
                        errors.spanned(&pair.name, message);
                    }
                    self.headers.push((pair.name, pair.value));
                }
            }
            Err(error) => errors.push(error),
        }
        false
    }

    /// These options, with `defaults` filling what they leave out.
    pub(crate) fn or_defaults(mut self, defaults: &Options) -> Options {
        fill(&mut self.provider, &defaults.provider);
        fill(&mut self.method, &defaults.method);
        fill(&mut self.path, &defaults.path);
        fill(&mut self.base_url, &defaults.base_url);
        fill(&mut self.timeout, &defaults.timeout);
        fill(&mut self.reason, &defaults.reason);
        fill(&mut self.check, &defaults.check);
        fill(&mut self.krate, &defaults.krate);
        self.seen.extend(defaults.seen.iter().cloned());
        let own = std::mem::take(&mut self.headers);
        let same = |a: &LitStr, b: &LitStr| a.value().eq_ignore_ascii_case(&b.value());
        let overridden = |name: &LitStr| own.iter().any(|(own_name, _)| same(name, own_name));
        let mut headers: Vec<_> = defaults
            .headers
            .iter()
            .filter(|(name, _)| !overridden(name))
            .cloned()
            .collect();
        headers.extend(own);
        self.headers = headers;
        self
    }
}

fn fill<T: Clone>(slot: &mut Option<T>, default: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(default);
    }
}

/// Stores `value` unless the option was already given; returns whether it was.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    let repeated = slot.is_some();
    if !repeated && value.is_some() {
        *slot = value;
    }
    repeated
}

fn unknown(key: &Ident, name: &str, level: Level, errors: &mut Errors) {
    let mut known: Vec<&str> = TRAIT_KEYS.to_vec();
    if level == Level::Method {
        known.extend(METHOD_ONLY_KEYS);
    }
    let hint = did_you_mean(name, known.iter().copied());
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    errors.spanned(
        key,
        format!("unknown option `{name}`{hint}\nexpected one of {list}"),
    );
}

impl RawOption {
    /// The value after `=`, seen through the invisible group a `macro_rules!`
    /// fragment (`$path:literal`, `$check:path`) arrives in.
    fn assigned(&self) -> Option<&Expr> {
        let RawValue::Assign(expr) = &self.value else {
            return None;
        };
        let mut expr = expr;
        while let Expr::Group(group) = expr {
            expr = &group.expr;
        }
        Some(expr)
    }

    /// Reports a malformed value at the value, or at the key when there is none.
    fn wrong(&self, message: String, errors: &mut Errors) {
        match &self.value {
            RawValue::Assign(value) => errors.spanned(value, message),
            RawValue::List(_) | RawValue::Flag => errors.spanned(&self.key, message),
        }
    }
}

fn string(option: &RawOption, errors: &mut Errors) -> Option<LitStr> {
    if let Some(Expr::Lit(expr)) = option.assigned()
        && let Lit::Str(lit) = &expr.lit
    {
        return Some(lit.clone());
    }
    let key = &option.key;
    option.wrong(format!("`{key}` takes a string: `{key} = \"...\"`"), errors);
    None
}

fn path(option: &RawOption, errors: &mut Errors) -> Option<Path> {
    if let Some(Expr::Path(expr)) = option.assigned()
        && expr.qself.is_none()
    {
        return Some(expr.path.clone());
    }
    let key = &option.key;
    option.wrong(
        format!("`{key}` takes a path: `{key} = some::path`"),
        errors,
    );
    None
}

fn method(option: &RawOption, errors: &mut Errors) -> Option<Ident> {
    let (name, span) = match option.assigned() {
        Some(Expr::Path(expr)) if expr.path.get_ident().is_some() => {
            (expr.path.to_token_stream().to_string(), expr.path.span())
        }
        Some(Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        })) => (lit.value(), lit.span()),
        _ => {
            let message = "`method` takes an HTTP method: `method = GET`";
            option.wrong(message.to_owned(), errors);
            return None;
        }
    };
    if METHODS.contains(&name.as_str()) {
        return Some(Ident::new(&name, span));
    }
    let upper = name.to_ascii_uppercase();
    let hint = match METHODS.contains(&upper.as_str()) {
        true => format!("; write it in capitals: `{upper}`"),
        false => did_you_mean(&upper, METHODS.iter().copied()),
    };
    let list = METHODS.join(", ");
    errors.at(
        span,
        format!("unknown method `{name}`{hint}\nexpected one of {list}"),
    );
    None
}

/// The longest provider id the local vault stores.
const MAX_PROVIDER_ID_LEN: usize = 64;

fn provider(option: &RawOption, errors: &mut Errors) -> Option<LitStr> {
    let lit = string(option, errors)?;
    let id = lit.value();
    if id.trim().is_empty() {
        errors.spanned(&lit, "name the provider, like `provider = \"github\"`");
    } else if let Some(bad) = id.chars().find(|c| !is_provider_char(*c)) {
        // The vault matches ids exactly, and stores them in this form.
        let lowercase = id.to_ascii_lowercase();
        let message = if lowercase.chars().all(is_provider_char) {
            format!("provider ids are lowercase; write `provider = \"{lowercase}\"`")
        } else {
            format!(
                "provider id `{id}` holds {bad:?}; a provider id has only lowercase ASCII \
                 letters, digits, `-`, `_` and `.`"
            )
        };
        errors.spanned(&lit, message);
    }
    let length = id.chars().count();
    if length > MAX_PROVIDER_ID_LEN {
        let message = format!(
            "this provider id has {length} characters; the vault keeps ids of at most \
             {MAX_PROVIDER_ID_LEN}, so shorten it"
        );
        errors.spanned(&lit, message);
    }
    Some(lit)
}

fn is_provider_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
}

fn base_url(option: &RawOption, errors: &mut Errors) -> Option<LitStr> {
    let lit = string(option, errors)?;
    let url = lit.value();
    let Some((written, rest)) = url
        .split_once("://")
        .filter(|(scheme, _)| is_scheme(scheme))
    else {
        let message = "`base_url` must be an absolute URL, like \"https://api.example.com\"";
        errors.spanned(&lit, message);
        return Some(lit);
    };
    let lowercase = written.to_ascii_lowercase();
    let scheme = match lowercase.as_str() {
        "https" | "http" if written == lowercase => written,
        "https" | "http" => {
            let message = format!(
                "write the scheme of `base_url` in lowercase: \"{lowercase}://{}\"",
                without_credentials(rest)
            );
            errors.spanned(&lit, message);
            lowercase.as_str()
        }
        _ => {
            let message = format!(
                "`base_url` must use `https` (plain `http` only for a loopback host), not \
                 `{written}`; write \"https://{}\"",
                without_credentials(rest)
            );
            errors.spanned(&lit, message);
            "https"
        }
    };
    // Judged as the runtime judges it: by the URL parser's reading. A wrong scheme is
    // reported above, and the rest is judged as it would read behind `https://`.
    let parsed = match Url::parse(&format!("{scheme}://{rest}")) {
        Ok(parsed) => parsed,
        Err(error) => {
            let message = format!(
                "`base_url` is not a valid URL ({error}); write it like \"https://api.example.com\""
            );
            errors.spanned(&lit, message);
            return Some(lit);
        }
    };
    let rest = without_credentials(rest);
    if !parsed.username().is_empty() || parsed.password().is_some() {
        let message = format!(
            "`base_url` may not hold credentials: they would show in `Debug` output and in \
             errors; write \"{scheme}://{rest}\" and keep credentials in the vault"
        );
        errors.spanned(&lit, message);
    }
    check_ending(&lit, scheme, rest, errors);
    if scheme == "http" && !is_loopback(&parsed) {
        let message = format!(
            "`base_url` may use plain `http://` only for a loopback host, since the token \
             would travel unencrypted; write \"https://{rest}\""
        );
        errors.spanned(&lit, message);
    }
    Some(lit)
}

/// Whether `text` has the form of a URL scheme: a letter, then letters, digits, `+`, `-`
/// or `.`.
fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Refuses a query, a fragment or a trailing `/` at the end of a base URL:
/// the path is appended to the base as text, so it would land in a query or
/// fragment, or start with `//`.
fn check_ending(lit: &LitStr, scheme: &str, rest: &str, errors: &mut Errors) {
    if let Some(at) = rest.find(['?', '#']) {
        let (what, fix) = match &rest[at..at + 1] {
            "?" => ("a query", " and pass query values as `#[query]` arguments"),
            _ => ("a fragment", ""),
        };
        let message = format!(
            "`base_url` may not hold {what}; write \"{scheme}://{}\"{fix}",
            rest[..at].trim_end_matches('/')
        );
        errors.spanned(lit, message);
    } else if rest.ends_with('/') {
        errors.spanned(
            lit,
            "remove the trailing `/` from `base_url`; every path starts with `/`",
        );
    }
}

/// The text after `scheme://` without a `user:password@` before the host.
fn without_credentials(after_scheme: &str) -> &str {
    let end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    match after_scheme[..end].rfind('@') {
        Some(at) => &after_scheme[at + 1..],
        None => after_scheme,
    }
}

/// Whether a URL points at this machine (`127.0.0.0/8`, `::1` or `localhost`): the
/// rule of the runtime's `is_loopback` in `alter-runtime/src/hosts.rs`, which lets
/// plain `http://` through, on the same parse.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

fn timeout(option: &RawOption, errors: &mut Errors) -> Option<u64> {
    let lit = string(option, errors)?;
    let millis = parse_duration(&lit.value()).filter(|millis| *millis > 0);
    if millis.is_none() {
        let message = "write the timeout as a positive whole number with a unit: \"500ms\", \"30s\" or \"2m\"";
        errors.spanned(&lit, message);
    }
    millis
}

/// Milliseconds in `"500ms"`, `"30s"` or `"2m"`.
pub(crate) fn parse_duration(text: &str) -> Option<u64> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let factor = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn messages(tokens: TokenStream, level: Level) -> String {
        let mut errors = Errors::default();
        parse(tokens, level, &mut errors);
        errors.to_compile_errors().to_string()
    }

    #[test]
    fn durations_take_a_unit() {
        assert_eq!(parse_duration("500ms"), Some(500));
        assert_eq!(parse_duration("30s"), Some(30_000));
        assert_eq!(parse_duration("2m"), Some(120_000));
        assert_eq!(parse_duration("30"), None);
        assert_eq!(parse_duration("1.5s"), None);
    }

    #[test]
    fn reports_unknown_and_repeated_options_together() {
        let found = messages(
            quote!(provider = "a", pth = "/x", provider = "b"),
            Level::Method,
        );
        assert!(
            found.contains("unknown option `pth`; did you mean `path`?"),
            "{found}"
        );
        assert!(
            found.contains("`provider` is given twice; remove one"),
            "{found}"
        );
    }

    #[test]
    fn methods_may_be_written_as_strings_but_not_as_anything() {
        let found = messages(quote!(method = "G ET"), Level::Method);
        assert!(found.contains("unknown method `G ET`"), "{found}");
        let mut errors = Errors::default();
        let options = parse(quote!(method = "PUT"), Level::Method, &mut errors);
        assert_eq!(
            options.method.map(|m| m.to_string()).as_deref(),
            Some("PUT")
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn provider_ids_are_lowercase_ascii() {
        let found = messages(quote!(provider = "HubSpot"), Level::Trait);
        assert!(
            found.contains(r#"provider ids are lowercase; write `provider = \"hubspot\"`"#),
            "{found}"
        );
        let found = messages(quote!(provider = "hub spot"), Level::Trait);
        assert!(
            found.contains("provider id `hub spot` holds ' '"),
            "{found}"
        );
        let long = "a".repeat(65);
        let found = messages(quote!(provider = #long), Level::Trait);
        assert!(found.contains("has 65 characters"), "{found}");
        let longest = "a".repeat(64);
        for good in ["hubspot", "google", "my-crm_2.eu", longest.as_str()] {
            assert_eq!(
                messages(quote!(provider = #good), Level::Trait),
                "",
                "{good}"
            );
        }
    }

    #[test]
    fn base_urls_are_https_or_loopback_and_end_at_the_path() {
        for bad in [
            "http://api.example.com",
            "http://127.0.0.1.example.com",
            "http://localhost.example.com",
            "https://api.example.com/v1?key=1",
            "https://api.example.com/v1#top",
            "http://127.0.0.1:99999",
        ] {
            assert_ne!(messages(quote!(base_url = #bad), Level::Trait), "", "{bad}");
        }
        for good in [
            "https://api.example.com/v1",
            "http://127.0.0.1:38555",
            "http://127.9.9.9/api",
            "http://LOCALHOST:8080",
            "http://[::1]:9/api",
            "http://127.1:8080",
            "http://[0:0:0:0:0:0:0:1]",
        ] {
            assert_eq!(
                messages(quote!(base_url = #good), Level::Trait),
                "",
                "{good}"
            );
        }
    }

    #[test]
    fn base_urls_of_another_scheme_are_told_to_use_https() {
        for (bad, fix) in [
            ("ftp://api.example.com", "https://api.example.com"),
            ("ws://api.example.com/v1", "https://api.example.com/v1"),
            ("ftp://user:pass@api.example.com", "https://api.example.com"),
        ] {
            let found = messages(quote!(base_url = #bad), Level::Trait);
            assert!(found.contains("must use `https`"), "{found}");
            assert!(found.contains(&format!(r#"write \"{fix}\""#)), "{found}");
            assert!(!found.contains("absolute URL"), "{found}");
            assert!(!found.contains("pass@"), "{found}");
        }
        let found = messages(quote!(base_url = "HTTP://127.0.0.1:9"), Level::Trait);
        assert!(
            found.contains(r#"in lowercase: \"http://127.0.0.1:9\""#),
            "{found}"
        );
        let found = messages(quote!(base_url = "ftp://api.example.com/"), Level::Trait);
        assert!(found.contains("must use `https`"), "{found}");
        assert!(found.contains("remove the trailing `/`"), "{found}");
        for relative in [
            "api.example.com",
            "://api.example.com",
            "1x://api.example.com",
        ] {
            let found = messages(quote!(base_url = #relative), Level::Trait);
            assert!(found.contains("must be an absolute URL"), "{found}");
        }
    }

    #[test]
    fn base_urls_hold_no_credentials() {
        for (bad, fix) in [
            (
                "https://user:pass@api.example.com",
                "https://api.example.com",
            ),
            (
                "https://token@api.example.com/v1",
                "https://api.example.com/v1",
            ),
            ("https://:pass@api.example.com", "https://api.example.com"),
        ] {
            let found = messages(quote!(base_url = #bad), Level::Trait);
            assert!(found.contains("may not hold credentials"), "{found}");
            assert!(found.contains(&format!(r#"write \"{fix}\""#)), "{found}");
            assert!(!found.contains("pass@"), "{found}");
        }
        let plain = "http://user:pass@api.example.com";
        let found = messages(quote!(base_url = #plain), Level::Trait);
        assert!(!found.contains("pass@"), "{found}");
    }

    #[test]
    fn trait_level_refuses_method_and_path() {
        let found = messages(quote!(method = GET), Level::Trait);
        assert!(
            found.contains("`method` belongs on each `#[vault_endpoint]`"),
            "{found}"
        );
    }

    #[test]
    fn method_level_headers_replace_trait_ones_of_the_same_name() {
        let mut errors = Errors::default();
        let defaults = parse(
            quote!(headers("Accept" = "a", "X-A" = "1")),
            Level::Trait,
            &mut errors,
        );
        let own = parse(quote!(headers("accept" = "b")), Level::Method, &mut errors);
        let merged = own.or_defaults(&defaults);
        let pairs: Vec<_> = merged
            .headers
            .iter()
            .map(|(n, v)| (n.value(), v.value()))
            .collect();
        assert_eq!(
            pairs,
            [("X-A".into(), "1".into()), ("accept".into(), "b".into())]
        );
        assert!(errors.is_empty());
    }
}
