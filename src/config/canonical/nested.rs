//! The structured service attributes (`build`, `deploy`, `healthcheck`, `depends_on`,
//! `networks`, `extra_hosts`, …) in Compose's canonical long form, fields in the order of
//! compose-go's Go structs (which is the order `config` prints them in).

use super::CanonicalError;
use super::convert::{
    Ctx, Obj, Valueless, boolean, bytes, duration, float32, generic, int, int_kept, int_of,
    mapping, non_empty_map, put_extensions, scalar_string, sorted_map, string, string_list,
    string_map, value_struct,
};
use crate::project::value::{Node, Value as NodeValue};
use serde_json::Value;

/// `build`: a context path string or the long form; relative context made absolute,
/// `dockerfile` defaulted to `Dockerfile` unless `dockerfile_inline` is given.
pub fn build(node: &Node, ctx: &mut Ctx, path: &str) -> Result<Option<Value>, CanonicalError> {
    let empty = Node::new(NodeValue::Map(Default::default()));
    let (context_node, b) = match &node.value {
        NodeValue::Map(_) => (node.get("context"), node),
        NodeValue::Null => return Ok(None),
        _ => (Some(node), &empty),
    };
    let mut o = Obj::new();
    let context = context_node
        .and_then(scalar_string)
        .unwrap_or_else(|| ".".to_string());
    let context = if is_remote_context(&context) {
        context
    } else {
        ctx.absolute(&context)
    };
    o.put_value("context", Value::String(context));
    let inline = b.get("dockerfile_inline").and_then(scalar_string);
    let dockerfile = b.get("dockerfile").and_then(scalar_string);
    match (dockerfile, &inline) {
        (Some(d), _) if !d.is_empty() => o.put_value("dockerfile", Value::String(d)),
        (_, Some(i)) if !i.is_empty() => {}
        _ => o.put_value("dockerfile", Value::String("Dockerfile".to_string())),
    }
    o.put(
        "dockerfile_inline",
        inline.filter(|i| !i.is_empty()).map(Value::String),
    );
    o.put("entitlements", string_list(b.get("entitlements")));
    o.put(
        "args",
        mapping(b.get("args"), Valueless::Dropped, false, ctx.flavor),
    );
    o.put("provenance", string(b.get("provenance")));
    o.put("sbom", string(b.get("sbom")));
    o.put("ssh", ssh(b.get("ssh")));
    o.put(
        "labels",
        mapping(b.get("labels"), Valueless::Empty, true, ctx.flavor),
    );
    o.put("cache_from", string_list(b.get("cache_from")));
    o.put("cache_to", string_list(b.get("cache_to")));
    o.put("no_cache", boolean(b.get("no_cache")));
    o.put("no_cache_filter", string_list(b.get("no_cache_filter")));
    o.put(
        "additional_contexts",
        additional_contexts(b.get("additional_contexts"), ctx),
    );
    o.put("pull", boolean(b.get("pull")));
    o.put(
        "extra_hosts",
        extra_hosts(b.get("extra_hosts"), &format!("{path}.extra_hosts"))?,
    );
    o.put("isolation", string(b.get("isolation")));
    o.put("network", string(b.get("network")));
    o.put("target", string(b.get("target")));
    o.put(
        "secrets",
        file_refs(b.get("secrets"), RefKind::BuildSecret, ctx),
    );
    o.put(
        "shm_size",
        bytes(b.get("shm_size"), &format!("{path}.shm_size"))?,
    );
    o.put("tags", string_list(b.get("tags")));
    o.put("ulimits", ulimits(b.get("ulimits"), ctx));
    o.put("platforms", string_list(b.get("platforms")));
    o.put("privileged", boolean(b.get("privileged")));
    put_extensions(&mut o, b, ctx);
    Ok(Some(o.into_value()))
}

/// Git URLs and other remote contexts are passed through untouched.
fn is_remote_context(context: &str) -> bool {
    context.contains("://")
        || context.starts_with("git@")
        || context.starts_with("github.com/")
        || context.starts_with("git://")
}

