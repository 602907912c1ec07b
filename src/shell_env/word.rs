//! Reading one shell word the way a shell would after `export -p` / `declare -x` printed it:
//! unquoted characters, `\` escapes, `'...'`, `"..."` and `$'...'` (bash's and zsh's
//! ANSI-C escapes). Values are collected as bytes because `$'\303\274'` spells UTF-8 one byte
//! at a time (bash in the C locale prints non-ASCII that way).
//!
//! Snapshots are read literally: a `$` or backquote a shell would expand is reported rather
//! than guessed at.

/// A cursor over the snapshot text. Offsets are byte offsets into the whole file.
pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    pub(super) fn set_pos(&mut self, pos: usize) {
        self.pos = pos.min(self.text.len());
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|s| s.chars().next())
    }

    /// The character after the next one.
    pub(super) fn peek2(&self) -> Option<char> {
        let mut it = self.text.get(self.pos..)?.chars();
        it.next();
        it.next()
    }

    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(super) fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Skip spaces and tabs (not newlines).
    pub(super) fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    /// Offset of the end of the current line (before `\n`, and before a `\r` that precedes
    /// it).
    pub(super) fn line_end(&self) -> usize {
        let rest = self.rest();
        let nl = rest.find('\n').map_or(self.text.len(), |i| self.pos + i);
        if nl > self.pos && self.text.as_bytes().get(nl - 1) == Some(&b'\r') {
            nl - 1
        } else {
            nl
        }
    }

    /// Move past the end of the current line, newline included.
    pub(super) fn skip_line(&mut self) {
        let rest = self.rest();
        self.pos = rest
            .find('\n')
            .map_or(self.text.len(), |i| self.pos + i + 1);
    }

    /// True at `\n`, `\r\n` or the end of the text.
    pub(super) fn at_line_end(&self) -> bool {
        match self.peek() {
            None | Some('\n') => true,
            Some('\r') => self.peek2() == Some('\n'),
            _ => false,
        }
    }
}

/// Why a word could not be read: where, and what a reader should do about it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct WordError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// A word as read: its decoded value and whether any quoting was used.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Word {
    pub value: String,
    pub quoted: bool,
}

/// Which quoting a word may use. zsh's `typeset -x` output (bare `NAME=value` lines) only
/// ever uses single quotes and `$'...'`, so recognising that format needs the strict set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    /// Everything a POSIX shell, bash or zsh accepts in a literal word.
    Shell,
    /// Unquoted safe characters, `'...'`, `$'...'` and `\'` only.
    ZshTypeset,
}

/// Characters that end an unquoted word.
fn ends_word(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | ';')
}

/// Read one word starting at the cursor. Stops before unquoted whitespace, `;`, or `)`
/// when `in_array` (inside `( ... )`). The cursor is left after the word.
pub(super) fn read_word(
    cur: &mut Cursor<'_>,
    dialect: Dialect,
    in_array: bool,
) -> Result<Word, WordError> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut quoted = false;
    loop {
        let start = cur.pos();
        let Some(c) = cur.peek() else { break };
        if ends_word(c) || (c == '\r' && cur.peek2() == Some('\n')) || (in_array && c == ')') {
            break;
        }
        match c {
            '\'' => {
                quoted = true;
                cur.bump();
                read_single_quoted(cur, start, &mut bytes)?;
            }
            '$' if cur.peek2() == Some('\'') => {
                quoted = true;
                cur.bump();
                cur.bump();
                read_ansi_c(cur, start, &mut bytes)?;
            }
            '"' if dialect == Dialect::Shell => {
                quoted = true;
                cur.bump();
                read_double_quoted(cur, start, &mut bytes)?;
            }
            // zsh writes a quote inside a single-quoted value as `'\''`.
            '\\' if dialect == Dialect::Shell || cur.peek2() == Some('\'') => {
                quoted = true;
                cur.bump();
                match cur.bump() {
                    // A backslash-newline joins lines and disappears.
                    Some('\n') => {}
                    Some(e) => push_char(&mut bytes, e),
                    None => {
                        return Err(WordError {
                            start,
                            end: cur.pos(),
                            message: "a backslash at the end of the file escapes nothing".into(),
                        });
                    }
                }
            }
            '$' => literal_dollar(cur, start, "", &mut bytes)?,
            '`' => return Err(command_substitution(start, "")),
            '|' | '&' | '<' | '>' | '(' | ')' | '"' | '\\' => {
                return Err(WordError {
                    start,
                    end: start + c.len_utf8(),
                    message: format!(
                        "unquoted `{c}` in a value: a shell would not read this as a plain \
                         value; quote it (e.g. '...')"
                    ),
                });
            }
            _ => {
                cur.bump();
                push_char(&mut bytes, c);
            }
        }
    }
    Ok(Word {
        value: bytes_to_value(bytes),
        quoted,
    })
}

