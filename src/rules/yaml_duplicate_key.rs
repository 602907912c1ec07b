//! `yaml-duplicate-key`: a mapping key written twice. Compose (go-yaml v3) refuses the file
//! with `mapping key "K" already defined at line M`.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::yaml::ProblemKind;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for file in ctx.yaml.values() {
        for p in &file.problems {
            if let ProblemKind::DuplicateKey { key, first } = &p.kind {
                let first_line = ctx.sources.get(first.file).line_of(first.start);
                out.push(
                    Diagnostic::new(
                        "yaml-duplicate-key",
                        Severity::Error,
                        p.span,
                        format!("mapping key \"{key}\" already defined at line {first_line}"),
                    )
                    .with_primary_message("defined again here")
                    .with_label(*first, "first defined here")
                    .with_help("Compose refuses the whole file; keep one of the two entries"),
                );
            }
        }
    }
}