fn ssh(node: Option<&Node>) -> Option<Value> {
    let node = node?;
    let items: Vec<Value> = match &node.value {
        NodeValue::Map(m) => m
            .iter()
            .map(|(k, v)| match scalar_string(v) {
                Some(v) if !v.is_empty() => Value::String(format!("{k}={v}")),
                _ => Value::String(k.clone()),
            })
            .collect(),
        NodeValue::Seq(items) => items
            .iter()
            .filter_map(scalar_string)
            .map(Value::String)
            .collect(),
        _ => vec![Value::String(scalar_string(node)?)],
    };
    (!items.is_empty()).then_some(Value::Array(items))
}

fn additional_contexts(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    let mapped = mapping(node, Valueless::Empty, false, ctx.flavor)?;
    let Value::Object(map) = mapped else {
        return None;
    };
    let entries = map
        .into_iter()
        .map(|(k, v)| {
            let text = v.as_str().unwrap_or_default().to_string();
            // Paths are relative to the project; `docker-image://`, URLs and
            // `service:name` references are not paths.
            let resolved = if text.contains(':') || text.is_empty() {
                text
            } else {
                ctx.absolute(&text)
            };
            (k, Value::String(resolved))
        })
        .collect();
    non_empty_map(entries, ctx.flavor)
}

/// `extra_hosts` (list of `host=ip` / `host:ip`, or a map; an IP may be a comma list),
/// printed as sorted `host=ip` strings with IPv6 brackets removed.
pub fn extra_hosts(node: Option<&Node>, path: &str) -> Result<Option<Value>, CanonicalError> {
    let Some(node) = node else { return Ok(None) };
    let mut pairs: Vec<(String, String)> = Vec::new();
    match &node.value {
        NodeValue::Map(m) => {
            for (host, v) in m {
                match &v.value {
                    NodeValue::Seq(ips) => {
                        for ip in ips {
                            pairs.push((host.clone(), scalar_string(ip).unwrap_or_default()));
                        }
                    }
                    _ => pairs.push((host.clone(), scalar_string(v).unwrap_or_default())),
                }
            }
        }
        NodeValue::Seq(items) => {
            for item in items {
                let text = scalar_string(item).unwrap_or_default();
                let split = text.split_once('=').or_else(|| text.split_once(':'));
                let Some((host, ips)) = split else {
                    return Err(CanonicalError::new(format!(
                        "{path}: invalid additional host, missing IP: {text}"
                    )));
                };
                for ip in ips.split(',') {
                    pairs.push((host.to_string(), ip.to_string()));
                }
            }
        }
        NodeValue::Null => return Ok(None),
        _ => {
            return Err(CanonicalError::new(format!(
                "{path}: unexpected value for extra_hosts"
            )));
        }
    }
    let mut list: Vec<String> = Vec::new();
    for (host, ip) in pairs {
        if host.is_empty() || host.contains([':', '=']) {
            return Err(CanonicalError::new(format!(
                "{path}: bad host name '{host}'"
            )));
        }
        let ip = if ip.len() > 2 && ip.starts_with('[') && ip.ends_with(']') {
            ip.get(1..ip.len() - 1).unwrap_or_default().to_string()
        } else {
            ip
        };
        list.push(format!("{host}={ip}"));
    }
    list.sort();
    Ok((!list.is_empty()).then(|| Value::Array(list.into_iter().map(Value::String).collect())))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// service `secrets`: short form targets `/run/secrets/<name>`.
    ServiceSecret,
    /// service `configs`: no default target.
    ServiceConfig,
    /// `build.secrets`: no default target.
    BuildSecret,
}

/// `secrets` / `configs` references: `name` or `{source, target, uid, gid, mode}`.
pub fn file_refs(node: Option<&Node>, kind: RefKind, ctx: &Ctx) -> Option<Value> {
    let items = node?.as_seq()?;
    let mut out = Vec::new();
    for item in items {
        let mut o = Obj::new();
        match &item.value {
            NodeValue::Map(_) => {
                let source = item
                    .get("source")
                    .and_then(scalar_string)
                    .unwrap_or_default();
                o.put("source", string(item.get("source")));
                let target = string(item.get("target")).or_else(|| {
                    (kind == RefKind::ServiceSecret && !source.is_empty())
                        .then(|| Value::String(format!("/run/secrets/{source}")))
                });
                o.put("target", target);
                o.put("uid", string(item.get("uid")));
                o.put("gid", string(item.get("gid")));
                o.put("mode", item.get("mode").and_then(file_mode));
                put_extensions(&mut o, item, ctx);
            }
            _ => {
                let source = scalar_string(item).unwrap_or_default();
                if kind == RefKind::ServiceSecret {
                    o.put_value("source", Value::String(source.clone()));
                    o.put_value("target", Value::String(format!("/run/secrets/{source}")));
                } else {
                    o.put_value("source", Value::String(source));
                }
            }
        }
        out.push(o.into_value());
    }
    (!out.is_empty()).then_some(Value::Array(out))
}

