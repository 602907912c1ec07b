//! Building blocks of the canonical document: reading model nodes the lenient way Compose's
//! decoder does (`1000` into a string field gives `"1000"`), Go's `omitempty` rules, and
//! maps ordered the way each output format orders them.

use super::{CanonicalError, Flavor};
use crate::config::{go_yaml, gofmt};
use crate::project::value::{Node, Value as NodeValue};
use serde_json::{Map, Number, Value};
use std::path::{Component, Path, PathBuf};

/// What the conversion of one project needs to know besides the node at hand.
pub struct Ctx<'a> {
    pub flavor: Flavor,
    pub project_name: &'a str,
    pub working_dir: &'a Path,
    /// `HOME` of the project environment, for `~` in bind mount sources.
    pub home: Option<&'a str>,
    pub warnings: Vec<String>,
}

impl Ctx<'_> {
    pub fn json(&self) -> bool {
        self.flavor == Flavor::Json
    }

    /// A relative path made absolute against the project directory, cleaned like Go's
    /// `filepath.Abs` (`.` and `..` resolved lexically).
    pub fn absolute(&self, path: &str) -> String {
        absolute_against(self.working_dir, path)
    }
}

pub fn absolute_against(base: &Path, path: &str) -> String {
    let joined: PathBuf = if Path::new(path).is_absolute() {
        PathBuf::from(path)
    } else {
        base.join(path)
    };
    clean_path(&joined)
}

