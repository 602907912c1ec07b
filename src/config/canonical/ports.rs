//! `ports`: the short syntax (`[ip:][host:]container[/proto]`, ranges, IPv6 in brackets)
//! expanded to Compose's long form exactly as docker/go-connections' `ParsePortSpecs` does,
//! including its quirks: a range expands to one entry per port, ordered as *strings*
//! (`10`, `11`, `9`); a single container port with a host range keeps the range as
//! `published`. Duplicates within a service are dropped.

use super::CanonicalError;
use super::convert::{Obj, int_of, scalar_string};
use crate::project::value::{Node, Value as NodeValue};
use serde_json::Value;
use std::net::IpAddr;

/// One port mapping in long form, fields in Compose's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortConfig {
    pub name: String,
    pub mode: String,
    pub host_ip: String,
    pub target: u32,
    pub published: String,
    pub protocol: String,
    pub app_protocol: String,
}

impl PortConfig {
    pub fn to_value(&self) -> Value {
        let mut o = Obj::new();
        let s = |v: &str| (!v.is_empty()).then(|| Value::String(v.to_string()));
        o.put("name", s(&self.name));
        o.put("mode", s(&self.mode));
        o.put("host_ip", s(&self.host_ip));
        o.put(
            "target",
            (self.target != 0).then(|| Value::Number(self.target.into())),
        );
        o.put("published", s(&self.published));
        o.put("protocol", s(&self.protocol));
        o.put("app_protocol", s(&self.app_protocol));
        o.into_value()
    }
}

/// The whole `ports` list of a service in long form, de-duplicated.
pub fn ports(node: &Node, path: &str) -> Result<Vec<PortConfig>, CanonicalError> {
    let Some(items) = node.as_seq() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<PortConfig> = Vec::new();
    for item in items {
        let expanded = match &item.value {
            NodeValue::Map(_) => vec![long_form(item, path)?],
            _ => {
                let spec = scalar_string(item).unwrap_or_default();
                match parse_short(&spec) {
                    Ok(parsed) => parsed,
                    // An `--assume-set` value is unknown, not wrong: nothing to print.
                    Err(_) if crate::project::env::is_assumed_value(&spec) => Vec::new(),
                    Err(e) => return Err(CanonicalError::new(format!("{path}: {e}")).at(item.span)),
                }
            }
        };
        for p in expanded {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    Ok(out)
}

fn long_form(item: &Node, path: &str) -> Result<PortConfig, CanonicalError> {
    let text = |k: &str| item.get(k).and_then(scalar_string).unwrap_or_default();
    let target = match item.get("target") {
        None => 0,
        Some(t) => int_of(t)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| {
                CanonicalError::new(format!(
                    "{path}.target: invalid port {}",
                    scalar_string(t).unwrap_or_default()
                ))
            })?,
    };
    let mut protocol = text("protocol");
    if protocol.is_empty() {
        protocol = "tcp".to_string();
    }
    let mut mode = text("mode");
    if mode.is_empty() {
        mode = "ingress".to_string();
    }
    Ok(PortConfig {
        name: text("name"),
        mode,
        host_ip: text("host_ip"),
        target,
        published: text("published"),
        protocol,
        app_protocol: text("app_protocol"),
    })
}

/// Parse one short-syntax port spec into its long-form entries.
pub fn parse_short(raw: &str) -> Result<Vec<PortConfig>, String> {
    let (ip, host, container) = split_parts(raw);
    let (proto, container) = split_proto(container);
    let ip = if ip.starts_with('[') {
        ip.strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .ok_or_else(|| format!("invalid IP address {ip}"))?
    } else {
        ip
    };
    if !ip.is_empty() && ip.parse::<IpAddr>().is_err() {
        return Err(format!("invalid IP address: {ip}"));
    }
    if container.is_empty() {
        return Err(format!("no port specified: {raw}<empty>"));
    }
    let (start, end) =
        parse_range(container).ok_or_else(|| format!("invalid containerPort: {container}"))?;
    let (host_start, host_end) = if host.is_empty() {
        (0, 0)
    } else {
        parse_range(host).ok_or_else(|| format!("invalid hostPort: {host}"))?
    };
    if !host.is_empty() && end - start != host_end - host_start && end != start {
        return Err(format!(
            "invalid ranges specified for container and host Ports: {container} and {host}"
        ));
    }
    let proto = proto.to_ascii_lowercase();
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("invalid proto: {proto}"));
    }
    let mut entries: Vec<(String, PortConfig)> = Vec::new();
    for offset in 0..=(end - start) {
        let container_port = start + offset;
        let published = if host.is_empty() {
            String::new()
        } else if start == end && host_start != host_end {
            format!("{host_start}-{host_end}")
        } else {
            (host_start + offset).to_string()
        };
        let key = format!("{container_port}/{proto}");
        entries.push((
            key,
            PortConfig {
                name: String::new(),
                mode: "ingress".to_string(),
                host_ip: ip.to_string(),
                target: container_port,
                published,
                protocol: proto.clone(),
                app_protocol: String::new(),
            },
        ));
    }
    // go-connections collects ports in a map keyed "port/proto"; Compose sorts the keys as
    // strings before expanding.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries.into_iter().map(|(_, p)| p).collect())
}

