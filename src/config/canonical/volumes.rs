//! Service `volumes`: the short syntax (`src:dst[:opts]`) parsed as compose-go's
//! `ParseVolume` does, the long syntax normalised, relative bind sources made absolute
//! against the project directory and `~` expanded with `HOME`.

use super::CanonicalError;
use super::convert::{Ctx, Obj, bool_of, int_of, scalar_string, string};
use crate::project::value::{Node, Value as NodeValue};
use serde_json::Value;

/// A volume mount in long form, before rendering.
#[derive(Clone, Debug, Default, PartialEq)]
struct Mount {
    kind: String,
    source: String,
    target: String,
    read_only: bool,
    consistency: String,
    /// `bind:` options: (selinux, propagation, create_host_path, recursive); None = absent.
    bind: Option<BindOptions>,
    volume: Option<Value>,
    tmpfs: Option<Value>,
    image: Option<Value>,
    extensions: Vec<(String, Value)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct BindOptions {
    selinux: String,
    propagation: String,
    create_host_path: bool,
    recursive: String,
}

pub fn volumes(node: &Node, ctx: &mut Ctx, path: &str) -> Result<Option<Value>, CanonicalError> {
    let Some(items) = node.as_seq() else {
        return Ok(None);
    };
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        let mut mount = match &item.value {
            NodeValue::Map(_) => long_form(item, ctx),
            _ => {
                let spec = scalar_string(item).unwrap_or_default();
                parse_short(&spec).map_err(|e| {
                    CanonicalError::new(format!("{path}: invalid spec: {spec}: {e}"))
                })?
            }
        };
        if mount.kind == "bind" {
            mount.source = resolve_bind_source(&mount.source, ctx);
        }
        let value = render(&mount, ctx);
        if !out.contains(&value) {
            out.push(value);
        }
    }
    Ok((!out.is_empty()).then_some(Value::Array(out)))
}

/// Relative bind sources are relative to the project directory; `~` is the user's home.
fn resolve_bind_source(source: &str, ctx: &mut Ctx) -> String {
    if source.is_empty() {
        return String::new();
    }
    let expanded = if source == "~" || source.starts_with("~/") {
        match ctx.home {
            Some(home) => format!("{home}{}", source.get(1..).unwrap_or("")),
            None => {
                let warning = "cannot expand '~', because the environment lacks HOME".to_string();
                if !ctx.warnings.contains(&warning) {
                    ctx.warnings.push(warning);
                }
                source.to_string()
            }
        }
    } else {
        source.to_string()
    };
    ctx.absolute(&expanded)
}

fn render(m: &Mount, ctx: &Ctx) -> Value {
    let mut o = Obj::new();
    let s = |v: &str| (!v.is_empty()).then(|| Value::String(v.to_string()));
    o.put("type", s(&m.kind));
    o.put("source", s(&m.source));
    o.put("target", s(&m.target));
    o.put("read_only", m.read_only.then_some(Value::Bool(true)));
    o.put("consistency", s(&m.consistency));
    if let Some(b) = &m.bind {
        let mut bo = Obj::new();
        bo.put("selinux", s(&b.selinux));
        bo.put("propagation", s(&b.propagation));
        bo.put(
            "create_host_path",
            b.create_host_path.then_some(Value::Bool(true)),
        );
        bo.put("recursive", s(&b.recursive));
        o.put("bind", Some(bo.into_value()));
    }
    o.put("volume", m.volume.clone());
    o.put("tmpfs", m.tmpfs.clone());
    o.put("image", m.image.clone());
    if !ctx.json() {
        for (k, v) in &m.extensions {
            o.put_value(k, v.clone());
        }
    }
    o.into_value()
}

