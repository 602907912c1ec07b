//! `export -p` / `declare -x` / `typeset` output (bash, dash, zsh) and zsh's bare
//! `typeset -x` listing (`NAME=value` lines in shell quoting).
//!
//! Statements: `KEYWORD [FLAGS...] ASSIGNMENT...` where an assignment is `NAME` (exported
//! but unset) or `NAME=WORD`. Only what the shell would really put in a child's
//! environment is kept: `declare` without `-x`, arrays and `export -n` are read but left out.

use super::Collector;
use super::word::{Cursor, Dialect, WordError, read_name, read_word};

/// How the file spells its statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// `declare -x` / `typeset -x` / `export` statements.
    Keyword,
    /// zsh `typeset -x` without `-p`: bare `NAME=value` lines.
    Bare,
}

/// The statement keywords a shell prints.
const KEYWORDS: [&str; 3] = ["declare", "typeset", "export"];

/// True when `line` (trimmed) starts with a statement keyword.
pub(super) fn starts_with_keyword(line: &str) -> bool {
    KEYWORDS.iter().any(|k| {
        line.strip_prefix(k)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
    })
}

/// Parse the whole text as export statements.
pub(super) fn parse(text: &str, style: Style, out: &mut Collector) {
    let mut cur = Cursor::new(text, 0);
    loop {
        cur.skip_blanks();
        if cur.at_end() {
            break;
        }
        if cur.at_line_end() || cur.peek() == Some(';') {
            cur.bump();
            continue;
        }
        if cur.peek() == Some('#') {
            cur.skip_line();
            continue;
        }
        if let Err(e) = statement(&mut cur, style, out) {
            out.problem(e.start, e.end, e.message);
            // Go on with the line after the problem, so one bad line costs one finding.
            cur.set_pos(e.start);
            cur.skip_line();
        }
    }
}

/// What the keyword and flags say about the variables that follow.
#[derive(Default)]
struct Attributes {
    exported: bool,
    array: bool,
    tied: bool,
}

fn statement(cur: &mut Cursor<'_>, style: Style, out: &mut Collector) -> Result<(), WordError> {
    let start = cur.pos();
    let attrs = match style {
        Style::Bare => Attributes {
            exported: true,
            ..Attributes::default()
        },
        Style::Keyword => keyword_and_flags(cur)?,
    };
    if attrs.tied {
        return tied(cur, start, attrs.exported, out);
    }
    let mut assignments = 0;
    loop {
        cur.skip_blanks();
        if cur.at_line_end() || matches!(cur.peek(), Some(';' | '#')) {
            break;
        }
        if style == Style::Bare && assignments > 0 {
            return Err(unexpected(cur, "the end of the line after the value"));
        }
        assignment(cur, start, style, &attrs, out)?;
        assignments += 1;
    }
    if assignments == 0 {
        let end = cur.pos().max(start + 1);
        return Err(WordError {
            start,
            end,
            message: "expected a variable name in this statement".into(),
        });
    }
    Ok(())
}

fn keyword_and_flags(cur: &mut Cursor<'_>) -> Result<Attributes, WordError> {
    let start = cur.pos();
    let keyword = KEYWORDS
        .iter()
        .copied()
        .find(|k| cur.rest().starts_with(k) && starts_with_keyword(cur.rest()));
    let Some(keyword) = keyword else {
        let end = cur.line_end();
        return Err(WordError {
            start,
            end: end.max(start + 1),
            message: "expected `declare -x NAME=\"value\"`, `export NAME='value'` or \
                      `typeset -x NAME=value` (this snapshot is in `export -p` format)"
                .into(),
        });
    };
    cur.set_pos(start + keyword.len());
    let mut attrs = Attributes {
        exported: keyword == "export",
        ..Attributes::default()
    };
    loop {
        cur.skip_blanks();
        let sign = match cur.peek() {
            Some(s @ ('-' | '+')) => s,
            _ => break,
        };
        let flag_start = cur.pos();
        cur.bump();
        while cur
            .peek()
            .is_some_and(|c| !matches!(c, ' ' | '\t' | '\n' | '\r' | ';'))
        {
            cur.bump();
        }
        let flags = cur.slice(flag_start + 1, cur.pos());
        if sign == '-' && flags == "-" {
            // `--` ends the options.
            break;
        }
        for f in flags.chars() {
            match (sign, f) {
                ('-', 'x') => attrs.exported = true,
                ('+', 'x') => attrs.exported = false,
                // `export -n` removes the export attribute.
                ('-', 'n') if keyword == "export" => attrs.exported = false,
                ('-', 'a' | 'A') => attrs.array = true,
                ('-', 'T') => attrs.tied = true,
                _ => {}
            }
        }
    }
    Ok(attrs)
}

