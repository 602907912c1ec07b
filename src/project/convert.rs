//! One YAML document → the model tree, the way Compose decodes it: scalars typed like
//! go-yaml v3, then (unless `--no-interpolate`) every string value interpolated with the
//! project environment and the typed paths cast (SEMANTICS §0 step 3.2, §2 I5–I7).
//! `!reset` entries are taken out and recorded with `!override` ones for the merge.

use super::cast;
use super::ctx::unset_variable_message;
use super::env::InterpEnv;
use super::model::{ComposeError, WarningKind};
use super::tree_path::{LIST_ITEM, TreePath};
use super::value::{Interp, Node, Value};
use crate::interpolate::{self, EvalError};
use crate::source::Span;
use crate::yaml::{self, NodeKind, Resolved};
use indexmap::IndexMap;

/// A warning produced while converting, applied to the load context afterwards.
pub(crate) struct PendingWarning {
    pub kind: WarningKind,
    pub message: String,
    pub span: Option<Span>,
}

/// `!reset` / `!override` locations of a document, as Compose's reset processor records
/// them (concrete dotted paths).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ResetPaths {
    pub paths: Vec<String>,
}

pub(crate) struct Converted {
    pub node: Node,
    pub resets: ResetPaths,
}

pub(crate) struct Converter<'a> {
    /// The text of the file the nodes belong to (for exact sub-spans).
    text: &'a str,
    /// None: `--no-interpolate` (no substitution, no casts).
    env: Option<&'a InterpEnv>,
    pub warnings: Vec<PendingWarning>,
    resets: Vec<String>,
    /// Timestamps found where the schema wants strings, reported after interpolation.
    timestamp: Option<ComposeError>,
    file_name: &'a str,
}

/// Keys whose sequences Compose de-duplicates by `KEY=value` key before validating, so a
/// timestamp item fails there with its own message.
const KEY_VALUE_LISTS: &[&str] = &[
    "services.*.annotations",
    "services.*.build.args",
    "services.*.build.labels",
    "services.*.cap_add",
    "services.*.cap_drop",
    "services.*.deploy.labels",
    "services.*.dns",
    "services.*.dns_opt",
    "services.*.dns_search",
    "services.*.environment",
    "services.*.labels",
    "services.*.links",
    "services.*.profiles",
    "services.*.sysctls",
    "services.*.tmpfs",
];

impl<'a> Converter<'a> {
    pub fn new(text: &'a str, file_name: &'a str, env: Option<&'a InterpEnv>) -> Self {
        Converter {
            text,
            env,
            warnings: Vec::new(),
            resets: Vec::new(),
            timestamp: None,
            file_name,
        }
    }

    /// Convert one document (its root must be a mapping).
    pub fn document(&mut self, root: &yaml::Node) -> Result<Converted, ComposeError> {
        if root.as_mapping().is_none() {
            return Err(ComposeError::new(
                "top-level object must be a mapping",
                Some(root.span),
            ));
        }
        self.resets.clear();
        let node = self.node(root, &TreePath::root(), "")?;
        if let Some(e) = self.timestamp.take() {
            return Err(e);
        }
        Ok(Converted {
            node,
            resets: ResetPaths {
                paths: std::mem::take(&mut self.resets),
            },
        })
    }

