//! `composelint config`: load the project as `docker compose config` would and print it in
//! the same shape, or one of its listings (`--environment`, `--variables`, `--services`,
//! `--no-interpolate`). Where Compose fails, the failure is a diagnostic and exit code 1.

use super::canonical::{self, Flavor};
use super::go_json::{self, JsonStyle};
use super::go_yaml;
use crate::cli::{ConfigArgs, ConfigFormat, ProjectArgs};
use crate::interpolate::{self, VariableInfo};
use crate::project::value::{Node, Value as NodeValue};
use crate::project::{self, LoadOptions, Project};
use crate::shell_env::{self, ShellEnv};
use crate::workspace::Workspace;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::path::Path;

/// What a run printed and how it ends.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// The load options the project flags describe, the deploy shell included. A snapshot that
/// cannot be read is an error (exit 2).
pub fn load_options(
    project: &ProjectArgs,
    services: &[String],
    cwd: &Path,
    ws: &mut Workspace,
    settings_assume_set: &[String],
) -> Result<LoadOptions, String> {
    let mut shell = if project.inherit_env {
        ShellEnv::from_process()
    } else {
        ShellEnv::default()
    };
    if let Some(path) = &project.shell_env {
        let abs = if path.is_absolute() {
            path.clone()
        } else {
            cwd.join(path)
        };
        let loaded = shell_env::load_snapshot(&mut ws.sources, &abs);
        match loaded.snapshot {
            Some(s) => shell = shell.overlaid_with(s.env),
            None => {
                let why = ws
                    .sources
                    .get(loaded.file)
                    .load_error
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "unreadable".to_string());
                return Err(format!("cannot read {}: {why}", path.display()));
            }
        }
    }
    if project.files.iter().any(|f| f.as_os_str() == "-") {
        ws.register_stdin("-");
    }
    let mut assume_set: Vec<String> = settings_assume_set.to_vec();
    for a in &project.assume_set {
        assume_set.extend(a.split(',').filter(|s| !s.is_empty()).map(str::to_string));
    }
    Ok(LoadOptions {
        cwd: cwd.to_path_buf(),
        files: project.files.clone(),
        env_files: project.env_files.clone(),
        project_name: project.project_name.clone(),
        project_directory: project.project_directory.clone(),
        profiles: project.profiles.clone(),
        services: services.to_vec(),
        shell,
        assume_set,
        skip_interpolation: false,
    })
}

pub fn run(project_args: &ProjectArgs, args: &ConfigArgs, cwd: &Path) -> Outcome {
    let mut ws = Workspace::new(crate::source::SourceMap::with_cwd(cwd.to_path_buf()));
    let opts = match load_options(project_args, &args.services, cwd, &mut ws, &[]) {
        Ok(o) => o,
        Err(e) => {
            return Outcome {
                stdout: String::new(),
                stderr: format!("composelint: error: {e}\n"),
                code: 2,
            };
        }
    };
    let mut opts = opts;
    opts.skip_interpolation = args.no_interpolate || args.variables;
    let loaded = project::load(&opts, &mut ws);
    let mut stderr = String::new();
    for w in &loaded.warnings {
        stderr.push_str(&format!("WARN {}\n", w.message));
    }
    let flavor = match args.format {
        Some(ConfigFormat::Json) => Flavor::Json,
        Some(ConfigFormat::Yaml) | None => Flavor::Yaml,
    };
    let failure = |message: String, span, stderr: &mut String, ws: &Workspace| {
        stderr.push_str(&render_failure(&message, span, ws));
        Outcome {
            stdout: String::new(),
            stderr: std::mem::take(stderr),
            code: 1,
        }
    };
    let p = match loaded.result {
        Ok(p) => p,
        Err(e) => return failure(e.message, e.span, &mut stderr, &ws),
    };
    let stdout = if args.environment {
        let mut lines = p.env.listing().join("\n");
        lines.push('\n');
        lines
    } else if args.list_profiles {
        profiles_listing(&p)
    } else if args.list_services {
        services_listing(&p)
    } else if args.variables {
        variables_listing(&p, args.format)
    } else if args.no_interpolate {
        let doc = canonical::raw_project(&p, flavor);
        render(&doc, flavor, false)
    } else {
        let shown = p.with_dependencies(&args.services);
        match canonical::project(&p, flavor, &shown) {
            Ok(doc) => render(&doc, flavor, true),
            Err(e) => return failure(e.message, e.span, &mut stderr, &ws),
        }
    };
    Outcome {
        stdout,
        stderr,
        code: 0,
    }
}

