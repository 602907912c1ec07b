//! Typing of plain scalars exactly as go-yaml v3 does it (Compose's YAML library) when it
//! decodes into `interface{}`, and the text Compose then makes of a typed value.
//!
//! The order of attempts mirrors go-yaml's `resolve`: a lookup table (`true`, `Null`, `~`,
//! `.inf`...), then for text starting with a digit or sign: timestamp, Go `ParseInt` with base
//! prefixes (after removing every `_`), `ParseUint`, a YAML-style float, and finally the
//! `0b`/`0o` spellings. Everything else is a string. `yes`/`on` stay strings; `0755` is octal.

use super::go_format::format_float;
use super::go_number::{is_yaml_style_float, parse_decimal_float, parse_int, parse_uint};
use super::go_time::is_timestamp;
use super::tree::{Scalar, ScalarStyle};

#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer above `i64::MAX` that still fits a `u64` (go-yaml keeps it as `uint64`).
    Uint(u64),
    Float(f64),
    /// A timestamp-looking plain scalar (Compose's schema rejects it in `environment`).
    Timestamp,
    Str,
}

impl Resolved {
    /// The text Compose puts in a container environment (or any string field) for a typed
    /// value, the way Go's `fmt.Sprint` prints it: `0755` → `493`, `1.50` → `1.5`,
    /// `1e6` → `1e+06`, `.inf` → `+Inf`, `TRUE` → `true`.
    ///
    /// `None` for [`Resolved::Null`] (a valueless entry), [`Resolved::Timestamp`] (Compose
    /// refuses it) and [`Resolved::Str`] (the text is the scalar's own value; see
    /// [`super::Node::go_string`]).
    pub fn go_string(&self) -> Option<String> {
        match self {
            Resolved::Bool(b) => Some(b.to_string()),
            Resolved::Int(i) => Some(i.to_string()),
            Resolved::Uint(u) => Some(u.to_string()),
            Resolved::Float(f) => Some(format_float(*f)),
            Resolved::Null | Resolved::Timestamp | Resolved::Str => None,
        }
    }
}

/// How go-yaml v3 types this scalar. `tag` is the node's tag as stored in the tree (long form,
/// `tag:yaml.org,2002:int`, or a local tag such as `!reset`). A tag go-yaml refuses
/// (`!!int abc`) yields [`Resolved::Str`] here; [`decode_error`] reports it.
pub fn resolve(s: &Scalar, tag: Option<&str>) -> Resolved {
    resolve_checked(s, tag).unwrap_or(Resolved::Str)
}

/// The error go-yaml raises while decoding this scalar, if any: an explicit core tag the value
/// does not fit (`cannot decode !!str `abc` as a !!int`) or `!!binary` that is not base64.
pub fn decode_error(s: &Scalar, tag: Option<&str>) -> Option<String> {
    if tag.map(short_tag).as_deref() == Some("!!binary") && !is_std_base64(&s.value) {
        return Some("!!binary value contains invalid base64 data".to_string());
    }
    resolve_checked(s, tag).err()
}

const LONG_TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// `tag:yaml.org,2002:int` → `!!int`; other tags unchanged.
pub fn short_tag(tag: &str) -> String {
    match tag.strip_prefix(LONG_TAG_PREFIX) {
        Some(suffix) => format!("!!{suffix}"),
        None => tag.to_string(),
    }
}

fn resolve_checked(s: &Scalar, tag: Option<&str>) -> Result<Resolved, String> {
    // A bare `!` tag is the same as no tag for go-yaml.
    let explicit = tag.filter(|t| *t != "!").map(short_tag);
    let explicit = explicit.as_deref();
    let indicated_string = match explicit {
        Some(t) => t == "!!str",
        None => s.style != ScalarStyle::Plain,
    };
    if indicated_string {
        return Ok(Resolved::Str);
    }
    let wanted = explicit.unwrap_or("");
    if !matches!(
        wanted,
        "" | "!!bool" | "!!int" | "!!float" | "!!null" | "!!timestamp"
    ) {
        // Local tags (`!reset`), `!!binary`, `!!map`...: go-yaml keeps the text as a string.
        return Ok(Resolved::Str);
    }
    let (found, value) = resolve_untagged(&s.value, wanted);
    if wanted.is_empty() || wanted == found {
        return Ok(value);
    }
    match (wanted, value) {
        ("!!float", Resolved::Int(i)) => Ok(Resolved::Float(i as f64)),
        ("!!float", Resolved::Uint(u)) => Ok(Resolved::Float(u as f64)),
        _ => Err(format!("cannot decode {found} `{}` as a {wanted}", s.value)),
    }
}

