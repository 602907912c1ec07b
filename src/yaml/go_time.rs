//! Which plain scalars go-yaml v3 turns into `time.Time`.
//!
//! go-yaml tries Go's `time.Parse` with four layouts, in order:
//! `2006-1-2T15:4:5.999999999Z07:00`, the same with a lower-case `t`,
//! `2006-1-2 15:4:5.999999999` and `2006-1-2`. We only need the yes/no answer, so this module
//! re-implements exactly the parts of `time.Parse` those layouts exercise: one- or two-digit
//! fields, range checks (including the day of the month, leap years included), an optional
//! fraction introduced by `.` or `,`, one or more spaces where the layout has one, and a zone
//! that is `Z` or `±hh:mm` with hours up to 24 and minutes up to 60.

/// True when go-yaml would decode this plain scalar as a timestamp.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    // go-yaml's quick check: exactly four digits, then '-'.
    let leading_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if leading_digits != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    let Some(date) = parse_date(b) else {
        return false;
    };
    let rest = date.rest;
    if !date.valid() {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    match rest.first() {
        Some(b'T' | b't') => rest
            .get(1..)
            .and_then(parse_clock)
            .and_then(parse_zone)
            .is_some_and(<[u8]>::is_empty),
        Some(b' ') => {
            let after_spaces = skip_spaces(rest);
            parse_clock(after_spaces).is_some_and(<[u8]>::is_empty)
        }
        _ => false,
    }
}

struct Date<'a> {
    year: u32,
    month: u32,
    day: u32,
    rest: &'a [u8],
}

impl Date<'_> {
    fn valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in(self.month, self.year)
    }
}

fn parse_date(b: &[u8]) -> Option<Date<'_>> {
    let year_text = b.get(..4)?;
    let year = year_text.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })?;
    let rest = expect(b.get(4..)?, b'-')?;
    let (month, rest) = one_or_two_digits(rest)?;
    let rest = expect(rest, b'-')?;
    let (day, rest) = one_or_two_digits(rest)?;
    Some(Date {
        year,
        month,
        day,
        rest,
    })
}

/// `15:4:5` with an optional `.999999999` fraction; returns what follows.
fn parse_clock(b: &[u8]) -> Option<&[u8]> {
    let (hour, rest) = one_or_two_digits(b)?;
    let rest = expect(rest, b':')?;
    let (minute, rest) = one_or_two_digits(rest)?;
    let rest = expect(rest, b':')?;
    let (second, rest) = one_or_two_digits(rest)?;
    if hour >= 24 || minute >= 60 || second >= 60 {
        return None;
    }
    Some(skip_fraction(rest))
}

/// Go's `.999999999` layout element: optional; when the value has `.` or `,` followed by a
/// digit, every following digit is consumed.
fn skip_fraction(b: &[u8]) -> &[u8] {
    match b {
        [b'.' | b',', d, ..] if d.is_ascii_digit() => {
            let digits = b.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
            b.get(1 + digits..).unwrap_or_default()
        }
        _ => b,
    }
}

/// Go's `Z07:00` layout element: `Z`, or a sign, two hour digits, `:`, two minute digits.
fn parse_zone(b: &[u8]) -> Option<&[u8]> {
    if let Some(rest) = b.strip_prefix(b"Z") {
        return Some(rest);
    }
    let zone = b.get(..6)?;
    if !matches!(zone.first(), Some(b'+' | b'-')) || zone.get(3) != Some(&b':') {
        return None;
    }
    let hours = two_digits(zone.get(1..3)?)?;
    let minutes = two_digits(zone.get(4..6)?)?;
    if hours > 24 || minutes > 60 {
        return None;
    }
    b.get(6..)
}

fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(u32::from(a - b'0') * 10 + u32::from(c - b'0'))
        }
        _ => None,
    }
}

/// Go's `getnum(value, false)`: one digit, or two when the second is a digit too.
fn one_or_two_digits(b: &[u8]) -> Option<(u32, &[u8])> {
    let first = *b.first().filter(|c| c.is_ascii_digit())?;
    let first = u32::from(first - b'0');
    match b.get(1) {
        Some(second) if second.is_ascii_digit() => {
            Some((first * 10 + u32::from(second - b'0'), b.get(2..)?))
        }
        _ => Some((first, b.get(1..)?)),
    }
}

fn expect(b: &[u8], c: u8) -> Option<&[u8]> {
    b.strip_prefix(&[c])
}

fn skip_spaces(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| c == b' ').count();
    b.get(n..).unwrap_or_default()
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    /// Every value here was run through Compose (`environment: {A: <value>}`): timestamps make
    /// it fail with `invalid jsonType time.Time`, the others come out as strings.
    #[test]
    fn matches_the_oracle() {
        let timestamps = [
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10",
            "2001-12-14  21:59:43",
            "2000-02-29",
            "2001-1-1",
            "2001-12-14T21:59:43,5Z",
            "2001-12-14T21:59:43+24:00",
            "2001-12-14T21:59:43.123456789123Z",
            "2001-12-14 1:2:3",
            "2001-12-1",
        ];
        let strings = [
            "2001-12-14T21:59:43",
            "2001-02-30",
            "1900-02-29",
            "2001-13-01",
            "20011-01-01",
            "2001-12-14T24:00:00Z",
            "2001-12-14T23:60:00Z",
            "2001-12-14T21:59:43+0500",
            "2001-12-14T21:59:43+25:00",
            "2001-12-14 21:59:43 -5",
            "0000-00-00",
            "2001-12-14T21:59Z",
            "-2001-12-14",
            "2001-12-014",
        ];
        for t in timestamps {
            assert!(is_timestamp(t), "{t} should be a timestamp");
        }
        for s in strings {
            assert!(!is_timestamp(s), "{s} should stay a string");
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for s in [
            "",
            "2",
            "2001-",
            "2001-1",
            "2001-1-",
            "2001-01-01T",
            "2001-01-01T1:2:3+",
        ] {
            assert!(!is_timestamp(s));
        }
    }
}
