//! The command line (clap derive). CLI.md is the contract.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "composelint",
    version,
    about = "A fast static linter for Docker Compose files and .env files",
    long_about = "composelint resolves Compose files, .env files, env_files and an optional snapshot \
of the deploy shell exactly as Docker Compose v2.40.3 would, then lints the resolved environment."
)]
pub struct Cli {
    #[command(flatten)]
    pub project: ProjectArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags that mean what they mean to Docker Compose, plus composelint's own resolution
/// flags. Accepted before or after the subcommand.
#[derive(Args, Debug, Clone, Default)]
pub struct ProjectArgs {
    /// Compose configuration file (repeatable; `-` reads stdin). Disables the directory walk.
    #[arg(short = 'f', long = "file", global = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// An env file for interpolation, replacing the project `.env` (repeatable).
    #[arg(long = "env-file", global = true, value_name = "FILE")]
    pub env_files: Vec<PathBuf>,
    /// Project name.
    #[arg(short = 'p', long = "project-name", global = true, value_name = "NAME")]
    pub project_name: Option<String>,
    /// Alternate working directory (default: the directory of the first compose file).
    #[arg(long = "project-directory", global = true, value_name = "DIR")]
    pub project_directory: Option<PathBuf>,
    /// Enable a profile (repeatable).
    #[arg(long = "profile", global = true, value_name = "NAME")]
    pub profiles: Vec<String>,
    /// A snapshot of the deploy shell's environment (`env`, `env -0`, `export -p`,
    /// `declare -x` or Windows `set` output).
    #[arg(long = "shell-env", global = true, value_name = "FILE")]
    pub shell_env: Option<PathBuf>,
    /// Use this process's environment as the deploy shell (a snapshot given with
    /// --shell-env wins where both define a variable).
    #[arg(long = "inherit-env", global = true)]
    pub inherit_env: bool,
    /// Variables the deploy environment provides with values unknown here.
    #[arg(
        long = "assume-set",
        global = true,
        value_name = "VAR[,VAR...]",
        value_delimiter = ','
    )]
    pub assume_set: Vec<String>,
    /// Docker CLI config whose `proxies` Docker injects into containers.
    #[arg(long = "docker-config", global = true, value_name = "FILE")]
    pub docker_config: Option<PathBuf>,
    /// composelint settings file (TOML).
    #[arg(long = "settings", global = true, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint compose projects and .env files (default path: `.`).
    Check(CheckArgs),
    /// Print the resolved project like `docker compose config`.
    Config(ConfigArgs),
    /// Show where each container variable's value came from and what it shadowed.
    Explain(ExplainArgs),
    /// List the rules, or print one rule's page.
    Rules(RulesArgs),
    /// Print the effective settings (settings file merged with defaults).
    Settings(SettingsArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to lint.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Lowest severity that makes the exit code 1 [default: warning, or the settings file's].
    #[arg(long = "fail-on", value_enum)]
    pub fail_on: Option<FailOn>,
    /// Apply safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: also apply fixes marked unsafe (they may change behaviour).
    #[arg(long = "unsafe-fixes")]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Only these rules or categories.
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub select: Vec<String>,
    /// Rules or categories to skip.
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub ignore: Vec<String>,
    /// Rules or categories to add to the selection (e.g. rules off by default).
    #[arg(
        long = "extend-select",
        value_delimiter = ',',
        value_name = "RULE|CATEGORY"
    )]
    pub extend_select: Vec<String>,
    /// The name to report for a file read from stdin (`-f -`).
    #[arg(long = "stdin-filename", value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Write the report to FILE instead of stdout.
    #[arg(long = "output-file", value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Print counts per rule instead of findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print nothing but findings (no summary line).
    #[arg(long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Do not respect .gitignore and other ignore files while walking.
    #[arg(long = "no-ignore")]
    pub no_ignore: bool,
    /// Print secret values in full.
    #[arg(long = "show-secrets")]
    pub show_secrets: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigFormat {
    Yaml,
    Json,
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Only these services (enables their profiles).
    pub services: Vec<String>,
    /// Output format [default: yaml; a table for --variables].
    #[arg(long, value_enum)]
    pub format: Option<ConfigFormat>,
    /// Print the interpolation environment as KEY=VALUE lines.
    #[arg(long, conflicts_with_all = ["variables", "no_interpolate", "list_services"])]
    pub environment: bool,
    /// Print the variables the model references.
    #[arg(long, conflicts_with_all = ["no_interpolate", "list_services"])]
    pub variables: bool,
    /// Print the merged model without interpolation.
    #[arg(long = "no-interpolate")]
    pub no_interpolate: bool,
    /// Print the service names, one per line.
    #[arg(long = "services")]
    pub list_services: bool,
    /// Print the profiles the services declare, one per line.
    #[arg(long = "profiles")]
    pub list_profiles: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExplainFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A service (default: all).
    pub service: Option<String>,
    /// A variable of that service (default: all).
    pub var: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ExplainFormat,
    /// Print secret values in full.
    #[arg(long = "show-secrets")]
    pub show_secrets: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A rule's name: print its page.
    pub name: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: RulesFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsFormat {
    Toml,
    Json,
}

#[derive(Args, Debug)]
pub struct SettingsArgs {
    #[arg(long, value_enum, default_value = "toml")]
    pub format: SettingsFormat,
}
