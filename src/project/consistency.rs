//! compose-go's consistency check, run on the loaded project after profiles are applied:
//! every service needs an image or a build, and every network, named volume, secret and
//! config a service names must be declared at the top level. Each failure reads
//! `... : invalid compose project`, as Compose prints it. (Compose walks services in Go map
//! order, so with several failures it may name another one first; we take model order.)

use super::model::ComposeError;
use super::value::{Node, Value};

const INVALID: &str = "invalid compose project";

pub(crate) fn check(model: &Node, active: &[String]) -> Result<(), ComposeError> {
    let Some(services) = model.get("services").and_then(Node::as_map) else {
        return Ok(());
    };
    for (name, svc) in services {
        check_environment_keys(name, svc)?;
        check_extra_hosts(name, svc)?;
    }
    let declared = |kind: &str, name: &str| {
        model
            .get(kind)
            .and_then(Node::as_map)
            .is_some_and(|m| m.contains_key(name))
    };
    for (name, svc) in services.iter().filter(|(n, _)| active.contains(n)) {
        // An image that interpolated to "" is no image.
        let has = |key: &str| {
            svc.get(key)
                .is_some_and(|n| !n.is_null() && n.as_str() != Some(""))
        };
        if !has("image") && !has("build") && !has("provider") {
            return Err(ComposeError::new(
                format!(
                    "service {name:?} has neither an image nor a build context specified: {INVALID}"
                ),
                svc.key_span.or(svc.span),
            ));
        }
        if svc.get("network_mode").is_some_and(|n| !n.is_null())
            && svc.get("networks").is_some_and(|n| !n.is_null())
        {
            return Err(ComposeError::new(
                format!(
                    "service {name} declares mutually exclusive `network_mode` and `networks`: {INVALID}"
                ),
                svc.get("network_mode").and_then(|n| n.key_span.or(n.span)),
            ));
        }
        let platforms = svc
            .get("build")
            .and_then(|b| b.get("platforms"))
            .and_then(Node::as_seq)
            .unwrap_or_default();
        if let Some(platform) = svc.get("platform").and_then(Node::as_str)
            && !platform.is_empty()
            && !platforms.is_empty()
            && !platforms.iter().any(|p| p.as_str() == Some(platform))
        {
            return Err(ComposeError::new(
                format!(
                    "service.build.platforms MUST include service.platform {platform:?}: {INVALID}"
                ),
                svc.get("platform").and_then(|n| n.span),
            ));
        }
        for network in network_names(svc) {
            if network != "default" && !declared("networks", &network) {
                return Err(refers(name, "network", &network, svc.get("networks")));
            }
        }
        for volume in named_volumes(svc) {
            if !declared("volumes", &volume) {
                return Err(refers(name, "volume", &volume, svc.get("volumes")));
            }
        }
        for (kind, singular) in [("secrets", "secret"), ("configs", "config")] {
            for source in references(svc.get(kind)) {
                if !declared(kind, &source) {
                    return Err(refers(name, singular, &source, svc.get(kind)));
                }
            }
        }
    }
    Ok(())
}

/// Decoding a list-form `environment` (every service, active or not): a blank before `=`
/// is refused.
fn check_environment_keys(service: &str, svc: &Node) -> Result<(), ComposeError> {
    let Some(items) = svc.get("environment").and_then(Node::as_seq) else {
        return Ok(());
    };
    for item in items {
        let Some(text) = item.as_str() else { continue };
        let key = text.split_once('=').map_or(text, |(k, _)| k);
        if key.ends_with([' ', '\t']) {
            return Err(ComposeError::new(
                format!(
                    "decoding failed due to the following error(s):\n\n'services[{service}].environment' environment variable {key} is declared with a trailing space"
                ),
                item.span,
            ));
        }
    }
    Ok(())
}

/// Decoding `extra_hosts` (which Compose does for every service, before the consistency
/// check): `host=ip` / `host:ip` entries need a host and an IP.
fn check_extra_hosts(service: &str, svc: &Node) -> Result<(), ComposeError> {
    let Some(items) = svc.get("extra_hosts").and_then(Node::as_seq) else {
        return Ok(());
    };
    // A decoding error, wrapped as mapstructure wraps it.
    let prefix = format!(
        "decoding failed due to the following error(s):\n\n'services[{service}].extra_hosts'"
    );
    for item in items {
        let Some(text) = item.as_str().filter(|t| !super::env::is_assumed_value(t)) else {
            continue;
        };
        let Some((host, _)) = text.split_once('=').or_else(|| text.split_once(':')) else {
            return Err(ComposeError::new(
                format!("{prefix} invalid additional host, missing IP: {text}"),
                item.span,
            ));
        };
        if host.is_empty() {
            return Err(ComposeError::new(
                format!("{prefix} bad host name '{host}'"),
                item.span,
            ));
        }
    }
    Ok(())
}

