//! What counts as a secret, and how composelint hides it.
//!
//! CLI.md: values of secret-looking keys and passwords inside URLs are shown as `****` in
//! `check`, `explain` and `proxy` output (snippets included) unless `--show-secrets`.
//!
//! Three layers, from the most to the least structured:
//! * [`is_secret_key`] / [`mask_value`]: a key and its value, as the resolver knows them.
//! * [`mask_line`] / [`mask_text`]: raw source text (compose YAML, `.env`), where the key and
//!   value have to be recognised from the line's shape. [`mask_text`] also reports where it
//!   replaced text so that spans into the original stay valid in the masked copy.
//! * [`mask_message`]: free text written by rules (messages, help), where only `KEY=value`,
//!   `KEY: value` tokens and URL passwords can be recognised.
//!
//! Masking always replaces a secret with exactly [`MASK`], whatever its length, so the output
//! does not leak the secret's length either.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a secret is replaced with.
pub const MASK: &str = "****";

/// Words that make a key secret when a name segment ends with them, so they are found in
/// glued names too (`DB_PASSWORD`, `dbpassword`, `GITHUB_TOKEN`, `ghtoken`, `clientSecret`).
/// A trailing plural `S` is ignored (`CREDENTIALS`, `TOKENS`).
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "APIKEY",
    "PRIVATEKEY",
    "ACCESSKEY",
    "SECRETKEY",
    "AUTHKEY",
];

/// Short words that are secret only as a whole segment: inside a word they mean something
/// else (`PASS` in `BYPASS`, `AUTH` in `AUTHOR`, `PWD` in the shell's own `PWD`).
const SECRET_SEGMENTS: &[&str] = &["PASS", "PWD", "PW", "AUTH", "AUTHORIZATION", "CREDS", "PSK"];

/// `KEY` is secret when one of these comes right before it (`API_KEY`, `apiKey`,
/// `PRIVATE_KEY`, `AWS_SECRET_ACCESS_KEY`), but not on its own (`KEY_FILE`, `SORT_KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "API",
    "PRIVATE",
    "ACCESS",
    "AUTH",
    "SECRET",
    "ENCRYPTION",
    "SIGNING",
    "MASTER",
    "SESSION",
    "LICENSE",
    "SSH",
];

/// A secret word followed by one of these as the LAST segment names something about the
/// secret, not the secret: where it is (`POSTGRES_PASSWORD_FILE`, `TOKEN_URL`,
/// `PRIVATE_KEY_PATH`), how it behaves (`TOKEN_TTL`, `AUTH_METHOD`) or who it belongs to
/// (`AWS_ACCESS_KEY_ID`, `AUTH_USER`).
const DESCRIPTOR_SUFFIXES: &[&str] = &[
    "FILE",
    "FILES",
    "PATH",
    "DIR",
    "DIRECTORY",
    "LOCATION",
    "URL",
    "URI",
    "ENDPOINT",
    "HOST",
    "HOSTNAME",
    "PORT",
    "SERVER",
    "SERVICE",
    "PROVIDER",
    "BACKEND",
    "REALM",
    "ISSUER",
    "AUDIENCE",
    "TYPE",
    "KIND",
    "METHOD",
    "MODE",
    "SCHEME",
    "STRATEGY",
    "POLICY",
    "ALGORITHM",
    "ALG",
    "FORMAT",
    "VERSION",
    "ENABLED",
    "ENABLE",
    "DISABLED",
    "DISABLE",
    "REQUIRED",
    "LENGTH",
    "LEN",
    "MIN",
    "MAX",
    "SIZE",
    "COUNT",
    "EXPIRY",
    "EXPIRES",
    "EXPIRATION",
    "TTL",
    "TIMEOUT",
    "LIFETIME",
    "NAME",
    "ID",
    "USER",
    "USERNAME",
];

/// A secret word preceded by one of these is a switch, not a secret
/// (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`, `MYSQL_RANDOM_ROOT_PASSWORD=1`).
const FLAG_PREFIXES: &[&str] = &[
    "ALLOW", "RANDOM", "GENERATE", "SKIP", "REQUIRE", "DISABLE", "ENABLE", "USE",
];

/// True when `name` (an environment variable, YAML key or option name, any case and any of
/// `SNAKE_CASE`, `kebab-case`, `dotted.names` or `camelCase`) names a secret value.
///
/// Secret: a segment ending in a [`SECRET_WORDS`] word, a whole segment in
/// [`SECRET_SEGMENTS`], or `KEY` after a [`KEY_QUALIFIERS`] word. Not secret even then: a
/// name whose last segment describes the secret rather than holding it (`*_FILE`, `*_URL`,
/// `*_ID`... see [`DESCRIPTOR_SUFFIXES`]), switches such as `ALLOW_EMPTY_PASSWORD`, and the
/// shell's `PWD` / `OLDPWD`.
pub fn is_secret_key(name: &str) -> bool {
    let segments = name_segments(name);
    let Some(last) = segments.last() else {
        return false;
    };
    if matches!(name.to_ascii_uppercase().as_str(), "PWD" | "OLDPWD") {
        return false;
    }
    let Some(marker) = segments
        .iter()
        .position(|s| is_secret_segment(s))
        .or_else(|| {
            segments.windows(2).position(|w| {
                KEY_QUALIFIERS.contains(&w[0].as_str()) && matches!(w[1].as_str(), "KEY" | "KEYS")
            })
        })
    else {
        return false;
    };
    if segments
        .iter()
        .take(marker)
        .any(|s| FLAG_PREFIXES.contains(&s.as_str()))
    {
        return false;
    }
    let last_is_marker = marker + 1 == segments.len() || is_secret_segment(last);
    last_is_marker || !DESCRIPTOR_SUFFIXES.contains(&last.as_str())
}

