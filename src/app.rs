//! Command dispatch: parse arguments, call the library, choose the exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage / settings / unreadable input).

use crate::check::{self, CheckOptions, Selection};
use crate::cli::{
    CheckArgs, CheckFormat, Cli, ColorChoice, Command, FailOn, RulesArgs, RulesFormat,
};
use crate::diagnostic::Severity;
use crate::discover::WalkOptions;
use crate::output::{self, RenderOptions};
use crate::rules;
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
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "composelint",
                &mut std::io::stdout(),
            );
            EXIT_CLEAN
        }
        Command::Config(_) | Command::Explain(_) => {
            eprintln!("composelint: this command is not available yet");
            EXIT_USAGE
        }
    }
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("composelint: error: {msg}");
    EXIT_USAGE
}

fn run_check(cli: &Cli, args: &CheckArgs) -> i32 {
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        extend_select: args.extend_select.clone(),
    };
    if let Err(e) = selection.validate() {
        return usage_error(&e);
    }
    if args.statistics && matches!(args.format, CheckFormat::Sarif | CheckFormat::Github) {
        return usage_error("--statistics works with --format human or json");
    }
    if !cli.project.files.is_empty() && !args.paths.is_empty() {
        return usage_error("PATH arguments cannot be combined with -f/--file");
    }
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("cannot determine the current directory: {e}")),
    };
    let opts = CheckOptions {
        paths: args.paths.clone(),
        cwd: cwd.clone(),
        walk: WalkOptions {
            respect_ignore: !args.no_ignore,
            exclude: args.exclude.clone(),
        },
        selection,
    };
    let (outcome, ws) = check::run(&opts, SourceMap::with_cwd(cwd));
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
        (true, CheckFormat::Json) => output::statistics_json(&outcome.report),
        // Human; SARIF and GitHub were refused above.
        (true, _) => output::statistics(&outcome.report),
        (false, format) => output::render(format, &outcome.report, &ws.sources, &render_opts),
    };
    let written = match &args.output_file {
        Some(path) => std::fs::write(path, text.as_bytes()).map_err(|e| e.to_string()),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        return usage_error(&format!("cannot write the report: {e}"));
    }
    if outcome.io_failure {
        return EXIT_USAGE;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
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
