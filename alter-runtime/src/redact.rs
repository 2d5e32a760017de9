//! Replacing a secret in an answer, under every spelling a server may give it.
//!
//! A server echoing a secret may write its bytes as they are, JSON-escaped
//! (`\/`, `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, or `\u002F` in either hex
//! case, surrogate pairs included) or percent-encoded (`%2F` or `%2f`), and
//! may mix these forms within one copy. The search reads the text as units
//! (an escape, or one plain byte), decodes each and runs a Knuth-Morris-Pratt
//! search for the secret over the decoded bytes: one linear pass finds every
//! spelling, and each copy found is replaced by [`REDACTED`] in the text as
//! written. A JSON body stays valid JSON, since a copy inside a string is
//! replaced by text that needs no escape.
//!
//! Text without `\` or `%` can only hold the exact bytes: it is searched for
//! those alone, and costs no allocation unless a copy is found.

use std::ops::Range;

use memchr::{memchr2, memmem};

/// What replaces a secret wherever an answer echoes it.
pub(crate) const REDACTED_TEXT: &str = "[redacted]";
const REDACTED: &[u8] = REDACTED_TEXT.as_bytes();

/// `text` with every copy of `secret`, in any spelling, replaced by
/// [`REDACTED`], or `None` when there is none.
pub(crate) fn replaced(text: &[u8], secret: &[u8]) -> Option<Vec<u8>> {
    if secret.is_empty() {
        return None;
    }
    let mut copies: Vec<Range<usize>> = memmem::find_iter(text, secret)
        .map(|at| at..at + secret.len())
        .collect();
    if memchr2(b'\\', b'%', text).is_some() {
        copies.extend(spelled_copies(text, secret));
        copies.sort_by_key(|copy| copy.start);
    }
    if copies.is_empty() {
        return None;
    }
    Some(replace(text, &copies))
}

/// `text` with the sorted, possibly overlapping `copies` replaced; copies that
/// overlap share one marker.
fn replace(text: &[u8], copies: &[Range<usize>]) -> Vec<u8> {
    let mut clean = Vec::with_capacity(text.len());
    let mut done = 0;
    for copy in copies {
        if copy.start >= done {
            clean.extend_from_slice(&text[done..copy.start]);
            clean.extend_from_slice(REDACTED);
        }
        done = done.max(copy.end);
    }
    clean.extend_from_slice(&text[done..]);
    clean
}

/// Where `text` spells `secret` once decoded, as ranges of `text`.
fn spelled_copies(text: &[u8], secret: &[u8]) -> Vec<Range<usize>> {
    let fallback = fallback_table(secret);
    // The text offset of the unit each of the last `secret.len()` decoded
    // bytes came from, indexed by decoded position modulo the length.
    let mut unit_starts = vec![0; secret.len()];
    let mut copies = Vec::new();
    let (mut at, mut decoded, mut matched) = (0, 0, 0);
    while at < text.len() {
        let (unit, len) = unit_at(text, at);
        for &byte in unit.bytes() {
            while matched > 0 && secret[matched] != byte {
                matched = fallback[matched - 1];
            }
            if secret[matched] == byte {
                matched += 1;
            }
            unit_starts[decoded % secret.len()] = at;
            decoded += 1;
            if matched == secret.len() {
                // The copy's first decoded byte is `secret.len()` back.
                copies.push(unit_starts[decoded % secret.len()]..at + len);
                matched = 0;
            }
        }
        at += len;
    }
    copies
}

/// The Knuth-Morris-Pratt table: for each prefix of `secret`, the length of
/// its longest proper prefix that is also its suffix.
fn fallback_table(secret: &[u8]) -> Vec<usize> {
    let mut table = vec![0; secret.len()];
    let mut length = 0;
    for i in 1..secret.len() {
        while length > 0 && secret[i] != secret[length] {
            length = table[length - 1];
        }
        if secret[i] == secret[length] {
            length += 1;
        }
        table[i] = length;
    }
    table
}

/// The decoded bytes of one unit: one byte, or the UTF-8 of one character.
struct Unit {
    bytes: [u8; 4],
    len: usize,
}

impl Unit {
    fn byte(byte: u8) -> Unit {
        Unit {
            bytes: [byte, 0, 0, 0],
            len: 1,
        }
    }

