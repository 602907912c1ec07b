//! State shared by the loading steps: the workspace, Compose's working directory, the
//! warnings collected so far and the files the project reached.

use super::model::{ComposeWarning, WarningKind};
use crate::source::{FileId, Span};
use crate::workspace::Workspace;
use std::collections::HashSet;

pub(crate) struct LoadCtx<'a> {
    pub ws: &'a mut Workspace,
    /// The directory Compose runs in (absolute, cleaned).
    pub cwd: String,
    pub warnings: Vec<ComposeWarning>,
    seen_warnings: HashSet<String>,
    pub files: Vec<FileId>,
}

impl<'a> LoadCtx<'a> {
    pub fn new(ws: &'a mut Workspace, cwd: String) -> Self {
        LoadCtx {
            ws,
            cwd,
            warnings: Vec::new(),
            seen_warnings: HashSet::new(),
            files: Vec::new(),
        }
    }

    /// Record a warning once per message (Compose repeats them across load passes).
    pub fn warn(&mut self, kind: WarningKind, message: String, span: Option<Span>) {
        if self.seen_warnings.insert(message.clone()) {
            self.warnings.push(ComposeWarning {
                kind,
                message,
                span,
            });
        }
    }

    pub fn warn_unset(&mut self, name: &str, span: Option<Span>) {
        self.warn(
            WarningKind::UnsetVariable {
                name: name.to_string(),
            },
            unset_variable_message(name),
            span,
        );
    }

    /// Note that the project reached this file.
    pub fn reach(&mut self, id: FileId) {
        if !self.files.contains(&id) {
            self.files.push(id);
        }
    }
}

/// Compose's (logrus) warning for a plain `$X` / `${X}` whose variable is unset.
pub fn unset_variable_message(name: &str) -> String {
    format!(
        "The {} variable is not set. Defaulting to a blank string.",
        super::env::go_quote(name)
    )
}