fn refers(service: &str, what: &str, name: &str, at: Option<&Node>) -> ComposeError {
    ComposeError::new(
        format!("service {service:?} refers to undefined {what} {name}: {INVALID}"),
        at.and_then(|n| n.span),
    )
}

fn network_names(svc: &Node) -> Vec<String> {
    svc.get("networks").map(Node::names).unwrap_or_default()
}

/// Sources of `type: volume` mounts (named volumes), short or long syntax.
fn named_volumes(svc: &Node) -> Vec<String> {
    let Some(items) = svc.get("volumes").and_then(Node::as_seq) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match &item.value {
            // A source from an `--assume-set` variable is unknown, not undeclared.
            Value::Str(spec) if super::env::is_assumed_value(spec) => None,
            Value::Str(spec) => {
                let parsed = super::volumes::parse(spec).ok()?;
                (!parsed.bind && !parsed.source.is_empty()).then_some(parsed.source)
            }
            Value::Map(m) => {
                let kind = m.get("type").and_then(Node::as_str).unwrap_or("volume");
                let source = m.get("source").and_then(Node::as_str).unwrap_or_default();
                (kind == "volume" && !source.is_empty()).then(|| source.to_string())
            }
            _ => None,
        })
        .collect()
}

/// `secrets` / `configs` entries: a name, or a mapping with `source`.
fn references(node: Option<&Node>) -> Vec<String> {
    let Some(items) = node.and_then(Node::as_seq) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match &item.value {
            Value::Str(s) => Some(s.clone()),
            Value::Map(m) => m.get("source").and_then(Node::as_str).map(str::to_string),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    fn node(v: Value) -> Node {
        Node::new(v)
    }
    fn s(v: &str) -> Node {
        node(Value::Str(v.into()))
    }
    fn map(entries: Vec<(&str, Node)>) -> Node {
        node(Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<IndexMap<_, _>>(),
        ))
    }

    #[test]
    fn extra_hosts_need_a_host_and_an_ip() {
        let model = |entry: &str| {
            map(vec![(
                "services",
                map(vec![(
                    "web",
                    map(vec![
                        ("image", s("x")),
                        ("extra_hosts", node(Value::Seq(vec![s(entry)]))),
                    ]),
                )]),
            )])
        };
        let active = ["web".to_string()];
        assert_eq!(
            check(&model(":10.0.0.1"), &active).unwrap_err().message,
            "decoding failed due to the following error(s):\n\n'services[web].extra_hosts' bad host name ''"
        );
        assert_eq!(
            check(&model("host.docker.internal"), &active)
                .unwrap_err()
                .message,
            "decoding failed due to the following error(s):\n\n'services[web].extra_hosts' invalid additional host, missing IP: host.docker.internal"
        );
        assert!(check(&model("host.docker.internal:host-gateway"), &active).is_ok());
    }

    #[test]
    fn a_service_without_image_or_build_is_refused() {
        let model = map(vec![("services", map(vec![("app", map(vec![]))]))]);
        assert_eq!(
            check(&model, &["app".into()]).unwrap_err().message,
            "service \"app\" has neither an image nor a build context specified: invalid compose project"
        );
        // An inactive service (profile not enabled) is not checked.
        assert!(check(&model, &[]).is_ok());
    }

    #[test]
    fn undeclared_networks_volumes_and_secrets_are_refused() {
        let svc = |k: &str, v: Node| map(vec![("image", s("x")), (k, v)]);
        let one = |k: &str, v: Node| map(vec![("services", map(vec![("s", svc(k, v))]))]);
        let active = ["s".to_string()];
        let e = check(&one("networks", node(Value::Seq(vec![s("back")]))), &active);
        assert_eq!(
            e.unwrap_err().message,
            "service \"s\" refers to undefined network back: invalid compose project"
        );
        let e = check(
            &one("volumes", node(Value::Seq(vec![s("data:/d")]))),
            &active,
        );
        assert_eq!(
            e.unwrap_err().message,
            "service \"s\" refers to undefined volume data: invalid compose project"
        );
        assert!(
            check(
                &one("volumes", node(Value::Seq(vec![s("./data:/d")]))),
                &active
            )
            .is_ok()
        );
        let e = check(&one("secrets", node(Value::Seq(vec![s("db_pw")]))), &active);
        assert_eq!(
            e.unwrap_err().message,
            "service \"s\" refers to undefined secret db_pw: invalid compose project"
        );
    }
}
