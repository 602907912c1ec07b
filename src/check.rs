//! The `check` pipeline: discover → load → parse → (resolve) → rules → sorted report.

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, FileClass, WalkOptions};
use crate::output::Report;
use crate::project::{self, LoadOptions, Loaded, Project};
use crate::projects::{self, ProjectFlags};
use crate::rules::{self, Category, Context, RuleMeta};
use crate::shell_env::{self, ShellEnv, Snapshot};
use crate::source::{FileId, LoadError, SourceMap};
use crate::workspace::Workspace;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Which rules run: `--select`, `--ignore`, `--extend-select` (rule names or categories).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub extend_select: Vec<String>,
}

impl Selection {
    /// Unknown names are a usage error.
    pub fn validate(&self) -> Result<(), String> {
        for s in self
            .select
            .iter()
            .chain(&self.ignore)
            .chain(&self.extend_select)
        {
            if rules::find(s).is_none() && Category::parse(s).is_none() && s != "ALL" {
                return Err(format!(
                    "unknown rule or category `{s}` (see `composelint rules`)"
                ));
            }
        }
        Ok(())
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        let matches = |s: &String| s == "ALL" || s == rule.name || s == rule.category.as_str();
        let base = if self.select.is_empty() {
            rule.default_enabled
        } else {
            self.select.iter().any(matches)
        };
        (base || self.extend_select.iter().any(matches)) && !self.ignore.iter().any(matches)
    }
}

#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub cwd: PathBuf,
    pub walk: WalkOptions,
    pub selection: Selection,
    pub settings: crate::settings::Settings,
    /// `--shell-env FILE`: a snapshot of the deploy shell's environment.
    pub shell_env: Option<PathBuf>,
    /// `--inherit-env`: this process's environment is the deploy shell (under the snapshot).
    pub inherit_env: bool,
    /// The project flags (`-f`, `--env-file`, `-p`, `--project-directory`, `--profile`,
    /// `--assume-set`); the shell is filled in by [`run`].
    pub project: ProjectFlags,
    /// The directory of the settings file, the base of its `[[project]]` paths.
    pub settings_dir: Option<PathBuf>,
    /// `--stdin-filename`: the name to report for `-f -`.
    pub stdin_filename: Option<String>,
}

/// The outcome of a run: the report plus whether an input could not be read (exit 2).
pub struct CheckOutcome {
    pub report: Report,
    pub io_failure: bool,
    /// The parsed `--shell-env` snapshot (None without the flag or when it is unreadable).
    pub shell_snapshot: Option<Snapshot>,
}

