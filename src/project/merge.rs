//! Merging a compose document into the accumulated model (SEMANTICS §5 M2), exactly as
//! compose-go's `override.Merge`: mappings merge recursively, a later scalar wins, a later
//! null keeps the earlier value, sequences are appended, and a table of attributes merges
//! its own way (`environment`, `labels`… become `KEY=value` lists; `networks`,
//! `depends_on` become mappings; `command`, `entrypoint`, `healthcheck.test` are
//! replaced; `logging` options merge only for the same driver).

use super::gofmt;
use super::model::ComposeError;
use super::tree_path::TreePath;
use super::value::{Interp, Node, Value};
use indexmap::IndexMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Special {
    ToSequence,
    ExtraHosts,
    Override,
    Logging,
    Build,
    DependsOn,
    ToMapping,
    Ulimit,
    IpamConfig,
}

const SPECIALS: &[(&str, Special)] = &[
    ("networks.*.ipam.config", Special::IpamConfig),
    ("networks.*.labels", Special::ToSequence),
    ("volumes.*.labels", Special::ToSequence),
    ("services.*.annotations", Special::ToSequence),
    ("services.*.build", Special::Build),
    ("services.*.build.args", Special::ToSequence),
    ("services.*.build.additional_contexts", Special::ToSequence),
    ("services.*.build.extra_hosts", Special::ExtraHosts),
    ("services.*.build.labels", Special::ToSequence),
    ("services.*.command", Special::Override),
    ("services.*.depends_on", Special::DependsOn),
    ("services.*.deploy.labels", Special::ToSequence),
    ("services.*.dns", Special::ToSequence),
    ("services.*.dns_opt", Special::ToSequence),
    ("services.*.dns_search", Special::ToSequence),
    ("services.*.entrypoint", Special::Override),
    ("services.*.env_file", Special::ToSequence),
    ("services.*.label_file", Special::ToSequence),
    ("services.*.environment", Special::ToSequence),
    ("services.*.extra_hosts", Special::ExtraHosts),
    ("services.*.healthcheck.test", Special::Override),
    ("services.*.labels", Special::ToSequence),
    ("services.*.volumes.*.volume.labels", Special::ToSequence),
    ("services.*.logging", Special::Logging),
    ("services.*.models", Special::ToMapping),
    ("services.*.networks", Special::ToMapping),
    ("services.*.sysctls", Special::ToSequence),
    ("services.*.tmpfs", Special::ToSequence),
    ("services.*.ulimits.*", Special::Ulimit),
];

/// `override.Merge(base, over)` for two documents (both mappings).
pub(crate) fn merge_documents(base: Node, over: Node) -> Result<Node, ComposeError> {
    merge(base, over, &TreePath::root())
}

/// `override.ExtendService(base, service)`: the service merged onto its base with the
/// same rules, under a path that matches the `services.*` patterns.
pub(crate) fn extend_service(base: Node, service: Node) -> Result<Node, ComposeError> {
    merge(base, service, &TreePath::new("services.x"))
}

/// `mergeYaml`.
fn merge(base: Node, over: Node, path: &TreePath) -> Result<Node, ComposeError> {
    if let Some((_, special)) = SPECIALS.iter().find(|(p, _)| path.matches(p)) {
        return merge_special(*special, base, over, path);
    }
    if over.is_null() {
        return Ok(base);
    }
    match (base.value, over.value) {
        (Value::Map(b), Value::Map(o)) => Ok(Node {
            value: Value::Map(merge_mappings(b, o, path)?),
            span: base.span,
            key_span: base.key_span,
            tag: over.tag,
            interp: None,
        }),
        (Value::Seq(mut b), Value::Seq(o)) => {
            b.extend(o);
            Ok(Node {
                value: Value::Seq(b),
                span: base.span,
                key_span: base.key_span,
                tag: over.tag,
                interp: None,
            })
        }
        (Value::Map(_) | Value::Seq(_), _) => Err(cannot_override(path)),
        (_, value) => Ok(Node {
            value,
            span: over.span,
            key_span: over.key_span.or(base.key_span),
            tag: over.tag,
            interp: over.interp,
        }),
    }
}

fn cannot_override(path: &TreePath) -> ComposeError {
    ComposeError::new(format!("cannot override {path}"), None)
}

