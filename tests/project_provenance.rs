//! Where each resolved value came from: the provenance `project::load` keeps for the
//! interpolation environment and for every container variable.

use composelint::project::{
    self, EnvSource, LoadOptions, Project, UseSource, VarOrigin, WarningKind,
};
use composelint::shell_env::{ShellOrigin, load_snapshot};
use composelint::workspace::Workspace;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write fixture");
}

/// Load the project in `dir` with the deploy shell given as an `env` snapshot.
fn load(dir: &Path, snapshot: &str, assume_set: &[&str]) -> (Workspace, project::Loaded) {
    write(dir, "shell.snapshot", snapshot);
    let mut ws = Workspace::default();
    let shell = load_snapshot(&mut ws.sources, &dir.join("shell.snapshot"))
        .snapshot
        .map(|s| s.env)
        .unwrap_or_default();
    let opts = LoadOptions {
        cwd: dir.to_path_buf(),
        shell,
        assume_set: assume_set.iter().map(|s| s.to_string()).collect(),
        ..LoadOptions::default()
    };
    let loaded = project::load(&opts, &mut ws);
    (ws, loaded)
}

fn project(loaded: &project::Loaded) -> &Project {
    match &loaded.result {
        Ok(p) => p,
        Err(e) => panic!("load failed: {}", e.message),
    }
}

/// SCENARIOS §1 step 3: `NO_PROXY: ${NO_PROXY}` with NO_PROXY both in the deploy shell and in
/// `.env`: the shell wins, the `.env` definition is a shadowed candidate, and the container
/// variable's use points at compose.yaml with the shell as its source.
#[test]
fn shell_value_beats_dotenv_and_the_use_points_at_the_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let compose = "services:\n  backend:\n    image: api\n    environment:\n      NO_PROXY: ${NO_PROXY}\n      HTTPS_PROXY: ${HTTPS_PROXY}\n";
    write(dir.path(), "compose.yaml", compose);
    write(
        dir.path(),
        ".env",
        "NO_PROXY=localhost,mysql,.amazonaws.com\n",
    );
    let (ws, loaded) = load(dir.path(), "NO_PROXY=proxy.corp\n", &[]);
    let p = project(&loaded);

    let env_var = p.env.var("NO_PROXY").expect("NO_PROXY in the project env");
    assert_eq!(env_var.value, "proxy.corp");
    let EnvSource::Shell(ShellOrigin::Snapshot { span, .. }) = &env_var.source else {
        panic!("expected a snapshot source, got {:?}", env_var.source);
    };
    assert_eq!(ws.sources.slice(*span), "NO_PROXY=proxy.corp");
    assert_eq!(env_var.shadowed.len(), 1);
    assert_eq!(env_var.shadowed[0].value, "localhost,mysql,.amazonaws.com");
    let EnvSource::EnvFile(r) = &env_var.shadowed[0].source else {
        panic!("expected the .env candidate");
    };
    assert!(ws.sources.get(r.file).path.ends_with(".env"));
    assert_eq!(ws.sources.slice(r.key_span), "NO_PROXY");

    let backend = p.service("backend").expect("backend");
    let no_proxy = &backend.environment["NO_PROXY"];
    assert_eq!(no_proxy.value.as_deref(), Some("proxy.corp"));
    assert!(matches!(
        no_proxy.origin,
        VarOrigin::Environment {
            list_form: false,
            ..
        }
    ));
    assert_eq!(no_proxy.uses.len(), 1);
    let used = &no_proxy.uses[0];
    assert_eq!(used.var.name, "NO_PROXY");
    let span = used.span.expect("use span");
    assert!(ws.sources.get(span.file).path.ends_with("compose.yaml"));
    assert_eq!(ws.sources.slice(span), "${NO_PROXY}");
    assert!(matches!(
        used.source,
        Some(UseSource::Project(EnvSource::Shell(
            ShellOrigin::Snapshot { .. }
        )))
    ));

    // `HTTPS_PROXY: ${HTTPS_PROXY}` with nothing set: an empty string, an unset use, a warning.
    let https = &backend.environment["HTTPS_PROXY"];
    assert_eq!(https.value.as_deref(), Some(""));
    assert_eq!(https.uses[0].source, None);
    assert!(loaded.warnings.iter().any(|w| w.kind
        == WarningKind::UnsetVariable {
            name: "HTTPS_PROXY".into()
        }));
}

