//! `command` / `entrypoint` written as one string are split the way Compose splits them
//! (mattn/go-shellwords without environment or backtick expansion): blanks separate words,
//! quotes group, a backslash escapes the next character outside single quotes, `$(…)` and
//! backticks are kept as text — and an unquoted `;`, `&`, `|`, `<` or `>` *ends* the
//! command: everything after it is silently dropped (`echo a && echo b` → `[echo, a]`).

/// Split `line`; Err when quotes, `$(`, backticks or a trailing backslash are left open,
/// or a parenthesis appears outside `$(…)`.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    const INVALID: &str = "invalid command line string";
    let mut args: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut has_word = false;
    let (mut escaped, mut single, mut double, mut backtick, mut dollar) =
        (false, false, false, false, false);
    for c in line.chars() {
        if escaped {
            buf.push(c);
            escaped = false;
            has_word = true;
            continue;
        }
        if c == '\\' {
            if single {
                buf.push(c);
            } else {
                escaped = true;
            }
            continue;
        }
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            if single || double || backtick || dollar {
                buf.push(c);
            } else if has_word {
                args.push(std::mem::take(&mut buf));
                has_word = false;
            }
            continue;
        }
        match c {
            '`' if !single && !double && !dollar => backtick = !backtick,
            '(' if !single && !double && !backtick => {
                if buf.ends_with('$') {
                    dollar = true;
                } else {
                    return Err(INVALID.to_string());
                }
            }
            ')' if !single && !double && !backtick => {
                if dollar {
                    dollar = false;
                } else {
                    return Err(INVALID.to_string());
                }
            }
            '"' if !single && !dollar => {
                if double {
                    has_word = true;
                }
                double = !double;
                continue;
            }
            '\'' if !double && !dollar => {
                if single {
                    has_word = true;
                }
                single = !single;
                continue;
            }
            ';' | '&' | '|' | '<' | '>' if !(single || double || backtick || dollar) => {
                break;
            }
            _ => {}
        }
        has_word = true;
        buf.push(c);
    }
    if has_word {
        args.push(buf);
    }
    if escaped || single || double || backtick || dollar {
        return Err(INVALID.to_string());
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::split;

    fn ok(s: &str) -> Vec<String> {
        split(s).unwrap_or_else(|e| vec![format!("ERR {e}")])
    }

    #[test]
    fn matches_the_oracle() {
        assert_eq!(ok("echo hi \"there you\""), ["echo", "hi", "there you"]);
        assert_eq!(ok("echo a && echo b"), ["echo", "a"]);
        assert_eq!(ok("echo a;b"), ["echo", "a"]);
        assert_eq!(ok("a > b"), ["a"]);
        assert_eq!(ok("a>b c"), ["a"]);
        assert_eq!(
            ok(r#"echo "x\"y" 'a\b' c\td '' "" e"f g"h"#),
            ["echo", "x\"y", "a\\b", "ctd", "", "", "ef gh"]
        );
        assert_eq!(ok("echo `date`"), ["echo", "`date`"]);
        assert_eq!(ok("echo $(pwd)"), ["echo", "$(pwd)"]);
        assert_eq!(ok(r#"echo "a\nb" a\nb"#), ["echo", "anb", "anb"]);
        assert_eq!(ok("  "), Vec::<String>::new());
        assert_eq!(ok(""), Vec::<String>::new());
    }

    #[test]
    fn invalid_lines() {
        assert!(split("echo (x)").is_err());
        assert!(split("echo a\\").is_err());
        assert!(split("echo \"open").is_err());
        assert!(split("echo 'open").is_err());
    }
}