/// Compose's error, as Compose prints it, then where it is in our files when known.
fn render_failure(message: &str, span: Option<crate::source::Span>, ws: &Workspace) -> String {
    let mut out = format!("composelint: error: {message}\n");
    if let Some(span) = span {
        let (start, _) = ws.sources.position(span);
        let file = &ws.sources.get(span.file).display;
        out.push_str(&format!("  --> {file}:{}:{}\n", start.line, start.column));
    }
    out
}

/// The document as text; `escape`: every `$` doubled, as `config` prints resolved values.
fn render(doc: &Value, flavor: Flavor, escape: bool) -> String {
    let doc = if escape {
        escape_dollars(doc)
    } else {
        doc.clone()
    };
    match flavor {
        Flavor::Json => go_json::to_string(
            &doc,
            JsonStyle {
                indent: "  ",
                escape_html: true,
            },
        ),
        Flavor::Yaml => go_yaml::to_string(&doc, 2),
    }
}

fn escape_dollars(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.replace('$', "$$")),
        Value::Array(items) => Value::Array(items.iter().map(escape_dollars).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.replace('$', "$$"), escape_dollars(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `config --services`: the services Compose would run, one per line, each after the
/// services it depends on. (Compose ignores service arguments here, and breaks ties in Go
/// map order, which varies between runs; we break them by name.)
fn services_listing(p: &Project) -> String {
    p.services_in_dependency_order()
        .into_iter()
        .map(|n| n + "\n")
        .collect()
}

/// `config --profiles`: every profile a service declares, sorted, once each.
fn profiles_listing(p: &Project) -> String {
    let mut all: Vec<&String> = p.services.values().flat_map(|s| &s.profiles).collect();
    all.sort();
    all.dedup();
    all.into_iter().map(|n| format!("{n}\n")).collect()
}

/// `config --variables`: every variable the raw model references, by name: a table by
/// default, or JSON / YAML with Compose's own field names.
fn variables_listing(p: &Project, format: Option<ConfigFormat>) -> String {
    let mut found: IndexMap<String, VariableInfo> = IndexMap::new();
    collect_variables(&p.raw_model, &mut found);
    found.sort_keys();
    let Some(format) = format else {
        return variables_table(&found);
    };
    let yaml = format == ConfigFormat::Yaml;
    let field = |go: &'static str| -> String {
        if yaml {
            go.to_lowercase()
        } else {
            go.to_string()
        }
    };
    let doc: Map<String, Value> = found
        .into_iter()
        .map(|(name, info)| {
            let mut o = Map::new();
            o.insert(field("Name"), Value::String(info.name.clone()));
            o.insert(field("DefaultValue"), Value::String(info.default_value));
            o.insert(field("PresenceValue"), Value::String(info.presence_value));
            o.insert(field("Required"), Value::Bool(info.required));
            (name, Value::Object(o))
        })
        .collect();
    let doc = Value::Object(doc);
    if yaml {
        return go_yaml::to_string(&doc, 4);
    }
    // Compose prints this listing followed by an empty line.
    go_json::to_string(
        &doc,
        JsonStyle {
            indent: "    ",
            escape_html: true,
        },
    ) + "\n\n"
}

/// The default `--variables` output: Go's tabwriter with a minimum column width of 20 and
/// a padding of 3; the last column is not padded.
fn variables_table(found: &IndexMap<String, VariableInfo>) -> String {
    let mut rows: Vec<[String; 4]> = vec![[
        "NAME".into(),
        "REQUIRED".into(),
        "DEFAULT VALUE".into(),
        "ALTERNATE VALUE".into(),
    ]];
    for info in found.values() {
        rows.push([
            info.name.clone(),
            info.required.to_string(),
            info.default_value.clone(),
            info.presence_value.clone(),
        ]);
    }
    let mut widths = [20usize; 3];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count() + 3);
        }
    }
    let mut out = String::new();
    for row in &rows {
        for (w, cell) in widths.iter().zip(row.iter()) {
            out.push_str(cell);
            out.push_str(&" ".repeat(w.saturating_sub(cell.chars().count())));
        }
        out.push_str(&row[3]);
        out.push('\n');
    }
    out
}

fn collect_variables(node: &Node, out: &mut IndexMap<String, VariableInfo>) {
    match &node.value {
        NodeValue::Str(s) => {
            for v in interpolate::variables(s) {
                out.insert(v.name.clone(), v);
            }
        }
        NodeValue::Seq(items) => items.iter().for_each(|i| collect_variables(i, out)),
        NodeValue::Map(m) => m.values().for_each(|v| collect_variables(v, out)),
        _ => {}
    }
}
