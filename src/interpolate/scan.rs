//! The scanner: splits a template into the pieces compose-go's regular expression finds,
//! with the exact extents Compose gives them.
//!
//! Compose (compose-go v2.9.1) matches `$` followed by `$`, a name, `{name}`, `{name<op>...}`
//! or a bare `{` (an error). With an operator, the regular expression runs greedily to the
//! *last* `}` of the line; the match is then cut at the brace that balances the opening one
//! (counting every `{` and `}`, and skipping the byte right after each `{`). Whatever lies
//! between that brace and the end of the match (the "rest") is interpolated on its own, so a
//! syntax error there quotes only the rest. This scanner reproduces those extents so the
//! evaluator, the `--variables` listing and the error texts all match Compose.
//!
//! The rest is scanned in the same loop as the text around it (it behaves exactly like a
//! continuation, except for the text an error quotes), which keeps recursion limited to
//! operator arguments, and those are capped at [`MAX_NESTING`] levels.

use super::Op;
use std::ops::Range;

/// Deepest nesting of operator arguments (`${A:-${B:-...}}`) that is analysed. Real files
/// nest two or three levels; the cap keeps hostile input from exhausting the stack.
pub(crate) const MAX_NESTING: usize = 64;

/// A run of template text scanned as one unit: the whole value or an operator argument.
#[derive(Debug)]
pub(crate) struct Segment {
    pub range: Range<usize>,
    pub nodes: Vec<Node>,
}

#[derive(Debug)]
pub(crate) enum Node {
    /// Plain text, including any `$` that does not start an expression.
    Literal(Range<usize>),
    /// `$$`.
    Escape(Range<usize>),
    Var(VarNode),
    /// A `${` Compose rejects. `quoted` is the text Compose puts in its error: the enclosing
    /// segment, or the rest of an operator expression when the `${` sits there.
    Invalid {
        range: Range<usize>,
        quoted: Range<usize>,
    },
    /// An expression nested deeper than [`MAX_NESTING`]: not analysed.
    TooDeep(Range<usize>),
}

