//! The SARIF log of the hand-built report (tests/output_fixture) has the shape SARIF 2.1.0
//! and GitHub code scanning require. `.ci/run` sets `COMPOSELINT_SARIF_OUT` to also get
//! the log as a file, which it runs through Microsoft's SARIF multitool.

mod output_fixture;

use composelint::cli::CheckFormat;
use composelint::output::{RenderOptions, render};
use composelint::rules::RULES;
use serde_json::Value;

fn sarif_text(opts: &RenderOptions) -> String {
    let (sources, report) = output_fixture::fixture();
    render(CheckFormat::Sarif, &report, &sources, opts)
}

fn sarif(opts: &RenderOptions) -> Value {
    let text = sarif_text(opts);
    assert!(text.ends_with("}\n"));
    serde_json::from_str(&text).expect("SARIF output is JSON")
}

fn as_array<'a>(v: &'a Value, what: &str) -> &'a Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what} must be an array"))
}

fn uint(v: &Value, what: &str) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("{what} must be a non-negative integer, got {v}"))
}

/// Line/column regions: lines and columns from 1, the end not before the start; byte
/// ranges inside the file.
fn check_region(region: &Value, where_: &str, file_len: usize) {
    let start_line = uint(&region["startLine"], where_);
    let end_line = uint(&region["endLine"], where_);
    let start_col = uint(&region["startColumn"], where_);
    let end_col = uint(&region["endColumn"], where_);
    assert!(start_line >= 1 && start_col >= 1, "{where_}: 1-based");
    assert!(end_line >= start_line, "{where_}: end line before start");
    if end_line == start_line {
        assert!(end_col >= start_col, "{where_}: end column before start");
    }
    let offset = uint(&region["byteOffset"], where_);
    let length = uint(&region["byteLength"], where_);
    assert!(
        offset + length <= file_len as u64,
        "{where_}: bytes past the end"
    );
}

fn file_len(uri: &str) -> usize {
    match uri {
        ".env" => output_fixture::DOTENV.len(),
        "compose.yaml" => output_fixture::COMPOSE.len(),
        other => panic!("unexpected artifact {other}"),
    }
}

#[test]
fn sarif_log_has_the_required_shape() {
    let text = sarif_text(&RenderOptions::default());
    if let Some(path) = std::env::var_os("COMPOSELINT_SARIF_OUT") {
        std::fs::write(&path, &text).expect("COMPOSELINT_SARIF_OUT must be writable");
    }
    let log: Value = serde_json::from_str(&text).expect("SARIF output is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    let runs = as_array(&log["runs"], "runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/project/"
    );

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "composelint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = as_array(&driver["rules"], "rules");
    assert_eq!(rules.len(), RULES.len(), "every registry rule is described");
    for (rule, meta) in rules.iter().zip(RULES) {
        assert_eq!(rule["id"], meta.name);
        let short = rule["shortDescription"]["text"].as_str().unwrap_or("");
        assert!(short.ends_with('.') && short.len() > 1, "{}", meta.name);
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert_eq!(rule["help"]["markdown"], meta.doc);
        let help_text = rule["help"]["text"].as_str().unwrap_or("");
        assert!(
            help_text.contains(meta.name),
            "the plain help names the rule"
        );
        assert!(!help_text.contains("**Category:**") && !help_text.contains("```"));
        let expected_level = match meta.severity.as_str() {
            "info" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], expected_level);
        assert_eq!(rule["properties"]["category"], meta.category.as_str());
    }

    let results = as_array(&run["results"], "results");
    assert_eq!(results.len(), 9);
    for (i, result) in results.iter().enumerate() {
        let where_ = format!("results[{i}]");
        let rule_id = result["ruleId"].as_str().unwrap_or_default();
        let index = uint(&result["ruleIndex"], &where_) as usize;
        assert_eq!(rules[index]["id"], rule_id, "{where_}: ruleIndex");
        assert!(
            ["error", "warning", "note"].contains(&result["level"].as_str().unwrap_or("")),
            "{where_}: level"
        );
        assert!(result["message"]["text"].is_string());
        let locations = as_array(&result["locations"], "locations");
        assert_eq!(locations.len(), 1, "{where_}: GitHub needs one location");
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap_or("");
        assert!(
            !uri.contains('\\') && !uri.starts_with('/'),
            "{where_}: {uri}"
        );
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        if uri == "missing.yaml" {
            assert!(physical.get("region").is_none(), "no position, no region");
        } else {
            check_region(&physical["region"], &where_, file_len(uri));
        }
        if let Some(related) = result.get("relatedLocations") {
            for (id, loc) in as_array(related, "relatedLocations").iter().enumerate() {
                assert_eq!(uint(&loc["id"], &where_), id as u64);
                assert!(loc["message"]["text"].is_string());
                let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or("");
                check_region(&loc["physicalLocation"]["region"], &where_, file_len(uri));
            }
        }
        for fix in result
            .get("fixes")
            .map_or(&Vec::new(), |f| as_array(f, "fixes"))
        {
            assert!(fix["description"]["text"].is_string());
            for change in as_array(&fix["artifactChanges"], "artifactChanges") {
                let uri = change["artifactLocation"]["uri"].as_str().unwrap_or("");
                for replacement in as_array(&change["replacements"], "replacements") {
                    check_region(&replacement["deletedRegion"], &where_, file_len(uri));
                }
            }
        }
    }
}

#[test]
fn sarif_regions_count_code_points_and_bytes() {
    let log = sarif(&RenderOptions::default());
    let results = as_array(&log["runs"][0]["results"], "results");
    // The `😀KEY` name on line 2 of .env: 4 code points, 7 bytes.
    let emoji = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(emoji["startLine"], 2);
    assert_eq!(emoji["startColumn"], 1);
    assert_eq!(emoji["endColumn"], 5);
    assert_eq!(emoji["byteLength"], 7);
    // Its label lives in compose.yaml.
    let label = &results[0]["relatedLocations"][0];
    assert_eq!(
        label["physicalLocation"]["artifactLocation"]["uri"],
        "compose.yaml"
    );
    assert_eq!(
        label["message"]["text"],
        "read by service web through env_file"
    );
    // The fix of obsolete-version deletes the whole first line, newline included.
    let fix = &results[2]["fixes"][0];
    assert_eq!(fix["properties"]["applicability"], "safe");
    let deleted = &fix["artifactChanges"][0]["replacements"][0]["deletedRegion"];
    assert_eq!(
        (deleted["startLine"].clone(), deleted["endLine"].clone()),
        (1.into(), 2.into())
    );
    assert_eq!(deleted["endColumn"], 1);
    assert!(
        fix["artifactChanges"][0]["replacements"][0]
            .get("insertedContent")
            .is_none()
    );
    // Services travel in the result's property bag.
    assert_eq!(results[0]["properties"]["services"][0], "web");
}

#[test]
fn sarif_masks_secrets_unless_asked() {
    let masked = sarif(&RenderOptions::default()).to_string();
    assert!(!masked.contains("s3cret") && !masked.contains("hunter3"));
    assert!(!masked.contains("abc123"));
    let shown = sarif(&RenderOptions {
        show_secrets: true,
        ..RenderOptions::default()
    })
    .to_string();
    assert!(shown.contains("http://bob:s3cret@proxy:3128"));
    assert!(shown.contains("DB_PASSWORD: hunter3"));
}