    fn node(
        &mut self,
        y: &yaml::Node,
        path: &TreePath,
        reset_path: &str,
    ) -> Result<Node, ComposeError> {
        let value = match &y.kind {
            NodeKind::Scalar(s) => return self.scalar(y, s, path, reset_path),
            NodeKind::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let rp = format!("{reset_path}[{i}]");
                    out.push(self.node(item, &path.next(LIST_ITEM), &rp)?);
                }
                Value::Seq(out)
            }
            NodeKind::Mapping(entries) => {
                let mut map: IndexMap<String, Node> = IndexMap::with_capacity(entries.len());
                for entry in entries {
                    let key = key_text(&entry.key, self.text);
                    let rp = if reset_path.is_empty() {
                        key.clone()
                    } else {
                        format!("{reset_path}.{key}")
                    };
                    match entry.value.tag.as_deref() {
                        Some("!reset") => {
                            self.resets.push(rp);
                            map.shift_remove(&key);
                            continue;
                        }
                        Some("!override") => self.resets.push(rp.clone()),
                        _ => {}
                    }
                    let mut child = self.node(&entry.value, &path.next(&key), &rp)?;
                    child.key_span = Some(entry.key.span);
                    map.insert(key, child);
                }
                Value::Map(map)
            }
        };
        Ok(Node {
            value,
            span: Some(y.span),
            key_span: None,
            tag: y.tag.clone(),
            interp: None,
        })
    }

    fn scalar(
        &mut self,
        y: &yaml::Node,
        s: &yaml::Scalar,
        path: &TreePath,
        reset_path: &str,
    ) -> Result<Node, ComposeError> {
        let resolved = yaml::scalar::resolve(s, y.tag.as_deref());
        let mut node = Node {
            value: Value::Null,
            span: Some(y.span),
            key_span: None,
            tag: y.tag.clone(),
            interp: None,
        };
        node.value = match resolved {
            Resolved::Null => Value::Null,
            Resolved::Bool(b) => Value::Bool(b),
            Resolved::Int(i) => Value::Int(i),
            // Beyond i64: go-yaml keeps a uint64, whose text is its decimal digits.
            Resolved::Uint(u) => Value::Str(u.to_string()),
            Resolved::Float(f) => Value::Float(f),
            Resolved::Timestamp => {
                self.note_timestamp(path, reset_path, y.span);
                Value::Str(s.value.clone())
            }
            Resolved::Str => Value::Str(s.value.clone()),
        };
        let Some(env) = self.env else {
            return Ok(node);
        };
        let Value::Str(raw) = &node.value else {
            return Ok(node);
        };
        let raw = raw.clone();
        let mut value = raw.clone();
        if raw.contains('$') {
            let evaluated = interpolate::substitute(&raw, &mut |name| env.lookup(name))
                .map_err(|e| self.interpolation_error(path, &e, y))?;
            for u in evaluated.uses.iter().filter(|u| u.warns) {
                self.warnings.push(PendingWarning {
                    kind: WarningKind::UnsetVariable {
                        name: u.name.clone(),
                    },
                    message: unset_variable_message(&u.name),
                    span: Some(y.value_subspan(self.text, u.range.clone())),
                });
            }
            value = evaluated.value;
            node.interp = Some(Box::new(Interp {
                raw,
                uses: evaluated.uses,
            }));
        }
        node.value = Value::Str(value);
        if let Some(kind) = cast::cast_for(path)
            && let Value::Str(v) = &node.value
        {
            match cast::apply(kind, v) {
                Ok(c) => {
                    if let Some(w) = c.warning {
                        self.warnings.push(PendingWarning {
                            kind: WarningKind::Yaml11Boolean,
                            message: w,
                            span: Some(y.span),
                        });
                    }
                    node.value = c.value;
                }
                // A value built from an `--assume-set` placeholder is unknown, not wrong.
                Err(_) if super::env::is_assumed_value(v) => {}
                Err(e) => {
                    return Err(ComposeError::new(
                        format!(
                            "error while interpolating {path}: failed to cast to expected type: {e}"
                        ),
                        Some(y.span),
                    ));
                }
            }
        }
        Ok(node)
    }

    fn interpolation_error(&self, path: &TreePath, e: &EvalError, y: &yaml::Node) -> ComposeError {
        match e {
            EvalError::Syntax(s) => ComposeError::new(
                format!(
                    "invalid interpolation format for {path}.\nYou may need to escape any $ with another $.\n{}",
                    s.text
                ),
                Some(y.value_subspan(self.text, s.range.clone())),
            ),
            EvalError::Required {
                name,
                message,
                range,
            } => ComposeError::new(
                format!(
                    "error while interpolating {path}: {}",
                    required_message(name, message)
                ),
                Some(y.value_subspan(self.text, range.clone())),
            ),
            EvalError::TooDeep { range } => ComposeError::new(
                format!(
                    "error while interpolating {path}: defaults nested more deeply than composelint follows"
                ),
                Some(y.value_subspan(self.text, range.clone())),
            ),
        }
    }

    /// A timestamp scalar outside `x-` extensions: Compose's schema (or the list
    /// de-duplication before it) rejects it. Only the first is kept.
    fn note_timestamp(&mut self, path: &TreePath, concrete: &str, span: Span) {
        if self.timestamp.is_some() || path.as_str().split('.').any(|p| p.starts_with("x-")) {
            return;
        }
        // `concrete` is `services.s.dns[0]`: Compose writes list indexes as `.[0]` in
        // de-duplication errors and as `.0` in schema errors.
        let parent = path.as_str().strip_suffix(".[]");
        let message = match parent {
            Some(list) if TreePath::new(list).matches_any(KEY_VALUE_LISTS) => {
                format!("{}: unexpected type time.Time", concrete.replace('[', ".["))
            }
            _ => format!(
                "validating {}: {} invalid jsonType time.Time",
                self.file_name,
                concrete.replace('[', ".").replace(']', "")
            ),
        };
        self.timestamp = Some(ComposeError::new(message, Some(span)));
    }
}

/// `required variable X is missing a value[: msg]`.
pub(crate) fn required_message(name: &str, message: &str) -> String {
    if message.is_empty() {
        format!("required variable {name} is missing a value")
    } else {
        format!("required variable {name} is missing a value: {message}")
    }
}

/// A mapping key as Compose sees it: the scalar's text (keys are never interpolated).
fn key_text(key: &yaml::Node, text: &str) -> String {
    match key.as_str() {
        Some(s) => s.to_string(),
        None => text
            .get(key.span.start..key.span.end)
            .unwrap_or_default()
            .to_string(),
    }
}
