//! How `check` loads projects (CLI.md §Projects): `-f` builds exactly one project as Compose
//! would; a project's `.env` is linted even when `.gitignore` hides it; Compose's load
//! failures are reported once, at their cause; explicit file arguments filter the report.

mod support;

use support::Finding;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

fn findings(run: &support::Run) -> Vec<Finding> {
    run.findings().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn dash_f_files_form_one_merged_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "base.yaml",
        "services:\n  api:\n    image: api:1\n",
    );
    write(
        dir.path(),
        "prod.yaml",
        "services:\n  api:\n    environment:\n      MODE: prod\n",
    );
    // The overlay alone has no image: Compose refuses it.
    let run = support::run_in(
        dir.path(),
        &["-f", "prod.yaml", "check", "--format", "json"],
    );
    assert_eq!(run.code, Some(1), "{}", run.describe());
    let f = findings(&run);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, "compose-load-error");
    // Merged with its base, it loads.
    let run = support::run_in(
        dir.path(),
        &[
            "-f",
            "base.yaml",
            "-f",
            "prod.yaml",
            "check",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let report = run.report().expect("json");
    assert_eq!(report.pointer("/summary/projects"), Some(&1.into()));
    assert_eq!(report.pointer("/summary/files"), Some(&2.into()));
}

#[test]
fn a_gitignored_dotenv_of_a_project_is_still_linted() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("git dir");
    write(dir.path(), ".gitignore", ".env\n");
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  api:\n    image: \"api:${TAG}\"\n",
    );
    write(dir.path(), ".env", "TAG=1\nBAD KEY=1\n");
    let run = support::run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    let rules: Vec<String> = findings(&run).into_iter().map(|f| f.rule).collect();
    // The .env line is the root cause; the project's load failure is not reported again.
    assert_eq!(rules, vec!["dotenv-syntax".to_string()]);
}

#[test]
fn load_failures_point_at_the_value_and_count_projects() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a/compose.yaml",
        "services:\n  api:\n    image: api\n    env_file: [missing.env]\n",
    );
    write(
        dir.path(),
        "b/compose.yaml",
        "services:\n  web:\n    image: nginx\n",
    );
    let run = support::run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    let f = findings(&run);
    assert_eq!(
        f,
        vec![Finding {
            rule: "compose-load-error".into(),
            file: "a/compose.yaml".into(),
            line: Some(4),
            column: Some(16),
        }]
    );
    let report = run.report().expect("json");
    assert_eq!(report.pointer("/summary/projects"), Some(&2.into()));
}

#[test]
fn explicit_files_only_report_their_own_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "compose.yaml",
        "version: \"3\"\nservices:\n  api:\n    image: api\n",
    );
    write(dir.path(), "other.env", "BAD KEY=1\n");
    let run = support::run_in(dir.path(), &["check", "--format", "json", "compose.yaml"]);
    let rules: Vec<String> = findings(&run).into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec!["obsolete-version".to_string()]);
}

#[test]
fn stdin_is_linted_under_the_stdin_filename() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(support::binary())
        .args([
            "-f",
            "-",
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "deploy/compose.yaml",
        ])
        .current_dir(dir.path())
        .env_clear()
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(
                    b"version: \"3\"\nservices:\n  s:\n    image: \"x:${TAG:?set TAG}\"\n",
                )?;
            }
            child.wait_with_output()
        })
        .expect("run");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(String, String, u64)> = report["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["rule"].as_str().unwrap_or_default().to_string(),
                        d["file"].as_str().unwrap_or_default().to_string(),
                        d["line"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found,
        vec![
            ("obsolete-version".into(), "deploy/compose.yaml".into(), 1),
            ("compose-load-error".into(), "deploy/compose.yaml".into(), 4),
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_dash_f_file_is_an_unreadable_input_not_a_load_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.yml", "services:\n  a:\n    image: x\n");
    let run = support::run_in(
        dir.path(),
        &[
            "-f",
            "a.yml",
            "-f",
            "missing.yml",
            "check",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let rules: Vec<String> = findings(&run).into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec!["io-error".to_string()]);
}
