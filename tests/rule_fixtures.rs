//! Every rule has fixture cases, and they behave: `fixtures/rules/<rule>/bad/<case>/` makes the
//! rule fire, `fixtures/rules/<rule>/good/<case>/` does not.
//!
//! A case directory holds the files to lint, and optionally:
//! - `args`: extra command-line arguments, one per line (`#` lines and blank lines are
//!   skipped); paths in them are relative to the case directory, which is the current
//!   directory of the run (e.g. `--shell-env` then `snapshot.txt`). With `-f`/`--file` among
//!   them no PATH is passed; otherwise the case directory (`.`) is.
//! - `expected.txt` (bad cases): `RULE LINE:COLUMN` or `RULE FILE:LINE:COLUMN` lines; for
//!   every rule named there, its findings must be at exactly those positions.

mod support;

use composelint::rules::RULES;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{Finding, Run};

fn rules_dir() -> PathBuf {
    support::crate_root().join("fixtures/rules")
}

/// The case directories directly under `dir`, sorted.
fn case_dirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

#[test]
fn every_rule_has_bad_and_good_cases() {
    let mut missing = Vec::new();
    for rule in RULES {
        for kind in ["bad", "good"] {
            let dir = rules_dir().join(rule.name).join(kind);
            if case_dirs(&dir).is_empty() {
                missing.push(format!("fixtures/rules/{}/{kind}/<case>/", rule.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "these rules lack fixture cases (each needs at least one case directory):\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn no_fixture_folder_without_a_rule() {
    let Ok(entries) = std::fs::read_dir(rules_dir()) else {
        return;
    };
    let strays: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !RULES.iter().any(|r| r.name == name))
        .collect();
    assert!(
        strays.is_empty(),
        "fixture folders for rules that do not exist: {strays:?}"
    );
}

/// The extra arguments of a case (see the module docs).
fn case_args(case: &Path) -> Result<Vec<String>, String> {
    let path = case.join("args");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// A position `expected.txt` demands.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    file: Option<String>,
    line: u64,
    column: u64,
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}:{}:{}", self.line, self.column),
            None => write!(f, "{}:{}", self.line, self.column),
        }
    }
}

/// `expected.txt`: rule → positions.
fn expected_positions(case: &Path) -> Result<BTreeMap<String, Vec<Expected>>, String> {
    let path = case.join("expected.txt");
    let mut out: BTreeMap<String, Vec<Expected>> = BTreeMap::new();
    if !path.exists() {
        return Ok(out);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "{}:{}: expected `RULE [FILE:]LINE:COLUMN`",
                path.display(),
                n + 1
            )
        };
        let (rule, place) = line.split_once(char::is_whitespace).ok_or_else(bad)?;
        let mut parts: Vec<&str> = place.trim().rsplitn(3, ':').collect();
        parts.reverse();
        let (file, line_no, column) = match parts.as_slice() {
            [l, c] => (None, *l, *c),
            [f, l, c] => (Some((*f).to_string()), *l, *c),
            _ => return Err(bad()),
        };
        out.entry(rule.to_string()).or_default().push(Expected {
            file,
            line: line_no.parse().map_err(|_| bad())?,
            column: column.parse().map_err(|_| bad())?,
        });
    }
    for positions in out.values_mut() {
        positions.sort();
    }
    Ok(out)
}

fn run_case(case: &Path) -> Result<Run, String> {
    let mut args: Vec<String> = vec!["check".into(), "--format".into(), "json".into()];
    let extra = case_args(case)?;
    if !extra.iter().any(|a| a == "-f" || a == "--file") {
        args.push(".".into());
    }
    args.extend(extra);
    let run = support::run_os(case, &args);
    if !run.exited_cleanly() {
        return Err(format!("crashed or exited oddly\n{}", run.describe()));
    }
    Ok(run)
}

/// Check one case; Err describes the failure with the output the run gave.
fn check_case(rule: &str, case: &Path, bad: bool) -> Result<(), String> {
    let run = run_case(case)?;
    let findings = run.findings()?;
    let of_rule: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
    if bad && of_rule.is_empty() {
        return Err(format!("`{rule}` did not fire\n{}", run.describe()));
    }
    if !bad && !of_rule.is_empty() {
        return Err(format!("`{rule}` fired on a good case\n{}", run.describe()));
    }
    for (expected_rule, expected) in expected_positions(case)? {
        let with_file = expected.iter().any(|e| e.file.is_some());
        let mut got: Vec<Expected> = findings
            .iter()
            .filter(|f| f.rule == expected_rule)
            .map(|f| Expected {
                file: with_file.then(|| f.file.clone()),
                line: f.line.unwrap_or(0),
                column: f.column.unwrap_or(0),
            })
            .collect();
        got.sort();
        if got != expected {
            let show = |v: &[Expected]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
            return Err(format!(
                "`{expected_rule}` positions differ from expected.txt\n  expected: {:?}\n  got:      {:?}\n{}",
                show(&expected),
                show(&got),
                run.describe()
            ));
        }
    }
    Ok(())
}

#[test]
fn fixture_cases_behave() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in RULES {
        for (kind, bad) in [("bad", true), ("good", false)] {
            for case in case_dirs(&rules_dir().join(rule.name).join(kind)) {
                checked += 1;
                if let Err(e) = check_case(rule.name, &case, bad) {
                    let shown = case.strip_prefix(support::crate_root()).unwrap_or(&case);
                    failures.push(format!("== {}\n{e}", shown.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fixture cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
