//! A service's container environment (SEMANTICS §4): `env_file`s read in order and folded
//! under `environment` (C3, C4), valueless entries filled from the project environment (C2),
//! `format: raw` files (C5), and `build.args` (valueless ones that cannot be resolved are
//! dropped). Every variable keeps its provenance: the entry that produced it, the `${}` uses
//! with where each value came from, and the definitions it beat.

use super::ctx::LoadCtx;
use super::env::InterpEnv;
use super::envfiles::{go_io_reason, subspan};
use super::gofmt;
use super::model::{ComposeError, ContainerVar, ResolvedUse, Shadowed, UseSource, VarOrigin};
use super::value::{Node, Value};
use crate::dotenv;
use crate::interpolate::{Outcome, VarUse};
use crate::source::Span;
use indexmap::IndexMap;
use std::path::Path;

/// One `environment` / `build.args` entry as written, in either form.
struct Entry {
    key: String,
    /// None: valueless (`KEY:` / `- KEY`).
    value: Option<String>,
    key_span: Option<Span>,
    value_span: Option<Span>,
    list_form: bool,
    uses: Vec<ResolvedUse>,
}

/// Resolve the container environment of one service and rewrite its node the way Compose
/// prints it: `environment` a mapping `KEY -> string | null`, `env_file` removed.
pub(crate) fn resolve_service(
    ctx: &mut LoadCtx,
    service: &mut Node,
    env: &InterpEnv,
    with_env_files: bool,
) -> Result<IndexMap<String, ContainerVar>, ComposeError> {
    let entries = service
        .get("environment")
        .map(|n| entries_of(n, env))
        .unwrap_or_default();
    let mut vars: IndexMap<String, ContainerVar> = IndexMap::new();
    if let Some(files) = service
        .get("env_file")
        .and_then(Node::as_seq)
        .filter(|_| with_env_files)
    {
        let files = files.to_vec();
        read_env_files(ctx, &files, env, &entries, &mut vars)?;
    }
    for e in entries {
        let key = e.key.clone();
        let var = if e.value.is_some() {
            written(e)
        } else {
            // Unresolvable: still defined, as null (it unsets an env_file value).
            filled(&e, env.var(&key))
        };
        define(&mut vars, key, var);
    }
    if let Some(map) = service.as_map_mut() {
        map.shift_remove("env_file");
        if map.contains_key("environment") || !vars.is_empty() {
            let rendered: IndexMap<String, Node> = vars
                .iter()
                .map(|(k, v)| {
                    let value = match &v.value {
                        Some(s) => Value::Str(s.clone()),
                        None => Value::Null,
                    };
                    (k.clone(), Node::new(value).with_span(v.entered))
                })
                .collect();
            let span = map.get("environment").and_then(|n| n.span);
            let key_span = map.get("environment").and_then(|n| n.key_span);
            map.insert(
                "environment".to_string(),
                Node {
                    key_span,
                    ..Node::new(Value::Map(rendered)).with_span(span)
                },
            );
        }
    }
    Ok(vars)
}

/// `build.args`: like `environment`, but a valueless argument the project environment
/// cannot fill is dropped (Compose passes only known arguments to the build).
pub(crate) fn resolve_build_args(
    service: &mut Node,
    env: &InterpEnv,
) -> IndexMap<String, ContainerVar> {
    let Some(build) = service.as_map_mut().and_then(|m| m.get_mut("build")) else {
        return IndexMap::new();
    };
    let Some(args) = build.get("args") else {
        return IndexMap::new();
    };
    let mut vars: IndexMap<String, ContainerVar> = IndexMap::new();
    for e in entries_of(args, env) {
        let key = e.key.clone();
        let var = match (&e.value, env.var(&key)) {
            (Some(_), _) => written(e),
            (None, Some(found)) => filled(&e, Some(found)),
            (None, None) => continue,
        };
        define(&mut vars, key, var);
    }
    if let Some(map) = build.as_map_mut() {
        let rendered: IndexMap<String, Node> = vars
            .iter()
            .map(|(k, v)| {
                let value = v.value.clone().map(Value::Str).unwrap_or(Value::Null);
                (k.clone(), Node::new(value).with_span(v.entered))
            })
            .collect();
        map.insert("args".to_string(), Node::new(Value::Map(rendered)));
    }
    vars
}