pub fn run(opts: &CheckOptions, sources: SourceMap) -> (CheckOutcome, Workspace) {
    let mut ws = Workspace::new(sources);
    let mut diags = Vec::new();
    let mut io_failure = false;
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    // The snapshot is registered first, so a walked file of the same path reuses its text.
    let shell_snapshot = opts.shell_env.as_ref().and_then(|path| {
        let loaded =
            shell_env::load_snapshot(&mut ws.sources, &discover::absolute(&opts.cwd, path));
        if let Some(err) = &ws.sources.get(loaded.file).load_error {
            io_failure |= matches!(err, LoadError::Io(_));
            diags.push(load_error_diagnostic(&ws.sources, loaded.file, err));
        }
        if let Some(snapshot) = &loaded.snapshot {
            diags.extend(snapshot.diagnostics());
        }
        loaded.snapshot
    });
    // With `-f` there is exactly one project and no walk (CLI.md §Projects).
    let found = if opts.project.files.is_empty() {
        discover::discover(&paths, &opts.cwd, &opts.walk)
    } else {
        discover::Discovered::default()
    };
    for (path, reason) in &found.errors {
        let id = ws.sources.load(path);
        io_failure = true;
        diags.push(Diagnostic::file_level(
            "io-error",
            Severity::Error,
            id,
            format!("cannot read {}: {reason}", ws.sources.display_name(path)),
        ));
    }
    let mut linted: BTreeSet<FileId> = BTreeSet::new();
    let mut load = |ws: &mut Workspace, path: &Path, class: FileClass| {
        let id = match class {
            FileClass::Compose => ws.load_yaml(path),
            FileClass::Dotenv => ws.load_dotenv(path),
        };
        linted.insert(id);
        id
    };
    for p in &found.compose {
        load(&mut ws, p, FileClass::Compose);
    }
    for p in &found.dotenv {
        load(&mut ws, p, FileClass::Dotenv);
    }
    for p in &found.explicit {
        // Explicit files are linted whatever their name: a dotenv name is read as dotenv,
        // anything else as a compose file.
        let class = discover::classify(p).unwrap_or(FileClass::Compose);
        load(&mut ws, p, class);
    }
    if opts.project.files.iter().any(|f| f.as_os_str() == "-") {
        let id = ws.register_stdin(opts.stdin_filename.as_deref().unwrap_or("-"));
        linted.insert(id);
    }
    // A `-f` file that cannot be read is an unreadable input (exit 2), reported as such
    // rather than as the load failure it causes.
    for f in opts.project.files.iter().filter(|f| f.as_os_str() != "-") {
        let path = discover::absolute(&opts.cwd, f);
        if !path.is_file() {
            linted.insert(ws.sources.load(&path));
        }
    }
    let mut flags = opts.project.clone();
    flags.shell = deploy_shell(opts.inherit_env, shell_snapshot.as_ref());
    flags.assume_set = assume_set(&opts.settings.assume_set, &flags.assume_set);
    let planned = projects::plan(
        &found,
        &flags,
        &opts.cwd,
        &opts.settings.projects,
        opts.settings_dir.as_deref(),
        |o: &LoadOptions| {
            let loaded = project::load(o, &mut ws);
            let files = loaded
                .files
                .iter()
                .map(|id| ws.sources.get(*id).path.clone())
                .collect();
            (loaded, files)
        },
    );
    // A project's files are linted too, even where .gitignore hides them (its .env,
    // env_files, included and extended files).
    for p in &planned {
        linted.extend(p.loaded.files.iter().copied());
    }
    for &id in &linted {
        let f = ws.sources.get(id);
        if let Some(err) = &f.load_error {
            if matches!(err, LoadError::Io(_)) {
                io_failure = true;
            }
            diags.push(load_error_diagnostic(&ws.sources, id, err));
        }
    }
    for p in &planned {
        if let Some(d) = load_failure(&ws, &p.loaded, &p.options) {
            diags.push(d);
        } else if let Some(d) = decode_failure(&p.loaded) {
            diags.push(d);
        }
    }
    let loaded_projects: Vec<Project> = planned
        .iter()
        .filter_map(|p| p.loaded.result.as_ref().ok().cloned())
        .collect();
    let ctx = Context {
        sources: &ws.sources,
        yaml: &ws.yaml,
        dotenv: &ws.dotenv,
        projects: &loaded_projects,
    };
    diags.extend(rules::run(&ctx, &|r| opts.selection.enabled(r)));
    if !found.explicit.is_empty() {
        // A pre-commit hook passes changed files: report only what concerns them (and
        // what the walk of directory arguments found).
        let wanted: BTreeSet<&Path> = found
            .explicit
            .iter()
            .chain(&found.compose)
            .chain(&found.dotenv)
            .map(PathBuf::as_path)
            .collect();
        let concerns = |id: FileId| wanted.contains(ws.sources.get(id).path.as_path());
        diags.retain(|d| concerns(d.file) || d.labels.iter().any(|l| concerns(l.span.file)));
    }
    diags.retain(|d| rules::find(d.rule).is_none_or(|r| opts.selection.enabled(r)));
    for d in &mut diags {
        d.severity = opts.settings.severity_for(d.rule, d.severity);
    }
    let diagnostics = finalize(&ws.sources, diags);
    (
        CheckOutcome {
            report: Report {
                diagnostics,
                files: linted.len(),
                projects: planned.len(),
            },
            io_failure,
            shell_snapshot,
        },
        ws,
    )
}

/// The deploy shell: empty, or this process's environment with `--inherit-env`; a
/// snapshot's variables win over inherited ones.
fn deploy_shell(inherit: bool, snapshot: Option<&Snapshot>) -> ShellEnv {
    let base = if inherit {
        ShellEnv::from_process()
    } else {
        ShellEnv::default()
    };
    match snapshot {
        Some(s) => base.overlaid_with(s.env.clone()),
        None => base,
    }
}

