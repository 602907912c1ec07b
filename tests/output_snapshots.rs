//! Snapshots of every output format for the same hand-built report (tests/output_fixture):
//! multi-line spans, emoji columns, a label in another file, a far label in the same file,
//! a finding without a position, safe and unsafe fixes, services, and secrets in snippets
//! and messages.

mod output_fixture;

use composelint::cli::CheckFormat;
use composelint::output::{RenderOptions, Report, render, statistics};

fn rendered(format: CheckFormat, opts: &RenderOptions) -> String {
    let (sources, report) = output_fixture::fixture();
    render(format, &report, &sources, opts)
}

fn no_color() -> RenderOptions {
    RenderOptions::default()
}

#[test]
fn human() {
    insta::assert_snapshot!(rendered(CheckFormat::Human, &no_color()));
}

#[test]
fn human_with_secrets_shown() {
    let out = rendered(
        CheckFormat::Human,
        &RenderOptions {
            show_secrets: true,
            ..no_color()
        },
    );
    insta::assert_snapshot!(out);
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered(CheckFormat::Json, &no_color()));
}

/// The SARIF log without the parts that change whenever a rule is added or its page edited
/// (the rule descriptors and each result's index into them); tests/output_sarif.rs checks
/// those against the registry.
#[test]
fn sarif() {
    let text = rendered(CheckFormat::Sarif, &no_color());
    let mut log: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    log["runs"][0]["tool"]["driver"]["rules"] = "[every registry rule]".into();
    if let Some(results) = log["runs"][0]["results"].as_array_mut() {
        for result in results {
            result["ruleIndex"] = "[index of ruleId]".into();
        }
    }
    let redacted = serde_json::to_string_pretty(&log).expect("serialisable");
    insta::assert_snapshot!(redacted);
}

#[test]
fn github() {
    insta::assert_snapshot!(rendered(CheckFormat::Github, &no_color()));
}

#[test]
fn statistics_table() {
    let (_, report) = output_fixture::fixture();
    insta::assert_snapshot!(statistics(&report));
}

#[test]
fn no_secret_reaches_any_format_unless_asked() {
    for format in [
        CheckFormat::Human,
        CheckFormat::Json,
        CheckFormat::Sarif,
        CheckFormat::Github,
    ] {
        let out = rendered(format, &no_color());
        for secret in ["hunter2", "hunter3", "s3cret", "abc123"] {
            assert!(!out.contains(secret), "{format:?} shows {secret}");
        }
    }
    let shown = rendered(
        CheckFormat::Human,
        &RenderOptions {
            show_secrets: true,
            ..no_color()
        },
    );
    for secret in ["hunter2", "hunter3", "s3cret", "abc123"] {
        assert!(shown.contains(secret), "--show-secrets hides {secret}");
    }
}

#[test]
fn colour_only_when_asked() {
    let plain = rendered(CheckFormat::Human, &no_color());
    assert!(!plain.contains('\u{1b}'));
    assert!(!plain.contains('╭'), "no box drawing without colour");
    let coloured = rendered(
        CheckFormat::Human,
        &RenderOptions {
            color: true,
            ..no_color()
        },
    );
    assert!(coloured.contains("\u{1b}[31m"), "errors are red");
    assert!(coloured.contains('╭'), "Unicode theme with colour");
}

#[test]
fn quiet_drops_the_summary_and_empty_reports_say_so() {
    let quiet = rendered(
        CheckFormat::Human,
        &RenderOptions {
            quiet: true,
            ..no_color()
        },
    );
    assert!(!quiet.contains("Found "));
    assert!(quiet.contains("error[io-error]"));

    let sources = composelint::source::SourceMap::with_cwd("/p");
    let empty = Report {
        diagnostics: Vec::new(),
        files: 2,
        projects: 1,
    };
    assert_eq!(
        render(CheckFormat::Human, &empty, &sources, &no_color()),
        "No problems found in 2 files.\n"
    );
    let quiet_empty = RenderOptions {
        quiet: true,
        ..no_color()
    };
    assert_eq!(
        render(CheckFormat::Human, &empty, &sources, &quiet_empty),
        ""
    );
    assert_eq!(
        render(CheckFormat::Github, &empty, &sources, &no_color()),
        ""
    );
}
