//! Every recorded oracle case of `fixtures/conformance/` through `project::load`: the
//! project name and each service's container environment must be what Docker Compose
//! printed (`expected.json`), and where Compose failed, loading must fail with its message.
//! Output formatting is checked separately, through the `config` command.

mod support;

use composelint::project::{self, LoadOptions};
use composelint::shell_env::{ShellEnv, ShellOrigin, ShellVar};
use composelint::workspace::Workspace;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Cases whose disagreement is known and explained (name, reason), besides the
/// schema gaps both conformance tests share ([`support::SCHEMA_GAPS`]).
const KNOWN: &[(&str, &str)] = &[
    (
        "typed-duration-invalid",
        "decode errors of typed fields are raised by the config printer (and check), not by load",
    ),
    (
        "typed-mem-invalid",
        "decode errors of typed fields are raised by the config printer (and check), not by load",
    ),
    (
        "cl-fail-mem-limit-bad",
        "decode errors of typed fields are raised by the config printer (and check), not by load",
    ),
    (
        "cl-healthcheck-bad-duration",
        "decode errors of typed fields are raised by the config printer (and check), not by load",
    ),
];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance")
}

/// The case's `cmd` as load options; None when the command is not `config` at all.
fn options(case: &Path, cwd: &Path) -> Option<(LoadOptions, Vec<String>)> {
    let cmd = std::fs::read_to_string(case.join("cmd")).ok()?;
    let words = support::shell_words(cmd.lines().next().unwrap_or_default());
    let mut opts = LoadOptions {
        cwd: cwd.to_path_buf(),
        ..Default::default()
    };
    let mut flags = Vec::new();
    let mut it = words.into_iter();
    let mut seen_config = false;
    while let Some(w) = it.next() {
        match w.as_str() {
            "-f" | "--file" => opts.files.push(it.next()?.into()),
            "--env-file" => opts.env_files.push(it.next()?.into()),
            "-p" | "--project-name" => opts.project_name = it.next(),
            "--project-directory" => opts.project_directory = it.next().map(PathBuf::from),
            "--profile" => opts.profiles.push(it.next()?),
            "config" => seen_config = true,
            "--format" => {
                it.next()?;
            }
            other if seen_config && !other.starts_with('-') => {
                opts.services.push(other.to_string())
            }
            other => flags.push(other.to_string()),
        }
    }
    seen_config.then_some((opts, flags))
}

fn shell(case: &Path) -> ShellEnv {
    let mut env = ShellEnv::default();
    let text = std::fs::read_to_string(case.join("shell.env")).unwrap_or_default();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            env.vars.insert(
                k.to_string(),
                ShellVar {
                    value: Some(v.to_string()),
                    origin: ShellOrigin::Inherited,
                },
            );
        }
    }
    env
}

/// The error line of `expected.err`: the first line that is not a logrus warning.
fn expected_error(case: &Path) -> String {
    let text = std::fs::read_to_string(case.join("expected.err")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with("level="))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compare one case; Err(reason) on disagreement, Ok(false) when not applicable.
fn run_case(case: &Path) -> Result<bool, String> {
    let cwd = match std::fs::read_to_string(case.join("cwd")) {
        Ok(sub) => case.join(sub.trim()),
        Err(_) => case.to_path_buf(),
    };
    let Some((mut opts, flags)) = options(case, &cwd) else {
        return Ok(false);
    };
    // Listings that do not load the model (or not interpolated) are the config tests' job.
    if flags
        .iter()
        .any(|f| f == "--no-interpolate" || f == "--variables")
    {
        return Ok(false);
    }
    opts.shell = shell(case);
    let rc = std::fs::read_to_string(case.join("expected.rc")).unwrap_or_default();
    let mut ws = Workspace::default();
    let loaded = project::load(&opts, &mut ws);
    let casedir = case.to_string_lossy().into_owned();
    if rc.trim() == "1" {
        let want = expected_error(case);
        return match loaded.result {
            Ok(_) => Err(format!("loaded, but Compose failed with: {want}")),
            Err(e) => {
                let got = e.message.replace(&casedir, "<CASEDIR>");
                let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                if flat(&got) == flat(&want) {
                    Ok(true)
                } else {
                    Err(format!("error differs:\n  want: {want}\n  got:  {got}"))
                }
            }
        };
    }
    let project = loaded
        .result
        .map_err(|e| format!("failed: {}", e.message))?;
    let Ok(text) = std::fs::read_to_string(case.join("expected.json")) else {
        return Ok(false);
    };
    let expected: Value = serde_json::from_str(&text).map_err(|e| format!("bad json: {e}"))?;
    let unescape = |s: &str| s.replace("$$", "$");
    if expected["name"].as_str().map(unescape).as_deref() != Some(project.name.as_str()) {
        return Err(format!(
            "name: want {}, got {}",
            expected["name"], project.name
        ));
    }
    let want_services = expected["services"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    // `config SERVICE...` prints the named services and their dependencies.
    let shown = if opts.services.is_empty() {
        project.active_services.clone()
    } else {
        project.with_dependencies(&opts.services)
    };
    let mut got_names: Vec<&String> = project
        .services
        .keys()
        .filter(|n| shown.contains(n))
        .collect();
    got_names.sort();
    let mut want_names: Vec<&String> = want_services.keys().collect();
    want_names.sort();
    if got_names != want_names {
        return Err(format!("services: want {want_names:?}, got {got_names:?}"));
    }
    for (name, svc) in &want_services {
        let want_env = svc["environment"].as_object().cloned().unwrap_or_default();
        let got = &project.services[name].environment;
        let mut problems = Vec::new();
        for (k, v) in &want_env {
            let want = v.as_str().map(unescape);
            match got.get(&unescape(k)) {
                Some(var)
                    if var.value.as_ref().map(|v| v.replace(&casedir, "<CASEDIR>")) == want => {}
                Some(var) => problems.push(format!("{k}: want {want:?}, got {:?}", var.value)),
                None => problems.push(format!("{k}: missing")),
            }
        }
        for k in got.keys() {
            if !want_env.contains_key(&k.replace('$', "$$")) {
                problems.push(format!("{k}: unexpected"));
            }
        }
        if !problems.is_empty() {
            return Err(format!("service {name}: {}", problems.join("; ")));
        }
    }
    Ok(true)
}

#[test]
fn recorded_cases_agree_with_compose() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    assert!(dirs.len() >= 90, "conformance cases missing");
    let (mut agreed, mut compared) = (0, 0);
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match run_case(dir) {
            Ok(false) => {}
            Ok(true) => {
                compared += 1;
                agreed += 1;
            }
            Err(why) => {
                compared += 1;
                if !KNOWN
                    .iter()
                    .chain(support::SCHEMA_GAPS)
                    .any(|(k, _)| *k == name)
                {
                    failures.push(format!("{name}: {why}"));
                }
            }
        }
    }
    println!("project conformance: {agreed}/{compared} cases agree");
    assert!(
        failures.is_empty(),
        "{} of {compared} cases disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
