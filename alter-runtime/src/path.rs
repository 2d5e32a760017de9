//! URL templates with `{name}` placeholders, and the encoding of path values.
//!
//! A value always becomes exactly one path segment: every byte outside the
//! unreserved set (`A-Z a-z 0-9 - . _ ~`) is percent-encoded, so `feature/x`
//! becomes `feature%2Fx` and an already-encoded `%2F` becomes `%252F` (values
//! are encoded once and never decoded). The values `.`, `..` and the empty
//! string are refused, because they would change which resource is named.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{Error, Result};

/// Everything except the unreserved characters of RFC 3986.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes a value as one path segment.
pub(crate) fn encode_segment(name: &str, value: &str) -> Result<String> {
    match value {
        "" => Err(Error::invalid(format!("path value `{name}` is empty"))),
        "." | ".." => Err(Error::invalid(format!(
            "path value `{name}` may not be `.` or `..`"
        ))),
        _ => Ok(utf8_percent_encode(value, COMPONENT).to_string()),
    }
}

/// Encodes a value that spans several segments (`a/b/c`): each piece is
/// encoded as one segment and the slashes are kept.
pub(crate) fn encode_rest(name: &str, value: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::invalid(format!("path value `{name}` is empty")));
    }
    let mut pieces = Vec::new();
    for piece in value.split('/') {
        match piece {
            "" => {
                return Err(Error::invalid(format!(
                    "path value `{name}` has an empty segment (`//`, or `/` at an end)"
                )));
            }
            "." | ".." => {
                return Err(Error::invalid(format!(
                    "path value `{name}` may not hold a `.` or `..` segment"
                )));
            }
            _ => pieces.push(utf8_percent_encode(piece, COMPONENT).to_string()),
        }
    }
    Ok(pieces.join("/"))
}

/// Fills the `{name}` placeholders of a URL template with encoded values.
///
/// `{{` and `}}` stand for literal braces. Every placeholder needs a value,
/// and every value must be used.
pub(crate) fn render(template: &str, values: &[(String, String)]) -> Result<String> {
    let mut out = String::with_capacity(template.len());
    let mut used = vec![false; values.len()];
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        if tail.starts_with('}') {
            return Err(Error::invalid("URL template has an unbalanced `}`"));
        }
        let close = tail
            .find('}')
            .ok_or_else(|| Error::invalid("URL template has an unbalanced `{`"))?;
        let name = &tail[1..close];
        if name.is_empty() || name.contains('{') {
            return Err(Error::invalid(
                "URL template has an empty or nested placeholder",
            ));
        }
        out.push_str(&lookup(name, values, &mut used)?);
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    check_all_used(values, &used)?;
    Ok(out)
}

fn lookup(name: &str, values: &[(String, String)], used: &mut [bool]) -> Result<String> {
    let index = values
        .iter()
        .rposition(|(key, _)| key == name)
        .ok_or_else(|| Error::invalid(format!("no value for path placeholder `{{{name}}}`")))?;
    for (i, (key, _)) in values.iter().enumerate() {
        if key == name {
            used[i] = true;
        }
    }
    encode_segment(name, &values[index].1)
}

fn check_all_used(values: &[(String, String)], used: &[bool]) -> Result<()> {
    match values.iter().zip(used).find(|(_, used)| !**used) {
        Some(((name, _), _)) => Err(Error::invalid(format!(
            "path value `{name}` matches no placeholder in the URL"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    fn vals(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn values_become_one_encoded_segment() {
        let cases = [
            ("feature/x", "feature%2Fx"),
            ("feature%2Fx", "feature%252Fx"),
            ("a+b c", "a%2Bb%20c"),
            ("team@example.com/x y", "team%40example.com%2Fx%20y"),
            ("good first issue", "good%20first%20issue"),
            ("bug 🐛", "bug%20%F0%9F%90%9B"),
            ("a.b-c_d~e", "a.b-c_d~e"),
            ("...", "..."),
        ];
        for (input, expected) in cases {
            assert_eq!(encode_segment("v", input).unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for bad in ["", ".", ".."] {
            assert!(matches!(
                encode_segment("v", bad),
                Err(Error::InvalidRequest { .. })
            ));
        }
        let message = |value| encode_rest("<p..>", value).unwrap_err().to_string();
        assert_eq!(
            message("a/../b"),
            "invalid request: path value `<p..>` may not hold a `.` or `..` segment"
        );
        assert_eq!(
            message("a//b"),
            "invalid request: path value `<p..>` has an empty segment (`//`, or `/` at an end)"
        );
        assert_eq!(message("a/"), message("a//b"));
        assert_eq!(message(""), "invalid request: path value `<p..>` is empty");
        assert_eq!(
            encode_rest("p", "docs/read me.md").unwrap(),
            "docs/read%20me.md"
        );
    }

    #[test]
    fn templates_fill_every_placeholder() {
        let url = render(
            "https://h/repos/{owner}/{repo}/git/{ref}",
            &vals(&[("owner", "o"), ("repo", "r"), ("ref", "feature/x")]),
        )
        .unwrap();
        assert_eq!(url, "https://h/repos/o/r/git/feature%2Fx");
        assert_eq!(render("https://h/{{x}}", &[]).unwrap(), "https://h/{x}");
        assert_eq!(render("https://h/plain", &[]).unwrap(), "https://h/plain");
    }

    #[test]
    fn template_mistakes_are_errors() {
        let cases: [(&str, &[(&str, &str)]); 6] = [
            ("https://h/{id}", &[]),
            ("https://h/x", &[("id", "1")]),
            ("https://h/{id", &[("id", "1")]),
            ("https://h/id}", &[("id", "1")]),
            ("https://h/{}", &[]),
            ("https://h/{id}", &[("id", "..")]),
        ];
        for (template, values) in cases {
            let result = render(template, &vals(values));
            assert!(
                matches!(result, Err(Error::InvalidRequest { .. })),
                "{template}"
            );
        }
    }
}
