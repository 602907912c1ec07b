//! Compose's `tree.Path`: a dotted string (`services.web.environment`, with `[]` for a
//! sequence item) matched against patterns where `*` stands for any one part.
//!
//! Compose splits the joined string on `.` to match, so a service named `my.app` makes
//! `services.my.app.read_only` four parts long and no `services.*.read_only` rule (cast,
//! merge, de-duplication) applies to it. We mirror that on purpose.

use std::fmt;

/// The marker Compose uses for "an item of a sequence" in interpolation paths.
pub const LIST_ITEM: &str = "[]";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreePath(String);

impl TreePath {
    pub fn root() -> Self {
        TreePath(String::new())
    }

    pub fn new(s: &str) -> Self {
        TreePath(s.to_string())
    }

    pub fn next(&self, part: &str) -> TreePath {
        if self.0.is_empty() {
            TreePath(part.to_string())
        } else {
            TreePath(format!("{}.{}", self.0, part))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `tree.Path.Matches`: same number of dot-separated parts, each equal or `*`.
    /// Called for every scalar of every document (casts, merges): compares part by part
    /// without allocating.
    pub fn matches(&self, pattern: &str) -> bool {
        let mut parts = self.0.split('.');
        let mut pats = pattern.split('.');
        loop {
            match (parts.next(), pats.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if q == "*" || p == q => {}
                _ => return false,
            }
        }
    }

    pub fn matches_any(&self, patterns: &[&str]) -> bool {
        patterns.iter().any(|p| self.matches(p))
    }
}

impl fmt::Display for TreePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_star_and_list_marker() {
        let p = TreePath::root().next("services").next("web").next("ports");
        assert_eq!(p.as_str(), "services.web.ports");
        assert!(p.matches("services.*.ports"));
        assert!(!p.matches("services.*"));
        let item = p.next(LIST_ITEM).next("target");
        assert!(item.matches("services.*.ports.[].target"));
        assert!(item.matches("services.*.ports.*.target"));
    }

    #[test]
    fn dotted_keys_break_matching_like_compose() {
        let p = TreePath::root()
            .next("services")
            .next("my.app")
            .next("read_only");
        assert!(!p.matches("services.*.read_only"));
    }
}
