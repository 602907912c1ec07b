//! Renderers. One writer per format, all reading the same [`Report`]:
//! `human` (miette snippets, [`human`]), `json` ([`json`], documented in
//! docs/json-output.md), `sarif` ([`sarif`], SARIF 2.1.0) and `github` ([`github`],
//! workflow commands). [`statistics`] renders `--statistics`.
//!
//! Secrets are masked here, at the last moment, so that rules and the model keep real values
//! and every format hides the same things (see [`crate::secrets`]).

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;

use crate::cli::CheckFormat;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::secrets;
use crate::source::{FileId, Position, SourceFile, SourceMap, Span};
use std::borrow::Cow;

pub use statistics::{statistics, statistics_json};

/// What `check` found, sorted (file, line, column, rule) and de-duplicated.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Files linted.
    pub files: usize,
    /// Compose projects loaded.
    pub projects: usize,
}

#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    pub color: bool,
    pub show_secrets: bool,
    pub quiet: bool,
}

/// Render a report in `format`. Diagnostics keep the report's order.
pub fn render(
    format: CheckFormat,
    report: &Report,
    sources: &SourceMap,
    opts: &RenderOptions,
) -> String {
    match format {
        CheckFormat::Human => human::render(report, sources, opts),
        CheckFormat::Json => json::render(report, sources, opts),
        CheckFormat::Sarif => sarif::render(report, sources, opts),
        CheckFormat::Github => github::render(report, sources, opts),
    }
}

/// Counts shown by every format's summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub projects: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings that carry a fix of any applicability.
    pub fixable: usize,
    /// Findings whose fix `--fix` applies (safe fixes).
    pub fixable_safe: usize,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let mut s = Summary {
            files: report.files,
            projects: report.projects,
            ..Summary::default()
        };
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            if let Some(fix) = &d.fix {
                s.fixable += 1;
                if fix.applicability == Applicability::Safe {
                    s.fixable_safe += 1;
                }
            }
        }
        s
    }
}

/// Masks secrets in text a rule wrote (messages, help, labels, fix texts) unless
/// `--show-secrets`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextMask {
    show_secrets: bool,
}

impl TextMask {
    pub(crate) fn new(opts: &RenderOptions) -> Self {
        TextMask {
            show_secrets: opts.show_secrets,
        }
    }

    pub(crate) fn apply<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.show_secrets {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(secrets::mask_message(text))
        }
    }
}

/// The file behind an id; `None` only for an id that is not in the map (a bug elsewhere,
/// which must not crash the report).
pub(crate) fn file_of(sources: &SourceMap, id: FileId) -> Option<&SourceFile> {
    let index = usize::try_from(id.0).ok()?;
    (index < sources.len()).then(|| sources.get(id))
}

/// The name shown for a file.
pub(crate) fn display_name(sources: &SourceMap, id: FileId) -> &str {
    file_of(sources, id).map_or("<unknown>", |f| f.display.as_str())
}

/// Every position a format may want for one span, with the span clamped to the text and
/// its ends moved back to character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub start: Position,
    /// Exclusive: one past the last character.
    pub end: Position,
    /// Bytes from the start of the file.
    pub offset: usize,
    /// Bytes.
    pub length: usize,
}

/// `span` clamped to `text` (ends moved back to char boundaries, end never before start).
pub(crate) fn clamp_span(text: &str, span: Span) -> (usize, usize) {
    let floor = |offset: usize| {
        let mut i = offset.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    (start, floor(span.end).max(start))
}

pub(crate) fn locate(sources: &SourceMap, span: Span) -> Option<Located> {
    let file = file_of(sources, span.file)?;
    let (start, end) = clamp_span(&file.text, span);
    Some(Located {
        start: file.position(start),
        end: file.position(end),
        offset: start,
        length: end - start,
    })
}

/// `n` followed by `word`, pluralised with an `s` unless `n` is 1.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamping_keeps_spans_inside_and_on_boundaries() {
        let text = "aé😀";
        let id = FileId(0);
        assert_eq!(clamp_span(text, Span::new(id, 0, 99)), (0, 7));
        assert_eq!(clamp_span(text, Span::new(id, 2, 4)), (1, 3));
        assert_eq!(clamp_span(text, Span::new(id, 5, 2)), (3, 3));
        assert_eq!(clamp_span("", Span::new(id, 3, 9)), (0, 0));
    }

    #[test]
    fn locate_counts_chars_and_utf16_units() {
        let mut sm = SourceMap::with_cwd("/p");
        let id = sm.add_virtual("/p/a", "a", "x: \"😀é\"\n".to_string());
        let located = locate(&sm, Span::new(id, 4, 10));
        assert_eq!(
            located,
            Some(Located {
                start: Position {
                    line: 1,
                    column: 5,
                    column_utf16: 5
                },
                end: Position {
                    line: 1,
                    column: 7,
                    column_utf16: 8
                },
                offset: 4,
                length: 6,
            })
        );
        assert_eq!(locate(&sm, Span::new(FileId(9), 0, 0)), None);
        assert_eq!(display_name(&sm, FileId(9)), "<unknown>");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(2, "info"), "2 infos");
    }
}
