//! `yaml-syntax`: YAML that does not parse.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::yaml::ProblemKind;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for file in ctx.yaml.values() {
        for p in &file.problems {
            let help = match p.kind {
                ProblemKind::DuplicateKey { .. } => continue,
                ProblemKind::Syntax => "Compose cannot load this file until the YAML parses",
                ProblemKind::UnknownAlias => "define the anchor (`&name`) before using `*name`",
                ProblemKind::AliasExpansionLimit => {
                    "aliases expand to too many nodes (an alias bomb?); composelint stopped expanding them"
                }
                ProblemKind::DepthLimit => "the document nests deeper than any compose file needs",
                ProblemKind::InvalidMerge => "`<<` takes a mapping or a list of mappings",
            };
            out.push(
                Diagnostic::new("yaml-syntax", Severity::Error, p.span, p.message.clone())
                    .with_help(help),
            );
        }
    }
}
