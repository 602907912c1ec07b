//! The observable interpolation behaviour of the `interp-*` oracle cases
//! (shared/semantics/cases), reproduced with `interpolate::substitute`, `variables` and the
//! error wording helpers.
//!
//! Templates, shell variables and expected results are inlined (so the tests run anywhere);
//! `inlined_cases_match_the_oracle_files` checks them against the case folders whenever
//! `../shared/semantics/cases` exists next to the repository.

use composelint::interpolate::{self, EvalError, VariableInfo};
use std::collections::BTreeMap;
use std::path::PathBuf;

type Shell = &'static [(&'static str, &'static str)];

/// One interpolated scalar of a case.
struct Check {
    case: &'static str,
    /// Where the value sits in `expected.json` (`/`-separated), or the dotted path Compose
    /// names in its error.
    path: &'static str,
    template: &'static str,
    shell: Shell,
    expect: Result<&'static str, &'static str>,
    warnings: &'static [&'static str],
}

const ALT: Shell = &[("SET", "value"), ("EMPTY", "")];
const BASIC: Shell = &[
    ("IMG", "nginx"),
    ("TAG", "1.25"),
    ("SET", "v"),
    ("EMPTY", ""),
    ("set", "lower"),
    ("_U", "u"),
    ("SETword", "sw"),
];
const AB: Shell = &[("A", "a"), ("B", "b")];

macro_rules! ok {
    ($case:expr, $path:expr, $template:expr, $shell:expr, $want:expr) => {
        Check {
            case: $case,
            path: $path,
            template: $template,
            shell: $shell,
            expect: Ok($want),
            warnings: &[],
        }
    };
}

