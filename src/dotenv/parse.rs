//! Lossless parser of Compose's dotenv dialect (SEMANTICS.md §1, Appendix A.1).
//!
//! It follows compose-go v2.9.1's reader statement by statement, so it stops where Compose
//! stops, with Compose's error text, and records where every piece of every statement is.
//! Values are not decoded here: see [`super::eval`].

use super::chars::{is_blank, is_key_char, is_regex_space, is_space};
use crate::interpolate::go_quote;
use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    None,
    Single,
    Double,
}

/// The value part of an assignment as written.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueSyntax {
    pub quote: Quote,
    /// The value as written, quotes included; for unquoted values the text after the
    /// separator's blanks up to the comment cut and trailing whitespace trim.
    pub span: Span,
    /// The text inside the quotes (or the unquoted text), before escape decoding and
    /// interpolation.
    pub inner: Span,
    /// A comment after the value (` # note`, or `# c` after a closing quote), from `#` to the
    /// end of the line without trailing whitespace.
    pub comment: Option<Span>,
    /// Text after a closing quote on the same line that starts a new statement
    /// (`A="x"y`): the span of that tail, up to the end of the line.
    pub tail_after_quote: Option<Span>,
}

/// One statement: `KEY=value`, `KEY: value`, `export KEY=value`, or a bare `KEY`.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// From the first character (or `export`) to the end of the value/comment.
    pub span: Span,
    pub export: Option<Span>,
    pub key: String,
    /// The key as written, blanks around it excluded. For the EOF quirk (below) this covers
    /// the text Compose turns into the value.
    pub key_span: Span,
    /// The `=` or `:`; None for a bare key.
    pub separator: Option<Span>,
    pub value: Option<ValueSyntax>,
    /// The bare-key-at-EOF quirk (SEMANTICS D8): Compose reads `KEY` on a last line without
    /// a newline as key `""` with value `KEY` (`key` is then `""` and `value` holds the text).
    pub eof_bare_quirk: bool,
    /// 1-based line of the key.
    pub line: usize,
}

/// A line Compose rejects. `detail` is Compose's text after `failed to read <file>: `
/// (e.g. `line 3: key cannot contain a space`); for `format: raw` files it is the text after
/// `failed to parse env_file <file>: `.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DotenvFile {
    pub statements: Vec<Statement>,
    /// Full-line comments, from `#` to the end of the line without trailing whitespace.
    pub comments: Vec<Span>,
    pub bom: Option<Span>,
    /// Compose stops at the first error; statements before it are kept.
    pub error: Option<SyntaxError>,
    /// Read with the `format: raw` reader ([`super::parse_raw`]): values are taken verbatim.
    pub raw: bool,
}

const BOM: &str = "\u{feff}";

/// Parse a dotenv file. Never panics.
pub fn parse(file: FileId, text: &str) -> DotenvFile {
    let mut parser = Parser {
        file,
        text,
        pos: 0,
        lines: LineCounter::default(),
        lost_lines: 0,
        out: DotenvFile::default(),
    };
    if text.starts_with(BOM) {
        parser.out.bom = Some(parser.span(0, BOM.len()));
        parser.pos = BOM.len();
    }
    parser.run();
    parser.out
}

struct Parser<'a> {
    file: FileId,
    text: &'a str,
    pos: usize,
    lines: LineCounter,
    /// Line breaks Compose's own counter skipped (see [`Parser::compose_line`]).
    lost_lines: usize,
    out: DotenvFile,
}

