//! The terminal form of an [`Explanation`]: one block per service, one short paragraph per
//! variable — the value, the entry that set it, each `${VAR}` with the source that won, and
//! the candidates that lost. Compact on purpose: a whole small project fits on one screen.

use super::{Candidate, Explanation, Place, Source, Use, Variable};
use std::fmt::Write;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    fn warn(&self, t: &str) -> String {
        self.paint("33", t)
    }
}

pub fn render(e: &Explanation, color: bool) -> String {
    let st = Style { color };
    let mut out = String::new();
    for (i, svc) in e.services.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let inactive = if svc.active {
            ""
        } else {
            " (inactive: its profiles are not enabled)"
        };
        let _ = writeln!(
            out,
            "{} {}{}",
            st.dim(&format!("project {} · service", e.project)),
            st.bold(&svc.name),
            inactive
        );
        if svc.variables.is_empty() {
            let _ = writeln!(out, "  (no environment variables)");
        }
        for v in &svc.variables {
            variable(&mut out, v, &st);
        }
    }
    out
}

fn quoted(value: &Option<String>) -> String {
    match value {
        Some(v) if v.is_empty() => "\"\"".to_string(),
        Some(v) => v.clone(),
        None => "(not set)".to_string(),
    }
}

fn at(place: &Option<Place>) -> String {
    match place {
        Some(p) => format!("{}:{}:{}", p.file, p.line, p.column),
        None => String::new(),
    }
}

fn source(s: &Source) -> String {
    match &s.at {
        Some(p) => format!("{} {}", s.description, at(&Some(p.clone()))),
        None => s.description.clone(),
    }
}

fn variable(out: &mut String, v: &Variable, st: &Style) {
    let value = match &v.value {
        None => st.warn("(not passed to the container)"),
        Some(s) if s.is_empty() => st.warn("\"\""),
        Some(_) => quoted(&v.value),
    };
    let _ = writeln!(out, "  {} = {}", st.bold(&v.name), value);
    let literal = if v.uses.is_empty() && v.origin.kind == "environment" {
        " (literal)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "    {} {}{}",
        st.dim("set by"),
        source(&v.origin),
        literal
    );
    for u in &v.uses {
        use_line(out, u, st);
    }
    for c in &v.overrides {
        candidate(out, "overrides", c, &v.name, st);
    }
}

fn use_line(out: &mut String, u: &Use, st: &Style) {
    let place = if u.at.is_some() {
        format!(" at {}", at(&u.at))
    } else {
        String::new()
    };
    let unused = if u.decided {
        ""
    } else {
        " (default not taken)"
    };
    match &u.source {
        Some(src) => {
            let _ = writeln!(
                out,
                "    {}{place} {} {} = {}{unused}",
                u.expression,
                st.dim("←"),
                source(src),
                quoted(&u.value)
            );
        }
        None => {
            let note = if u.warns_unset {
                st.warn("unset → \"\" (Compose warns and injects an empty string)")
            } else if u.decided {
                "unset → the expression's default or alternative".to_string()
            } else {
                "unset".to_string()
            };
            let _ = writeln!(
                out,
                "    {}{place} {} {note}{unused}",
                u.expression,
                st.dim("←")
            );
        }
    }
    for c in &u.shadowed {
        candidate(out, "shadows", c, &u.variable, st);
    }
}

fn candidate(out: &mut String, verb: &str, c: &Candidate, name: &str, st: &Style) {
    let _ = writeln!(
        out,
        "      {} {}: {}={}",
        st.dim(verb),
        source(&c.source),
        name,
        quoted(&c.value)
    );
}
