//! The few pieces of Go's `strconv` that go-yaml v3 leans on to type plain scalars:
//! `ParseInt`/`ParseUint` (with base 0 meaning "read the prefix"), and `ParseFloat` for
//! decimal text. Written from the documented Go behaviour, checked against the Compose binary.

/// `strconv.ParseUint(s, base, 64)`. Base 0 reads a `0x`/`0o`/`0b` prefix or a leading `0`
/// (octal). No sign is accepted. Underscores are rejected (go-yaml strips them beforehand).
pub fn parse_uint(s: &str, base: u32) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (digits, base) = if base == 0 {
        split_base_prefix(s)
    } else {
        (s, base)
    };
    let mut value: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(base)?;
        value = value
            .checked_mul(u64::from(base))?
            .checked_add(u64::from(d))?;
    }
    Some(value)
}

/// `strconv.ParseInt(s, base, 64)`: an optional sign, then [`parse_uint`], then the range of
/// an `i64`.
pub fn parse_int(s: &str, base: u32) -> Option<i64> {
    let (negative, magnitude) = match s.as_bytes().first() {
        Some(b'+') => (false, s.get(1..)?),
        Some(b'-') => (true, s.get(1..)?),
        _ => (false, s),
    };
    let un = parse_uint(magnitude, base)?;
    if negative {
        if un == 1 << 63 {
            Some(i64::MIN)
        } else {
            i64::try_from(un).ok().map(|v| -v)
        }
    } else {
        i64::try_from(un).ok()
    }
}

/// Go's base-0 prefix rule: `0x`, `0o`, `0b` (any case) need at least one character after
/// them; otherwise a leading `0` means octal and the `0` itself is dropped.
fn split_base_prefix(s: &str) -> (&str, u32) {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'0') {
        return (s, 10);
    }
    if bytes.len() >= 3 {
        let base = match bytes.get(1).map(u8::to_ascii_lowercase) {
            Some(b'x') => Some(16),
            Some(b'o') => Some(8),
            Some(b'b') => Some(2),
            _ => None,
        };
        if let (Some(base), Some(rest)) = (base, s.get(2..)) {
            return (rest, base);
        }
    }
    (s.get(1..).unwrap_or(""), 8)
}

/// `strconv.ParseFloat(s, 64)` for decimal text, which is all go-yaml ever hands it:
/// `[+-]digits[.digits][e[+-]digits]` or `.digits...`, with Go's rule that an underscore must sit
/// between two digits. Overflow to infinity is an error, as in Go.
pub fn parse_decimal_float(s: &str) -> Option<f64> {
    if !underscores_ok(s) {
        return None;
    }
    let cleaned: String = s.chars().filter(|&c| c != '_').collect();
    if !is_decimal_float_syntax(&cleaned) {
        return None;
    }
    let value: f64 = cleaned.parse().ok()?;
    value.is_finite().then_some(value)
}

/// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
pub fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let int_digits = count_digits(b, i);
    i += int_digits;
    if int_digits == 0 {
        if b.get(i) != Some(&b'.') {
            return false;
        }
        let frac = count_digits(b, i + 1);
        if frac == 0 {
            return false;
        }
        i += 1 + frac;
    } else if b.get(i) == Some(&b'.') {
        i += 1 + count_digits(b, i + 1);
    }
    exponent_then_end(b, i)
}

/// Go's float grammar without underscores: a mantissa with at least one digit, an optional
/// fraction point, an optional exponent with at least one digit.
fn is_decimal_float_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let int_digits = count_digits(b, i);
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        frac_digits = count_digits(b, i + 1);
        i += 1 + frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    exponent_then_end(b, i)
}

fn exponent_then_end(b: &[u8], mut i: usize) -> bool {
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = count_digits(b, i);
        if exp_digits == 0 {
            return false;
        }
        i += exp_digits;
    }
    i == b.len()
}

fn count_digits(b: &[u8], from: usize) -> usize {
    b.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// Go's `underscoreOK` for a number without a base prefix: every `_` sits between digits.
fn underscores_ok(s: &str) -> bool {
    #[derive(PartialEq)]
    enum Saw {
        Start,
        Digit,
        Underscore,
        Other,
    }
    let mut saw = Saw::Start;
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    for c in body.chars() {
        if c.is_ascii_digit() {
            saw = Saw::Digit;
        } else if c == '_' {
            if saw != Saw::Digit {
                return false;
            }
            saw = Saw::Underscore;
        } else if saw == Saw::Underscore {
            return false;
        } else {
            saw = Saw::Other;
        }
    }
    saw != Saw::Underscore
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_zero_prefixes_follow_go() {
        assert_eq!(parse_int("0755", 0), Some(493));
        assert_eq!(parse_int("010", 0), Some(8));
        assert_eq!(parse_int("08", 0), None);
        assert_eq!(parse_int("0", 0), Some(0));
        assert_eq!(parse_int("00", 0), Some(0));
        assert_eq!(parse_int("0x1F", 0), Some(31));
        assert_eq!(parse_int("0X1f", 0), Some(31));
        assert_eq!(parse_int("0o17", 0), Some(15));
        assert_eq!(parse_int("0b101", 0), Some(5));
        assert_eq!(parse_int("0x", 0), None);
        assert_eq!(parse_int("-0x1F", 0), Some(-31));
        assert_eq!(parse_int("+0o17", 0), Some(15));
        assert_eq!(parse_int("+", 0), None);
        assert_eq!(parse_int("", 0), None);
        assert_eq!(parse_int("--1", 0), None);
    }

    #[test]
    fn int_range_edges() {
        assert_eq!(parse_int("9223372036854775807", 0), Some(i64::MAX));
        assert_eq!(parse_int("9223372036854775808", 0), None);
        assert_eq!(parse_int("-9223372036854775808", 0), Some(i64::MIN));
        assert_eq!(parse_int("-9223372036854775809", 0), None);
        assert_eq!(parse_uint("18446744073709551615", 0), Some(u64::MAX));
        assert_eq!(parse_uint("18446744073709551616", 0), None);
        assert_eq!(parse_uint("+1", 0), None);
        assert_eq!(parse_int("-101", 2), Some(-5));
    }

    #[test]
    fn floats_follow_go_grammar() {
        assert_eq!(parse_decimal_float(".5"), Some(0.5));
        assert_eq!(parse_decimal_float(".5_5"), Some(0.55));
        assert_eq!(parse_decimal_float("._5"), None);
        assert_eq!(parse_decimal_float(".5_"), None);
        assert_eq!(parse_decimal_float(".5e"), None);
        assert_eq!(parse_decimal_float("."), None);
        assert_eq!(parse_decimal_float("1e400"), None);
        assert_eq!(parse_decimal_float("1e-400"), Some(0.0));
        assert_eq!(parse_decimal_float("5."), Some(5.0));
        assert!(is_yaml_style_float("1.e3"));
        assert!(is_yaml_style_float("+.5"));
        assert!(is_yaml_style_float("09"));
        assert!(!is_yaml_style_float("."));
        assert!(!is_yaml_style_float("1e"));
        assert!(!is_yaml_style_float("0x1p3"));
    }
}
