//! Hand-built diagnostics shared by the output tests: multi-line spans, emoji columns
//! (UTF-16 differs), a label in another file, a far label in the same file, a finding with
//! no position, a fix, services, and secrets in snippets and messages.

use composelint::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use composelint::output::Report;
use composelint::source::{SourceMap, Span};

pub const COMPOSE: &str = r#"version: "3.8"
services:
  web:
    image: nginx:1.27
    env_file: .env
    environment:
      DB_PASSWORD: hunter2
      GREETING: "héllo 😀 wörld"
      HTTP_PROXY: http://bob:s3cret@proxy:3128
      DB_PASSWORD: hunter3
    command: >
      run
      --fast
  api:
    image: nginx:1.27
    image: nginx:1.28
"#;

pub const DOTENV: &str = "# settings\n😀KEY=1\nexport API_TOKEN=\"abc123\"\n";

/// Byte span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("fixture has no occurrence {nth} of {needle:?}"));
    (start, start + needle.len())
}

pub fn fixture() -> (SourceMap, Report) {
    let mut sm = SourceMap::with_cwd("/work/project");
    let env = sm.add_virtual("/work/project/.env", ".env", DOTENV.to_string());
    let compose = sm.add_virtual(
        "/work/project/compose.yaml",
        "compose.yaml",
        COMPOSE.to_string(),
    );
    let missing = sm.add_virtual("/work/project/missing.yaml", "missing.yaml", String::new());
    let span = |file, text: &str, needle: &str, nth: usize| {
        let (s, e) = find(text, needle, nth);
        Span::new(file, s, e)
    };

    let emoji_key = Diagnostic::new(
        "dotenv-syntax",
        Severity::Error,
        span(env, DOTENV, "😀KEY", 0),
        "`😀KEY` is not a valid variable name",
    )
    .with_primary_message("not a valid name")
    .with_label(
        span(compose, COMPOSE, ".env", 0),
        "read by service web through env_file",
    )
    .with_help("names start with a letter or `_`, followed by letters, digits, `_`, `.` or `-`")
    .with_services(["web"]);

    let secret_in_message = Diagnostic::new(
        "dotenv-syntax",
        Severity::Warning,
        span(env, DOTENV, "export ", 0),
        "`export API_TOKEN=\"abc123\"`: the `export` prefix is ignored by Compose",
    )
    .with_help("write `API_TOKEN=...` without `export`");

    let (vs, _) = find(COMPOSE, "version", 0);
    let (_, ve) = find(COMPOSE, "\"3.8\"\n", 0);
    let obsolete = Diagnostic::new(
        "obsolete-version",
        Severity::Info,
        span(compose, COMPOSE, "version", 0),
        "the top-level `version` key is obsolete",
    )
    .with_primary_message("Compose ignores this")
    .with_fix(Fix {
        applicability: Applicability::Safe,
        message: "remove the `version` line".into(),
        edits: vec![Edit {
            span: Span::new(compose, vs, ve),
            replacement: String::new(),
        }],
    });

    let password = span(compose, COMPOSE, "s3cret", 0);
    let proxy_credentials = Diagnostic::new(
        "settings-error",
        Severity::Warning,
        password,
        "HTTP_PROXY=http://bob:s3cret@proxy:3128 has credentials in it",
    )
    .with_primary_message("a password in version control")
    .with_help("read it from a variable: http://bob:${PROXY_PASSWORD}@proxy:3128")
    .with_services(["web"])
    .with_fix(Fix {
        applicability: Applicability::Unsafe,
        message: "use ${PROXY_PASSWORD}".into(),
        edits: vec![Edit {
            span: password,
            replacement: "${PROXY_PASSWORD}".into(),
        }],
    });

    let greeting = span(compose, COMPOSE, "wörld\"", 0);
    let unicode = Diagnostic::new(
        "yaml-syntax",
        Severity::Warning,
        greeting,
        "a quoted value after an emoji",
    )
    .with_primary_message("columns differ in UTF-16");

    let duplicate_password = Diagnostic::new(
        "yaml-duplicate-key",
        Severity::Error,
        span(compose, COMPOSE, "DB_PASSWORD", 1),
        "`DB_PASSWORD` is defined twice; `DB_PASSWORD: hunter3` would win",
    )
    .with_primary_message("defined again here")
    .with_label(
        span(compose, COMPOSE, "DB_PASSWORD", 0),
        "first defined here",
    )
    .with_services(["web"]);

    let (cs, _) = find(COMPOSE, "command", 0);
    let (_, ce) = find(COMPOSE, "--fast", 0);
    let multi_line = Diagnostic::new(
        "yaml-syntax",
        Severity::Error,
        Span::new(compose, cs, ce),
        "a folded block scalar spanning several lines",
    )
    .with_primary_message("this whole value")
    .with_services(["web"]);

    let duplicate_image = Diagnostic::new(
        "yaml-duplicate-key",
        Severity::Error,
        span(compose, COMPOSE, "image", 2),
        "`image` is defined twice in service `api`",
    )
    .with_primary_message("defined again here")
    .with_label(span(compose, COMPOSE, "image", 1), "first defined here")
    .with_services(["api"]);

    let unreadable = Diagnostic::file_level(
        "io-error",
        Severity::Error,
        missing,
        "No such file or directory (os error 2)",
    );

    let report = Report {
        diagnostics: vec![
            emoji_key,
            secret_in_message,
            obsolete,
            unicode,
            proxy_credentials,
            duplicate_password,
            multi_line,
            duplicate_image,
            unreadable,
        ],
        files: 3,
        projects: 1,
    };
    (sm, report)
}
