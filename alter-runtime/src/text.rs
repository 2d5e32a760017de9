//! Text utilities: cutting on character boundaries and short excerpts.

/// Largest body kept in full: in audit records and provider errors.
pub(crate) const MAX_BODY_BYTES: usize = 10_000;

/// Length of the excerpt kept from an HTML or otherwise unparsed error body.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// The longest prefix of `text` of at most `max` bytes that ends on a
/// character boundary.
pub(crate) fn truncate_utf8(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A one-line excerpt: whitespace runs collapsed to one space, at most
/// [`EXCERPT_CHARS`] characters, `...` marking a cut.
pub(crate) fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        for c in (!out.is_empty())
            .then_some(' ')
            .into_iter()
            .chain(word.chars())
        {
            if chars == EXCERPT_CHARS {
                out.push_str("...");
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// Whether a body looks like an HTML page rather than data.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    head.starts_with('<') && !head.starts_with("<?xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_utf8("héllo", 2), "h");
        assert_eq!(truncate_utf8("héllo", 3), "hé");
        assert_eq!(truncate_utf8("🐛🐛", 7), "🐛");
        assert_eq!(truncate_utf8("abc", 10), "abc");
    }

    #[test]
    fn excerpts_are_short_single_lines() {
        assert_eq!(
            excerpt("  <html>\n  <body> Bad\tGateway </body>"),
            "<html> <body> Bad Gateway </body>"
        );
        let long = "é".repeat(500);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 3);
        assert!(cut.ends_with("..."));
        assert_eq!(excerpt(""), "");
    }
}
