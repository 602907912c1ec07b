//! Finding the files to lint: a gitignore-aware walk (hidden files such as `.env` included,
//! `.git` skipped, symlink loops survived) that classifies compose and dotenv files.

use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileClass {
    Compose,
    Dotenv,
}

/// `compose*.y(a)ml` and `docker-compose*.y(a)ml`.
pub fn is_compose_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("compose") || lower.starts_with("docker-compose"))
        && (lower.ends_with(".yaml") || lower.ends_with(".yml"))
}

/// `.env`, `.env.*` and `*.env` (not `.envrc`).
pub fn is_dotenv_name(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.") || (name.ends_with(".env") && name.len() > 4)
}

pub fn classify(path: &Path) -> Option<FileClass> {
    let name = path.file_name()?.to_str()?;
    if is_compose_name(name) {
        Some(FileClass::Compose)
    } else if is_dotenv_name(name) {
        Some(FileClass::Dotenv)
    } else {
        None
    }
}

#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Respect .gitignore and other ignore files (`--no-ignore` turns it off).
    pub respect_ignore: bool,
    /// `--exclude` globs, matched against paths relative to the walk root and file names.
    pub exclude: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Discovered {
    /// Every compose-named file found by walking, absolute, sorted.
    pub compose: Vec<PathBuf>,
    /// Every dotenv-named file found by walking, absolute, sorted.
    pub dotenv: Vec<PathBuf>,
    /// Files named on the command line (absolute), whatever their name.
    pub explicit: Vec<PathBuf>,
    /// Paths that could not be read: (path, reason).
    pub errors: Vec<(PathBuf, String)>,
}

/// Walk `paths` (files or directories, relative to `cwd`).
pub fn discover(paths: &[PathBuf], cwd: &Path, opts: &WalkOptions) -> Discovered {
    let mut out = Discovered::default();
    let overrides = build_excludes(cwd, &opts.exclude);
    for p in paths {
        let abs = absolute(cwd, p);
        let meta = match std::fs::metadata(&abs) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push((abs, e.to_string()));
                continue;
            }
        };
        if meta.is_file() {
            out.explicit.push(abs);
            continue;
        }
        let mut builder = WalkBuilder::new(&abs);
        builder
            .hidden(false)
            .follow_links(true)
            .git_ignore(opts.respect_ignore)
            .git_global(false)
            .git_exclude(opts.respect_ignore)
            .ignore(opts.respect_ignore)
            .parents(opts.respect_ignore)
            .require_git(false)
            .filter_entry(|e| e.file_name() != ".git");
        if let Some(ov) = &overrides {
            builder.overrides(ov.clone());
        }
        for entry in builder.build() {
            let entry = match entry {
                Ok(e) => e,
                // Symlink loops and unreadable directories: skip them and go on; a loop
                // is not a user error worth an exit code of 2.
                Err(_) => continue,
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.into_path();
            match classify(&path) {
                Some(FileClass::Compose) => out.compose.push(path),
                Some(FileClass::Dotenv) => out.dotenv.push(path),
                None => {}
            }
        }
    }
    out.compose.sort();
    out.compose.dedup();
    out.dotenv.sort();
    out.dotenv.dedup();
    out
}

fn build_excludes(cwd: &Path, globs: &[String]) -> Option<ignore::overrides::Override> {
    if globs.is_empty() {
        return None;
    }
    let mut b = ignore::overrides::OverrideBuilder::new(cwd);
    for g in globs {
        // An override glob prefixed with `!` excludes.
        let _ = b.add(&format!("!{g}"));
    }
    b.build().ok()
}

/// `p` made absolute against `cwd`, with `.` components removed (no symlink resolution, so
/// displayed names stay what the user typed).
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    normalize(&joined)
}

/// Lexical normalisation: drop `.`, fold `..`.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "compose.yaml",
            "compose.yml",
            "docker-compose.yml",
            "docker-compose.prod.yaml",
            "compose.override.yml",
        ] {
            assert!(is_compose_name(n), "{n}");
        }
        for n in ["compose.json", "mycompose.yaml", "values.yml"] {
            assert!(!is_compose_name(n), "{n}");
        }
        for n in [".env", ".env.prod", "app.env", "db.env"] {
            assert!(is_dotenv_name(n), "{n}");
        }
        for n in [".envrc", "env", ".env-example", ".environment"] {
            assert!(!is_dotenv_name(n), "{n}");
        }
    }

    #[test]
    fn normalize_folds_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