/// A file mode, printed as Go prints `FileMode` in Compose (`"0440"`). YAML ints are
/// already octal-decoded (`0440` → 288); strings are octal text.
fn file_mode(node: &Node) -> Option<Value> {
    let mode = match &node.value {
        NodeValue::Str(s) => i64::from_str_radix(s.trim(), 8).ok()?,
        _ => int_of(node)?,
    };
    Some(Value::String(format!("0{mode:o}")))
}

/// `depends_on`: list or map, long form `{condition, restart, required}` sorted by name.
pub fn depends_on(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    let node = node?;
    let long = |condition: Option<String>, restart: Option<bool>, required: Option<bool>| {
        let mut o = Obj::new();
        o.put_value(
            "condition",
            Value::String(
                condition
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| "service_started".to_string()),
            ),
        );
        o.put("restart", restart.filter(|r| *r).map(Value::Bool));
        o.put_value("required", Value::Bool(required.unwrap_or(true)));
        o
    };
    let entries: Vec<(String, Value)> = match &node.value {
        NodeValue::Seq(items) => items
            .iter()
            .filter_map(scalar_string)
            .map(|name| (name, long(None, None, None).into_value()))
            .collect(),
        NodeValue::Map(map) => map
            .iter()
            .map(|(name, dep)| {
                let mut o = long(
                    dep.get("condition").and_then(scalar_string),
                    dep.get("restart").and_then(super::convert::bool_of),
                    dep.get("required").and_then(super::convert::bool_of),
                );
                put_extensions(&mut o, dep, ctx);
                (name.clone(), o.into_value())
            })
            .collect(),
        _ => return None,
    };
    non_empty_map(entries, ctx.flavor)
}

