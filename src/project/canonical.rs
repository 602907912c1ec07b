//! The part of compose-go's `transform.Canonical` (and its defaults) that changes how
//! later steps see values: `ports` to long form (so the merge de-duplicates `"8080:80"`
//! and `{target: 80, published: "8080"}` as one), `env_file` / `label_file` / `dns` /
//! `extends` strings to their long forms, empty `dns` entries dropped. Other long forms
//! (volumes, depends_on, ...) are left to the output writer.

use super::model::ComposeError;
use super::ports;
use super::tree_path::TreePath;
use super::value::{Node, Value};
use indexmap::IndexMap;

/// Canonicalise one document (or the accumulated model). `lenient`: keep a `ports` list
/// as written when an entry does not parse (Compose does so under `--no-interpolate`,
/// where placeholders are still in place).
pub(crate) fn canonical(model: &mut Node, lenient: bool) -> Result<(), ComposeError> {
    let Some(services) = model.as_map_mut().and_then(|m| m.get_mut("services")) else {
        return Ok(());
    };
    let Value::Map(services) = &mut services.value else {
        return Ok(());
    };
    // Compose parses every short volume spec while transforming the document, before any
    // port is decoded: a broken volume anywhere is the error it reports first.
    if !lenient {
        for service in services.values() {
            for item in service
                .get("volumes")
                .and_then(Node::as_seq)
                .unwrap_or_default()
            {
                if let Value::Str(spec) = &item.value
                    && !super::env::is_assumed_value(spec)
                {
                    super::volumes::parse(spec).map_err(|e| ComposeError::new(e, item.span))?;
                }
            }
        }
    }
    for (name, service) in services.iter_mut() {
        let Value::Map(svc) = &mut service.value else {
            continue;
        };
        let path = TreePath::new("services").next(name);
        if let Some(p) = svc.get_mut("ports") {
            canonical_ports(p, &path.next("ports"), lenient)?;
        }
        if let Some(e) = svc.get_mut("env_file") {
            canonical_env_file(e);
        }
        for key in ["label_file", "dns"] {
            if let Some(n) = svc.get_mut(key)
                && matches!(n.value, Value::Str(_))
            {
                let item = std::mem::replace(n, Node::new(Value::Null));
                *n = Node {
                    span: item.span,
                    key_span: item.key_span,
                    ..Node::new(Value::Seq(vec![item]))
                };
            }
        }
        if let Some(Node {
            value: Value::Seq(items),
            ..
        }) = svc.get_mut("dns")
        {
            items.retain(|i| !(i.is_null() || i.as_str() == Some("")));
        }
        if let Some(n) = svc.get_mut("extends")
            && matches!(n.value, Value::Str(_))
        {
            let item = std::mem::replace(n, Node::new(Value::Null));
            let mut m = IndexMap::new();
            let (span, key_span) = (item.span, item.key_span);
            m.insert("service".to_string(), item);
            *n = Node {
                span,
                key_span,
                ..Node::new(Value::Map(m))
            };
        }
    }
    Ok(())
}

fn canonical_ports(node: &mut Node, path: &TreePath, lenient: bool) -> Result<(), ComposeError> {
    let Value::Seq(items) = &node.value else {
        return Err(ComposeError::new(
            format!("{path}: invalid type {} for port", type_name(&node.value)),
            node.span,
        ));
    };
    let mut out: Vec<Node> = Vec::with_capacity(items.len());
    for item in items {
        match &item.value {
            Value::Int(i) => {
                let mut m = IndexMap::new();
                m.insert(
                    "target".to_string(),
                    Node::new(Value::Int(*i)).with_span(item.span),
                );
                out.push(port_node(m, item));
            }
            Value::Str(s) => match ports::parse(s) {
                Ok(parsed) => {
                    for p in parsed {
                        let mut m = IndexMap::new();
                        if !p.host_ip.is_empty() {
                            m.insert("host_ip".to_string(), Node::new(Value::Str(p.host_ip)));
                        }
                        m.insert(
                            "target".to_string(),
                            Node::new(Value::Int(i64::from(p.target))),
                        );
                        if !p.published.is_empty() {
                            m.insert("published".to_string(), Node::new(Value::Str(p.published)));
                        }
                        m.insert("protocol".to_string(), Node::new(Value::Str(p.protocol)));
                        out.push(port_node(m, item));
                    }
                }
                // Placeholders (`--no-interpolate`) and `--assume-set` values are unknown,
                // not wrong: keep the list as written.
                Err(_) if lenient || super::env::is_assumed_value(s) => return Ok(()),
                Err(e) => return Err(ComposeError::new(e, item.span)),
            },
            Value::Map(m) => out.push(port_node(m.clone(), item)),
            other => {
                return Err(ComposeError::new(
                    format!("{path}: invalid type {} for port", type_name(other)),
                    item.span,
                ));
            }
        }
    }
    node.value = Value::Seq(out);
    Ok(())
}