fn is_secret_segment(segment: &str) -> bool {
    let singular = segment.strip_suffix('S').filter(|s| !s.is_empty());
    [Some(segment), singular]
        .into_iter()
        .flatten()
        .any(|s| SECRET_SEGMENTS.contains(&s) || SECRET_WORDS.iter().any(|w| s.ends_with(w)))
}

/// Upper-cased words of a name: split at every non-alphanumeric character and at camelCase
/// boundaries (`dbPasswordFile` → DB, PASSWORD, FILE; `APIKey` → API, KEY).
fn name_segments(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut segments = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                segments.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let camel_boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if camel_boundary && !current.is_empty() {
            segments.push(std::mem::take(&mut current));
        }
        current.extend(c.to_uppercase());
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

/// The masked form of `value` for `key`: [`MASK`] when the key is secret and the value holds
/// something (not empty, not only a `${VAR}` reference, whose name is no secret), otherwise
/// the value with any URL password masked.
pub fn mask_value(key: &str, value: &str) -> String {
    if is_secret_key(key) && value_needs_mask(value) {
        MASK.to_string()
    } else {
        mask_url_password(value)
    }
}

/// Whether a secret key's value is worth hiding: not empty, not a YAML null, not a
/// placeholder (`...`), and not just a reference to a variable (`${DB_PASSWORD}`, `$TOKEN`, `${TOKEN:?required}`), which names
/// where the secret comes from without containing it.
fn value_needs_mask(value: &str) -> bool {
    static REFERENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        compile(r"^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?\?[^}]*)?\})$")
    });
    let v = value.trim();
    let reference = REFERENCE.as_ref().is_some_and(|re| re.is_match(v));
    // `...`, `…`, `****`: a placeholder or an already masked value.
    let placeholder = v.chars().all(|c| matches!(c, '.' | '…' | '*'));
    !(placeholder || v == "~" || v == "null" || reference)
}

/// Regexes in this module are literals covered by the tests; should one ever fail to
/// compile, it matches nothing rather than panicking.
fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// Replace the password of every `scheme://user:password@host` in `s` (anywhere in longer
/// text, several per line, in comma-separated lists) and of scheme-less
/// `user:password@host` proxy values, keeping the user name and host.
pub fn mask_url_password(s: &str) -> String {
    replace_ranges(s, &url_password_ranges(s))
}

/// Mask one line of source text (compose YAML or a dotenv file): the value of a secret key
/// in `KEY: value`, `- KEY=value`, `KEY=value`, `export KEY="value"` (quotes kept, the
/// contents masked), inline `KEY=value` / `{KEY: value}` occurrences, and URL passwords.
pub fn mask_line(line: &str) -> String {
    replace_ranges(line, &line_secret_ranges(line).ranges)
}

/// Mask free text written by a rule (a message, a help text, a label): `KEY=value` and
/// `KEY: value` tokens with a secret key, and URL passwords. Unlike [`mask_line`], a value
/// ends at the first space, quote or backtick, since the text around it is prose.
pub fn mask_message(s: &str) -> String {
    let mut ranges = Vec::new();
    for line in line_spans(s) {
        let text = s.get(line.clone()).unwrap_or("");
        // In running text `name: words` is prose (`undefined secret db_password: invalid
        // compose project`): there a `:` assigns only after an upper-case variable name
        // (`API_TOKEN: abc`), while `=` always does.
        let mut local = inline_secret_ranges(text, None, false);
        local.extend(url_password_ranges(text));
        ranges.extend(
            local
                .into_iter()
                .map(|r| r.start + line.start..r.end + line.start),
        );
    }
    replace_ranges(s, &normalize(ranges))
}

/// A masked copy of a whole file plus the map from original byte offsets to offsets in the
/// copy. Spans into the original keep pointing at the same text after masking: a span that
/// covered a secret covers its [`MASK`].
///
/// Why a remapped copy rather than masking with as many `*` as the secret has characters:
/// the mask must not reveal the secret's length, and spans (in bytes) must stay on char
/// boundaries whatever the secret's characters were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaskedText {
    pub text: String,
    /// Replaced ranges, sorted: (range in the original, range of the mask in `text`).
    replaced: Vec<(Range<usize>, Range<usize>)>,
}

