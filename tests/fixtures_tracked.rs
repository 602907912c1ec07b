//! Fixture files must reach git: a `.gitignore` rule swallowing `fixtures/**/.env` would
//! make tests pass locally and silently lose their inputs in CI.

use std::path::Path;
use std::process::Command;

fn walk(dir: &Path, out: &mut Vec<String>, root: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, out, root);
        } else if ft.is_file()
            && let Ok(rel) = p.strip_prefix(root)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn no_fixture_file_is_git_ignored() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        eprintln!("not a git checkout: skipped");
        return;
    }
    let mut files = Vec::new();
    walk(&root.join("fixtures"), &mut files, root);
    assert!(!files.is_empty(), "fixtures/ is empty");
    let Ok(out) = Command::new("git")
        .current_dir(root)
        .arg("check-ignore")
        .arg("--no-index")
        .args(&files)
        .output()
    else {
        eprintln!("git not available: skipped");
        return;
    };
    let ignored = String::from_utf8_lossy(&out.stdout);
    assert!(
        ignored.trim().is_empty(),
        "these fixture files are ignored by git and would be lost in CI:\n{ignored}"
    );
}