/// A long-form port with Compose's defaults (`mode: ingress`, `protocol: tcp`), carrying
/// the span and interpolation record of the entry it came from.
fn port_node(mut m: IndexMap<String, Node>, from: &Node) -> Node {
    let mut ordered = IndexMap::new();
    ordered.insert(
        "mode".to_string(),
        m.shift_remove("mode")
            .unwrap_or_else(|| Node::new(Value::Str("ingress".into()))),
    );
    for k in ["host_ip", "target", "published"] {
        if let Some(v) = m.shift_remove(k) {
            ordered.insert(k.to_string(), v);
        }
    }
    ordered.insert(
        "protocol".to_string(),
        m.shift_remove("protocol")
            .unwrap_or_else(|| Node::new(Value::Str("tcp".into()))),
    );
    ordered.extend(m);
    Node {
        value: Value::Map(ordered),
        span: from.span,
        key_span: from.key_span,
        tag: None,
        interp: from.interp.clone(),
    }
}

/// `env_file: a.env` / `[a.env, {path: b.env}]` → `[{path, required: true}, ...]`.
fn canonical_env_file(node: &mut Node) {
    let items = match &node.value {
        Value::Str(_) => vec![node.clone()],
        Value::Seq(items) => items.clone(),
        _ => return,
    };
    let long: Vec<Node> = items
        .into_iter()
        .map(|item| match item.value {
            Value::Str(_) => {
                let mut m = IndexMap::new();
                let (span, key_span) = (item.span, item.key_span);
                m.insert("path".to_string(), item);
                m.insert("required".to_string(), Node::new(Value::Bool(true)));
                Node {
                    span,
                    key_span,
                    ..Node::new(Value::Map(m))
                }
            }
            Value::Map(mut m) => {
                if !m.contains_key("required") {
                    m.insert("required".to_string(), Node::new(Value::Bool(true)));
                }
                Node {
                    value: Value::Map(m),
                    ..item
                }
            }
            _ => item,
        })
        .collect();
    node.value = Value::Seq(long);
}

fn type_name(v: &Value) -> &'static str {
    super::gofmt::go_type(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(attr: &str, v: Node) -> Node {
        let mut svc = IndexMap::new();
        svc.insert(attr.to_string(), v);
        let mut services = IndexMap::new();
        services.insert("s".to_string(), Node::new(Value::Map(svc)));
        let mut root = IndexMap::new();
        root.insert("services".to_string(), Node::new(Value::Map(services)));
        Node::new(Value::Map(root))
    }

    fn attr<'a>(m: &'a Node, a: &str) -> &'a Node {
        m.get("services").unwrap().get("s").unwrap().get(a).unwrap()
    }

    #[test]
    fn ports_become_long_form_with_defaults() {
        let mut m = model(
            "ports",
            Node::new(Value::Seq(vec![
                Node::new(Value::Str("127.0.0.1:8080:80/udp".into())),
                Node::new(Value::Int(81)),
            ])),
        );
        canonical(&mut m, false).unwrap();
        let ports = attr(&m, "ports").as_seq().unwrap();
        let first = ports[0].as_map().unwrap();
        let keys: Vec<&String> = first.keys().collect();
        assert_eq!(
            keys,
            vec!["mode", "host_ip", "target", "published", "protocol"]
        );
        assert_eq!(first["target"].value, Value::Int(80));
        assert_eq!(first["published"].as_str(), Some("8080"));
        assert_eq!(first["protocol"].as_str(), Some("udp"));
        assert_eq!(ports[1].get("protocol").unwrap().as_str(), Some("tcp"));
    }

    #[test]
    fn bad_ports_fail_unless_lenient() {
        let bad = || {
            model(
                "ports",
                Node::new(Value::Seq(vec![Node::new(Value::Str("${P}:80".into()))])),
            )
        };
        assert_eq!(
            canonical(&mut bad(), false).unwrap_err().message,
            "invalid hostPort: ${P}"
        );
        let mut m = bad();
        canonical(&mut m, true).unwrap();
        assert_eq!(
            attr(&m, "ports").as_seq().unwrap()[0].as_str(),
            Some("${P}:80")
        );
    }

    #[test]
    fn env_file_long_form() {
        let mut m = model("env_file", Node::new(Value::Str("a.env".into())));
        canonical(&mut m, false).unwrap();
        let item = &attr(&m, "env_file").as_seq().unwrap()[0];
        assert_eq!(item.get("path").unwrap().as_str(), Some("a.env"));
        assert_eq!(item.get("required").unwrap().value, Value::Bool(true));
    }
}
