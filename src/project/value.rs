//! The generic model tree: a YAML document after Compose's own processing steps
//! (interpolation, type casts, merge, extends, include), with spans kept so that rules and
//! `explain` can point back at the text.

use crate::interpolate::VarUse;
use crate::source::Span;
use indexmap::IndexMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(IndexMap<String, Node>),
}

/// How a string value was produced from a `${...}` template.
#[derive(Clone, Debug, PartialEq)]
pub struct Interp {
    /// The scalar as written (before interpolation).
    pub raw: String,
    /// Every variable consulted, with ranges relative to `raw`.
    pub uses: Vec<VarUse>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Where the value is written (None for values Compose synthesises).
    pub span: Option<Span>,
    /// Where the mapping key of this value is written, for map entries.
    pub key_span: Option<Span>,
    /// `!reset` / `!override` and other explicit tags as written.
    pub tag: Option<String>,
    /// Set when the string came out of interpolation and contained at least one `$`.
    pub interp: Option<Box<Interp>>,
}

impl Node {
    pub fn new(value: Value) -> Self {
        Node {
            value,
            span: None,
            key_span: None,
            tag: None,
            interp: None,
        }
    }

    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&IndexMap<String, Node>> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_map_mut(&mut self) -> Option<&mut IndexMap<String, Node>> {
        match &mut self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.get(key)
    }

    /// The names a "list or mapping" attribute holds (`networks`, `depends_on`): the keys of
    /// a mapping, or the string items of a list.
    pub fn names(&self) -> Vec<String> {
        match &self.value {
            Value::Map(m) => m.keys().cloned().collect(),
            Value::Seq(items) => items
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
}
