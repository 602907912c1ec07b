//! Applying fixes: collect the edits of every fixable finding, drop edits that overlap an
//! earlier one (they are re-offered on the next run), and produce the new text of each
//! file, either written in place (`--fix`) or shown as a unified diff (`--diff`).

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::{FileId, SourceMap};
use std::collections::BTreeMap;

/// The new text of each changed file, and how many findings were fixed.
#[derive(Debug, Default)]
pub struct FixPlan {
    pub files: BTreeMap<FileId, String>,
    pub fixed: usize,
}

/// Whether a finding's fix may be applied.
pub fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::Safe || unsafe_fixes)
}

pub fn plan(diags: &[Diagnostic], sources: &SourceMap, unsafe_fixes: bool) -> FixPlan {
    let mut per_file: BTreeMap<FileId, Vec<(usize, &Edit)>> = BTreeMap::new();
    let mut accepted_fixes = 0;
    let mut taken: BTreeMap<FileId, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, d) in diags.iter().enumerate() {
        if !applicable(d, unsafe_fixes) {
            continue;
        }
        let Some(fix) = &d.fix else { continue };
        // A fix is applied whole or not at all.
        let overlaps = fix.edits.iter().any(|e| {
            taken.get(&e.span.file).is_some_and(|v| {
                v.iter().any(|&(s, en)| {
                    e.span.start < en && s < e.span.end || (e.span.start == s && e.span.end == en)
                })
            })
        });
        if overlaps || fix.edits.is_empty() {
            continue;
        }
        for e in &fix.edits {
            taken
                .entry(e.span.file)
                .or_default()
                .push((e.span.start, e.span.end));
            per_file.entry(e.span.file).or_default().push((i, e));
        }
        accepted_fixes += 1;
    }
    let mut out = FixPlan {
        files: BTreeMap::new(),
        fixed: accepted_fixes,
    };
    for (file, mut edits) in per_file {
        let text = &sources.get(file).text;
        edits.sort_by_key(|(_, e)| (e.span.start, e.span.end));
        let mut new = String::with_capacity(text.len());
        let mut cursor = 0;
        for (_, e) in edits {
            let (start, end) = (e.span.start.min(text.len()), e.span.end.min(text.len()));
            if start < cursor || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            new.push_str(&text[cursor..start]);
            new.push_str(&e.replacement);
            cursor = end;
        }
        new.push_str(&text[cursor..]);
        out.files.insert(file, new);
    }
    out
}

/// A unified diff of every planned change.
pub fn diff(plan: &FixPlan, sources: &SourceMap) -> String {
    let mut out = String::new();
    for (id, new) in &plan.files {
        let f = sources.get(*id);
        let d = similar::TextDiff::from_lines(f.text.as_str(), new.as_str());
        out.push_str(
            &d.unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", f.display), &format!("b/{}", f.display))
                .to_string(),
        );
    }
    out
}

/// Write every planned change to disk.
pub fn write(plan: &FixPlan, sources: &SourceMap) -> Result<(), String> {
    for (id, new) in &plan.files {
        let f = sources.get(*id);
        std::fs::write(&f.path, new).map_err(|e| format!("cannot write {}: {e}", f.display))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::source::Span;

    fn fixable(span: Span, repl: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new("obsolete-version", Severity::Info, span, "m").with_fix(Fix {
            applicability,
            message: "f".into(),
            edits: vec![Edit {
                span,
                replacement: repl.into(),
            }],
        })
    }

    #[test]
    fn applies_non_overlapping_edits_and_skips_unsafe() {
        let mut sm = SourceMap::with_cwd("/");
        let id = sm.add_virtual("/c.yaml", "c.yaml", "version: '3'\nservices: {}\n".into());
        let diags = vec![
            fixable(Span::new(id, 0, 13), "", Applicability::Safe),
            fixable(Span::new(id, 2, 4), "XX", Applicability::Safe), // overlaps: skipped
            fixable(Span::new(id, 13, 21), "SERVICES", Applicability::Unsafe),
        ];
        let p = plan(&diags, &sm, false);
        assert_eq!(p.fixed, 1);
        assert_eq!(p.files.get(&id).map(String::as_str), Some("services: {}\n"));
        let p = plan(&diags, &sm, true);
        assert_eq!(p.fixed, 2);
        assert_eq!(p.files.get(&id).map(String::as_str), Some("SERVICES: {}\n"));
        assert!(diff(&p, &sm).contains("-version: '3'"));
    }
}