fn long_form(item: &Node, ctx: &Ctx) -> Mount {
    let text = |k: &str| item.get(k).and_then(scalar_string).unwrap_or_default();
    let bind = item.get("bind").map(|b| BindOptions {
        selinux: b.get("selinux").and_then(scalar_string).unwrap_or_default(),
        propagation: b
            .get("propagation")
            .and_then(scalar_string)
            .unwrap_or_default(),
        // compose-go defaults create_host_path to true when `bind:` is written without it.
        create_host_path: b.get("create_host_path").and_then(bool_of).unwrap_or(true),
        recursive: b
            .get("recursive")
            .and_then(scalar_string)
            .unwrap_or_default(),
    });
    let volume = item.get("volume").map(|v| {
        let mut o = Obj::new();
        o.put(
            "labels",
            super::convert::mapping(
                v.get("labels"),
                super::convert::Valueless::Empty,
                false,
                ctx.flavor,
            ),
        );
        o.put(
            "nocopy",
            v.get("nocopy")
                .and_then(bool_of)
                .and_then(|b| b.then_some(Value::Bool(true))),
        );
        o.put("subpath", string(v.get("subpath")));
        o.into_value()
    });
    let tmpfs = item.get("tmpfs").map(|t| {
        let mut o = Obj::new();
        let size = t.get("size").and_then(|s| match &s.value {
            NodeValue::Str(text) => crate::config::gofmt::parse_ram_bytes(text),
            _ => int_of(s),
        });
        o.put(
            "size",
            size.filter(|&n| n != 0)
                .map(|n| Value::String(n.to_string())),
        );
        o.put(
            "mode",
            t.get("mode")
                .and_then(int_of)
                .filter(|&m| m != 0)
                .map(|m| Value::Number(m.into())),
        );
        o.into_value()
    });
    let image = item.get("image").map(|i| {
        let mut o = Obj::new();
        o.put("subpath", string(i.get("subpath")));
        o.into_value()
    });
    let mut kind = text("type");
    if kind.is_empty() {
        kind = "volume".to_string();
    }
    Mount {
        kind,
        source: text("source"),
        target: text("target"),
        read_only: item.get("read_only").and_then(bool_of).unwrap_or(false),
        consistency: text("consistency"),
        bind,
        volume,
        tmpfs,
        image,
        extensions: super::convert::extensions(item, ctx.flavor),
    }
}

/// compose-go `ParseVolume`.
fn parse_short(spec: &str) -> Result<Mount, String> {
    let mut mount = Mount::default();
    let chars: Vec<char> = spec.chars().collect();
    match chars.len() {
        0 => return Err("invalid empty volume spec".to_string()),
        1 | 2 => {
            mount.target = spec.to_string();
            mount.kind = "volume".to_string();
            mount.volume = Some(Value::Object(serde_json::Map::new()));
            return Ok(mount);
        }
        _ => {}
    }
    let mut buffer = String::new();
    let mut fields: Vec<String> = Vec::new();
    let mut options: Option<String> = None;
    let total = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let at_end = i + 1 == total;
        // A Windows drive letter (`C:`) is part of the path, not a separator.
        let windows_drive =
            c == ':' && buffer.len() == 1 && buffer.chars().all(|b| b.is_ascii_alphabetic());
        if c == ':' && !windows_drive {
            if buffer.is_empty() {
                return Err("empty section between colons".to_string());
            }
            if fields.len() == 2 {
                return Err("too many colons".to_string());
            }
            fields.push(std::mem::take(&mut buffer));
        } else {
            buffer.push(c);
        }
        if at_end {
            if buffer.is_empty() {
                return Err("empty section between colons".to_string());
            }
            if fields.len() == 2 {
                options = Some(std::mem::take(&mut buffer));
            } else {
                fields.push(std::mem::take(&mut buffer));
            }
        }
    }
    match fields.as_slice() {
        [target] => mount.target = target.clone(),
        [source, target] => {
            mount.source = source.clone();
            mount.target = target.clone();
        }
        _ => return Err("invalid volume spec".to_string()),
    }
    if let Some(opts) = options {
        for option in opts.split(',') {
            match option {
                "ro" => mount.read_only = true,
                "rw" => mount.read_only = false,
                "nocopy" => {
                    let mut v = serde_json::Map::new();
                    v.insert("nocopy".to_string(), Value::Bool(true));
                    mount.volume = Some(Value::Object(v));
                }
                "z" | "Z" => {
                    mount.bind.get_or_insert_with(Default::default).selinux = option.into()
                }
                "rprivate" | "private" | "rshared" | "shared" | "rslave" | "slave" => {
                    mount.bind.get_or_insert_with(Default::default).propagation = option.into();
                }
                _ => {}
            }
        }
    }
    if is_file_path(&mount.source) {
        mount.kind = "bind".to_string();
        mount
            .bind
            .get_or_insert_with(Default::default)
            .create_host_path = true;
    } else {
        mount.kind = "volume".to_string();
        if mount.volume.is_none() {
            mount.volume = Some(Value::Object(serde_json::Map::new()));
        }
        // Bind options on a named volume are dropped with the bind block.
        mount.bind = None;
    }
    Ok(mount)
}