fn assignment(
    cur: &mut Cursor<'_>,
    statement_start: usize,
    style: Style,
    attrs: &Attributes,
    out: &mut Collector,
) -> Result<(), WordError> {
    let Some((name_start, name_end)) = read_name(cur) else {
        return Err(bad_name(cur));
    };
    let name = cur.slice(name_start, name_end).to_string();
    let record_start = if style == Style::Bare {
        name_start
    } else {
        statement_start
    };
    if cur.peek() != Some('=') {
        if style == Style::Bare {
            return Err(unexpected(cur, "`=` after the variable name"));
        }
        if !matches!(
            cur.peek(),
            None | Some(' ' | '\t' | '\n' | '\r' | ';' | '#')
        ) {
            // `FOO-BAR=1`: the name goes on with characters a name cannot hold.
            cur.set_pos(name_start);
            return Err(bad_name(cur));
        }
        if attrs.exported && !attrs.array {
            out.set(name, None, record_start, cur.pos(), None);
        }
        return Ok(());
    }
    cur.bump();
    let value_start = cur.pos();
    if cur.peek() == Some('(') {
        // An array: read to keep our place; arrays never reach a child's environment.
        array(cur)?;
        return Ok(());
    }
    let dialect = match style {
        Style::Keyword => Dialect::Shell,
        Style::Bare => Dialect::ZshTypeset,
    };
    let word = read_word(cur, dialect, false)?;
    out.quoted_values |= word.quoted;
    if attrs.exported && !attrs.array {
        out.set(
            name,
            Some(word.value),
            record_start,
            cur.pos(),
            Some((value_start, cur.pos())),
        );
    }
    Ok(())
}

/// `( word word ... )`, bash's `[0]="a"` elements included. Returns the elements.
fn array(cur: &mut Cursor<'_>) -> Result<Vec<String>, WordError> {
    let open = cur.pos();
    cur.bump();
    let mut elements = Vec::new();
    loop {
        while matches!(cur.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            cur.bump();
        }
        match cur.peek() {
            None => {
                return Err(WordError {
                    start: open,
                    end: open + 1,
                    message: "unterminated array: expected a closing `)`".into(),
                });
            }
            Some(')') => {
                cur.bump();
                return Ok(elements);
            }
            Some(_) => elements.push(read_word(cur, Dialect::Shell, true)?.value),
        }
    }
}

/// zsh's tied pair: `export -T FOO foo=( a b ) [SEP]` exports FOO as the elements of `foo`
/// joined by SEP (default `:`), like PATH and path.
fn tied(
    cur: &mut Cursor<'_>,
    start: usize,
    exported: bool,
    out: &mut Collector,
) -> Result<(), WordError> {
    cur.skip_blanks();
    let Some((s, e)) = read_name(cur) else {
        return Err(bad_name(cur));
    };
    let scalar = cur.slice(s, e).to_string();
    cur.skip_blanks();
    if read_name(cur).is_none() {
        return Err(bad_name(cur));
    }
    let mut elements = Vec::new();
    let mut value_span = None;
    if cur.peek() == Some('=') {
        cur.bump();
        let value_start = cur.pos();
        if cur.peek() != Some('(') {
            return Err(unexpected(cur, "`(` starting the tied array's elements"));
        }
        elements = array(cur)?;
        value_span = Some((value_start, cur.pos()));
    }
    cur.skip_blanks();
    let separator = if cur.at_line_end() || matches!(cur.peek(), Some(';' | '#')) {
        ":".to_string()
    } else {
        read_word(cur, Dialect::Shell, false)?.value
    };
    if exported {
        let value = elements.join(&separator);
        out.set(scalar, Some(value), start, cur.pos(), value_span);
    }
    Ok(())
}

fn bad_name(cur: &mut Cursor<'_>) -> WordError {
    let start = cur.pos();
    let mut end = start;
    let rest = cur.rest();
    for c in rest.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '=' | ';') {
            break;
        }
        end += c.len_utf8();
    }
    let shown = cur.slice(start, end);
    WordError {
        start,
        end: end.max(start + 1),
        message: if shown.is_empty() {
            "expected a variable name".to_string()
        } else {
            format!(
                "`{shown}` is not a valid variable name (expected letters, digits and `_`, not \
                 starting with a digit)"
            )
        },
    }
}

fn unexpected(cur: &Cursor<'_>, expected: &str) -> WordError {
    let start = cur.pos();
    let end = cur.line_end().max(start + 1);
    WordError {
        start,
        end,
        message: format!("unexpected text: expected {expected}"),
    }
}
