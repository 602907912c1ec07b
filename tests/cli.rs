//! The command line as CLI.md fixes it: exit codes, rule selection, output options, the
//! `rules` and `completions` commands, what the walk finds and skips, and no crash on hostile
//! inputs (built here in temporary directories, plus everything under fixtures/nopanic/).

mod support;

use std::path::Path;
use support::{Finding, PANIC_EXIT, Run, rules_of, run_in, tempdir, write};

const CLEAN_COMPOSE: &str = "services:\n  web:\n    image: nginx:1.27\n";
/// `obsolete-version` (info, category compose).
const VERSIONED_COMPOSE: &str = "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n";
/// `dotenv-syntax` (error, category syntax) on line 2.
const BAD_DOTENV: &str = "APP=shop\nMY KEY=value\n";

fn check_json(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

fn findings(run: &Run) -> Vec<Finding> {
    run.findings().unwrap_or_else(|e| panic!("{e}"))
}

/// A project with one info finding (obsolete-version) and one error (dotenv-syntax).
fn mixed_project() -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", VERSIONED_COMPOSE);
    write(dir.path(), ".env", BAD_DOTENV);
    dir
}

// ---- exit codes ---------------------------------------------------------------------

#[test]
fn clean_project_exits_0_with_an_empty_report() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", CLEAN_COMPOSE);
    let run = check_json(dir.path(), &[]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert_eq!(findings(&run), vec![]);
    let report = run.report().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.pointer("/summary/files"), Some(&1.into()));
    assert_eq!(report.pointer("/summary/errors"), Some(&0.into()));
}

