//! Lossless parser of Compose's dotenv dialect.

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
    /// A comment after the value (` # note`, or `# c` after a closing quote).
    pub comment: Option<Span>,
    /// Text after a closing quote on the same line that starts a new statement
    /// (`A="x"y`): the span of that tail.
    pub tail_after_quote: Option<Span>,
}

/// One statement: `KEY=value`, `KEY: value`, `export KEY=value`, or a bare `KEY`.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// From the first character (or `export`) to the end of the value/comment.
    pub span: Span,
    pub export: Option<Span>,
    pub key: String,
    pub key_span: Span,
    /// The `=` or `:`; None for a bare key.
    pub separator: Option<Span>,
    pub value: Option<ValueSyntax>,
    /// The bare-key-at-EOF quirk (SEMANTICS D8): Compose reads `KEY` on a last line without
    /// a newline as key `""` with value `KEY`.
    pub eof_bare_quirk: bool,
    /// 1-based line of the key.
    pub line: usize,
}

/// A line Compose rejects. `detail` is Compose's text after `failed to read <file>: `
/// (e.g. `line 3: key cannot contain a space`).
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DotenvFile {
    pub statements: Vec<Statement>,
    /// Full-line comments.
    pub comments: Vec<Span>,
    pub bom: Option<Span>,
    /// Compose stops at the first error; statements before it are kept.
    pub error: Option<SyntaxError>,
}

/// Parse a dotenv file. Never panics.
pub fn parse(_file: FileId, _text: &str) -> DotenvFile {
    DotenvFile::default()
}
