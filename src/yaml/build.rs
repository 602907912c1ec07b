//! Building the span tree from parser events, with an explicit stack (no recursion, so a
//! 100,000-deep document cannot overflow the Rust stack).
//!
//! Anchored nodes are remembered when they complete; an alias becomes a clone of its anchor
//! that keeps the anchor's span. Clones are paid for from a node budget so that an alias bomb
//! (each level aliasing the previous one ten times) stops with a problem after a bounded
//! amount of work and memory instead of expanding to billions of nodes.

use super::mapping;
use super::message::first_unknown_escape;
use super::scalar::decode_error;
use super::spans::{
    alias_name, find_block_indicator, is_flow_start, skip_properties, trim_trailing_blanks,
};
use super::tree::{Node, NodeKind, Problem, ProblemKind, Scalar, ScalarStyle, YamlFile};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// Deeper nesting than this stops the parse: no compose file nests more than a few dozen
/// levels, and a bound keeps pathological input cheap.
pub const MAX_DEPTH: usize = 1_000;

/// Alias expansion may create at least this many nodes...
const MIN_ALIAS_BUDGET: usize = 200_000;
/// ...or this many per event parsed so far, whichever is larger...
const ALIAS_BUDGET_PER_EVENT: usize = 20;
/// ...but never more than this (about a hundred megabytes of nodes).
const MAX_ALIAS_BUDGET: usize = 1_000_000;

/// A node as it was written: its tree node, how many nodes it holds, where it is written
/// (for an alias: the `*name` itself, not the anchor) and, for an alias, the anchor's name.
pub struct Built {
    pub node: Node,
    pub size: usize,
    pub written: Span,
    pub alias: Option<String>,
}

/// The parse must stop (depth limit).
pub struct Abort;

struct Frame {
    mapping: bool,
    /// Index in `flow_ranges` when this is a flow collection.
    flow: Option<usize>,
    start: usize,
    tag: Option<String>,
    anchor: usize,
    items: Vec<Built>,
    size: usize,
}

struct Anchored {
    node: Node,
    size: usize,
}

pub struct Builder<'t> {
    file: FileId,
    text: &'t str,
    frames: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    root: Option<Node>,
    documents: Vec<Node>,
    problems: Vec<Problem>,
    /// Byte ranges of flow collections (end = `usize::MAX` while open).
    flow_ranges: Vec<(usize, usize)>,
    /// End of the previous event, where a block scalar's indicator search starts.
    previous_end: usize,
    events: usize,
    alias_nodes: usize,
    expansion_reported: bool,
}

impl<'t> Builder<'t> {
    pub fn new(file: FileId, text: &'t str) -> Self {
        Builder {
            file,
            text,
            frames: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            documents: Vec::new(),
            problems: Vec::new(),
            flow_ranges: Vec::new(),
            previous_end: 0,
            events: 0,
            alias_nodes: 0,
            expansion_reported: false,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end.max(start))
    }

    /// Called after each event with the event's end, in bytes.
    pub fn event_done(&mut self, end: usize) {
        self.events += 1;
        self.previous_end = end;
    }

    pub fn document_start(&mut self) {
        self.root = None;
        self.frames.clear();
    }

    pub fn document_end(&mut self) {
        if let Some(root) = self.root.take() {
            self.documents.push(root);
        }
    }

    pub fn scalar(
        &mut self,
        scalar: Scalar,
        anchor: usize,
        tag: Option<String>,
        start: usize,
        end: usize,
    ) {
        let has_properties = anchor > 0 || tag.is_some();
        let mut content = if has_properties {
            skip_properties(self.text, start, end)
        } else {
            start
        };
        let mut content_end = end;
        if matches!(scalar.style, ScalarStyle::Literal | ScalarStyle::Folded) {
            let from = if has_properties {
                content
            } else {
                self.previous_end.min(start)
            };
            let indicator = find_block_indicator(self.text, from, start.max(content));
            if let Some(at) = indicator {
                content = at;
            }
            content_end = trim_trailing_blanks(self.text, content, end);
            if indicator.is_some() {
                // At least the one-byte indicator itself.
                content_end = content_end.max(content + 1);
            }
        }
        let span = self.span(content, content_end);
        if scalar.style == ScalarStyle::DoubleQuoted {
            self.check_go_yaml_escapes(span);
        }
        if let Some(message) = decode_error(&scalar, tag.as_deref()) {
            self.problems.push(Problem {
                kind: ProblemKind::Syntax,
                span,
                message,
            });
        }
        let node = Node {
            kind: NodeKind::Scalar(scalar),
            span,
            tag,
        };
        self.complete(
            Built {
                node,
                size: 1,
                written: span,
                alias: None,
            },
            anchor,
        );
    }