/// Which way an offset inside a masked secret moves: a span's start goes to the start of
/// the mask, its end to the end of the mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bias {
    Start,
    End,
}

impl MaskedText {
    /// The text unchanged (`--show-secrets`).
    pub fn unmasked(text: &str) -> Self {
        MaskedText {
            text: text.to_string(),
            replaced: Vec::new(),
        }
    }

    /// True when nothing was masked.
    pub fn is_identity(&self) -> bool {
        self.replaced.is_empty()
    }

    /// Where byte `offset` of the original is in the masked text.
    pub fn map_offset(&self, offset: usize, bias: Bias) -> usize {
        let after = self
            .replaced
            .partition_point(|(orig, _)| orig.start <= offset);
        let Some((orig, new)) = after.checked_sub(1).and_then(|i| self.replaced.get(i)) else {
            return offset;
        };
        if offset >= orig.end {
            (offset - orig.end).saturating_add(new.end)
        } else if offset == orig.start || bias == Bias::Start {
            new.start
        } else {
            new.end
        }
    }

    /// The masked-text range of the original byte range `start..end`.
    pub fn map_range(&self, start: usize, end: usize) -> Range<usize> {
        let new_start = self.map_offset(start, Bias::Start);
        let bias = if end > start { Bias::End } else { Bias::Start };
        let new_end = self.map_offset(end, bias).max(new_start);
        new_start..new_end
    }
}

/// Mask every secret of a whole file (see [`mask_line`]), including the continuation lines
/// of a secret written as a YAML block scalar (`PASSWORD: |`) or as a quoted value spanning
/// lines (`KEY="line one` / `line two"`).
pub fn mask_text(text: &str) -> MaskedText {
    let mut ranges = Vec::new();
    let mut pending: Option<Continuation> = None;
    for line in line_spans(text) {
        let content = text.get(line.clone()).unwrap_or("");
        if let Some(cont) = pending.take() {
            match continuation_range(content, cont) {
                ContinuationStep::Inside(range, next) => {
                    ranges.extend(range.map(|r| r.start + line.start..r.end + line.start));
                    pending = Some(next);
                    continue;
                }
                ContinuationStep::Closed(range) => {
                    ranges.extend(range.map(|r| r.start + line.start..r.end + line.start));
                    continue;
                }
                ContinuationStep::Ended => {}
            }
        }
        let found = line_secret_ranges(content);
        ranges.extend(
            found
                .ranges
                .into_iter()
                .map(|r| r.start + line.start..r.end + line.start),
        );
        pending = found.continuation;
    }
    let ranges = normalize(ranges);
    let mut out = String::with_capacity(text.len());
    let mut replaced = Vec::with_capacity(ranges.len());
    let mut copied_to = 0;
    for r in ranges {
        out.push_str(text.get(copied_to..r.start).unwrap_or(""));
        let start = out.len();
        out.push_str(MASK);
        replaced.push((r.clone(), start..out.len()));
        copied_to = r.end;
    }
    out.push_str(text.get(copied_to..).unwrap_or(""));
    MaskedText {
        text: out,
        replaced,
    }
}

/// The byte ranges of the lines of `text`, without their `\n` / `\r\n` terminators.
fn line_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes().get(i - 1) == Some(&b'\r') {
                i - 1
            } else {
                i
            };
            spans.push(start..end);
            start = i + 1;
        }
    }
    spans.push(start..text.len());
    spans
}

/// A secret whose value goes on past the end of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Continuation {
    /// A YAML block scalar (`|`, `>`): lines indented deeper than `indent` (or blank).
    Block { indent: usize },
    /// A quoted value not closed on its line: everything up to the closing `quote`.
    Quoted { quote: char },
}

enum ContinuationStep {
    /// The line belongs to the value; the value goes on.
    Inside(Option<Range<usize>>, Continuation),
    /// The line ends the value (a closing quote).
    Closed(Option<Range<usize>>),
    /// The value ended before this line, which is read normally.
    Ended,
}

fn continuation_range(line: &str, cont: Continuation) -> ContinuationStep {
    let indent = line.len() - line.trim_start().len();
    let content_end = line.trim_end().len();
    match cont {
        Continuation::Block { indent: parent } => {
            if line.trim().is_empty() {
                ContinuationStep::Inside(None, cont)
            } else if indent > parent {
                ContinuationStep::Inside(Some(indent..content_end), cont)
            } else {
                ContinuationStep::Ended
            }
        }
        Continuation::Quoted { quote } => match closing_quote(line, 0, quote) {
            Some(close) => ContinuationStep::Closed(non_empty(indent.min(close)..close)),
            None => ContinuationStep::Inside(non_empty(indent..content_end), cont),
        },
    }
}

fn non_empty(r: Range<usize>) -> Option<Range<usize>> {
    (r.start < r.end).then_some(r)
}

struct LineSecrets {
    ranges: Vec<Range<usize>>,
    continuation: Option<Continuation>,
}

