//! `--format json`: the machine-readable report of CLI.md §JSON, documented field by field
//! in docs/json-output.md. Field order is fixed (serde_json keeps insertion order), the
//! output is pretty-printed and ends with a newline.

use super::{Located, RenderOptions, Report, Summary, TextMask, display_name, locate};
use crate::diagnostic::{Diagnostic, Fix, Label};
use crate::rules;
use crate::source::{SourceMap, Span};
use serde_json::{Map, Value, json};

/// The version of this JSON shape; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

pub fn render(report: &Report, sources: &SourceMap, opts: &RenderOptions) -> String {
    let mask = TextMask::new(opts);
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| diagnostic(d, sources, mask))
        .collect();
    let summary = Summary::of(report);
    let doc = json!({
        "version": JSON_VERSION,
        "diagnostics": diagnostics,
        "summary": {
            "files": summary.files,
            "projects": summary.projects,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "fixable": summary.fixable,
        },
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn diagnostic(d: &Diagnostic, sources: &SourceMap, mask: TextMask) -> Value {
    let mut obj = Map::new();
    obj.insert("rule".into(), json!(d.rule));
    obj.insert("severity".into(), json!(d.severity.as_str()));
    obj.insert(
        "category".into(),
        json!(rules::find(d.rule).map(|r| r.category.as_str())),
    );
    obj.insert("message".into(), json!(mask.apply(&d.message)));
    obj.insert(
        "help".into(),
        json!(d.help.as_deref().map(|h| mask.apply(h))),
    );
    obj.insert("file".into(), json!(display_name(sources, d.file)));
    insert_position(&mut obj, d.primary.and_then(|s| locate(sources, s)));
    obj.insert(
        "labels".into(),
        Value::Array(d.labels.iter().map(|l| label(l, sources, mask)).collect()),
    );
    obj.insert("services".into(), json!(d.services));
    obj.insert(
        "fix".into(),
        d.fix
            .as_ref()
            .map_or(Value::Null, |f| fix(f, sources, mask)),
    );
    Value::Object(obj)
}

/// `line`, `column`, `end_line`, `end_column`, `column_utf16`, `end_column_utf16`, `offset`,
/// `length`: all null without a position.
fn insert_position(obj: &mut Map<String, Value>, located: Option<Located>) {
    let field = |f: fn(&Located) -> usize| located.as_ref().map(f);
    obj.insert("line".into(), json!(field(|l| l.start.line)));
    obj.insert("column".into(), json!(field(|l| l.start.column)));
    obj.insert("end_line".into(), json!(field(|l| l.end.line)));
    obj.insert("end_column".into(), json!(field(|l| l.end.column)));
    obj.insert(
        "column_utf16".into(),
        json!(field(|l| l.start.column_utf16)),
    );
    obj.insert(
        "end_column_utf16".into(),
        json!(field(|l| l.end.column_utf16)),
    );
    obj.insert("offset".into(), json!(field(|l| l.offset)));
    obj.insert("length".into(), json!(field(|l| l.length)));
}

fn label(l: &Label, sources: &SourceMap, mask: TextMask) -> Value {
    let mut obj = Map::new();
    obj.insert("file".into(), json!(display_name(sources, l.span.file)));
    insert_position(&mut obj, locate(sources, l.span));
    obj.insert("message".into(), json!(mask.apply(&l.message)));
    Value::Object(obj)
}

fn fix(f: &Fix, sources: &SourceMap, mask: TextMask) -> Value {
    let edits: Vec<Value> = f
        .edits
        .iter()
        .map(|e| {
            let (offset, length) = byte_range(sources, e.span);
            json!({
                "file": display_name(sources, e.span.file),
                "offset": offset,
                "length": length,
                "replacement": mask.apply(&e.replacement),
            })
        })
        .collect();
    json!({
        "applicability": f.applicability,
        "message": mask.apply(&f.message),
        "edits": edits,
    })
}

/// An edit's byte range, clamped like every other span.
fn byte_range(sources: &SourceMap, span: Span) -> (usize, usize) {
    locate(sources, span).map_or((span.start, span.len()), |l| (l.offset, l.length))
}