fn push_char(bytes: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// Values are UTF-8 strings; a value the shell spelt as invalid UTF-8 bytes keeps its
/// valid parts and shows the rest as U+FFFD. A NUL ends the value, as it does for bash
/// (a C string cannot carry it into the environment).
fn bytes_to_value(mut bytes: Vec<u8>) -> String {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        bytes.truncate(nul);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn unterminated(cur: &Cursor<'_>, start: usize, what: &str, closer: &str) -> WordError {
    let mut probe = Cursor::new(cur.text, start);
    let end = probe.line_end();
    probe.set_pos(end);
    WordError {
        start,
        end: end.max(start + 1),
        message: format!("unterminated {what}: the value never ends (expected a closing {closer})"),
    }
}

fn command_substitution(start: usize, context: &str) -> WordError {
    WordError {
        start,
        end: start + 1,
        message: format!(
            "unescaped backquote{context}: a shell would run a command here; snapshots are read \
             literally, so escape it as \\`"
        ),
    }
}

/// `$` followed by something a shell expands (`$NAME`, `${`, `$(`, `$1`, `$@`...) is
/// refused; a lone `$` is literal, as it is to the shell, and is taken.
fn literal_dollar(
    cur: &mut Cursor<'_>,
    start: usize,
    context: &str,
    bytes: &mut Vec<u8>,
) -> Result<(), WordError> {
    let expands = cur.peek2().is_some_and(|n| {
        n.is_ascii_alphanumeric()
            || matches!(n, '_' | '{' | '(' | '@' | '*' | '#' | '?' | '$' | '!' | '-')
    });
    if expands {
        return Err(WordError {
            start,
            end: start + 1,
            message: format!(
                "unescaped `$`{context}: a shell would expand it here; snapshots are read \
                 literally, so escape it as \\$ (as `export -p` does) or use single quotes"
            ),
        });
    }
    cur.bump();
    bytes.push(b'$');
    Ok(())
}

fn read_single_quoted(
    cur: &mut Cursor<'_>,
    start: usize,
    bytes: &mut Vec<u8>,
) -> Result<(), WordError> {
    let rest = cur.rest();
    match rest.find('\'') {
        Some(i) => {
            bytes.extend_from_slice(rest.get(..i).unwrap_or("").as_bytes());
            cur.set_pos(cur.pos() + i + 1);
            Ok(())
        }
        None => Err(unterminated(cur, start, "single quote", "`'`")),
    }
}

fn read_double_quoted(
    cur: &mut Cursor<'_>,
    start: usize,
    bytes: &mut Vec<u8>,
) -> Result<(), WordError> {
    loop {
        let here = cur.pos();
        match cur.peek() {
            None => return Err(unterminated(cur, start, "double quote", "`\"`")),
            Some('"') => {
                cur.bump();
                return Ok(());
            }
            Some('\\') => {
                cur.bump();
                match cur.peek() {
                    // Inside double quotes a backslash only escapes these.
                    Some(e @ ('$' | '`' | '"' | '\\')) => {
                        cur.bump();
                        push_char(bytes, e);
                    }
                    Some('\n') => {
                        cur.bump();
                    }
                    _ => bytes.push(b'\\'),
                }
            }
            Some('$') => literal_dollar(cur, here, " inside double quotes", bytes)?,
            Some('`') => return Err(command_substitution(here, " inside double quotes")),
            Some(c) => {
                cur.bump();
                push_char(bytes, c);
            }
        }
    }
}

/// `$'...'`: bash's escapes (`\n`, `\t`, `\NNN` octal, `\xHH`, `\uHHHH`, `\UHHHHHHHH`,
/// `\cX`...) and zsh's `\M-X` (meta: the byte with its high bit set) and `\C-X` (control),
/// which zsh's `export -p` prints for non-ASCII bytes.
fn read_ansi_c(cur: &mut Cursor<'_>, start: usize, bytes: &mut Vec<u8>) -> Result<(), WordError> {
    loop {
        match cur.bump() {
            None => return Err(unterminated(cur, start, "$'...' quote", "`'`")),
            Some('\'') => return Ok(()),
            Some('\\') => match read_ansi_escape(cur) {
                Some(decoded) => bytes.extend_from_slice(&decoded),
                None => return Err(unterminated(cur, start, "$'...' quote", "`'`")),
            },
            Some(c) => push_char(bytes, c),
        }
    }
}

/// One escape after the backslash. None at the end of the text.
fn read_ansi_escape(cur: &mut Cursor<'_>) -> Option<Vec<u8>> {
    let c = cur.bump()?;
    let simple = match c {
        'a' => Some(0x07),
        'b' => Some(0x08),
        'e' | 'E' => Some(0x1b),
        'f' => Some(0x0c),
        'n' => Some(b'\n'),
        'r' => Some(b'\r'),
        't' => Some(b'\t'),
        'v' => Some(0x0b),
        '\\' => Some(b'\\'),
        '\'' => Some(b'\''),
        '"' => Some(b'"'),
        '?' => Some(b'?'),
        _ => None,
    };
    if let Some(b) = simple {
        return Some(vec![b]);
    }
    match c {
        '0'..='7' => {
            // Up to three octal digits in all; the first is already read.
            let mut value = u32::from(c as u8 - b'0');
            for _ in 0..2 {
                match cur.peek() {
                    Some(d @ '0'..='7') => {
                        cur.bump();
                        value = value * 8 + u32::from(d as u8 - b'0');
                    }
                    _ => break,
                }
            }
            // Shells keep the low byte of `\777`.
            Some(vec![(value & 0xff) as u8])
        }
        'x' => Some(hex_escape(cur, 2, 'x', false)),
        'u' => Some(hex_escape(cur, 4, 'u', true)),
        'U' => Some(hex_escape(cur, 8, 'U', true)),
        'c' => match cur.bump() {
            // bash: `\cX` is control-X.
            Some(x) => Some(vec![control_of(x)]),
            None => Some(b"\\c".to_vec()),
        },
        'C' if cur.peek() == Some('-') => {
            cur.bump();
            let inner = read_meta_control_target(cur, false)?;
            Some(vec![control_of_byte(inner)])
        }
        'M' if cur.peek() == Some('-') => {
            cur.bump();
            let inner = read_meta_control_target(cur, true)?;
            Some(vec![inner | 0x80])
        }
        // An unknown escape keeps its backslash, as bash does.
        other => {
            let mut v = vec![b'\\'];
            push_char(&mut v, other);
            Some(v)
        }
    }
}

/// The character after zsh's `\M-` or `\C-`, as zsh's `export -p` writes it: after `\C-`
/// exactly one character, taken as it is (`\C-\` is byte 0x1c, so `$'\C-\'` ends there);
/// after `\M-` one character or a further escape (`\M-\C-@`, `\M-\\`). zsh's own reader
/// takes `\C-\` as the start of an escape and cannot read its output back; the writer's
/// meaning is the value the environment really held.
fn read_meta_control_target(cur: &mut Cursor<'_>, after_meta: bool) -> Option<u8> {
    match cur.bump()? {
        '\\' if after_meta => read_ansi_escape(cur).and_then(|v| v.first().copied()),
        c => Some(u32::from(c).try_into().unwrap_or(b'?')),
    }
}

fn control_of(c: char) -> u8 {
    control_of_byte(u32::from(c).try_into().unwrap_or(b'?'))
}

/// Control-X: `?` is DEL, anything else keeps its low five bits (`@` → NUL, `G` → BEL).
fn control_of_byte(b: u8) -> u8 {
    if b == b'?' { 0x7f } else { b & 0x1f }
}

/// `\xHH`, `\uHHHH`, `\UHHHHHHHH`: up to `max` hex digits. With no digits the escape is kept
/// as written. `\u`/`\U` give a code point (UTF-8 encoded); `\x` a raw byte.
fn hex_escape(cur: &mut Cursor<'_>, max: usize, letter: char, code_point: bool) -> Vec<u8> {
    let mut value: u32 = 0;
    let mut digits = 0;
    while digits < max {
        let Some(d) = cur.peek().and_then(|c| c.to_digit(16)) else {
            break;
        };
        cur.bump();
        value = value.saturating_mul(16).saturating_add(d);
        digits += 1;
    }
    if digits == 0 {
        let mut v = vec![b'\\'];
        push_char(&mut v, letter);
        return v;
    }
    if code_point {
        let c = char::from_u32(value).unwrap_or('\u{fffd}');
        let mut v = Vec::new();
        push_char(&mut v, c);
        v
    } else {
        vec![(value & 0xff) as u8]
    }
}

/// `NAME`: a letter or `_`, then letters, digits, `_`. Returns the end offset.
pub(super) fn read_name(cur: &mut Cursor<'_>) -> Option<(usize, usize)> {
    let start = cur.pos();
    match cur.peek() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return None,
    }
    while cur
        .peek()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        cur.bump();
    }
    Some((start, cur.pos()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str, dialect: Dialect) -> Result<Word, WordError> {
        let mut cur = Cursor::new(s, 0);
        read_word(&mut cur, dialect, false)
    }

    fn value(s: &str) -> String {
        match word(s, Dialect::Shell) {
            Ok(w) => w.value,
            Err(e) => panic!("{s:?}: {e:?}"),
        }
    }

    #[test]
    fn bash_double_quote_escapes() {
        assert_eq!(value(r#""x\"y""#), "x\"y");
        assert_eq!(value(r#""a\$b""#), "a$b");
        assert_eq!(value(r#""back\\slash""#), "back\\slash");
        assert_eq!(value(r#""tick\`x""#), "tick`x");
        // Other backslashes stay.
        assert_eq!(value(r#""C:\temp""#), "C:\\temp");
        assert_eq!(value("\"l1\nl2\""), "l1\nl2");
    }

    #[test]
    fn single_quotes_and_concatenation() {
        assert_eq!(value("'it'\\''s'"), "it's");
        assert_eq!(value("'it'\"'\"'s'"), "it's");
        assert_eq!(value("''"), "");
        assert_eq!(value("plain/path:x"), "plain/path:x");
    }

    #[test]
    fn ansi_c_bash_and_zsh() {
        assert_eq!(value(r"$'l1\nl2'"), "l1\nl2");
        assert_eq!(value(r"$'\303\274n\303\257\360\237\230\200'"), "ünï😀");
        assert_eq!(value(r"$'bell\aX'"), "bell\u{7}X");
        assert_eq!(value(r"$'bell\C-GX'"), "bell\u{7}X");
        // zsh's meta notation for the UTF-8 bytes of "ünï😀".
        assert_eq!(
            value(r"$'\M-C\M-<n\M-C\M-/\M-p\M-\C-_\M-\C-X\M-\C-@'"),
            "ünï😀"
        );
        assert_eq!(value(r"$'\x41\u00e9\U0001F600'"), "Aé😀");
        // Real zsh output for bytes 0x1c and 0x9c: `\C-` takes one character as it is.
        assert_eq!(value(r"$'\C-\'"), "\u{1c}");
        assert_eq!(value(r"$'\C-\\\'"), "\u{1c}\\");
        assert_eq!(value(r"$'\C-\\C-\'"), "\u{1c}\u{1c}");
        assert_eq!(value(r"$'\M-r\M-\C-\\M-\C-@\M-\C-@'"), "\u{9c000}");
        assert_eq!(value(r"$'\cA'"), "\u{1}");
        assert_eq!(value(r"$'\C-?'"), "\u{7f}");
        assert_eq!(value(r"$'it\'s'"), "it's");
        assert_eq!(value(r"$'\0101'"), "\u{8}1");
        assert_eq!(value(r"$'\q'"), "\\q");
        // A NUL ends the value.
        assert_eq!(value(r"$'ab\0cd'"), "ab");
    }

    #[test]
    fn invalid_utf8_bytes_become_replacement_characters() {
        assert_eq!(value(r"$'a\377b'"), "a\u{fffd}b");
    }

    #[test]
    fn expansions_are_refused_not_guessed() {
        let e = word("\"a$HOME\"", Dialect::Shell).unwrap_err();
        assert_eq!((e.start, e.end), (2, 3));
        assert!(e.message.contains("expand"), "{}", e.message);
        let e = word("a`id`", Dialect::Shell).unwrap_err();
        assert_eq!(e.start, 1);
        // A lone `$` is literal.
        assert_eq!(value("\"5$\""), "5$");
        assert_eq!(value("cost$"), "cost$");
    }

    #[test]
    fn unterminated_quotes_point_at_the_opening_quote() {
        let e = word("x'abc\nmore", Dialect::Shell).unwrap_err();
        assert_eq!((e.start, e.end), (1, 5));
        assert!(e.message.contains("unterminated single quote"));
        let e = word("\"abc", Dialect::Shell).unwrap_err();
        assert_eq!((e.start, e.end), (0, 4));
        let e = word("$'abc\\", Dialect::Shell).unwrap_err();
        assert_eq!(e.start, 0);
    }

    #[test]
    fn zsh_typeset_dialect_refuses_other_quoting() {
        assert!(word("'a b'", Dialect::ZshTypeset).is_ok_and(|w| w.quoted));
        assert!(word("\"a\"", Dialect::ZshTypeset).is_err());
        assert!(word("a\\b", Dialect::ZshTypeset).is_err());
    }

    #[test]
    fn words_end_at_blanks_and_semicolons() {
        let mut cur = Cursor::new("ab cd", 0);
        assert_eq!(
            read_word(&mut cur, Dialect::Shell, false).map(|w| w.value),
            Ok("ab".to_string())
        );
        assert_eq!(cur.pos(), 2);
        let mut cur = Cursor::new("ab)", 0);
        assert!(read_word(&mut cur, Dialect::Shell, true).is_ok());
        assert_eq!(cur.pos(), 2);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "$", "\\", "'", "\"", "$'", "$'\\", "$'\\M-", "$'\\C-", "$'\\x", "$'\\u{", "é'",
        ] {
            let _ = word(s, Dialect::Shell);
            let _ = word(s, Dialect::ZshTypeset);
        }
    }
}
