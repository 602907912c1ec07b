//! The source map: owns the text of every file composelint reads (compose files, `.env`
//! files, env_files, shell snapshots, stdin) and turns byte offsets into the positions
//! editors and people expect.
//!
//! Every span in composelint is a byte range into one file of this map. Positions are
//! computed lazily from a per-file line index, so loading stays cheap.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Files larger than this are not parsed: no compose or env file is anywhere near it, and
/// refusing early keeps a stray database dump from stalling a pre-commit hook.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range `[start, end)` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The smallest span covering both (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span::new(
            self.file,
            self.start.min(other.start),
            self.end.max(other.end),
        )
    }
}

/// A 1-based position. `column` counts Unicode scalar values, `column_utf16` UTF-16 code
/// units (what LSP clients want).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

/// Why a file's text could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The OS refused (missing, permission, a directory, a symlink loop...).
    Io(String),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// Not UTF-8; `offset` is the first invalid byte. The text kept is the valid prefix
    /// plus a lossy rest, so positions before `offset` are exact.
    NotUtf8 { offset: usize },
    /// Contains a NUL byte: a binary file.
    Binary { offset: usize },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::TooLarge(n) => write!(
                f,
                "file is {n} bytes, larger than the {MAX_FILE_BYTES}-byte limit; not parsed"
            ),
            LoadError::NotUtf8 { .. } => write!(f, "file is not valid UTF-8"),
            LoadError::Binary { .. } => write!(f, "file contains a NUL byte: not a text file"),
        }
    }
}

#[derive(Debug)]
pub struct SourceFile {
    /// The path as composelint opened it (absolute for files found on disk).
    pub path: PathBuf,
    /// The name shown to users: relative to the current directory with `/` separators,
    /// absolute when outside it, or the `--stdin-filename` name.
    pub display: String,
    pub text: String,
    pub load_error: Option<LoadError>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(path: PathBuf, display: String, text: String, load_error: Option<LoadError>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceFile {
            path,
            display,
            text,
            load_error,
            line_starts,
        }
    }

    /// True when the text is usable for parsing.
    pub fn is_readable(&self) -> bool {
        self.load_error.is_none()
    }

    /// Position of a byte offset (clamped to the text; snapped back to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx];
        let prefix = &self.text[line_start..offset];
        Position {
            line: line_idx + 1,
            column: prefix.chars().count() + 1,
            column_utf16: prefix.encode_utf16().count() + 1,
        }
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.position(offset).line
    }

    /// The byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Option<(usize, usize)> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let mut end = self
            .line_starts
            .get(line)
            .map(|&s| s - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Some((start, end))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Owns every file's text; hands out [`FileId`]s. A path is loaded once.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// Path -> first file registered under it: `find` is called for every file a run
    /// reaches, so a linear scan made big trees quadratic.
    by_path: HashMap<PathBuf, FileId>,
    cwd: Option<PathBuf>,
}

