//! YAML as Compose reads it, with exact spans.
//!
//! `saphyr-parser` gives us an event stream with character positions; we build our own small
//! tree from it ([`tree`]) where every key and scalar keeps its byte range, anchors, aliases and
//! `<<` merge keys are resolved the way go-yaml v3 (inside Compose) resolves them, duplicate
//! keys are kept and reported rather than lost, and alias expansion is bounded so that an
//! alias bomb gets a diagnostic instead of exhausting memory. [`scalar`] types plain scalars
//! exactly as go-yaml v3 does (`0755` is an octal int, `yes` a string, `1e3` a float).

pub mod parse;
pub mod scalar;
pub mod tree;

pub use parse::parse;
pub use scalar::Resolved;
pub use tree::{Entry, Node, NodeKind, Problem, ProblemKind, Scalar, ScalarStyle, YamlFile};
