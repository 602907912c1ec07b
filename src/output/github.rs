//! `--format github`: one GitHub Actions workflow command per finding, which the runner
//! turns into an annotation on the file:
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message`.
//!
//! GitHub's rules: `col` / `endColumn` only when the finding starts and ends on the same
//! line (otherwise the command is rejected); `endColumn` is exclusive, like ours; columns
//! are given in UTF-16 code units, the unit of GitHub's (JavaScript) annotation viewer.
//! `info` findings become `notice`. The help text follows the message on its own line.

use super::{RenderOptions, Report, TextMask, display_name, locate};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

pub fn render(report: &Report, sources: &SourceMap, opts: &RenderOptions) -> String {
    let mask = TextMask::new(opts);
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&command(d, sources, mask));
        out.push('\n');
    }
    out
}

fn command(d: &Diagnostic, sources: &SourceMap, mask: TextMask) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = vec![("file", display_name(sources, d.file).to_string())];
    if let Some(l) = d.primary.and_then(|s| locate(sources, s)) {
        let (start, mut end) = (l.start, l.end);
        // A span that ends just after a newline ends, for a reader, on the line before.
        if end.line > start.line
            && end.column == 1
            && let Some(file) = super::file_of(sources, d.file)
            && let Some((_, line_end)) = file.line_range(end.line - 1)
        {
            let line_end = file.position(line_end);
            // Never before the start (a span that starts on the `\n` of a `\r\n`).
            if line_end.line > start.line || line_end.column_utf16 >= start.column_utf16 {
                end = line_end;
            } else {
                end = start;
            }
        }
        props.push(("line", start.line.to_string()));
        if start.line == end.line {
            props.push(("col", start.column_utf16.to_string()));
        }
        props.push(("endLine", end.line.to_string()));
        if start.line == end.line {
            props.push(("endColumn", end.column_utf16.to_string()));
        }
    }
    props.push(("title", d.rule.to_string()));
    let props: Vec<String> = props
        .into_iter()
        .map(|(k, v)| format!("{k}={}", escape_property(&v)))
        .collect();
    let mut text = mask.apply(&d.message).into_owned();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(&mask.apply(help));
    }
    format!("::{kind} {}::{}", props.join(","), escape_data(&text))
}

/// Escaping of a command's message (GitHub's `escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a property value (GitHub's `escapeProperty`): also `:` and `,`, which
/// separate properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(escape_property("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A");
    }
}
