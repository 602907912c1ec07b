//! The project environment (SEMANTICS §0 steps 1–2, §3): the deploy shell, `PWD`, the
//! `COMPOSE_*` keys copied from the env files before anything else, then the env file group
//! read for the guessed and for the final project directory (keys only added when missing,
//! so the shell always wins).

use super::ctx::LoadCtx;
use super::env::{EnvSource, InterpEnv};
use super::envfiles;
use super::gopath;
use super::model::ComposeError;

/// The `--env-file` list (absolute against the cwd), else `COMPOSE_ENV_FILES` from the
/// process environment (comma-separated, entries not trimmed, empty ones dropped).
pub(crate) fn explicit_env_files(cwd: &str, flags: &[String], process: &InterpEnv) -> Vec<String> {
    if !flags.is_empty() {
        return flags.iter().map(|f| gopath::abs(cwd, f)).collect();
    }
    match process.get("COMPOSE_ENV_FILES") {
        Some(list) => list
            .split(',')
            .filter(|e| !e.is_empty())
            .map(|e| gopath::abs(cwd, e))
            .collect(),
        None => Vec::new(),
    }
}

/// The process environment as Compose's pre-run leaves it: the shell plus the `COMPOSE_*`
/// keys of the env files that are not already set.
pub(crate) fn process_env(
    ctx: &mut LoadCtx,
    shell: InterpEnv,
    explicit: &[String],
    guess_dir: &str,
) -> InterpEnv {
    let mut process = shell;
    envfiles::copy_compose_keys(ctx, &mut process, explicit, guess_dir);
    process
}

/// Add `PWD` when the process has none.
pub(crate) fn add_pwd(env: &mut InterpEnv, cwd: &str) {
    if !env.contains("PWD") {
        env.add_if_absent("PWD", cwd.to_string(), EnvSource::CurrentDir);
    }
}

/// Read the env file group for `dir` and add the keys the environment lacks.
pub(crate) fn add_env_files(
    ctx: &mut LoadCtx,
    env: &mut InterpEnv,
    explicit: &[String],
    dir: &str,
) -> Result<(), ComposeError> {
    let disable = env.get("COMPOSE_DISABLE_ENV_FILE").map(str::to_string);
    let files = envfiles::group_files(explicit, disable.as_deref(), dir)?;
    if files.is_empty() {
        return Ok(());
    }
    let lookup = env.clone();
    let group = envfiles::read_group(ctx, &files, &lookup)?;
    envfiles::merge_group(env, &group);
    Ok(())
}
