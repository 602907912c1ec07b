//! `--format human`: findings rendered by miette like rustc and ruff do, then a summary.
//!
//! ```text
//!  ! warning[unset-variable]: `DB_HOST` is not set
//!    ,-[compose.yaml:4:12]
//!  3 |   web:
//!  4 |     image: ${DB_HOST}
//!    :            ^^^^|^^^^^
//!    :                `-- resolves to an empty string
//!    `----
//!   help: set it in .env
//! ```
//!
//! Output is deterministic whatever the terminal: a fixed theme and no line wrapping. With
//! colour (`--color`, decided in app.rs) the theme draws with Unicode box characters and
//! ANSI colours; without colour it is plain ASCII, because that path is taken by pipes, CI
//! logs and `--output-file`, where box-drawing characters get mangled by code pages.
//!
//! Positions: the snippet header names `file:line:column` itself (columns in characters,
//! like the JSON output), because miette would count the column in bytes. Labels far from
//! the primary span, or in other files, are rendered as related notes with their own
//! snippet and header, so every header shows the right place.
//!
//! Secrets: snippets are cut from a masked copy of each file ([`crate::secrets::mask_text`])
//! and every span is moved through its offset map, so labels still underline the same text
//! (a label on a secret underlines its `****`).

use super::{
    RenderOptions, Report, Summary, TextMask, clamp_span, display_name, file_of, locate, plural,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::secrets::{self, MaskedText};
use crate::source::{FileId, SourceMap, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// A secondary label is drawn in the primary span's snippet when it is at most this many
/// lines away (so the snippet stays short); farther labels get their own snippet.
const NEARBY_LINES: usize = 2;

pub fn render(report: &Report, sources: &SourceMap, opts: &RenderOptions) -> String {
    let handler = handler(opts.color);
    let mut views = SourceViews::new(sources, opts.show_secrets);
    let mask = TextMask::new(opts);
    let mut out = String::new();
    for d in &report.diagnostics {
        let rendered = build(d, sources, &mut views, mask);
        let mut text = String::new();
        match handler.render_report(&mut text, &rendered) {
            Ok(()) => out.push_str(&text),
            Err(fmt::Error) => out.push_str(&plain_line(d, sources, mask)),
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    if !opts.quiet {
        out.push_str(&summary_line(&Summary::of(report)));
        out.push('\n');
    }
    out
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::none()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(120)
        .with_wrap_lines(false)
        .with_links(false)
        .with_context_lines(1)
        .without_primary_span_start()
        .without_syntax_highlighting()
        .tab_width(4)
        .with_show_related_as_nested(true)
}

/// "Found 3 errors, 1 warning and 2 infos in 5 files (1 fixable with --fix)." or
/// "No problems found in 5 files."
pub fn summary_line(s: &Summary) -> String {
    let files = plural(s.files, "file");
    let counts: Vec<String> = [
        (s.errors, "error"),
        (s.warnings, "warning"),
        (s.infos, "info"),
    ]
    .into_iter()
    .filter(|&(n, _)| n > 0)
    .map(|(n, word)| plural(n, word))
    .collect();
    let Some((last, first)) = counts.split_last() else {
        return format!("No problems found in {files}.");
    };
    let listed = if first.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", first.join(", "))
    };
    let unsafe_only = s.fixable.saturating_sub(s.fixable_safe);
    let fixes = match (s.fixable_safe, unsafe_only) {
        (0, 0) => String::new(),
        (safe, 0) => format!(" ({safe} fixable with --fix)"),
        (0, unsafe_n) => format!(" ({unsafe_n} fixable with --unsafe-fixes)"),
        (safe, unsafe_n) => {
            format!(" ({safe} fixable with --fix, {unsafe_n} more with --unsafe-fixes)")
        }
    };
    format!("Found {listed} in {files}{fixes}.")
}

/// The one-line form, used should miette fail to render a snippet.
fn plain_line(d: &Diagnostic, sources: &SourceMap, mask: TextMask) -> String {
    let place = match d.primary.and_then(|s| locate(sources, s)) {
        Some(l) => format!(
            "{}:{}:{}",
            display_name(sources, d.file),
            l.start.line,
            l.start.column
        ),
        None => display_name(sources, d.file).to_string(),
    };
    format!(
        "{place}: {}[{}]: {}\n",
        d.severity.as_str(),
        d.rule,
        mask.apply(&d.message)
    )
}

/// The masked text of every file a snippet shows, built once per file.
struct SourceViews<'a> {
    sources: &'a SourceMap,
    show_secrets: bool,
    views: HashMap<FileId, Arc<SourceView>>,
}

struct SourceView {
    text: Arc<str>,
    map: MaskedText,
}

impl<'a> SourceViews<'a> {
    fn new(sources: &'a SourceMap, show_secrets: bool) -> Self {
        SourceViews {
            sources,
            show_secrets,
            views: HashMap::new(),
        }
    }

    fn view(&mut self, id: FileId) -> Option<Arc<SourceView>> {
        if let Some(v) = self.views.get(&id) {
            return Some(Arc::clone(v));
        }
        let file = file_of(self.sources, id)?;
        let mut map = if self.show_secrets {
            MaskedText::unmasked("")
        } else {
            secrets::mask_text(&file.text)
        };
        let text: Arc<str> = if self.show_secrets {
            Arc::from(file.text.as_str())
        } else {
            Arc::from(std::mem::take(&mut map.text))
        };
        let view = Arc::new(SourceView { text, map });
        self.views.insert(id, Arc::clone(&view));
        Some(view)
    }

    /// A span of the original file as a span of the text shown.
    fn span(&mut self, span: Span) -> Option<(Arc<SourceView>, SourceSpan)> {
        let view = self.view(span.file)?;
        let file = file_of(self.sources, span.file)?;
        let (start, end) = clamp_span(&file.text, span);
        let shown = view.map.map_range(start, end);
        let len = shown.end.saturating_sub(shown.start);
        Some((view, SourceSpan::new(shown.start.into(), len)))
    }

    /// `file:line:column` of a span's start, for snippet headers.
    fn place(&self, span: Span) -> String {
        let name = display_name(self.sources, span.file);
        match locate(self.sources, span) {
            Some(l) => format!("{name}:{}:{}", l.start.line, l.start.column),
            None => name.to_string(),
        }
    }
}

/// A finding in the shape miette renders.
#[derive(Debug)]
struct Rendered {
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn build(d: &Diagnostic, sources: &SourceMap, views: &mut SourceViews, mask: TextMask) -> Rendered {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut message = format!(
        "{}[{}]: {}",
        d.severity.as_str(),
        d.rule,
        mask.apply(&d.message)
    );
    let mut source = None;
    let mut labels = Vec::new();
    let mut related = Vec::new();
    let primary = d.primary.and_then(|span| Some((span, views.span(span)?)));
    match &primary {
        Some((span, (view, shown))) => {
            source = Some(NamedSource::new(views.place(*span), Arc::clone(&view.text)));
            let text = (!d.primary_message.is_empty())
                .then(|| mask.apply(&d.primary_message).into_owned());
            labels.push(LabeledSpan::new_primary_with_span(text, *shown));
        }
        None => {
            // No snippet to name the file: the message does.
            let name = display_name(sources, d.file);
            if !d.message.contains(name) {
                message = format!(
                    "{}[{}]: {name}: {}",
                    d.severity.as_str(),
                    d.rule,
                    mask.apply(&d.message)
                );
            }
        }
    }
    let primary_lines = primary
        .as_ref()
        .and_then(|(span, _)| locate(sources, *span))
        .map(|l| (l.start.line, l.end.line));
    for label in &d.labels {
        let text = mask.apply(&label.message).into_owned();
        let nearby = primary_lines.is_some_and(|(first, last)| {
            label.span.file == d.file
                && locate(sources, label.span).is_some_and(|l| {
                    l.end.line.saturating_add(NEARBY_LINES) >= first
                        && l.start.line <= last.saturating_add(NEARBY_LINES)
                })
        });
        let Some((view, shown)) = views.span(label.span) else {
            continue;
        };
        if nearby {
            labels.push(LabeledSpan::new_with_span(Some(text), shown));
        } else {
            related.push(Rendered {
                message: text,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(NamedSource::new(
                    views.place(label.span),
                    Arc::clone(&view.text),
                )),
                labels: vec![LabeledSpan::new_primary_with_span(None, shown)],
                related: Vec::new(),
            });
        }
    }
    Rendered {
        message,
        severity,
        help: d.help.as_ref().map(|h| mask.apply(h).into_owned()),
        source,
        labels,
        related,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(errors: usize, warnings: usize, infos: usize, fixable: (usize, usize)) -> Summary {
        Summary {
            files: 5,
            projects: 1,
            errors,
            warnings,
            infos,
            fixable: fixable.0 + fixable.1,
            fixable_safe: fixable.0,
        }
    }

    #[test]
    fn summary_lines() {
        assert_eq!(
            summary_line(&summary(3, 1, 2, (1, 0))),
            "Found 3 errors, 1 warning and 2 infos in 5 files (1 fixable with --fix)."
        );
        assert_eq!(
            summary_line(&summary(0, 0, 0, (0, 0))),
            "No problems found in 5 files."
        );
        assert_eq!(
            summary_line(&summary(1, 0, 0, (0, 0))),
            "Found 1 error in 5 files."
        );
        assert_eq!(
            summary_line(&summary(0, 2, 1, (0, 2))),
            "Found 2 warnings and 1 info in 5 files (2 fixable with --unsafe-fixes)."
        );
        assert_eq!(
            summary_line(&summary(2, 0, 0, (1, 1))),
            "Found 2 errors in 5 files (1 fixable with --fix, 1 more with --unsafe-fixes)."
        );
        let one_file = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(summary_line(&one_file), "No problems found in 1 file.");
    }
}