fn merge_mappings(
    mut base: IndexMap<String, Node>,
    over: IndexMap<String, Node>,
    path: &TreePath,
) -> Result<IndexMap<String, Node>, ComposeError> {
    for (k, v) in over {
        match base.get_mut(&k) {
            None => {
                base.insert(k, v);
            }
            Some(slot) => {
                let existing = std::mem::replace(slot, Node::new(Value::Null));
                *slot = merge(existing, v, &path.next(&k))?;
            }
        }
    }
    Ok(base)
}

fn merge_special(
    special: Special,
    base: Node,
    over: Node,
    path: &TreePath,
) -> Result<Node, ComposeError> {
    let span = base.span;
    let key_span = base.key_span;
    let wrap = |value: Value| Node {
        value,
        span,
        key_span,
        tag: None,
        interp: None,
    };
    match special {
        Special::Override => Ok(over),
        Special::Ulimit => {
            // compose-go merges the override with itself here: the override wins.
            if over.is_null() { Ok(base) } else { Ok(over) }
        }
        Special::ToSequence => {
            let mut items = into_sequence(base);
            items.extend(into_sequence(over));
            Ok(wrap(Value::Seq(items)))
        }
        Special::ExtraHosts => {
            let mut items = into_sequence(base);
            let extra: Vec<Node> = into_sequence(over)
                .into_iter()
                .filter(|o| !items.iter().any(|b| b.value == o.value))
                .collect();
            items.extend(extra);
            Ok(wrap(Value::Seq(items)))
        }
        Special::Logging => {
            let (Value::Map(b), Value::Map(o)) = (&base.value, &over.value) else {
                return Ok(if over.is_null() { base } else { over });
            };
            let same_driver = match (o.get("driver"), b.get("driver")) {
                (Some(x), Some(y)) => x.value == y.value,
                _ => true,
            };
            if !same_driver {
                return Ok(over);
            }
            let (Value::Map(b), Value::Map(o)) = (base.value, over.value) else {
                return Err(cannot_override(path));
            };
            Ok(wrap(Value::Map(merge_mappings(b, o, path)?)))
        }
        Special::Build => {
            let b = build_mapping(base);
            let o = build_mapping(over);
            Ok(wrap(Value::Map(merge_mappings(b, o, path)?)))
        }
        Special::DependsOn => {
            let b = into_mapping(base, true);
            let o = into_mapping(over, true);
            Ok(wrap(Value::Map(merge_mappings(b, o, path)?)))
        }
        Special::ToMapping => {
            let b = into_mapping(base, false);
            let o = into_mapping(over, false);
            Ok(wrap(Value::Map(merge_mappings(b, o, path)?)))
        }
        Special::IpamConfig => merge_ipam_config(base, over, path),
    }
}

/// `convertIntoSequence`: a mapping becomes sorted `KEY=value` strings (`KEY` alone for a
/// null value, one item per element for a list value), a string a one-item list.
pub(crate) fn into_sequence(node: Node) -> Vec<Node> {
    match node.value {
        Value::Seq(items) => items,
        Value::Str(_) => vec![node],
        Value::Map(map) => {
            let mut items: Vec<Node> = Vec::new();
            for (k, v) in map {
                match v.value {
                    Value::Null => items.push(Node {
                        value: Value::Str(k),
                        span: v.key_span.or(v.span),
                        key_span: v.key_span,
                        tag: None,
                        interp: None,
                    }),
                    Value::Seq(elems) => {
                        for e in elems {
                            items.push(keyed_item(&k, e, v.key_span));
                        }
                    }
                    _ => {
                        let key_span = v.key_span;
                        items.push(keyed_item(&k, v, key_span));
                    }
                }
            }
            items.sort_by(|a, b| str_of(a).cmp(str_of(b)));
            items
        }
        _ => Vec::new(),
    }
}

fn str_of(n: &Node) -> &str {
    n.as_str().unwrap_or("")
}

/// `KEY=value` for one mapping entry, keeping the value's span and interpolation record
/// (its ranges shifted so they stay relative to the new text).
fn keyed_item(key: &str, value: Node, key_span: Option<crate::source::Span>) -> Node {
    let shift = key.len() + 1;
    let interp = value.interp.map(|i| {
        let mut uses = i.uses;
        for u in &mut uses {
            u.range = u.range.start + shift..u.range.end + shift;
        }
        Box::new(Interp {
            raw: format!("{key}={}", i.raw),
            uses,
        })
    });
    Node {
        value: Value::Str(format!("{key}={}", gofmt::v(&value.value))),
        span: value.span,
        key_span,
        tag: None,
        interp,
    }
}

