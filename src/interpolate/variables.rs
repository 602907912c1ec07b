//! What `docker compose config --variables` lists for one template (compose-go v2.9.1's
//! `ExtractVariables`), including its quirks:
//! * every match yields an entry, an invalid `${` one with an empty name;
//! * the name is cut at the first character outside ASCII `[A-Za-z0-9_]`, and the operator
//!   is only recognised right there (so `${A\u{212A}:-x}` lists `A` without a default);
//! * defaults and alternates are listed again on their own (nested entries follow the outer
//!   one); required-error messages are not;
//! * the rest of an expression (text after its balancing brace, up to the last `}` of the
//!   line) is listed *before* the expression itself.
//!
//! Compose keeps the last entry per name, so the order of the returned list matters.

use super::VariableInfo;
use super::scan::{MAX_NESTING, Node, Segment, VarNode};

pub(crate) fn extract(s: &str, segment: &Segment) -> Vec<VariableInfo> {
    let mut out = Vec::new();
    segment_entries(s, segment, 0, &mut out);
    out
}

fn segment_entries(s: &str, segment: &Segment, depth: usize, out: &mut Vec<VariableInfo>) {
    // Expressions whose rest is still being listed: (rest end, the expression's entries).
    let mut pending: Vec<(usize, Vec<VariableInfo>)> = Vec::new();
    for node in &segment.nodes {
        let start = match node {
            Node::Literal(r) | Node::Escape(r) | Node::TooDeep(r) => r.start,
            Node::Invalid { range, .. } => range.start,
            Node::Var(v) => v.range.start,
        };
        flush_finished(&mut pending, start, out);
        match node {
            Node::Literal(_) | Node::Escape(_) | Node::TooDeep(_) => {}
            Node::Invalid { .. } => out.push(VariableInfo::named("")),
            Node::Var(var) => {
                let entries = var_entries(s, var, depth);
                match var.rest_end {
                    Some(end) => pending.push((end, entries)),
                    None => out.extend(entries),
                }
            }
        }
    }
    flush_finished(&mut pending, usize::MAX, out);
}

/// Emit the entries of expressions whose rest ends at or before `position`, innermost first
/// (Compose lists a rest before the expression it follows).
fn flush_finished(
    pending: &mut Vec<(usize, Vec<VariableInfo>)>,
    position: usize,
    out: &mut Vec<VariableInfo>,
) {
    while pending.last().is_some_and(|(end, _)| *end <= position) {
        if let Some((_, entries)) = pending.pop() {
            out.extend(entries);
        }
    }
}

/// The entry of one expression followed by the entries of its default / alternate.
fn var_entries(s: &str, var: &VarNode, depth: usize) -> Vec<VariableInfo> {
    let ascii_len = var
        .name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(var.name.len());
    // compose-go cuts the text inside the braces at the first non-ASCII-name character; only
    // when that is where our name ends does it see the operator.
    if ascii_len < var.name.len() {
        let name = if ascii_len > 0 {
            var.name.get(..ascii_len).unwrap_or_default().to_string()
        } else {
            // Nothing cut: Compose keeps the whole text between the braces as the name.
            let inner_end = if var.braced {
                var.range.end.saturating_sub(1)
            } else {
                var.range.end
            };
            s.get(var.name_range.start..inner_end)
                .unwrap_or_default()
                .to_string()
        };
        return vec![VariableInfo::named(&name)];
    }
    let mut entry = VariableInfo::named(&var.name);
    let Some(operator) = &var.op else {
        return vec![entry];
    };
    let arg_text = s.get(operator.arg.range.clone()).unwrap_or_default();
    let nested = match operator.op {
        super::Op::RequiredNonEmpty | super::Op::Required => {
            entry.required = true;
            false
        }
        super::Op::DefaultUnsetOrEmpty | super::Op::DefaultUnset => {
            entry.default_value = arg_text.to_string();
            true
        }
        super::Op::AltSetNonEmpty | super::Op::AltSet => {
            entry.presence_value = arg_text.to_string();
            true
        }
    };
    let mut entries = vec![entry];
    if nested && !arg_text.is_empty() && depth < MAX_NESTING {
        segment_entries(s, &operator.arg, depth + 1, &mut entries);
    }
    entries
}
