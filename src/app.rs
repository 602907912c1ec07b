//! Command dispatch: parse arguments, call the library, choose the exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage / settings / unreadable input).

use crate::check::{self, CheckOptions, Selection};
use crate::cli::{
    CheckArgs, CheckFormat, Cli, ColorChoice, Command, FailOn, RulesArgs, RulesFormat,
    SettingsArgs, SettingsFormat,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::WalkOptions;
use crate::fix;
use crate::output::{self, RenderOptions, Report};
use crate::projects::ProjectFlags;
use crate::rules;
use crate::settings::{self, LoadedSettings, SettingsError};
use crate::source::SourceMap;
use clap::{CommandFactory, Parser};
use std::io::{IsTerminal, Write};

pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Run the CLI with this process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(ref args) => run_check(&cli, args),
        Command::Rules(ref args) => run_rules(args),
        Command::Settings(ref args) => run_settings(&cli, args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "composelint",
                &mut std::io::stdout(),
            );
            EXIT_CLEAN
        }
        Command::Config(ref args) => run_config(&cli, args),
        Command::Explain(ref args) => run_explain(&cli, args),
    }
}

fn run_config(cli: &Cli, args: &crate::cli::ConfigArgs) -> i32 {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("cannot determine the current directory: {e}")),
    };
    let outcome = crate::config::command::run(&cli.project, args, &cwd);
    eprint!("{}", outcome.stderr);
    print!("{}", outcome.stdout);
    outcome.code
}

fn run_explain(cli: &Cli, args: &crate::cli::ExplainArgs) -> i32 {
    use crate::explain::{self, Filter};
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("cannot determine the current directory: {e}")),
    };
    let mut ws = crate::workspace::Workspace::new(SourceMap::with_cwd(cwd.clone()));
    let opts = match crate::config::command::load_options(&cli.project, &[], &cwd, &mut ws, &[]) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    let loaded = crate::project::load(&opts, &mut ws);
    let project = match loaded.result {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "composelint: error: Docker Compose would refuse this project: {}",
                e.message
            );
            if let Some(span) = e.span {
                let (start, _) = ws.sources.position(span);
                eprintln!(
                    "  --> {}:{}:{}",
                    ws.sources.get(span.file).display,
                    start.line,
                    start.column
                );
            }
            return EXIT_FINDINGS;
        }
    };
    let filter = Filter {
        service: args.service.as_deref(),
        var: args.var.as_deref(),
        show_secrets: args.show_secrets,
    };
    let explanation = match explain::explain(&project, &ws.sources, &filter) {
        Ok(e) => e,
        Err(msg) => return usage_error(&msg),
    };
    match args.format {
        crate::cli::ExplainFormat::Human => {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal();
            print!("{}", explain::render_human(&explanation, color));
        }
        crate::cli::ExplainFormat::Json => match serde_json::to_string_pretty(&explanation) {
            Ok(text) => println!("{text}"),
            Err(e) => return usage_error(&e.to_string()),
        },
    }
    EXIT_CLEAN
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("composelint: error: {msg}");
    EXIT_USAGE
}

fn run_check(cli: &Cli, args: &CheckArgs) -> i32 {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("cannot determine the current directory: {e}")),
    };
    if !cli.project.files.is_empty() && !args.paths.is_empty() {
        return usage_error("PATH arguments cannot be combined with -f/--file");
    }
    if args.fix && cli.project.files.iter().any(|f| f.as_os_str() == "-") {
        return usage_error("--fix cannot rewrite standard input; use --diff");
    }
    if args.statistics && matches!(args.format, CheckFormat::Sarif | CheckFormat::Github) {
        return usage_error("--statistics works with --format human or json");
    }
    let mut sources = SourceMap::with_cwd(cwd.clone());
    let loaded = match settings::locate(cli.project.settings.as_deref(), &cwd) {
        Some(path) => match settings::load(&path, &mut sources) {
            Ok(l) => l,
            Err(e) => return report_settings_error(args, sources, e),
        },
        None => LoadedSettings::default(),
    };
    let s = &loaded.settings;
    let selection = Selection {
        select: if args.select.is_empty() {
            s.select.clone()
        } else {
            args.select.clone()
        },
        ignore: s.ignore.iter().chain(&args.ignore).cloned().collect(),
        extend_select: s
            .extend_select
            .iter()
            .chain(&args.extend_select)
            .cloned()
            .collect(),
    };
    if let Err(e) = selection.validate() {
        return usage_error(&e);
    }
    let threshold = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => s
            .fail_on
            .as_deref()
            .and_then(Severity::parse)
            .unwrap_or(Severity::Warning),
    };
    let opts = CheckOptions {
        paths: args.paths.clone(),
        cwd: cwd.clone(),
        walk: WalkOptions {
            respect_ignore: !args.no_ignore,
            exclude: s.exclude.iter().chain(&args.exclude).cloned().collect(),
        },
        selection,
        settings: s.clone(),
        shell_env: cli.project.shell_env.clone(),
        inherit_env: cli.project.inherit_env,
        project: ProjectFlags {
            files: cli.project.files.clone(),
            env_files: cli.project.env_files.clone(),
            project_name: cli.project.project_name.clone(),
            project_directory: cli.project.project_directory.clone(),
            profiles: cli.project.profiles.clone(),
            shell: Default::default(),
            assume_set: cli.project.assume_set.clone(),
        },
        stdin_filename: args.stdin_filename.clone(),
        settings_dir: loaded.file.and_then(|id| sources_dir(&sources, id)),
    };
    let (mut outcome, mut ws) = check::run(&opts, sources);
    if args.fix || args.diff {
        let plan = fix::plan(&outcome.report.diagnostics, &ws.sources, args.unsafe_fixes);
        if args.diff {
            print!("{}", fix::diff(&plan, &ws.sources));
            return if plan.fixed > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            };
        }
        if let Err(e) = fix::write(&plan, &ws.sources) {
            return usage_error(&e);
        }
        if plan.fixed > 0 {
            eprintln!("composelint: fixed {} finding(s)", plan.fixed);
            // Report what remains, from the rewritten files.
            let mut fresh = SourceMap::with_cwd(cwd);
            if let Some(path) = settings::locate(cli.project.settings.as_deref(), &opts.cwd) {
                let _ = settings::load(&path, &mut fresh);
            }
            (outcome, ws) = check::run(&opts, fresh);
        }
    }
    if let Err(e) = emit(args, &outcome.report, &ws.sources) {
        return usage_error(&e);
    }
    if outcome.io_failure {
        return EXIT_USAGE;
    }
    if outcome
        .report
        .diagnostics
        .iter()
        .any(|d| d.severity >= threshold)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Render the report in the requested format to stdout or `--output-file`.
