//! Turning saphyr's error texts into short messages for people, close to go-yaml's wording.

/// `while parsing a block mapping, did not find expected key` becomes
/// `did not find expected key in a block mapping`.
pub fn humanize(info: &str) -> String {
    if info == "unexpected eof" {
        return "found unexpected end of file".to_string();
    }
    let Some(rest) = info.strip_prefix("while ") else {
        return info.to_string();
    };
    let Some((context, problem)) = rest.split_once(", ") else {
        return info.to_string();
    };
    let context = context
        .strip_prefix("parsing ")
        .or_else(|| context.strip_prefix("scanning "))
        .unwrap_or(context);
    if matches!(context, "node" | "a node") {
        return problem.to_string();
    }
    format!("{problem} in {context}")
}

/// Escapes go-yaml accepts after a backslash in a double-quoted scalar (besides line breaks).
pub fn go_yaml_knows_escape(c: char) -> bool {
    matches!(
        c,
        '0' | 'a'
            | 'b'
            | 't'
            | '\t'
            | 'n'
            | 'v'
            | 'f'
            | 'r'
            | 'e'
            | ' '
            | '"'
            | '\''
            | '\\'
            | 'N'
            | '_'
            | 'L'
            | 'P'
            | 'x'
            | 'u'
            | 'U'
            | '\r'
            | '\n'
    )
}

/// Byte offset (relative to `raw`) of the first escape go-yaml refuses in a double-quoted
/// scalar whose text (opening quote first) starts `raw`; the search ends at the closing quote.
pub fn first_unknown_escape(raw: &str) -> Option<usize> {
    let mut chars = raw.char_indices();
    if raw.starts_with('"') {
        chars.next();
    }
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next() {
                Some((_, e)) if go_yaml_knows_escape(e) => {}
                Some(_) => return Some(i),
                None => return None,
            },
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_move_to_the_end() {
        assert_eq!(
            humanize("while parsing a block mapping, did not find expected key"),
            "did not find expected key in a block mapping"
        );
        assert_eq!(
            humanize("while scanning a quoted scalar, found unexpected end of stream"),
            "found unexpected end of stream in a quoted scalar"
        );
        assert_eq!(
            humanize("while parsing a node, did not find expected node content"),
            "did not find expected node content"
        );
        assert_eq!(
            humanize("mapping values are not allowed in this context"),
            "mapping values are not allowed in this context"
        );
        assert_eq!(humanize("unexpected eof"), "found unexpected end of file");
    }

    #[test]
    fn unknown_escapes_are_located() {
        assert_eq!(first_unknown_escape(r#""a\/b""#), Some(2));
        assert_eq!(first_unknown_escape(r#""a\'b\qc""#), Some(5));
        assert_eq!(first_unknown_escape(r#""a\\/b""#), None);
        assert_eq!(first_unknown_escape("\"a\\"), None);
        assert_eq!(first_unknown_escape(r#""ok" then "\q""#), None);
    }
}