/// The variable an entry with a value defines.
fn written(e: Entry) -> ContainerVar {
    ContainerVar {
        value: e.value,
        entered: e.value_span.or(e.key_span),
        origin: VarOrigin::Environment {
            key_span: e.key_span,
            value_span: e.value_span,
            list_form: e.list_form,
        },
        uses: e.uses,
        shadowed: Vec::new(),
    }
}

/// The variable a valueless entry defines: the project environment's value, if any.
fn filled(e: &Entry, found: Option<&super::env::EnvVar>) -> ContainerVar {
    ContainerVar {
        value: found.map(|v| v.value.clone()),
        entered: e.key_span,
        origin: VarOrigin::Valueless {
            key_span: e.key_span,
            from: found.map(|v| v.source.clone()),
        },
        uses: Vec::new(),
        shadowed: Vec::new(),
    }
}

/// Insert `var` under `key`; an earlier definition becomes a shadowed candidate.
fn define(vars: &mut IndexMap<String, ContainerVar>, key: String, mut var: ContainerVar) {
    if let Some(old) = vars.shift_remove(&key) {
        var.shadowed = old.shadowed;
        var.shadowed.push(Shadowed {
            value: old.value,
            entered: old.entered,
            origin: old.origin,
        });
    }
    vars.insert(key, var);
}

