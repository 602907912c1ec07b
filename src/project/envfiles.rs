//! Reading the interpolation env files: the `--env-file` / `COMPOSE_ENV_FILES` group or
//! the project `.env` (SEMANTICS §3 P1–P4), the pre-run copy of their `COMPOSE_*` keys
//! (§0 step 1), and `include` entries' env files (§5 M5). One reader mirrors compose-go's
//! `dotenv.GetEnvFromFile`: later files win, every `${}` and bare key looks in the given
//! environment first, then in keys of earlier files.

use super::ctx::LoadCtx;
use super::env::{EnvCandidate, EnvFileRef, EnvSource, InterpEnv, parse_go_bool};
use super::gopath;
use super::model::ComposeError;
use crate::dotenv;
use crate::source::{FileId, Span};
use indexmap::IndexMap;
use std::path::Path;

/// A variable read from a group of env files.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GroupVar {
    pub value: String,
    pub source: EnvFileRef,
    /// Definitions of the same key in earlier files of the group.
    pub shadowed: Vec<EnvCandidate>,
}

pub(crate) type Group = IndexMap<String, GroupVar>;

/// The env files of the interpolation group: the explicit ones (`--env-file`, else
/// `COMPOSE_ENV_FILES`), else `<dir>/.env` when it exists, is a file and
/// `COMPOSE_DISABLE_ENV_FILE` (from the process environment) is not true.
pub(crate) fn group_files(
    explicit: &[String],
    disable_env_file: Option<&str>,
    dir: &str,
) -> Result<Vec<String>, ComposeError> {
    if !explicit.is_empty() {
        return Ok(explicit.to_vec());
    }
    if let Some(v) = disable_env_file {
        match parse_go_bool(v) {
            Ok(true) => return Ok(Vec::new()),
            Ok(false) => {}
            Err(e) => return Err(ComposeError::new(e, None)),
        }
    }
    let dotenv = gopath::join(&[dir, ".env"]);
    match std::fs::metadata(&dotenv) {
        Ok(m) if m.is_file() => Ok(vec![dotenv]),
        Ok(_) => Ok(Vec::new()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(ComposeError::new(
            format!("stat {dotenv}: {}", go_io_reason(&e)),
            None,
        )),
    }
}

/// Read a group of env files. `lookup_env` answers `${}` and bare keys first.
pub(crate) fn read_group(
    ctx: &mut LoadCtx,
    paths: &[String],
    lookup_env: &InterpEnv,
) -> Result<Group, ComposeError> {
    let mut group: Group = IndexMap::new();
    for raw in paths {
        let abs = gopath::abs(&ctx.cwd, raw);
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => {
                return Err(ComposeError::new(format!("{abs} is a directory"), None));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ComposeError::new(
                    format!("couldn't find env file: {abs}"),
                    None,
                ));
            }
            Err(e) => {
                return Err(ComposeError::new(
                    format!("stat {abs}: {}", go_io_reason(&e)),
                    None,
                ));
            }
        }
        let earlier: IndexMap<String, String> = group
            .iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect();
        let read = read_one(ctx, &abs, &mut |name| lookup_env.lookup(name), &earlier)?;
        for (key, var) in read {
            match group.get_mut(&key) {
                Some(existing) => {
                    let old = std::mem::replace(existing, var);
                    existing.shadowed = old.shadowed;
                    existing.shadowed.push(EnvCandidate {
                        value: old.value,
                        source: EnvSource::EnvFile(old.source),
                    });
                }
                None => {
                    group.insert(key, var);
                }
            }
        }
    }
    Ok(group)
}

/// Parse and evaluate one env file in Compose's dialect, emitting its unset-variable
/// warnings. Errors carry Compose's `failed to read <file>: <detail>` text.
pub(crate) fn read_one(
    ctx: &mut LoadCtx,
    abs: &str,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
    earlier: &IndexMap<String, String>,
) -> Result<Vec<(String, GroupVar)>, ComposeError> {
    let id = ctx.ws.load_dotenv(Path::new(abs));
    ctx.reach(id);
    let source = ctx.ws.sources.get(id);
    if let Some(err) = &source.load_error {
        return Err(ComposeError::new(
            format!("failed to read {abs}: {err}"),
            None,
        ));
    }
    let text = source.text.clone();
    let Some(file) = ctx.ws.parse_dotenv(id).cloned() else {
        return Err(ComposeError::new(format!("failed to read {abs}"), None));
    };
    // Compose parses and evaluates in one pass, so an evaluation error before a syntax
    // error is the one it reports.
    let evaluated = dotenv::evaluate(&file, &text, lookup, earlier).map_err(|e| {
        let span = e
            .statement
            .and_then(|i| file.statements.get(i))
            .map(|s| s.span);
        ComposeError::new(format!("failed to read {abs}: {}", e.detail), span)
    })?;
    if let Some(err) = &file.error {
        return Err(ComposeError::new(
            format!("failed to read {abs}: {}", err.detail),
            Some(err.span),
        ));
    }
    let mut out = Vec::with_capacity(evaluated.vars.len());
    for (key, entry) in evaluated.vars {
        let statement = file.statements.get(entry.statement);
        let inner = statement.and_then(|s| s.value.as_ref()).map(|v| v.inner);
        for u in &entry.uses {
            if u.warns {
                let span = inner.map(|i| subspan(i, &u.range));
                ctx.warn_unset(&u.name, span);
            }
        }
        let source = env_file_ref(id, entry.statement, statement);
        out.push((
            key,
            GroupVar {
                value: entry.value,
                source,
                shadowed: Vec::new(),
            },
        ));
    }
    Ok(out)
}

