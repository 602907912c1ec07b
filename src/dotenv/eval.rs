//! Evaluation of a parsed dotenv file into variables, as Compose does it.

use super::escapes::{Decoded, decode_double, decode_single};
use super::parse::{DotenvFile, Quote, Statement};
use crate::interpolate::{self, VarUse};
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

/// Compose's error for a file. `detail` is the text after `failed to read <file>: `
/// (`failed to parse env_file <file>: ` for `format: raw` files).
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub statement: Option<usize>,
    pub detail: String,
}

/// Evaluate `file` (whose text is `text`). `lookup` is consulted first for every
/// variable (and for bare keys); keys defined earlier in `earlier` (previous files of the
/// same group) and in this file come after it (SEMANTICS §1.9).
///
/// Between the two, this file's own keys win over `earlier` (the oracle shows `Q=$X` after
/// `X=new` reading `new` although an earlier file set `X=old`). A bare key takes its value
/// from `lookup` only; when `lookup` does not know it, an earlier definition (in this file or
/// in `earlier`) simply stays, and otherwise the key is left undefined.
///
/// Statements are evaluated in order, so an interpolation error before a syntax error is
/// the one reported, as in Compose. Files read with [`super::parse_raw`] are taken verbatim.
pub fn evaluate(
    file: &DotenvFile,
    text: &str,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
    earlier: &IndexMap<String, String>,
) -> Result<EvaluatedEnv, EvalError> {
    let mut vars: IndexMap<String, EnvEntry> = IndexMap::new();
    for (index, statement) in file.statements.iter().enumerate() {
        let Some(value) = &statement.value else {
            if let Some(found) = lookup(&statement.key) {
                define(&mut vars, &statement.key, found, index, Vec::new());
            }
            continue;
        };
        let written = text
            .get(value.inner.start..value.inner.end)
            .unwrap_or_default();
        if file.raw || value.quote == Quote::Single {
            let decoded = if file.raw {
                written.to_string()
            } else {
                decode_single(written).text
            };
            define(&mut vars, &statement.key, decoded, index, Vec::new());
            continue;
        }
        let evaluated =
            interpolate_value(statement, written, lookup, &vars, earlier).map_err(|err| {
                EvalError {
                    statement: Some(index),
                    detail: interpolate::env_file_error_detail(&err),
                }
            })?;
        define(&mut vars, &statement.key, evaluated.0, index, evaluated.1);
    }
    if let Some(err) = &file.error {
        return Err(EvalError {
            statement: None,
            detail: err.detail.clone(),
        });
    }
    Ok(EvaluatedEnv { vars })
}

fn define(
    vars: &mut IndexMap<String, EnvEntry>,
    key: &str,
    value: String,
    statement: usize,
    uses: Vec<VarUse>,
) {
    vars.insert(
        key.to_string(),
        EnvEntry {
            value,
            statement,
            uses,
        },
    );
}

/// Decode (double quotes) and interpolate one value; uses are returned with ranges in the
/// written inner text.
fn interpolate_value(
    statement: &Statement,
    written: &str,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
    own: &IndexMap<String, EnvEntry>,
    earlier: &IndexMap<String, String>,
) -> Result<(String, Vec<VarUse>), interpolate::EvalError> {
    let decoded: Option<Decoded> = match statement.value.as_ref().map(|v| v.quote) {
        Some(Quote::Double) => Some(decode_double(written)),
        _ => None,
    };
    let template = decoded.as_ref().map_or(written, |d| d.text.as_str());
    let mut resolve = |name: &str| {
        lookup(name)
            .or_else(|| own.get(name).map(|e| e.value.clone()))
            .or_else(|| earlier.get(name).cloned())
    };
    let evaluated = interpolate::substitute(template, &mut resolve)?;
    let mut uses = evaluated.uses;
    if let Some(d) = &decoded {
        for used in &mut uses {
            used.range = d.written(used.range.start)..d.written(used.range.end);
            used.name_range = d.written(used.name_range.start)..d.written(used.name_range.end);
        }
    }
    Ok((evaluated.value, uses))
}