const CHECKS: &[Check] = &[
    ok!(
        "interp-alternates",
        "services/s/labels/colon_plus_unset",
        "[${UNSET:+alt}]",
        ALT,
        "[]"
    ),
    ok!(
        "interp-alternates",
        "services/s/labels/colon_plus_empty",
        "[${EMPTY:+alt}]",
        ALT,
        "[]"
    ),
    ok!(
        "interp-alternates",
        "services/s/labels/colon_plus_set",
        "[${SET:+alt}]",
        ALT,
        "[alt]"
    ),
    ok!(
        "interp-alternates",
        "services/s/labels/plus_unset",
        "[${UNSET+alt}]",
        ALT,
        "[]"
    ),
    ok!(
        "interp-alternates",
        "services/s/labels/plus_empty",
        "[${EMPTY+alt}]",
        ALT,
        "[alt]"
    ),
    ok!(
        "interp-alternates",
        "services/s/labels/plus_set",
        "[${SET+alt}]",
        ALT,
        "[alt]"
    ),
    ok!(
        "interp-basic",
        "services/s/image",
        "$IMG:${TAG}",
        BASIC,
        "nginx:1.25"
    ),
    ok!(
        "interp-basic",
        "services/s/labels/unbraced",
        "$SET",
        BASIC,
        "v"
    ),
    ok!(
        "interp-basic",
        "services/s/labels/braced",
        "${SET}",
        BASIC,
        "v"
    ),
    ok!(
        "interp-basic",
        "services/s/labels/suffix_unbraced",
        "$SET.suffix",
        BASIC,
        "v.suffix"
    ),
    ok!(
        "interp-basic",
        "services/s/labels/suffix_word",
        "$SETword",
        BASIC,
        "sw"
    ),
    Check {
        case: "interp-basic",
        path: "services/s/labels/unset",
        template: "${UNSET_VAR}",
        shell: BASIC,
        expect: Ok(""),
        warnings: &["UNSET_VAR"],
    },
    ok!(
        "interp-basic",
        "services/s/labels/empty",
        "${EMPTY}",
        BASIC,
        ""
    ),
    ok!(
        "interp-basic",
        "services/s/labels/case",
        "${set}",
        BASIC,
        "lower"
    ),
    ok!(
        "interp-basic",
        "services/s/labels/twice",
        "${SET}-${SET}",
        BASIC,
        "v-v"
    ),
    ok!(
        "interp-basic",
        "services/s/labels/underscore",
        "${_U}",
        BASIC,
        "u"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/colon_dash_unset",
        "${UNSET:-def}",
        ALT,
        "def"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/colon_dash_empty",
        "${EMPTY:-def}",
        ALT,
        "def"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/colon_dash_set",
        "${SET:-def}",
        ALT,
        "value"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/dash_unset",
        "${UNSET-def}",
        ALT,
        "def"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/dash_empty",
        "${EMPTY-def}",
        ALT,
        ""
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/dash_set",
        "${SET-def}",
        ALT,
        "value"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/empty_default",
        "${UNSET:-}",
        ALT,
        ""
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/default_with_spaces",
        "${UNSET:-a b c}",
        ALT,
        "a b c"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/default_with_colon",
        "${UNSET:-host:5432}",
        ALT,
        "host:5432"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/default_with_var",
        "${UNSET:-$SET-x}",
        ALT,
        "value-x"
    ),
    ok!(
        "interp-defaults",
        "services/s/labels/default_with_dollar_dollar",
        "${UNSET:-$$literal}",
        ALT,
        "$literal"
    ),
    ok!(
        "interp-dollar-escape-yaml",
        "",
        "$$NOT_INTERPOLATED",
        &[("SET", "v")],
        "$NOT_INTERPOLATED"
    ),
    ok!(
        "interp-dollar-escape-yaml",
        "",
        "$$$SET",
        &[("SET", "v")],
        "$v"
    ),
    ok!(
        "interp-dollar-escape-yaml",
        "",
        "5$$",
        &[("SET", "v")],
        "5$"
    ),
    ok!(
        "interp-dollar-escape-yaml",
        "",
        "echo $$HOME $${HOME} $$$$",
        &[("SET", "v")],
        "echo $HOME ${HOME} $$"
    ),
    ok!(
        "interp-dotted-name-ok",
        "services/s/environment/UNBRACED",
        "UNBRACED=$DOT.KEY",
        &[("DOT", "d")],
        "UNBRACED=d.KEY"
    ),
    Check {
        case: "interp-eager-default-warning",
        path: "services/s/labels/a",
        template: "${SET:-${UNUSED_DEFAULT_VAR}}",
        shell: &[("SET", "v")],
        expect: Ok("v"),
        warnings: &["UNUSED_DEFAULT_VAR"],
    },
    Check {
        case: "interp-eager-default-warning",
        path: "services/s/labels/b",
        template: "[${NOT_SET_EITHER+$UNUSED_ALT_VAR}]",
        shell: &[("SET", "v")],
        expect: Ok("[]"),
        warnings: &["UNUSED_ALT_VAR"],
    },
    ok!(
        "interp-keys-not-interpolated",
        "services/s/environment/PLAIN",
        "${KEYVAR}",
        &[("KEYVAR", "resolved")],
        "resolved"
    ),
    ok!(
        "interp-list-env-key-interpolated",
        "",
        "${KEYNAME}=list-form",
        &[("KEYNAME", "RESOLVED_KEY")],
        "RESOLVED_KEY=list-form"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/n1",
        "${A:-${B:-x}}",
        AB,
        "a"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/n2",
        "${UNSET1:-${B:-x}}",
        AB,
        "b"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/n3",
        "${UNSET1:-${UNSET2:-deep}}",
        AB,
        "deep"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/n4",
        "${UNSET1:-${UNSET2:-${UNSET3:-deeper}}}",
        AB,
        "deeper"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/n5",
        "${UNSET1:-${B}}-tail",
        AB,
        "b-tail"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/n6",
        "pre-${UNSET1:-${B:-x}}-${A}",
        AB,
        "pre-b-a"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/brace_tail",
        "${UNSET1:-x}}",
        AB,
        "x}"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/alt_nested",
        "${A:+${B}/${A}}",
        AB,
        "b/a"
    ),
    ok!(
        "interp-nested",
        "services/s/labels/req_msg_nested",
        "${A:?${B}}",
        AB,
        "a"
    ),
    ok!(
        "interp-required-empty-nocolon",
        "services/s/environment/A",
        "[${EMPTY?is empty}]",
        &[("EMPTY", ""), ("SET", "ok")],
        "[]"
    ),
    ok!(
        "interp-required-empty-nocolon",
        "services/s/environment/B",
        "${SET?x}",
        &[("EMPTY", ""), ("SET", "ok")],
        "ok"
    ),
    ok!(
        "interp-project-name",
        "",
        "My_${SUFFIX}",
        &[("SUFFIX", "App.V2")],
        "My_App.V2"
    ),
    Check {
        case: "interp-typecast-unset-int",
        path: "",
        template: "${N}",
        shell: &[],
        expect: Ok(""),
        warnings: &["N"],
    },
    // errors: `path` is what Compose names in the message
    Check {
        case: "interp-dotted-name-error",
        path: "services.s.environment.[]",
        template: "BRACED=${DOT.KEY}",
        shell: &[],
        expect: Err(
            "invalid interpolation format for services.s.environment.[].\nYou may need to escape any $ with another $.\nBRACED=${DOT.KEY}",
        ),
        warnings: &[],
    },
    Check {
        case: "interp-invalid-empty-braces",
        path: "services.s.image",
        template: "busybox${}",
        shell: &[],
        expect: Err(
            "invalid interpolation format for services.s.image.\nYou may need to escape any $ with another $.\nbusybox${}",
        ),
        warnings: &[],
    },
    Check {
        case: "interp-invalid-name",
        path: "services.s.labels.a",
        template: "${1VAR}",
        shell: &[],
        expect: Err(
            "invalid interpolation format for services.s.labels.a.\nYou may need to escape any $ with another $.\n${1VAR}",
        ),
        warnings: &[],
    },
    Check {
        case: "interp-invalid-open",
        path: "services.s.labels.bad",
        template: "prefix ${ suffix",
        shell: &[],
        expect: Err(
            "invalid interpolation format for services.s.labels.bad.\nYou may need to escape any $ with another $.\nprefix ${ suffix",
        ),
        warnings: &[],
    },
    Check {
        case: "interp-invalid-unbalanced-nested",
        path: "services.s.labels.a",
        template: "${A:-${B}",
        shell: AB,
        expect: Err(
            "invalid interpolation format for services.s.labels.a.\nYou may need to escape any $ with another $.\n${B",
        ),
        warnings: &[],
    },
    Check {
        case: "interp-required-empty-colon",
        path: "services.s.environment.A",
        template: "${EMPTY:?is empty}",
        shell: &[("EMPTY", "")],
        expect: Err(
            "error while interpolating services.s.environment.A: required variable EMPTY is missing a value: is empty",
        ),
        warnings: &[],
    },
    Check {
        case: "interp-required-unset",
        path: "services.s.image",
        template: "${REG:?registry must be set}/app",
        shell: &[],
        expect: Err(
            "error while interpolating services.s.image: required variable REG is missing a value: registry must be set",
        ),
        warnings: &[],
    },
];

