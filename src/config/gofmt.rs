//! Go's text formats that `docker compose config` output depends on: how Go prints floats
//! (JSON and YAML differ), how `time.Duration` prints, how go-units reads byte sizes, and
//! how `%q` quotes a string (logrus uses it for warning messages).

/// Go's `%q`, shared with the interpolation and loader messages.
pub use crate::interpolate::go_quote;

/// A float as Go's `encoding/json` prints it: shortest round-trip digits, plain decimal
/// unless the magnitude is below 1e-6 or at least 1e21, exponent without leading zeros.
pub fn json_float(f: f64) -> String {
    if !f.is_finite() {
        // Go refuses to encode these; Compose never produces them. Print something valid.
        return "null".to_string();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        go_exponent(&format!("{f:e}"), 1)
    } else {
        plain_decimal(f)
    }
}

/// A float as go-yaml prints it (`strconv.FormatFloat(f, 'g', -1, 64)`): plain decimal when
/// the decimal exponent lies in [-4, 6), else exponent form with at least two exponent
/// digits (`1e+06`, `1e-05`). Infinities and NaN use YAML's spellings.
pub fn yaml_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let sci = format!("{f:e}");
    let exp = sci
        .rsplit_once('e')
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(0);
    // With the shortest representation Go decides with precision 6 (strconv ftoa %g rule).
    if !(-4..6).contains(&exp) {
        go_exponent(&sci, 2)
    } else {
        plain_decimal(f)
    }
}

/// Rust prints `1e21` / `1.5e-7`; Go prints `1e+21` / `1.5e-07`. `min_digits` is the
/// minimum width of the exponent (Go's strconv uses 2; encoding/json then trims to 1 for
/// negative exponents).
fn go_exponent(rust_sci: &str, min_digits: usize) -> String {
    let Some((mantissa, exp)) = rust_sci.split_once('e') else {
        return rust_sci.to_string();
    };
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    // encoding/json keeps two digits for positive exponents (`1e+21`), one for negative.
    let width = if sign == '+' { 2 } else { min_digits };
    format!("{mantissa}e{sign}{digits:0>width$}")
}

/// Shortest round-trip digits without exponent (Rust's `Display` for f64 does exactly that).
fn plain_decimal(f: f64) -> String {
    let s = format!("{f}");
    if s == "-0" { "-0".to_string() } else { s }
}

/// The f64 whose shortest rendering equals the shortest rendering of `f` as a float32, so
/// that printing it later gives what Go prints for a `float32` field (`0.1`, not
/// `0.10000000149011612`).
pub fn float32_as_f64(f: f64) -> f64 {
    let narrowed = f as f32;
    format!("{narrowed}").parse::<f64>().unwrap_or(f)
}

const NANOS_PER_MICRO: i128 = 1_000;
const NANOS_PER_MILLI: i128 = 1_000_000;
const NANOS_PER_SECOND: i128 = 1_000_000_000;
const NANOS_PER_MINUTE: i128 = 60 * NANOS_PER_SECOND;
const NANOS_PER_HOUR: i128 = 60 * NANOS_PER_MINUTE;

/// Parse a duration the way Compose does (Go's `time.ParseDuration` plus `d` and `w`
/// units): a sequence of decimal numbers with units, optionally signed. Returns
/// nanoseconds; None when invalid or out of `int64` range.
pub fn parse_duration(s: &str) -> Option<i64> {
    let (negative, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = rest.get(..number_len)?;
        rest = rest.get(number_len..)?;
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = rest.get(..unit_len)?;
        rest = rest.get(unit_len..)?;
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => NANOS_PER_MICRO,
            "ms" => NANOS_PER_MILLI,
            "s" => NANOS_PER_SECOND,
            "m" => NANOS_PER_MINUTE,
            "h" => NANOS_PER_HOUR,
            "d" => 24 * NANOS_PER_HOUR,
            "w" => 7 * 24 * NANOS_PER_HOUR,
            _ => return None,
        };
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        let whole: i128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let mut part = whole.checked_mul(scale)?;
        let mut divisor: i128 = 1;
        let mut frac_value: i128 = 0;
        for d in frac.bytes().take(18) {
            frac_value = frac_value * 10 + i128::from(d - b'0');
            divisor *= 10;
        }
        part = part.checked_add(frac_value.checked_mul(scale)? / divisor)?;
        total = total.checked_add(part)?;
        if total > i128::from(i64::MAX) {
            return None;
        }
    }
    let signed = if negative { -total } else { total };
    i64::try_from(signed).ok()
}

