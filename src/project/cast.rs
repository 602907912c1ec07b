//! Typed fields (SEMANTICS §2 I7): after interpolation, the string values at these paths
//! are converted the way compose-go's `interpolateTypeCastMapping` does, with Go's parse
//! errors and the YAML 1.1 boolean warning.

use super::env::go_quote;
use super::tree_path::TreePath;
use super::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CastKind {
    /// `strconv.Atoi`
    Int,
    /// `strconv.ParseInt(s, 10, 64)`
    Int64,
    /// `strconv.ParseFloat(s, 64)`
    Float,
    /// `strconv.ParseFloat(s, 32)`
    Float32,
    /// compose-go's `toBoolean`
    Bool,
}

const SERVICE_CASTS: &[(&str, CastKind)] = &[
    ("configs.[].mode", CastKind::Int),
    ("cpu_count", CastKind::Int64),
    ("cpu_percent", CastKind::Float),
    ("cpu_period", CastKind::Int64),
    ("cpu_quota", CastKind::Int64),
    ("cpu_rt_period", CastKind::Int64),
    ("cpu_rt_runtime", CastKind::Int64),
    ("cpus", CastKind::Float32),
    ("cpu_shares", CastKind::Int64),
    ("init", CastKind::Bool),
    ("deploy.replicas", CastKind::Int),
    ("deploy.update_config.parallelism", CastKind::Int),
    ("deploy.update_config.max_failure_ratio", CastKind::Float),
    ("deploy.rollback_config.parallelism", CastKind::Int),
    ("deploy.rollback_config.max_failure_ratio", CastKind::Float),
    ("deploy.restart_policy.max_attempts", CastKind::Int),
    ("deploy.placement.max_replicas_per_node", CastKind::Int),
    ("healthcheck.retries", CastKind::Int),
    ("healthcheck.disable", CastKind::Bool),
    ("oom_kill_disable", CastKind::Bool),
    ("oom_score_adj", CastKind::Int64),
    ("pids_limit", CastKind::Int64),
    ("ports.[].target", CastKind::Int),
    ("privileged", CastKind::Bool),
    ("read_only", CastKind::Bool),
    ("scale", CastKind::Int),
    ("secrets.[].mode", CastKind::Int),
    ("stdin_open", CastKind::Bool),
    ("tty", CastKind::Bool),
    ("ulimits.*", CastKind::Int),
    ("ulimits.*.hard", CastKind::Int),
    ("ulimits.*.soft", CastKind::Int),
    ("volumes.[].read_only", CastKind::Bool),
    ("volumes.[].volume.nocopy", CastKind::Bool),
];

const RESOURCE_CASTS: &[(&str, CastKind)] = &[
    ("networks.*.external", CastKind::Bool),
    ("networks.*.internal", CastKind::Bool),
    ("networks.*.attachable", CastKind::Bool),
    ("networks.*.enable_ipv4", CastKind::Bool),
    ("networks.*.enable_ipv6", CastKind::Bool),
    ("volumes.*.external", CastKind::Bool),
    ("secrets.*.external", CastKind::Bool),
    ("configs.*.external", CastKind::Bool),
];

/// The cast Compose applies to a string at this path, if any.
pub fn cast_for(path: &TreePath) -> Option<CastKind> {
    let s = path.as_str();
    if let Some(rest) = s.strip_prefix("services.") {
        // `services.<name>.<field...>`: match the field part against the table, keeping
        // Compose's dot-splitting (a dotted service name shifts every part).
        let mut parts = rest.splitn(2, '.');
        let _service = parts.next();
        let field = parts.next()?;
        let field_path = TreePath::new(field);
        return SERVICE_CASTS
            .iter()
            .find(|(p, _)| field_path.matches(p))
            .map(|(_, k)| *k);
    }
    RESOURCE_CASTS
        .iter()
        .find(|(p, _)| path.matches(p))
        .map(|(_, k)| *k)
}

/// The outcome of a successful cast: the typed value and, for `yes`/`no`-style booleans,
/// Compose's warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Cast {
    pub value: Value,
    pub warning: Option<String>,
}

/// Convert `s`; the error is Go's text (Compose prefixes it with
/// `failed to cast to expected type: `).
pub fn apply(kind: CastKind, s: &str) -> Result<Cast, String> {
    let plain = |value| {
        Ok(Cast {
            value,
            warning: None,
        })
    };
    match kind {
        CastKind::Int => parse_go_int(s, "Atoi").and_then(|i| plain(Value::Int(i))),
        CastKind::Int64 => parse_go_int(s, "ParseInt").and_then(|i| plain(Value::Int(i))),
        CastKind::Float => parse_go_float(s, false).and_then(|f| plain(Value::Float(f))),
        CastKind::Float32 => parse_go_float(s, true).and_then(|f| plain(Value::Float(f))),
        CastKind::Bool => to_boolean(s),
    }
}