impl SourceMap {
    pub fn new() -> Self {
        SourceMap {
            files: Vec::new(),
            by_path: HashMap::new(),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// A map whose display names are relative to `cwd` (used by tests for stable output).
    pub fn with_cwd(cwd: impl Into<PathBuf>) -> Self {
        SourceMap {
            files: Vec::new(),
            by_path: HashMap::new(),
            cwd: Some(cwd.into()),
        }
    }

    pub fn cwd(&self) -> Option<&Path> {
        self.cwd.as_deref()
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The id of an already loaded path.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// Load a file from disk (once per path). A file that cannot be used is still
    /// registered, with its [`LoadError`], so diagnostics can name it.
    pub fn load(&mut self, path: &Path) -> FileId {
        if let Some(id) = self.find(path) {
            return id;
        }
        let (text, err) = read_text(path);
        let display = self.display_name(path);
        self.push(SourceFile::new(path.to_path_buf(), display, text, err))
    }

    /// Register in-memory text (stdin, tests). `display` is shown as the file name.
    pub fn add_virtual(&mut self, path: impl Into<PathBuf>, display: &str, text: String) -> FileId {
        self.push(SourceFile::new(
            path.into(),
            display.to_string(),
            text,
            None,
        ))
    }

    /// Register bytes that came from somewhere other than the file system (stdin),
    /// applying the same checks as [`SourceMap::load`].
    pub fn add_bytes(&mut self, path: impl Into<PathBuf>, display: &str, bytes: Vec<u8>) -> FileId {
        let (text, err) = decode(bytes);
        self.push(SourceFile::new(path.into(), display.to_string(), text, err))
    }

    fn push(&mut self, f: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.by_path.entry(f.path.clone()).or_insert(id);
        self.files.push(f);
        id
    }

    /// Relative to the current directory with `/` separators; absolute when outside it.
    pub fn display_name(&self, path: &Path) -> String {
        let shown = match &self.cwd {
            Some(cwd) => path.strip_prefix(cwd).unwrap_or(path),
            None => path,
        };
        let s = shown.to_string_lossy().replace('\\', "/");
        if s.is_empty() { ".".to_string() } else { s }
    }

    pub fn position(&self, span: Span) -> (Position, Position) {
        let f = self.get(span.file);
        (f.position(span.start), f.position(span.end))
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let t = &self.get(span.file).text;
        t.get(span.start.min(t.len())..span.end.min(t.len()))
            .unwrap_or("")
    }
}

fn read_text(path: &Path) -> (String, Option<LoadError>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return (String::new(), Some(LoadError::Io(e.to_string()))),
    };
    if meta.is_dir() {
        return (String::new(), Some(LoadError::Io("is a directory".into())));
    }
    if meta.len() > MAX_FILE_BYTES {
        return (String::new(), Some(LoadError::TooLarge(meta.len())));
    }
    match std::fs::read(path) {
        Ok(bytes) => decode(bytes),
        Err(e) => (String::new(), Some(LoadError::Io(e.to_string()))),
    }
}

fn decode(bytes: Vec<u8>) -> (String, Option<LoadError>) {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return (String::new(), Some(LoadError::TooLarge(bytes.len() as u64)));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(&bytes[..offset]).into_owned();
        return (prefix, Some(LoadError::Binary { offset }));
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (text, Some(LoadError::NotUtf8 { offset }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16() {
        let mut sm = SourceMap::with_cwd("/");
        let id = sm.add_virtual("/x", "x", "ab\né😀x\n".to_string());
        let f = sm.get(id);
        assert_eq!(
            f.position(0),
            Position {
                line: 1,
                column: 1,
                column_utf16: 1
            }
        );
        // 'x' after é (2 bytes) and 😀 (4 bytes): byte 3+2+4 = 9
        assert_eq!(
            f.position(9),
            Position {
                line: 2,
                column: 3,
                column_utf16: 4
            }
        );
        assert_eq!(f.line_range(2), Some((3, 10)));
    }

    #[test]
    fn non_utf8_and_binary_are_reported_with_offsets() {
        let mut sm = SourceMap::with_cwd("/");
        let id = sm.add_bytes("/a", "a", b"ok\n\xff\xfe".to_vec());
        assert_eq!(
            sm.get(id).load_error,
            Some(LoadError::NotUtf8 { offset: 3 })
        );
        let id = sm.add_bytes("/b", "b", b"A=1\n\0\0".to_vec());
        assert_eq!(sm.get(id).load_error, Some(LoadError::Binary { offset: 4 }));
    }

    #[test]
    fn display_names_are_relative_with_slashes() {
        let sm = SourceMap::with_cwd("/work/p");
        assert_eq!(
            sm.display_name(Path::new("/work/p/a/compose.yaml")),
            "a/compose.yaml"
        );
        assert_eq!(sm.display_name(Path::new("/etc/x")), "/etc/x");
    }
}
