//! The real-world corpus (../shared/corpus: 1063 compose files and 101 env files from 26
//! public repositories) goes through the whole pipeline, every rule enabled, without a
//! panic and with a well-formed JSON report: in-process per repository, then through the
//! binary on the whole tree, then with every file named explicitly.
//!
//! Without the corpus the tests pass with a note, unless `COMPOSELINT_REQUIRE_CORPUS=1`
//! (CI sets it), when its absence is a failure.

mod support;

use composelint::check::{self, CheckOptions, Selection};
use composelint::cli::CheckFormat;
use composelint::discover::WalkOptions;
use composelint::output::{self, RenderOptions};
use composelint::source::SourceMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// How many files one process gets when files are named explicitly.
const FILES_PER_PROCESS: usize = 300;

/// `../shared/corpus/files`, or None (with a note) when it is absent and not required.
fn corpus_files() -> Option<PathBuf> {
    let dir = support::crate_root().join("../shared/corpus/files");
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var("COMPOSELINT_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "COMPOSELINT_REQUIRE_CORPUS=1 but the corpus is missing at {}",
        dir.display()
    );
    eprintln!("corpus not found at {}: skipped", dir.display());
    None
}

fn every_rule() -> Selection {
    Selection {
        select: vec!["ALL".into()],
        ..Selection::default()
    }
}

/// The top-level folders (one per repository), sorted.
fn repositories(files: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(files)
        .unwrap_or_else(|e| panic!("{}: {e}", files.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Every regular file under `dir`, sorted (symlinks not followed).
fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            all_files(&e.path(), out);
        } else if ft.is_file() {
            out.push(e.path());
        }
    }
}

#[test]
fn library_pipeline_survives_every_repository() {
    let Some(files) = corpus_files() else { return };
    let mut failures = Vec::new();
    let mut linted = 0;
    for repo in repositories(&files) {
        let opts = CheckOptions {
            paths: vec![repo.clone()],
            cwd: files.clone(),
            walk: WalkOptions {
                respect_ignore: true,
                exclude: Vec::new(),
            },
            selection: every_rule(),
            ..CheckOptions::default()
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let (outcome, ws) = check::run(&opts, SourceMap::with_cwd(&files));
            let json = output::render(
                CheckFormat::Json,
                &outcome.report,
                &ws.sources,
                &RenderOptions::default(),
            );
            (outcome.report.files, json)
        }));
        let name = repo
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match outcome {
            Err(_) => failures.push(format!("{name}: panicked (message above)")),
            Ok((count, json)) => {
                linted += count;
                let parsed = serde_json::from_str(&json)
                    .map_err(|e| e.to_string())
                    .and_then(|v| support::check_report_shape(&v));
                if let Err(e) = parsed {
                    failures.push(format!("{name}: bad JSON report: {e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(linted > 1000, "only {linted} corpus files were linted");
}

#[test]
fn binary_survives_the_whole_tree() {
    let Some(files) = corpus_files() else { return };
    let run = support::run_in(
        &files,
        &["check", "--format", "json", "--select", "ALL", "."],
    );
    assert!(run.exited_cleanly(), "{}", run.describe());
    let report = run.report().unwrap_or_else(|e| panic!("{e}"));
    let counted = report
        .pointer("/summary/files")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    assert!(counted > 1000, "only {counted} files linted");
}

#[test]
fn binary_survives_every_file_named_explicitly() {
    let Some(files) = corpus_files() else { return };
    let mut paths = Vec::new();
    all_files(&files, &mut paths);
    paths.sort();
    let relative: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(&files).ok().map(Path::to_path_buf))
        .collect();
    let mut failures = Vec::new();
    for chunk in relative.chunks(FILES_PER_PROCESS) {
        if let Err(e) = lint_explicitly(&files, chunk) {
            // Name the culprits: each file of the failed batch on its own.
            for file in chunk {
                if let Err(e) = lint_explicitly(&files, std::slice::from_ref(file)) {
                    failures.push(format!("== {}\n{e}", file.display()));
                }
            }
            if failures.is_empty() {
                failures.push(format!("a batch failed but no single file did:\n{e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn lint_explicitly(root: &Path, files: &[PathBuf]) -> Result<(), String> {
    let mut args: Vec<&std::ffi::OsStr> = ["check", "--format", "json", "--select", "ALL"]
        .iter()
        .map(std::ffi::OsStr::new)
        .collect();
    args.extend(files.iter().map(|f| f.as_os_str()));
    let run = support::run_os(root, args);
    if !run.exited_cleanly() {
        return Err(run.describe());
    }
    run.report().map(|_| ())
}