/// Go's `time.Duration.String()`: `1h2m3.5s`, `2m0s`, `1.5ms`, `0s`.
/// Why Go's `time.ParseDuration` refuses `orig`, in its words (`time: unknown unit " seconds"
/// in duration "30 seconds"`, `time: missing unit in duration "30"`, `time: invalid duration
/// "x"`).
pub fn duration_error(orig: &str) -> String {
    let invalid = format!("time: invalid duration {}", go_quote(orig));
    let mut s = orig.strip_prefix(['-', '+']).unwrap_or(orig);
    if s.is_empty() {
        return invalid;
    }
    while !s.is_empty() {
        let digits = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let number = s.get(..digits).unwrap_or_default();
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return invalid;
        }
        s = s.get(digits..).unwrap_or_default();
        let unit_len = s
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(s.len());
        let unit = s.get(..unit_len).unwrap_or_default();
        if unit.is_empty() {
            return format!("time: missing unit in duration {}", go_quote(orig));
        }
        if !matches!(
            unit,
            "ns" | "us" | "\u{b5}s" | "\u{3bc}s" | "ms" | "s" | "m" | "h"
        ) {
            return format!(
                "time: unknown unit {} in duration {}",
                go_quote(unit),
                go_quote(orig)
            );
        }
        s = s.get(unit_len..).unwrap_or_default();
    }
    invalid
}

pub fn format_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".to_string();
    }
    let negative = nanos < 0;
    let u = i128::from(nanos).unsigned_abs();
    let sign = if negative { "-" } else { "" };
    if u < 1_000_000_000 {
        let (unit, scale) = if u < 1_000 {
            ("ns", 1u128)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{sign}{}{unit}", fixed_fraction(u, scale));
    }
    let hours = u / 3_600_000_000_000;
    let rem = u % 3_600_000_000_000;
    let minutes = rem / 60_000_000_000;
    let secs_nanos = rem % 60_000_000_000;
    let seconds = fixed_fraction(secs_nanos, 1_000_000_000);
    if hours > 0 {
        format!("{sign}{hours}h{minutes}m{seconds}s")
    } else if minutes > 0 {
        format!("{sign}{minutes}m{seconds}s")
    } else {
        format!("{sign}{seconds}s")
    }
}

