//! The resolved project as `docker compose config` prints it: compose-go's `Project`
//! marshalled to JSON (maps sorted, struct fields in declaration order, `command` and
//! `entrypoint` always present) or YAML (struct order at the top level too), built from the
//! loaded model. `--no-interpolate` prints the raw model instead, as Compose does: a plain
//! map dump with sorted keys.

mod convert;
mod nested;
mod ports;
mod shellwords;
mod volumes;

pub use convert::Ctx;

use crate::project::Project;
use crate::project::value::{Node, Value as NodeValue};
use convert::{
    Obj, Valueless, boolean, boolean_kept, bytes, duration, float32, generic, int, mapping,
    sorted_map, string, string_list,
};
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Json,
    Yaml,
}

/// A value Compose's decoder would refuse, with its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalError {
    pub message: String,
    /// The offending value, when known.
    pub span: Option<crate::source::Span>,
}

impl CanonicalError {
    pub fn new(message: impl Into<String>) -> Self {
        CanonicalError {
            message: message.into(),
            span: None,
        }
    }

    pub fn at(mut self, span: Option<crate::source::Span>) -> Self {
        self.span = self.span.or(span);
        self
    }
}

const RESOURCE_KINDS: [&str; 5] = ["networks", "volumes", "secrets", "configs", "models"];

/// The interpolated project document. `services` limits the output to those services.
pub fn project(p: &Project, flavor: Flavor, services: &[String]) -> Result<Value, CanonicalError> {
    let home = p.env.get("HOME");
    let mut ctx = Ctx {
        flavor,
        project_name: &p.name,
        working_dir: &p.working_dir,
        home,
        warnings: Vec::new(),
    };
    let model = &p.model;
    let mut out_services: Vec<(String, Value)> = Vec::new();
    let mut uses_default_network = false;
    if let Some(map) = model.get("services").and_then(Node::as_map) {
        for (name, svc) in map {
            if !p.active_services.contains(name)
                || (!services.is_empty() && !services.contains(name))
            {
                continue;
            }
            if needs_default_network(svc) {
                uses_default_network = true;
            }
            out_services.push((name.clone(), service(name, svc, &mut ctx)?));
        }
    }
    let mut top: Vec<(String, Value)> = vec![("name".to_string(), Value::String(p.name.clone()))];
    let networks = resources(
        model,
        "networks",
        &p.name,
        uses_default_network,
        flavor,
        true,
    );
    if flavor == Flavor::Json {
        if let Some(n) = networks {
            top.push(("networks".to_string(), n));
        }
        top.push(("services".to_string(), sorted_map(out_services, flavor)));
        for kind in RESOURCE_KINDS.iter().skip(1) {
            if let Some(v) = resources(model, kind, &p.name, false, flavor, true) {
                top.push((kind.to_string(), v));
            }
        }
        top.extend(top_extensions(model, flavor));
        top.sort_by(|a, b| a.0.cmp(&b.0));
    } else {
        top.push(("services".to_string(), sorted_map(out_services, flavor)));
        if let Some(n) = networks {
            top.push(("networks".to_string(), n));
        }
        for kind in RESOURCE_KINDS.iter().skip(1) {
            if let Some(v) = resources(model, kind, &p.name, false, flavor, true) {
                top.push((kind.to_string(), v));
            }
        }
        top.extend(top_extensions(model, flavor));
    }
    Ok(Value::Object(
        top.into_iter().collect::<Map<String, Value>>(),
    ))
}