pub(crate) fn env_file_ref(
    file: FileId,
    index: usize,
    statement: Option<&dotenv::Statement>,
) -> EnvFileRef {
    match statement {
        Some(s) => EnvFileRef {
            file,
            statement: index,
            key_span: s.key_span,
            value_span: s.value.as_ref().map(|v| v.span),
        },
        None => EnvFileRef {
            file,
            statement: index,
            key_span: Span::new(file, 0, 0),
            value_span: None,
        },
    }
}

/// A byte range of a value's inner text, as a span in the file.
pub(crate) fn subspan(inner: Span, range: &std::ops::Range<usize>) -> Span {
    let start = inner.start.saturating_add(range.start).min(inner.end);
    let end = inner
        .start
        .saturating_add(range.end)
        .min(inner.end)
        .max(start);
    Span::new(inner.file, start, end)
}

/// Add a group's variables to `env` where they are not yet defined (process env wins).
pub(crate) fn merge_group(env: &mut InterpEnv, group: &Group) {
    for (key, var) in group {
        let added = env.add_if_absent(
            key,
            var.value.clone(),
            EnvSource::EnvFile(var.source.clone()),
        );
        if added && let Some(v) = env.vars.get_mut(key) {
            v.shadowed.extend(var.shadowed.iter().cloned());
        }
    }
}

/// The pre-run step of `docker compose` (`setEnvWithDotEnv`): the env files are read with
/// only the process environment for lookups, and every `COMPOSE_*` key the process lacks
/// is copied into it. Any failure here is silently ignored, as Compose ignores it (the
/// main read reports it).
pub(crate) fn copy_compose_keys(
    ctx: &mut LoadCtx,
    process: &mut InterpEnv,
    explicit: &[String],
    dir: &str,
) {
    let disable = process.get("COMPOSE_DISABLE_ENV_FILE").map(str::to_string);
    let Ok(files) = group_files(explicit, disable.as_deref(), dir) else {
        return;
    };
    let snapshot = process.clone();
    let Ok(group) = read_group(ctx, &files, &snapshot) else {
        return;
    };
    for (key, var) in group {
        if key.starts_with("COMPOSE_") && !process.contains(&key) {
            process.add_if_absent(&key, var.value, EnvSource::CopiedFromEnvFile(var.source));
        }
    }
}

/// The reason part of a Go `*PathError` for common errors.
pub(crate) fn go_io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            // Rust appends " (os error N)"; Go prints the bare strerror in lower case.
            let bare = s.split(" (os error").next().unwrap_or(&s);
            let mut chars = bare.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_files_replace_dotenv() {
        let files = group_files(&["/x/a.env".into()], Some("1"), "/nowhere").unwrap();
        assert_eq!(files, vec!["/x/a.env".to_string()]);
    }

    #[test]
    fn disable_env_file_is_a_go_bool() {
        assert_eq!(
            group_files(&[], Some("true"), "/").unwrap(),
            Vec::<String>::new()
        );
        let e = group_files(&[], Some("maybe"), "/").unwrap_err();
        assert_eq!(
            e.message,
            "strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
    }

    #[test]
    fn missing_or_directory_dotenv_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_string_lossy().into_owned();
        assert!(group_files(&[], None, &d).unwrap().is_empty());
        std::fs::create_dir(dir.path().join(".env")).unwrap();
        assert!(group_files(&[], None, &d).unwrap().is_empty());
    }

    #[test]
    fn subspan_is_clamped() {
        let inner = Span::new(FileId(0), 10, 20);
        assert_eq!(subspan(inner, &(2..5)), Span::new(FileId(0), 12, 15));
        assert_eq!(subspan(inner, &(8..50)), Span::new(FileId(0), 18, 20));
    }
}