/// `convertIntoMapping`: a list of names becomes a mapping (to a copy of the default
/// dependency for `depends_on`, else to null).
fn into_mapping(node: Node, dependency_default: bool) -> IndexMap<String, Node> {
    match node.value {
        Value::Map(m) => m,
        Value::Seq(items) => {
            let mut out = IndexMap::new();
            for item in items {
                let name = match &item.value {
                    Value::Str(s) => s.clone(),
                    other => gofmt::v(other),
                };
                let value = if dependency_default {
                    let mut m = IndexMap::new();
                    m.insert(
                        "condition".to_string(),
                        Node::new(Value::Str("service_started".into())),
                    );
                    m.insert("required".to_string(), Node::new(Value::Bool(true)));
                    Value::Map(m)
                } else {
                    Value::Null
                };
                out.insert(
                    name,
                    Node {
                        value,
                        span: item.span,
                        key_span: item.span,
                        tag: None,
                        interp: None,
                    },
                );
            }
            out
        }
        _ => IndexMap::new(),
    }
}

/// `build: ./dir` is `build: {context: ./dir}` for merging.
fn build_mapping(node: Node) -> IndexMap<String, Node> {
    match node.value {
        Value::Map(m) => m,
        Value::Str(_) => {
            let mut m = IndexMap::new();
            m.insert("context".to_string(), node);
            m
        }
        _ => IndexMap::new(),
    }
}

/// `mergeIPAMConfig`: entries with the same subnet merge, others are collected.
fn merge_ipam_config(base: Node, over: Node, path: &TreePath) -> Result<Node, ComposeError> {
    let span = base.span;
    let (Value::Seq(configs), Value::Seq(overrides)) = (base.value, over.value) else {
        return Err(ComposeError::new(
            format!("{path}: unexpected type map[string]interface {{}}"),
            None,
        ));
    };
    let subnet = |m: &IndexMap<String, Node>| m.get("subnet").map(|n| n.value.clone());
    let mut out: Vec<IndexMap<String, Node>> = Vec::new();
    for original in configs {
        let right = into_mapping(original, false);
        for ov in &overrides {
            let left = into_mapping(ov.clone(), false);
            if subnet(&left) != subnet(&right) {
                if !out.iter().any(|m| subnet(m) == subnet(&left)) {
                    out.push(left);
                }
                continue;
            }
            let merged = merge_mappings(right.clone(), left, path)?;
            match out.iter().position(|m| subnet(m) == subnet(&merged)) {
                Some(i) => {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = merged;
                    }
                }
                None => out.push(merged),
            }
        }
    }
    Ok(Node {
        value: Value::Seq(out.into_iter().map(|m| Node::new(Value::Map(m))).collect()),
        span,
        key_span: None,
        tag: None,
        interp: None,
    })
}

/// Compose's `ResetProcessor.Apply`: drop from the accumulated model every attribute a
/// document marks `!reset` or `!override` (the override's own value then merges into
/// nothing).
pub(crate) fn apply_resets(model: &mut Node, resets: &[String]) {
    if resets.is_empty() {
        return;
    }
    apply_resets_at(model, &TreePath::root(), resets);
}

