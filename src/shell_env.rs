//! The deploy shell's environment: a snapshot file (`--shell-env`) or this process's own
//! environment (`--inherit-env`). Without either the shell is empty, so runs are
//! reproducible (CLI.md §Resolution).
//!
//! A snapshot's format is detected per file ([`parse_snapshot`]): NUL bytes mean `env -0`;
//! a first statement `declare`, `typeset` or `export` means `export -p` output; bare
//! `NAME=value` lines in zsh's quoting mean zsh's `typeset -x` listing; anything else is
//! `env` output, or Windows `set` output when Windows' own variables (`ComSpec`,
//! `SystemRoot`, `windir`) are in it.

mod env_lines;
mod export;
mod word;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, MAX_FILE_BYTES, SourceMap, Span};
use indexmap::IndexMap;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotFormat {
    /// `env` / `printenv` output: `KEY=value`, a line without `=` continues the value.
    Env,
    /// `env -0`: NUL-separated `KEY=value` records.
    EnvNul,
    /// `export -p` / `declare -x` (bash, dash, zsh quoting).
    Export,
    /// Windows `set` output.
    WindowsSet,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellOrigin {
    /// A snapshot line: `span` covers the whole record, `value_span` the value as written.
    Snapshot {
        span: Span,
        value_span: Option<Span>,
    },
    /// This process's environment (`--inherit-env`).
    Inherited,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellVar {
    /// None: exported but unset (`declare -x FOO`), which Compose never sees.
    pub value: Option<String>,
    pub origin: ShellOrigin,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellEnv {
    pub vars: IndexMap<String, ShellVar>,
}

impl ShellEnv {
    /// The value Compose would see (None when absent or declared without a value).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).and_then(|v| v.value.as_deref())
    }

    /// The value for `name` the way Compose looks it up on Windows (compose-go's
    /// `LookupEnv` when `isCaseInsensitiveEnvVars`): the exact name first, else the first
    /// name equal ignoring ASCII case. Use it for [`SnapshotFormat::WindowsSet`] snapshots.
    pub fn get_ignore_ascii_case(&self, name: &str) -> Option<&str> {
        if let Some(v) = self.vars.get(name) {
            return v.value.as_deref();
        }
        self.vars
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.value.as_deref())
    }

    /// `--inherit-env`: this process's environment (non-UTF-8 entries are skipped).
    pub fn from_process() -> ShellEnv {
        let mut vars = IndexMap::new();
        for (k, v) in std::env::vars_os() {
            if let (Ok(k), Ok(v)) = (k.into_string(), v.into_string()) {
                vars.insert(
                    k,
                    ShellVar {
                        value: Some(v),
                        origin: ShellOrigin::Inherited,
                    },
                );
            }
        }
        ShellEnv { vars }
    }

    /// Overlay `top` on `self`: `top` wins where both define a variable.
    pub fn overlaid_with(mut self, top: ShellEnv) -> ShellEnv {
        for (k, v) in top.vars {
            self.vars.insert(k, v);
        }
        self
    }
}

/// A snapshot record that fits no format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotProblem {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub format: SnapshotFormat,
    pub env: ShellEnv,
    pub problems: Vec<SnapshotProblem>,
}

impl Snapshot {
    /// True when names are case-insensitive, as on Windows: look variables up with
    /// [`ShellEnv::get_ignore_ascii_case`].
    pub fn case_insensitive_names(&self) -> bool {
        self.format == SnapshotFormat::WindowsSet
    }

    /// One `shell-snapshot-syntax` finding per problem.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.problems
            .iter()
            .map(|p| {
                Diagnostic::new(
                    "shell-snapshot-syntax",
                    Severity::Error,
                    p.span,
                    p.message.clone(),
                )
                .with_help(
                    "write the snapshot with `env -0 > FILE` (exact for every value), `env`, \
                     `export -p` (bash, dash, zsh) or Windows `set`",
                )
            })
            .collect()
    }
}

/// Parse a snapshot, detecting its format. Never panics.
pub fn parse_snapshot(file: FileId, text: &str) -> Snapshot {
    let mut out = Collector::new(file);
    let format = if text.contains('\0') {
        env_lines::parse_nul(text, &mut out);
        SnapshotFormat::EnvNul
    } else if first_statement(text).is_some_and(export::starts_with_keyword) {
        export::parse(text, export::Style::Keyword, &mut out);
        SnapshotFormat::Export
    } else if let Some(zsh) = zsh_typeset_listing(file, text) {
        out = zsh;
        SnapshotFormat::Export
    } else {
        env_lines::parse_lines(text, uses_crlf(text), &mut out);
        if has_windows_variables(&out.env) {
            SnapshotFormat::WindowsSet
        } else {
            SnapshotFormat::Env
        }
    };
    Snapshot {
        format,
        env: out.env,
        problems: out.problems,
    }
}