/// Lexical clean (Go's `filepath.Clean`) of an absolute path.
pub fn clean_path(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in path.components() {
        match c {
            Component::RootDir | Component::Prefix(_) => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() && !absolute {
                    parts.push("..".to_string());
                }
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// An object under construction, with Go's `omitempty`: `None` leaves the field out.
#[derive(Default)]
pub struct Obj {
    map: Map<String, Value>,
}

impl Obj {
    pub fn new() -> Self {
        Obj::default()
    }

    pub fn put(&mut self, key: &str, value: Option<Value>) {
        if let Some(v) = value {
            self.map.insert(key.to_string(), v);
        }
    }

    pub fn put_value(&mut self, key: &str, value: Value) {
        self.map.insert(key.to_string(), value);
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.map)
    }
}

/// A Go value struct (not a pointer): `encoding/json` always prints it (`"ipam": {}`), while
/// go-yaml's `omitempty` drops it when all its fields are empty.
pub fn value_struct(obj: Obj, ctx: &Ctx) -> Option<Value> {
    if obj.is_empty() && !ctx.json() {
        None
    } else {
        Some(obj.into_value())
    }
}

/// A Go map printed as JSON (keys sorted bytewise) or YAML (go-yaml's natural order).
pub fn sorted_map(entries: Vec<(String, Value)>, flavor: Flavor) -> Value {
    let sorted = match flavor {
        Flavor::Json => {
            let mut e = entries;
            e.sort_by(|a, b| a.0.cmp(&b.0));
            e
        }
        Flavor::Yaml => go_yaml::sort_by_less(entries, &|a, b| go_yaml::key_less(&a.0, &b.0)),
    };
    let mut map = Map::new();
    for (k, v) in sorted {
        map.insert(k, v);
    }
    Value::Object(map)
}

pub fn non_empty_map(entries: Vec<(String, Value)>, flavor: Flavor) -> Option<Value> {
    if entries.is_empty() {
        None
    } else {
        Some(sorted_map(entries, flavor))
    }
}

/// A scalar read into a Go `string` field: numbers and booleans are stringified the way
/// Compose's lenient decoder does; null and collections give None.
pub fn scalar_string(node: &Node) -> Option<String> {
    match &node.value {
        NodeValue::Str(s) => Some(s.clone()),
        NodeValue::Int(i) => Some(i.to_string()),
        NodeValue::Float(f) => Some(go_float_string(*f)),
        NodeValue::Bool(b) => Some(b.to_string()),
        NodeValue::Null | NodeValue::Seq(_) | NodeValue::Map(_) => None,
    }
}

/// `strconv.FormatFloat(f, 'g', -1, 64)` as Compose uses when a YAML float becomes a string
/// (`1.50` → `1.5`, `1e3` → `1000`).
pub fn go_float_string(f: f64) -> String {
    gofmt::yaml_float(f)
        .replace(".inf", "+Inf")
        .replace(".nan", "NaN")
}

/// `string` with `omitempty`.
pub fn string(node: Option<&Node>) -> Option<Value> {
    let s = scalar_string(node?)?;
    (!s.is_empty()).then_some(Value::String(s))
}

/// `[]string` with `omitempty`; a single scalar counts as a one-item list (Compose's
/// `StringList`).
pub fn string_list(node: Option<&Node>) -> Option<Value> {
    let node = node?;
    let items: Vec<Value> = match &node.value {
        NodeValue::Seq(items) => items
            .iter()
            .map(|n| Value::String(scalar_string(n).unwrap_or_default()))
            .collect(),
        NodeValue::Null => return None,
        _ => vec![Value::String(scalar_string(node)?)],
    };
    (!items.is_empty()).then_some(Value::Array(items))
}

pub fn int_of(node: &Node) -> Option<i64> {
    match &node.value {
        NodeValue::Int(i) => Some(*i),
        NodeValue::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
        NodeValue::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn float_of(node: &Node) -> Option<f64> {
    match &node.value {
        NodeValue::Int(i) => Some(*i as f64),
        NodeValue::Float(f) => Some(*f),
        NodeValue::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Go's `strconv.ParseBool` plus the YAML 1.1 spellings Compose accepts with a warning.
pub fn bool_of(node: &Node) -> Option<bool> {
    match &node.value {
        NodeValue::Bool(b) => Some(*b),
        NodeValue::Str(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "t" | "y" | "yes" | "on" => Some(true),
            "false" | "0" | "f" | "n" | "no" | "off" => Some(false),
            _ => None,
        },
        NodeValue::Int(i) => Some(*i != 0),
        _ => None,
    }
}

/// An integer with `omitempty` (zero omitted).
pub fn int(node: Option<&Node>) -> Option<Value> {
    let i = int_of(node?)?;
    (i != 0).then(|| Value::Number(i.into()))
}

/// An integer behind a pointer: printed whenever set, zero included.
pub fn int_kept(node: Option<&Node>) -> Option<Value> {
    int_of(node?).map(|i| Value::Number(i.into()))
}

/// A `float32` with `omitempty`.
pub fn float32(node: Option<&Node>) -> Option<Value> {
    let f = float_of(node?)?;
    if f == 0.0 {
        return None;
    }
    Number::from_f64(gofmt::float32_as_f64(f)).map(Value::Number)
}

/// A `bool` with `omitempty` (false omitted).
pub fn boolean(node: Option<&Node>) -> Option<Value> {
    bool_of(node?)?.then_some(Value::Bool(true))
}

/// A `*bool`: printed whenever set.
pub fn boolean_kept(node: Option<&Node>) -> Option<Value> {
    bool_of(node?).map(Value::Bool)
}

/// `UnitBytes`: a byte count printed as a decimal string; zero omitted.
/// Why go-units refuses a size: a number with an unknown suffix (`12 parsecs`) or no
/// number at all (`lots`).
fn size_error(s: &str) -> String {
    let number_len = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    match s.get(number_len..) {
        Some(rest) if number_len > 0 => {
            format!(
                "invalid suffix: '{}'",
                rest.strip_prefix(' ').unwrap_or(rest)
            )
        }
        _ => format!("invalid size: '{s}'"),
    }
}

/// A value Compose's decoder refuses, worded as mapstructure wraps it:
/// `decoding failed due to the following error(s):\n\n'services[s].mem_limit' <why>`.
/// `path` is the dotted field path (`services.s.mem_limit`).
fn decoding_error(path: &str, why: &str) -> CanonicalError {
    let bracketed = match path
        .strip_prefix("services.")
        .and_then(|r| r.split_once('.'))
    {
        Some((service, field)) => format!("services[{service}].{field}"),
        None => path.to_string(),
    };
    CanonicalError::new(format!(
        "decoding failed due to the following error(s):\n\n'{bracketed}' {why}"
    ))
}

pub fn bytes(node: Option<&Node>, path: &str) -> Result<Option<Value>, CanonicalError> {
    let Some(node) = node else { return Ok(None) };
    let n = match &node.value {
        NodeValue::Null => return Ok(None),
        NodeValue::Int(i) => *i,
        NodeValue::Float(f) => *f as i64,
        NodeValue::Str(s) => gofmt::parse_ram_bytes(s)
            .ok_or_else(|| decoding_error(path, &size_error(s)).at(node.span))?,
        _ => return Ok(None),
    };
    Ok((n != 0).then(|| Value::String(n.to_string())))
}

/// A Go `time.Duration` printed with `Duration.String()` (`2m0s`); `kept` for pointers.
pub fn duration(
    node: Option<&Node>,
    kept: bool,
    path: &str,
) -> Result<Option<Value>, CanonicalError> {
    let Some(node) = node else { return Ok(None) };
    let nanos = match &node.value {
        NodeValue::Null => return Ok(None),
        NodeValue::Str(s) => gofmt::parse_duration(s)
            .ok_or_else(|| decoding_error(path, &gofmt::duration_error(s)).at(node.span))?,
        NodeValue::Int(i) => i.saturating_mul(1_000_000_000),
        _ => return Ok(None),
    };
    Ok((kept || nanos != 0).then(|| Value::String(gofmt::format_duration(nanos))))
}

/// How a `KEY` without `=` / a null map value reads in a mapping type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Valueless {
    /// `Labels`, `Mapping`: the empty string.
    Empty,
    /// `MappingWithEquals` (environment): null.
    Null,
    /// `build.args`: dropped.
    Dropped,
}

/// A Compose mapping written as a map or as a `KEY=VALUE` list, sorted per output format.
/// Map-form keys starting with `x-` reproduce Compose's decoder quirk: they are swallowed
/// as extensions and come back as one `#extensions` entry (SEMANTICS.md C1).
pub fn mapping(
    node: Option<&Node>,
    valueless: Valueless,
    extensions_quirk: bool,
    flavor: Flavor,
) -> Option<Value> {
    let node = node?;
    let mut entries: Vec<(String, Value)> = Vec::new();
    let set = |entries: &mut Vec<(String, Value)>, key: String, value: Option<String>| {
        let value = match (value, valueless) {
            (Some(v), _) => Value::String(v),
            (None, Valueless::Empty) => Value::String(String::new()),
            (None, Valueless::Null) => Value::Null,
            (None, Valueless::Dropped) => {
                entries.retain(|(k, _)| *k != key);
                return;
            }
        };
        if let Some(slot) = entries.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
        } else {
            entries.push((key, value));
        }
    };
    match &node.value {
        NodeValue::Map(map) => {
            let mut extensions: Vec<(String, String)> = Vec::new();
            for (k, v) in map {
                if extensions_quirk && k.starts_with("x-") {
                    extensions.push((k.clone(), go_sprint(v)));
                    continue;
                }
                set(&mut entries, k.clone(), scalar_string(v));
            }
            if !extensions.is_empty() {
                extensions.sort();
                let body: Vec<String> = extensions
                    .into_iter()
                    .map(|(k, v)| format!("{k}:{v}"))
                    .collect();
                set(
                    &mut entries,
                    "#extensions".to_string(),
                    Some(format!("map[{}]", body.join(" "))),
                );
            }
        }
        NodeValue::Seq(items) => {
            for item in items {
                let Some(text) = scalar_string(item) else {
                    continue;
                };
                match text.split_once('=') {
                    Some((k, v)) => set(&mut entries, k.to_string(), Some(v.to_string())),
                    None => set(&mut entries, text, None),
                }
            }
        }
        _ => return None,
    }
    non_empty_map(entries, flavor)
}

/// Go's `fmt.Sprint` of a decoded YAML value (`map[a:1 b:[x y]]`).
pub fn go_sprint(node: &Node) -> String {
    match &node.value {
        NodeValue::Null => "<nil>".to_string(),
        NodeValue::Bool(b) => b.to_string(),
        NodeValue::Int(i) => i.to_string(),
        NodeValue::Float(f) => go_float_string(*f),
        NodeValue::Str(s) => s.clone(),
        NodeValue::Seq(items) => {
            let parts: Vec<String> = items.iter().map(go_sprint).collect();
            format!("[{}]", parts.join(" "))
        }
        NodeValue::Map(map) => {
            let mut parts: Vec<(String, String)> =
                map.iter().map(|(k, v)| (k.clone(), go_sprint(v))).collect();
            parts.sort();
            let body: Vec<String> = parts.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
            format!("map[{}]", body.join(" "))
        }
    }
}

/// A `map[string]string` field (`log_opt`, `storage_opt`, `driver_opts`): values
/// stringified, null values kept as empty strings.
pub fn string_map(node: Option<&Node>, flavor: Flavor) -> Option<Value> {
    let map = node?.as_map()?;
    let entries = map
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                Value::String(scalar_string(v).unwrap_or_default()),
            )
        })
        .collect();
    non_empty_map(entries, flavor)
}

/// A value Compose keeps as decoded (`map[string]any`: extension values, unknown fields):
/// maps sorted per output format, scalars as they are.
pub fn generic(node: &Node, flavor: Flavor) -> Value {
    match &node.value {
        NodeValue::Null => Value::Null,
        NodeValue::Bool(b) => Value::Bool(*b),
        NodeValue::Int(i) => Value::Number((*i).into()),
        NodeValue::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        NodeValue::Str(s) => Value::String(s.clone()),
        NodeValue::Seq(items) => Value::Array(items.iter().map(|n| generic(n, flavor)).collect()),
        NodeValue::Map(map) => sorted_map(
            map.iter()
                .map(|(k, v)| (k.clone(), generic(v, flavor)))
                .collect(),
            flavor,
        ),
    }
}

/// The `x-*` entries of a mapping, in output order (YAML output only for nested objects).
pub fn extensions(node: &Node, flavor: Flavor) -> Vec<(String, Value)> {
    let Some(map) = node.as_map() else {
        return Vec::new();
    };
    let entries: Vec<(String, Value)> = map
        .iter()
        .filter(|(k, _)| k.starts_with("x-"))
        .map(|(k, v)| (k.clone(), generic(v, flavor)))
        .collect();
    match sorted_map(entries, flavor) {
        Value::Object(m) => m.into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Append a nested object's `x-*` fields (go-yaml inlines them after the struct fields;
/// encoding/json never prints them).
pub fn put_extensions(obj: &mut Obj, node: &Node, ctx: &Ctx) {
    if ctx.json() {
        return;
    }
    for (k, v) in extensions(node, ctx.flavor) {
        obj.put_value(&k, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: NodeValue) -> Node {
        Node::new(v)
    }

    #[test]
    fn paths_are_cleaned_like_go() {
        let base = Path::new("/p/q");
        assert_eq!(absolute_against(base, "./data"), "/p/q/data");
        assert_eq!(absolute_against(base, "../up"), "/p/up");
        assert_eq!(absolute_against(base, "."), "/p/q");
        assert_eq!(absolute_against(base, "/abs/./x/"), "/abs/x");
        assert_eq!(absolute_against(base, "../../../x"), "/x");
    }

    #[test]
    fn scalars_are_stringified_like_compose() {
        assert_eq!(
            scalar_string(&n(NodeValue::Int(1000))).as_deref(),
            Some("1000")
        );
        assert_eq!(
            scalar_string(&n(NodeValue::Float(1.5))).as_deref(),
            Some("1.5")
        );
        assert_eq!(
            scalar_string(&n(NodeValue::Float(1000.0))).as_deref(),
            Some("1000")
        );
        assert_eq!(
            scalar_string(&n(NodeValue::Bool(true))).as_deref(),
            Some("true")
        );
        assert_eq!(scalar_string(&n(NodeValue::Null)), None);
    }

    #[test]
    fn mapping_from_list_and_map() {
        let list = n(NodeValue::Seq(vec![
            n(NodeValue::Str("B=2".into())),
            n(NodeValue::Str("A".into())),
            n(NodeValue::Str("C=x=y".into())),
            n(NodeValue::Str("B=3".into())),
        ]));
        assert_eq!(
            mapping(Some(&list), Valueless::Null, false, Flavor::Json),
            Some(serde_json::json!({"A": null, "B": "3", "C": "x=y"}))
        );
        assert_eq!(
            mapping(Some(&list), Valueless::Dropped, false, Flavor::Json),
            Some(serde_json::json!({"B": "3", "C": "x=y"}))
        );
        let mut map = indexmap::IndexMap::new();
        map.insert("x-odd".to_string(), n(NodeValue::Str("v w".into())));
        map.insert("k".to_string(), n(NodeValue::Null));
        let map = n(NodeValue::Map(map));
        assert_eq!(
            mapping(Some(&map), Valueless::Empty, true, Flavor::Json),
            Some(serde_json::json!({"#extensions": "map[x-odd:v w]", "k": ""}))
        );
    }

    #[test]
    fn durations_and_bytes() {
        let d = n(NodeValue::Str("120s".into()));
        assert_eq!(
            duration(Some(&d), false, "p").ok().flatten(),
            Some(Value::String("2m0s".into()))
        );
        let zero = n(NodeValue::Str("0s".into()));
        assert_eq!(duration(Some(&zero), false, "p").ok().flatten(), None);
        assert_eq!(
            duration(Some(&zero), true, "p").ok().flatten(),
            Some(Value::String("0s".into()))
        );
        let b = n(NodeValue::Str("1gb".into()));
        assert_eq!(
            bytes(Some(&b), "p").ok().flatten(),
            Some(Value::String("1073741824".into()))
        );
        assert!(bytes(Some(&n(NodeValue::Str("huge".into()))), "p").is_err());
    }
}
