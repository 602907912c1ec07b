//! `--format sarif`: a SARIF 2.1.0 log written by hand with serde_json, for GitHub code
//! scanning and other SARIF viewers. `.ci/run` validates it with Microsoft's SARIF
//! multitool.
//!
//! Choices, checked against the spec (OASIS SARIF 2.1.0 plus errata 01):
//! * `columnKind` is `unicodeCodePoints`: our columns count Unicode scalar values.
//! * Regions give `startLine`/`startColumn`/`endLine`/`endColumn` (end exclusive, as SARIF
//!   defines it) and also `byteOffset`/`byteLength`: the spec lets one region be both a
//!   text and a binary region when both describe the same bytes, which ours always do.
//!   `charOffset`/`charLength` are left out: they would count characters from the start of
//!   the file, which adds nothing over line/column and is easy to get subtly wrong.
//! * File URIs are relative to the current directory with `uriBaseId` `%SRCROOT%` (declared
//!   in `originalUriBaseIds`); files outside it get absolute `file://` URIs.
//! * Every registry rule is listed in `tool.driver.rules`, so `ruleIndex` is the rule's
//!   place in the registry and viewers can show rules that found nothing.

use super::{RenderOptions, Report, TextMask, display_name, file_of, locate};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::rules::{self, RuleMeta};
use crate::source::{SourceMap, Span};
use serde_json::{Map, Value, json};
use std::path::Path;

pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
pub const SARIF_VERSION: &str = "2.1.0";
/// The base every relative artifact URI is resolved against: the current directory.
const SRCROOT: &str = "%SRCROOT%";

pub fn render(report: &Report, sources: &SourceMap, opts: &RenderOptions) -> String {
    let mask = TextMask::new(opts);
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, sources, mask))
        .collect();
    let mut run = Map::new();
    run.insert("tool".into(), json!({ "driver": driver() }));
    if let Some(root) = sources.cwd().and_then(directory_uri) {
        run.insert(
            "originalUriBaseIds".into(),
            json!({ SRCROOT: { "uri": root } }),
        );
    }
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    run.insert("results".into(), Value::Array(results));
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [Value::Object(run)],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn driver() -> Value {
    let mut driver = Map::new();
    driver.insert("name".into(), json!("composelint"));
    driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
    if let Some(uri) = information_uri() {
        driver.insert("informationUri".into(), json!(uri));
    }
    driver.insert(
        "rules".into(),
        Value::Array(rules::RULES.iter().map(rule_descriptor).collect()),
    );
    Value::Object(driver)
}

/// The project's home page, from Cargo.toml (`homepage`, else `repository`), when set.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty())
}

fn rule_descriptor(rule: &RuleMeta) -> Value {
    json!({
        "id": rule.name,
        "name": pascal_case(rule.name),
        "shortDescription": { "text": sentence(rule.summary) },
        "fullDescription": { "text": sentence(&what_it_does(rule.doc).unwrap_or_else(|| rule.summary.to_string())) },
        "help": {
            "text": markdown_to_text(rule.doc),
            "markdown": rule.doc,
        },
        "defaultConfiguration": {
            "enabled": rule.default_enabled,
            "level": level(rule.severity),
        },
        "properties": {
            "category": rule.category.as_str(),
            "tags": [rule.category.as_str()],
        },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(d: &Diagnostic, sources: &SourceMap, mask: TextMask) -> Value {
    let mut obj = Map::new();
    obj.insert("ruleId".into(), json!(d.rule));
    if let Some(index) = rules::RULES.iter().position(|r| r.name == d.rule) {
        obj.insert("ruleIndex".into(), json!(index));
    }
    obj.insert("level".into(), json!(level(d.severity)));
    let mut text = mask.apply(&d.message).into_owned();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(&mask.apply(help));
    }
    obj.insert("message".into(), json!({ "text": text }));
    let mut primary = match d.primary {
        Some(span) => physical_location(sources, span),
        None => {
            json!({ "physicalLocation": { "artifactLocation": artifact_location(sources, d.file) } })
        }
    };
    if !d.primary_message.is_empty()
        && let Some(loc) = primary.as_object_mut()
    {
        loc.insert(
            "message".into(),
            json!({ "text": mask.apply(&d.primary_message) }),
        );
    }
    obj.insert("locations".into(), json!([primary]));
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| {
                json!({
                    "id": id,
                    "physicalLocation": physical_location(sources, label.span)["physicalLocation"],
                    "message": { "text": mask.apply(&label.message) },
                })
            })
            .collect();
        obj.insert("relatedLocations".into(), Value::Array(related));
    }
    if let Some(fix) = &d.fix {
        obj.insert("fixes".into(), json!([sarif_fix(fix, sources, mask)]));
    }
    if !d.services.is_empty() {
        obj.insert("properties".into(), json!({ "services": d.services }));
    }
    Value::Object(obj)
}

fn physical_location(sources: &SourceMap, span: Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": artifact_location(sources, span.file),
            "region": region(sources, span),
        }
    })
}

fn region(sources: &SourceMap, span: Span) -> Value {
    match locate(sources, span) {
        Some(l) => json!({
            "startLine": l.start.line,
            "startColumn": l.start.column,
            "endLine": l.end.line,
            "endColumn": l.end.column,
            "byteOffset": l.offset,
            "byteLength": l.length,
        }),
        None => json!({ "byteOffset": span.start, "byteLength": span.len() }),
    }
}

fn artifact_location(sources: &SourceMap, file: crate::source::FileId) -> Value {
    let name = display_name(sources, file);
    let absolute = file_of(sources, file).is_some_and(|f| Path::new(&f.display).is_absolute())
        || name.starts_with('/');
    if absolute {
        json!({ "uri": file_uri(name) })
    } else {
        json!({ "uri": encode_path(name), "uriBaseId": SRCROOT })
    }
}