#[derive(Debug)]
pub(crate) struct VarNode {
    pub name: String,
    /// `$` to the closing `}` (or the end of the name for `$NAME`).
    pub range: Range<usize>,
    pub name_range: Range<usize>,
    pub braced: bool,
    pub op: Option<Operator>,
    /// End of the rest that Compose interpolates separately after this expression (exclusive);
    /// the nodes of that rest follow this one in the same segment.
    pub rest_end: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct Operator {
    pub op: Op,
    pub arg: Segment,
}

/// Scan the whole of `s`.
pub(crate) fn scan(s: &str) -> Segment {
    scan_segment(s, 0..s.len(), 0)
}

fn scan_segment(s: &str, range: Range<usize>, depth: usize) -> Segment {
    let bytes = s.as_bytes();
    let end = range.end.min(bytes.len());
    let mut nodes = Vec::new();
    let mut i = range.start.min(end);
    let mut literal_start = i;
    // The innermost rest being scanned: errors inside it quote only the rest.
    let mut rest: Option<Range<usize>> = None;

    while let Some(offset) = bytes
        .get(i..end)
        .and_then(|t| t.iter().position(|&b| b == b'$'))
    {
        let dollar = i + offset;
        let next = dollar + 1;
        let token = if bytes.get(next) == Some(&b'$') && next < end {
            Some((Node::Escape(dollar..next + 1), next + 1))
        } else if let Some(name_end) = name_end(s, next, end) {
            let node = Node::Var(VarNode {
                name: s.get(next..name_end).unwrap_or_default().to_string(),
                range: dollar..name_end,
                name_range: next..name_end,
                braced: false,
                op: None,
                rest_end: None,
            });
            Some((node, name_end))
        } else if bytes.get(next) == Some(&b'{') && next < end {
            let (node, resume, new_rest) =
                scan_braced(s, dollar, end, depth, rest.as_ref(), &range);
            if let Some(r) = new_rest {
                rest = Some(r);
            }
            Some((node, resume))
        } else {
            None
        };
        match token {
            Some((node, resume)) => {
                if literal_start < dollar {
                    nodes.push(Node::Literal(literal_start..dollar));
                }
                nodes.push(node);
                i = resume;
                literal_start = resume;
            }
            // A `$` before anything else is literal text.
            None => i = next,
        }
        if rest.as_ref().is_some_and(|r| i >= r.end) {
            rest = None;
        }
    }
    if literal_start < end {
        nodes.push(Node::Literal(literal_start..end));
    }
    Segment {
        range: range.start.min(end)..end,
        nodes,
    }
}

/// Scan `${...}` starting at `dollar`. Returns the node, where scanning resumes, and the
/// rest range when the expression has one.
fn scan_braced(
    s: &str,
    dollar: usize,
    end: usize,
    depth: usize,
    current_rest: Option<&Range<usize>>,
    segment: &Range<usize>,
) -> (Node, usize, Option<Range<usize>>) {
    let bytes = s.as_bytes();
    let name_start = dollar + 2;
    let invalid = || {
        let quoted = match current_rest {
            Some(r) if dollar < r.end => r.clone(),
            _ => segment.start..end,
        };
        let node = Node::Invalid {
            range: dollar..invalid_extent(bytes, dollar, end),
            quoted,
        };
        (node, name_start, None)
    };
    let Some(name_end) = name_end(s, name_start, end) else {
        return invalid();
    };
    let name = s.get(name_start..name_end).unwrap_or_default().to_string();
    if bytes.get(name_end) == Some(&b'}') && name_end < end {
        let node = Node::Var(VarNode {
            name,
            range: dollar..name_end + 1,
            name_range: name_start..name_end,
            braced: true,
            op: None,
            rest_end: None,
        });
        return (node, name_end + 1, None);
    }
    let Some((op, arg_start)) = operator_at(bytes, name_end, end) else {
        return invalid();
    };
    // The regular expression's `.*}`: the last `}` before the end of the line.
    let line_end = bytes
        .get(arg_start..end)
        .and_then(|t| t.iter().position(|&b| b == b'\n'))
        .map_or(end, |p| arg_start + p);
    let Some(last_close) = bytes
        .get(arg_start..line_end)
        .and_then(|t| t.iter().rposition(|&b| b == b'}'))
        .map(|p| arg_start + p)
    else {
        return invalid();
    };
    let close = balancing_brace(bytes, dollar, last_close).unwrap_or(last_close);
    let rest = (close < last_close).then(|| close + 1..last_close + 1);
    let range = dollar..close + 1;
    if depth >= MAX_NESTING {
        return (Node::TooDeep(range), last_close + 1, None);
    }
    let arg = scan_segment(s, arg_start..close, depth + 1);
    let node = Node::Var(VarNode {
        name,
        range,
        name_range: name_start..name_end,
        braced: true,
        op: Some(Operator { op, arg }),
        rest_end: rest.as_ref().map(|r| r.end),
    });
    (node, close + 1, rest)
}

/// What an invalid `${` covers for highlighting: up to the next `}` on its line, else `${`.
fn invalid_extent(bytes: &[u8], dollar: usize, end: usize) -> usize {
    let open_end = (dollar + 2).min(end);
    bytes
        .get(open_end..end)
        .and_then(|t| t.iter().position(|&b| b == b'}' || b == b'\n'))
        .map(|p| open_end + p)
        .filter(|&p| bytes.get(p) == Some(&b'}'))
        .map_or(open_end, |p| p + 1)
}

/// compose-go's brace counter over `bytes[start..=last]`: every `{` opens (and the byte after
/// it is skipped), every `}` closes; the answer is the `}` that brings the count back to zero.
fn balancing_brace(bytes: &[u8], start: usize, last: usize) -> Option<usize> {
    let mut open: i64 = 0;
    let mut i = start;
    while i <= last {
        match bytes.get(i)? {
            b'}' => {
                open -= 1;
                if open == 0 {
                    return Some(i);
                }
            }
            b'{' => {
                open += 1;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The operator right after a name, and where its argument starts.
fn operator_at(bytes: &[u8], at: usize, end: usize) -> Option<(Op, usize)> {
    let first = *bytes.get(at).filter(|_| at < end)?;
    let second = bytes.get(at + 1).filter(|_| at + 1 < end).copied();
    let (op, len) = match (first, second) {
        (b':', Some(b'-')) => (Op::DefaultUnsetOrEmpty, 2),
        (b':', Some(b'+')) => (Op::AltSetNonEmpty, 2),
        (b':', Some(b'?')) => (Op::RequiredNonEmpty, 2),
        (b'-', _) => (Op::DefaultUnset, 1),
        (b'+', _) => (Op::AltSet, 1),
        (b'?', _) => (Op::Required, 1),
        _ => return None,
    };
    Some((op, at + len))
}

/// End of the variable name starting at `start`, if one starts there.
///
/// Compose's pattern is `[_a-z][_a-z0-9]*` matched case-insensitively by Go's regexp, whose
/// case folding also admits U+212A KELVIN SIGN (folds to `k`) and U+017F LATIN SMALL LETTER
/// LONG S (folds to `s`). The oracle confirms `${\u{212A}}` is read as a name.
pub(crate) fn name_end(s: &str, start: usize, end: usize) -> Option<usize> {
    let text = s.get(start..end)?;
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if !is_name_char(first) || first.is_ascii_digit() {
        return None;
    }
    let len = chars
        .find(|&(_, c)| !is_name_char(c))
        .map_or(text.len(), |(i, _)| i);
    Some(start + len)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '\u{212A}' || c == '\u{17F}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(s: &str) -> Vec<String> {
        scan(s)
            .nodes
            .iter()
            .map(|n| match n {
                Node::Literal(r) => format!("lit {}", &s[r.clone()]),
                Node::Escape(_) => "esc".to_string(),
                Node::Var(v) => format!(
                    "var {} {}{}",
                    v.name,
                    &s[v.range.clone()],
                    v.rest_end.map_or(String::new(), |e| format!(" rest..{e}"))
                ),
                Node::Invalid { range, quoted } => {
                    format!(
                        "invalid {} quoting {}",
                        &s[range.clone()],
                        &s[quoted.clone()]
                    )
                }
                Node::TooDeep(r) => format!("deep {}", &s[r.clone()]),
            })
            .collect()
    }

    #[test]
    fn names_take_the_longest_run() {
        assert_eq!(shape("$SETword.x"), ["var SETword $SETword", "lit .x"]);
        assert_eq!(shape("a$1b$"), ["lit a$1b$"]);
    }

    #[test]
    fn expression_ends_at_the_balancing_brace_and_keeps_a_rest() {
        assert_eq!(
            shape("${A:-x} ${B}"),
            ["var A ${A:-x} rest..12", "lit  ", "var B ${B}"]
        );
        assert_eq!(shape("${A:-x}}"), ["var A ${A:-x} rest..8", "lit }"]);
    }

    #[test]
    fn unbalanced_expression_runs_to_the_last_brace_of_the_line() {
        assert_eq!(shape("${A:-{x} ${B}"), ["var A ${A:-{x} ${B}"]);
    }

    #[test]
    fn invalid_in_rest_quotes_only_the_rest() {
        assert_eq!(
            shape("${A:-x} ${ }"),
            [
                "var A ${A:-x} rest..12",
                "lit  ",
                "invalid ${ } quoting  ${ }",
                "lit  }"
            ]
        );
    }

    #[test]
    fn operator_needs_a_brace_on_the_same_line() {
        assert_eq!(
            shape("${A:-x\n}"),
            ["invalid ${ quoting ${A:-x\n}", "lit A:-x\n}"]
        );
    }

    #[test]
    fn nesting_is_capped() {
        let depth = MAX_NESTING + 3;
        let s = format!("{}x{}", "${A:-".repeat(depth), "}".repeat(depth));
        let seg = scan(&s);
        let mut level = 0;
        let mut nodes = &seg.nodes;
        loop {
            match nodes.first() {
                Some(Node::Var(VarNode { op: Some(o), .. })) => {
                    level += 1;
                    nodes = &o.arg.nodes;
                }
                Some(Node::TooDeep(_)) => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(level, MAX_NESTING);
    }
}
