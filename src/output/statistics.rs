//! `check --statistics`: how many findings each rule produced, most frequent first (ties by
//! rule name), with the rule's severity and a fix marker: `[*]` when some of its findings
//! have a safe fix (`--fix` applies it), `[~]` when they only have unsafe fixes
//! (`--unsafe-fixes`).

use super::Report;
use crate::diagnostic::{Applicability, Severity};
use crate::rules;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One row of the statistics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCount {
    pub rule: &'static str,
    /// The severity of the rule's findings (the highest, should they differ).
    pub severity: Severity,
    pub count: usize,
    pub fixable_safe: usize,
    pub fixable_unsafe: usize,
}

/// Rows sorted by count (descending), then rule name.
pub fn rule_counts(report: &Report) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    for d in &report.diagnostics {
        let row = by_rule.entry(d.rule).or_insert(RuleCount {
            rule: d.rule,
            severity: d.severity,
            count: 0,
            fixable_safe: 0,
            fixable_unsafe: 0,
        });
        row.count += 1;
        row.severity = row.severity.max(d.severity);
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => row.fixable_safe += 1,
            Some(Applicability::Unsafe) => row.fixable_unsafe += 1,
            None => {}
        }
    }
    let mut rows: Vec<RuleCount> = by_rule.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(b.rule)));
    rows
}

/// The human table: `count  rule  severity  marker`, columns aligned.
pub fn statistics(report: &Report) -> String {
    let rows = rule_counts(report);
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        let marker = if r.fixable_safe > 0 {
            "[*]"
        } else if r.fixable_unsafe > 0 {
            "[~]"
        } else {
            ""
        };
        let line = format!(
            "{:>count_width$}  {:rule_width$}  {:7}  {marker}",
            r.count,
            r.rule,
            r.severity.as_str()
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The same rows as JSON (`check --statistics --format json`): an array of
/// `{rule, category, severity, count, fixable, unsafe_fixable}`.
pub fn statistics_json(report: &Report) -> String {
    let rows: Vec<Value> = rule_counts(report)
        .iter()
        .map(|r| {
            json!({
                "rule": r.rule,
                "category": rules::find(r.rule).map(|m| m.category.as_str()),
                "severity": r.severity.as_str(),
                "count": r.count,
                "fixable": r.fixable_safe,
                "unsafe_fixable": r.fixable_unsafe,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Fix};
    use crate::source::{FileId, Span};

    fn diag(rule: &'static str, severity: Severity, fix: Option<Applicability>) -> Diagnostic {
        let d = Diagnostic::new(rule, severity, Span::new(FileId(0), 0, 1), "m");
        match fix {
            Some(applicability) => d.with_fix(Fix {
                applicability,
                message: "f".into(),
                edits: Vec::new(),
            }),
            None => d,
        }
    }

    #[test]
    fn sorted_by_count_then_name_with_markers() {
        let report = Report {
            diagnostics: vec![
                diag("yaml-syntax", Severity::Error, None),
                diag(
                    "obsolete-version",
                    Severity::Info,
                    Some(Applicability::Safe),
                ),
                diag(
                    "dotenv-syntax",
                    Severity::Error,
                    Some(Applicability::Unsafe),
                ),
                diag("obsolete-version", Severity::Info, None),
                diag("dotenv-syntax", Severity::Error, None),
            ],
            files: 2,
            projects: 1,
        };
        assert_eq!(
            statistics(&report),
            "2  dotenv-syntax     error    [~]\n\
             2  obsolete-version  info     [*]\n\
             1  yaml-syntax       error\n"
        );
        let json: Value = serde_json::from_str(&statistics_json(&report)).unwrap_or_default();
        assert_eq!(json[1]["rule"], "obsolete-version");
        assert_eq!(json[1]["category"], "compose");
        assert_eq!(json[1]["fixable"], 1);
        assert_eq!(json[0]["unsafe_fixable"], 1);
        assert_eq!(statistics(&Report::default()), "");
    }
}
