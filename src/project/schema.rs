//! The part of Compose's JSON-schema validation that catches misspelt attributes: unknown
//! top-level keys and unknown service keys (`x-*` extensions allowed), reported per file as
//! Compose reports them: `validating <file>: services.app additional properties 'enviroment'
//! not allowed`. The allowed names come from the Compose specification schema that Compose
//! v2.40.3 validates against (`schema/compose-spec.json`, embedded).

use super::model::ComposeError;
use super::value::Node;
use std::collections::BTreeSet;
use std::sync::LazyLock;

static SCHEMA: &str = include_str!("../../schema/compose-spec.json");

struct Allowed {
    top_level: BTreeSet<String>,
    service: BTreeSet<String>,
}

static ALLOWED: LazyLock<Allowed> = LazyLock::new(|| {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap_or_default();
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    Allowed {
        top_level: keys(&schema["properties"]),
        service: keys(&schema["definitions"]["service"]["properties"]),
    }
});

/// Check one document of `file` (absolute path, as Compose names it).
pub(crate) fn check_document(doc: &Node, file: &str) -> Result<(), ComposeError> {
    let allowed = &*ALLOWED;
    if allowed.top_level.is_empty() {
        return Ok(());
    }
    let Some(root) = doc.as_map() else {
        return Ok(());
    };
    fn unknown<'m>(
        map: &'m indexmap::IndexMap<String, Node>,
        known: &BTreeSet<String>,
    ) -> Vec<(&'m String, &'m Node)> {
        let mut bad: Vec<(&String, &Node)> = map
            .iter()
            .filter(|(k, _)| !k.starts_with("x-") && !known.contains(*k))
            .collect();
        bad.sort_by(|a, b| a.0.cmp(b.0));
        bad
    }
    let report = |path: &str, bad: &[(&String, &Node)]| {
        let names: Vec<String> = bad.iter().map(|(k, _)| format!("'{k}'")).collect();
        let span = bad.first().and_then(|(_, n)| n.key_span.or(n.span));
        ComposeError::new(
            format!(
                "validating {file}: {path}additional properties {} not allowed",
                names.join(", ")
            ),
            span,
        )
    };
    let bad = unknown(root, &allowed.top_level);
    if !bad.is_empty() {
        return Err(report("", &bad));
    }
    if let Some(services) = root.get("services")
        && !services.is_null()
        && services.as_map().is_none()
    {
        return Err(ComposeError::new(
            "services must be a mapping",
            services.key_span.or(services.span),
        ));
    }
    if let Some(services) = root.get("services").and_then(Node::as_map) {
        // Service names must match the schema's `^[a-zA-Z0-9._-]+$`.
        let valid = |n: &str| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        };
        let mut bad: Vec<(&String, &Node)> = services.iter().filter(|(n, _)| !valid(n)).collect();
        bad.sort_by(|a, b| a.0.cmp(b.0));
        if !bad.is_empty() {
            return Err(report("services ", &bad));
        }
        for (name, svc) in services {
            if let Some(map) = svc.as_map() {
                let bad = unknown(map, &allowed.service);
                if !bad.is_empty() {
                    return Err(report(&format!("services.{name} "), &bad));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::value::Value;
    use indexmap::IndexMap;

    fn map(entries: Vec<(&str, Node)>) -> Node {
        Node::new(Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<IndexMap<_, _>>(),
        ))
    }

    #[test]
    fn misspelt_service_attribute_is_refused_like_compose() {
        let s = |v: &str| Node::new(Value::Str(v.into()));
        let doc = map(vec![(
            "services",
            map(vec![(
                "app",
                map(vec![
                    ("image", s("x")),
                    ("enviroment", map(vec![])),
                    ("x-ok", s("1")),
                ]),
            )]),
        )]);
        assert_eq!(
            check_document(&doc, "/p/compose.yaml").unwrap_err().message,
            "validating /p/compose.yaml: services.app additional properties 'enviroment' not allowed"
        );
    }

    #[test]
    fn known_and_extension_keys_pass() {
        let doc = map(vec![
            ("name", Node::new(Value::Str("p".into()))),
            ("x-anchors", map(vec![])),
            (
                "services",
                map(vec![(
                    "app",
                    map(vec![("image", Node::new(Value::Str("x".into())))]),
                )]),
            ),
        ]);
        assert!(check_document(&doc, "/p/compose.yaml").is_ok());
        let bad = map(vec![("servics", map(vec![]))]);
        assert_eq!(
            check_document(&bad, "/p/c.yaml").unwrap_err().message,
            "validating /p/c.yaml: additional properties 'servics' not allowed"
        );
    }
}
