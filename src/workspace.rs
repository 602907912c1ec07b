//! The workspace: every file read during a run, parsed once, shared by all projects.

use crate::dotenv::{self, DotenvFile};
use crate::source::{FileId, SourceMap};
use crate::yaml::{self, YamlFile};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: SourceMap,
    pub yaml: BTreeMap<FileId, YamlFile>,
    pub dotenv: BTreeMap<FileId, DotenvFile>,
}

impl Workspace {
    pub fn new(sources: SourceMap) -> Self {
        Workspace {
            sources,
            ..Default::default()
        }
    }

    /// Read standard input once and register it as the compose file `-` (what `-f -`
    /// names), shown as `display` (`--stdin-filename`). Unreadable or non-UTF-8 input is
    /// registered with its load error, like any file.
    pub fn register_stdin(&mut self, display: &str) -> FileId {
        if let Some(id) = self.sources.find(Path::new("-")) {
            return id;
        }
        let mut bytes = Vec::new();
        let read = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes);
        if read.is_err() {
            bytes.clear();
        }
        let id = self.sources.add_bytes("-", display, bytes);
        self.parse_yaml(id);
        id
    }

    /// Load and parse a YAML file (once). Unreadable files are registered without a parse.
    pub fn load_yaml(&mut self, path: &Path) -> FileId {
        let id = self.sources.load(path);
        self.parse_yaml(id);
        id
    }

    /// Parse an already registered file as YAML (once).
    pub fn parse_yaml(&mut self, id: FileId) -> Option<&YamlFile> {
        let f = self.sources.get(id);
        if !f.is_readable() {
            return None;
        }
        Some(
            self.yaml
                .entry(id)
                .or_insert_with(|| yaml::parse(id, &f.text)),
        )
    }

    /// Load and parse a dotenv-dialect file (once).
    pub fn load_dotenv(&mut self, path: &Path) -> FileId {
        let id = self.sources.load(path);
        self.parse_dotenv(id);
        id
    }

    pub fn parse_dotenv(&mut self, id: FileId) -> Option<&DotenvFile> {
        let f = self.sources.get(id);
        if !f.is_readable() {
            return None;
        }
        Some(
            self.dotenv
                .entry(id)
                .or_insert_with(|| dotenv::parse(id, &f.text)),
        )
    }
}
