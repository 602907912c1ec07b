//! Finishing a mapping the way go-yaml v3 decodes it: duplicate keys among the keys written
//! in the mapping, then `<<` merge keys.
//!
//! Duplicates: go-yaml compares every pair of written keys by node kind and raw value, so
//! `1` and `"1"` collide (same text), `1` and `01` do not, an alias key compares by anchor
//! name, and merged keys never count.
//!
//! Merges (go-yaml's `decoder.merge`): only the last `<<` entry is used; its value must be a
//! mapping (inline or through an alias) or a sequence, written inline, of mappings. A key
//! enters the result the first time it is seen in this order: the mapping's own keys, then
//! each merged mapping in sequence order. So explicit keys beat merged ones and an earlier
//! mapping of the sequence beats a later one. When every key the mapping writes is a string,
//! go-yaml compares merged keys as text; otherwise it compares decoded values (`1` the int
//! and `"1"` the string differ, `01` and `1` are both the int 1).

use super::build::Built;
use super::scalar::{Resolved, resolve};
use super::tree::{Entry, Node, NodeKind, Problem, ProblemKind, ScalarStyle};
use std::collections::{HashMap, HashSet};

const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

/// Pair up the written keys and values, report duplicates, resolve merges.
pub fn finish(items: Vec<Built>, problems: &mut Vec<Problem>) -> Vec<Entry> {
    let mut pairs = Vec::with_capacity(items.len() / 2);
    let mut items = items.into_iter();
    while let (Some(key), Some(value)) = (items.next(), items.next()) {
        pairs.push((key, value));
    }
    report_duplicates(&pairs, problems);

    let Some(merge_index) = pairs.iter().rposition(|(k, _)| is_merge_key(k)) else {
        return pairs.into_iter().map(|(k, v)| entry(k, v, false)).collect();
    };
    if let Some((_, value)) = pairs.get(merge_index)
        && !is_valid_merge_value(value)
    {
        problems.push(Problem {
            kind: ProblemKind::InvalidMerge,
            span: value.written,
            message: "map merge requires map or sequence of maps as the value".to_string(),
        });
        return pairs.into_iter().map(|(k, v)| entry(k, v, false)).collect();
    }

    let textual = pairs
        .iter()
        .all(|(k, _)| is_merge_key(k) || is_string_key(&k.node));
    let mut seen = KeyIds::new(textual);
    for (key, _) in &pairs {
        seen.insert(&key.node);
    }

    let mut out = Vec::with_capacity(pairs.len());
    for (index, (key, value)) in pairs.into_iter().enumerate() {
        if !is_merge_key(&key) {
            out.push(entry(key, value, false));
        } else if index == merge_index {
            for source in merge_sources(value.node) {
                for e in source {
                    if seen.insert(&e.key) {
                        out.push(Entry {
                            from_merge: true,
                            ..e
                        });
                    }
                }
            }
        }
        // An earlier `<<` of the same mapping is ignored by go-yaml (and reported as a
        // duplicate key above).
    }
    out
}

fn entry(key: Built, value: Built, from_merge: bool) -> Entry {
    Entry {
        key: key.node,
        value: value.node,
        from_merge,
    }
}

fn report_duplicates(pairs: &[(Built, Built)], problems: &mut Vec<Problem>) {
    let mut first_seen: HashMap<DupKey<'_>, crate::source::Span> = HashMap::new();
    for (key, _) in pairs {
        let id = DupKey::of(key);
        match first_seen.get(&id) {
            Some(first) => {
                let shown = id.shown();
                problems.push(Problem {
                    kind: ProblemKind::DuplicateKey {
                        key: shown.to_string(),
                        first: *first,
                    },
                    span: key.written,
                    message: format!("mapping key \"{shown}\" already defined"),
                });
            }
            None => {
                first_seen.insert(id, key.written);
            }
        }
    }
}

