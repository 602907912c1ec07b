//! composelint's settings file (`composelint.toml` / `.composelint.toml`, or `--settings
//! FILE`). Command-line flags override it. Unknown keys and bad values are errors
//! (`settings-error`, exit code 2): a misspelt setting that silently does nothing is worse
//! than a refusal.

use crate::diagnostic::Severity;
use crate::rules::{self, Category};
use crate::source::{FileId, SourceMap, Span};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Names looked for in the current directory and its ancestors.
pub const SETTINGS_FILE_NAMES: [&str; 2] = ["composelint.toml", ".composelint.toml"];

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Lowest severity that makes the exit code 1: "error", "warning" or "info".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub select: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_select: Vec<String>,
    /// Variables the deploy environment provides with values unknown here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assume_set: Vec<String>,
    /// Globs of paths the walk skips.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Per-rule options, e.g. `[rules.obsolete-version] severity = "warning"`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rules: IndexMap<String, RuleSettings>,
    /// Overlay sets: files that form one project (`docker compose -f a -f b`).
    #[serde(default, rename = "project", skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectSettings>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSettings {
    /// Replace the rule's default severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectSettings {
    /// Compose files, relative to the settings file's directory, in `-f` order.
    pub files: Vec<PathBuf>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env_files: Vec<PathBuf>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
}

/// A settings problem with its place in the settings file (when known).
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsError {
    pub file: Option<FileId>,
    pub span: Option<Span>,
    pub message: String,
}

/// Settings as loaded, with the file they came from.
#[derive(Clone, Debug, Default)]
pub struct LoadedSettings {
    pub settings: Settings,
    pub file: Option<FileId>,
    pub dir: Option<PathBuf>,
}

/// Find the settings file: `explicit` if given, else the first of
/// [`SETTINGS_FILE_NAMES`] in `cwd` or an ancestor.
pub fn locate(explicit: Option<&Path>, cwd: &Path) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        });
    }
    for dir in cwd.ancestors() {
        for name in SETTINGS_FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Load and validate the settings file at `path`.
pub fn load(path: &Path, sources: &mut SourceMap) -> Result<LoadedSettings, SettingsError> {
    let id = sources.load(path);
    let f = sources.get(id);
    if let Some(e) = &f.load_error {
        return Err(SettingsError {
            file: Some(id),
            span: None,
            message: format!("cannot read settings file {}: {e}", f.display),
        });
    }
    let settings: Settings = toml::from_str(&f.text).map_err(|e| SettingsError {
        file: Some(id),
        span: e.span().map(|r| Span::new(id, r.start, r.end)),
        message: format!("invalid settings file {}: {}", f.display, e.message()),
    })?;
    validate(&settings).map_err(|message| SettingsError {
        file: Some(id),
        span: None,
        message: format!("invalid settings file {}: {message}", f.display),
    })?;
    Ok(LoadedSettings {
        settings,
        file: Some(id),
        dir: path.parent().map(Path::to_path_buf),
    })
}

/// Check rule names, categories and severities.
pub fn validate(s: &Settings) -> Result<(), String> {
    if let Some(f) = &s.fail_on
        && Severity::parse(f).is_none()
    {
        return Err(format!(
            "fail-on: expected \"error\", \"warning\" or \"info\", found \"{f}\""
        ));
    }
    for (key, list) in [
        ("select", &s.select),
        ("ignore", &s.ignore),
        ("extend-select", &s.extend_select),
    ] {
        for name in list {
            if name != "ALL" && rules::find(name).is_none() && Category::parse(name).is_none() {
                return Err(format!("{key}: unknown rule or category `{name}`"));
            }
        }
    }
    for (name, rs) in &s.rules {
        if rules::find(name).is_none() {
            return Err(format!("rules.{name}: unknown rule"));
        }
        if let Some(sev) = &rs.severity
            && Severity::parse(sev).is_none()
        {
            return Err(format!(
                "rules.{name}.severity: expected \"error\", \"warning\" or \"info\", found \"{sev}\""
            ));
        }
    }
    for (i, p) in s.projects.iter().enumerate() {
        if p.files.is_empty() {
            return Err(format!(
                "project[{i}].files: at least one compose file is needed"
            ));
        }
    }
    Ok(())
}

impl Settings {
    /// The severity a rule's findings get: the configured one, else `default`.
    pub fn severity_for(&self, rule: &str, default: Severity) -> Severity {
        self.rules
            .get(rule)
            .and_then(|r| r.severity.as_deref())
            .and_then(Severity::parse)
            .unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LoadedSettings, SettingsError> {
        let dir = tempfile::tempdir().map_err(|e| SettingsError {
            file: None,
            span: None,
            message: e.to_string(),
        })?;
        let path = dir.path().join("composelint.toml");
        std::fs::write(&path, text).map_err(|e| SettingsError {
            file: None,
            span: None,
            message: e.to_string(),
        })?;
        let mut sm = SourceMap::with_cwd(dir.path());
        load(&path, &mut sm)
    }

    #[test]
    fn reads_every_field() {
        let s = parse(
            "fail-on = \"error\"\nselect = [\"syntax\"]\nassume-set = [\"DB_HOST\"]\n\
             [rules.obsolete-version]\nseverity = \"warning\"\n\
             [[project]]\nfiles = [\"a.yml\", \"b.yml\"]\n",
        )
        .map(|l| l.settings);
        let s = s.as_ref().ok();
        assert_eq!(s.and_then(|s| s.fail_on.as_deref()), Some("error"));
        assert_eq!(
            s.map(|s| s.assume_set.clone()),
            Some(vec!["DB_HOST".to_string()])
        );
        assert_eq!(
            s.map(|s| s.severity_for("obsolete-version", Severity::Info)),
            Some(Severity::Warning)
        );
        assert_eq!(s.map(|s| s.projects.len()), Some(1));
    }

    #[test]
    fn unknown_key_is_an_error_with_a_span() {
        let e = parse("fial-on = \"error\"\n").err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.message.contains("unknown field `fial-on`")),
            "{e:?}"
        );
        assert_eq!(
            e.and_then(|e| e.span).map(|s| (s.start, s.end)),
            Some((0, 7))
        );
    }

    #[test]
    fn unknown_rule_is_an_error() {
        let e = parse("ignore = [\"no-such-rule\"]\n").err();
        assert!(e.is_some_and(|e| {
            e.message
                .contains("unknown rule or category `no-such-rule`")
        }));
    }
}
