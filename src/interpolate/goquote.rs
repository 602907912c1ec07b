//! Go's `%q` / `%#v` rendering of a string (`strconv.Quote`), which Compose uses in several
//! error texts (`Invalid template: "..."`, `unexpected character "C" in variable name "..."`).
//! Reproducing it keeps our messages byte-identical to Compose's.

use regex::Regex;
use std::fmt::Write;
use std::sync::LazyLock;

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
static PRINTABLE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$").ok());

fn is_print(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let mut buf = [0u8; 4];
    PRINTABLE
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// `s` as Go's `strconv.Quote` writes it, quotes included.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_print(c) => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("prefix ${ suffix"), "\"prefix ${ suffix\"");
        assert_eq!(go_quote("\"y\""), r#""\"y\"""#);
        assert_eq!(go_quote("a\tb\r\u{1}\u{7f}"), r#""a\tb\r\x01\x7f""#);
        assert_eq!(go_quote("€ Ü \u{3000}\u{a0}"), r#""€ Ü \u3000\u00a0""#);
        assert_eq!(go_quote("\u{e0001}😀"), r#""\U000e0001😀""#);
    }
}