fn sarif_fix(fix: &Fix, sources: &SourceMap, mask: TextMask) -> Value {
    // One artifactChange per file, in the order the edits name them.
    let mut changes: Vec<(crate::source::FileId, Vec<Value>)> = Vec::new();
    for edit in &fix.edits {
        let mut replacement = Map::new();
        replacement.insert("deletedRegion".into(), region(sources, edit.span));
        if !edit.replacement.is_empty() {
            replacement.insert(
                "insertedContent".into(),
                json!({ "text": mask.apply(&edit.replacement) }),
            );
        }
        let replacement = Value::Object(replacement);
        match changes.iter_mut().find(|(f, _)| *f == edit.span.file) {
            Some((_, list)) => list.push(replacement),
            None => changes.push((edit.span.file, vec![replacement])),
        }
    }
    let changes: Vec<Value> = changes
        .into_iter()
        .map(|(file, replacements)| {
            json!({
                "artifactLocation": artifact_location(sources, file),
                "replacements": replacements,
            })
        })
        .collect();
    let applicability = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    json!({
        "description": { "text": mask.apply(&fix.message) },
        "artifactChanges": changes,
        "properties": { "applicability": applicability },
    })
}

/// `yaml-duplicate-key` → `YamlDuplicateKey`: SARIF's `name` is a readable identifier.
fn pascal_case(name: &str) -> String {
    name.split(['-', '_'])
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

/// SARIF viewers show descriptions as sentences: end with a period.
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    let mut s = String::with_capacity(t.len() + 1);
    if let Some(first) = t.chars().next() {
        s.extend(first.to_uppercase());
        s.push_str(t.get(first.len_utf8()..).unwrap_or(""));
    }
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// The "What it does" section of a rule page, as one paragraph of plain text.
fn what_it_does(doc: &str) -> Option<String> {
    let mut lines = doc.lines().skip_while(|l| l.trim() != "## What it does");
    lines.next()?;
    // The prose only: up to the next section or code block.
    let body: Vec<&str> = lines
        .take_while(|l| !l.starts_with("## ") && !l.trim_start().starts_with("```"))
        .collect();
    let text = markdown_to_text(&body.join("\n"));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A rule page as plain text: headings without `#`, no emphasis or code marks, code blocks
/// indented, links as `text (url)`.
fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut in_code = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str("    ");
            out.push_str(line);
        } else {
            let line = line.trim_start_matches('#').trim_start();
            out.push_str(&inline_markdown_to_text(line));
        }
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

/// One line of Markdown as text: code spans keep their content verbatim (a glob such as
/// `**/*.yml` stays intact); outside them `**` emphasis goes and links read `text (url)`.
fn inline_markdown_to_text(line: &str) -> String {
    line.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                part.to_string()
            } else {
                links_to_text(&part.replace("**", ""))
            }
        })
        .collect()
}

/// `[text](url)` → `text (url)`.
fn links_to_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find("](") else {
            break;
        };
        let target = after.get(close + 2..).unwrap_or("");
        let Some(end) = target.find(')') else {
            break;
        };
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push_str(after.get(..close).unwrap_or(""));
        out.push_str(" (");
        out.push_str(target.get(..end).unwrap_or(""));
        out.push(')');
        rest = target.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Percent-encode a `/`-separated path for use in a URI: everything but unreserved
/// characters and `/` (so `:` in a first segment cannot read as a scheme).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `file://` URI of an absolute path (`/etc/x`, or `C:/x` on Windows).
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.first().is_some_and(u8::is_ascii_alphabetic) && bytes.get(1) == Some(&b':');
    match (drive, path.get(..2), path.get(2..)) {
        (true, Some(letter), Some(rest)) => format!("file:///{letter}{}", encode_path(rest)),
        _ => format!("file://{}", encode_path(&path)),
    }
}

fn directory_uri(dir: &Path) -> Option<String> {
    let s = dir.to_str()?;
    if !Path::new(s).is_absolute() && !s.starts_with('/') {
        return None;
    }
    let mut uri = file_uri(s);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_sentences() {
        assert_eq!(pascal_case("yaml-duplicate-key"), "YamlDuplicateKey");
        assert_eq!(pascal_case("io-error"), "IoError");
        assert_eq!(
            sentence("a mapping key defined twice"),
            "A mapping key defined twice."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(" "), "");
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(encode_path("a b/ç:d.yaml"), "a%20b/%C3%A7%3Ad.yaml");
        assert_eq!(file_uri("/etc/x y"), "file:///etc/x%20y");
        assert_eq!(file_uri("C:\\work\\a"), "file:///C:/work/a");
        assert_eq!(
            directory_uri(Path::new("/work/p")),
            Some("file:///work/p/".to_string())
        );
        assert_eq!(directory_uri(Path::new("rel")), None);
    }

    #[test]
    fn rule_pages_become_plain_text() {
        let md = "# name\n\n**Category:** x · `y`\n\n## What it does\nReports [this](https://e.x/a) `key`.\n\n```yaml bad\nk: v\n```\n";
        assert_eq!(
            markdown_to_text(md),
            "name\n\nCategory: x · y\n\nWhat it does\nReports this (https://e.x/a) key.\n\n    k: v\n"
        );
        assert_eq!(
            what_it_does(md),
            Some("Reports this (https://e.x/a) key.".to_string())
        );
        assert_eq!(what_it_does("# x\n"), None);
        assert_eq!(
            inline_markdown_to_text("**Skips** `**/*.yml` and [a](b) [c"),
            "Skips **/*.yml and a (b) [c"
        );
    }
}
