//! Optional live differential test against the real Docker Compose: random small projects
//! (compose.yaml + .env + env_file + a deploy-shell snapshot) through both
//! `docker-compose config --format json` and `composelint config --format json`, comparing
//! stdout and exit code byte for byte.
//!
//! Runs only with `COMPOSELINT_LIVE=1` and the oracle installed (`COMPOSELINT_ORACLE`, or the
//! path `../shared/semantics/install-oracle.sh` installs to); otherwise it says why and
//! passes, so `cargo test` needs no oracle. `COMPOSELINT_LIVE_N` (default 200) sets the number
//! of projects, `COMPOSELINT_LIVE_SEED` the seed (printed on every run). Disagreeing
//! projects are kept in a temporary folder whose path is printed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// xorshift64*: small, seedable, good enough to pick among a few choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VARS: &[&str] = &["A", "B", "TAG", "HTTP_PROXY", "http_proxy", "NO_PROXY"];
const VALUES: &[&str] = &[
    "",
    "x",
    "v1",
    "8080",
    "http://proxy:3128",
    "localhost,.corp",
    "a b",
    "$$lit",
    "\"quoted # not a comment\"",
    "'single ${A}'",
    "\"esc\\tx\"",
    "trail # comment",
];

fn value(rng: &mut Rng) -> String {
    rng.pick(VALUES).to_string()
}

/// A `${...}` expression (or plain text) using the variable pool.
fn expression(rng: &mut Rng) -> String {
    let v = rng.pick(VARS);
    match rng.below(9) {
        0 => format!("${{{v}}}"),
        1 => format!("${{{v}:-dflt}}"),
        2 => format!("${{{v}-dflt}}"),
        3 => format!("${{{v}:+alt}}"),
        4 => format!("${{{v}+alt}}"),
        5 => format!("${v}"),
        6 => format!("pre-${{{v}:-${{{}:-deep}}}}", rng.pick(VARS)),
        7 => "literal".to_string(),
        _ => format!("${{{v}:-}}"),
    }
}

struct Project {
    compose: String,
    /// compose.override.yaml (auto-loaded by discovery), when generated.
    overlay: Option<String>,
    dotenv: String,
    env_file: String,
    shell: Vec<(String, String)>,
}

fn generate(rng: &mut Rng) -> Project {
    let mut compose = String::from("services:\n");
    let services = 1 + rng.below(3);
    for i in 0..services {
        let _ = writeln!(
            compose,
            "  s{i}:\n    image: \"busybox:{}\"",
            expression(rng)
        );
        if rng.chance(20) {
            let _ = writeln!(compose, "    profiles: [\"p{}\"]", rng.below(2));
        }
        if rng.chance(40) {
            let _ = writeln!(compose, "    env_file: app.env");
        }
        let list = rng.chance(40);
        let _ = writeln!(compose, "    environment:");
        for _ in 0..1 + rng.below(4) {
            let key = rng.pick(VARS);
            let form = rng.below(4);
            match (list, form) {
                (true, 0) => {
                    let _ = writeln!(compose, "      - {key}");
                }
                (true, _) => {
                    let _ = writeln!(compose, "      - \"{key}={}\"", expression(rng));
                }
                (false, 0) => {
                    let _ = writeln!(compose, "      {key}:");
                }
                (false, _) => {
                    let _ = writeln!(compose, "      {key}: \"{}\"", expression(rng));
                }
            }
            if !list {
                // A map cannot repeat a key; stop after the first to keep it valid YAML
                // for go-yaml (duplicates are tested elsewhere).
                break;
            }
        }
    }
    let overlay = rng.chance(40).then(|| {
        let mut o = String::from("services:\n  s0:\n");
        if rng.chance(50) {
            let _ = writeln!(o, "    ports:\n      - \"${{TAG:-8080}}:80\"");
        }
        let _ = writeln!(o, "    environment:");
        for _ in 0..1 + rng.below(3) {
            let key = rng.pick(VARS);
            match rng.below(3) {
                0 => {
                    let _ = writeln!(o, "      - {key}");
                }
                1 => {
                    let _ = writeln!(o, "      - {key}=");
                }
                _ => {
                    let _ = writeln!(o, "      - \"{key}={}\"", expression(rng));
                }
            }
        }
        o
    });
    let mut dotenv = String::new();
    for v in VARS {
        if rng.chance(40) {
            let _ = writeln!(dotenv, "{v}={}", value(rng).replace("$$", "$"));
        }
    }
    if rng.chance(20) {
        let _ = writeln!(dotenv, "COMPOSE_PROFILES=p{}", rng.below(2));
    }
    let mut env_file = String::new();
    for v in VARS {
        match rng.below(4) {
            0 => {
                let _ = writeln!(env_file, "{v}=${{{}:-ef}}", rng.pick(VARS));
            }
            1 => {
                let _ = writeln!(env_file, "{v}");
            }
            2 => {
                let _ = writeln!(env_file, "{v}={}", value(rng).replace("$$", "$"));
            }
            _ => {}
        }
    }
    let mut shell = Vec::new();
    for v in VARS {
        if rng.chance(30) {
            shell.push((v.to_string(), value(rng).replace("$$", "$")));
        }
    }
    Project {
        compose,
        overlay,
        dotenv,
        env_file,
        shell,
    }
}