fn line_secret_ranges(line: &str) -> LineSecrets {
    let mut ranges = Vec::new();
    let mut continuation = None;
    let structural = structural_entry(line);
    if let Some(entry) = &structural
        && is_secret_key(line.get(entry.key.clone()).unwrap_or(""))
    {
        let value = line.get(entry.value.clone()).unwrap_or("");
        if value_needs_mask(value) || entry.continuation.is_some() {
            ranges.extend(non_empty(entry.value.clone()));
            continuation = entry.continuation;
        }
    }
    // The structural key was judged above (its value may be a block scalar header that
    // the token rules of inline matching would mistake for the secret); inline matches
    // inside a masked value merge with it in `normalize`.
    let structural_key = structural.as_ref().map(|e| e.key.start);
    ranges.extend(inline_secret_ranges(line, structural_key, true));
    ranges.extend(url_password_ranges(line));
    LineSecrets {
        ranges: normalize(ranges),
        continuation,
    }
}

/// The key and value of a line shaped like a YAML mapping entry, a YAML list item
/// `- KEY=value`, or a dotenv assignment.
struct Entry {
    key: Range<usize>,
    /// The value without its quotes, trailing comment or trailing blanks.
    value: Range<usize>,
    continuation: Option<Continuation>,
}

fn structural_entry(line: &str) -> Option<Entry> {
    let bytes = line.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut i = skip_blanks(line, 0);
    let indent = i;
    let mut in_sequence = false;
    while at(i) == Some(b'-') && matches!(at(i + 1), Some(b' ' | b'\t')) {
        in_sequence = true;
        i = skip_blanks(line, i + 1);
    }
    if !in_sequence
        && let Some(rest) = line.get(i..).and_then(|r| r.strip_prefix("export"))
        && rest.starts_with([' ', '\t'])
    {
        i = skip_blanks(line, i + "export".len());
    }
    // `- "KEY=value"` or `"KEY": value`
    let outer_quote = match at(i) {
        Some(q @ (b'"' | b'\'')) => {
            i += 1;
            Some(q as char)
        }
        _ => None,
    };
    let key_start = i;
    while at(i).is_some_and(is_key_byte) {
        i += 1;
    }
    if i == key_start {
        return None;
    }
    let key = key_start..i;
    let key_quote_closed = outer_quote.is_some() && at(i) == outer_quote.map(|q| q as u8);
    if key_quote_closed {
        i += 1;
    }
    let after_key = skip_blanks(line, i);
    match at(after_key) {
        Some(b'=') if !key_quote_closed => {
            let start = skip_blanks(line, after_key + 1);
            let (value, continuation) = match outer_quote {
                // The whole item is quoted: the value ends at the item's closing quote.
                Some(q) => {
                    let end = closing_quote(line, start, q).unwrap_or(line.trim_end().len());
                    (start..end.max(start), None)
                }
                None => scalar_value(line, start, indent, false),
            };
            Some(Entry {
                key,
                value,
                continuation,
            })
        }
        Some(b':')
            if (outer_quote.is_none() || key_quote_closed)
                && at(after_key + 1).is_none_or(|b| b == b' ' || b == b'\t') =>
        {
            let mut start = skip_blanks(line, after_key + 1);
            // Anchors and tags come before the value: `PASSWORD: &pw !!str hunter2`.
            while matches!(at(start), Some(b'&' | b'!')) {
                let token_end = line
                    .get(start..)
                    .and_then(|r| r.find([' ', '\t']))
                    .map_or(line.len(), |n| start + n);
                start = skip_blanks(line, token_end);
            }
            match at(start) {
                // Collections and aliases hold no scalar here; inline scanning looks inside.
                Some(b'[' | b'{' | b'*') => None,
                _ => {
                    let (value, continuation) = scalar_value(line, start, key.start, true);
                    Some(Entry {
                        key,
                        value,
                        continuation,
                    })
                }
            }
        }
        _ => None,
    }
}

/// The value starting at byte `start`: quoted (contents only), a YAML block scalar header
/// (the value is on the following lines), or plain (up to a ` #` comment).
fn scalar_value(
    line: &str,
    start: usize,
    indent: usize,
    yaml: bool,
) -> (Range<usize>, Option<Continuation>) {
    let bytes = line.as_bytes();
    match bytes.get(start).copied() {
        Some(q @ (b'"' | b'\'')) => {
            let inner = start + 1;
            match closing_quote(line, inner, q as char) {
                Some(end) => (inner..end, None),
                None => (
                    inner..line.trim_end().len().max(inner),
                    Some(Continuation::Quoted { quote: q as char }),
                ),
            }
        }
        Some(b'|' | b'>') if yaml => {
            let header_ok = line
                .get(start + 1..)
                .unwrap_or("")
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .chars()
                .all(|c| matches!(c, '+' | '-' | '1'..='9'));
            if header_ok {
                (start..start, Some(Continuation::Block { indent }))
            } else {
                (start..plain_end(line, start), None)
            }
        }
        _ => (start..plain_end(line, start), None),
    }
}