fn apply_resets_at(node: &mut Node, path: &TreePath, resets: &[String]) {
    match &mut node.value {
        Value::Map(m) => {
            m.retain(|k, _| {
                let next = path.next(k);
                !resets.iter().any(|r| next.matches(r))
            });
            for (k, v) in m.iter_mut() {
                apply_resets_at(v, &path.next(k), resets);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                apply_resets_at(item, &path.next(&format!("[{i}]")), resets);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::new(Value::Str(v.into()))
    }
    fn map(entries: &[(&str, Node)]) -> Node {
        Node::new(Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        ))
    }
    fn seq(items: &[Node]) -> Node {
        Node::new(Value::Seq(items.to_vec()))
    }
    fn strs(n: &Node) -> Vec<String> {
        n.as_seq()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn environment_becomes_a_sorted_list_and_mixes_forms() {
        let a = map(&[(
            "services",
            map(&[(
                "s",
                map(&[(
                    "environment",
                    map(&[
                        ("B", s("b")),
                        ("A", Node::new(Value::Int(1))),
                        ("N", Node::new(Value::Null)),
                    ]),
                )]),
            )]),
        )]);
        let b = map(&[(
            "services",
            map(&[("s", map(&[("environment", seq(&[s("A=2"), s("C")]))]))]),
        )]);
        let m = merge_documents(a, b).unwrap();
        let env = m
            .get("services")
            .unwrap()
            .get("s")
            .unwrap()
            .get("environment")
            .unwrap();
        assert_eq!(strs(env), vec!["A=1", "B=b", "N", "A=2", "C"]);
    }

    #[test]
    fn null_keeps_the_base_but_override_attributes_are_replaced() {
        let a = map(&[(
            "services",
            map(&[("s", map(&[("image", s("x")), ("command", seq(&[s("a")]))]))]),
        )]);
        let b = map(&[(
            "services",
            map(&[(
                "s",
                map(&[
                    ("image", Node::new(Value::Null)),
                    ("command", Node::new(Value::Null)),
                ]),
            )]),
        )]);
        let m = merge_documents(a, b).unwrap();
        let svc = m.get("services").unwrap().get("s").unwrap();
        assert_eq!(svc.get("image").unwrap().as_str(), Some("x"));
        assert!(svc.get("command").unwrap().is_null());
    }

    #[test]
    fn extra_hosts_drop_exact_duplicates_only() {
        let a = map(&[(
            "services",
            map(&[("s", map(&[("extra_hosts", seq(&[s("db=1"), s("x=2")]))]))]),
        )]);
        let b = map(&[(
            "services",
            map(&[(
                "s",
                map(&[("extra_hosts", map(&[("db", s("9")), ("x", s("2"))]))]),
            )]),
        )]);
        let m = merge_documents(a, b).unwrap();
        let h = m
            .get("services")
            .unwrap()
            .get("s")
            .unwrap()
            .get("extra_hosts")
            .unwrap();
        assert_eq!(strs(h), vec!["db=1", "x=2", "db=9"]);
    }

    #[test]
    fn networks_list_and_map_merge_as_mappings() {
        let a = map(&[(
            "services",
            map(&[("s", map(&[("networks", seq(&[s("front")]))]))]),
        )]);
        let b = map(&[(
            "services",
            map(&[(
                "s",
                map(&[("networks", map(&[("back", Node::new(Value::Null))]))]),
            )]),
        )]);
        let m = merge_documents(a, b).unwrap();
        let n = m
            .get("services")
            .unwrap()
            .get("s")
            .unwrap()
            .get("networks")
            .unwrap();
        let keys: Vec<&String> = n.as_map().unwrap().keys().collect();
        assert_eq!(keys, vec!["front", "back"]);
    }

    #[test]
    fn logging_options_merge_only_for_the_same_driver() {
        let log = |driver: &str, opt: &str| {
            map(&[("driver", s(driver)), ("options", map(&[(opt, s("1"))]))])
        };
        let doc = |l: Node| map(&[("services", map(&[("s", map(&[("logging", l)]))]))]);
        let m = merge_documents(doc(log("json", "a")), doc(log("json", "b"))).unwrap();
        let l = m
            .get("services")
            .unwrap()
            .get("s")
            .unwrap()
            .get("logging")
            .unwrap();
        assert_eq!(l.get("options").unwrap().as_map().unwrap().len(), 2);
        let m = merge_documents(doc(log("json", "a")), doc(log("syslog", "b"))).unwrap();
        let l = m
            .get("services")
            .unwrap()
            .get("s")
            .unwrap()
            .get("logging")
            .unwrap();
        assert_eq!(l.get("options").unwrap().as_map().unwrap().len(), 1);
    }

    #[test]
    fn kind_mismatch_is_an_error() {
        let a = map(&[("x-a", map(&[("k", s("v"))]))]);
        let b = map(&[("x-a", s("scalar"))]);
        assert_eq!(
            merge_documents(a, b).unwrap_err().message,
            "cannot override x-a"
        );
    }

    #[test]
    fn resets_remove_attributes() {
        let mut m = map(&[(
            "services",
            map(&[(
                "s",
                map(&[("ports", seq(&[s("80:80")])), ("image", s("x"))]),
            )]),
        )]);
        apply_resets(&mut m, &["services.s.ports".to_string()]);
        let svc = m.get("services").unwrap().get("s").unwrap();
        assert!(svc.get("ports").is_none());
        assert!(svc.get("image").is_some());
    }
}