/// `ip:host:container`, where the IP may itself contain colons (IPv6).
fn split_parts(raw: &str) -> (&str, &str, &str) {
    let parts: Vec<&str> = raw.split(':').collect();
    match parts.as_slice() {
        [] => ("", "", ""),
        [c] => ("", "", c),
        [h, c] => ("", h, c),
        [ip, h, c] => (ip, h, c),
        [.., h, c] => {
            let ip_len = raw.len() - h.len() - c.len() - 2;
            (raw.get(..ip_len).unwrap_or(""), h, c)
        }
    }
}

fn split_proto(raw: &str) -> (&str, &str) {
    let mut parts = raw.split('/');
    let port = parts.next().unwrap_or("");
    if raw.is_empty() || port.is_empty() {
        return ("", "");
    }
    match parts.next() {
        None | Some("") => ("tcp", port),
        Some(proto) => (proto, port),
    }
}

/// `80` or `8000-8002`.
fn parse_range(s: &str) -> Option<(u32, u32)> {
    let parse = |p: &str| -> Option<u32> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse::<u32>().ok().filter(|&v| v <= 65535)
    };
    match s.split_once('-') {
        None => {
            let v = parse(s)?;
            Some((v, v))
        }
        Some((a, b)) => {
            let (a, b) = (parse(a)?, parse(b)?);
            (b >= a).then_some((a, b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(p: &[PortConfig]) -> Vec<String> {
        p.iter()
            .map(|p| format!("{}|{}|{}|{}", p.host_ip, p.published, p.target, p.protocol))
            .collect()
    }

    #[test]
    fn short_forms_match_the_oracle() {
        let parse = |s: &str| brief(&parse_short(s).unwrap_or_default());
        assert_eq!(parse("8080:80"), ["|8080|80|tcp"]);
        assert_eq!(parse("3000"), ["||3000|tcp"]);
        assert_eq!(parse(":81"), ["||81|tcp"]);
        assert_eq!(parse("0.0.0.0::82"), ["0.0.0.0||82|tcp"]);
        assert_eq!(parse("83/udp"), ["||83|udp"]);
        assert_eq!(parse("127.0.0.1:84:84/sctp"), ["127.0.0.1|84|84|sctp"]);
        assert_eq!(parse("[::1]:53:53/udp"), ["::1|53|53|udp"]);
        assert_eq!(parse("8000-8002:80"), ["|8000-8002|80|tcp"]);
        assert_eq!(
            parse("127.0.0.1:9000-9002:9000-9002/udp"),
            [
                "127.0.0.1|9000|9000|udp",
                "127.0.0.1|9001|9001|udp",
                "127.0.0.1|9002|9002|udp"
            ]
        );
        // expanded ports are ordered as strings, like Compose does
        assert_eq!(parse("9-11:9-11"), ["|10|10|tcp", "|11|11|tcp", "|9|9|tcp"]);
    }

    #[test]
    fn bad_specs_are_errors() {
        assert!(parse_short("").is_err());
        assert!(parse_short("abc").is_err());
        assert!(parse_short("1.2.3:80:80").is_err());
        assert!(parse_short("80:80/xyz").is_err());
        assert!(parse_short("8000-8001:80-82").is_err());
        assert!(parse_short("70000").is_err());
        assert!(parse_short("9-1").is_err());
    }
}