/// End of an unquoted value: before a ` #` comment and trailing blanks.
fn plain_end(line: &str, start: usize) -> usize {
    let rest = line.get(start..).unwrap_or("");
    let mut end = rest.len();
    let mut prev_blank = false;
    for (i, c) in rest.char_indices() {
        if c == '#' && prev_blank {
            end = i;
            break;
        }
        prev_blank = c == ' ' || c == '\t';
    }
    start + rest.get(..end).unwrap_or("").trim_end().len()
}

/// The byte index of the quote closing a value opened before `from` (a backslash escapes in
/// double quotes; `''` is an escaped quote in single quotes).
fn closing_quote(line: &str, from: usize, quote: char) -> Option<usize> {
    let rest = line.get(from..)?;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                continue;
            }
            return Some(from + i);
        }
    }
    None
}

fn skip_blanks(line: &str, from: usize) -> usize {
    let bytes = line.as_bytes();
    let mut i = from;
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// `KEY=value` and `KEY: value` anywhere in `text` (command-line options `--password=x`,
/// query strings `?token=x`, flow mappings `{PASSWORD: x}`), except the key starting at
/// `skip_key`.
fn inline_secret_ranges(
    text: &str,
    skip_key: Option<usize>,
    colon_assigns: bool,
) -> Vec<Range<usize>> {
    static ASSIGNMENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
        compile(r#"(?:^|[^A-Za-z0-9_.\-])(-{0,2}[A-Za-z_][A-Za-z0-9_.\-]*)["'`]?(=|:[ \t]+)"#)
    });
    let mut ranges = Vec::new();
    let Some(assignment) = ASSIGNMENT.as_ref() else {
        return ranges;
    };
    for caps in assignment.captures_iter(text) {
        let (Some(key), Some(sep)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if skip_key == Some(key.start()) || !is_secret_key(key.as_str()) {
            continue;
        }
        if !colon_assigns && sep.as_str() != "=" && key.as_str().chars().any(|c| c.is_lowercase()) {
            continue;
        }
        // The last component of a path (`stat /srv/app/secrets.env: no such file`) is a
        // file name in a message, not a key.
        if key.start() > 0 && text.get(key.start() - 1..key.start()) == Some("/") {
            continue;
        }
        let start = sep.end();
        let value = token_value(text, start);
        if value_needs_mask(text.get(value.clone()).unwrap_or("")) {
            ranges.extend(non_empty(value));
        }
    }
    ranges
}

/// A value inside running text: quoted (contents), or up to a blank, a quote, a backtick or
/// a list / query separator.
fn token_value(text: &str, start: usize) -> Range<usize> {
    let rest = text.get(start..).unwrap_or("");
    if let Some(q) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    {
        let inner = start + 1;
        let end = if q == '`' {
            rest.get(1..)
                .and_then(|r| r.find('`'))
                .map_or(text.len(), |n| inner + n)
        } else {
            closing_quote(text, inner, q).unwrap_or(text.len())
        };
        return inner..end.max(inner);
    }
    // A collection (`secrets: [db_password]`) is structure, not a secret value.
    if rest.starts_with(['[', '{']) {
        return start..start;
    }
    // `${...}` is one unit: its braces are not the end of a flow mapping.
    let mut depth = 0usize;
    let mut prev = '\0';
    let mut len = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '{' if prev == '$' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if c.is_whitespace()
                || matches!(c, '"' | '\'' | '`' | ',' | ';' | '&' | '}' | ']' | ')') =>
            {
                len = i;
                break;
            }
            _ => {}
        }
        prev = c;
    }
    start..start + len
}