/// Service `networks`: list form becomes a map of nulls; map entries keep Compose's
/// field order. Returns the entries unsorted (the caller adds `default` when needed).
pub fn service_networks(node: Option<&Node>, ctx: &Ctx) -> Vec<(String, Value)> {
    let Some(node) = node else {
        return Vec::new();
    };
    match &node.value {
        NodeValue::Seq(items) => items
            .iter()
            .filter_map(scalar_string)
            .map(|n| (n, Value::Null))
            .collect(),
        NodeValue::Map(map) => map
            .iter()
            .map(|(name, cfg)| {
                if cfg.is_null() {
                    return (name.clone(), Value::Null);
                }
                let mut o = Obj::new();
                o.put("aliases", string_list(cfg.get("aliases")));
                o.put(
                    "driver_opts",
                    string_map(cfg.get("driver_opts"), ctx.flavor),
                );
                o.put("gw_priority", int(cfg.get("gw_priority")));
                o.put("interface_name", string(cfg.get("interface_name")));
                o.put("ipv4_address", string(cfg.get("ipv4_address")));
                o.put("ipv6_address", string(cfg.get("ipv6_address")));
                o.put("link_local_ips", string_list(cfg.get("link_local_ips")));
                o.put("mac_address", string(cfg.get("mac_address")));
                o.put("priority", int(cfg.get("priority")));
                put_extensions(&mut o, cfg, ctx);
                (name.clone(), o.into_value())
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `healthcheck`: a string `test` is run by the shell (`CMD-SHELL`).
pub fn healthcheck(
    node: Option<&Node>,
    ctx: &Ctx,
    path: &str,
) -> Result<Option<Value>, CanonicalError> {
    let Some(h) = node else { return Ok(None) };
    if h.as_map().is_none() {
        return Ok(None);
    }
    let mut o = Obj::new();
    let test = h.get("test").and_then(|t| match &t.value {
        NodeValue::Str(s) => Some(Value::Array(vec![
            Value::String("CMD-SHELL".to_string()),
            Value::String(s.clone()),
        ])),
        NodeValue::Seq(items) => Some(Value::Array(
            items
                .iter()
                .map(|i| Value::String(scalar_string(i).unwrap_or_default()))
                .collect(),
        )),
        _ => None,
    });
    o.put(
        "test",
        test.filter(|t| t.as_array().is_some_and(|a| !a.is_empty())),
    );
    o.put(
        "timeout",
        duration(h.get("timeout"), true, &format!("{path}.timeout"))?,
    );
    o.put(
        "interval",
        duration(h.get("interval"), true, &format!("{path}.interval"))?,
    );
    o.put("retries", int_kept(h.get("retries")));
    o.put(
        "start_period",
        duration(h.get("start_period"), true, &format!("{path}.start_period"))?,
    );
    o.put(
        "start_interval",
        duration(
            h.get("start_interval"),
            true,
            &format!("{path}.start_interval"),
        )?,
    );
    o.put("disable", boolean(h.get("disable")));
    put_extensions(&mut o, h, ctx);
    Ok(Some(o.into_value()))
}

pub fn logging(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    let l = node?;
    l.as_map()?;
    let mut o = Obj::new();
    o.put("driver", string(l.get("driver")));
    o.put("options", string_map(l.get("options"), ctx.flavor));
    put_extensions(&mut o, l, ctx);
    Some(o.into_value())
}

pub fn ulimits(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    let map = node?.as_map()?;
    let entries = map
        .iter()
        .map(|(name, v)| {
            let value = match &v.value {
                NodeValue::Map(_) => {
                    let mut o = Obj::new();
                    o.put("soft", int(v.get("soft")));
                    o.put("hard", int(v.get("hard")));
                    o.into_value()
                }
                _ => int_of(v).map_or(Value::Null, |i| Value::Number(i.into())),
            };
            (name.clone(), value)
        })
        .collect();
    non_empty_map(entries, ctx.flavor)
}

/// `devices`: `host[:container[:permissions]]` or the long form.
pub fn devices(
    node: Option<&Node>,
    ctx: &Ctx,
    path: &str,
) -> Result<Option<Value>, CanonicalError> {
    let Some(items) = node.and_then(Node::as_seq) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for item in items {
        let mut o = Obj::new();
        if item.as_map().is_some() {
            o.put("source", string(item.get("source")));
            o.put("target", string(item.get("target")));
            o.put("permissions", string(item.get("permissions")));
            put_extensions(&mut o, item, ctx);
        } else {
            let text = scalar_string(item).unwrap_or_default();
            let parts: Vec<&str> = text.split(':').collect();
            let (source, target, perms) = match parts.as_slice() {
                [s] => (*s, *s, "rwm"),
                [s, t] => (*s, *t, "rwm"),
                [s, t, p] => (*s, *t, *p),
                _ => {
                    return Err(CanonicalError::new(format!(
                        "{path}: confusing device mapping, please use long syntax: {text}"
                    )));
                }
            };
            let s = |v: &str| (!v.is_empty()).then(|| Value::String(v.to_string()));
            o.put("source", s(source));
            o.put("target", s(target));
            o.put("permissions", s(perms));
        }
        out.push(o.into_value());
    }
    Ok((!out.is_empty()).then_some(Value::Array(out)))
}

/// `blkio_config`. encoding/json prints the untagged device fields capitalised (`Path`,
/// `Weight`, `Rate`); go-yaml lower-cases them.
pub fn blkio(node: Option<&Node>, ctx: &Ctx, path: &str) -> Result<Option<Value>, CanonicalError> {
    let Some(b) = node else { return Ok(None) };
    b.as_map();
    let field = |name: &str| {
        if ctx.json() {
            let mut c = name.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        } else {
            name.to_string()
        }
    };
    let mut o = Obj::new();
    o.put("weight", int(b.get("weight")));
    let weights = b.get("weight_device").and_then(Node::as_seq).map(|items| {
        Value::Array(
            items
                .iter()
                .map(|d| {
                    let mut w = Obj::new();
                    w.put_value(
                        &field("path"),
                        Value::String(d.get("path").and_then(scalar_string).unwrap_or_default()),
                    );
                    w.put_value(
                        &field("weight"),
                        Value::Number(d.get("weight").and_then(int_of).unwrap_or(0).into()),
                    );
                    w.into_value()
                })
                .collect(),
        )
    });
    o.put(
        "weight_device",
        weights.filter(|v| v.as_array().is_some_and(|a| !a.is_empty())),
    );
    for key in [
        "device_read_bps",
        "device_read_iops",
        "device_write_bps",
        "device_write_iops",
    ] {
        let Some(items) = b.get(key).and_then(Node::as_seq) else {
            continue;
        };
        let mut list = Vec::new();
        for d in items {
            let mut t = Obj::new();
            t.put_value(
                &field("path"),
                Value::String(d.get("path").and_then(scalar_string).unwrap_or_default()),
            );
            let rate = bytes(d.get("rate"), &format!("{path}.{key}.rate"))?
                .unwrap_or_else(|| Value::String("0".to_string()));
            t.put_value(&field("rate"), rate);
            list.push(t.into_value());
        }
        if !list.is_empty() {
            o.put_value(key, Value::Array(list));
        }
    }
    put_extensions(&mut o, b, ctx);
    Ok(Some(o.into_value()))
}

/// `deploy` with its nested structs.
pub fn deploy(node: Option<&Node>, ctx: &Ctx, path: &str) -> Result<Option<Value>, CanonicalError> {
    let Some(d) = node else { return Ok(None) };
    if d.as_map().is_none() {
        return Ok(None);
    }
    let mut o = Obj::new();
    o.put("mode", string(d.get("mode")));
    o.put("replicas", int_kept(d.get("replicas")));
    o.put(
        "labels",
        mapping(d.get("labels"), Valueless::Empty, true, ctx.flavor),
    );
    o.put(
        "update_config",
        update_config(
            d.get("update_config"),
            ctx,
            &format!("{path}.update_config"),
        )?,
    );
    o.put(
        "rollback_config",
        update_config(
            d.get("rollback_config"),
            ctx,
            &format!("{path}.rollback_config"),
        )?,
    );
    let mut resources = Obj::new();
    if let Some(r) = d.get("resources") {
        resources.put(
            "limits",
            resource(r.get("limits"), ctx, &format!("{path}.resources.limits"))?,
        );
        resources.put(
            "reservations",
            resource(
                r.get("reservations"),
                ctx,
                &format!("{path}.resources.reservations"),
            )?,
        );
        put_extensions(&mut resources, r, ctx);
    }
    o.put("resources", value_struct(resources, ctx));
    o.put(
        "restart_policy",
        restart_policy(
            d.get("restart_policy"),
            ctx,
            &format!("{path}.restart_policy"),
        )?,
    );
    let mut placement = Obj::new();
    if let Some(p) = d.get("placement") {
        placement.put("constraints", string_list(p.get("constraints")));
        placement.put(
            "preferences",
            p.get("preferences")
                .and_then(Node::as_seq)
                .and_then(|items| {
                    let list: Vec<Value> = items
                        .iter()
                        .map(|pref| {
                            let mut po = Obj::new();
                            po.put("spread", string(pref.get("spread")));
                            po.into_value()
                        })
                        .collect();
                    (!list.is_empty()).then_some(Value::Array(list))
                }),
        );
        placement.put("max_replicas_per_node", int(p.get("max_replicas_per_node")));
        put_extensions(&mut placement, p, ctx);
    }
    o.put("placement", value_struct(placement, ctx));
    o.put("endpoint_mode", string(d.get("endpoint_mode")));
    put_extensions(&mut o, d, ctx);
    Ok(Some(o.into_value()))
}

fn update_config(
    node: Option<&Node>,
    ctx: &Ctx,
    path: &str,
) -> Result<Option<Value>, CanonicalError> {
    let Some(u) = node else { return Ok(None) };
    if u.as_map().is_none() {
        return Ok(None);
    }
    let mut o = Obj::new();
    o.put("parallelism", int_kept(u.get("parallelism")));
    o.put(
        "delay",
        duration(u.get("delay"), false, &format!("{path}.delay"))?,
    );
    o.put("failure_action", string(u.get("failure_action")));
    o.put(
        "monitor",
        duration(u.get("monitor"), false, &format!("{path}.monitor"))?,
    );
    o.put("max_failure_ratio", float32(u.get("max_failure_ratio")));
    o.put("order", string(u.get("order")));
    put_extensions(&mut o, u, ctx);
    Ok(Some(o.into_value()))
}

fn resource(node: Option<&Node>, ctx: &Ctx, path: &str) -> Result<Option<Value>, CanonicalError> {
    let Some(r) = node else { return Ok(None) };
    if r.as_map().is_none() {
        return Ok(None);
    }
    let mut o = Obj::new();
    o.put("cpus", float32(r.get("cpus")));
    o.put("memory", bytes(r.get("memory"), &format!("{path}.memory"))?);
    o.put("pids", int(r.get("pids")));
    o.put(
        "devices",
        r.get("devices").and_then(Node::as_seq).and_then(|items| {
            let list: Vec<Value> = items
                .iter()
                .map(|dev| {
                    let mut d = Obj::new();
                    d.put("capabilities", string_list(dev.get("capabilities")));
                    d.put("driver", string(dev.get("driver")));
                    d.put(
                        "count",
                        dev.get("count").and_then(|c| match &c.value {
                            NodeValue::Str(s) if s == "all" => Some(Value::Number((-1).into())),
                            _ => int_of(c)
                                .filter(|&n| n != 0)
                                .map(|n| Value::Number(n.into())),
                        }),
                    );
                    d.put("device_ids", string_list(dev.get("device_ids")));
                    d.put(
                        "options",
                        mapping(dev.get("options"), Valueless::Empty, false, ctx.flavor),
                    );
                    put_extensions(&mut d, dev, ctx);
                    d.into_value()
                })
                .collect();
            (!list.is_empty()).then_some(Value::Array(list))
        }),
    );
    o.put(
        "generic_resources",
        r.get("generic_resources")
            .and_then(Node::as_seq)
            .and_then(|items| {
                let list: Vec<Value> = items
                    .iter()
                    .map(|g| {
                        let mut go = Obj::new();
                        if let Some(spec) = g.get("discrete_resource_spec") {
                            let mut so = Obj::new();
                            so.put_value(
                                "kind",
                                Value::String(
                                    spec.get("kind").and_then(scalar_string).unwrap_or_default(),
                                ),
                            );
                            so.put_value(
                                "value",
                                Value::Number(
                                    spec.get("value").and_then(int_of).unwrap_or(0).into(),
                                ),
                            );
                            go.put_value("discrete_resource_spec", so.into_value());
                        }
                        go.into_value()
                    })
                    .collect();
                (!list.is_empty()).then_some(Value::Array(list))
            }),
    );
    put_extensions(&mut o, r, ctx);
    Ok(Some(o.into_value()))
}

fn restart_policy(
    node: Option<&Node>,
    ctx: &Ctx,
    path: &str,
) -> Result<Option<Value>, CanonicalError> {
    let Some(r) = node else { return Ok(None) };
    if r.as_map().is_none() {
        return Ok(None);
    }
    let mut o = Obj::new();
    o.put("condition", string(r.get("condition")));
    o.put(
        "delay",
        duration(r.get("delay"), true, &format!("{path}.delay"))?,
    );
    o.put("max_attempts", int_kept(r.get("max_attempts")));
    o.put(
        "window",
        duration(r.get("window"), true, &format!("{path}.window"))?,
    );
    put_extensions(&mut o, r, ctx);
    Ok(Some(o.into_value()))
}

/// `credential_spec`.
pub fn credential_spec(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    let c = node?;
    c.as_map()?;
    let mut o = Obj::new();
    o.put("config", string(c.get("config")));
    o.put("file", string(c.get("file")));
    o.put("registry", string(c.get("registry")));
    put_extensions(&mut o, c, ctx);
    Some(o.into_value())
}

/// Attributes whose exact Go layout is not modelled: printed as decoded, maps sorted.
pub fn loosely(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    let node = node?;
    if node.is_null() {
        return None;
    }
    let v = generic(node, ctx.flavor);
    let empty = match &v {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    };
    (!empty).then_some(v)
}

/// `expose`: strings, numbers stringified.
pub fn expose(node: Option<&Node>) -> Option<Value> {
    string_list(node)
}

/// `map[string]string` sorted.
pub fn plain_map(node: Option<&Node>, ctx: &Ctx) -> Option<Value> {
    string_map(node, ctx.flavor)
}

/// An object from (key, value) pairs sorted per output format.
pub fn sorted(entries: Vec<(String, Value)>, ctx: &Ctx) -> Value {
    sorted_map(entries, ctx.flavor)
}