/// `--assume-set` from the settings and the flags, comma lists split.
fn assume_set(settings: &[String], flags: &[String]) -> Vec<String> {
    settings
        .iter()
        .chain(flags)
        .flat_map(|a| a.split(','))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

/// A project Compose would refuse: a `compose-load-error` finding with Compose's message,
/// unless a file of the project already has a finding that explains it (a YAML or .env
/// syntax error, an unreadable file): root causes, not cascades.
fn load_failure(ws: &Workspace, loaded: &Loaded, options: &LoadOptions) -> Option<Diagnostic> {
    let err = loaded.result.as_ref().err()?;
    let named = options
        .files
        .iter()
        .filter_map(|f| ws.sources.find(&discover::absolute(&options.cwd, f)));
    let explained = loaded.files.iter().copied().chain(named).any(|id| {
        ws.sources.get(id).load_error.is_some()
            || ws.yaml.get(&id).is_some_and(|y| !y.problems.is_empty())
            || ws.dotenv.get(&id).is_some_and(|d| d.error.is_some())
    });
    if explained {
        return None;
    }
    let help = "Docker Compose refuses to load this project; `composelint config` shows what it would print";
    let d = match err.span {
        Some(span) => Diagnostic::new(
            "compose-load-error",
            Severity::Error,
            span,
            err.message.clone(),
        ),
        None => {
            let file = loaded.files.first().copied().or_else(|| {
                options
                    .files
                    .first()
                    .and_then(|f| ws.sources.find(&options.cwd.join(f)))
            })?;
            // No place known: the start of the file, so editors still have a position.
            let start = crate::source::Span::new(file, 0, 0);
            Diagnostic::new(
                "compose-load-error",
                Severity::Error,
                start,
                err.message.clone(),
            )
        }
    };
    Some(d.with_help(help))
}

/// Typed fields Compose cannot decode (`mem_limit: lots`, `interval: 30 seconds`): found
/// when the model is put in Compose's canonical form, as `config` prints it.
fn decode_failure(loaded: &Loaded) -> Option<Diagnostic> {
    let project = loaded.result.as_ref().ok()?;
    let err =
        crate::config::canonical::project(project, crate::config::canonical::Flavor::Json, &[])
            .err()?;
    // A value built from an `--assume-set` placeholder is unknown, not undecodable.
    if crate::project::env::is_assumed_value(&err.message) {
        return None;
    }
    let file = loaded.files.first().copied()?;
    Some(
        Diagnostic::new(
            "compose-load-error",
            Severity::Error,
            err.span.unwrap_or(crate::source::Span::new(file, 0, 0)),
            err.message,
        )
        .with_help("Docker Compose refuses to load this project"),
    )
}

fn load_error_diagnostic(sources: &SourceMap, id: FileId, err: &LoadError) -> Diagnostic {
    let f = sources.get(id);
    match err {
        LoadError::NotUtf8 { offset } | LoadError::Binary { offset } => {
            let span = crate::source::Span::new(id, *offset, *offset);
            let mut d = Diagnostic::new(
                "io-error",
                Severity::Error,
                span,
                format!("{}: {err}", f.display),
            );
            d = d.with_help("Compose reads compose and env files as UTF-8 text");
            d
        }
        _ => Diagnostic::file_level(
            "io-error",
            Severity::Error,
            id,
            format!("cannot read {}: {err}", f.display),
        ),
    }
}

/// Sort by file, line, column, rule and report each (rule, file, span, message) once.
pub fn finalize(sources: &SourceMap, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| {
        let fa = &sources.get(a.file).display;
        let fb = &sources.get(b.file).display;
        fa.cmp(fb)
            .then_with(|| {
                let pa = a.primary.map(|s| (s.start, s.end));
                let pb = b.primary.map(|s| (s.start, s.end));
                pa.cmp(&pb)
            })
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.message.cmp(&b.message))
    });
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags {
        if let Some(prev) = out.last_mut()
            && prev.dedup_key() == d.dedup_key()
        {
            // The same finding reached through several projects: merge the services.
            let services = std::mem::take(&mut prev.services);
            *prev = Diagnostic {
                services,
                ..prev.clone()
            }
            .with_services(d.services);
            continue;
        }
        out.push(d);
    }
    out
}
