//! Parsing the `path = "..."` template into literal text and `<placeholders>`.

use crate::errors::Errors;
use syn::LitStr;

/// A parsed path template, kept beside its literal for spans.
pub(crate) struct Template {
    /// The string literal the user wrote.
    pub(crate) lit: LitStr,
    /// The pieces in order.
    pub(crate) parts: Vec<Part>,
    /// A placeholder could not be read, so arguments may lack theirs.
    pub(crate) malformed: bool,
}

/// One piece of a path template.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Text sent as written.
    Literal(String),
    /// A value taken from the argument of that name.
    Placeholder(Placeholder),
}

/// A `<name>` or `<name..>` placeholder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Placeholder {
    /// The argument name it binds to (without `r#`).
    pub(crate) name: String,
    /// `<name..>`: the value may span several segments.
    pub(crate) rest: bool,
}

impl Template {
    /// The placeholders in order of appearance.
    pub(crate) fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.parts.iter().filter_map(|part| match part {
            Part::Placeholder(placeholder) => Some(placeholder),
            Part::Literal(_) => None,
        })
    }
}

/// Parses `lit`, recording every mistake found in it.
pub(crate) fn parse(lit: &LitStr, errors: &mut Errors) -> Template {
    let text = lit.value();
    let mut problems = Vec::new();
    if !text.starts_with('/') {
        problems.push(format!("the path must start with `/`; write \"/{text}\""));
    }
    let before = problems.len();
    let parts = split(&text, &mut problems);
    let malformed = problems.len() > before;
    if let Some(symbol) = literal_text(&parts).find(|c| matches!(c, '?' | '#')) {
        problems.push(format!(
            "the path contains `{symbol}`; pass query values as `#[query]` arguments instead"
        ));
    }
    problems.extend(segment_problem(&text));
    problems.extend(duplicates(&parts));
    for problem in problems {
        errors.spanned(lit, problem);
    }
    Template {
        lit: lit.clone(),
        parts,
        malformed,
    }
}

fn literal_text(parts: &[Part]) -> impl Iterator<Item = char> + '_ {
    parts.iter().flat_map(|part| match part {
        Part::Literal(text) => text.chars().collect(),
        Part::Placeholder(_) => Vec::new(),
    })
}

fn split(text: &str, problems: &mut Vec<String>) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => match rest[1..].find(['<', '>']) {
                Some(end) if rest.as_bytes()[end + 1] == b'>' => {
                    let inner = &rest[1..=end];
                    if let Some(placeholder) = placeholder(inner, problems) {
                        flush(&mut literal, &mut parts);
                        parts.push(Part::Placeholder(placeholder));
                    }
                    rest = &rest[end + 2..];
                    continue;
                }
                _ => problems.push(format!(
                    "unclosed `<` in the path at `{}`; close the placeholder with `>`",
                    rest
                )),
            },
            '>' => problems.push(format!(
                "`>` without an opening `<` in the path at `{rest}`; write placeholders as `<name>`"
            )),
            _ => literal.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut literal, &mut parts);
    parts
}

fn flush(literal: &mut String, parts: &mut Vec<Part>) {
    if !literal.is_empty() {
        parts.push(Part::Literal(std::mem::take(literal)));
    }
}

fn placeholder(inner: &str, problems: &mut Vec<String>) -> Option<Placeholder> {
    let (name, rest) = match inner.strip_suffix("..") {
        Some(name) => (name, true),
        None => (inner, false),
    };
    let name = name.strip_prefix("r#").unwrap_or(name);
    if name.is_empty() {
        problems.push(format!(
            "empty placeholder `<{inner}>`; name the argument it takes, like `<id>`"
        ));
        return None;
    }
    if !is_identifier(name) {
        let fixed: String = name
            .trim()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        problems.push(format!(
            "placeholder `<{inner}>` is not an argument name; write it as an identifier, like `<{fixed}>`"
        ));
        return None;
    }
    Some(Placeholder {
        name: name.to_owned(),
        rest,
    })
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    first_ok && name != "_" && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Refuses `.` and `..` segments, which the URL parser resolves, so that
/// `/x/../<id>` would be sent to `/<id>`, and empty segments (`//`).
fn segment_problem(text: &str) -> Option<String> {
    let segments = Segments::read(text);
    let mut found = Vec::new();
    if !segments.dots.is_empty() {
        let list: Vec<_> = segments.dots.iter().map(|d| format!("`{d}`")).collect();
        let noun = if list.len() == 1 {
            "segment"
        } else {
            "segments"
        };
        found.push(format!(
            "the {noun} {}, which the URL parser resolves, so the request would not go to \
             the path written",
            list.join(", ")
        ));
    }
    if segments.empty {
        found.push("an empty segment (`//`)".to_owned());
    }
    if found.is_empty() {
        return None;
    }
    let fixed = segments.kept.join("/");
    Some(format!(
        "the path holds {}; write \"/{fixed}\"",
        found.join(", and ")
    ))
}

/// The segments of a path as the URL parser reads them: split at `/` and `\\`, with
/// `%2e` standing for `.`.
struct Segments<'a> {
    /// The dot segments, as written, each once.
    dots: Vec<&'a str>,
    /// Whether an empty segment comes before the last.
    empty: bool,
    /// The segments left once the dot segments are resolved and the empty ones dropped.
    kept: Vec<&'a str>,
}

