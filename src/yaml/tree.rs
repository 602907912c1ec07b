//! The span tree built from YAML events.

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The scalar's value after YAML unescaping/folding.
    pub value: String,
    pub style: ScalarStyle,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// True when the entry came in through a `<<` merge key rather than being written in
    /// this mapping.
    pub from_merge: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Sequence(Vec<Node>),
    /// Entries in document order. Merge keys (`<<`) are already resolved: merged entries
    /// stand where the `<<` key stood, minus keys the mapping writes itself. Duplicate keys
    /// written in the mapping are all kept (the later one is what Compose would see if it
    /// did not reject the file) and reported as [`ProblemKind::DuplicateKey`].
    Mapping(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// The node's own text. For a node reached through an alias, the span of the anchored
    /// original (so a finding inside an anchor is reported once, where it is written).
    pub span: Span,
    /// A tag as written (`!reset`, `!override`, `!!str`), if any, with the handle expanded
    /// (`!!str` is `tag:yaml.org,2002:str`).
    pub tag: Option<String>,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.value.as_str())
    }

    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(s) => Some(s),
            _ => None,
        }
    }

    /// The value of the last entry whose key is the scalar `key` (later duplicates win).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|e| &e.value)
    }

    pub fn get_entry(&self, key: &str) -> Option<&Entry> {
        self.as_mapping()?
            .iter()
            .rev()
            .find(|e| e.key.as_str() == Some(key))
    }

    /// How this node's scalar would be typed by go-yaml v3 (None for collections).
    pub fn resolved(&self) -> Option<super::Resolved> {
        let s = self.as_scalar()?;
        Some(super::scalar::resolve(s, self.tag.as_deref()))
    }

    /// The text Compose makes of this scalar where it wants a string (an `environment`
    /// value, a label): the scalar's own text for a string, Go's printing for a typed value
    /// (`0755` → `493`, `1e6` → `1e+06`, `TRUE` → `true`). `None` for null, for a timestamp
    /// (Compose refuses it) and for collections.
    pub fn go_string(&self) -> Option<String> {
        let s = self.as_scalar()?;
        match self.resolved()? {
            super::Resolved::Str => Some(s.value.clone()),
            typed => typed.go_string(),
        }
    }

    /// The file span of a byte range `rel` of this scalar's *value*, when the value is
    /// written verbatim in the file (plain single-line scalars, quoted scalars without
    /// escapes); otherwise the whole node's span. Used to point at one `${VAR}` inside a
    /// longer value.
    pub fn value_subspan(&self, source_text: &str, rel: std::ops::Range<usize>) -> Span {
        let Some(s) = self.as_scalar() else {
            return self.span;
        };
        let inner_start = match s.style {
            ScalarStyle::Plain => 0,
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => 1,
            _ => return self.span,
        };
        let start = self.span.start.saturating_add(inner_start);
        let written = start
            .checked_add(s.value.len())
            .and_then(|end| source_text.get(start..end));
        let verbatim = written == Some(s.value.as_str());
        if verbatim && rel.start <= rel.end && rel.end <= s.value.len() {
            Span::new(self.span.file, start + rel.start, start + rel.end)
        } else {
            self.span
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The text is not YAML (scanner or parser error).
    Syntax,
    /// A mapping key written twice; `first` is the earlier one. Compose rejects the file:
    /// `mapping key "K" already defined at line M`.
    DuplicateKey { key: String, first: Span },
    /// An alias names no anchor.
    UnknownAlias,
    /// Expanding aliases would exceed the node budget (an alias bomb).
    AliasExpansionLimit,
    /// Nesting deeper than the depth limit.
    DepthLimit,
    /// A `<<` merge whose value is not a mapping or a list of mappings.
    InvalidMerge,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
}

/// The result of parsing one file. `documents` holds every document that was completely
/// parsed; after a syntax error, parsing stops and the problem says where.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YamlFile {
    pub documents: Vec<Node>,
    pub problems: Vec<Problem>,
}

impl YamlFile {
    /// True when Compose would refuse to load this file for YAML reasons.
    pub fn is_fatal(&self) -> bool {
        !self.problems.is_empty()
    }
}
