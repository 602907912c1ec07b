//! composelint's own diagnostic type: the single source every renderer reads.

use crate::source::{FileId, Span};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A secondary place that explains the finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: String,
    pub edits: Vec<Edit>,
}

/// One finding. `primary` is `None` only for findings about a whole file that has no usable
/// text (an unreadable input); `file` always names the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: FileId,
    pub primary: Option<Span>,
    /// Text shown under the primary span by the human renderer (may be empty).
    pub primary_message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub services: Vec<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding at `span`, with the rule's default severity filled in by the registry
    /// later if the rule does not choose one.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            file: span.file,
            primary: Some(span),
            primary_message: String::new(),
            labels: Vec::new(),
            help: None,
            services: Vec::new(),
            fix: None,
        }
    }

    /// A finding about a whole file with no position (unreadable input).
    pub fn file_level(
        rule: &'static str,
        severity: Severity,
        file: FileId,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            file,
            primary: None,
            primary_message: String::new(),
            labels: Vec::new(),
            help: None,
            services: Vec::new(),
            fix: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_primary_message(mut self, message: impl Into<String>) -> Self {
        self.primary_message = message.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_services<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        services: I,
    ) -> Self {
        self.services.extend(services.into_iter().map(Into::into));
        self.services.sort();
        self.services.dedup();
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Identity used to report a finding once even when several projects reach the same
    /// file (CLI.md: once per rule, file, span).
    pub fn dedup_key(&self) -> (&'static str, FileId, Option<(usize, usize)>, &str) {
        (
            self.rule,
            self.file,
            self.primary.map(|s| (s.start, s.end)),
            self.message.as_str(),
        )
    }
}
