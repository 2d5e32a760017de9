//! Query parameters: from pairs or any `Serialize` value to an encoded query
//! string.
//!
//! Sequences repeat the key (`labelIds=INBOX&labelIds=UNREAD`), booleans are
//! `true`/`false`, `None` is skipped. Names and values are percent-encoded
//! with the same set as path values, so `+`, `:`, quotes and spaces survive
//! the round trip exactly (`+00:00` goes out as `%2B00%3A00`).

use percent_encoding::utf8_percent_encode;
use serde::Serialize;
use serde_json::Value;
use url::Url;

use crate::error::{Error, Result};
use crate::path::COMPONENT;

/// The pairs of a whole value: a struct, a map, or a sequence of pairs.
pub(crate) fn pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>> {
    let form = serde_html_form::to_string(value)
        .map_err(|e| Error::invalid(format!("query parameters could not be serialized: {e}")))?;
    Ok(url::form_urlencoded::parse(form.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The pairs of one named parameter: nothing for `None`, one pair per element
/// for a sequence (a `Vec`, slice, array or tuple).
pub(crate) fn named<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Vec<(String, String)>> {
    let value = serde_json::to_value(value).map_err(|e| {
        Error::invalid(format!(
            "query parameter `{name}` could not be serialized: {e}"
        ))
    })?;
    let items = match value {
        Value::Array(items) => items,
        single => vec![single],
    };
    let mut pairs = Vec::with_capacity(items.len());
    for item in items {
        if let Some(text) = scalar(name, item)? {
            pairs.push((name.to_owned(), text));
        }
    }
    Ok(pairs)
}

fn scalar(name: &str, value: Value) -> Result<Option<String>> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        Value::Bool(flag) => Ok(Some(flag.to_string())),
        Value::Number(number) => Ok(Some(number.to_string())),
        Value::Array(_) | Value::Object(_) => Err(Error::invalid(format!(
            "query parameter `{name}` must be a scalar or a sequence of scalars"
        ))),
    }
}

/// Appends encoded pairs to a URL's query, keeping any query it already has.
/// An empty list leaves the URL untouched (no trailing `?`).
pub(crate) fn append(url: &mut Url, pairs: &[(String, String)]) {
    if pairs.is_empty() {
        return;
    }
    let mut query = url.query().unwrap_or_default().to_owned();
    for (name, value) in pairs {
        if !query.is_empty() {
            query.push('&');
        }
        query.extend(utf8_percent_encode(name, COMPONENT));
        query.push('=');
        query.extend(utf8_percent_encode(value, COMPONENT));
    }
    url.set_query(Some(&query));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ListParams {
        label_ids: Vec<&'static str>,
        include_spam_trash: bool,
        page_token: Option<String>,
        max_results: u32,
    }

    #[test]
    fn structs_repeat_sequences_and_skip_none() {
        let params = ListParams {
            label_ids: vec!["INBOX", "UNREAD"],
            include_spam_trash: false,
            page_token: None,
            max_results: 10,
        };
        assert_eq!(
            pairs(&params).unwrap(),
            owned(&[
                ("labelIds", "INBOX"),
                ("labelIds", "UNREAD"),
                ("includeSpamTrash", "false"),
                ("maxResults", "10"),
            ])
        );
    }

    #[test]
    fn named_values() {
        assert_eq!(named("n", &Some(3)).unwrap(), owned(&[("n", "3")]));
        assert_eq!(named("n", &None::<u8>).unwrap(), owned(&[]));
        assert_eq!(named("b", &true).unwrap(), owned(&[("b", "true")]));
        assert_eq!(
            named("l", &["a", "b"]).unwrap(),
            owned(&[("l", "a"), ("l", "b")])
        );
        assert_eq!(named("s", "a+b").unwrap(), owned(&[("s", "a+b")]));
    }

    #[test]
    fn append_encodes_and_keeps_existing_query() {
        let mut url = Url::parse("https://h/p?alt=json").unwrap();
        append(
            &mut url,
            &owned(&[("q", "modifiedTime > '2024-01-01T00:00:00+00:00'")]),
        );
        assert_eq!(
            url.as_str(),
            "https://h/p?alt=json&q=modifiedTime%20%3E%20%272024-01-01T00%3A00%3A00%2B00%3A00%27"
        );
        let mut bare = Url::parse("https://h/p").unwrap();
        append(&mut bare, &[]);
        assert_eq!(bare.as_str(), "https://h/p");
        append(&mut bare, &owned(&[("a&b c", "x")]));
        assert_eq!(bare.as_str(), "https://h/p?a%26b%20c=x");
    }

    #[test]
    fn unsupported_shapes_are_invalid_requests() {
        assert!(matches!(pairs(&42), Err(Error::InvalidRequest { .. })));
        assert!(matches!(
            named("x", &[[1, 2]]),
            Err(Error::InvalidRequest { .. })
        ));
        assert!(matches!(
            named("x", &serde_json::json!({"a": 1})),
            Err(Error::InvalidRequest { .. })
        ));
    }
}
