//! Evaluation of a parsed dotenv file into variables, as Compose does it.

use super::parse::DotenvFile;
use crate::interpolate::VarUse;
use indexmap::IndexMap;

/// One defined variable.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvEntry {
    pub value: String,
    /// Index into `DotenvFile::statements` of the statement that defined it last.
    pub statement: usize,
    /// Variables consulted while interpolating the value (ranges relative to the value's
    /// `inner` text).
    pub uses: Vec<VarUse>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvaluatedEnv {
    pub vars: IndexMap<String, EnvEntry>,
}

/// Compose's error for a file. `detail` is the text after `failed to read <file>: `.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub statement: Option<usize>,
    pub detail: String,
}

/// Evaluate `file` (whose text is `text`). `lookup` is consulted first for every
/// variable (and for bare keys); keys defined earlier in `earlier` (previous files of the
/// same group) and in this file come after it (SEMANTICS §1.9).
pub fn evaluate(
    file: &DotenvFile,
    text: &str,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
    earlier: &IndexMap<String, String>,
) -> Result<EvaluatedEnv, EvalError> {
    let _ = (file, text, lookup, earlier);
    Ok(EvaluatedEnv::default())
}