/// `--no-interpolate`: the raw model as decoded, keys sorted, the default network added.
pub fn raw_project(p: &Project, flavor: Flavor) -> Value {
    let mut doc = match generic(&p.raw_model, flavor) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    doc.shift_remove("version");
    doc.insert("name".to_string(), Value::String(p.name.clone()));
    let uses_default = p
        .raw_model
        .get("services")
        .and_then(Node::as_map)
        .is_some_and(|m| m.values().any(needs_default_network));
    if uses_default {
        let networks = doc
            .entry("networks".to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(n) = networks
            && !n.contains_key("default")
        {
            let mut d = Map::new();
            d.insert(
                "name".to_string(),
                Value::String(format!("{}_default", p.name)),
            );
            n.insert("default".to_string(), Value::Object(d));
        }
    }
    if let Some(Value::Object(services)) = doc.get_mut("services") {
        for svc in services.values_mut() {
            if let Value::Object(s) = svc
                && !s.contains_key("networks")
                && !s.contains_key("network_mode")
            {
                let mut n = Map::new();
                n.insert("default".to_string(), Value::Null);
                s.insert("networks".to_string(), Value::Object(n));
            }
        }
    }
    let entries: Vec<(String, Value)> = doc.into_iter().collect();
    sorted_map(entries, flavor)
}

fn needs_default_network(svc: &Node) -> bool {
    if svc.get("network_mode").is_some() {
        return false;
    }
    match svc.get("networks").map(|n| &n.value) {
        None | Some(NodeValue::Null) => true,
        Some(NodeValue::Map(m)) => m.contains_key("default"),
        Some(NodeValue::Seq(items)) => items.iter().any(|i| i.as_str() == Some("default")),
        _ => false,
    }
}

/// A top-level resource table (`networks`, `volumes`, ...), with Compose's computed names.
fn resources(
    model: &Node,
    kind: &str,
    project: &str,
    add_default: bool,
    flavor: Flavor,
    interpolated: bool,
) -> Option<Value> {
    let mut entries: Vec<(String, Value)> = Vec::new();
    if let Some(map) = model.get(kind).and_then(Node::as_map) {
        for (name, r) in map {
            let mut obj = match generic(r, flavor) {
                Value::Object(o) => o,
                _ => Map::new(),
            };
            let external = matches!(
                r.get("external").map(|n| &n.value),
                Some(NodeValue::Bool(true))
            );
            if !obj.contains_key("name") && kind != "models" {
                let computed = if external {
                    name.clone()
                } else {
                    format!("{project}_{name}")
                };
                obj.insert("name".to_string(), Value::String(computed));
            }
            if kind == "networks" && interpolated && flavor == Flavor::Json && !external {
                obj.entry("ipam".to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
            }
            let sorted = sorted_map(obj.into_iter().collect(), flavor);
            entries.push((name.clone(), sorted));
        }
    }
    if add_default && !entries.iter().any(|(n, _)| n == "default") {
        let mut d = Map::new();
        d.insert(
            "name".to_string(),
            Value::String(format!("{project}_default")),
        );
        if flavor == Flavor::Json && interpolated {
            d.insert("ipam".to_string(), Value::Object(Map::new()));
        }
        entries.push(("default".to_string(), Value::Object(d)));
    }
    (!entries.is_empty()).then(|| sorted_map(entries, flavor))
}

fn top_extensions(model: &Node, flavor: Flavor) -> Vec<(String, Value)> {
    convert::extensions(model, flavor)
}

/// A `command` / `entrypoint`: a list as is, a string split like a shell would; null when
/// absent (Compose's JSON always has both fields).
fn shell_command(node: Option<&Node>, path: &str) -> Result<Value, CanonicalError> {
    match node.map(|n| &n.value) {
        None | Some(NodeValue::Null) => Ok(Value::Null),
        Some(NodeValue::Str(s)) => shellwords::split(s)
            .map(|words| Value::Array(words.into_iter().map(Value::String).collect()))
            .map_err(|e| CanonicalError::new(format!("{path}: {e}"))),
        Some(NodeValue::Seq(_)) => Ok(string_list(node).unwrap_or(Value::Array(Vec::new()))),
        Some(_) => Ok(node
            .map(|n| generic(n, Flavor::Json))
            .unwrap_or(Value::Null)),
    }
}

/// One service in compose-go's `ServiceConfig` field order.
fn service(name: &str, svc: &Node, ctx: &mut Ctx) -> Result<Value, CanonicalError> {
    let path = format!("services.{name}");
    let p = |field: &str| format!("{path}.{field}");
    let g = |k: &str| svc.get(k);
    let flavor = ctx.flavor;
    let mut o = Obj::new();
    o.put("profiles", string_list(g("profiles")));
    o.put(
        "annotations",
        mapping(g("annotations"), Valueless::Empty, false, flavor),
    );
    o.put("attach", boolean_kept(g("attach")));
    if let Some(b) = g("build") {
        o.put("build", nested::build(b, ctx, &p("build"))?);
    }
    o.put("develop", nested::loosely(g("develop"), ctx));
    o.put(
        "blkio_config",
        nested::blkio(g("blkio_config"), ctx, &p("blkio_config"))?,
    );
    o.put("cap_add", string_list(g("cap_add")));
    o.put("cap_drop", string_list(g("cap_drop")));
    o.put("cgroup_parent", string(g("cgroup_parent")));
    o.put("cgroup", string(g("cgroup")));
    o.put("cpu_count", int(g("cpu_count")));
    o.put("cpu_percent", float32(g("cpu_percent")));
    o.put("cpu_period", int(g("cpu_period")));
    o.put("cpu_quota", int(g("cpu_quota")));
    o.put("cpu_rt_period", int(g("cpu_rt_period")));
    o.put("cpu_rt_runtime", int(g("cpu_rt_runtime")));
    o.put("cpus", float32(g("cpus")));
    o.put("cpuset", string(g("cpuset")));
    o.put("cpu_shares", int(g("cpu_shares")));
    let command = shell_command(g("command"), &p("command"))?;
    if flavor == Flavor::Json || !command.is_null() {
        o.put_value("command", command);
    }
    o.put(
        "configs",
        nested::file_refs(g("configs"), nested::RefKind::ServiceConfig, ctx),
    );
    o.put("container_name", string(g("container_name")));
    o.put(
        "credential_spec",
        nested::credential_spec(g("credential_spec"), ctx),
    );
    o.put("depends_on", nested::depends_on(g("depends_on"), ctx));
    o.put("deploy", nested::deploy(g("deploy"), ctx, &p("deploy"))?);
    o.put("device_cgroup_rules", string_list(g("device_cgroup_rules")));
    o.put(
        "devices",
        nested::devices(g("devices"), ctx, &p("devices"))?,
    );
    o.put("dns", string_list(g("dns")));
    o.put("dns_opt", string_list(g("dns_opt")));
    o.put("dns_search", string_list(g("dns_search")));
    o.put("dockerfile", string(g("dockerfile")));
    o.put("domainname", string(g("domainname")));
    let entrypoint = shell_command(g("entrypoint"), &p("entrypoint"))?;
    if flavor == Flavor::Json || !entrypoint.is_null() {
        o.put_value("entrypoint", entrypoint);
    }
    o.put("provider", nested::loosely(g("provider"), ctx));
    o.put(
        "environment",
        mapping(g("environment"), Valueless::Null, false, flavor),
    );
    o.put("expose", nested::expose(g("expose")));
    o.put("external_links", string_list(g("external_links")));
    o.put(
        "extra_hosts",
        nested::extra_hosts(g("extra_hosts"), &p("extra_hosts"))?,
    );
    o.put("group_add", string_list(g("group_add")));
    o.put("gpus", nested::loosely(g("gpus"), ctx));
    o.put("hostname", string(g("hostname")));
    o.put(
        "healthcheck",
        nested::healthcheck(g("healthcheck"), ctx, &p("healthcheck"))?,
    );
    o.put("image", string(g("image")));
    o.put("init", boolean_kept(g("init")));
    o.put("ipc", string(g("ipc")));
    o.put("isolation", string(g("isolation")));
    o.put(
        "labels",
        mapping(g("labels"), Valueless::Empty, true, flavor),
    );
    o.put("label_file", string_list(g("label_file")));
    o.put("links", string_list(g("links")));
    o.put("logging", nested::logging(g("logging"), ctx));
    o.put("log_driver", string(g("log_driver")));
    o.put("log_opt", nested::plain_map(g("log_opt"), ctx));
    o.put("mem_limit", bytes(g("mem_limit"), &p("mem_limit"))?);
    o.put(
        "mem_reservation",
        bytes(g("mem_reservation"), &p("mem_reservation"))?,
    );
    o.put(
        "memswap_limit",
        bytes(g("memswap_limit"), &p("memswap_limit"))?,
    );
    o.put(
        "mem_swappiness",
        bytes(g("mem_swappiness"), &p("mem_swappiness"))?,
    );
    o.put("mac_address", string(g("mac_address")));
    o.put("models", nested::loosely(g("models"), ctx));
    o.put("net", string(g("net")));
    o.put("network_mode", string(g("network_mode")));
    let mut networks = nested::service_networks(g("networks"), ctx);
    if networks.is_empty() && g("network_mode").is_none() {
        networks.push(("default".to_string(), Value::Null));
    }
    if !networks.is_empty() {
        o.put_value("networks", nested::sorted(networks, ctx));
    }
    o.put("oom_kill_disable", boolean(g("oom_kill_disable")));
    o.put("oom_score_adj", int(g("oom_score_adj")));
    o.put("pid", string(g("pid")));
    o.put("pids_limit", int(g("pids_limit")));
    o.put("platform", string(g("platform")));
    if let Some(ports_node) = g("ports") {
        let list = ports::ports(ports_node, &p("ports"))?;
        if !list.is_empty() {
            o.put_value(
                "ports",
                Value::Array(list.iter().map(ports::PortConfig::to_value).collect()),
            );
        }
    }
    o.put("privileged", boolean(g("privileged")));
    o.put("pull_policy", string(g("pull_policy")));
    o.put("read_only", boolean(g("read_only")));
    o.put("restart", string(g("restart")));
    o.put("runtime", string(g("runtime")));
    o.put("scale", int(g("scale")));
    o.put(
        "secrets",
        nested::file_refs(g("secrets"), nested::RefKind::ServiceSecret, ctx),
    );
    o.put("security_opt", string_list(g("security_opt")));
    o.put("shm_size", bytes(g("shm_size"), &p("shm_size"))?);
    o.put("stdin_open", boolean(g("stdin_open")));
    o.put(
        "stop_grace_period",
        duration(g("stop_grace_period"), false, &p("stop_grace_period"))?,
    );
    o.put("stop_signal", string(g("stop_signal")));
    o.put("storage_opt", nested::plain_map(g("storage_opt"), ctx));
    o.put(
        "sysctls",
        mapping(g("sysctls"), Valueless::Empty, false, flavor),
    );
    o.put("tmpfs", string_list(g("tmpfs")));
    o.put("tty", boolean(g("tty")));
    o.put("ulimits", nested::ulimits(g("ulimits"), ctx));
    o.put("use_api_socket", boolean(g("use_api_socket")));
    o.put("user", string(g("user")));
    o.put("userns_mode", string(g("userns_mode")));
    o.put("uts", string(g("uts")));
    o.put("volume_driver", string(g("volume_driver")));
    if let Some(v) = g("volumes") {
        o.put("volumes", volumes::volumes(v, ctx, &p("volumes"))?);
    }
    o.put("volumes_from", string_list(g("volumes_from")));
    o.put("working_dir", string(g("working_dir")));
    o.put("post_start", nested::loosely(g("post_start"), ctx));
    o.put("pre_stop", nested::loosely(g("pre_stop"), ctx));
    convert::put_extensions(&mut o, svc, ctx);
    let value = o.into_value();
    Ok(value)
}
