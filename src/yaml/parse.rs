//! Builds [`YamlFile`] from saphyr-parser events.
//!
//! One parse attempt feeds saphyr's events to the [`Builder`]. When saphyr stops on an error
//! that go-yaml would not raise, [`PatchedText::fix`] edits a copy of the text without
//! changing its meaning and we try again (a bounded number of times); an edit is kept only if
//! the new attempt gets further than the error it fixed.

use super::build::{Abort, Builder};
use super::compat::{Fix, FixCheck, PatchedText};
use super::message::{first_unknown_escape, humanize};
use super::offsets::CharCursor;
use super::spans::alias_name;
use super::tree::{Problem, ProblemKind, Scalar, ScalarStyle, YamlFile};
use crate::source::{FileId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, Tag};

/// Each compatibility fix costs a full re-parse; real files need a handful at most.
const MAX_FIXES: usize = 64;

/// Parse one file's text. Never panics; problems are returned, not raised.
pub fn parse(file: FileId, text: &str) -> YamlFile {
    let mut patched = PatchedText::new(text);
    let mut current = attempt(file, text, &patched);
    for _ in 0..MAX_FIXES {
        let Some(error) = &current.error else {
            break;
        };
        let mut candidate = patched.clone();
        let Some(fix) = candidate.fix(&error.info, error.marker) else {
            break;
        };
        let next = attempt(file, text, &candidate);
        if !next.accepts(fix, text) {
            break;
        }
        patched = candidate;
        current = next;
    }
    current.into_file(file, text)
}

/// Where saphyr stopped: its message and the position, in edited-text and original chars.
struct SaphyrError {
    info: String,
    marker: usize,
    original: usize,
}

struct Attempt {
    file: YamlFile,
    error: Option<SaphyrError>,
    /// Byte ranges of the flow collections seen (open ones end at `usize::MAX`).
    flow_ranges: Vec<(usize, usize)>,
}

impl Attempt {
    /// An attempt with a fix counts when it got past the fixed error and, for a fix that is
    /// neutral only inside a flow collection, when the fixed line is inside one.
    fn accepts(&self, fix: Fix, text: &str) -> bool {
        let progressed = self.error.as_ref().is_none_or(|e| e.original > fix.at);
        let neutral = match fix.check {
            FixCheck::None => true,
            FixCheck::InsideFlow(at) => {
                let byte = CharCursor::new(text).byte_of(at);
                self.flow_ranges
                    .iter()
                    .any(|&(start, end)| start < byte && byte < end)
            }
        };
        progressed && neutral
    }

    fn into_file(self, file: FileId, text: &str) -> YamlFile {
        let mut yaml = self.file;
        if let Some(error) = self.error {
            let at = CharCursor::new(text).byte_of(error.original);
            yaml.problems
                .push(error_problem(file, text, &error.info, at));
        }
        yaml.problems.sort_by_key(|p| (p.span.start, p.span.end));
        yaml
    }
}

/// One pass of saphyr over `patched`, building the tree with original byte spans.
fn attempt(file: FileId, text: &str, patched: &PatchedText) -> Attempt {
    let mut parser = Parser::new_from_str(&patched.text);
    let mut cursor = CharCursor::new(text);
    let mut builder = Builder::new(file, text);
    let mut error = None;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(e) => {
                let marker = e.marker().index();
                error = Some(SaphyrError {
                    info: e.info().to_string(),
                    marker,
                    original: patched.original_char(marker),
                });
                break;
            }
        };
        let start = cursor.byte_of(patched.original_char(span.start.index()));
        let end = cursor.byte_of(patched.original_char(span.end.index()));
        let end = end.max(start);
        if feed(&mut builder, event, start, end).is_err() {
            break;
        }
        builder.event_done(end);
    }
    let flow_ranges = builder.flow_ranges().to_vec();
    Attempt {
        file: builder.finish(),
        error,
        flow_ranges,
    }
}

fn feed(
    builder: &mut Builder<'_>,
    event: Event<'_>,
    start: usize,
    end: usize,
) -> Result<(), Abort> {
    match event {
        Event::DocumentStart(_) => builder.document_start(),
        Event::DocumentEnd => builder.document_end(),
        Event::Scalar(value, style, anchor, tag) => {
            let scalar = Scalar {
                value: value.into_owned(),
                style: convert_style(style),
            };
            builder.scalar(scalar, anchor, tag.map(|t| tag_text(&t)), start, end);
        }
        Event::Alias(id) => builder.alias(id, start, end),
        Event::SequenceStart(anchor, tag) => {
            builder.collection_start(false, anchor, tag.map(|t| tag_text(&t)), start, end)?;
        }
        Event::MappingStart(anchor, tag) => {
            builder.collection_start(true, anchor, tag.map(|t| tag_text(&t)), start, end)?;
        }
        Event::SequenceEnd | Event::MappingEnd => builder.collection_end(end),
        Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
    }
    Ok(())
}

/// The tag with its handle expanded: `!!str` → `tag:yaml.org,2002:str`, `!reset` → `!reset`.
fn tag_text(tag: &Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

fn convert_style(style: SaphyrStyle) -> ScalarStyle {
    match style {
        SaphyrStyle::Plain => ScalarStyle::Plain,
        SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        SaphyrStyle::Literal => ScalarStyle::Literal,
        SaphyrStyle::Folded => ScalarStyle::Folded,
    }
}

/// The problem for saphyr's final error, at byte `at` of the original text.
fn error_problem(file: FileId, text: &str, info: &str, at: usize) -> Problem {
    let at = at.min(text.len());
    let one_char = |start: usize| {
        let len = text
            .get(start..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        Span::new(file, start, start + len)
    };
    if info == "while parsing node, found unknown anchor" {
        let name = alias_name(text, at, text.len());
        let end = at + 1 + name.len();
        return Problem {
            kind: ProblemKind::UnknownAlias,
            span: Span::new(file, at, end.min(text.len())),
            message: format!("unknown anchor '{name}' referenced"),
        };
    }
    if info == "while parsing a quoted scalar, found unknown escape character" {
        let raw = text.get(at..).unwrap_or_default();
        if let Some(offset) = first_unknown_escape(raw) {
            let start = at + offset;
            let len = raw
                .get(offset..)
                .map_or(0, |r| r.chars().take(2).map(char::len_utf8).sum());
            return Problem {
                kind: ProblemKind::Syntax,
                span: Span::new(file, start, start + len),
                message: "found unknown escape character".to_string(),
            };
        }
    }
    // saphyr reports a tab used as indentation just after the tab: point at the tab itself,
    // the character that is wrong.
    let at = if info.contains("tab") && at > 0 && text.get(at - 1..at) == Some("\t") {
        at - 1
    } else {
        at
    };
    Problem {
        kind: ProblemKind::Syntax,
        span: one_char(at),
        message: humanize(info),
    }
}
