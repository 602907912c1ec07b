//! `composelint explain`: the seed story of SCENARIOS.md §1 step 3 (the deploy shell's short
//! NO_PROXY and empty HTTP_PROXY beat `.env`; an unset `${HTTPS_PROXY}` injects "") shown
//! in one screen, in both formats; env_file provenance; and the error paths.

mod support;

use std::path::PathBuf;

fn scenario() -> PathBuf {
    support::crate_root().join("fixtures/examples/scenario-1-step-3")
}

#[test]
fn scenario_1_step_3_human_fits_one_screen() {
    let run = support::run_in(
        &scenario(),
        &["explain", "backend", "--shell-env", "deploy-shell.txt"],
    );
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(
        run.stdout.lines().count() <= 30,
        "more than one screen:\n{}",
        run.stdout
    );
    // The story's three facts, each on its line.
    assert!(run.stdout.contains(
        "${NO_PROXY} at compose.yaml:11:17 ← deploy shell (snapshot) deploy-shell.txt:6:1 = localhost"
    ));
    assert!(run.stdout.contains(
        "shadows project env file .env:3:1: NO_PROXY=localhost,127.0.0.1,::1,mysql,redis,backend,.amazonaws.com,amazonaws.com"
    ));
    assert!(
        run.stdout
            .contains("${HTTPS_PROXY} at compose.yaml:10:20 ← unset → \"\"")
    );
    // Secrets stay masked, in values and in URLs.
    assert!(!run.stdout.contains("wJalrXUtnFEMI"));
    assert!(!run.stdout.contains("s3cret-db-pass"));
    insta::assert_snapshot!("explain_scenario_1_step_3_human", run.stdout);
}

#[test]
fn scenario_1_step_3_json() {
    let run = support::run_in(
        &scenario(),
        &[
            "explain",
            "backend",
            "NO_PROXY",
            "--shell-env",
            "deploy-shell.txt",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let var = &v["services"][0]["variables"][0];
    assert_eq!(var["value"], "localhost");
    assert_eq!(var["uses"][0]["source"]["kind"], "shell");
    assert_eq!(var["uses"][0]["shadowed"][0]["source"]["kind"], "dotenv");
    insta::assert_snapshot!("explain_scenario_1_step_3_json", run.stdout);
}

#[test]
fn show_secrets_prints_values_in_full() {
    let run = support::run_in(
        &scenario(),
        &[
            "explain",
            "backend",
            "AWS_SECRET_ACCESS_KEY",
            "--shell-env",
            "deploy-shell.txt",
            "--show-secrets",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(
        run.stdout
            .contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    );
}

#[test]
fn environment_overrides_env_file_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("compose.yaml"),
        "services:\n  api:\n    image: x\n    env_file: [app.env]\n    environment:\n      LEVEL: debug\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("app.env"), "LEVEL=info\nREGION=eu\n").expect("write");
    let run = support::run_in(dir.path(), &["explain", "api"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(run.stdout.contains("LEVEL = debug"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("overrides env_file app.env:1:1: LEVEL=info"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("REGION = eu"), "{}", run.stdout);
    assert!(
        run.stdout.contains("set by env_file app.env:2:1"),
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_service_or_variable_is_a_usage_error_listing_what_exists() {
    let run = support::run_in(&scenario(), &["explain", "frontend"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr
            .contains("services: backend, worker, mysql, redis")
    );
    let run = support::run_in(&scenario(), &["explain", "worker", "HTTP_PROXY"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(run.stderr.contains("variables: NO_PROXY"), "{}", run.stderr);
}

#[test]
fn a_project_compose_refuses_exits_1_with_its_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("compose.yaml"),
        "services:\n  api:\n    image: \"api:${TAG:?set TAG}\"\n",
    )
    .expect("write");
    let run = support::run_in(dir.path(), &["explain"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    assert!(
        run.stderr
            .contains("required variable TAG is missing a value: set TAG"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> compose.yaml:3:17"),
        "{}",
        run.stderr
    );
}