    /// go-yaml rejects `\/`, which saphyr (YAML 1.2) accepts.
    fn check_go_yaml_escapes(&mut self, span: Span) {
        let raw = self.text.get(span.start..span.end).unwrap_or_default();
        if let Some(offset) = first_unknown_escape(raw) {
            let at = span.start + offset;
            self.problems.push(Problem {
                kind: ProblemKind::Syntax,
                span: self.span(at, at + 2),
                message: "found unknown escape character".to_string(),
            });
        }
    }

    pub fn alias(&mut self, id: usize, start: usize, end: usize) {
        let written = self.span(start, end);
        let name = alias_name(self.text, start, end).to_string();
        let budget = (self.events.saturating_mul(ALIAS_BUDGET_PER_EVENT))
            .clamp(MIN_ALIAS_BUDGET, MAX_ALIAS_BUDGET);
        let built = match self.anchors.get(&id) {
            Some(anchored) if self.alias_nodes.saturating_add(anchored.size) <= budget => {
                self.alias_nodes += anchored.size;
                Some(Built {
                    node: anchored.node.clone(),
                    size: anchored.size,
                    written,
                    alias: Some(name.clone()),
                })
            }
            Some(_) => {
                if !self.expansion_reported {
                    self.expansion_reported = true;
                    self.problems.push(Problem {
                        kind: ProblemKind::AliasExpansionLimit,
                        span: written,
                        message: format!(
                            "expanding alias '{name}' would exceed {budget} nodes; aliases are not expanded from here on"
                        ),
                    });
                }
                None
            }
            None => {
                // saphyr rejects aliases to unknown anchors itself, so a known id without a
                // finished node is an alias inside its own anchor.
                self.problems.push(Problem {
                    kind: ProblemKind::UnknownAlias,
                    span: written,
                    message: format!("anchor '{name}' value contains itself"),
                });
                None
            }
        };
        let built = built.unwrap_or_else(|| Built {
            node: Node {
                kind: NodeKind::Scalar(Scalar {
                    value: String::new(),
                    style: ScalarStyle::Plain,
                }),
                span: written,
                tag: None,
            },
            size: 1,
            written,
            alias: Some(name),
        });
        self.complete(built, 0);
    }

    pub fn collection_start(
        &mut self,
        mapping: bool,
        anchor: usize,
        tag: Option<String>,
        start: usize,
        end: usize,
    ) -> Result<(), Abort> {
        if self.frames.len() >= MAX_DEPTH {
            self.problems.push(Problem {
                kind: ProblemKind::DepthLimit,
                span: self.span(start, end),
                message: format!("nesting deeper than {MAX_DEPTH} levels; parsing stopped here"),
            });
            return Err(Abort);
        }
        let content = if anchor > 0 || tag.is_some() {
            skip_properties(self.text, start, end)
        } else {
            start
        };
        let flow = is_flow_start(self.text, start, end).then(|| {
            self.flow_ranges.push((content, usize::MAX));
            self.flow_ranges.len() - 1
        });
        self.frames.push(Frame {
            mapping,
            flow,
            start: content,
            tag,
            anchor,
            items: Vec::new(),
            size: 1,
        });
        Ok(())
    }

    pub fn collection_end(&mut self, end: usize) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let span_end = match frame.flow {
            Some(index) => {
                if let Some(range) = self.flow_ranges.get_mut(index) {
                    range.1 = end;
                }
                end
            }
            None => frame
                .items
                .iter()
                .map(|i| i.written.end)
                .max()
                .unwrap_or(frame.start),
        };
        let span = self.span(frame.start, span_end);
        let kind = if frame.mapping {
            NodeKind::Mapping(mapping::finish(frame.items, &mut self.problems))
        } else {
            NodeKind::Sequence(frame.items.into_iter().map(|i| i.node).collect())
        };
        let node = Node {
            kind,
            span,
            tag: frame.tag,
        };
        self.complete(
            Built {
                node,
                size: frame.size,
                written: span,
                alias: None,
            },
            frame.anchor,
        );
    }

    fn complete(&mut self, built: Built, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    node: built.node.clone(),
                    size: built.size,
                },
            );
        }
        match self.frames.last_mut() {
            Some(parent) => {
                parent.size = parent.size.saturating_add(built.size);
                parent.items.push(built);
            }
            None => self.root = Some(built.node),
        }
    }

    /// The byte ranges of the flow collections seen (open ones end at `usize::MAX`).
    pub fn flow_ranges(&self) -> &[(usize, usize)] {
        &self.flow_ranges
    }

    pub fn finish(self) -> YamlFile {
        YamlFile {
            documents: self.documents,
            problems: self.problems,
        }
    }
}
