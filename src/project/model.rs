//! The result of loading a project: the merged model trees, the interpolation environment
//! and a typed view of each service's container environment with provenance.

use super::env::{EnvSource, InterpEnv};
use super::value::Node;
use crate::interpolate::VarUse;
use crate::source::{FileId, Span};
use indexmap::IndexMap;
use std::path::PathBuf;

/// A failure, with exactly the text Docker Compose prints on stderr for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposeError {
    pub message: String,
    /// Where in our files the offending value or line is, when known.
    pub span: Option<Span>,
}

impl ComposeError {
    pub fn new(message: impl Into<String>, span: Option<Span>) -> Self {
        ComposeError {
            message: message.into(),
            span,
        }
    }
}

impl std::fmt::Display for ComposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a warning is about, so callers need not parse the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WarningKind {
    /// `The "X" variable is not set. Defaulting to a blank string.`
    UnsetVariable { name: String },
    /// `<file>: the attribute `version` is obsolete, ...`
    ObsoleteVersion,
    /// `Found multiple config files with supported names: ...` and its `Using ...` line.
    MultipleConfigFiles,
    /// `"yes" for boolean is not supported by YAML 1.2, please use `true``
    Yaml11Boolean,
}

/// One of Compose's warnings (the `msg` of its logrus line), with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposeWarning {
    pub kind: WarningKind,
    pub message: String,
    pub span: Option<Span>,
}

/// The outcome of [`super::load`].
#[derive(Debug)]
pub struct Loaded {
    pub result: Result<Project, ComposeError>,
    /// De-duplicated by message, in the order first seen (Compose prints some several times).
    pub warnings: Vec<ComposeWarning>,
    /// Every file the project reached: compose files, `.env` / `--env-file` files, env_files,
    /// extends and include files, in the order they were reached.
    pub files: Vec<FileId>,
}

/// A loaded project.
#[derive(Clone, Debug)]
pub struct Project {
    pub name: String,
    /// The project directory (absolute).
    pub working_dir: PathBuf,
    /// The compose files of the project, absolute, in load order.
    pub compose_files: Vec<PathBuf>,
    /// The interpolation environment (`config --environment`), with provenance.
    pub env: InterpEnv,
    /// The merged, interpolated model after extends and include: `env_file` folded into
    /// `environment` (a mapping `KEY -> string | null`) and removed, valueless entries
    /// resolved, `build.args` a mapping without unresolvable entries, ports in long form,
    /// relative paths absolute. Services of inactive profiles are included.
    pub model: Node,
    /// The merged model without interpolation (`config --no-interpolate`): placeholders as
    /// written, `env_file` still listed (long form, absolute paths).
    pub raw_model: Node,
    /// The services Compose would run, in model order: profile-enabled ones, or with
    /// services named on the command line, those plus their dependencies.
    pub active_services: Vec<String>,
    /// Profiles enabled by `--profile` or `COMPOSE_PROFILES`.
    pub profiles: Vec<String>,
    /// Typed view of every service (active or not), in model order.
    pub services: IndexMap<String, Service>,
}

impl Project {
    pub fn service(&self, name: &str) -> Option<&Service> {
        self.services.get(name)
    }

    /// `depends_on` targets of a service, as written (list or mapping keys).
    pub fn dependencies(&self, name: &str) -> Vec<String> {
        self.model
            .get("services")
            .and_then(|s| s.get(name))
            .map(super::load::depends_on)
            .unwrap_or_default()
    }

    /// The active services in dependency order (a service after everything it depends
    /// on), ties broken by name, as `config --services` lists them.
    pub fn services_in_dependency_order(&self) -> Vec<String> {
        let mut names: Vec<&String> = self.active_services.iter().collect();
        names.sort();
        let mut out: Vec<String> = Vec::new();
        let mut visiting: Vec<String> = Vec::new();
        for n in names {
            self.visit(n, &mut out, &mut visiting);
        }
        out
    }

    fn visit(&self, name: &str, out: &mut Vec<String>, visiting: &mut Vec<String>) {
        if out.iter().any(|o| o == name) || visiting.iter().any(|v| v == name) {
            return;
        }
        visiting.push(name.to_string());
        let mut deps = self.dependencies(name);
        deps.sort();
        for d in deps {
            if self.active_services.contains(&d) {
                self.visit(&d, out, visiting);
            }
        }
        visiting.pop();
        out.push(name.to_string());
    }

    /// `names` plus everything they depend on, transitively (what `config SERVICE...`
    /// prints).
    pub fn with_dependencies(&self, names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut queue: Vec<String> = names.to_vec();
        while let Some(n) = queue.pop() {
            if out.contains(&n) {
                continue;
            }
            queue.extend(self.dependencies(&n));
            out.push(n);
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    pub active: bool,
    pub profiles: Vec<String>,
    /// The service's mapping as written (the first file that defines it).
    pub span: Option<Span>,
    /// Its name as written.
    pub key_span: Option<Span>,
    /// The container environment, in Compose's precedence already applied.
    pub environment: IndexMap<String, ContainerVar>,
    /// `build.args` after valueless resolution (unresolvable ones are absent).
    pub build_args: IndexMap<String, ContainerVar>,
}

/// One variable of a container environment (or a build argument).
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerVar {
    /// None: declared without a value and not resolvable (Compose sends `KEY` alone, which
    /// unsets it in the container).
    pub value: Option<String>,
    /// The environment entry or env_file statement that produced the value.
    pub entered: Option<Span>,
    pub origin: VarOrigin,
    /// The `${...}` uses that built the value, with where each variable came from.
    pub uses: Vec<ResolvedUse>,
    /// Definitions this one beat (env_file lines overridden by `environment`, earlier
    /// env_files), lowest precedence first.
    pub shadowed: Vec<Shadowed>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VarOrigin {
    /// An `environment` entry with a value (`KEY: v` or `- KEY=v`).
    Environment {
        key_span: Option<Span>,
        value_span: Option<Span>,
        list_form: bool,
    },
    /// A valueless `environment` / `build.args` entry (`KEY:` / `- KEY`) filled from the
    /// interpolation environment (`from` is that variable's source), or left unset
    /// (`from` None).
    Valueless {
        key_span: Option<Span>,
        from: Option<EnvSource>,
    },
    /// A statement of an `env_file`.
    EnvFile {
        file: FileId,
        /// Index into the file's `DotenvFile::statements` (raw-format files: the line).
        statement: usize,
        key_span: Option<Span>,
        value_span: Option<Span>,
        /// A bare `KEY` line whose value came from a lookup.
        bare: bool,
    },
    /// Produced by Compose itself (the `#extensions` quirk of `x-` keys).
    Synthesized,
}

/// Where a looked-up variable's value came from.
#[derive(Clone, Debug, PartialEq)]
pub enum UseSource {
    /// The interpolation environment (shell, env files, computed).
    Project(EnvSource),
    /// The service's own `environment` (env_file interpolation, §1.9).
    ServiceEnvironment { span: Option<Span> },
    /// A key read earlier from the same or a previous env_file of the service.
    EarlierEnvFile,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedUse {
    pub var: VarUse,
    /// The `${...}` text in the file, when it can be located exactly.
    pub span: Option<Span>,
    /// None when the variable was unset.
    pub source: Option<UseSource>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shadowed {
    pub value: Option<String>,
    pub entered: Option<Span>,
    pub origin: VarOrigin,
}
