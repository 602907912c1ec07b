//! The deploy shell's environment: a snapshot file (`--shell-env`) or this process's own
//! environment (`--inherit-env`). Without either the shell is empty, so runs are
//! reproducible (CLI.md §Resolution).

use crate::source::{FileId, Span};
use indexmap::IndexMap;

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

/// Parse a snapshot, detecting its format. Never panics.
pub fn parse_snapshot(file: FileId, text: &str) -> Snapshot {
    let _ = (file, text);
    Snapshot {
        format: SnapshotFormat::Env,
        env: ShellEnv::default(),
        problems: Vec::new(),
    }
}