fn to_boolean(s: &str) -> Result<Cast, String> {
    let lower = s.to_lowercase();
    let yaml11 = |value: bool| {
        let suggestion = if value { "true" } else { "false" };
        Ok(Cast {
            value: Value::Bool(value),
            warning: Some(format!(
                "{} for boolean is not supported by YAML 1.2, please use `{suggestion}`",
                go_quote(s)
            )),
        })
    };
    match lower.as_str() {
        "true" => Ok(Cast {
            value: Value::Bool(true),
            warning: None,
        }),
        "false" => Ok(Cast {
            value: Value::Bool(false),
            warning: None,
        }),
        "y" | "yes" | "on" => yaml11(true),
        "n" | "no" | "off" => yaml11(false),
        _ => Err(format!("invalid boolean: {s}")),
    }
}

/// `strconv.Atoi` / `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits only.
fn parse_go_int(s: &str, func: &str) -> Result<i64, String> {
    let syntax = || format!("strconv.{func}: parsing {}: invalid syntax", go_quote(s));
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(syntax());
    }
    s.parse::<i64>().map_err(|_| {
        format!(
            "strconv.{func}: parsing {}: value out of range",
            go_quote(s)
        )
    })
}

/// `strconv.ParseFloat`: decimal forms, `inf`/`infinity`/`nan` in any case. (Go's hex
/// floats and underscores after a base prefix are not accepted here; they do not occur in
/// compose files.)
fn parse_go_float(s: &str, single: bool) -> Result<f64, String> {
    let syntax = || {
        format!(
            "strconv.ParseFloat: parsing {}: invalid syntax",
            go_quote(s)
        )
    };
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = body.to_ascii_lowercase();
    let special = matches!(lower.as_str(), "inf" | "infinity" | "nan");
    let well_formed = special
        || (!body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
            && body.bytes().any(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(syntax());
    }
    let f: f64 = s.parse().map_err(|_| syntax())?;
    let limit = if single {
        f64::from(f32::MAX)
    } else {
        f64::MAX
    };
    if !special && f.is_finite() && f.abs() > limit || !special && f.is_infinite() {
        return Err(format!(
            "strconv.ParseFloat: parsing {}: value out of range",
            go_quote(s)
        ));
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> TreePath {
        TreePath::new(s)
    }

    #[test]
    fn paths_map_to_casts() {
        assert_eq!(
            cast_for(&path("services.s.deploy.replicas")),
            Some(CastKind::Int)
        );
        assert_eq!(
            cast_for(&path("services.s.ports.[].target")),
            Some(CastKind::Int)
        );
        assert_eq!(cast_for(&path("services.s.ports.[].published")), None);
        assert_eq!(
            cast_for(&path("services.s.ulimits.nofile.soft")),
            Some(CastKind::Int)
        );
        assert_eq!(
            cast_for(&path("services.s.read_only")),
            Some(CastKind::Bool)
        );
        assert_eq!(cast_for(&path("networks.n.external")), Some(CastKind::Bool));
        assert_eq!(cast_for(&path("services.s.image")), None);
        // Compose splits on dots: a dotted service name escapes every cast.
        assert_eq!(cast_for(&path("services.a.b.read_only")), None);
    }

    #[test]
    fn ints_like_go() {
        assert_eq!(apply(CastKind::Int, "+42").unwrap().value, Value::Int(42));
        assert_eq!(
            apply(CastKind::Int, "").unwrap_err(),
            "strconv.Atoi: parsing \"\": invalid syntax"
        );
        assert_eq!(
            apply(CastKind::Int, "two").unwrap_err(),
            "strconv.Atoi: parsing \"two\": invalid syntax"
        );
        assert_eq!(
            apply(CastKind::Int64, "1_000").unwrap_err(),
            "strconv.ParseInt: parsing \"1_000\": invalid syntax"
        );
        assert_eq!(
            apply(CastKind::Int, "99999999999999999999").unwrap_err(),
            "strconv.Atoi: parsing \"99999999999999999999\": value out of range"
        );
    }

    #[test]
    fn floats_like_go() {
        assert_eq!(
            apply(CastKind::Float, "0.5").unwrap().value,
            Value::Float(0.5)
        );
        assert_eq!(
            apply(CastKind::Float32, "1e3").unwrap().value,
            Value::Float(1000.0)
        );
        assert!(
            matches!(apply(CastKind::Float, "Inf").unwrap().value, Value::Float(f) if f.is_infinite())
        );
        assert_eq!(
            apply(CastKind::Float, "half").unwrap_err(),
            "strconv.ParseFloat: parsing \"half\": invalid syntax"
        );
        assert_eq!(
            apply(CastKind::Float32, "1e39").unwrap_err(),
            "strconv.ParseFloat: parsing \"1e39\": value out of range"
        );
    }

    #[test]
    fn booleans_warn_for_yaml11_words() {
        let c = apply(CastKind::Bool, "TRUE").unwrap();
        assert_eq!((c.value, c.warning), (Value::Bool(true), None));
        let c = apply(CastKind::Bool, "Yes").unwrap();
        assert_eq!(c.value, Value::Bool(true));
        assert_eq!(
            c.warning.as_deref(),
            Some("\"Yes\" for boolean is not supported by YAML 1.2, please use `true`")
        );
        let c = apply(CastKind::Bool, "off").unwrap();
        assert_eq!(c.value, Value::Bool(false));
        assert_eq!(
            apply(CastKind::Bool, "maybe").unwrap_err(),
            "invalid boolean: maybe"
        );
    }
}