/// The first line that is neither blank nor a `#` comment, trimmed.
fn first_statement(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// zsh's `typeset -x` prints `NAME=value` lines quoted only with `'...'` and `$'...'`. It
/// is taken for that listing only when every line reads cleanly that way and at least one
/// value is quoted; otherwise the lines are `env` output, values verbatim.
fn zsh_typeset_listing(file: FileId, text: &str) -> Option<Collector> {
    // zsh quotes every value holding a character the shell would read specially, so an
    // unquoted value with a blank, `#`, `$`, a quote or a backslash means `env` output,
    // whose values are verbatim (`B='x'` there is a value with quotes in it).
    let zsh_safe = |c: char| c.is_alphanumeric() || "_./:,+@%=-".contains(c);
    for line in text.lines() {
        let Some((_, value)) = line.split_once('=') else {
            continue;
        };
        if !value.starts_with('\'') && !value.starts_with("$'") && !value.chars().all(zsh_safe) {
            return None;
        }
    }
    let mut trial = Collector::new(file);
    export::parse(text, export::Style::Bare, &mut trial);
    (trial.problems.is_empty() && trial.quoted_values && !trial.env.vars.is_empty())
        .then_some(trial)
}

/// Every line ends with `\r\n`.
fn uses_crlf(text: &str) -> bool {
    let newlines = text.matches('\n').count();
    newlines > 0 && text.matches("\r\n").count() == newlines
}

/// Windows always defines these; `env` output from a Unix shell does not.
fn has_windows_variables(env: &ShellEnv) -> bool {
    env.vars.keys().any(|k| {
        ["COMSPEC", "SYSTEMROOT", "WINDIR"]
            .iter()
            .any(|w| k.eq_ignore_ascii_case(w))
    }) || env.get_ignore_ascii_case("OS") == Some("Windows_NT")
}

/// Variables and problems as the format parsers find them.
pub(crate) struct Collector {
    file: FileId,
    env: ShellEnv,
    problems: Vec<SnapshotProblem>,
    /// Whether any value used shell quoting (tells zsh's listing from `env` output).
    quoted_values: bool,
}

impl Collector {
    fn new(file: FileId) -> Self {
        Collector {
            file,
            env: ShellEnv::default(),
            problems: Vec::new(),
            quoted_values: false,
        }
    }

    /// Record a variable; a later record of the same name wins, as it would in the shell.
    fn set(
        &mut self,
        name: String,
        value: Option<String>,
        start: usize,
        end: usize,
        value_span: Option<(usize, usize)>,
    ) {
        let origin = ShellOrigin::Snapshot {
            span: Span::new(self.file, start, end),
            value_span: value_span.map(|(s, e)| Span::new(self.file, s, e)),
        };
        self.env.vars.insert(name, ShellVar { value, origin });
    }

    fn problem(&mut self, start: usize, end: usize, message: impl Into<String>) {
        self.problems.push(SnapshotProblem {
            span: Span::new(self.file, start, end),
            message: message.into(),
        });
    }
}

/// A snapshot file as loaded: its id in the source map, and the parse when the file could
/// be read.
#[derive(Debug)]
pub struct LoadedSnapshot {
    pub file: FileId,
    /// None when the file could not be used; the source map holds its `load_error`.
    pub snapshot: Option<Snapshot>,
}

/// Read and parse the snapshot at `path` (absolute), registering it in `sources`.
///
/// `env -0` output is full of NUL bytes, which [`SourceMap::load`] takes for a binary file;
/// so a snapshot that is valid UTF-8 is registered as it is, NULs included. Anything else
/// (missing, too large, not UTF-8) goes through [`SourceMap::load`], which records why.
pub fn load_snapshot(sources: &mut SourceMap, path: &Path) -> LoadedSnapshot {
    if let Some(file) = sources.find(path) {
        let f = sources.get(file);
        let snapshot = f.is_readable().then(|| parse_snapshot(file, &f.text));
        return LoadedSnapshot { file, snapshot };
    }
    if let Some(text) = read_utf8(path) {
        let display = sources.display_name(path);
        let file = sources.add_virtual(path, &display, text);
        let snapshot = Some(parse_snapshot(file, &sources.get(file).text));
        return LoadedSnapshot { file, snapshot };
    }
    let file = sources.load(path);
    let f = sources.get(file);
    let snapshot = f.is_readable().then(|| parse_snapshot(file, &f.text));
    LoadedSnapshot { file, snapshot }
}

/// The file's text when it is a regular file within the size limit and valid UTF-8.
fn read_utf8(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests;