fn oracle() -> Option<PathBuf> {
    let path = std::env::var_os("COMPOSELINT_ORACLE")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| {
                PathBuf::from(h).join(
                    ".cache/compose-oracle/venv/lib/python3.11/site-packages/compose/docker-compose",
                )
            })
        })?;
    path.is_file().then_some(path)
}

fn write_project(dir: &Path, p: &Project) {
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join("compose.yaml"), &p.compose).expect("write");
    std::fs::write(dir.join(".env"), &p.dotenv).expect("write");
    if let Some(o) = &p.overlay {
        std::fs::write(dir.join("compose.override.yaml"), o).expect("write");
    }
    std::fs::write(dir.join("app.env"), &p.env_file).expect("write");
    // `env -0` output: NUL-separated and verbatim, so no value can be mistaken for shell
    // quoting (a plain `env` listing of `B='x'` is ambiguous with zsh's `typeset -x`).
    let snapshot: String = p.shell.iter().map(|(k, v)| format!("{k}={v}\0")).collect();
    std::fs::write(dir.join("shell.txt"), snapshot).expect("write");
}

#[test]
fn random_projects_agree_with_docker_compose() {
    if std::env::var("COMPOSELINT_LIVE").as_deref() != Ok("1") {
        println!("skipped: set COMPOSELINT_LIVE=1 to compare random projects with the oracle");
        return;
    }
    let Some(oracle) = oracle() else {
        println!("skipped: oracle not found (run ../shared/semantics/install-oracle.sh)");
        return;
    };
    let n: usize = std::env::var("COMPOSELINT_LIVE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("COMPOSELINT_LIVE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
        | 1;
    println!("live oracle test: {n} projects, COMPOSELINT_LIVE_SEED={seed}");
    let keep = tempfile::Builder::new()
        .prefix("composelint-live-")
        .tempdir()
        .expect("tempdir")
        .keep();
    let mut rng = Rng(seed);
    let mut disagreements = Vec::new();
    for i in 0..n {
        let project = generate(&mut rng);
        let dir = keep.join(format!("p{i:04}"));
        write_project(&dir, &project);
        let theirs = Command::new(&oracle)
            .args(["config", "--format", "json"])
            .current_dir(&dir)
            .env_clear()
            .envs(project.shell.iter().map(|(k, v)| (k, v)))
            .output()
            .expect("run oracle");
        let ours = Command::new(env!("CARGO_BIN_EXE_composelint"))
            .args(["config", "--format", "json", "--shell-env", "shell.txt"])
            .current_dir(&dir)
            .env_clear()
            .output()
            .expect("run composelint");
        let same = theirs.status.code() == ours.status.code() && theirs.stdout == ours.stdout;
        if same {
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            disagreements.push(format!(
                "{}: oracle exit {:?}, ours {:?}",
                dir.display(),
                theirs.status.code(),
                ours.status.code()
            ));
        }
    }
    println!(
        "live oracle test: {}/{n} random projects agree (seed {seed})",
        n - disagreements.len()
    );
    if disagreements.is_empty() {
        let _ = std::fs::remove_dir_all(&keep);
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements (inputs kept):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
