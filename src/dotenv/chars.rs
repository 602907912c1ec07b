//! Character classes of Compose's dotenv reader (compose-go v2.9.1, Go's `unicode` package).

use regex::Regex;
use std::sync::LazyLock;

/// compose-go's `isSpace`: blanks that are not a line break.
pub(crate) fn is_blank(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{b}' | '\u{c}' | '\r' | '\u{85}' | '\u{a0}'
    )
}

/// Go's `unicode.IsSpace` (the White_Space property, same set as Rust's).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Go's `\s` in a regular expression: ASCII only, and no vertical tab.
pub(crate) fn is_regex_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r')
}

static LETTER_OR_NUMBER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}]$").ok());

/// A character Compose accepts in a key (blanks aside): Go's `unicode.IsLetter` or
/// `unicode.IsNumber`, or one of `_ . - [ ]`.
pub(crate) fn is_key_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']');
    }
    let mut buf = [0u8; 4];
    LETTER_OR_NUMBER
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_chars_follow_go_categories() {
        for ok in [
            'A', 'z', '0', '_', '.', '-', '[', ']', 'É', 'Ü', '²', '٣', 'ж',
        ] {
            assert!(is_key_char(ok), "{ok:?}");
        }
        // symbols, punctuation, combining marks and ideographic space are rejected
        for bad in ['$', '#', '"', '\'', '€', '\u{3000}', '\u{94d}', '/', '@'] {
            assert!(!is_key_char(bad), "{bad:?}");
        }
    }
}
