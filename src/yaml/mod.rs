//! YAML as Compose reads it, with exact spans.
//!
//! `saphyr-parser` gives us an event stream with character positions; we build our own small
//! tree from it ([`tree`]) where every key and scalar keeps its byte range, anchors, aliases and
//! `<<` merge keys are resolved the way go-yaml v3 (inside Compose) resolves them, duplicate
//! keys are kept and reported rather than lost, and alias expansion is bounded so that an
//! alias bomb gets a diagnostic instead of exhausting memory. [`scalar`] types plain scalars
//! exactly as go-yaml v3 does (`0755` is an octal int, `yes` a string, `1e3` a float).
//!
//! Where saphyr (YAML 1.2, strict) and go-yaml (libyaml, lenient) disagree on what parses, we
//! follow go-yaml for the cases real compose files hit ([`compat`]): a tab after `key:`, flow
//! collections whose closing bracket is less indented than their key, under-indented quoted
//! continuation lines, and the `\'` escape (accepted); the `\/` escape (refused).

mod build;
mod compat;
mod go_format;
mod go_number;
mod go_time;
mod mapping;
mod message;
mod offsets;
pub mod parse;
pub mod scalar;
mod spans;
pub mod tree;

pub use parse::parse;
pub use scalar::Resolved;
pub use tree::{Entry, Node, NodeKind, Problem, ProblemKind, Scalar, ScalarStyle, YamlFile};
