//! Decoding of double-quoted values and of `\'` in single-quoted ones, keeping a map from
//! decoded offsets back to the written text so variable uses can be located.
//!
//! compose-go v2.9.1 finds `\` followed by one of `a b c f n r t v $ " \`, or by `0` and up to
//! three digits, and decodes each with Go's `strconv.UnquoteChar`:
//! * `\$` becomes `$$`, which interpolation then turns into a literal `$`;
//! * `\0ddd` is rewritten `\ddd`, which decodes only with exactly three octal digits worth at
//!   most 255 (`\0101` is `A`); otherwise the *rewritten* text stays (`\01` gives `\1`,
//!   `\0` gives `\`, `\08` gives `\8`) — verified with the oracle;
//! * `\c` is matched but does not decode, so it stays; any other backslash is literal.

/// A decoded string and where each piece came from.
pub(crate) struct Decoded {
    pub text: String,
    /// (decoded offset, written offset) at the start of every piece, increasing.
    pieces: Vec<(usize, usize)>,
    written_len: usize,
}

impl Decoded {
    fn new() -> Self {
        Decoded {
            text: String::new(),
            pieces: Vec::new(),
            written_len: 0,
        }
    }

    fn push(&mut self, written_at: usize, decoded: &str) {
        self.pieces.push((self.text.len(), written_at));
        self.text.push_str(decoded);
    }

    /// The written offset that decoded offset `pos` comes from. Inside an escape it maps to
    /// the escape's start (or its end for the piece's end).
    pub fn written(&self, pos: usize) -> usize {
        let index = self.pieces.partition_point(|&(decoded, _)| decoded <= pos);
        let Some(&(decoded_start, written_start)) =
            index.checked_sub(1).and_then(|i| self.pieces.get(i))
        else {
            return 0;
        };
        let next_written = self.pieces.get(index).map_or(self.written_len, |&(_, w)| w);
        (written_start + (pos - decoded_start)).min(next_written)
    }
}

/// Decode the inside of a double-quoted value.
pub(crate) fn decode_double(written: &str) -> Decoded {
    let mut out = Decoded::new();
    out.written_len = written.len();
    let bytes = written.as_bytes();
    let mut literal_start = 0;
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|t| t.iter().position(|&b| b == b'\\'))
    {
        let at = i + offset;
        let Some((len, decoded)) = escape_at(written, at) else {
            i = at + 1;
            continue;
        };
        if literal_start < at {
            out.push(
                literal_start,
                written.get(literal_start..at).unwrap_or_default(),
            );
        }
        out.push(at, &decoded);
        i = at + len;
        literal_start = i;
    }
    if literal_start < written.len() {
        out.push(
            literal_start,
            written.get(literal_start..).unwrap_or_default(),
        );
    }
    out
}

/// The escape at `at` (a backslash): its written length and what it decodes to.
fn escape_at(written: &str, at: usize) -> Option<(usize, String)> {
    let bytes = written.as_bytes();
    let next = *bytes.get(at + 1)?;
    let simple = match next {
        b'a' => Some("\u{7}"),
        b'b' => Some("\u{8}"),
        b'f' => Some("\u{c}"),
        b'n' => Some("\n"),
        b'r' => Some("\r"),
        b't' => Some("\t"),
        b'v' => Some("\u{b}"),
        b'"' => Some("\""),
        b'\\' => Some("\\"),
        b'$' => Some("$$"),
        b'c' => Some("\\c"),
        _ => None,
    };
    if let Some(decoded) = simple {
        return Some((2, decoded.to_string()));
    }
    if next != b'0' {
        return None;
    }
    let digits = bytes
        .get(at + 2..)
        .unwrap_or_default()
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let digits_text = written.get(at + 2..at + 2 + digits).unwrap_or_default();
    let octal = (digits == 3 && digits_text.bytes().all(|b| (b'0'..=b'7').contains(&b)))
        .then(|| u32::from_str_radix(digits_text, 8).ok())
        .flatten()
        .filter(|&v| v <= 255)
        .and_then(char::from_u32);
    let decoded = match octal {
        Some(c) => c.to_string(),
        None => format!("\\{digits_text}"),
    };
    Some((2 + digits, decoded))
}

/// Decode the inside of a single-quoted value: only `\'` changes (Compose's quote scan turns
/// it into `'`); a backslash pair such as `\\` is kept as written.
pub(crate) fn decode_single(written: &str) -> Decoded {
    let mut out = Decoded::new();
    out.written_len = written.len();
    let bytes = written.as_bytes();
    let mut literal_start = 0;
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|t| t.iter().position(|&b| b == b'\\'))
    {
        let at = i + offset;
        if bytes.get(at + 1) == Some(&b'\'') {
            if literal_start < at {
                out.push(
                    literal_start,
                    written.get(literal_start..at).unwrap_or_default(),
                );
            }
            out.push(at, "'");
            literal_start = at + 2;
        }
        // A backslash pairs with whatever follows it.
        i = at + 2;
    }
    if literal_start < written.len() {
        out.push(
            literal_start,
            written.get(literal_start..).unwrap_or_default(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_quote_escapes_match_the_oracle() {
        // env-double-quote-escapes and extra oracle runs
        let cases = [
            (r"a\nb", "a\nb"),
            (r#"say \"hi\""#, "say \"hi\""),
            (r"back\\slash", "back\\slash"),
            (r"\$HOME", "$$HOME"),
            (r"it\'s", "it\\'s"),
            (r"x\ay", "x\u{7}y"),
            (r"\0101", "A"),
            (r"\x41\q\u0041", "\\x41\\q\\u0041"),
            (
                r"\08|\0400|\01|\0|\012|\0377|\01012|\c|\x|\\n",
                "\\8|\\400|\\1|\\|\\12|ÿ|A2|\\c|\\x|\\n",
            ),
        ];
        for (written, want) in cases {
            assert_eq!(decode_double(written).text, want, "{written}");
        }
    }

    #[test]
    fn single_quote_keeps_everything_but_escaped_quotes() {
        assert_eq!(decode_single(r"it\'s").text, "it's");
        assert_eq!(
            decode_single(r"double \\ backslash").text,
            r"double \\ backslash"
        );
        assert_eq!(decode_single(r"no \n escapes").text, r"no \n escapes");
    }

    #[test]
    fn offsets_map_back_to_the_written_text() {
        let d = decode_double(r"\t${A}\n$B");
        assert_eq!(d.text, "\t${A}\n$B");
        // `${A}` is decoded 1..5, written 2..6; `$B` is decoded 6..8, written 8..10
        assert_eq!(d.written(1), 2);
        assert_eq!(d.written(5), 6);
        assert_eq!(d.written(6), 8);
        assert_eq!(d.written(8), 10);
    }
}