/// The password parts of URLs with credentials in `text`.
fn url_password_ranges(text: &str) -> Vec<Range<usize>> {
    // With a scheme: the authority runs to the first `/ ? #`, blank, quote or comma; the
    // user information ends at its last `@` (an unencoded `@` in a password is common).
    static WITH_SCHEME: LazyLock<Option<Regex>> =
        LazyLock::new(|| compile(r#"[A-Za-z][A-Za-z0-9+.\-]*://([^\s/?#"'`<>,]*)"#));
    // Without a scheme (`HTTP_PROXY=user:pass@proxy:3128`): only at a token start, and not
    // an image digest (`nginx:1.27@sha256:…`).
    static WITHOUT_SCHEME: LazyLock<Option<Regex>> = LazyLock::new(|| {
        compile(
            r#"(?:^|[\s="'`,;(\[{])[A-Za-z0-9._~%!$&*+\-]+:([^\s@/"'`,:]+)@([A-Za-z0-9][A-Za-z0-9.\-]*)(:[0-9A-Za-z]*)?"#,
        )
    });
    let mut ranges = Vec::new();
    let (Some(with_scheme), Some(without_scheme)) = (WITH_SCHEME.as_ref(), WITHOUT_SCHEME.as_ref())
    else {
        return ranges;
    };
    for caps in with_scheme.captures_iter(text) {
        let Some(authority) = caps.get(1) else {
            continue;
        };
        let auth = authority.as_str();
        let Some(at) = auth.rfind('@') else {
            continue;
        };
        let userinfo = auth.get(..at).unwrap_or("");
        if let Some(colon) = userinfo.find(':') {
            let password = userinfo.get(colon + 1..).unwrap_or("");
            if value_needs_mask(password) {
                ranges.push(authority.start() + colon + 1..authority.start() + at);
            }
        }
    }
    for caps in without_scheme.captures_iter(text) {
        let (Some(password), Some(host)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let digest = caps.get(3).is_some_and(|port| {
            port.as_str().len() > 16 && host.as_str().to_ascii_lowercase().starts_with("sha")
        });
        let inside_url = ranges
            .iter()
            .any(|r| r.start <= password.start() && password.start() < r.end)
            || text.get(..password.start()).is_some_and(|before| {
                before
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|t| t.contains("://"))
            });
        if !digest && !inside_url && value_needs_mask(password.as_str()) {
            ranges.push(password.range());
        }
    }
    ranges
}

/// Sort, drop empty ranges, merge overlapping ones.
fn normalize(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// `s` with each (sorted, disjoint) range replaced by [`MASK`].
fn replace_ranges(s: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied_to = 0;
    for r in ranges {
        if r.start < copied_to || s.get(r.clone()).is_none() {
            continue;
        }
        out.push_str(s.get(copied_to..r.start).unwrap_or(""));
        out.push_str(MASK);
        copied_to = r.end;
    }
    out.push_str(s.get(copied_to..).unwrap_or(""));
    out
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn a_file_name_in_an_error_message_is_not_a_key() {
        let m = "env file /srv/app/secrets.env not found: stat /srv/app/secrets.env: no such file or directory";
        assert_eq!(mask_message(m), m);
        let undefined =
            "service \"db\" refers to undefined secret db_password: invalid compose project";
        assert_eq!(mask_message(undefined), undefined);
        assert_eq!(
            mask_message("DB_PASSWORD=hunter2 leaked"),
            "DB_PASSWORD=**** leaked"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pattern_matches_nothing_instead_of_panicking() {
        // The module's own patterns are exercised by every test below.
        assert!(compile("(").is_none());
    }

    #[test]
    fn secret_keys_in_every_naming_style() {
        for key in [
            "PASSWORD",
            "DB_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "dbPassword",
            "spring.datasource.password",
            "db-passwd",
            "GITHUB_TOKEN",
            "ghtoken",
            "HF_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "JWT_SECRET",
            "clientSecret",
            "SECRET_KEY_BASE",
            "API_KEY",
            "apiKey",
            "X-API-KEY",
            "APIKEY",
            "STRIPE_PRIVATE_KEY",
            "MINIO_ACCESS_KEY",
            "GOOGLE_APPLICATION_CREDENTIALS_JSON",
            "REGISTRY_CREDENTIALS",
            "SMTP_PASS",
            "DB_PWD",
            "BASIC_AUTH",
            "npm_config__auth",
            "HTTP_AUTHORIZATION",
            "DOCKER_AUTH_CONFIG",
            "ENCRYPTION_KEY",
            "SSH_PRIVATE_KEY",
            "PRIVATE_KEY_PASSWORD",
        ] {
            assert!(is_secret_key(key), "{key} should be secret");
        }
    }

    #[test]
    fn names_about_a_secret_are_not_secret() {
        for key in [
            "",
            "PWD",
            "OLDPWD",
            "POSTGRES_PASSWORD_FILE",
            "GF_SECURITY_ADMIN_PASSWORD__FILE",
            "DB_SECRET_FILE",
            "dbPasswordFile",
            "TOKEN_URL",
            "OAUTH_TOKEN_ENDPOINT",
            "PRIVATE_KEY_PATH",
            "SECRETS_DIR",
            "AWS_ACCESS_KEY_ID",
            "TOKEN_TTL",
            "AUTH_METHOD",
            "AUTH_USER",
            "SECRET_NAME",
            "MYSQL_ALLOW_EMPTY_PASSWORD",
            "MYSQL_RANDOM_ROOT_PASSWORD",
            "TOKENIZERS_PARALLELISM",
            "AUTHOR",
            "BYPASS",
            "PASSTHROUGH",
            "KEY_FILE",
            "SORT_KEY",
            "OAUTH_CLIENT_ID",
            "HTTP_PROXY",
            "COMPOSE_PROJECT_NAME",
        ] {
            assert!(!is_secret_key(key), "{key} should not be secret");
        }
    }

    #[test]
    fn segments_split_camel_case_and_acronyms() {
        assert_eq!(name_segments("APIKey"), ["API", "KEY"]);
        assert_eq!(name_segments("dbPasswordFile"), ["DB", "PASSWORD", "FILE"]);
        assert_eq!(name_segments("x__y.z-w"), ["X", "Y", "Z", "W"]);
        assert_eq!(name_segments("oauth2Token"), ["OAUTH2", "TOKEN"]);
    }

    #[test]
    fn values_are_masked_unless_empty_or_a_reference() {
        assert_eq!(mask_value("DB_PASSWORD", "hunter2"), "****");
        assert_eq!(mask_value("DB_PASSWORD", ""), "");
        assert_eq!(mask_value("DB_PASSWORD", "..."), "...");
        assert_eq!(
            mask_value("DB_PASSWORD", "${DB_PASSWORD}"),
            "${DB_PASSWORD}"
        );
        assert_eq!(mask_value("DB_PASSWORD", "$DB_PASSWORD"), "$DB_PASSWORD");
        assert_eq!(mask_value("DB_PASSWORD", "${X:?set it}"), "${X:?set it}");
        assert_eq!(mask_value("DB_PASSWORD", "${X:-default}"), "****");
        assert_eq!(mask_value("HOST", "db"), "db");
        assert_eq!(
            mask_value("HTTP_PROXY", "http://u:p@proxy:3128"),
            "http://u:****@proxy:3128"
        );
    }

    #[test]
    fn url_passwords_are_masked_anywhere() {
        assert_eq!(
            mask_url_password("http://user:pa:ss@host"),
            "http://user:****@host"
        );
        assert_eq!(
            mask_url_password("proxy is https://bob:s3cr3t@proxy.corp:8080/path, retry"),
            "proxy is https://bob:****@proxy.corp:8080/path, retry"
        );
        assert_eq!(
            mask_url_password("http://a:1@h1,socks5://b:2@h2"),
            "http://a:****@h1,socks5://b:****@h2"
        );
        assert_eq!(
            mask_url_password("http://u:p@ss@host/x"),
            "http://u:****@host/x"
        );
        assert_eq!(mask_url_password("http://:tok@host"), "http://:****@host");
        assert_eq!(
            mask_url_password("user:pass@proxy:3128"),
            "user:****@proxy:3128"
        );
        assert_eq!(
            mask_url_password("HTTPS_PROXY=user:pass@proxy"),
            "HTTPS_PROXY=user:****@proxy"
        );
    }

    #[test]
    fn urls_without_passwords_are_untouched() {
        for s in [
            "http://user@host",
            "http://user:@host",
            "http://host:8080/a@b",
            "git@github.com:org/repo.git",
            "image: nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef",
            "a:b c@d",
            "http://u:${PROXY_PASSWORD}@h",
        ] {
            assert_eq!(mask_url_password(s), s, "{s}");
        }
    }

    #[test]
    fn lines_in_yaml_and_dotenv_shapes() {
        let cases = [
            ("DB_PASSWORD=hunter2", "DB_PASSWORD=****"),
            (
                "export API_TOKEN='abc def' # note",
                "export API_TOKEN='****' # note",
            ),
            ("SECRET_KEY=\"a\\\"b\"", "SECRET_KEY=\"****\""),
            ("  DB_PASSWORD: hunter2", "  DB_PASSWORD: ****"),
            (
                "  DB_PASSWORD: hunter2 # rotate",
                "  DB_PASSWORD: **** # rotate",
            ),
            ("  DB_PASSWORD: \"hunter2\"", "  DB_PASSWORD: \"****\""),
            ("  \"DB_PASSWORD\": 'x'", "  \"DB_PASSWORD\": '****'"),
            ("  DB_PASSWORD: &pw hunter2", "  DB_PASSWORD: &pw ****"),
            ("      - DB_PASSWORD=hunter2", "      - DB_PASSWORD=****"),
            (
                "      - \"DB_PASSWORD=hunter 2\"",
                "      - \"DB_PASSWORD=****\"",
            ),
            ("  - API_KEY: k", "  - API_KEY: ****"),
            (
                "    environment: {API_KEY: k1, USER: bob}",
                "    environment: {API_KEY: ****, USER: bob}",
            ),
            (
                "    command: [\"--password=p\", \"--user=u\"]",
                "    command: [\"--password=****\", \"--user=u\"]",
            ),
            (
                "    command: run --db-password=x --verbose",
                "    command: run --db-password=**** --verbose",
            ),
            (
                "    healthcheck: curl http://h/?token=abc&x=1",
                "    healthcheck: curl http://h/?token=****&x=1",
            ),
            (
                "  HTTP_PROXY: http://u:p@proxy:3128",
                "  HTTP_PROXY: http://u:****@proxy:3128",
            ),
            ("DB_PASSWORD=${DB_PASSWORD}", "DB_PASSWORD=${DB_PASSWORD}"),
            ("DB_PASSWORD=", "DB_PASSWORD="),
            ("  DB_PASSWORD:", "  DB_PASSWORD:"),
            ("  secrets: [db_password]", "  secrets: [db_password]"),
            (
                "  POSTGRES_PASSWORD_FILE: /run/secrets/db",
                "  POSTGRES_PASSWORD_FILE: /run/secrets/db",
            ),
            ("  image: nginx:1.27", "  image: nginx:1.27"),
            ("# DB_PASSWORD=old", "# DB_PASSWORD=****"),
            ("PASSWORD=pässwörd", "PASSWORD=****"),
        ];
        for (line, expected) in cases {
            assert_eq!(mask_line(line), expected, "{line}");
        }
    }

    #[test]
    fn messages_mask_tokens_not_prose() {
        assert_eq!(
            mask_message("`DB_PASSWORD=hunter2` is hard-coded in compose.yaml"),
            "`DB_PASSWORD=****` is hard-coded in compose.yaml"
        );
        assert_eq!(
            mask_message("API_TOKEN: abc is set twice"),
            "API_TOKEN: **** is set twice"
        );
        assert_eq!(
            mask_message("proxy http://u:p@h:1 has credentials"),
            "proxy http://u:****@h:1 has credentials"
        );
        assert_eq!(
            mask_message("`DB_PASSWORD` has a literal value"),
            "`DB_PASSWORD` has a literal value"
        );
    }

    #[test]
    fn block_scalars_and_multi_line_quotes_are_masked_to_their_end() {
        let text = "x:\n  KEY: |\n    line1\n\n    line2\n  NEXT: v\nPASSWORD: |-\n  s1\n  s2\nother: 1\nTOKEN=\"a\nb\" # c\nUSER=u\n";
        let masked = mask_text(text);
        assert_eq!(
            masked.text,
            "x:\n  KEY: |\n    line1\n\n    line2\n  NEXT: v\nPASSWORD: |-\n  ****\n  ****\nother: 1\nTOKEN=\"****\n****\" # c\nUSER=u\n"
        );
    }

    #[test]
    fn offsets_map_into_the_masked_copy() {
        let text = "A=1\nDB_PASSWORD=hunter2\nB=2\n";
        let masked = mask_text(text);
        assert_eq!(masked.text, "A=1\nDB_PASSWORD=****\nB=2\n");
        let value = text.find("hunter2").unwrap_or(0);
        let b = text.find("B=2").unwrap_or(0);
        // A span over the value covers the mask.
        assert_eq!(masked.map_range(value, value + 7), 16..20);
        // A span inside the value covers the whole mask.
        assert_eq!(masked.map_range(value + 2, value + 4), 16..20);
        // Offsets before and after shift correctly.
        assert_eq!(masked.map_offset(0, Bias::Start), 0);
        assert_eq!(masked.map_offset(b, Bias::Start), b - 3);
        assert_eq!(&masked.text[masked.map_range(b, b + 3)], "B=2");
        // An empty span inside the value stays empty, at the mask's start.
        assert_eq!(masked.map_range(value + 3, value + 3), 16..16);
        // Past the end stays past the end.
        assert_eq!(
            masked.map_offset(text.len() + 5, Bias::End),
            masked.text.len() + 5
        );
    }

    #[test]
    fn unmasked_text_is_the_identity() {
        let m = MaskedText::unmasked("PASSWORD=x");
        assert!(m.is_identity());
        assert_eq!(m.map_range(9, 10), 9..10);
    }

    #[test]
    fn crlf_lines_keep_their_terminators() {
        let masked = mask_text("TOKEN=abc\r\nX=1\r\n");
        assert_eq!(masked.text, "TOKEN=****\r\nX=1\r\n");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Text built from the pieces the scanners react to, so secrets actually occur.
        fn source_text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("DB_PASSWORD".to_string()),
                Just("TOKEN".to_string()),
                Just("export ".to_string()),
                Just("- ".to_string()),
                Just(": ".to_string()),
                Just("=".to_string()),
                Just("|".to_string()),
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("http://u:p@h".to_string()),
                Just("${X}".to_string()),
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("  ".to_string()),
                Just("é😀".to_string()),
                "[a-z#@:/{}\\[\\], ]{0,4}",
            ];
            prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn mapped_spans_stay_valid(text in source_text(), a in 0usize..200, b in 0usize..200) {
                let masked = mask_text(&text);
                let floor = |mut i: usize| {
                    i = i.min(text.len());
                    while !text.is_char_boundary(i) { i -= 1; }
                    i
                };
                let (start, end) = (floor(a.min(b)), floor(a.max(b)));
                let range = masked.map_range(start, end);
                prop_assert!(range.start <= range.end && range.end <= masked.text.len());
                prop_assert!(masked.text.is_char_boundary(range.start));
                prop_assert!(masked.text.is_char_boundary(range.end));
                let touches_secret = masked
                    .replaced
                    .iter()
                    .any(|(orig, _)| orig.start < end.max(start + 1) && start < orig.end);
                if !touches_secret {
                    prop_assert_eq!(&masked.text[range], &text[start..end]);
                }
            }

            #[test]
            fn masking_never_panics_and_is_stable(text in source_text()) {
                let once = mask_text(&text).text;
                prop_assert_eq!(mask_text(&once).text, once.clone());
                let _ = mask_message(&text);
                for line in text.lines() {
                    let _ = mask_line(line);
                }
            }
        }
    }
}