fn is_file_path(source: &str) -> bool {
    let mut chars = source.chars();
    match chars.next() {
        None => false,
        Some('.' | '/' | '~') => true,
        Some(c) => {
            source.starts_with("\\\\") || c.is_ascii_alphabetic() && chars.next() == Some(':')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::canonical::Flavor;
    use serde_json::json;
    use std::path::Path;

    fn ctx(home: Option<&'static str>) -> Ctx<'static> {
        Ctx {
            flavor: Flavor::Json,
            project_name: "p",
            working_dir: Path::new("/proj"),
            home,
            warnings: Vec::new(),
        }
    }

    fn short(spec: &str, home: Option<&'static str>) -> (Value, Vec<String>) {
        let node = Node::new(NodeValue::Seq(vec![Node::new(NodeValue::Str(spec.into()))]));
        let mut c = ctx(home);
        let v = volumes(&node, &mut c, "services.s.volumes")
            .ok()
            .flatten()
            .and_then(|v| v.as_array().and_then(|a| a.first().cloned()))
            .unwrap_or(Value::Null);
        (v, c.warnings)
    }

    #[test]
    fn short_syntax_matches_the_oracle() {
        assert_eq!(
            short("./data:/data:ro", None).0,
            json!({"type": "bind", "source": "/proj/data", "target": "/data", "read_only": true, "bind": {"create_host_path": true}})
        );
        assert_eq!(
            short("named:/n", None).0,
            json!({"type": "volume", "source": "named", "target": "/n", "volume": {}})
        );
        assert_eq!(
            short("/abs:/abs:z", None).0,
            json!({"type": "bind", "source": "/abs", "target": "/abs", "bind": {"selinux": "z", "create_host_path": true}})
        );
        assert_eq!(
            short("/anon", None).0,
            json!({"type": "volume", "target": "/anon", "volume": {}})
        );
        assert_eq!(
            short("vol2:/v2:nocopy,ro", None).0,
            json!({"type": "volume", "source": "vol2", "target": "/v2", "read_only": true, "volume": {"nocopy": true}})
        );
        assert_eq!(
            short("./x:/x:rshared,Z", None).0,
            json!({"type": "bind", "source": "/proj/x", "target": "/x", "bind": {"selinux": "Z", "propagation": "rshared", "create_host_path": true}})
        );
        assert_eq!(
            short("../up:/up", None).0,
            json!({"type": "bind", "source": "/up", "target": "/up", "bind": {"create_host_path": true}})
        );
    }

    #[test]
    fn tilde_needs_home() {
        let (v, warnings) = short("~/home:/h", None);
        assert_eq!(v["source"], json!("/proj/~/home"));
        assert_eq!(
            warnings,
            ["cannot expand '~', because the environment lacks HOME"]
        );
        let (v, warnings) = short("~/home:/h", Some("/root"));
        assert_eq!(v["source"], json!("/root/home"));
        assert!(warnings.is_empty());
    }

    #[test]
    fn bad_short_specs() {
        assert!(parse_short("").is_err());
        assert!(parse_short("ab::b").is_err());
        assert!(parse_short("a::b").is_ok(), "`a:` reads as a Windows drive");
    }
}