#[test]
fn fail_on_sets_the_threshold_for_exit_1() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", VERSIONED_COMPOSE);
    // Only an info finding: below the default threshold (warning).
    let run = check_json(dir.path(), &[]);
    assert_eq!(rules_of(&findings(&run)), vec!["obsolete-version"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let run = check_json(dir.path(), &["--fail-on", "info"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    let run = check_json(dir.path(), &["--fail-on", "error"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());

    let dir = mixed_project();
    let run = check_json(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    let run = check_json(dir.path(), &["--fail-on", "error"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", CLEAN_COMPOSE);
    let cases: [&[&str]; 6] = [
        &["check", "--no-such-flag"],
        &["check", "--select", "no-such-rule"],
        &["check", "--ignore", "no-such-category"],
        &["check", "--fail-on", "sometimes"],
        &["check", "-f", "compose.yaml", "."],
        &["no-such-command"],
    ];
    for args in cases {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, Some(2), "{args:?}\n{}", run.describe());
        assert!(
            !run.stderr.trim().is_empty(),
            "{args:?}: no message on stderr"
        );
    }
}

#[test]
fn missing_path_exits_2_and_other_inputs_are_still_reported() {
    let dir = tempdir();
    write(dir.path(), "app/compose.yaml", VERSIONED_COMPOSE);
    let run = check_json(dir.path(), &["missing", "app"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let found = findings(&run);
    let io: Vec<&Finding> = found.iter().filter(|f| f.rule == "io-error").collect();
    assert_eq!(io.len(), 1, "{found:?}");
    assert_eq!(io[0].file, "missing");
    assert_eq!(io[0].line, None, "an unreadable path has no position");
    assert!(
        found
            .iter()
            .any(|f| f.rule == "obsolete-version" && f.file == "app/compose.yaml"),
        "the readable input was not reported: {found:?}"
    );
}

#[test]
fn unreadable_shell_snapshot_exits_2() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", CLEAN_COMPOSE);
    let run = check_json(dir.path(), &["--shell-env", "nope.txt"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let found = findings(&run);
    assert_eq!(rules_of(&found), vec!["io-error"]);
    assert_eq!(found[0].file, "nope.txt");
}

#[test]
fn malformed_shell_snapshot_lines_are_findings_with_positions() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", CLEAN_COMPOSE);
    write(
        dir.path(),
        "snap.txt",
        "declare -x A=\"1\"\nnot a statement\ndeclare -x B=\"2\"\n",
    );
    // The flag works before the subcommand too (CLI.md: project flags are global).
    let run = run_in(
        dir.path(),
        &["--shell-env", "snap.txt", "check", "--format", "json"],
    );
    assert_eq!(run.code, Some(1), "{}", run.describe());
    assert_eq!(
        findings(&run),
        vec![Finding {
            rule: "shell-snapshot-syntax".into(),
            file: "snap.txt".into(),
            line: Some(2),
            column: Some(1),
        }]
    );
}

// ---- rule selection -----------------------------------------------------------------

#[test]
fn select_ignore_and_extend_select_by_rule_and_category() {
    let dir = mixed_project();
    let both = vec!["dotenv-syntax", "obsolete-version"];
    let cases: [(&[&str], Vec<&str>); 8] = [
        (&[], both.clone()),
        (&["--select", "obsolete-version"], vec!["obsolete-version"]),
        (&["--select", "compose"], vec!["obsolete-version"]),
        (&["--select", "syntax"], vec!["dotenv-syntax"]),
        (&["--ignore", "dotenv-syntax"], vec!["obsolete-version"]),
        (&["--ignore", "compose"], vec!["dotenv-syntax"]),
        (
            &["--select", "syntax", "--extend-select", "obsolete-version"],
            both.clone(),
        ),
        (&["--select", "ALL", "--ignore", "syntax,compose"], vec![]),
    ];
    for (args, expected) in cases {
        let run = check_json(dir.path(), args);
        assert!(run.exited_cleanly(), "{args:?}\n{}", run.describe());
        assert_eq!(rules_of(&findings(&run)), expected, "{args:?}");
    }
}

// ---- output options -----------------------------------------------------------------

#[test]
fn output_file_receives_the_report_and_stdout_stays_empty() {
    let dir = mixed_project();
    let run = check_json(dir.path(), &["--output-file", "report.json"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(dir.path().join("report.json"))
        .unwrap_or_else(|e| panic!("report.json: {e}"));
    let as_run = Run {
        code: run.code,
        stdout: written,
        stderr: String::new(),
    };
    assert_eq!(
        rules_of(&findings(&as_run)),
        vec!["dotenv-syntax", "obsolete-version"]
    );
}

#[test]
fn quiet_prints_only_findings() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", CLEAN_COMPOSE);
    let run = run_in(dir.path(), &["check", "--quiet", "--color", "never"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert_eq!(run.stdout, "", "nothing to report, nothing printed");

    let dir = mixed_project();
    let run = run_in(dir.path(), &["check", "--quiet", "--color", "never"]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    assert!(run.stdout.contains("dotenv-syntax"), "{}", run.describe());
    let loud = run_in(dir.path(), &["check", "--color", "never"]);
    assert!(
        run.stdout.len() <= loud.stdout.len(),
        "--quiet printed more than the default"
    );
}

// ---- other commands -----------------------------------------------------------------

#[test]
fn rules_lists_every_rule_and_prints_a_page() {
    let dir = tempdir();
    let run = run_in(dir.path(), &["rules"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    for rule in composelint::rules::RULES {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(rule.name)),
            "`rules` does not list {}",
            rule.name
        );
    }
    let run = run_in(dir.path(), &["rules", "obsolete-version"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(
        run.stdout.starts_with("# obsolete-version\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("## Why is this bad?"));

    let run = run_in(dir.path(), &["rules", "--format", "json"]);
    let listed: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    let names: Vec<&str> = listed
        .as_array()
        .map(|a| a.iter().filter_map(|r| r.get("name")?.as_str()).collect())
        .unwrap_or_default();
    let expected: Vec<&str> = composelint::rules::RULES.iter().map(|r| r.name).collect();
    assert_eq!(names, expected);

    let run = run_in(dir.path(), &["rules", "no-such-rule"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
}

#[test]
fn completions_for_bash() {
    let dir = tempdir();
    let run = run_in(dir.path(), &["completions", "bash"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(run.stdout.contains("_composelint()"), "{}", run.stdout);
    assert!(run.stdout.contains("--shell-env"));
    assert!(run.stdout.contains("complete "));
}

// ---- what gets linted -----------------------------------------------------------------

#[test]
fn explicit_files_are_linted_whatever_their_name() {
    let dir = tempdir();
    write(dir.path(), "deploy/stack.yml", VERSIONED_COMPOSE);
    write(dir.path(), "deploy/prod.env", BAD_DOTENV);
    // A compose file the walk would not pick up, named explicitly: reported.
    let run = check_json(dir.path(), &["deploy/stack.yml", "deploy/prod.env"]);
    let found = findings(&run);
    assert!(
        found
            .iter()
            .any(|f| f.rule == "obsolete-version" && f.file == "deploy/stack.yml"),
        "{}",
        run.describe()
    );
    assert!(
        found
            .iter()
            .any(|f| f.rule == "dotenv-syntax" && f.file == "deploy/prod.env" && f.line == Some(2)),
        "{}",
        run.describe()
    );
    // The walk ignores a name that is not a compose file's.
    let run = check_json(dir.path(), &[]);
    assert!(
        !findings(&run).iter().any(|f| f.file == "deploy/stack.yml"),
        "{}",
        run.describe()
    );
}

#[test]
fn hidden_env_files_are_found_and_git_folders_skipped() {
    let dir = tempdir();
    write(dir.path(), "compose.yaml", CLEAN_COMPOSE);
    write(dir.path(), ".env", BAD_DOTENV);
    write(dir.path(), "services/api/.env.production", BAD_DOTENV);
    write(dir.path(), ".git/compose.yaml", VERSIONED_COMPOSE);
    write(dir.path(), ".git/.env", BAD_DOTENV);
    let run = check_json(dir.path(), &[]);
    let mut files: Vec<String> = findings(&run).into_iter().map(|f| f.file).collect();
    files.sort();
    files.dedup();
    assert_eq!(
        files,
        vec![".env", "services/api/.env.production"],
        "{}",
        run.describe()
    );
}

#[test]
fn gitignore_is_respected_unless_no_ignore() {
    let dir = tempdir();
    write(dir.path(), ".gitignore", "generated/\n");
    write(dir.path(), "generated/compose.yaml", VERSIONED_COMPOSE);
    write(dir.path(), "kept/compose.yaml", VERSIONED_COMPOSE);
    let files_of = |run: &Run| -> Vec<String> {
        let mut f: Vec<String> = findings(run).into_iter().map(|f| f.file).collect();
        f.sort();
        f
    };
    let run = check_json(dir.path(), &[]);
    assert_eq!(
        files_of(&run),
        vec!["kept/compose.yaml"],
        "{}",
        run.describe()
    );
    let run = check_json(dir.path(), &["--no-ignore"]);
    assert_eq!(
        files_of(&run),
        vec!["generated/compose.yaml", "kept/compose.yaml"],
        "{}",
        run.describe()
    );
}

#[test]
fn exclude_skips_matching_paths() {
    let dir = tempdir();
    write(dir.path(), "vendor/lib/compose.yaml", VERSIONED_COMPOSE);
    write(dir.path(), "app/compose.yaml", VERSIONED_COMPOSE);
    let run = check_json(dir.path(), &["--exclude", "vendor"]);
    let files: Vec<String> = findings(&run).into_iter().map(|f| f.file).collect();
    assert_eq!(files, vec!["app/compose.yaml"], "{}", run.describe());
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_survived() {
    let dir = tempdir();
    write(dir.path(), "app/compose.yaml", VERSIONED_COMPOSE);
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(at))
            .unwrap_or_else(|e| panic!("symlink {at}: {e}"));
    };
    link("..", "app/parent");
    link(".", "app/self");
    link("loop-b", "loop-a");
    link("loop-a", "loop-b");
    let run = check_json(dir.path(), &[]);
    assert!(run.exited_cleanly(), "{}", run.describe());
    let hits: Vec<Finding> = findings(&run)
        .into_iter()
        .filter(|f| f.rule == "obsolete-version")
        .collect();
    assert_eq!(hits.len(), 1, "reported once, not once per path: {hits:?}");
}

// ---- hostile inputs -------------------------------------------------------------------

/// A run on hostile input: no crash, a JSON report, and a position for every finding
/// except an unreadable file's.
fn assert_survives(dir: &Path, args: &[&str], what: &str) -> Vec<Finding> {
    let run = check_json(dir, args);
    assert_ne!(
        run.code,
        Some(PANIC_EXIT),
        "{what}: panicked\n{}",
        run.describe()
    );
    assert!(run.exited_cleanly(), "{what}\n{}", run.describe());
    let found = run.findings().unwrap_or_else(|e| panic!("{what}: {e}"));
    for f in &found {
        assert!(
            f.line.is_some() || f.rule == "io-error",
            "{what}: a finding without a position: {f:?}\n{}",
            run.describe()
        );
    }
    found
}

#[test]
fn empty_and_blank_files() {
    for (name, text) in [
        ("compose.yaml", ""),
        ("compose.yaml", "\n\n   \n"),
        ("compose.yaml", "---\n...\n"),
        ("compose.yaml", "# only a comment\n"),
        (".env", ""),
        (".env", "\n\n"),
    ] {
        let dir = tempdir();
        write(dir.path(), name, text);
        assert_survives(dir.path(), &[], &format!("{name} = {text:?}"));
    }
}

#[test]
fn a_50_mb_compose_file_is_refused_not_read() {
    let dir = tempdir();
    let line = "# padding padding padding padding padding padding padding padding padding\n";
    let big = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    write(dir.path(), "compose.yaml", big.as_bytes());
    let started = std::time::Instant::now();
    let found = assert_survives(dir.path(), &[], "50 MB compose.yaml");
    assert!(
        found
            .iter()
            .any(|f| f.rule == "io-error" && f.file == "compose.yaml"),
        "{found:?}"
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn deeply_nested_yaml() {
    let depth = 100_000;
    let flow = format!("x: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let mut block = String::new();
    for i in 0..2_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    let unclosed = format!("services: {}\n", "{a: ".repeat(depth));
    for (what, text) in [("flow", flow), ("block", block), ("unclosed", unclosed)] {
        let dir = tempdir();
        write(dir.path(), "compose.yaml", text);
        assert_survives(dir.path(), &[], &format!("deeply nested YAML ({what})"));
    }
}

#[test]
fn alias_bomb() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for name in 'b'..='j' {
        text.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = name;
    }
    text.push_str("services:\n  web:\n    image: nginx\n    command: *j\n");
    let dir = tempdir();
    write(dir.path(), "compose.yaml", text);
    let started = std::time::Instant::now();
    assert_survives(dir.path(), &[], "alias bomb");
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn binary_garbage_named_env_and_non_utf8_files() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let cases: [(&str, Vec<u8>); 4] = [
        (".env", garbage.clone()),
        ("compose.yaml", garbage),
        (".env", b"NAME=ren\xe9e\nOTHER=1\n".to_vec()),
        (
            "compose.yaml",
            b"services:\n  web:\n    image: caf\xe9\n".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let dir = tempdir();
        write(dir.path(), name, &bytes);
        let found = assert_survives(dir.path(), &[], &format!("garbage {name}"));
        let rejected: Vec<&Finding> = found.iter().filter(|f| f.file == name).collect();
        assert!(!rejected.is_empty(), "{name}: nothing reported: {found:?}");
        assert!(
            rejected.iter().all(|f| f.line.is_some()),
            "{name}: the rejection must say where: {rejected:?}"
        );
    }
}

#[test]
fn odd_but_valid_text() {
    let cases: [(&str, &str); 6] = [
        (
            "compose.yaml",
            "\u{feff}services:\n  web:\n    image: nginx\n",
        ),
        (
            "compose.yaml",
            "services:\r\n  web:\r\n    image: nginx\r\n",
        ),
        ("compose.yaml", "services: {web: {image: \"\\uD800\"}}\n"),
        ("compose.yaml", "? [a, b]\n: c\nservices: {}\n"),
        (".env", "A=\"unterminated\nB='x\n"),
        (".env", "\u{feff}A=1\r\nB=${A:-${C:?}}\r\n"),
    ];
    for (name, text) in cases {
        let dir = tempdir();
        write(dir.path(), name, text);
        assert_survives(dir.path(), &[], &format!("{name} = {text:?}"));
    }
}

/// Everything under fixtures/nopanic/: YAML files as compose files, dotenv files as `.env`.
#[test]
fn nopanic_fixtures() {
    let root = support::crate_root().join("fixtures/nopanic");
    let mut checked = 0;
    for (sub, as_name) in [("yaml", "compose.yaml"), ("dotenv", ".env")] {
        let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let dir = tempdir();
            write(dir.path(), as_name, &bytes);
            assert_survives(dir.path(), &[], &path.display().to_string());
            checked += 1;
        }
    }
    eprintln!("{checked} fixtures/nopanic inputs checked");
}