/// go-yaml's identity of a written key for the duplicate check: node kind and raw value.
#[derive(Hash, PartialEq, Eq)]
enum DupKey<'a> {
    Scalar(&'a str),
    Alias(&'a str),
    Sequence,
    Mapping,
}

impl<'a> DupKey<'a> {
    fn of(key: &'a Built) -> Self {
        if let Some(name) = &key.alias {
            return DupKey::Alias(name);
        }
        match &key.node.kind {
            NodeKind::Scalar(s) => DupKey::Scalar(&s.value),
            NodeKind::Sequence(_) => DupKey::Sequence,
            NodeKind::Mapping(_) => DupKey::Mapping,
        }
    }

    fn shown(&self) -> &'a str {
        match self {
            DupKey::Scalar(s) | DupKey::Alias(s) => s,
            DupKey::Sequence | DupKey::Mapping => "",
        }
    }
}

/// A plain, untagged (or `!`/`!!merge` tagged) `<<` written in the mapping.
fn is_merge_key(key: &Built) -> bool {
    if key.alias.is_some() {
        return false;
    }
    let Some(s) = key.node.as_scalar() else {
        return false;
    };
    s.value == "<<"
        && s.style == ScalarStyle::Plain
        && matches!(key.node.tag.as_deref(), None | Some("!") | Some(MERGE_TAG))
}

fn is_valid_merge_value(value: &Built) -> bool {
    match &value.node.kind {
        NodeKind::Mapping(_) => true,
        NodeKind::Sequence(items) => {
            value.alias.is_none() && items.iter().all(|i| matches!(i.kind, NodeKind::Mapping(_)))
        }
        NodeKind::Scalar(_) => false,
    }
}

fn merge_sources(value: Node) -> Vec<Vec<Entry>> {
    match value.kind {
        NodeKind::Mapping(entries) => vec![entries],
        NodeKind::Sequence(items) => items
            .into_iter()
            .filter_map(|i| match i.kind {
                NodeKind::Mapping(entries) => Some(entries),
                _ => None,
            })
            .collect(),
        NodeKind::Scalar(_) => Vec::new(),
    }
}

fn is_string_key(key: &Node) -> bool {
    match key.as_scalar() {
        Some(_) => key.resolved() == Some(Resolved::Str),
        None => false,
    }
}

/// The keys already in a merged mapping, compared as go-yaml compares them.
struct KeyIds {
    textual: bool,
    seen: HashSet<MergeKey>,
}

#[derive(Hash, PartialEq, Eq)]
enum MergeKey {
    Text(String),
    Null,
    Bool(bool),
    Int(i128),
    FloatBits(u64),
    Timestamp(String),
}

impl KeyIds {
    fn new(textual: bool) -> Self {
        KeyIds {
            textual,
            seen: HashSet::new(),
        }
    }

    /// Record `key`; false when an equal key was already there. Keys go-yaml cannot compare
    /// (collections, NaN) never equal anything.
    fn insert(&mut self, key: &Node) -> bool {
        match self.identity(key) {
            Some(id) => self.seen.insert(id),
            None => true,
        }
    }

    fn identity(&self, key: &Node) -> Option<MergeKey> {
        let s = key.as_scalar()?;
        if self.textual {
            return Some(MergeKey::Text(s.value.clone()));
        }
        Some(match resolve(s, key.tag.as_deref()) {
            Resolved::Null => MergeKey::Null,
            Resolved::Bool(b) => MergeKey::Bool(b),
            Resolved::Int(i) => MergeKey::Int(i128::from(i)),
            Resolved::Uint(u) => MergeKey::Int(i128::from(u)),
            Resolved::Float(f) if f.is_nan() => return None,
            // +0 and -0 are the same map key in Go.
            Resolved::Float(f) => MergeKey::FloatBits(if f == 0.0 { 0 } else { f.to_bits() }),
            Resolved::Timestamp => MergeKey::Timestamp(s.value.clone()),
            Resolved::Str => MergeKey::Text(s.value.clone()),
        })
    }
}
