//! compose-go's `override.EnforceUnicity`: in the "unique" sequences a later item with the
//! same identity key replaces the earlier one, in the earlier one's position
//! (environment and labels by `KEY`, ports by `ip:published:target/proto`, volumes by
//! target, env_file by path, ...).

use super::gofmt;
use super::model::ComposeError;
use super::tree_path::TreePath;
use super::value::{Node, Value};
use super::volumes;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Indexer {
    KeyValue,
    Volume,
    Device,
    Expose,
    Mount(&'static str),
    Port,
    EnvFile,
}

const UNIQUE: &[(&str, Indexer)] = &[
    ("networks.*.labels", Indexer::KeyValue),
    ("networks.*.ipam.options", Indexer::KeyValue),
    ("services.*.annotations", Indexer::KeyValue),
    ("services.*.build.args", Indexer::KeyValue),
    ("services.*.build.additional_contexts", Indexer::KeyValue),
    ("services.*.build.platform", Indexer::KeyValue),
    ("services.*.build.tags", Indexer::KeyValue),
    ("services.*.build.labels", Indexer::KeyValue),
    ("services.*.cap_add", Indexer::KeyValue),
    ("services.*.cap_drop", Indexer::KeyValue),
    ("services.*.devices", Indexer::Device),
    ("services.*.configs", Indexer::Mount("")),
    ("services.*.deploy.labels", Indexer::KeyValue),
    ("services.*.dns", Indexer::KeyValue),
    ("services.*.dns_opt", Indexer::KeyValue),
    ("services.*.dns_search", Indexer::KeyValue),
    ("services.*.environment", Indexer::KeyValue),
    ("services.*.env_file", Indexer::EnvFile),
    ("services.*.expose", Indexer::Expose),
    ("services.*.labels", Indexer::KeyValue),
    ("services.*.links", Indexer::KeyValue),
    ("services.*.networks.*.aliases", Indexer::KeyValue),
    ("services.*.networks.*.link_local_ips", Indexer::KeyValue),
    ("services.*.ports", Indexer::Port),
    ("services.*.profiles", Indexer::KeyValue),
    ("services.*.secrets", Indexer::Mount("/run/secrets")),
    ("services.*.sysctls", Indexer::KeyValue),
    ("services.*.tmpfs", Indexer::KeyValue),
    ("services.*.volumes", Indexer::Volume),
];

pub(crate) fn enforce(model: &mut Node) -> Result<(), ComposeError> {
    enforce_at(model, &TreePath::root())
}

fn enforce_at(node: &mut Node, path: &TreePath) -> Result<(), ComposeError> {
    match &mut node.value {
        Value::Map(m) => {
            for (k, v) in m.iter_mut() {
                enforce_at(v, &path.next(k))?;
            }
        }
        Value::Seq(items) => {
            let Some((_, indexer)) = UNIQUE.iter().find(|(p, _)| path.matches(p)) else {
                return Ok(());
            };
            let mut out: Vec<Node> = Vec::with_capacity(items.len());
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (i, item) in std::mem::take(items).into_iter().enumerate() {
                let item_path = path.next(&format!("[{i}]"));
                let key = index(*indexer, &item, &item_path)?;
                match seen.get(&key) {
                    Some(&j) => {
                        if let Some(slot) = out.get_mut(j) {
                            *slot = item;
                        }
                    }
                    None => {
                        seen.insert(key, out.len());
                        out.push(item);
                    }
                }
            }
            *items = out;
        }
        _ => {}
    }
    Ok(())
}

fn index(indexer: Indexer, item: &Node, path: &TreePath) -> Result<String, ComposeError> {
    let unexpected = || {
        ComposeError::new(
            format!("{path}: unexpected type {}", gofmt::go_type(&item.value)),
            item.span,
        )
    };
    match indexer {
        Indexer::KeyValue => match &item.value {
            Value::Str(s) => Ok(s.split_once('=').map_or(s.as_str(), |(k, _)| k).to_string()),
            _ => Err(unexpected()),
        },
        Indexer::Volume => match &item.value {
            Value::Map(m) => match m.get("target").and_then(Node::as_str) {
                Some(t) => Ok(t.to_string()),
                None => Err(ComposeError::new(
                    format!("service volume {path} is missing a mount target"),
                    item.span,
                )),
            },
            Value::Str(s) => volumes::parse(s)
                .map(|v| v.target)
                .map_err(|e| ComposeError::new(e, item.span)),
            _ => Ok(String::new()),
        },
        Indexer::Device => match &item.value {
            Value::Map(m) => match m.get("target").and_then(Node::as_str) {
                Some(t) => Ok(t.to_string()),
                None => Err(ComposeError::new(
                    format!("service device {path} is missing a mount target"),
                    item.span,
                )),
            },
            Value::Str(s) => {
                let parts: Vec<&str> = s.split(':').collect();
                Ok(parts
                    .get(1)
                    .or(parts.first())
                    .copied()
                    .unwrap_or("")
                    .to_string())
            }
            _ => Ok(String::new()),
        },
        Indexer::Expose => match &item.value {
            Value::Str(s) => Ok(s.clone()),
            Value::Int(i) => Ok(i.to_string()),
            other => Err(ComposeError::new(
                format!("{path}: unsupported expose value {}", gofmt::s(other)),
                item.span,
            )),
        },
        Indexer::Mount(default) => match &item.value {
            Value::Str(s) => Ok(format!("{default}/{s}")),
            Value::Map(m) => match m.get("target") {
                Some(t) => Ok(gofmt::v(&t.value)),
                None => Ok(format!(
                    "{default}/{}",
                    m.get("source")
                        .map_or("<nil>".to_string(), |n| gofmt::v(&n.value))
                )),
            },
            other => Err(ComposeError::new(
                format!("{path}: unsupported expose value {}", gofmt::s(other)),
                item.span,
            )),
        },
        Indexer::Port => Ok(port_key(item)),
        Indexer::EnvFile => match &item.value {
            Value::Str(s) => Ok(s.clone()),
            Value::Map(m) => match m.get("path") {
                Some(p) => Ok(gofmt::v(&p.value)),
                None => Err(ComposeError::new(
                    format!("environment path attribute {path} is missing"),
                    item.span,
                )),
            },
            _ => Ok(String::new()),
        },
    }
}

/// `portIndexer`: ints by number, strings as written, long form as
/// `host_ip:published:target/protocol` (Go's `%s`/`%d`, defaults `0.0.0.0` and `tcp`).
fn port_key(item: &Node) -> String {
    match &item.value {
        Value::Int(i) => i.to_string(),
        Value::Str(s) => s.clone(),
        Value::Map(m) => {
            let host = m
                .get("host_ip")
                .map_or("0.0.0.0".to_string(), |n| gofmt::s(&n.value));
            let published = m
                .get("published")
                .map_or("%!s(<nil>)".to_string(), |n| gofmt::s(&n.value));
            let target = m
                .get("target")
                .map_or("%!d(<nil>)".to_string(), |n| gofmt::d(&n.value));
            let protocol = m
                .get("protocol")
                .map_or("tcp".to_string(), |n| gofmt::s(&n.value));
            format!("{host}:{published}:{target}/{protocol}")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::new(Value::Str(v.into()))
    }

    fn doc(attr: &str, items: Vec<Node>) -> Node {
        let mut svc = indexmap::IndexMap::new();
        svc.insert(attr.to_string(), Node::new(Value::Seq(items)));
        let mut services = indexmap::IndexMap::new();
        services.insert("s".to_string(), Node::new(Value::Map(svc)));
        let mut root = indexmap::IndexMap::new();
        root.insert("services".to_string(), Node::new(Value::Map(services)));
        Node::new(Value::Map(root))
    }

    fn items(n: &Node, attr: &str) -> Vec<String> {
        n.get("services")
            .and_then(|x| x.get("s"))
            .and_then(|x| x.get(attr))
            .and_then(Node::as_seq)
            .unwrap()
            .iter()
            .map(|i| gofmt::v(&i.value))
            .collect()
    }

    #[test]
    fn later_duplicate_takes_the_earlier_position() {
        let mut d = doc("environment", vec![s("A=1"), s("B=2"), s("A=3"), s("C")]);
        enforce(&mut d).unwrap();
        assert_eq!(items(&d, "environment"), vec!["A=3", "B=2", "C"]);
        let mut d = doc(
            "env_file",
            vec![s("one.env"), s("two.env"), s("three.env"), s("one.env")],
        );
        enforce(&mut d).unwrap();
        assert_eq!(
            items(&d, "env_file"),
            vec!["one.env", "two.env", "three.env"]
        );
    }

    #[test]
    fn volumes_by_target() {
        let mut d = doc(
            "volumes",
            vec![s("./a:/data"), s("b:/other"), s("./c:/data:ro")],
        );
        enforce(&mut d).unwrap();
        assert_eq!(items(&d, "volumes"), vec!["./c:/data:ro", "b:/other"]);
    }

    #[test]
    fn non_string_key_value_items_are_errors() {
        let mut d = doc("dns", vec![Node::new(Value::Int(1))]);
        assert_eq!(
            enforce(&mut d).unwrap_err().message,
            "services.s.dns.[0]: unexpected type int"
        );
    }
}
