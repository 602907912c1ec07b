//! Go's `fmt.Sprint(float64)` (the `%v` verb), which is how Compose turns a YAML float into an
//! environment string: the shortest digits that round-trip, in `%e` form when the decimal
//! exponent is below -4 or at least 6 (Go's rule for "shortest" `%g`), else in `%f` form.
//! `1e3` prints `1000`, `1e6` prints `1e+06`, `0.00001` prints `1e-05`.

/// Format like Go's `fmt.Sprint(v)` for a `float64`.
pub fn format_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0");
    }
    let (digits, exponent) = shortest_digits(v.abs());
    let body = if !(-4..6).contains(&exponent) {
        exponent_form(&digits, exponent)
    } else {
        positional_form(&digits, exponent)
    };
    format!("{sign}{body}")
}

/// The shortest round-trip decimal digits of a positive finite float and the exponent of the
/// first digit (`v = d.ddd × 10^exponent`). Rust's `{:e}` prints exactly that.
fn shortest_digits(v: f64) -> (String, i32) {
    let sci = format!("{v:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exponent.parse().unwrap_or(0))
}

/// `d.ddde±XX`, at least two exponent digits, as Go prints it.
fn exponent_form(digits: &str, exponent: i32) -> String {
    let mut out = String::with_capacity(digits.len() + 6);
    let mut chars = digits.chars();
    if let Some(first) = chars.next() {
        out.push(first);
    }
    let rest: String = chars.collect();
    if !rest.is_empty() {
        out.push('.');
        out.push_str(&rest);
    }
    out.push('e');
    out.push(if exponent < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exponent.unsigned_abs()));
    out
}

/// Plain positional notation with exactly the significant digits (no trailing zeros after the
/// point, zeros filled in before it).
fn positional_form(digits: &str, exponent: i32) -> String {
    let point = exponent + 1; // digits before the decimal point (may be <= 0)
    let len = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        format!("0.{zeros}{digits}")
    } else if point >= len {
        let zeros = "0".repeat((point - len) as usize);
        format!("{digits}{zeros}")
    } else {
        let (int_part, frac_part) = digits.split_at(point as usize);
        format!("{int_part}.{frac_part}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_float;

    /// Expected strings are what Compose printed for these YAML floats in `environment`.
    #[test]
    fn matches_the_oracle() {
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (1000.0, "1000"),
            (1e21, "1e+21"),
            (1e20, "1e+20"),
            (1e-5, "1e-05"),
            (1e6, "1e+06"),
            (123456.0, "123456"),
            (1234567.0, "1.234567e+06"),
            (123456789.0, "1.23456789e+08"),
            (0.0001, "0.0001"),
            (0.001, "0.001"),
            (0.1, "0.1"),
            (10.5, "10.5"),
            (3.0, "3"),
            (0.55, "0.55"),
            (-5.0, "-5"),
            (1250.0, "1250"),
            (1.234e-5, "1.234e-05"),
            (2.5e-5, "2.5e-05"),
            (1e-7, "1e-07"),
            (5e-324, "5e-324"),
            (1.797_693_134_862_315_7e308, "1.7976931348623157e+308"),
            (1.2345678901234568e22, "1.2345678901234568e+22"),
            (18446744073709551616.0, "1.8446744073709552e+19"),
            (-9223372036854775809.0, "-9.223372036854776e+18"),
            (1e30, "1e+30"),
            (0.0, "0"),
            (-0.0, "-0"),
            (f64::INFINITY, "+Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (f64::NAN, "NaN"),
        ];
        for &(v, want) in cases {
            assert_eq!(format_float(v), want, "formatting {v:?}");
        }
    }
}
