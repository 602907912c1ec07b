//! The foundation's end-to-end promise: `check --format json` over a tree holding broken YAML,
//! a duplicate key, a bad `.env` line and a `version:` key reports each one at its exact
//! position (start and exclusive end) and keeps going after each of them.
//!
//! The tree is `fixtures/examples/broken-tree/`; positions below were checked by hand against
//! the files, and the messages against what Docker Compose itself says of each file.

mod support;

use serde_json::Value;

/// (rule, file, line, column, end_line, end_column) of one reported finding.
type Place = (String, String, u64, u64, u64, u64);

fn place(d: &Value) -> Place {
    let num = |k: &str| d[k].as_u64().unwrap_or(0);
    (
        d["rule"].as_str().unwrap_or_default().to_string(),
        d["file"].as_str().unwrap_or_default().to_string(),
        num("line"),
        num("column"),
        num("end_line"),
        num("end_column"),
    )
}

fn expected(rule: &str, file: &str, line: u64, col: u64, end_line: u64, end_col: u64) -> Place {
    (rule.into(), file.into(), line, col, end_line, end_col)
}

#[test]
fn every_problem_of_the_broken_tree_is_reported_at_its_exact_place() {
    let root = support::crate_root();
    let run = support::run_in(
        root,
        &["check", "--format", "json", "fixtures/examples/broken-tree"],
    );
    assert_eq!(run.code, Some(1), "{}", run.describe());
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.describe()));
    let found: Vec<Place> = report["diagnostics"]
        .as_array()
        .map(|a| a.iter().map(place).collect())
        .unwrap_or_default();
    let dir = "fixtures/examples/broken-tree";
    assert_eq!(
        found,
        vec![
            // The opening quote of a string that is never closed (Compose: "found unexpected
            // end of stream" at line 5).
            expected(
                "yaml-syntax",
                &format!("{dir}/api/compose.yaml"),
                5,
                19,
                5,
                20
            ),
            // The `version` key itself.
            expected(
                "obsolete-version",
                &format!("{dir}/legacy/docker-compose.yml"),
                2,
                1,
                2,
                8
            ),
            // `NO PROXY=...`: the key with a space, from its first character.
            expected("dotenv-syntax", &format!("{dir}/worker/.env"), 2, 1, 2, 9),
            // The second `NO_PROXY` key; its label points at the first one (line 5).
            expected(
                "yaml-duplicate-key",
                &format!("{dir}/worker/compose.yaml"),
                7,
                7,
                7,
                15
            ),
        ]
    );
    let dup = &report["diagnostics"][3];
    assert_eq!(dup["labels"][0]["line"], 5);
    assert_eq!(dup["labels"][0]["column"], 7);
    assert_eq!(
        dup["message"],
        "mapping key \"NO_PROXY\" already defined at line 5"
    );
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["summary"]["errors"], 3);
    assert_eq!(report["summary"]["infos"], 1);
}