impl<'a> Segments<'a> {
    fn read(text: &'a str) -> Self {
        let path = text.split(['?', '#']).next().unwrap_or_default();
        let path = path.strip_prefix('/').unwrap_or(path);
        let all: Vec<&str> = path.split(['/', '\\']).collect();
        let mut segments = Segments {
            dots: Vec::new(),
            empty: false,
            kept: Vec::new(),
        };
        for (index, segment) in all.iter().copied().enumerate() {
            let last = index + 1 == all.len();
            match dot_segment(segment) {
                Some(dot) => {
                    if !segments.dots.contains(&segment) {
                        segments.dots.push(segment);
                    }
                    if dot == ".." {
                        segments.kept.pop();
                    }
                    if last {
                        segments.kept.push("");
                    }
                }
                None if segment.is_empty() && !last => segments.empty = true,
                None => segments.kept.push(segment),
            }
        }
        segments
    }
}

/// `"."` or `".."` when `segment` reads as one of them, `%2e` included.
fn dot_segment(segment: &str) -> Option<&'static str> {
    let lower = segment.to_ascii_lowercase();
    match lower.replace("%2e", ".").as_str() {
        "." => Some("."),
        ".." => Some(".."),
        _ => None,
    }
}

fn duplicates(parts: &[Part]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut problems = Vec::new();
    for part in parts {
        let Part::Placeholder(placeholder) = part else {
            continue;
        };
        let name = placeholder.name.as_str();
        if seen.contains(&name) {
            problems.push(format!(
                "placeholder `<{name}>` is used twice; each placeholder takes its own argument, so rename one"
            ));
        } else {
            seen.push(name);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Vec<Part>, Vec<String>) {
        let mut problems = Vec::new();
        let parts = split(text, &mut problems);
        problems.extend(duplicates(&parts));
        (parts, problems)
    }

    fn lit(text: &str) -> Part {
        Part::Literal(text.to_owned())
    }

    fn hole(name: &str, rest: bool) -> Part {
        Part::Placeholder(Placeholder {
            name: name.to_owned(),
            rest,
        })
    }

    #[test]
    fn splits_literals_and_placeholders() {
        let (parts, problems) = parse_text("/repos/<owner>/<repo>/contents/<path..>");
        assert!(problems.is_empty());
        assert_eq!(
            parts,
            [
                lit("/repos/"),
                hole("owner", false),
                lit("/"),
                hole("repo", false),
                lit("/contents/"),
                hole("path", true),
            ]
        );
    }

    #[test]
    fn raw_placeholder_names_bind_to_the_plain_name() {
        let (parts, _) = parse_text("/a/<r#type>.json");
        assert_eq!(parts, [lit("/a/"), hole("type", false), lit(".json")]);
    }

    #[test]
    fn reports_every_malformed_placeholder() {
        let (_, problems) = parse_text("/a/<>/<a b>/<id>/<id>/<open");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("empty placeholder `<>`"));
        assert!(problems[1].contains("like `<a_b>`"));
        assert!(problems[2].starts_with("unclosed `<` in the path at `<open`"));
        assert!(problems[3].starts_with("placeholder `<id>` is used twice"));
    }

    #[test]
    fn refuses_dot_and_empty_segments_naming_the_path_meant() {
        for (text, message) in [
            (
                "/x/../<id>",
                "the path holds the segment `..`, which the URL parser resolves, so the \
                 request would not go to the path written; write \"/<id>\"",
            ),
            (
                "/a/./b/%2E%2e/<id>",
                "the path holds the segments `.`, `%2E%2e`, which the URL parser resolves, so \
                 the request would not go to the path written; write \"/a/<id>\"",
            ),
            (
                "/a//<id>/..",
                "the path holds the segment `..`, which the URL parser resolves, so the \
                 request would not go to the path written, and an empty segment (`//`); write \
                 \"/a/\"",
            ),
            (
                "/a\\..\\b",
                "the path holds the segment `..`, which the URL parser resolves, so the \
                 request would not go to the path written; write \"/b\"",
            ),
            (
                "/a//b",
                "the path holds an empty segment (`//`); write \"/a/b\"",
            ),
        ] {
            assert_eq!(segment_problem(text).as_deref(), Some(message), "{text}");
        }
        for good in [
            "/",
            "/a/",
            "/a/<id>",
            "/a/<id>.json",
            "/a/.well-known/x",
            "/a/..b/...",
            "/files/<path..>",
            "/a/<id>..",
        ] {
            assert_eq!(segment_problem(good), None, "{good}");
        }
    }

    #[test]
    fn reports_a_stray_closing_bracket() {
        let (_, problems) = parse_text("/a>b");
        assert_eq!(
            problems,
            ["`>` without an opening `<` in the path at `>b`; write placeholders as `<name>`"]
        );
    }
}
