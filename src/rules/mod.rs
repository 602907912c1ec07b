//! The rule registry: one declarative table lists every rule with its name, category,
//! default severity, whether it runs by default, whether it can fix, and its documentation
//! page (`rules/<name>.md`, embedded). Rules are pure functions over a [`Context`]; they
//! never read files or the process environment.

mod dotenv_syntax;
mod obsolete_version;
mod yaml_duplicate_key;
mod yaml_syntax;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dotenv::DotenvFile;
use crate::source::{FileId, SourceMap};
use crate::yaml::YamlFile;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Variables,
    Proxy,
    Network,
    Security,
    Dotenv,
    Compose,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Syntax,
        Category::Variables,
        Category::Proxy,
        Category::Network,
        Category::Security,
        Category::Dotenv,
        Category::Compose,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Variables => "variables",
            Category::Proxy => "proxy",
            Category::Network => "network",
            Category::Security => "security",
            Category::Dotenv => "dotenv",
            Category::Compose => "compose",
        }
    }
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Safe,
    Unsafe,
}

/// Everything rules may look at.
pub struct Context<'a> {
    pub sources: &'a SourceMap,
    /// Every YAML file that was parsed (compose files and files they reach).
    pub yaml: &'a BTreeMap<FileId, YamlFile>,
    /// Every dotenv-dialect file that was parsed (`.env`, env_files, `--env-file`).
    pub dotenv: &'a BTreeMap<FileId, DotenvFile>,
    /// The projects that loaded, resolved as Compose would resolve them.
    pub projects: &'a [crate::project::Project],
}

pub type CheckFn = fn(&Context<'_>, &mut Vec<Diagnostic>);

pub struct RuleMeta {
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub default_enabled: bool,
    pub fix: FixAvailability,
    /// One line: what it flags.
    pub summary: &'static str,
    /// The rule's page, `rules/<name>.md`.
    pub doc: &'static str,
    /// None for tool diagnostics emitted by the pipeline itself (io-error...).
    pub check: Option<CheckFn>,
}

macro_rules! rule {
    ($name:literal, $cat:ident, $sev:ident, $enabled:expr, $fix:ident, $summary:literal, $check:expr) => {
        RuleMeta {
            name: $name,
            category: Category::$cat,
            severity: Severity::$sev,
            default_enabled: $enabled,
            fix: FixAvailability::$fix,
            summary: $summary,
            doc: include_str!(concat!("../../rules/", $name, ".md")),
            check: $check,
        }
    };
}

/// Every rule composelint knows, in a stable order.
pub static RULES: &[RuleMeta] = &[
    rule!(
        "io-error",
        Syntax,
        Error,
        true,
        None,
        "an input that could not be read (missing, a directory, not UTF-8, binary, too large)",
        None
    ),
    rule!(
        "settings-error",
        Syntax,
        Error,
        true,
        None,
        "a composelint settings file or command-line setting that is invalid",
        None
    ),
    rule!(
        "shell-snapshot-syntax",
        Syntax,
        Error,
        true,
        None,
        "a line of the --shell-env snapshot that fits no known format",
        None
    ),
    rule!(
        "compose-load-error",
        Compose,
        Error,
        true,
        None,
        "a project Docker Compose refuses to load (its message, at the offending value)",
        None
    ),
    rule!(
        "yaml-syntax",
        Syntax,
        Error,
        true,
        None,
        "YAML that does not parse",
        Some(yaml_syntax::check)
    ),
    rule!(
        "yaml-duplicate-key",
        Syntax,
        Error,
        true,
        None,
        "a mapping key defined twice (Compose refuses the file)",
        Some(yaml_duplicate_key::check)
    ),
    rule!(
        "dotenv-syntax",
        Syntax,
        Error,
        true,
        None,
        "a .env / env_file line Compose rejects",
        Some(dotenv_syntax::check)
    ),
    rule!(
        "obsolete-version",
        Compose,
        Info,
        true,
        Safe,
        "the top-level `version:` key, which Compose ignores with a warning",
        Some(obsolete_version::check)
    ),
];

pub fn find(name: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.name == name)
}

/// Run every enabled rule that has a check function.
pub fn run(ctx: &Context<'_>, enabled: &dyn Fn(&RuleMeta) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Some(check) = rule.check
            && enabled(rule)
        {
            check(ctx, &mut out);
        }
    }
    out
}