#[test]
fn env_files_rank_below_environment_and_keep_their_losers() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  s:\n    image: x\n    env_file: [a.env, b.env]\n    environment:\n      - WIN=environment\n      - FROM_SHELL\n      - MISSING\n      - SVC=svc\n",
    );
    write(dir.path(), "a.env", "WIN=a\nBOTH=a\nMISSING=a\n");
    write(
        dir.path(),
        "b.env",
        "BOTH=b\nREF=${SVC}-${BOTH}\nFROM_SHELL\n",
    );
    let (ws, loaded) = load(dir.path(), "FROM_SHELL=sh\n", &[]);
    let s = project(&loaded).service("s").expect("s");

    let win = &s.environment["WIN"];
    assert_eq!(win.value.as_deref(), Some("environment"));
    assert!(matches!(
        win.origin,
        VarOrigin::Environment {
            list_form: true,
            ..
        }
    ));
    assert_eq!(win.shadowed.len(), 1);
    assert_eq!(win.shadowed[0].value.as_deref(), Some("a"));

    let both = &s.environment["BOTH"];
    assert_eq!(both.value.as_deref(), Some("b"));
    let VarOrigin::EnvFile { file, bare, .. } = both.origin else {
        panic!("BOTH comes from an env_file");
    };
    assert!(!bare);
    assert!(ws.sources.get(file).path.ends_with("b.env"));
    assert_eq!(both.shadowed[0].value.as_deref(), Some("a"));

    // env_file interpolation: the service's own environment, then earlier keys.
    let r = &s.environment["REF"];
    assert_eq!(r.value.as_deref(), Some("svc-b"));
    assert!(matches!(
        r.uses[0].source,
        Some(UseSource::ServiceEnvironment { .. })
    ));
    assert_eq!(r.uses[1].source, Some(UseSource::EarlierEnvFile));
    assert_eq!(ws.sources.slice(r.uses[0].span.expect("span")), "${SVC}");

    // A valueless entry filled from the shell overrides the env_file's bare key.
    let from_shell = &s.environment["FROM_SHELL"];
    assert_eq!(from_shell.value.as_deref(), Some("sh"));
    assert!(matches!(
        from_shell.origin,
        VarOrigin::Valueless {
            from: Some(EnvSource::Shell(_)),
            ..
        }
    ));
    assert!(matches!(
        from_shell.shadowed[0].origin,
        VarOrigin::EnvFile { bare: true, .. }
    ));

    // An unresolvable valueless entry still beats the env_file, with null (C4).
    let missing = &s.environment["MISSING"];
    assert_eq!(missing.value, None);
    assert_eq!(missing.shadowed[0].value.as_deref(), Some("a"));
}

#[test]
fn assumed_variables_beat_dotenv_with_a_placeholder() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  s:\n    image: x\n    environment:\n      TOKEN: ${TOKEN:?set it}\n",
    );
    write(dir.path(), ".env", "TOKEN=from-dotenv\n");
    let (_ws, loaded) = load(dir.path(), "", &["TOKEN"]);
    let p = project(&loaded);
    let token = p.env.var("TOKEN").expect("TOKEN");
    assert!(token.assumed);
    assert_eq!(token.source, EnvSource::Assumed);
    assert_eq!(token.shadowed[0].value, "from-dotenv");
    let s = p.service("s").expect("s");
    assert_eq!(
        s.environment["TOKEN"].value.as_deref(),
        Some("<assumed-TOKEN>")
    );
    assert_eq!(
        s.environment["TOKEN"].uses[0].source,
        Some(UseSource::Project(EnvSource::Assumed))
    );
}

#[test]
fn project_name_and_model_are_final() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "compose.yaml",
        "name: My_${APP}\nservices:\n  s:\n    image: x\n    env_file: e.env\n    environment:\n      N: $COMPOSE_PROJECT_NAME\n",
    );
    write(dir.path(), "e.env", "E=1\n");
    let (_ws, loaded) = load(dir.path(), "APP=Shop.V2\n", &[]);
    let p = project(&loaded);
    assert_eq!(p.name, "my_shopv2");
    assert_eq!(p.env.get("COMPOSE_PROJECT_NAME"), Some("my_shopv2"));
    let service = p.model.get("services").and_then(|s| s.get("s")).expect("s");
    assert!(service.get("env_file").is_none());
    let env = service.get("environment").expect("environment");
    assert_eq!(env.get("N").and_then(|n| n.as_str()), Some("my_shopv2"));
    assert_eq!(env.get("E").and_then(|n| n.as_str()), Some("1"));
    // The raw model keeps the template and the env_file in long form.
    let raw = p
        .raw_model
        .get("services")
        .and_then(|s| s.get("s"))
        .expect("s");
    let raw_env = raw.get("environment").expect("environment");
    assert_eq!(
        raw_env.get("N").and_then(|n| n.as_str()),
        Some("$COMPOSE_PROJECT_NAME")
    );
    let files = raw
        .get("env_file")
        .and_then(|f| f.as_seq())
        .expect("env_file");
    let path = files[0].get("path").and_then(|p| p.as_str()).expect("path");
    assert!(path.starts_with('/') && path.ends_with("/e.env"));
}

#[test]
fn errors_carry_composes_message_and_the_files_reached() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  s:\n    image: ${IMAGE:?image required}\n",
    );
    write(dir.path(), ".env", "OTHER=1\n");
    let (ws, loaded) = load(dir.path(), "", &[]);
    let err = loaded.result.as_ref().expect_err("must fail");
    assert_eq!(
        err.message,
        "error while interpolating services.s.image: required variable IMAGE is missing a value: image required"
    );
    assert_eq!(
        ws.sources.slice(err.span.expect("span")),
        "${IMAGE:?image required}"
    );
    let reached: Vec<String> = loaded
        .files
        .iter()
        .map(|f| ws.sources.get(*f).path.to_string_lossy().into_owned())
        .collect();
    assert!(reached.iter().any(|p| p.ends_with("/.env")));
    assert!(reached.iter().any(|p| p.ends_with("/compose.yaml")));
}
