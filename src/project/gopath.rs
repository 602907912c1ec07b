//! Go's `path/filepath` semantics on Unix (`Clean`, `Join`, `Abs`, `Dir`, `Base`, `Rel`).
//!
//! Compose builds every path it prints or reports with these functions, so mirroring them
//! (rather than using `std::path`, which keeps `..` and `.` components) is what makes our
//! paths and error texts byte-identical to Compose's.

use std::path::{Path, PathBuf};

/// `filepath.Clean`: the shortest equivalent path, lexically (no file system access).
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// `filepath.Join`: joins the non-empty elements with `/` and cleans the result; all
/// elements empty gives the empty string.
pub fn join(elems: &[&str]) -> String {
    let kept: Vec<&str> = elems.iter().copied().filter(|e| !e.is_empty()).collect();
    if kept.is_empty() {
        return String::new();
    }
    clean(&kept.join("/"))
}

pub fn is_abs(path: &str) -> bool {
    path.starts_with('/')
}

/// `filepath.Abs` against an explicit working directory (Compose's process cwd).
pub fn abs(cwd: &str, path: &str) -> String {
    if is_abs(path) {
        clean(path)
    } else {
        join(&[cwd, path])
    }
}

/// `filepath.Dir`.
pub fn dir(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => clean(path.get(..=i).unwrap_or("/")),
        None => ".".to_string(),
    }
}

/// `filepath.Base`.
pub fn base(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    match trimmed.rfind('/') {
        Some(i) => trimmed.get(i + 1..).unwrap_or("").to_string(),
        None => trimmed.to_string(),
    }
}

/// A path as Compose's Go code sees it (lossy for non-UTF-8 names, which Compose would
/// mangle the same way in its messages).
pub fn to_go(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

pub fn to_path(path: &str) -> PathBuf {
    PathBuf::from(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_follows_go() {
        assert_eq!(clean(""), ".");
        assert_eq!(clean("a/./b/../c//"), "a/c");
        assert_eq!(clean("/../x"), "/x");
        assert_eq!(clean("../../a"), "../../a");
        assert_eq!(clean("/"), "/");
        assert_eq!(clean("./"), ".");
        assert_eq!(clean("a/.."), ".");
    }

    #[test]
    fn join_abs_dir_base() {
        assert_eq!(join(&["/w", "./x.env"]), "/w/x.env");
        assert_eq!(join(&["", ""]), "");
        assert_eq!(join(&["/w", "/abs"]), "/w/abs");
        assert_eq!(abs("/w/p", "../q"), "/w/q");
        assert_eq!(abs("/w", "/etc/x/"), "/etc/x");
        assert_eq!(dir("/w/p/compose.yaml"), "/w/p");
        assert_eq!(dir("/compose.yaml"), "/");
        assert_eq!(dir("compose.yaml"), ".");
        assert_eq!(base("/w/My App/"), "My App");
        assert_eq!(base("/"), "/");
    }
}
