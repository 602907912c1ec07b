//! `env` / `printenv` output and Windows `set` output (`NAME=value` lines, values verbatim,
//! a line that starts no variable continues the previous value), and `env -0` output
//! (NUL-terminated `NAME=value` records).

use super::Collector;

/// Parse `NAME=value` lines. `crlf`: the file ends its lines with `\r\n`, which is then
/// the line terminator and not part of any value.
pub(super) fn parse_lines(text: &str, crlf: bool, out: &mut Collector) {
    let mut current: Option<Record> = None;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let mut line = raw_line.strip_suffix('\n').unwrap_or(raw_line);
        if crlf {
            line = line.strip_suffix('\r').unwrap_or(line);
        }
        let end = start + line.len();
        let continues_pem = current
            .as_ref()
            .is_some_and(|r| is_open_pem(text.get(r.value_start..r.value_end).unwrap_or("")));
        match record_start(line) {
            Some(eq) if !continues_pem => {
                if let Some(r) = current.take() {
                    r.finish(text, crlf, out);
                }
                current = Some(Record {
                    name: line.get(..eq).unwrap_or("").to_string(),
                    start,
                    value_start: start + eq + 1,
                    value_end: end,
                });
            }
            _ => match current.as_mut() {
                Some(r) => r.value_end = end,
                // Blank lines before the first variable carry nothing.
                None if line.trim().is_empty() => {}
                None => out.problem(
                    start,
                    end,
                    "expected `NAME=value` (this snapshot is in `env` output format, where a \
                     line without `=` continues the previous value, but no variable comes \
                     before this line)",
                ),
            },
        }
    }
    if let Some(r) = current {
        r.finish(text, crlf, out);
    }
}

/// A variable being read: its value runs to the last continuation line.
struct Record {
    name: String,
    start: usize,
    value_start: usize,
    value_end: usize,
}

impl Record {
    fn finish(self, text: &str, crlf: bool, out: &mut Collector) {
        let raw = text.get(self.value_start..self.value_end).unwrap_or("");
        let value = if crlf {
            raw.replace("\r\n", "\n")
        } else {
            raw.to_string()
        };
        out.set(
            self.name,
            Some(value),
            self.start,
            self.value_end,
            Some((self.value_start, self.value_end)),
        );
    }
}

/// Where the `=` of a line that starts a variable is. A name starts with a letter or `_`
/// and holds no blanks or quotes; beyond that `env` prints whatever the environment holds
/// (`BASH_FUNC_f%%`, Windows' `ProgramFiles(x86)`), so the rest is not restricted.
fn record_start(line: &str) -> Option<usize> {
    let eq = line.find('=')?;
    let name = line.get(..eq)?;
    let mut chars = name.chars();
    let first = chars.next()?;
    let valid = (first.is_alphabetic() || first == '_')
        && chars.all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '"' | '\'' | '`'));
    valid.then_some(eq)
}

/// A PEM block (certificate, key) still open: its base64 lines may end in `=` and must not
/// be taken for new variables.
fn is_open_pem(value: &str) -> bool {
    match value.rfind("-----BEGIN ") {
        Some(begin) => !value.get(begin..).unwrap_or("").contains("-----END "),
        None => false,
    }
}

/// Parse `env -0` output: records end with NUL; names are whatever precedes the first `=`.
pub(super) fn parse_nul(text: &str, out: &mut Collector) {
    let mut offset = 0;
    for record in text.split('\0') {
        let start = offset;
        offset += record.len() + 1;
        if record.is_empty() {
            continue;
        }
        // A newline appended after the last record (`env -0 > f; echo >> f`) is no record.
        if offset > text.len() && record.trim().is_empty() {
            continue;
        }
        let end = start + record.len();
        match record.find('=') {
            Some(eq) if eq > 0 => out.set(
                record.get(..eq).unwrap_or("").to_string(),
                Some(record.get(eq + 1..).unwrap_or("").to_string()),
                start,
                end,
                Some((start + eq + 1, end)),
            ),
            _ => out.problem(
                start,
                end,
                "expected `NAME=value` (this snapshot is in `env -0` format: NUL-terminated \
                 records)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_starts() {
        assert_eq!(record_start("A=1"), Some(1));
        assert_eq!(record_start("ProgramFiles(x86)=C:\\x"), Some(17));
        assert_eq!(record_start("BASH_FUNC_f%%=() {"), Some(13));
        assert_eq!(record_start("  x=1"), None);
        assert_eq!(record_start("1A=1"), None);
        assert_eq!(record_start("=C:=C:\\"), None);
        assert_eq!(record_start("no equals"), None);
        assert_eq!(record_start("a b=c"), None);
    }

    #[test]
    fn pem_blocks_stay_open_until_their_end_line() {
        assert!(is_open_pem("-----BEGIN CERTIFICATE-----\nMIIB"));
        assert!(!is_open_pem("-----BEGIN X-----\nab\n-----END X-----"));
        assert!(!is_open_pem("plain"));
    }
}
