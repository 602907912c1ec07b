//! Turning saphyr's event spans into spans that cover exactly a node's text.
//!
//! What saphyr reports (checked by dumping events):
//! * plain and quoted scalars: exact, quotes included, multi-line scalars included;
//! * a node with an anchor or tag: the span starts at the first property (`&a !!str x`);
//! * block scalars (`|`, `>`): without properties the span starts at the first content line,
//!   after the indicator, and ends after the trailing line breaks;
//! * flow collections: the start event covers the `[`/`{` (plus properties), the end event
//!   the `]`/`}`; block collections: empty spans at the first entry and wherever the next
//!   token happens to be.
//!
//! All offsets here are byte offsets into the original text; every access is checked.

/// Skip the node properties (`&anchor`, `!tag`, `!<verbatim>`) and the blanks and comments
/// around them; returns where the node's content starts (never past `end`).
pub fn skip_properties(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let end = end.min(b.len());
    let mut i = skip_blanks_and_comments(b, start, end);
    while i < end && matches!(b.get(i), Some(b'&' | b'!')) {
        i = skip_property(b, i, end);
        i = skip_blanks_and_comments(b, i, end);
    }
    i.min(end)
}

/// Where a block scalar's `|` or `>` indicator is, searching forward from `from` over what
/// may separate it from the previous token (`:`, `-`, `?`, blanks, comments, properties).
pub fn find_block_indicator(text: &str, from: usize, limit: usize) -> Option<usize> {
    let b = text.as_bytes();
    let limit = limit.min(b.len());
    let mut i = from;
    while i < limit {
        match b.get(i)? {
            b'|' | b'>' => return Some(i),
            b' ' | b'\t' | b'\r' | b'\n' | b':' | b'-' | b'?' | b',' => i += 1,
            b'#' => i = skip_to_line_end(b, i, limit),
            b'&' | b'!' => i = skip_property(b, i, limit),
            _ => return None,
        }
    }
    None
}

/// Drop the line breaks and blank trailing lines saphyr includes at the end of a block scalar.
pub fn trim_trailing_blanks(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut e = end.min(b.len());
    while e > start && matches!(b.get(e - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        e -= 1;
    }
    e
}

/// A collection start event whose span ends with the `[` or `{` it covers is a flow
/// collection; block collection starts are empty or end on whitespace before the first entry.
pub fn is_flow_start(text: &str, start: usize, end: usize) -> bool {
    end > start && matches!(text.as_bytes().get(end - 1), Some(b'[' | b'{'))
}

/// The name of an alias written at `start` (`*name`), without the `*`.
pub fn alias_name(text: &str, start: usize, end: usize) -> &str {
    let raw = text.get(start..end.min(text.len())).unwrap_or_default();
    let name = raw.strip_prefix('*').unwrap_or(raw);
    let len = name
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
        .unwrap_or(name.len());
    name.get(..len).unwrap_or(name)
}

fn skip_blanks_and_comments(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        match b.get(i) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
            Some(b'#') => i = skip_to_line_end(b, i, end),
            _ => break,
        }
    }
    i
}

fn skip_to_line_end(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && b.get(i) != Some(&b'\n') {
        i += 1;
    }
    i
}

/// Skip one property token starting at `i` (`&name`, `!tag`, `!!tag`, `!<uri>`).
fn skip_property(b: &[u8], mut i: usize, end: usize) -> usize {
    if b.get(i) == Some(&b'!') && b.get(i + 1) == Some(&b'<') {
        while i < end && b.get(i) != Some(&b'>') {
            i += 1;
        }
        return (i + 1).min(end);
    }
    i += 1;
    while i < end
        && !matches!(
            b.get(i),
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}')
        )
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_skipped() {
        let t = "a: &anc !!str # note\n  value";
        assert_eq!(skip_properties(t, 3, t.len()), t.find("value").unwrap_or(0));
        let t = "!<tag:x> b";
        assert_eq!(skip_properties(t, 0, t.len()), 9);
        let t = "&x";
        assert_eq!(skip_properties(t, 0, 2), 2);
        let t = "!reset [a]";
        assert_eq!(skip_properties(t, 0, 8), 7);
    }

    #[test]
    fn block_indicator_is_found_after_separators() {
        let t = "key: !!str &a |  # c\n  body\n";
        assert_eq!(find_block_indicator(t, 3, 23), Some(14));
        let t = "- >-\n  x";
        assert_eq!(find_block_indicator(t, 0, 7), Some(2));
        assert_eq!(find_block_indicator("key: value", 3, 10), None);
    }

    #[test]
    fn trailing_blank_lines_are_trimmed() {
        let t = "|\n  a\n\n  \n";
        assert_eq!(trim_trailing_blanks(t, 0, t.len()), 5);
        assert_eq!(trim_trailing_blanks(t, 0, 99), 5);
    }

    #[test]
    fn alias_names_stop_at_flow_indicators() {
        assert_eq!(alias_name("*base, x", 0, 8), "base");
        assert_eq!(alias_name("*ankér}", 0, 8), "ankér");
    }
}