    fn char(c: char) -> Unit {
        let mut bytes = [0; 4];
        let len = c.encode_utf8(&mut bytes).len();
        Unit { bytes, len }
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The unit starting at `at` (which is inside `text`) and its length there.
fn unit_at(text: &[u8], at: usize) -> (Unit, usize) {
    let rest = &text[at..];
    match rest {
        [b'%', high, low, ..] => {
            if let (Some(high), Some(low)) = (hex(*high), hex(*low)) {
                return (Unit::byte((high << 4) | low), 3);
            }
        }
        [b'\\', b'u', ..] => {
            if let Some((c, len)) = json_unicode(rest) {
                return (Unit::char(c), len);
            }
        }
        [b'\\', escaped, ..] => {
            if let Some(byte) = json_short_escape(*escaped) {
                return (Unit::byte(byte), 2);
            }
        }
        _ => {}
    }
    (Unit::byte(rest[0]), 1)
}

/// A `\uXXXX` escape at the start of `text`, or a surrogate pair of two,
/// and its length.
fn json_unicode(text: &[u8]) -> Option<(char, usize)> {
    let first = code_unit(text)?;
    if let Some(c) = char::from_u32(first.into()) {
        return Some((c, 6));
    }
    let second = code_unit(text.get(6..)?)?;
    let c = char::decode_utf16([first, second]).next()?.ok()?;
    Some((c, 12))
}

/// The UTF-16 code unit of a `\uXXXX` escape at the start of `text`.
fn code_unit(text: &[u8]) -> Option<u16> {
    let [b'\\', b'u', digits @ ..] = text else {
        return None;
    };
    digits
        .get(..4)?
        .iter()
        .try_fold(0, |unit, &digit| Some((unit << 4) | u16::from(hex(digit)?)))
}

/// The byte a two-character JSON escape `\x` stands for.
fn json_short_escape(escaped: u8) -> Option<u8> {
    match escaped {
        b'"' | b'\\' | b'/' => Some(escaped),
        b'b' => Some(0x08),
        b'f' => Some(0x0c),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        _ => None,
    }
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    fn clean(text: &str, secret: &str) -> String {
        let out = replaced(text.as_bytes(), secret.as_bytes());
        String::from_utf8(out.unwrap_or_else(|| text.as_bytes().to_vec())).unwrap()
    }

    #[test]
    fn exact_copies_are_replaced() {
        assert_eq!(
            clean("tok a tokto tok", "tok"),
            "[redacted] a [redacted]to [redacted]"
        );
        assert_eq!(clean("aaaa", "aa"), "[redacted][redacted]");
        assert_eq!(replaced(b"to k", b"tok"), None);
        assert_eq!(replaced(b"abc", b""), None);
    }

    #[test]
    fn json_escaped_copies_are_replaced() {
        let secret = "abc/def+ghi";
        for spelled in [
            r"abc\/def+ghi",
            r"abc\u002Fdef\u002Bghi",
            r"abc\u002fdef\u002bghi",
            r"\u0061\u0062\u0063\u002F\u0064\u0065\u0066\u002B\u0067\u0068\u0069",
            r"abc\/def\u002bg%68i",
        ] {
            assert_eq!(
                clean(&format!(r#"{{"e":"bad {spelled}."}}"#), secret),
                r#"{"e":"bad [redacted]."}"#,
                "{spelled}"
            );
        }
        assert_eq!(clean(r#"a\"b\\c"#, r#"a"b\c"#), "[redacted]");
        assert_eq!(clean(r"x\ud83d\ude00y", "x😀y"), "[redacted]");
        assert_eq!(clean(r"\u00e9t\u00E9", "été"), "[redacted]");
    }

    #[test]
    fn percent_encoded_copies_are_replaced() {
        let secret = "abc/def+ghi!";
        for spelled in ["abc%2Fdef%2Bghi%21", "abc%2fdef%2bghi%21", "%61bc/def+ghi!"] {
            assert_eq!(
                clean(&format!("https://a.io/cb?t={spelled}&x=1"), secret),
                "https://a.io/cb?t=[redacted]&x=1",
                "{spelled}"
            );
        }
    }

    #[test]
    fn near_spellings_are_left_alone() {
        let secret = "abc/def";
        for text in [
            r"abc\/de",
            r"abc\u002",
            r"abc%2",
            r"abc%2Gdef",
            r"abc\ud800def",
            "abcdef",
        ] {
            assert_eq!(replaced(text.as_bytes(), secret.as_bytes()), None, "{text}");
        }
        // A partial match that fails restarts inside itself.
        assert_eq!(clean("aab%61ab", "aab"), "[redacted][redacted]");
        assert_eq!(clean(r"abab\u0061bac", "ababac"), "ab[redacted]");
    }

    #[test]
    fn overlapping_copies_share_one_marker() {
        assert_eq!(clean("x%x%25", "x%"), "[redacted][redacted]");
        assert_eq!(clean("x%25y", "%25"), "x[redacted]y");
        assert_eq!(clean("x%y", "%"), "x[redacted]y");
    }
}