fn emit(args: &CheckArgs, report: &Report, sources: &SourceMap) -> Result<(), String> {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && args.output_file.is_none()
                && std::io::stdout().is_terminal()
        }
    };
    let render_opts = RenderOptions {
        color,
        show_secrets: args.show_secrets,
        quiet: args.quiet,
    };
    let text = match (args.statistics, args.format) {
        (true, CheckFormat::Json) => output::statistics_json(report),
        // Human; SARIF and GitHub were refused before linting.
        (true, _) => output::statistics(report),
        (false, format) => output::render(format, report, sources, &render_opts),
    };
    match &args.output_file {
        Some(path) => std::fs::write(path, text.as_bytes()).map_err(|e| e.to_string()),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("cannot write the report: {e}"))
}

/// An invalid settings file: report it as a `settings-error` finding in the requested
/// format (so editors see it) and exit 2 without linting.
fn report_settings_error(args: &CheckArgs, mut sources: SourceMap, e: SettingsError) -> i32 {
    let file = match e.file {
        Some(f) => f,
        None => sources.add_virtual("composelint.toml", "composelint.toml", String::new()),
    };
    let d = match e.span {
        Some(span) => Diagnostic::new("settings-error", Severity::Error, span, e.message),
        None => Diagnostic::file_level("settings-error", Severity::Error, file, e.message),
    };
    let report = Report {
        diagnostics: vec![d],
        files: 0,
        projects: 0,
    };
    if let Err(err) = emit(args, &report, &sources) {
        eprintln!("composelint: error: {err}");
    }
    EXIT_USAGE
}

fn run_settings(cli: &Cli, args: &SettingsArgs) -> i32 {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("cannot determine the current directory: {e}")),
    };
    let mut sources = SourceMap::with_cwd(cwd.clone());
    let loaded = match settings::locate(cli.project.settings.as_deref(), &cwd) {
        Some(path) => match settings::load(&path, &mut sources) {
            Ok(l) => l,
            Err(e) => return usage_error(&e.message),
        },
        None => LoadedSettings::default(),
    };
    let text = match args.format {
        SettingsFormat::Toml => toml::to_string_pretty(&loaded.settings).map_err(|e| e.to_string()),
        SettingsFormat::Json => serde_json::to_string_pretty(&loaded.settings)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string()),
    };
    match text {
        Ok(t) => {
            if let Some(id) = loaded.file {
                eprintln!("# from {}", sources.get(id).display);
            }
            print!("{t}");
            EXIT_CLEAN
        }
        Err(e) => usage_error(&e),
    }
}

fn run_rules(args: &RulesArgs) -> i32 {
    if let Some(name) = &args.name {
        let Some(rule) = rules::find(name) else {
            return usage_error(&format!("unknown rule `{name}` (see `composelint rules`)"));
        };
        match args.format {
            RulesFormat::Human => print!("{}", rule.doc),
            RulesFormat::Json => println!(
                "{}",
                serde_json::to_string_pretty(&rule_json(rule)).unwrap_or_default()
            ),
        }
        return EXIT_CLEAN;
    }
    match args.format {
        RulesFormat::Human => {
            let width = rules::RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for r in rules::RULES {
                println!(
                    "{:width$}  {:9}  {:7}  {}{}",
                    r.name,
                    r.category.as_str(),
                    r.severity.as_str(),
                    r.summary,
                    if r.default_enabled {
                        ""
                    } else {
                        " (off by default)"
                    },
                );
            }
        }
        RulesFormat::Json => {
            let all: Vec<_> = rules::RULES.iter().map(rule_json).collect();
            println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        }
    }
    EXIT_CLEAN
}

fn rule_json(r: &rules::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "name": r.name,
        "category": r.category,
        "severity": r.severity,
        "enabled_by_default": r.default_enabled,
        "fix": r.fix,
        "summary": r.summary,
    })
}

/// The directory of a registered file (the settings file's, for `[[project]]` paths).
fn sources_dir(sources: &SourceMap, id: crate::source::FileId) -> Option<std::path::PathBuf> {
    sources
        .get(id)
        .path
        .parent()
        .map(std::path::Path::to_path_buf)
}
