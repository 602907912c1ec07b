//! Reading one compose file: its text (once, through the workspace), YAML problems as
//! Compose reports them, and each document converted to the model tree.

use super::convert::{Converted, Converter};
use super::ctx::LoadCtx;
use super::env::{InterpEnv, go_quote};
use super::envfiles::go_io_reason;
use super::files::STDIN;
use super::model::ComposeError;
use crate::source::FileId;
use crate::yaml::{Problem, ProblemKind, YamlFile};
use std::path::Path;

/// Register (and parse) a compose file, or report why Compose could not read it.
pub(crate) fn open(ctx: &mut LoadCtx, path: &str) -> Result<FileId, ComposeError> {
    if path == STDIN {
        // The caller registers stdin's text under the path `-` before loading.
        let Some(id) = ctx.ws.sources.find(Path::new(STDIN)) else {
            return Err(ComposeError::new(
                "no configuration provided on stdin",
                None,
            ));
        };
        ctx.ws.parse_yaml(id);
        ctx.reach(id);
        return Ok(id);
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(ComposeError::new(
                format!("read {path}: is a directory"),
                None,
            ));
        }
        Ok(_) => {}
        Err(e) => {
            return Err(ComposeError::new(
                format!("open {path}: {}", go_io_reason(&e)),
                None,
            ));
        }
    }
    let id = ctx.ws.load_yaml(Path::new(path));
    ctx.reach(id);
    if let Some(err) = &ctx.ws.sources.get(id).load_error {
        return Err(ComposeError::new(format!("read {path}: {err}"), None));
    }
    Ok(id)
}

/// The parse problems Compose would stop on, in its wording. `display` is the path
/// Compose names the file by.
pub(crate) fn check_yaml(ctx: &LoadCtx, id: FileId, display: &str) -> Result<(), ComposeError> {
    let Some(file) = ctx.ws.yaml.get(&id) else {
        return Ok(());
    };
    match file.problems.first() {
        Some(p) => Err(problem_error(ctx, id, display, p, file)),
        None => Ok(()),
    }
}

fn problem_error(
    ctx: &LoadCtx,
    id: FileId,
    display: &str,
    p: &Problem,
    file: &YamlFile,
) -> ComposeError {
    let source = ctx.ws.sources.get(id);
    let line = source.line_of(p.span.start);
    let message = match &p.kind {
        ProblemKind::DuplicateKey { key, first } => {
            let first_line = source.line_of(first.start);
            let text = format!(
                "line {line}: mapping key {} already defined at line {first_line}",
                go_quote(key)
            );
            // A duplicate among top-level keys already fails Compose's first decoding
            // pass (the one looking for `name:`), which words it differently.
            let top_level = file.documents.iter().any(|d| {
                d.as_mapping()
                    .is_some_and(|entries| entries.iter().any(|e| e.key.span == p.span))
            });
            if top_level {
                format!("yaml: unmarshal errors:\n  {text}")
            } else {
                format!("failed to parse {display}: {text}")
            }
        }
        ProblemKind::UnknownAlias => {
            let name = ctx
                .ws
                .sources
                .slice(p.span)
                .trim_start_matches('*')
                .to_string();
            format!("yaml: unknown anchor '{name}' referenced")
        }
        ProblemKind::AliasExpansionLimit => {
            "yaml: document contains excessive aliasing".to_string()
        }
        ProblemKind::InvalidMerge => {
            format!("yaml: line {line}: map merge requires map or sequence of maps as the value")
        }
        ProblemKind::Syntax | ProblemKind::DepthLimit => {
            format!("yaml: line {line}: {}", p.message)
        }
    };
    ComposeError::new(message, Some(p.span))
}

/// Convert every document of a parsed file. `env` None: without interpolation.
pub(crate) fn documents(
    ctx: &mut LoadCtx,
    id: FileId,
    display: &str,
    env: Option<&InterpEnv>,
) -> Result<Vec<Converted>, ComposeError> {
    let ws = &*ctx.ws;
    let Some(file) = ws.yaml.get(&id) else {
        return Ok(Vec::new());
    };
    let text = ws.sources.get(id).text.as_str();
    let mut conv = Converter::new(text, display, env);
    let mut out = Vec::with_capacity(file.documents.len());
    let mut failure = None;
    for doc in &file.documents {
        match conv.document(doc) {
            Ok(c) => out.push(c),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let warnings = std::mem::take(&mut conv.warnings);
    for w in warnings {
        ctx.warn(w.kind, w.message, w.span);
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// The top-level `name:` values of a file's documents as Compose's first decoding pass
/// reads them (scalar text; null is empty).
pub(crate) fn declared_names(
    ctx: &LoadCtx,
    id: FileId,
) -> Vec<(String, Option<crate::source::Span>)> {
    let Some(file) = ctx.ws.yaml.get(&id) else {
        return Vec::new();
    };
    file.documents
        .iter()
        .filter_map(|d| d.get_entry("name"))
        .filter_map(|e| {
            let s = e.value.as_scalar()?;
            let text = match e.value.resolved() {
                Some(crate::yaml::Resolved::Null) => String::new(),
                _ => s.value.clone(),
            };
            Some((text, Some(e.value.span)))
        })
        .collect()
}