/// go-yaml's `resolve` body: the short tag it finds and the value.
fn resolve_untagged(text: &str, wanted: &str) -> (&'static str, Resolved) {
    const STR: (&str, Resolved) = ("!!str", Resolved::Str);
    let hint = match text.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(c) if c.is_ascii_digit() => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => return STR,
    };
    if let Some(found) = lookup_table(text) {
        return found;
    }
    match hint {
        b'.' => match parse_decimal_float(text) {
            Some(f) => ("!!float", Resolved::Float(f)),
            None => STR,
        },
        b'D' | b'S' => resolve_number(text, wanted).unwrap_or(STR),
        _ => STR,
    }
}

fn lookup_table(text: &str) -> Option<(&'static str, Resolved)> {
    let found = match text {
        "true" | "True" | "TRUE" => ("!!bool", Resolved::Bool(true)),
        "false" | "False" | "FALSE" => ("!!bool", Resolved::Bool(false)),
        "" | "~" | "null" | "Null" | "NULL" => ("!!null", Resolved::Null),
        ".nan" | ".NaN" | ".NAN" => ("!!float", Resolved::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            ("!!float", Resolved::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => ("!!float", Resolved::Float(f64::NEG_INFINITY)),
        "<<" => ("!!merge", Resolved::Str),
        _ => return None,
    };
    Some(found)
}

/// Text starting with a digit or a sign: timestamp, int, uint, float, then `0b`/`0o`
/// spellings, in go-yaml's order.
fn resolve_number(text: &str, wanted: &str) -> Option<(&'static str, Resolved)> {
    if (wanted.is_empty() || wanted == "!!timestamp") && is_timestamp(text) {
        return Some(("!!timestamp", Resolved::Timestamp));
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    let int = |v: i64| Some(("!!int", Resolved::Int(v)));
    let uint = |v: u64| Some(("!!int", Resolved::Uint(v)));
    if let Some(v) = parse_int(&plain, 0) {
        return int(v);
    }
    if let Some(v) = parse_uint(&plain, 0) {
        return uint(v);
    }
    if is_yaml_style_float(&plain)
        && let Some(f) = parse_decimal_float(&plain)
    {
        return Some(("!!float", Resolved::Float(f)));
    }
    for (prefix, radix) in [("0b", 2), ("0o", 8)] {
        if let Some(digits) = plain.strip_prefix(prefix) {
            if let Some(v) = parse_int(digits, radix) {
                return int(v);
            }
            if let Some(v) = parse_uint(digits, radix) {
                return uint(v);
            }
        } else if let Some(digits) = plain.strip_prefix('-').and_then(|p| p.strip_prefix(prefix))
            && let Some(v) = parse_int(&format!("-{digits}"), radix)
        {
            return int(v);
        }
    }
    None
}

/// Go's `base64.StdEncoding.DecodeString`: padded standard alphabet; `\r` and `\n` ignored.
fn is_std_base64(text: &str) -> bool {
    let body: Vec<u8> = text.bytes().filter(|&b| b != b'\r' && b != b'\n').collect();
    if !body.len().is_multiple_of(4) {
        return false;
    }
    let padding = body.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return false;
    }
    let data = body.get(..body.len() - padding).unwrap_or_default();
    data.iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: &str) -> Scalar {
        Scalar {
            value: v.to_string(),
            style: ScalarStyle::Plain,
        }
    }

    fn go(v: &str) -> Option<String> {
        resolve(&plain(v), None).go_string()
    }

    /// Each pair is a plain YAML value in `environment:` and what Compose printed for it
    /// (`None` = null). Collected with the oracle, see the module docs.
    #[test]
    fn environment_strings_match_the_oracle() {
        let cases: &[(&str, Option<&str>)] = &[
            ("8080", Some("8080")),
            ("1.50", Some("1.5")),
            ("true", Some("true")),
            ("True", Some("true")),
            ("TRUE", Some("true")),
            ("False", Some("false")),
            ("null", None),
            ("Null", None),
            ("NULL", None),
            ("~", None),
            ("", None),
            ("0755", Some("493")),
            ("010", Some("8")),
            ("08", Some("8")),
            ("0009", Some("9")),
            ("09.5", Some("9.5")),
            ("0x1F", Some("31")),
            ("0x1f", Some("31")),
            ("+0x1F", Some("31")),
            ("-0x1F", Some("-31")),
            ("1e3", Some("1000")),
            ("1E3", Some("1000")),
            ("1_000", Some("1000")),
            ("1__000", Some("1000")),
            ("1_2_3", Some("123")),
            ("0_7", Some("7")),
            ("1_", Some("1")),
            ("+_1", Some("1")),
            ("0x_1F", Some("31")),
            ("0xff_ff", Some("65535")),
            ("1_0.5", Some("10.5")),
            ("1.5_0", Some("1.5")),
            (".inf", Some("+Inf")),
            (".Inf", Some("+Inf")),
            ("+.inf", Some("+Inf")),
            ("-.inf", Some("-Inf")),
            ("-.INF", Some("-Inf")),
            (".nan", Some("NaN")),
            (".NaN", Some("NaN")),
            ("1e21", Some("1e+21")),
            ("1e-5", Some("1e-05")),
            ("1e6", Some("1e+06")),
            ("1e20", Some("1e+20")),
            ("1e3_0", Some("1e+30")),
            ("100000000000000000000", Some("1e+20")),
            ("9223372036854775808", Some("9223372036854775808")),
            ("18446744073709551615", Some("18446744073709551615")),
            ("18446744073709551616", Some("1.8446744073709552e+19")),
            ("-9223372036854775808", Some("-9223372036854775808")),
            ("-9223372036854775809", Some("-9.223372036854776e+18")),
            ("+9223372036854775808", Some("9.223372036854776e+18")),
            ("0x8000000000000000", Some("9223372036854775808")),
            ("-0x8000000000000000", Some("-9223372036854775808")),
            ("12345678901234567890123", Some("1.2345678901234568e+22")),
            ("123456789012345678", Some("123456789012345678")),
            ("-0", Some("0")),
            ("+0", Some("0")),
            ("-0.0", Some("-0")),
            ("-.0", Some("-0")),
            ("-0e0", Some("-0")),
            ("0e5", Some("0")),
            ("0.", Some("0")),
            (".0", Some("0")),
            ("0.1", Some("0.1")),
            ("+.5", Some("0.5")),
            ("-.5e1", Some("-5")),
            (".5_5", Some("0.55")),
            ("1.e3", Some("1000")),
            ("3.0", Some("3")),
            ("1e+3", Some("1000")),
            ("1e-3", Some("0.001")),
            ("+12.5e+2", Some("1250")),
            ("1000000.0", Some("1e+06")),
            ("123456789.0", Some("1.23456789e+08")),
            ("1234567.0", Some("1.234567e+06")),
            ("123456.0", Some("123456")),
            ("0.0001", Some("0.0001")),
            ("0.00001", Some("1e-05")),
            ("1e-7", Some("1e-07")),
            ("0.00001234", Some("1.234e-05")),
            ("5e-324", Some("5e-324")),
            ("1.7976931348623157e308", Some("1.7976931348623157e+308")),
            ("0b101", Some("5")),
            ("-0b101", Some("-5")),
            ("0o17", Some("15")),
            ("0O17", Some("15")),
            ("-0o17", Some("-15")),
            ("+0o17", Some("15")),
            ("00", Some("0")),
        ];
        for &(input, want) in cases {
            assert_eq!(go(input).as_deref(), want, "value {input:?}");
        }
    }

    /// Values Compose kept as the very same string.
    #[test]
    fn strings_stay_strings() {
        for s in [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "Yes",
            "tRue",
            "nULL",
            "~x",
            ".Nan",
            ".5e",
            "0b2",
            "0xG",
            "0o8",
            "12e",
            "1.2.3",
            "0x",
            "1e400",
            "0xFFFFFFFFFFFFFFFFFF",
            "0b11111111111111111111111111111111111111111111111111111111111111111",
            "<<",
            "-",
            "+",
            ".",
            "_1",
            "2001-12-14T21:59:43",
            "1900-02-29",
            "abc",
        ] {
            assert_eq!(resolve(&plain(s), None), Resolved::Str, "value {s:?}");
        }
    }

    #[test]
    fn types_of_values() {
        assert_eq!(resolve(&plain("2001-12-14"), None), Resolved::Timestamp);
        assert_eq!(resolve(&plain("0755"), None), Resolved::Int(493));
        assert_eq!(resolve(&plain("1.5"), None), Resolved::Float(1.5));
        assert_eq!(resolve(&plain("yes"), None), Resolved::Str);
        assert_eq!(resolve(&plain("~"), None), Resolved::Null);
        assert_eq!(
            resolve(&plain("18446744073709551615"), None),
            Resolved::Uint(u64::MAX)
        );
    }

    #[test]
    fn quoted_and_block_scalars_are_strings() {
        for style in [
            ScalarStyle::SingleQuoted,
            ScalarStyle::DoubleQuoted,
            ScalarStyle::Literal,
            ScalarStyle::Folded,
        ] {
            let s = Scalar {
                value: "0755".into(),
                style,
            };
            assert_eq!(resolve(&s, None), Resolved::Str);
            let empty = Scalar {
                value: String::new(),
                style,
            };
            assert_eq!(resolve(&empty, None), Resolved::Str);
        }
    }

    #[test]
    fn explicit_tags_win() {
        let str_tag = "tag:yaml.org,2002:str";
        let int_tag = "tag:yaml.org,2002:int";
        let float_tag = "tag:yaml.org,2002:float";
        assert_eq!(resolve(&plain("0755"), Some(str_tag)), Resolved::Str);
        let quoted = Scalar {
            value: "12".into(),
            style: ScalarStyle::DoubleQuoted,
        };
        assert_eq!(resolve(&quoted, Some(int_tag)), Resolved::Int(12));
        assert_eq!(resolve(&plain("1"), Some(float_tag)), Resolved::Float(1.0));
        assert_eq!(resolve(&plain("12"), Some("!reset")), Resolved::Str);
        assert_eq!(resolve(&plain("12"), Some("!")), Resolved::Int(12));
        // With an explicit !!int, go-yaml does not try the timestamp layouts.
        assert_eq!(
            decode_error(&plain("2001-01-01"), Some(int_tag)).as_deref(),
            Some("cannot decode !!str `2001-01-01` as a !!int")
        );
        assert_eq!(
            resolve(&plain("2001-01-01"), Some("tag:yaml.org,2002:timestamp")),
            Resolved::Timestamp
        );
    }

    /// The messages Compose printed (after `yaml: `) for these tagged values.
    #[test]
    fn refused_tags_give_go_yaml_messages() {
        let cases = [
            ("abc", "int", "cannot decode !!str `abc` as a !!int"),
            ("yes", "bool", "cannot decode !!str `yes` as a !!bool"),
            ("x", "null", "cannot decode !!str `x` as a !!null"),
            ("1.5", "int", "cannot decode !!float `1.5` as a !!int"),
        ];
        for (value, tag, want) in cases {
            let tag = format!("{LONG_TAG_PREFIX}{tag}");
            assert_eq!(
                decode_error(&plain(value), Some(&tag)).as_deref(),
                Some(want)
            );
        }
        assert_eq!(
            decode_error(&plain("1"), Some("tag:yaml.org,2002:float")),
            None
        );
        assert_eq!(decode_error(&plain("abc"), Some("!custom")), None);
        assert_eq!(
            decode_error(&plain("aGk="), Some("tag:yaml.org,2002:binary")),
            None
        );
        assert!(decode_error(&plain("a*k="), Some("tag:yaml.org,2002:binary")).is_some());
    }
}