fn run(check: &Check) -> (Result<String, String>, Vec<String>) {
    let mut lookup = |name: &str| {
        check
            .shell
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    match interpolate::substitute(check.template, &mut lookup) {
        Ok(evaluated) => {
            let mut warned: Vec<String> = evaluated
                .uses
                .iter()
                .filter(|u| u.warns)
                .map(|u| u.name.clone())
                .collect();
            warned.sort();
            (Ok(evaluated.value), warned)
        }
        Err(err) => (
            Err(interpolate::yaml_error_message(check.path, &err)),
            Vec::new(),
        ),
    }
}

#[test]
fn every_interp_check_evaluates_like_compose() {
    for check in CHECKS {
        let (got, warned) = run(check);
        let want = check.expect.map(str::to_string).map_err(str::to_string);
        assert_eq!(got, want, "{} {}", check.case, check.template);
        assert_eq!(warned, check.warnings, "{} {}", check.case, check.template);
    }
}

/// interp-variables: `config --variables --format json` of the case's compose.yaml.
const VARIABLES_TEMPLATES: &[&str] = &[
    "${REG:-docker.io}/app:${TAG?tag required}",
    "${PLAIN}",
    "${ALT:+yes}",
    "${REQ:?need REQ}",
    "$UNBRACED",
    "${OUTER:-${INNER:-deep}}",
    "$$ESCAPED",
];

fn info(name: &str, default: &str, presence: &str, required: bool) -> VariableInfo {
    VariableInfo {
        name: name.to_string(),
        default_value: default.to_string(),
        presence_value: presence.to_string(),
        required,
    }
}

fn variables_of(templates: &[&str]) -> BTreeMap<String, VariableInfo> {
    let mut all = BTreeMap::new();
    for template in templates {
        for v in interpolate::variables(template) {
            all.insert(v.name.clone(), v);
        }
    }
    all
}

#[test]
fn variables_listing_matches_the_interp_variables_case() {
    let got: Vec<VariableInfo> = variables_of(VARIABLES_TEMPLATES).into_values().collect();
    let want = vec![
        info("ALT", "", "yes", false),
        info("INNER", "deep", "", false),
        info("OUTER", "${INNER:-deep}", "", false),
        info("PLAIN", "", "", false),
        info("REG", "docker.io", "", false),
        info("REQ", "", "", true),
        info("TAG", "", "", true),
        info("UNBRACED", "", "", false),
    ];
    assert_eq!(got, want);
}

// ---------------------------------------------------------------------------------------
// Cross-check of the inlined data against the oracle case folders.

fn cases_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/semantics/cases");
    dir.is_dir().then_some(dir)
}

