//! The RFC 8288 `Link` header, as GitHub and Sentry paginate with it.
//!
//! GitHub sends `<url>; rel="next", <url>; rel="last"`. Sentry always sends both
//! `previous` and `next` and marks the one that leads nowhere with
//! `results="false"`, so a `next` link with `results="false"` ends the listing.

/// One link of a `Link` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkValue {
    /// Target URL, exactly as sent between `<` and `>`.
    pub url: String,
    /// Parameters in order of appearance (`rel`, `results`, `cursor`, ...), values unquoted.
    pub params: Vec<(String, String)>,
}

impl LinkValue {
    /// The value of parameter `name` (case-insensitive), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        let found = self
            .params
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))?;
        Some(found.1.as_str())
    }

    /// Whether the `rel` parameter names `relation` (it may list several, space-separated).
    pub fn has_rel(&self, relation: &str) -> bool {
        self.param("rel").is_some_and(|rels| {
            rels.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case(relation))
        })
    }
}

/// Parses a `Link` header value; malformed parts are skipped.
pub fn parse_link_header(header: &str) -> Vec<LinkValue> {
    let mut links = Vec::new();
    let mut rest = header;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let (params, remainder) = parse_params(&after[end + 1..]);
        links.push(LinkValue {
            url: after[..end].to_owned(),
            params,
        });
        rest = remainder;
    }
    links
}

/// The `next` link, unless absent or marked `results="false"` (Sentry's end of listing).
pub fn next_link(header: &str) -> Option<String> {
    let next = parse_link_header(header)
        .into_iter()
        .find(|link| link.has_rel("next"))?;
    let exhausted = next
        .param("results")
        .is_some_and(|r| r.eq_ignore_ascii_case("false"));
    (!exhausted).then_some(next.url)
}

/// Reads `; name=value` pairs up to the `,` that ends this link; returns them and the rest.
fn parse_params(mut input: &str) -> (Vec<(String, String)>, &str) {
    let mut params = Vec::new();
    loop {
        input = input.trim_start();
        match input.chars().next() {
            Some(';') => input = &input[1..],
            Some(',') => return (params, &input[1..]),
            _ => return (params, input),
        }
        let name_end = input.find(['=', ';', ',']).unwrap_or(input.len());
        let name = input[..name_end].trim().to_owned();
        input = &input[name_end..];
        let value = match input.strip_prefix('=') {
            Some(after) => {
                let (value, remainder) = parse_value(after.trim_start());
                input = remainder;
                value
            }
            None => String::new(),
        };
        if !name.is_empty() {
            params.push((name, value));
        }
    }
}

/// Reads a quoted string (with `\` escapes) or a bare token.
fn parse_value(input: &str) -> (String, &str) {
    let Some(quoted) = input.strip_prefix('"') else {
        let end = input.find([';', ',']).unwrap_or(input.len());
        return (input[..end].trim().to_owned(), &input[end..]);
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return (value, &quoted[index + 1..]),
            '\\' => value.extend(chars.next().map(|(_, escaped)| escaped)),
            _ => value.push(c),
        }
    }
    (value, "")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;

    const GITHUB: &str = "<https://api.github.com/repositories/1000/issues?per_page=3&page=2>; \
        rel=\"next\", <https://api.github.com/repositories/1000/issues?per_page=3&page=5>; \
        rel=\"last\"";

    fn sentry(next_results: &str) -> String {
        format!(
            "<https://sentry.io/api/0/organizations/acme/issues/?&cursor=100:0:1>; \
             rel=\"previous\"; results=\"false\"; cursor=\"100:0:1\", \
             <https://sentry.io/api/0/organizations/acme/issues/?&cursor=100:100:0>; \
             rel=\"next\"; results=\"{next_results}\"; cursor=\"100:100:0\""
        )
    }

    #[test]
    fn github_header_yields_next_and_last() {
        let links = parse_link_header(GITHUB);
        assert_eq!(links.len(), 2);
        assert_eq!(
            links[1].url,
            "https://api.github.com/repositories/1000/issues?per_page=3&page=5"
        );
        assert!(links[1].has_rel("last"));
        assert_eq!(
            next_link(GITHUB).as_deref(),
            Some("https://api.github.com/repositories/1000/issues?per_page=3&page=2")
        );
    }

    #[test]
    fn sentry_next_with_results_true_is_followed() {
        let header = sentry("true");
        let links = parse_link_header(&header);
        assert_eq!(links[0].param("results"), Some("false"));
        assert_eq!(links[1].param("cursor"), Some("100:100:0"));
        assert_eq!(
            next_link(&header).as_deref(),
            Some("https://sentry.io/api/0/organizations/acme/issues/?&cursor=100:100:0")
        );
    }

    #[test]
    fn sentry_next_with_results_false_ends() {
        assert_eq!(next_link(&sentry("false")), None);
    }

    #[test]
    fn last_page_without_next_ends() {
        let header = "<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=1>; rel=\"first\"";
        assert_eq!(next_link(header), None);
        assert_eq!(next_link(""), None);
    }

    #[test]
    fn commas_inside_urls_and_odd_params_are_handled() {
        let header = "<https://h.example/a?ids=1,2>; rel=next; title=\"a \\\"b\\\", c\"; flag, <https://h.example/b>; rel=\"prev last\"";
        let links = parse_link_header(header);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].url, "https://h.example/a?ids=1,2");
        assert_eq!(links[0].param("title"), Some("a \"b\", c"));
        assert_eq!(links[0].param("flag"), Some(""));
        assert!(links[1].has_rel("last"));
        assert_eq!(
            next_link(header).as_deref(),
            Some("https://h.example/a?ids=1,2")
        );
    }

    #[test]
    fn raw_spaces_inside_urls_and_around_separators_are_kept_apart() {
        let header = "  <https://h.example/a b,c?q=x y> ;rel = \"last\" ,  \
            <https://h.example/n b?q=1,2> ; rel=\"first next\"  ";
        let links = parse_link_header(header);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].url, "https://h.example/a b,c?q=x y");
        assert!(links[0].has_rel("last"));
        assert_eq!(
            next_link(header).as_deref(),
            Some("https://h.example/n b?q=1,2")
        );
    }

    #[test]
    fn malformed_header_yields_what_parses() {
        assert_eq!(parse_link_header("<https://h.example/a"), vec![]);
        assert_eq!(parse_link_header("garbage").len(), 0);
    }
}
