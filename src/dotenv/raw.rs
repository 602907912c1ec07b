//! The `format: raw` reader of service `env_file` entries (SEMANTICS C5): Docker's classic
//! `--env-file` format. One `KEY=VALUE` per line, leading whitespace dropped, `#` only at the
//! start of a line, no quotes, no escapes, no interpolation, trailing blanks kept, a bare
//! `KEY` looked up. Errors (detail after `failed to parse env_file <file>: `), as the oracle
//! prints them: `variable 'A B' contains whitespaces`, `no variable name on line '=x'`.

use super::parse::{DotenvFile, Quote, Statement, SyntaxError, ValueSyntax};
use crate::source::{FileId, Span};

/// Go's `bufio.Scanner` gives up on a line this long (its default maximum token size).
const MAX_LINE: usize = 64 * 1024;

/// Parse an env file with the `raw` format. Never panics. Evaluate it with
/// [`super::evaluate`] like any other [`DotenvFile`].
pub fn parse_raw(file: FileId, text: &str) -> DotenvFile {
    let mut out = DotenvFile {
        raw: true,
        ..DotenvFile::default()
    };
    let mut line_start = 0;
    let mut line_number = 0;
    while line_start < text.len() {
        line_number += 1;
        let newline = text
            .get(line_start..)
            .and_then(|t| t.find('\n'))
            .map(|p| line_start + p);
        let next_line = newline.map_or(text.len(), |p| p + 1);
        let mut end = newline.unwrap_or(text.len());
        if end - line_start >= MAX_LINE {
            out.error = Some(SyntaxError {
                span: Span::new(file, line_start, end),
                detail: "bufio.Scanner: token too long".to_string(),
            });
            return out;
        }
        // The line scanner drops one CR before the line break.
        if text.get(..end).is_some_and(|t| t.ends_with('\r')) && end > line_start {
            end -= 1;
        }
        let mut start = line_start;
        if line_number == 1
            && text
                .get(start..end)
                .is_some_and(|t| t.starts_with('\u{feff}'))
        {
            out.bom = Some(Span::new(file, start, start + 3));
            start += 3;
        }
        let line = text.get(start..end).unwrap_or_default();
        let trimmed = line.trim_start();
        let content_start = end - trimmed.len();
        line_start = next_line;
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            out.comments.push(Span::new(
                file,
                content_start,
                content_start + trimmed.trim_end().len(),
            ));
            continue;
        }
        let (key, separator) = match trimmed.find('=') {
            Some(at) => (
                trimmed.get(..at).unwrap_or_default(),
                Some(content_start + at),
            ),
            None => (trimmed, None),
        };
        let key_span = Span::new(file, content_start, content_start + key.len());
        if key.contains([' ', '\t']) {
            out.error = Some(SyntaxError {
                span: key_span,
                detail: format!("variable '{key}' contains whitespaces"),
            });
            return out;
        }
        if key.is_empty() {
            out.error = Some(SyntaxError {
                span: Span::new(file, content_start, end),
                detail: format!("no variable name on line '{trimmed}'"),
            });
            return out;
        }
        let value = separator.map(|at| ValueSyntax {
            quote: Quote::None,
            span: Span::new(file, at + 1, end),
            inner: Span::new(file, at + 1, end),
            comment: None,
            tail_after_quote: None,
        });
        out.statements.push(Statement {
            span: Span::new(file, content_start, end),
            export: None,
            key: key.to_string(),
            key_span,
            separator: separator.map(|at| Span::new(file, at, at + 1)),
            value,
            eof_bare_quirk: false,
            line: line_number,
        });
    }
    out
}
