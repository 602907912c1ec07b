//! Which compose files make the project and where its directory is (SEMANTICS §5 M1,
//! §3 P5, P7): `-f` > `COMPOSE_FILE` > discovery walking up from the working directory,
//! with the override file auto-loaded only by discovery.

use super::ctx::LoadCtx;
use super::env::InterpEnv;
use super::envfiles::go_io_reason;
use super::gopath;
use super::model::{ComposeError, WarningKind};

/// Main file names in Compose's order of preference (note `.yml` before `.yaml` for the
/// legacy name).
pub const DEFAULT_FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// Override names: `.yml` preferred even for the new name.
pub const DEFAULT_OVERRIDE_NAMES: [&str; 4] = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// The stdin marker of `-f -`.
pub const STDIN: &str = "-";

/// `ProjectOptions.GetWorkingDir`: `--project-directory`, else the directory of the first
/// compose file that is not stdin, else the cwd.
pub(crate) fn working_dir(cwd: &str, project_directory: Option<&str>, files: &[String]) -> String {
    if let Some(d) = project_directory {
        return gopath::abs(cwd, d);
    }
    match files.iter().find(|f| f.as_str() != STDIN) {
        Some(f) => gopath::dir(&gopath::abs(cwd, f)),
        None => cwd.to_string(),
    }
}

/// `-f` files: absolute against the cwd (existence is checked when they are read).
pub(crate) fn from_flags(cwd: &str, files: &[String]) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            if f == STDIN {
                f.clone()
            } else {
                gopath::abs(cwd, f)
            }
        })
        .collect()
}

/// `COMPOSE_FILE` from the project environment, split on `COMPOSE_PATH_SEPARATOR` (default
/// `:`); every entry must exist. None when the variable is not set.
pub(crate) fn from_compose_file_var(
    cwd: &str,
    env: &InterpEnv,
) -> Option<Result<Vec<String>, ComposeError>> {
    let value = env.get("COMPOSE_FILE")?;
    let sep = match env.get("COMPOSE_PATH_SEPARATOR") {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => ":".to_string(),
    };
    let mut out = Vec::new();
    for entry in value.split(sep.as_str()) {
        if entry == STDIN {
            out.push(entry.to_string());
            continue;
        }
        let abs = gopath::abs(cwd, entry);
        if let Err(e) = std::fs::metadata(&abs) {
            return Some(Err(ComposeError::new(
                format!("stat {abs}: {}", go_io_reason(&e)),
                None,
            )));
        }
        out.push(abs);
    }
    Some(Ok(out))
}

/// Discovery (`WithDefaultConfigPath`): from `start` up to the root, the first directory
/// holding a candidate name; its override file comes along. Empty when nothing is found.
pub(crate) fn discover(ctx: &mut LoadCtx, start: &str) -> Vec<String> {
    let mut dir = gopath::clean(start);
    loop {
        let candidates = existing(&dir, &DEFAULT_FILE_NAMES);
        if let Some(winner) = candidates.first().cloned() {
            if candidates.len() > 1 {
                warn_multiple(ctx, "config", &candidates, &winner);
            }
            let mut files = vec![winner];
            let overrides = existing(&dir, &DEFAULT_OVERRIDE_NAMES);
            if let Some(o) = overrides.first().cloned() {
                if overrides.len() > 1 {
                    warn_multiple(ctx, "override", &overrides, &o);
                }
                files.push(o);
            }
            return files;
        }
        let parent = gopath::dir(&dir);
        if parent == dir {
            return Vec::new();
        }
        dir = parent;
    }
}

fn existing(dir: &str, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|n| gopath::join(&[dir, n]))
        .filter(|p| std::fs::metadata(p).is_ok())
        .collect()
}

fn warn_multiple(ctx: &mut LoadCtx, what: &str, found: &[String], winner: &str) {
    ctx.warn(
        WarningKind::MultipleConfigFiles,
        format!(
            "Found multiple {what} files with supported names: {}",
            found.join(", ")
        ),
        None,
    );
    ctx.warn(
        WarningKind::MultipleConfigFiles,
        format!("Using {winner}"),
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell_env::ShellOrigin;
    use crate::workspace::Workspace;

    #[test]
    fn working_dir_precedence() {
        assert_eq!(
            working_dir("/c", Some("other"), &["/x/a.yaml".into()]),
            "/c/other"
        );
        assert_eq!(
            working_dir("/c", None, &["-".into(), "sub/a.yaml".into()]),
            "/c/sub"
        );
        assert_eq!(working_dir("/c", None, &["-".into()]), "/c");
    }

    #[test]
    fn discovery_prefers_yml_for_legacy_and_override_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_string_lossy().into_owned();
        for n in [
            "docker-compose.yaml",
            "docker-compose.yml",
            "compose.override.yaml",
            "compose.override.yml",
        ] {
            std::fs::write(dir.path().join(n), "services: {}\n").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let mut ws = Workspace::default();
        let mut ctx = LoadCtx::new(&mut ws, root.clone());
        let files = discover(&mut ctx, &format!("{root}/sub"));
        assert_eq!(
            files,
            vec![
                format!("{root}/docker-compose.yml"),
                format!("{root}/compose.override.yml")
            ]
        );
        let msgs: Vec<&str> = ctx.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                format!(
                    "Found multiple config files with supported names: {root}/docker-compose.yml, {root}/docker-compose.yaml"
                )
                .as_str(),
                format!("Using {root}/docker-compose.yml").as_str(),
                format!(
                    "Found multiple override files with supported names: {root}/compose.override.yml, {root}/compose.override.yaml"
                )
                .as_str(),
                format!("Using {root}/compose.override.yml").as_str(),
            ]
        );
    }

    #[test]
    fn compose_file_var_uses_the_separator_and_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_string_lossy().into_owned();
        std::fs::write(dir.path().join("a.yaml"), "").unwrap();
        std::fs::write(dir.path().join("b.yaml"), "").unwrap();
        let mut env = InterpEnv::default();
        let shell = |_v: &str| super::super::env::EnvSource::Shell(ShellOrigin::Inherited);
        env.add_if_absent("COMPOSE_FILE", "a.yaml;b.yaml".into(), shell(""));
        env.add_if_absent("COMPOSE_PATH_SEPARATOR", ";".into(), shell(""));
        let files = from_compose_file_var(&root, &env).unwrap().unwrap();
        assert_eq!(
            files,
            vec![format!("{root}/a.yaml"), format!("{root}/b.yaml")]
        );
        let mut env = InterpEnv::default();
        env.add_if_absent("COMPOSE_FILE", "nope.yaml".into(), shell(""));
        let e = from_compose_file_var(&root, &env).unwrap().unwrap_err();
        assert_eq!(
            e.message,
            format!("stat {root}/nope.yaml: no such file or directory")
        );
    }
}
