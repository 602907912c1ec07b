//! The short `volumes` syntax as compose-go's `format.ParseVolume` splits it
//! (`source:target:options`), enough to find a mount's target (merge de-duplication) and
//! whether its source is a host path (made absolute against the project directory).

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeSpec {
    pub source: String,
    pub target: String,
    /// Source is a host path (starts with `.`, `/` or `~`, or a Windows drive).
    pub bind: bool,
}

pub fn parse(spec: &str) -> Result<VolumeSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    match chars.len() {
        0 => return Err("invalid empty volume spec".to_string()),
        1 | 2 => {
            return Ok(VolumeSpec {
                source: String::new(),
                target: spec.to_string(),
                bind: false,
            });
        }
        _ => {}
    }
    let mut source = String::new();
    let mut target = String::new();
    let mut buffer: Vec<char> = Vec::new();
    let mut fields = 0usize;
    let mut flush = |buffer: &[char], last: bool| -> Result<(), String> {
        let text: String = buffer.iter().collect();
        if text.is_empty() {
            return Err("empty section between colons".to_string());
        }
        if source.is_empty() && last && fields == 0 {
            target = text;
        } else if fields == 0 {
            source = text;
        } else if fields == 1 {
            target = text;
        } else if !last {
            return Err("too many colons".to_string());
        }
        fields += 1;
        Ok(())
    };
    for &c in &chars {
        let windows_drive = buffer.len() == 1
            && buffer.first().is_some_and(|b| b.is_ascii_alphabetic())
            && c == ':';
        if windows_drive {
            buffer.push(c);
        } else if c == ':' {
            flush(&buffer, false).map_err(|e| format!("invalid spec: {spec}: {e}"))?;
            buffer.clear();
        } else {
            buffer.push(c);
        }
    }
    flush(&buffer, true).map_err(|e| format!("invalid spec: {spec}: {e}"))?;
    let bind = is_file_path(&source);
    Ok(VolumeSpec {
        source,
        target,
        bind,
    })
}

fn is_file_path(source: &str) -> bool {
    let mut chars = source.chars();
    match chars.next() {
        None => false,
        Some('.' | '/' | '~') => true,
        Some(c) => c.is_ascii_alphabetic() && chars.next() == Some(':'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_compose() {
        let v = parse("./data:/data:ro").unwrap();
        assert_eq!(
            (v.source.as_str(), v.target.as_str(), v.bind),
            ("./data", "/data", true)
        );
        let v = parse("named:/data").unwrap();
        assert_eq!(
            (v.source.as_str(), v.target.as_str(), v.bind),
            ("named", "/data", false)
        );
        let v = parse("/anonymous").unwrap();
        assert_eq!((v.source.as_str(), v.target.as_str()), ("", "/anonymous"));
        let v = parse("c:/win:/data").unwrap();
        assert_eq!((v.source.as_str(), v.target.as_str()), ("c:/win", "/data"));
        // A one-letter source followed by `:` is taken for a Windows drive (the oracle
        // prints source `<dir>/a:` for `a::b`); two letters cannot be one.
        assert_eq!(parse("a::b").unwrap().source, "a:");
        assert_eq!(
            parse("ab::b").unwrap_err(),
            "invalid spec: ab::b: empty section between colons"
        );
    }
}
