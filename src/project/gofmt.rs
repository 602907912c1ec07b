//! Go's `fmt` `%v` / `%s` / `%d` rendering of YAML-decoded values, which Compose uses when
//! it turns mappings into `KEY=value` strings (merges, environment values) and builds
//! de-duplication keys.

use super::value::{Node, Value};

/// `fmt.Sprintf("%v", v)`.
pub fn v(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float(*f),
        Value::Str(s) => s.clone(),
        Value::Seq(items) => {
            let parts: Vec<String> = items.iter().map(|n| v(&n.value)).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Map(m) => map_v(m.iter().map(|(k, n)| (k.as_str(), n))),
    }
}

/// Go prints maps with their keys sorted: `map[a:1 b:x]`.
pub fn map_v<'a>(entries: impl Iterator<Item = (&'a str, &'a Node)>) -> String {
    let mut pairs: Vec<(&str, String)> = entries.map(|(k, n)| (k, v(&n.value))).collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    let parts: Vec<String> = pairs.into_iter().map(|(k, s)| format!("{k}:{s}")).collect();
    format!("map[{}]", parts.join(" "))
}

/// `%s`: strings verbatim, anything else in Go's "bad verb" form.
pub fn s(value: &Value) -> String {
    match value {
        Value::Str(s) => s.clone(),
        Value::Null => "%!s(<nil>)".to_string(),
        other => format!("%!s({}={})", go_type(other), v(other)),
    }
}

/// `%d`: integers, anything else in Go's "bad verb" form.
pub fn d(value: &Value) -> String {
    match value {
        Value::Int(i) => i.to_string(),
        Value::Null => "%!d(<nil>)".to_string(),
        other => format!("%!d({}={})", go_type(other), v(other)),
    }
}

/// The Go type name `%T` prints for a YAML-decoded value.
pub fn go_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float64",
        Value::Str(_) => "string",
        Value::Seq(_) => "[]interface {}",
        Value::Map(_) => "map[string]interface {}",
    }
}

/// `strconv.FormatFloat(f, 'g', -1, 64)` (what `%v` prints): shortest digits, exponent
/// form when the decimal exponent is below -4 or at least 6.
pub fn float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `d.ddde±x`.
    let e = format!("{:e}", f.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((e.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    // Go's shortest `%g` switches to the exponent form below 1e-4 and from 1e6 on.
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{esign}{:02}", exp.abs());
    }
    // Fixed notation with exactly the shortest digits.
    let point = exp + 1; // digits before the decimal point
    let body = if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_like_go_percent_v() {
        // Checked with the oracle (environment values through a merge).
        assert_eq!(float(1e6), "1e+06");
        assert_eq!(float(123456789.0), "1.23456789e+08");
        assert_eq!(float(1.5), "1.5");
        assert_eq!(float(0.00001), "1e-05");
        assert_eq!(float(1e21), "1e+21");
        assert_eq!(float(100000.0), "100000");
        assert_eq!(float(0.0001), "0.0001");
        assert_eq!(float(-2.5), "-2.5");
        assert_eq!(float(f64::INFINITY), "+Inf");
    }

    #[test]
    fn bad_verbs() {
        assert_eq!(s(&Value::Int(9090)), "%!s(int=9090)");
        assert_eq!(d(&Value::Str("80".into())), "%!d(string=80)");
        assert_eq!(s(&Value::Null), "%!s(<nil>)");
    }

    #[test]
    fn maps_sort_keys() {
        let mut m = indexmap::IndexMap::new();
        m.insert("b".to_string(), Node::new(Value::Int(2)));
        m.insert("a".to_string(), Node::new(Value::Str("x y".into())));
        assert_eq!(v(&Value::Map(m)), "map[a:x y b:2]");
    }
}
