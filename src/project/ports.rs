//! The short `ports` syntax as Compose parses it (`types.ParsePortConfig`, built on
//! docker's `nat.ParsePortSpec`): `[ip:][host[-range]:]container[-range][/proto]`, ranges
//! expanded into one long-form entry per port, entries sorted by `port/proto` text.

use std::net::IpAddr;

/// One long-form port entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortConfig {
    pub host_ip: String,
    pub target: u32,
    /// Empty when no host port is given.
    pub published: String,
    pub protocol: String,
}

/// Parse a short-syntax port. Errors are docker's texts.
pub fn parse(spec: &str) -> Result<Vec<PortConfig>, String> {
    let (ip, host_port, container) = split_parts(spec);
    let (proto, container) = split_proto_port(&container);
    // The oracle checks the protocol first: `:` (both ports empty after interpolation)
    // fails with `invalid proto: `, not with a missing port.
    let proto_lower = proto.to_lowercase();
    if !matches!(proto_lower.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("invalid proto: {proto}"));
    }
    let mut ip = ip;
    if ip.starts_with('[') {
        // `[::1]` → `::1`
        match ip.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            Some(inner) => ip = inner.to_string(),
            None => return Err(format!("invalid IP address {ip}: missing ']' in address")),
        }
    }
    if !ip.is_empty() && ip.parse::<IpAddr>().is_err() {
        return Err(format!("invalid IP address: {ip}"));
    }
    if container.is_empty() {
        return Err(format!("no port specified: {spec}<empty>"));
    }
    let (start, end) =
        parse_range(&container).map_err(|_| format!("invalid containerPort: {container}"))?;
    let (host_start, host_end) = if host_port.is_empty() {
        (0, 0)
    } else {
        parse_range(&host_port).map_err(|_| format!("invalid hostPort: {host_port}"))?
    };
    if !host_port.is_empty() && end - start != host_end - host_start && end != start {
        return Err(format!(
            "invalid ranges specified for container and host Ports: {container} and {host_port}"
        ));
    }
    let mut entries: Vec<(String, PortConfig)> = Vec::new();
    for i in 0..=(end - start) {
        let target = start + i;
        let mut published = if host_port.is_empty() {
            String::new()
        } else {
            (host_start + i).to_string()
        };
        if start == end && host_start != host_end {
            published = format!("{published}-{host_end}");
        }
        entries.push((
            format!("{target}/{proto_lower}"),
            PortConfig {
                host_ip: ip.clone(),
                target,
                published,
                protocol: proto_lower.clone(),
            },
        ));
    }
    // Compose sorts the parsed ports by their `port/proto` text.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries.into_iter().map(|(_, p)| p).collect())
}

fn split_parts(spec: &str) -> (String, String, String) {
    let parts: Vec<&str> = spec.split(':').collect();
    let n = parts.len();
    let last = |i: usize| parts.get(i).copied().unwrap_or("").to_string();
    match n {
        0 | 1 => (String::new(), String::new(), last(0)),
        2 => (String::new(), last(0), last(1)),
        3 => (last(0), last(1), last(2)),
        _ => (
            parts.get(..n - 2).map(|p| p.join(":")).unwrap_or_default(),
            last(n - 2),
            last(n - 1),
        ),
    }
}

fn split_proto_port(raw: &str) -> (String, String) {
    let parts: Vec<&str> = raw.split('/').collect();
    let first = parts.first().copied().unwrap_or("");
    if raw.is_empty() || first.is_empty() {
        return (String::new(), String::new());
    }
    match parts.get(1) {
        None => ("tcp".to_string(), raw.to_string()),
        Some(&"") => ("tcp".to_string(), first.to_string()),
        Some(p) => (p.to_string(), first.to_string()),
    }
}

fn parse_range(s: &str) -> Result<(u32, u32), ()> {
    let port = |p: &str| -> Result<u32, ()> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        p.parse::<u16>().map(u32::from).map_err(|_| ())
    };
    match s.split_once('-') {
        None => {
            let p = port(s)?;
            Ok((p, p))
        }
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if b < a { Err(()) } else { Ok((a, b)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(ip: &str, target: u32, published: &str, protocol: &str) -> PortConfig {
        PortConfig {
            host_ip: ip.into(),
            target,
            published: published.into(),
            protocol: protocol.into(),
        }
    }

    #[test]
    fn short_forms() {
        assert_eq!(parse("80").unwrap(), vec![p("", 80, "", "tcp")]);
        assert_eq!(parse("8080:80").unwrap(), vec![p("", 80, "8080", "tcp")]);
        assert_eq!(
            parse("127.0.0.1:8080:80/UDP").unwrap(),
            vec![p("127.0.0.1", 80, "8080", "udp")]
        );
        assert_eq!(
            parse("[::1]:53:53/udp").unwrap(),
            vec![p("::1", 53, "53", "udp")]
        );
    }

    #[test]
    fn ranges_expand_and_sort_as_text() {
        assert_eq!(
            parse("9998-10000:9998-10000").unwrap(),
            vec![
                p("", 10000, "10000", "tcp"),
                p("", 9998, "9998", "tcp"),
                p("", 9999, "9999", "tcp"),
            ]
        );
        assert_eq!(
            parse("8000-8002:80").unwrap(),
            vec![p("", 80, "8000-8002", "tcp")]
        );
    }

    #[test]
    fn errors() {
        assert_eq!(parse("x").unwrap_err(), "invalid containerPort: x");
        assert_eq!(parse("a:80").unwrap_err(), "invalid hostPort: a");
        assert_eq!(
            parse("1.2.3:80:80").unwrap_err(),
            "invalid IP address: 1.2.3"
        );
        assert_eq!(parse("80/foo").unwrap_err(), "invalid proto: foo");
        assert_eq!(
            parse("80-81:90-92").unwrap_err(),
            "invalid ranges specified for container and host Ports: 90-92 and 80-81"
        );
    }
}