/// How the key scan ended.
enum KeyEnd {
    /// At a `=` or `:` (byte offset).
    Separator(usize),
    /// At a line break (byte offset): a bare key.
    LineBreak(usize),
    /// At the end of the text: Compose's EOF quirk.
    EndOfText,
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|t| t.chars().next())
    }

    fn skip(&self, mut pos: usize, pred: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.char_at(pos) {
            if !pred(c) {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    /// Offset of the next `\n` at or after `pos`, or the end of the text.
    fn line_end(&self, pos: usize) -> usize {
        self.text
            .get(pos..)
            .and_then(|t| t.find('\n'))
            .map_or(self.text.len(), |p| pos + p)
    }

    /// `start..end` of a line's remainder, trailing whitespace (and so a CR) removed.
    fn trimmed_to_line_end(&self, start: usize) -> usize {
        let end = self.line_end(start);
        let kept = self.text.get(start..end).map_or(0, |t| t.trim_end().len());
        start + kept
    }

    /// The line number Compose puts in its errors. compose-go counts the line break after a
    /// bare key only when the key as written (blanks before the break included) has no
    /// space, so `KEY ` + newline makes every later error one line short (oracle-verified).
    fn compose_line(&self, physical: usize) -> usize {
        physical.saturating_sub(self.lost_lines).max(1)
    }

    fn fail(&mut self, start: usize, end: usize, detail: String) {
        self.out.error = Some(SyntaxError {
            span: self.span(start, end),
            detail,
        });
    }

    fn run(&mut self) {
        loop {
            self.pos = self.skip(self.pos, is_space);
            match self.char_at(self.pos) {
                None => return,
                Some('#') => {
                    let end = self.trimmed_to_line_end(self.pos);
                    self.out.comments.push(self.span(self.pos, end));
                    self.pos = self.line_end(self.pos);
                }
                Some(_) => {
                    if !self.statement() {
                        return;
                    }
                }
            }
        }
    }

    /// Parse one statement at `self.pos`; false once Compose would have stopped.
    fn statement(&mut self) -> bool {
        let start = self.pos;
        let mut export = None;
        let after_word = start + "export".len();
        if self.text.get(start..after_word) == Some("export")
            && self.char_at(after_word).is_some_and(is_regex_space)
        {
            export = Some(self.span(start, after_word));
            // compose-go strips the word, then blanks only: `export` + newline leaves an
            // empty bare key behind.
            self.pos = self.skip(after_word, is_blank);
        }
        let key_start = self.pos;
        if key_start >= self.text.len() {
            self.fail(start, key_start, "zero length string".to_string());
            return false;
        }
        let line = self.lines.line_at(self.text, key_start);
        let key_end = match self.scan_key(key_start, self.compose_line(line)) {
            Some(end) => end,
            None => return false,
        };
        let key_stop = match key_end {
            KeyEnd::Separator(at) | KeyEnd::LineBreak(at) => at,
            KeyEnd::EndOfText => self.text.len(),
        };
        let raw_key = self.text.get(key_start..key_stop).unwrap_or_default();
        let key = raw_key.trim_end();
        let key_span = self.span(key_start, key_start + key.len());
        if key.contains(' ') && !matches!(key_end, KeyEnd::EndOfText) {
            let reported = self.compose_line(line);
            self.fail(
                key_span.start,
                key_span.end,
                format!("line {reported}: key cannot contain a space"),
            );
            return false;
        }
        if matches!(key_end, KeyEnd::LineBreak(_)) && raw_key.contains(' ') {
            self.lost_lines += 1;
        }
        let mut statement = Statement {
            span: self.span(start, key_span.end),
            export,
            key: key.to_string(),
            key_span,
            separator: None,
            value: None,
            eof_bare_quirk: false,
            line,
        };
        match key_end {
            KeyEnd::LineBreak(at) => {
                self.pos = at + 1;
            }
            KeyEnd::EndOfText => {
                // No separator before the end of the text: Compose takes key "" and reads
                // the whole text as an unquoted value.
                statement.key = String::new();
                statement.eof_bare_quirk = true;
                statement.value = Some(ValueSyntax {
                    quote: Quote::None,
                    span: key_span,
                    inner: key_span,
                    comment: None,
                    tail_after_quote: None,
                });
                self.pos = self.text.len();
            }
            KeyEnd::Separator(at) => {
                statement.separator = Some(self.span(at, at + 1));
                let value_start = self.skip(at + 1, is_blank);
                let Some(value) = self.value(value_start) else {
                    return false;
                };
                let end = value.comment.map_or(value.span.end, |c| c.end);
                statement.span = self.span(start, end.max(value.span.end));
                statement.value = Some(value);
            }
        }
        self.out.statements.push(statement);
        true
    }

    /// Scan a key from `start`; None after recording an error.
    fn scan_key(&mut self, start: usize, line: usize) -> Option<KeyEnd> {
        let rest = self.text.get(start..).unwrap_or_default();
        for (i, c) in rest.char_indices() {
            match c {
                '=' | ':' => return Some(KeyEnd::Separator(start + i)),
                '\n' => return Some(KeyEnd::LineBreak(start + i)),
                c if is_blank(c) || is_key_char(c) => {}
                c => {
                    let line_text = rest.split('\n').next().unwrap_or_default();
                    self.fail(
                        start + i,
                        start + i + c.len_utf8(),
                        format!(
                            "line {line}: unexpected character {} in variable name {}",
                            go_quote(c.encode_utf8(&mut [0u8; 4])),
                            go_quote(line_text)
                        ),
                    );
                    return None;
                }
            }
        }
        Some(KeyEnd::EndOfText)
    }

    /// Read a value starting at `start` (blanks after the separator already skipped);
    /// None after recording an error.
    fn value(&mut self, start: usize) -> Option<ValueSyntax> {
        let quote = match self.char_at(start) {
            Some('"') => Quote::Double,
            Some('\'') => Quote::Single,
            _ => return Some(self.unquoted(start)),
        };
        self.quoted(start, quote)
    }

    fn unquoted(&mut self, start: usize) -> ValueSyntax {
        let line_end = self.line_end(start);
        let line = self.text.get(start..line_end).unwrap_or_default();
        // Only a space counts: `value\t# x` keeps the `#`.
        let (value, comment) = match line.find(" #") {
            Some(cut) => {
                let hash = start + cut + 1;
                let comment_end = self.trimmed_to_line_end(hash);
                (
                    line.get(..cut).unwrap_or_default(),
                    Some(self.span(hash, comment_end)),
                )
            }
            None => (line, None),
        };
        let value_end = start + value.trim_end().len();
        self.pos = (line_end + 1).min(self.text.len());
        ValueSyntax {
            quote: Quote::None,
            span: self.span(start, value_end),
            inner: self.span(start, value_end),
            comment,
            tail_after_quote: None,
        }
    }

    fn quoted(&mut self, start: usize, quote: Quote) -> Option<ValueSyntax> {
        let quote_byte = if quote == Quote::Double { b'"' } else { b'\'' };
        let bytes = self.text.as_bytes();
        let mut escaped = false;
        let mut close = None;
        for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
            if b == quote_byte && !escaped {
                close = Some(i);
                break;
            }
            escaped = b == b'\\' && !escaped;
        }
        let Some(close) = close else {
            // Compose has counted every line of the file by the time it gives up.
            let line = self.compose_line(1 + bytes.iter().filter(|&&b| b == b'\n').count());
            let end = self.line_end(start);
            let text = self.text.get(start..end).unwrap_or_default();
            self.fail(
                start,
                end,
                format!("line {line}: unterminated quoted value {text}"),
            );
            return None;
        };
        let mut value = ValueSyntax {
            quote,
            span: self.span(start, close + 1),
            inner: self.span(start + 1, close),
            comment: None,
            tail_after_quote: None,
        };
        // Compose goes on right after the quote: a `#` on the same line is a comment,
        // anything else starts the next statement.
        let next = self.skip(close + 1, |c| c != '\n' && is_space(c));
        self.pos = next;
        match self.char_at(next) {
            Some('#') => {
                let end = self.trimmed_to_line_end(next);
                value.comment = Some(self.span(next, end));
                self.pos = self.line_end(next);
            }
            Some(c) if c != '\n' => {
                let end = self.trimmed_to_line_end(next);
                value.tail_after_quote = Some(self.span(next, end));
            }
            _ => {}
        }
        Some(value)
    }
}

/// Line numbers for increasing offsets without rescanning the text each time.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, pos: usize) -> usize {
        if pos < self.pos {
            *self = LineCounter::default();
        }
        let counted = text
            .as_bytes()
            .get(self.pos..pos)
            .map_or(0, |t| t.iter().filter(|&&b| b == b'\n').count());
        self.newlines += counted;
        self.pos = pos;
        self.newlines + 1
    }
}
