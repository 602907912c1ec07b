//! The observable behaviour of every `env-*` oracle case (shared/semantics/cases), reproduced
//! with the dotenv parser and evaluator.
//!
//! Inputs and expected values are inlined here (byte-exact, so the tests run anywhere);
//! `inlined_cases_match_the_oracle_files` checks them against the case folders whenever
//! `../shared/semantics/cases` exists next to the repository, so they cannot drift.

use composelint::dotenv::{self, EvaluatedEnv};
use composelint::interpolate;
use composelint::source::FileId;
use indexmap::IndexMap;
use std::path::PathBuf;

enum Expect {
    /// The project environment Compose builds (shell first, then the file), without
    /// `COMPOSE_PROJECT_NAME` and `PWD`.
    Env(&'static [(&'static str, &'static str)]),
    /// The text after `failed to read <file>: `.
    Error(&'static str),
}

struct Case {
    name: &'static str,
    dotenv: &'static str,
    shell: &'static [(&'static str, &'static str)],
    expect: Expect,
    /// Variables Compose warns about (`The "X" variable is not set`).
    warnings: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "env-bare-key-eof-environment",
        dotenv: "A=1\nB",
        shell: &[],
        expect: Expect::Env(&[("", "B"), ("A", "1")]),
        warnings: &[],
    },
    Case {
        name: "env-basic-forms",
        dotenv: "PLAIN=value\nexport EXPORTED=yes\nSPACED = spaced value\nTABBED\t=\ttabbed\nYAMLSTYLE:yaml\nYAMLSPACED: yaml spaced\n   LEADING=indented key\nTRAILING=trailing spaces   \nINNER=a b  c\nexport   EXPORTSP=multi space after export\n",
        shell: &[],
        expect: Expect::Env(&[
            ("EXPORTED", "yes"),
            ("EXPORTSP", "multi space after export"),
            ("INNER", "a b  c"),
            ("LEADING", "indented key"),
            ("PLAIN", "value"),
            ("SPACED", "spaced value"),
            ("TABBED", "tabbed"),
            ("TRAILING", "trailing spaces"),
            ("YAMLSPACED", "yaml spaced"),
            ("YAMLSTYLE", "yaml"),
        ]),
        warnings: &[],
    },
    Case {
        name: "env-bom",
        dotenv: "\u{feff}FIRST=1\nSECOND=2\n",
        shell: &[],
        expect: Expect::Env(&[("FIRST", "1"), ("SECOND", "2")]),
        warnings: &[],
    },
    Case {
        name: "env-double-quote-escapes",
        dotenv: "NL=\"a\\nb\"\nTAB=\"a\\tb\"\nDQ=\"say \\\"hi\\\"\"\nBS=\"back\\\\slash\"\nDOLLAR=\"\\$HOME\"\nDOLLAR2=\"$$HOME\"\nSQ_IN_DQ=\"it\\'s\"\nBELL=\"x\\ay\"\nOCT=\"\\0101\"\nUNKNOWN=\"\\x41\\q\\u0041\"\nCR=\"a\\rb\"\nTRAILSP=\"  padded  \"\n",
        shell: &[("HOME", "/home/shell")],
        expect: Expect::Env(&[
            ("BELL", "x\u{7}y"),
            ("BS", "back\\slash"),
            ("CR", "a\rb"),
            ("DOLLAR", "$HOME"),
            ("DOLLAR2", "$HOME"),
            ("DQ", "say \"hi\""),
            ("HOME", "/home/shell"),
            ("NL", "a\nb"),
            ("OCT", "A"),
            ("SQ_IN_DQ", "it\\'s"),
            ("TAB", "a\tb"),
            ("TRAILSP", "  padded  "),
            ("UNKNOWN", "\\x41\\q\\u0041"),
        ]),
        warnings: &[],
    },
    Case {
        name: "env-duplicate-keys",
        dotenv: "DUP=first\nDUP=second\nSELF=a\nSELF=${SELF}b\n",
        shell: &[],
        expect: Expect::Env(&[("DUP", "second"), ("SELF", "ab")]),
        warnings: &[],
    },
    Case {
        name: "env-inline-comments",
        dotenv: "C1=value # comment\nC2=value# not comment\nC3=value\t# tab before hash\nC4=\"quoted # inside\" # outside\nC5=#starts with hash\nC6= # only comment\nC7=a  #  b # c\nC8=\"x\"# comment right after quote\nC9=url#frag\n# full line comment\n   # indented comment\n",
        shell: &[],
        expect: Expect::Env(&[
            ("C1", "value"),
            ("C2", "value# not comment"),
            ("C3", "value\t# tab before hash"),
            ("C4", "quoted # inside"),
            ("C5", "#starts with hash"),
            ("C6", "# only comment"),
            ("C7", "a"),
            ("C8", "x"),
            ("C9", "url#frag"),
        ]),
        warnings: &[],
    },
    Case {
        name: "env-interpolation",
        dotenv: "BASE=base\nREF=$BASE/x\nBRACED=${BASE}_y\nFWD=${LATER}\nLATER=later\nDEF=${NOPE:-fallback}\nSQ='${BASE}'\nDQ=\"${BASE}\"\nESC=$${BASE}\nFROMSHELL=${SHELLVAR}\nOVERRIDDEN=dotenv\nUSESOVERRIDDEN=${OVERRIDDEN}\n",
        shell: &[("SHELLVAR", "shell"), ("OVERRIDDEN", "shell-wins")],
        expect: Expect::Env(&[
            ("BASE", "base"),
            ("BRACED", "base_y"),
            ("DEF", "fallback"),
            ("DQ", "base"),
            ("ESC", "${BASE}"),
            ("FROMSHELL", "shell"),
            ("FWD", ""),
            ("LATER", "later"),
            ("OVERRIDDEN", "shell-wins"),
            ("REF", "base/x"),
            ("SHELLVAR", "shell"),
            ("SQ", "${BASE}"),
            ("USESOVERRIDDEN", "shell-wins"),
        ]),
        warnings: &["LATER"],
    },
    Case {
        name: "env-invalid-template",
        dotenv: "OK=1\nBAD=prefix ${ suffix\n",
        shell: &[],
        expect: Expect::Error("Invalid template: \"prefix ${ suffix\""),
        warnings: &[],
    },
    Case {
        name: "env-key-with-space",
        dotenv: "A=1\nMY KEY=2\n",
        shell: &[],
        expect: Expect::Error("line 2: key cannot contain a space"),
        warnings: &[],
    },
    Case {
        name: "env-odd-keys",
        dotenv: "1DIGIT=d\nDOT.KEY=dot\nDASH-KEY=dash\nARR[0]=br\nlower=l\nÜBER=u\n",
        shell: &[],
        expect: Expect::Env(&[
            ("1DIGIT", "d"),
            ("ARR[0]", "br"),
            ("DASH-KEY", "dash"),
            ("DOT.KEY", "dot"),
            ("lower", "l"),
            ("ÜBER", "u"),
        ]),
        warnings: &[],
    },
    Case {
        name: "env-quote-then-garbage",
        dotenv: "A=\"x\"y\nB=2\n",
        shell: &[],
        expect: Expect::Env(&[("A", "x"), ("B", "2")]),
        warnings: &[],
    },
    Case {
        name: "env-required-error",
        dotenv: "A=${MISSING:?must be set}\n",
        shell: &[],
        expect: Expect::Error("required variable MISSING is missing a value: must be set"),
        warnings: &[],
    },
    Case {
        name: "env-single-quote",
        dotenv: "S1='literal $HOME ${HOME}'\nS2='no \\n escapes \\t here'\nS3='it\\'s'\nS4='double \\\\ backslash'\nS5='has \"double\" quotes'\nS6='# not a comment' # but this is\n",
        shell: &[("HOME", "/home/shell")],
        expect: Expect::Env(&[
            ("HOME", "/home/shell"),
            ("S1", "literal $HOME ${HOME}"),
            ("S2", "no \\n escapes \\t here"),
            ("S3", "it's"),
            ("S4", "double \\\\ backslash"),
            ("S5", "has \"double\" quotes"),
            ("S6", "# not a comment"),
        ]),
        warnings: &[],
    },
    Case {
        name: "env-unquoted-misc",
        dotenv: "A=foo\"bar\"\nB=\\$HOME\nC=a\\nb\nD=a=b=c\nE: x=y\nF=${HOME}/bin\nG=     leading spaces trimmed\nH=ends with quote\"\n",
        shell: &[("HOME", "/home/u")],
        expect: Expect::Env(&[
            ("A", "foo\"bar\""),
            ("B", "\\/home/u"),
            ("C", "a\\nb"),
            ("D", "a=b=c"),
            ("E", "x=y"),
            ("F", "/home/u/bin"),
            ("G", "leading spaces trimmed"),
            ("H", "ends with quote\""),
            ("HOME", "/home/u"),
        ]),
        warnings: &[],
    },
    Case {
        name: "env-unterminated-quote",
        dotenv: "A=1\nB=\"never closed\nC=3\n",
        shell: &[],
        expect: Expect::Error("line 4: unterminated quoted value \"never closed"),
        warnings: &[],
    },
];

fn evaluate(case: &Case) -> (Result<EvaluatedEnv, dotenv::EvalError>, Vec<String>) {
    let file = dotenv::parse(FileId(0), case.dotenv);
    let mut lookup = |name: &str| {
        case.shell
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    let result = dotenv::evaluate(&file, case.dotenv, &mut lookup, &IndexMap::new());
    let mut warned: Vec<String> = result
        .iter()
        .flat_map(|env| env.vars.values())
        .flat_map(|entry| &entry.uses)
        .filter(|u| u.warns)
        .map(|u| u.name.clone())
        .collect();
    warned.sort();
    warned.dedup();
    (result, warned)
}

/// Compose's project environment: the shell, then the file's keys the shell lacks.
fn project_env(case: &Case, env: &EvaluatedEnv) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = case
        .shell
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    for (key, entry) in &env.vars {
        if !all.iter().any(|(k, _)| k == key) {
            all.push((key.clone(), entry.value.clone()));
        }
    }
    all.sort();
    all
}

#[test]
fn every_env_case_evaluates_like_compose() {
    for case in CASES {
        let (result, warned) = evaluate(case);
        match (&case.expect, result) {
            (Expect::Env(want), Ok(env)) => {
                let want: Vec<(String, String)> = want
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                assert_eq!(project_env(case, &env), want, "{}", case.name);
            }
            (Expect::Error(want), Err(err)) => assert_eq!(err.detail, *want, "{}", case.name),
            (_, other) => panic!("{}: unexpected {other:?}", case.name),
        }
        assert_eq!(warned, case.warnings, "{}: warnings", case.name);
    }
}

#[test]
fn syntax_errors_point_at_the_offending_text() {
    let text = "A=1\nMY KEY=2\n";
    let file = dotenv::parse(FileId(0), text);
    let err = file.error.expect("error");
    assert_eq!(&text[err.span.start..err.span.end], "MY KEY");
    assert_eq!(
        file.statements.len(),
        1,
        "statements before the error are kept"
    );

    let text = "A=1\nB=\"never closed\nC=3\n";
    let err = dotenv::parse(FileId(0), text).error.expect("error");
    assert_eq!(&text[err.span.start..err.span.end], "\"never closed");

    let text = "A=\"x\" \"y\"\n";
    let file = dotenv::parse(FileId(0), text);
    let err = file.error.expect("error");
    assert_eq!(
        err.detail,
        "line 1: unexpected character \"\\\"\" in variable name \"\\\"y\\\"\""
    );
    assert_eq!(err.span.start, 6);
    assert_eq!(file.statements[0].key, "A");
}

// ---------------------------------------------------------------------------------------
// Cross-check of the inlined data against the oracle case folders.

fn cases_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/semantics/cases");
    dir.is_dir().then_some(dir)
}

