//! Which compose projects `check` loads (CLI.md §Projects): the default project of every
//! directory holding a compose file, overlay sets from the settings file, and every other
//! compose file that no project reaches as a single-file project — or, with `-f`, exactly
//! the one project Compose would build.

use crate::discover::{self, Discovered};
use crate::project::LoadOptions;
use crate::settings::ProjectSettings;
use crate::shell_env::ShellEnv;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Compose's main file names, in its order of preference (SEMANTICS M1).
pub const DEFAULT_COMPOSE_FILES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// The override files Compose adds to a directory's default project.
pub const DEFAULT_OVERRIDE_FILES: [&str; 4] = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// The project flags given on the command line, applied to every project.
#[derive(Clone, Debug, Default)]
pub struct ProjectFlags {
    pub files: Vec<PathBuf>,
    pub env_files: Vec<PathBuf>,
    pub project_name: Option<String>,
    pub project_directory: Option<PathBuf>,
    pub profiles: Vec<String>,
    pub shell: ShellEnv,
    pub assume_set: Vec<String>,
}

/// Why a project was loaded (shown in messages about it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `-f` on the command line.
    Flags,
    /// The default project of a directory.
    Directory(PathBuf),
    /// A `[[project]]` overlay set of the settings file (its index).
    Settings(usize),
    /// A compose file that no other project reaches.
    SingleFile(PathBuf),
}

/// A loaded project with the files it reached.
#[derive(Debug)]
pub struct Planned<T> {
    pub origin: Origin,
    pub options: LoadOptions,
    pub loaded: T,
}

/// Does `dir` hold one of Compose's default file names?
pub fn has_default_compose_file(dir: &Path) -> bool {
    DEFAULT_COMPOSE_FILES.iter().any(|n| dir.join(n).is_file())
}

fn base_options(flags: &ProjectFlags, cwd: &Path) -> LoadOptions {
    LoadOptions {
        cwd: cwd.to_path_buf(),
        files: Vec::new(),
        env_files: flags.env_files.clone(),
        project_name: flags.project_name.clone(),
        project_directory: flags.project_directory.clone(),
        profiles: flags.profiles.clone(),
        services: Vec::new(),
        shell: flags.shell.clone(),
        assume_set: flags.assume_set.clone(),
        skip_interpolation: false,
    }
}

/// Plan and load the projects. `load` loads one project and returns it with the absolute
/// paths of every file it reached (compose files, includes, extends, env files).
pub fn plan<T>(
    found: &Discovered,
    flags: &ProjectFlags,
    cwd: &Path,
    overlays: &[ProjectSettings],
    settings_dir: Option<&Path>,
    mut load: impl FnMut(&LoadOptions) -> (T, Vec<PathBuf>),
) -> Vec<Planned<T>> {
    let mut out = Vec::new();
    if !flags.files.is_empty() {
        let mut options = base_options(flags, cwd);
        options.files = flags.files.clone();
        let (loaded, _) = load(&options);
        out.push(Planned {
            origin: Origin::Flags,
            options,
            loaded,
        });
        return out;
    }
    let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
    let mut run = |origin: Origin,
                   options: LoadOptions,
                   reached: &mut BTreeSet<PathBuf>,
                   out: &mut Vec<Planned<T>>| {
        let (loaded, files) = load(&options);
        reached.extend(files);
        out.push(Planned {
            origin,
            options,
            loaded,
        });
    };
    if let Some(dir) = settings_dir {
        for (i, p) in overlays.iter().enumerate() {
            let mut options = base_options(flags, dir);
            options.files = p.files.clone();
            if !p.env_files.is_empty() {
                options.env_files = p.env_files.clone();
            }
            if !p.profiles.is_empty() {
                options.profiles = p.profiles.clone();
            }
            if p.project_name.is_some() {
                options.project_name = p.project_name.clone();
            }
            run(Origin::Settings(i), options, &mut reached, &mut out);
        }
    }
    // Candidate compose files: walked ones plus explicit ones (whatever their name).
    let explicit_compose: Vec<&PathBuf> = found
        .explicit
        .iter()
        .filter(|p| discover::classify(p) != Some(discover::FileClass::Dotenv))
        .collect();
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for p in found.compose.iter().chain(explicit_compose.iter().copied()) {
        if let Some(d) = p.parent() {
            dirs.insert(d.to_path_buf());
        }
    }
    // An explicit .env belongs to the project of its directory.
    for p in &found.explicit {
        if discover::classify(p) == Some(discover::FileClass::Dotenv)
            && let Some(d) = p.parent()
        {
            dirs.insert(d.to_path_buf());
        }
    }
    for dir in &dirs {
        if has_default_compose_file(dir) {
            run(
                Origin::Directory(dir.clone()),
                base_options(flags, dir),
                &mut reached,
                &mut out,
            );
            // The directory's own compose files belong to its project even when loading
            // stopped before reaching them (a broken .env): never lint them twice.
            for name in DEFAULT_COMPOSE_FILES
                .iter()
                .chain(DEFAULT_OVERRIDE_FILES.iter())
            {
                reached.insert(dir.join(name));
            }
        }
    }
    let mut leftovers: Vec<&PathBuf> = found.compose.iter().chain(explicit_compose).collect();
    leftovers.sort();
    leftovers.dedup();
    for file in leftovers {
        if reached.contains(file.as_path()) {
            continue;
        }
        let Some(dir) = file.parent() else { continue };
        let mut options = base_options(flags, dir);
        options.files = vec![file.clone()];
        run(
            Origin::SingleFile(file.clone()),
            options,
            &mut reached,
            &mut out,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        if let Some(d) = p.parent() {
            let _ = std::fs::create_dir_all(d);
        }
        let _ = std::fs::write(p, "services: {}\n");
    }

    #[test]
    fn default_projects_then_leftover_single_files() {
        let tmp = tempfile::tempdir().ok();
        let Some(tmp) = tmp else { return };
        let root = tmp.path();
        for f in [
            "a/compose.yaml",
            "a/compose.override.yml",
            "a/docker-compose.prod.yml",
            "b/stack.yml",
        ] {
            touch(&root.join(f));
        }
        let found = Discovered {
            compose: vec![
                root.join("a/compose.override.yml"),
                root.join("a/compose.yaml"),
                root.join("a/docker-compose.prod.yml"),
            ],
            explicit: vec![root.join("b/stack.yml")],
            ..Default::default()
        };
        // The fake loader reaches the main file and the override of a directory.
        let planned = plan(&found, &ProjectFlags::default(), root, &[], None, |o| {
            let reached = if o.files.is_empty() {
                vec![
                    o.cwd.join("compose.yaml"),
                    o.cwd.join("compose.override.yml"),
                ]
            } else {
                o.files.clone()
            };
            ((), reached)
        });
        let origins: Vec<Origin> = planned.into_iter().map(|p| p.origin).collect();
        assert_eq!(
            origins,
            vec![
                Origin::Directory(root.join("a")),
                Origin::SingleFile(root.join("a/docker-compose.prod.yml")),
                Origin::SingleFile(root.join("b/stack.yml")),
            ]
        );
    }

    #[test]
    fn dash_f_means_exactly_one_project() {
        let flags = ProjectFlags {
            files: vec![PathBuf::from("x.yml"), PathBuf::from("y.yml")],
            ..Default::default()
        };
        let found = Discovered::default();
        let planned = plan(&found, &flags, Path::new("/w"), &[], None, |o| {
            (o.files.len(), vec![])
        });
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].loaded, 2);
        assert_eq!(planned[0].origin, Origin::Flags);
    }
}