fn read_shell(dir: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("shell.env")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The case's project environment: `shell.env`, then the keys of its `.env` the shell lacks.
fn project_env(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut env = read_shell(dir);
    let text = std::fs::read_to_string(dir.join(".env")).unwrap_or_default();
    let file = composelint::dotenv::parse(composelint::source::FileId(0), &text);
    let shell = env.clone();
    let mut lookup = |name: &str| {
        shell
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let evaluated = composelint::dotenv::evaluate(&file, &text, &mut lookup, &Default::default())
        .expect(".env");
    for (key, entry) in evaluated.vars {
        if !env.iter().any(|(k, _)| *k == key) {
            env.push((key, entry.value));
        }
    }
    env
}

#[test]
fn inlined_cases_match_the_oracle_files() {
    let Some(root) = cases_dir() else {
        eprintln!("shared/semantics/cases not found: cross-check skipped");
        return;
    };
    let mut checked = 0;
    for check in CHECKS {
        let dir = root.join(check.case);
        if !dir.is_dir() {
            continue;
        }
        checked += 1;
        let compose = std::fs::read_to_string(dir.join("compose.yaml")).expect("compose.yaml");
        assert!(
            compose.contains(check.template),
            "{}: template {:?} not in compose.yaml",
            check.case,
            check.template
        );
        // The inlined variables must give the same result as the case's real environment.
        let env = project_env(&dir);
        let mut lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let from_files = interpolate::substitute(check.template, &mut lookup)
            .map(|e| e.value)
            .map_err(|e| interpolate::yaml_error_message(check.path, &e));
        assert_eq!(
            from_files,
            run(check).0,
            "{}: environment differs",
            check.case
        );
        let err = std::fs::read_to_string(dir.join("expected.err")).unwrap_or_default();
        for warned in check.warnings {
            assert!(
                err.contains(&format!("The \\\"{warned}\\\" variable is not set")),
                "{}: no warning for {warned}",
                check.case
            );
        }
        match check.expect {
            Err(message) => assert!(
                err.ends_with(&format!("{message}\n")),
                "{}: expected.err does not end with {message:?}",
                check.case
            ),
            Ok(value) if !check.path.is_empty() => {
                let json = std::fs::read_to_string(dir.join("expected.json")).expect("json");
                let json: serde_json::Value = serde_json::from_str(&json).expect("json");
                let at = check.path.split('/').fold(&json, |node, key| &node[key]);
                let printed = at.as_str().expect("string value").replace("$$", "$");
                // environment list items print as map entries: compare the value part
                let value = check
                    .path
                    .rsplit('/')
                    .next()
                    .and_then(|key| value.strip_prefix(&format!("{key}=")))
                    .unwrap_or(value);
                assert_eq!(printed, value, "{} {}", check.case, check.path);
            }
            Ok(_) => {}
        }
    }
    assert!(checked >= 30, "only {checked} interp checks found");

    let dir = root.join("interp-variables");
    if dir.is_dir() {
        let compose = std::fs::read_to_string(dir.join("compose.yaml")).expect("compose.yaml");
        for template in VARIABLES_TEMPLATES {
            assert!(compose.contains(template), "interp-variables: {template:?}");
        }
        let json = std::fs::read_to_string(dir.join("expected.json")).expect("json");
        let json: serde_json::Value = serde_json::from_str(&json).expect("json");
        let ours = variables_of(VARIABLES_TEMPLATES);
        let theirs = json.as_object().expect("object");
        assert_eq!(theirs.len(), ours.len());
        for (name, v) in theirs {
            let mine = ours.get(name).expect("listed");
            assert_eq!(v["Name"], mine.name.as_str());
            assert_eq!(v["DefaultValue"], mine.default_value.as_str());
            assert_eq!(v["PresenceValue"], mine.presence_value.as_str());
            assert_eq!(v["Required"], mine.required);
        }
    }
}

#[test]
fn required_error_carries_name_message_and_range() {
    let mut lookup = |_: &str| None;
    let err = interpolate::substitute("x ${REG:?must ${WHY:-be set}} y", &mut lookup)
        .expect_err("REG is unset");
    assert_eq!(
        err,
        EvalError::Required {
            name: "REG".to_string(),
            message: "must be set".to_string(),
            range: 2..29,
        }
    );
    assert_eq!(
        interpolate::env_file_error_detail(&err),
        "required variable REG is missing a value: must be set"
    );
}
