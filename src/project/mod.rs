//! The resolved model: a Compose project built exactly as Docker Compose v2.40.3 builds it
//! (SEMANTICS.md), with the provenance of every value.

pub mod value;

mod canonical;
mod cast;
mod compose_file;
mod consistency;
mod container_env;
mod convert;
mod ctx;
pub mod env;
mod envfiles;
mod environment;
mod files;
mod gofmt;
mod gopath;
mod load;
mod merge;
pub mod model;
pub mod name;
mod paths;
mod ports;
mod schema;
mod tree_path;
mod unicity;
mod volumes;

pub use env::{EnvCandidate, EnvFileRef, EnvSource, EnvVar, InterpEnv};
pub use model::{
    ComposeError, ComposeWarning, ContainerVar, Loaded, Project, ResolvedUse, Service, Shadowed,
    UseSource, VarOrigin, WarningKind,
};

use crate::shell_env::ShellEnv;
use std::path::PathBuf;

/// How to load one project: what `docker compose` would be run with.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The directory Compose is run from (cwd).
    pub cwd: PathBuf,
    /// `-f` files (relative to `cwd`); empty = Compose's own discovery from `cwd`.
    pub files: Vec<PathBuf>,
    pub env_files: Vec<PathBuf>,
    pub project_name: Option<String>,
    pub project_directory: Option<PathBuf>,
    pub profiles: Vec<String>,
    /// Services named on the command line (`config svc`): enabled with their profiles.
    pub services: Vec<String>,
    /// The deploy shell (empty unless a snapshot or --inherit-env is given).
    pub shell: ShellEnv,
    pub assume_set: Vec<String>,
    /// Load without interpolating (`config --no-interpolate` / `--variables`): `model` is then
    /// the raw model too, and `${VAR:?}` cannot fail.
    pub skip_interpolation: bool,
}

/// Load one project as Docker Compose would (SEMANTICS §0), with the provenance of every
/// value. Never panics; a failure is `Loaded::result`'s error with Compose's message.
pub fn load(opts: &LoadOptions, ws: &mut crate::workspace::Workspace) -> Loaded {
    let cwd = gopath::to_go(&opts.cwd);
    let mut ctx = ctx::LoadCtx::new(ws, cwd);
    let result = load::load_project(opts, &mut ctx);
    Loaded {
        result,
        warnings: ctx.warnings,
        files: ctx.files,
    }
}
