//! JSON text exactly as Go's `encoding/json` writes it with `MarshalIndent`: keys in the
//! order they are stored (the canonicaliser already ordered them), Go's string escapes
//! (`<`, `>`, `&` as `\u003c`… unless HTML escaping is off; U+2028/U+2029 always), Go's float
//! format, and `{}` / `[]` for empty containers.

use super::gofmt;
use serde_json::Value;

#[derive(Clone, Copy, Debug)]
pub struct JsonStyle {
    /// One level of indentation (`"  "` for `config`, `"    "` for `config --variables`).
    pub indent: &'static str,
    /// Go's default HTML-safe escaping of `<`, `>` and `&`.
    pub escape_html: bool,
}

/// Render `value` (no trailing newline, like `json.MarshalIndent`).
pub fn to_string(value: &Value, style: JsonStyle) -> String {
    let mut out = String::new();
    write_value(&mut out, value, style, 0);
    out
}

fn newline_indent(out: &mut String, style: JsonStyle, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str(style.indent);
    }
}

fn write_value(out: &mut String, value: &Value, style: JsonStyle, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else {
                out.push_str(&gofmt::json_float(n.as_f64().unwrap_or(0.0)));
            }
        }
        Value::String(s) => write_string(out, s, style.escape_html),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline_indent(out, style, depth + 1);
                write_value(out, item, style, depth + 1);
            }
            newline_indent(out, style, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline_indent(out, style, depth + 1);
                write_string(out, k, style.escape_html);
                out.push_str(": ");
                write_value(out, v, style, depth + 1);
            }
            newline_indent(out, style, depth);
            out.push('}');
        }
    }
}

/// A JSON string literal with Go's escaping rules.
pub fn write_string(out: &mut String, s: &str, escape_html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' if escape_html => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CONFIG: JsonStyle = JsonStyle {
        indent: "  ",
        escape_html: true,
    };

    #[test]
    fn indents_and_keeps_key_order() {
        let v = json!({"b": 1, "a": [true, null, "x"], "c": {}, "d": []});
        assert_eq!(
            to_string(&v, CONFIG),
            "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null,\n    \"x\"\n  ],\n  \"c\": {},\n  \"d\": []\n}"
        );
    }

    #[test]
    fn escapes_like_go() {
        let v = json!("<a href='x'>&amp;</a> \u{1} \u{8} \u{c} \u{2028} é😀");
        assert_eq!(
            to_string(&v, CONFIG),
            r#""\u003ca href='x'\u003e\u0026amp;\u003c/a\u003e \u0001 \b \f \u2028 é😀""#
        );
        let no_html = JsonStyle {
            indent: "    ",
            escape_html: false,
        };
        assert_eq!(to_string(&json!("a<b>&"), no_html), r#""a<b>&""#);
    }

    #[test]
    fn floats_like_go() {
        assert_eq!(to_string(&json!(1e21), CONFIG), "1e+21");
        assert_eq!(to_string(&json!(1.5), CONFIG), "1.5");
        assert_eq!(to_string(&json!(-7), CONFIG), "-7");
    }
}
