//! The rule pages (`rules/<name>.md`) match the registry, have their fixed sections, and
//! their examples are true: each is run through the binary.
//!
//! A runnable example is a fenced code block whose info string is `LANG bad FILENAME` or
//! `LANG good FILENAME`. Consecutive runnable blocks with the same tag and different file
//! names form one example (a compose.yaml plus its .env); a new tag or a repeated file name
//! starts the next example. File names may have folders (`app/compose.yaml`), never `..`.
//! A block named `args` is not written: its lines are extra command-line arguments (e.g.
//! `--shell-env` then `snapshot.txt`), as in the fixture cases.
//!
//! Each example is written to a fresh directory and linted with
//! `composelint check --format json .` from there: in a bad example the page's rule fires,
//! in a good one it does not.

mod support;

use composelint::rules::RULES;
use std::path::{Component, Path};

/// Rules about composelint's own inputs: their pages explain them; their fixtures
/// (fixtures/rules/) show them.
const TOOL_RULES: [&str; 3] = ["io-error", "settings-error", "shell-snapshot-syntax"];

fn rules_dir() -> std::path::PathBuf {
    support::crate_root().join("rules")
}

fn read_page(name: &str) -> Result<String, String> {
    let path = rules_dir().join(format!("{name}.md"));
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

#[test]
fn every_rule_has_a_page_and_every_page_a_rule() {
    let mut problems = Vec::new();
    for rule in RULES {
        if let Err(e) = read_page(rule.name) {
            problems.push(format!("rule `{}` has no page: {e}", rule.name));
        }
    }
    let entries =
        std::fs::read_dir(rules_dir()).unwrap_or_else(|e| panic!("{}: {e}", rules_dir().display()));
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = file.strip_suffix(".md") else {
            problems.push(format!("rules/{file} is not a rule page (.md)"));
            continue;
        };
        if !RULES.iter().any(|r| r.name == stem) {
            problems.push(format!("rules/{file} documents no registered rule"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_page_has_its_title_and_sections() {
    let mut problems = Vec::new();
    for rule in RULES {
        let Ok(page) = read_page(rule.name) else {
            continue; // reported by the test above
        };
        if page.lines().next() != Some(&format!("# {}", rule.name)) {
            problems.push(format!("{}: the page must start with `# {0}`", rule.name));
        }
        for section in ["What it does", "Why is this bad?"] {
            let found = page.lines().any(|l| {
                let heading = l.trim_start_matches('#');
                l.starts_with("##") && heading.trim() == section
            });
            if !found {
                problems.push(format!("{}: no `## {section}` section", rule.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One fenced code block with a runnable info string.
#[derive(Debug)]
struct Block {
    bad: bool,
    filename: String,
    contents: String,
    /// 1-based line of the opening fence.
    line: usize,
}

/// One example: the files (and args) of consecutive blocks with the same tag.
#[derive(Debug)]
struct Example {
    bad: bool,
    files: Vec<(String, String)>,
    args: Vec<String>,
    line: usize,
}

/// The runnable blocks of a page, in order. Errors name malformed info strings.
fn runnable_blocks(page: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let trimmed = line.trim_start();
        let fence = if trimmed.starts_with("```") {
            "```"
        } else if trimmed.starts_with("~~~") {
            "~~~"
        } else {
            continue;
        };
        let info: Vec<&str> = trimmed
            .trim_start_matches(fence)
            .split_whitespace()
            .collect();
        let mut contents = String::new();
        let mut closed = false;
        for (_, body) in lines.by_ref() {
            if body.trim_start().starts_with(fence) {
                closed = true;
                break;
            }
            contents.push_str(body);
            contents.push('\n');
        }
        if !closed {
            return Err(format!("line {}: unclosed code block", n + 1));
        }
        let tag = info.get(1).copied();
        if !matches!(tag, Some("bad" | "good")) {
            continue;
        }
        let [_, _, filename] = info.as_slice() else {
            return Err(format!(
                "line {}: a runnable block needs exactly `LANG bad|good FILENAME`, got `{}`",
                n + 1,
                info.join(" ")
            ));
        };
        let path = Path::new(filename);
        if !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(format!(
                "line {}: `{filename}` must be a relative path without `..`",
                n + 1
            ));
        }
        blocks.push(Block {
            bad: tag == Some("bad"),
            filename: (*filename).to_string(),
            contents,
            line: n + 1,
        });
    }
    Ok(blocks)
}

fn examples(blocks: Vec<Block>) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for b in blocks {
        let joins = out.last().is_some_and(|e| {
            let repeated = if b.filename == "args" {
                !e.args.is_empty()
            } else {
                e.files.iter().any(|(f, _)| *f == b.filename)
            };
            e.bad == b.bad && !repeated
        });
        if !joins {
            out.push(Example {
                bad: b.bad,
                files: Vec::new(),
                args: Vec::new(),
                line: b.line,
            });
        }
        let Some(example) = out.last_mut() else {
            continue;
        };
        if b.filename == "args" {
            example.args = b
                .contents
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from)
                .collect();
        } else {
            example.files.push((b.filename, b.contents));
        }
    }
    out
}

fn check_example(rule: &str, example: &Example) -> Result<(), String> {
    let dir = support::tempdir();
    for (name, contents) in &example.files {
        support::write(dir.path(), name, contents);
    }
    let mut args: Vec<String> = vec!["check".into(), "--format".into(), "json".into()];
    if !example.args.iter().any(|a| a == "-f" || a == "--file") {
        args.push(".".into());
    }
    args.extend(example.args.iter().cloned());
    let run = support::run_os(dir.path(), &args);
    if !run.exited_cleanly() {
        return Err(format!("crashed or exited oddly\n{}", run.describe()));
    }
    let fired = run.findings()?.iter().any(|f| f.rule == rule);
    match (example.bad, fired) {
        (true, false) => Err(format!("`{rule}` did not fire\n{}", run.describe())),
        (false, true) => Err(format!(
            "`{rule}` fired on a good example\n{}",
            run.describe()
        )),
        _ => Ok(()),
    }
}

#[test]
fn page_examples_are_true() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in RULES {
        let Ok(page) = read_page(rule.name) else {
            continue;
        };
        let blocks = match runnable_blocks(&page) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("rules/{}.md: {e}", rule.name));
                continue;
            }
        };
        let examples = examples(blocks);
        if examples.is_empty() && !TOOL_RULES.contains(&rule.name) {
            failures.push(format!(
                "rules/{}.md has no runnable example (```yaml bad compose.yaml ...)",
                rule.name
            ));
        }
        for example in &examples {
            ran += 1;
            if let Err(e) = check_example(rule.name, example) {
                let kind = if example.bad { "bad" } else { "good" };
                failures.push(format!(
                    "== rules/{}.md:{} ({kind} example)\n{e}",
                    rule.name, example.line
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems in the rule pages' examples ({ran} examples run):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn example_grouping_follows_the_convention() {
    let page = "\
# r
```yaml bad compose.yaml
a: 1
```
Some prose.
```dotenv bad .env
A=1
```
```yaml bad compose.yaml
b: 2
```
```text bad args
--shell-env
snap.txt
```
```yaml good compose.yaml
c: 3
```
```yaml
not runnable
```
";
    let blocks = runnable_blocks(page).unwrap_or_else(|e| panic!("{e}"));
    let ex = examples(blocks);
    let shape: Vec<(bool, Vec<&str>, usize)> = ex
        .iter()
        .map(|e| {
            (
                e.bad,
                e.files.iter().map(|(f, _)| f.as_str()).collect(),
                e.args.len(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (true, vec!["compose.yaml", ".env"], 0),
            (true, vec!["compose.yaml"], 2),
            (false, vec!["compose.yaml"], 0),
        ]
    );
    assert_eq!(ex[0].files[1].1, "A=1\n");
    assert_eq!(ex[0].line, 2);
    assert!(runnable_blocks("```yaml bad\nx\n```\n").is_err());
    assert!(runnable_blocks("```yaml bad ../x.yaml\nx\n```\n").is_err());
    assert!(runnable_blocks("```yaml bad x.yaml\nunclosed\n").is_err());
}