/// `value / scale` with the fractional digits Go keeps (trailing zeros dropped).
fn fixed_fraction(value: u128, scale: u128) -> String {
    let whole = value / scale;
    let frac = value % scale;
    if frac == 0 {
        return whole.to_string();
    }
    let width = scale.to_string().len() - 1;
    let digits = format!("{frac:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// go-units `RAMInBytes`: `512m`, `1gb`, `1.5G`, `100` (binary multiples, case-insensitive,
/// optional `i` and `b`). None when the text is not a size.
pub fn parse_ram_bytes(s: &str) -> Option<i64> {
    let number_len = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let number = s.get(..number_len)?;
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return None;
    }
    let mut suffix = s.get(number_len..)?;
    suffix = suffix.strip_prefix(' ').unwrap_or(suffix);
    let lower = suffix.to_ascii_lowercase();
    let mut chars = lower.chars().peekable();
    let mut multiplier: f64 = 1.0;
    if let Some(&c) = chars.peek() {
        let power = match c {
            'k' => Some(1),
            'm' => Some(2),
            'g' => Some(3),
            't' => Some(4),
            'p' => Some(5),
            _ => None,
        };
        if let Some(p) = power {
            multiplier = 1024f64.powi(p);
            chars.next();
        }
    }
    if chars.peek() == Some(&'i') {
        chars.next();
    }
    if chars.peek() == Some(&'b') {
        chars.next();
    }
    if chars.next().is_some() {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let bytes = value * multiplier;
    if !bytes.is_finite() || bytes >= 9.2e18 {
        return None;
    }
    Some(bytes as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_floats_match_go() {
        assert_eq!(json_float(1.5), "1.5");
        assert_eq!(json_float(1_000_000.0), "1000000");
        assert_eq!(json_float(1e21), "1e+21");
        assert_eq!(json_float(0.000001), "0.000001");
        assert_eq!(json_float(1e-7), "1e-7");
        assert_eq!(json_float(-0.5), "-0.5");
        assert_eq!(json_float(2.0), "2");
        assert_eq!(json_float(1.25e-10), "1.25e-10");
    }

    #[test]
    fn yaml_floats_match_go() {
        assert_eq!(yaml_float(1.5), "1.5");
        assert_eq!(yaml_float(1_000_000.0), "1e+06");
        assert_eq!(yaml_float(123456.0), "123456");
        assert_eq!(yaml_float(1234567.0), "1.234567e+06");
        assert_eq!(yaml_float(1e21), "1e+21");
        assert_eq!(yaml_float(0.000001), "1e-06");
        assert_eq!(yaml_float(0.0001), "0.0001");
        assert_eq!(yaml_float(1e-7), "1e-07");
        assert_eq!(yaml_float(2.0), "2");
        assert_eq!(yaml_float(f64::INFINITY), ".inf");
    }

    #[test]
    fn float32_fields_print_short() {
        assert_eq!(json_float(float32_as_f64(0.1)), "0.1");
        assert_eq!(json_float(float32_as_f64(0.3)), "0.3");
        assert_eq!(json_float(float32_as_f64(1.1)), "1.1");
    }

    #[test]
    fn durations_round_trip_like_go() {
        assert_eq!(
            parse_duration("1m30s").map(format_duration).as_deref(),
            Some("1m30s")
        );
        assert_eq!(
            parse_duration("120s").map(format_duration).as_deref(),
            Some("2m0s")
        );
        assert_eq!(
            parse_duration("1h").map(format_duration).as_deref(),
            Some("1h0m0s")
        );
        assert_eq!(
            parse_duration("1.5s").map(format_duration).as_deref(),
            Some("1.5s")
        );
        assert_eq!(
            parse_duration("1500ms").map(format_duration).as_deref(),
            Some("1.5s")
        );
        assert_eq!(
            parse_duration("300ms").map(format_duration).as_deref(),
            Some("300ms")
        );
        assert_eq!(
            parse_duration("2us").map(format_duration).as_deref(),
            Some("2µs")
        );
        assert_eq!(
            parse_duration("1d").map(format_duration).as_deref(),
            Some("24h0m0s")
        );
        assert_eq!(
            parse_duration("0").map(format_duration).as_deref(),
            Some("0s")
        );
        assert_eq!(
            parse_duration("-5s").map(format_duration).as_deref(),
            Some("-5s")
        );
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration("1x"), None);
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("99999999999h"), None);
    }

    #[test]
    fn ram_sizes_like_go_units() {
        assert_eq!(parse_ram_bytes("512m"), Some(536_870_912));
        assert_eq!(parse_ram_bytes("1gb"), Some(1_073_741_824));
        assert_eq!(parse_ram_bytes("1G"), Some(1_073_741_824));
        assert_eq!(parse_ram_bytes("12mb"), Some(12_582_912));
        assert_eq!(parse_ram_bytes("1000"), Some(1000));
        assert_eq!(parse_ram_bytes("1.5k"), Some(1536));
        assert_eq!(parse_ram_bytes("64MiB"), Some(67_108_864));
        assert_eq!(parse_ram_bytes("1 kb"), Some(1024));
        assert_eq!(parse_ram_bytes("abc"), None);
        assert_eq!(parse_ram_bytes("1q"), None);
        assert_eq!(parse_ram_bytes(""), None);
    }

    #[test]
    fn duration_errors_like_go() {
        assert_eq!(
            duration_error("30 seconds"),
            "time: unknown unit \" seconds\" in duration \"30 seconds\""
        );
        assert_eq!(
            duration_error("30"),
            "time: missing unit in duration \"30\""
        );
        assert_eq!(duration_error("abc"), "time: invalid duration \"abc\"");
        assert_eq!(duration_error(""), "time: invalid duration \"\"");
    }

    #[test]
    fn go_quote_escapes_like_percent_q() {
        assert_eq!(go_quote(r#"The "X" variable"#), r#""The \"X\" variable""#);
        assert_eq!(go_quote("a\tb\u{1}"), r#""a\tb\x01""#);
        assert_eq!(go_quote("héllo"), "\"héllo\"");
        assert_eq!(go_quote("a\u{2028}b"), r#""a\u2028b""#);
    }
}