/// `KEY=VALUE` lines of a `shell.env` file (`#` and blank lines ignored).
fn read_shell(dir: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("shell.env")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn inlined_cases_match_the_oracle_files() {
    let Some(root) = cases_dir() else {
        eprintln!("shared/semantics/cases not found: cross-check skipped");
        return;
    };
    let mut checked = 0;
    for case in CASES {
        let dir = root.join(case.name);
        if !dir.is_dir() {
            continue;
        }
        checked += 1;
        let dotenv = std::fs::read(dir.join(".env")).expect(".env");
        assert_eq!(
            dotenv,
            case.dotenv.as_bytes(),
            "{}: .env differs",
            case.name
        );
        let shell = read_shell(&dir);
        let inlined: Vec<(String, String)> = case
            .shell
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(shell, inlined, "{}: shell.env differs", case.name);

        let err = std::fs::read_to_string(dir.join("expected.err")).unwrap_or_default();
        let warned: Vec<String> = err
            .lines()
            .filter_map(|l| l.strip_prefix("level=warning msg=\"The \\\""))
            .filter_map(|l| l.split_once("\\\" variable is not set"))
            .map(|(name, _)| name.to_string())
            .collect();
        assert_eq!(warned, case.warnings, "{}: warnings differ", case.name);

        match &case.expect {
            Expect::Error(detail) => {
                let line = err
                    .lines()
                    .find(|l| l.starts_with("failed to read"))
                    .expect("error line");
                assert_eq!(
                    line,
                    format!("failed to read <CASEDIR>/.env: {detail}"),
                    "{}",
                    case.name
                );
            }
            Expect::Env(want) => check_env_expectation(case.name, &dir, want),
        }
    }
    assert!(checked >= 10, "only {checked} env cases found");
}

fn check_env_expectation(name: &str, dir: &std::path::Path, want: &[(&str, &str)]) {
    let lookup = |key: &str| want.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    if let Ok(txt) = std::fs::read_to_string(dir.join("expected.txt")) {
        // `config --environment`: sorted KEY=VALUE lines (values may span lines).
        let mut lines: Vec<String> = want.iter().map(|(k, v)| format!("{k}={v}")).collect();
        lines.push(format!("COMPOSE_PROJECT_NAME={name}"));
        lines.push("PWD=<CASEDIR>".to_string());
        lines.sort();
        assert_eq!(txt, lines.join("\n") + "\n", "{name}");
        return;
    }
    // `config --format json` with labels `K: "${K-<UNSET>}"`.
    let json = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let labels = json["services"]["s"]["labels"].as_object().expect("labels");
    for (key, value) in labels {
        let resolved = value.as_str().expect("string").replace("$$", "$");
        let expected = lookup(key).unwrap_or("<UNSET>");
        assert_eq!(resolved, expected, "{name}: label {key}");
        // and the label really is the `${K-<UNSET>}` probe, resolved the same way by us
        let probe = format!("${{{key}-<UNSET>}}");
        let mut env_lookup = |k: &str| lookup(k).map(str::to_string);
        let ours = interpolate::substitute(&probe, &mut env_lookup).expect("probe");
        assert_eq!(ours.value, expected, "{name}: probe {key}");
    }
}
