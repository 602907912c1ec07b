//! `obsolete-version`: the top-level `version:` key. Compose ignores it and warns
//! "the attribute `version` is obsolete".

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for file in ctx.yaml.values() {
        for doc in &file.documents {
            let Some(entry) = doc.get_entry("version") else {
                continue;
            };
            let key = entry.key.span;
            let mut d = Diagnostic::new(
                "obsolete-version",
                Severity::Info,
                key,
                "the attribute `version` is obsolete: Compose ignores it and prints a warning",
            )
            .with_help("remove the `version:` line; the Compose Specification needs no version");
            if let Some(line) = whole_line(ctx, key, entry.value.span) {
                d = d.with_fix(Fix {
                    applicability: Applicability::Safe,
                    message: "remove the `version:` line".into(),
                    edits: vec![Edit {
                        span: line,
                        replacement: String::new(),
                    }],
                });
            }
            out.push(d);
        }
    }
}

/// The whole line(s) holding `version: value`, newline included, when nothing else shares
/// them (so removing them cannot change anything else).
fn whole_line(ctx: &Context<'_>, key: Span, value: Span) -> Option<Span> {
    let f = ctx.sources.get(key.file);
    let text = f.text.as_bytes();
    let start = f.text[..key.start].rfind('\n').map_or(0, |i| i + 1);
    if !f.text[start..key.start].trim().is_empty() {
        return None;
    }
    let end_of_value = value.end.max(key.end);
    let rest_end = f.text[end_of_value..]
        .find('\n')
        .map_or(text.len(), |i| end_of_value + i + 1);
    let rest = f.text[end_of_value..rest_end].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(Span::new(key.file, start, rest_end))
}