/// The entries of an `environment`-like node in either form, values stringified the Go
/// way, with the `${}` uses that built them.
fn entries_of(node: &Node, env: &InterpEnv) -> Vec<Entry> {
    match &node.value {
        Value::Map(map) => map
            .iter()
            .filter(|(k, _)| !k.starts_with("x-"))
            .map(|(k, v)| {
                let value = match &v.value {
                    Value::Null => None,
                    other => Some(gofmt::v(other)),
                };
                Entry {
                    key: k.clone(),
                    uses: uses_of(v, env),
                    value,
                    key_span: v.key_span,
                    value_span: v.span,
                    list_form: false,
                }
            })
            .chain(extensions_entry(map))
            .collect(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let text = match &item.value {
                    Value::Null => return None,
                    other => gofmt::v(other),
                };
                let (key, value) = match text.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (text.clone(), None),
                };
                Some(Entry {
                    uses: uses_of(item, env),
                    key,
                    value,
                    key_span: item.key_span.or(item.span),
                    value_span: item.span,
                    list_form: item.key_span.is_none(),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Compose's quirk (SEMANTICS C1): map keys starting with `x-` are taken as extension
/// fields and come out as one bogus entry `#extensions` = `map[x-key:value ...]`.
fn extensions_entry(map: &IndexMap<String, Node>) -> Option<Entry> {
    let ext: Vec<(&str, &Node)> = map
        .iter()
        .filter(|(k, _)| k.starts_with("x-"))
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let first = ext.first()?.1;
    Some(Entry {
        key: "#extensions".to_string(),
        value: Some(gofmt::map_v(ext.iter().copied())),
        key_span: first.key_span,
        value_span: first.span,
        list_form: false,
        uses: Vec::new(),
    })
}

/// The `${}` uses recorded on a string node, each located in the file where possible and
/// tied to the source of its value.
fn uses_of(node: &Node, env: &InterpEnv) -> Vec<ResolvedUse> {
    let Some(interp) = &node.interp else {
        return Vec::new();
    };
    // Locate a range of the raw text in the file: exact for plain scalars (same length as
    // written), shifted by one for quoted ones without escapes; otherwise the whole scalar.
    let locate = |range: &std::ops::Range<usize>| -> Option<Span> {
        let span = node.span?;
        let written = span.end.saturating_sub(span.start);
        let raw = interp.raw.len();
        let offset = if written == raw {
            0
        } else if written == raw + 2 {
            1
        } else {
            return Some(span);
        };
        let start = span.start + offset + range.start;
        let end = (span.start + offset + range.end).min(span.end);
        Some(Span::new(span.file, start.min(end), end))
    };
    interp
        .uses
        .iter()
        .map(|u| ResolvedUse {
            span: locate(&u.range),
            source: match u.outcome {
                Outcome::Set(_) => env
                    .var(&u.name)
                    .map(|v| UseSource::Project(v.source.clone())),
                Outcome::Unset => None,
            },
            var: u.clone(),
        })
        .collect()
}

/// Read the service's env_files in order into `vars` (later files win).
fn read_env_files(
    ctx: &mut LoadCtx,
    files: &[Node],
    env: &InterpEnv,
    environment: &[Entry],
    vars: &mut IndexMap<String, ContainerVar>,
) -> Result<(), ComposeError> {
    // §1.9: the project env first, then the service's own non-null `environment` values,
    // then keys already read from this or an earlier env_file.
    let service_env: IndexMap<String, (String, Option<Span>)> = environment
        .iter()
        .filter_map(|e| {
            e.value
                .as_ref()
                .map(|v| (e.key.clone(), (v.clone(), e.value_span)))
        })
        .collect();
    for file in files {
        let Some(path) = file.get("path").and_then(Node::as_str) else {
            continue;
        };
        let required = !matches!(
            file.get("required").map(|n| &n.value),
            Some(Value::Bool(false))
        );
        let raw = file.get("format").and_then(Node::as_str) == Some("raw");
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(ComposeError::new(
                    format!("read {path}: is a directory"),
                    file.span,
                ));
            }
            Ok(_) => {}
            Err(e) => {
                if !required && e.kind() == std::io::ErrorKind::NotFound {
                    continue;
                }
                return Err(ComposeError::new(
                    format!(
                        "env file {path} not found: stat {path}: {}",
                        go_io_reason(&e)
                    ),
                    file.span,
                ));
            }
        }
        // A `format: raw` file is not in Compose's dotenv dialect: register its text without
        // the dotenv parse, so dotenv-syntax does not judge it by the wrong grammar.
        let id = if raw {
            ctx.ws.sources.load(Path::new(path))
        } else {
            ctx.ws.load_dotenv(Path::new(path))
        };
        ctx.reach(id);
        let source = ctx.ws.sources.get(id);
        if let Some(err) = &source.load_error {
            return Err(ComposeError::new(
                format!("failed to read {path}: {err}"),
                file.span,
            ));
        }
        let text = source.text.clone();
        let parsed = if raw {
            dotenv::parse_raw(id, &text)
        } else {
            match ctx.ws.parse_dotenv(id) {
                Some(f) => f.clone(),
                None => continue,
            }
        };
        if let Some(err) = &parsed.error {
            return Err(ComposeError::new(
                format!("failed to read {path}: {}", err.detail),
                Some(err.span),
            ));
        }
        let earlier: IndexMap<String, String> = vars
            .iter()
            .filter_map(|(k, v)| v.value.clone().map(|s| (k.clone(), s)))
            .collect();
        let mut lookup = |name: &str| -> Option<String> {
            env.get(name)
                .map(str::to_string)
                .or_else(|| service_env.get(name).map(|(v, _)| v.clone()))
        };
        let evaluated = dotenv::evaluate(&parsed, &text, &mut lookup, &earlier).map_err(|e| {
            let span = e
                .statement
                .and_then(|i| parsed.statements.get(i))
                .map(|s| s.span);
            ComposeError::new(format!("failed to read {path}: {}", e.detail), span)
        })?;
        for (key, entry) in evaluated.vars {
            let statement = parsed.statements.get(entry.statement);
            let inner = statement.and_then(|s| s.value.as_ref()).map(|v| v.inner);
            let uses = entry
                .uses
                .iter()
                .map(|u| ResolvedUse {
                    span: inner.map(|i| subspan(i, &u.range)),
                    source: use_source(u, env, &service_env),
                    var: u.clone(),
                })
                .collect();
            let var = ContainerVar {
                value: Some(entry.value),
                entered: statement.map(|s| s.span),
                origin: VarOrigin::EnvFile {
                    file: id,
                    statement: entry.statement,
                    key_span: statement.map(|s| s.key_span),
                    value_span: statement.and_then(|s| s.value.as_ref()).map(|v| v.span),
                    bare: statement.is_some_and(|s| s.value.is_none()),
                },
                uses,
                shadowed: Vec::new(),
            };
            define(vars, key, var);
        }
    }
    Ok(())
}

fn use_source(
    u: &VarUse,
    env: &InterpEnv,
    service_env: &IndexMap<String, (String, Option<Span>)>,
) -> Option<UseSource> {
    if matches!(u.outcome, Outcome::Unset) {
        return None;
    }
    if let Some(v) = env.var(&u.name) {
        return Some(UseSource::Project(v.source.clone()));
    }
    if let Some((_, span)) = service_env.get(&u.name) {
        return Some(UseSource::ServiceEnvironment { span: *span });
    }
    Some(UseSource::EarlierEnvFile)
}
