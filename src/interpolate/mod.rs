//! Compose's `${...}` templates: a parser into parts with byte ranges, and an evaluator
//! that mirrors compose-go's `template` package exactly (SEMANTICS.md §2, Appendix A.2),
//! reporting every variable it consulted so callers can attach provenance.
//!
//! * [`parse`] gives the structure of a template (for rules that look at how it is written);
//! * [`substitute`] evaluates it like Compose, listing every variable consulted;
//! * [`variables`] lists what `docker compose config --variables` prints for it;
//! * [`yaml_error_message`] / [`env_file_error_detail`] word errors exactly as Compose does.

mod eval;
mod goquote;
mod scan;
mod variables;

pub use goquote::go_quote;

use std::ops::Range;

/// The operator of a braced expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `:-` default when unset or empty
    DefaultUnsetOrEmpty,
    /// `-` default when unset
    DefaultUnset,
    /// `:+` alternate when set and non-empty
    AltSetNonEmpty,
    /// `+` alternate when set
    AltSet,
    /// `:?` error when unset or empty
    RequiredNonEmpty,
    /// `?` error when unset
    Required,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::DefaultUnsetOrEmpty => ":-",
            Op::DefaultUnset => "-",
            Op::AltSetNonEmpty => ":+",
            Op::AltSet => "+",
            Op::RequiredNonEmpty => ":?",
            Op::Required => "?",
        }
    }
}

/// One `$NAME` / `${NAME...}` expression. Ranges are byte ranges into the string that was
/// parsed (the template's own text).
#[derive(Clone, Debug, PartialEq)]
pub struct VarExpr {
    pub name: String,
    /// The whole expression, `$` to closing `}` (or end of `$NAME`).
    pub range: Range<usize>,
    pub name_range: Range<usize>,
    pub braced: bool,
    pub op: Option<Op>,
    /// The operator's argument (default, alternate or message), itself a template. Its
    /// ranges are relative to the outer string too.
    pub arg: Option<Template>,
    pub arg_range: Option<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Literal {
        text: String,
        range: Range<usize>,
    },
    /// `$$`: a literal `$`.
    Escape {
        range: Range<usize>,
    },
    Var(VarExpr),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Template {
    pub parts: Vec<Part>,
}

/// Invalid template syntax. `text` is what Compose quotes in its error (the whole value, or
/// only the operator argument when the bad syntax sits inside one); `range` is where.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub range: Range<usize>,
    pub text: String,
}

/// What evaluating one variable reference found.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Set to this value (possibly empty).
    Set(String),
    /// Not set anywhere.
    Unset,
}

/// One variable consulted during evaluation (including inside unused defaults, which
/// Compose evaluates eagerly).
#[derive(Clone, Debug, PartialEq)]
pub struct VarUse {
    pub name: String,
    /// The whole expression, `$` to closing `}`.
    pub range: Range<usize>,
    /// Just the name.
    pub name_range: Range<usize>,
    pub op: Option<Op>,
    pub outcome: Outcome,
    /// True when Compose prints "The \"X\" variable is not set" for this use (plain `$X` /
    /// `${X}` unset).
    pub warns: bool,
    /// True when this use decided the final text: false inside a default or alternate that
    /// was not taken, and inside a `:?` message. The operator's own variable always decides.
    pub effective: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Evaluated {
    pub value: String,
    pub uses: Vec<VarUse>,
}

/// Why a template cannot be evaluated.
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    /// Compose rejects the syntax (`invalid interpolation format` / `Invalid template`).
    Syntax(SyntaxError),
    /// `${X:?msg}` / `${X?msg}` with X missing: Compose aborts with
    /// `required variable X is missing a value[: msg]`. `message` is already interpolated.
    Required {
        name: String,
        message: String,
        range: Range<usize>,
    },
    /// Operator arguments nested deeper than composelint analyses (64 levels); Compose itself
    /// would go on. Never seen in real files.
    TooDeep { range: Range<usize> },
}

impl EvalError {
    /// Where in the template the error is.
    pub fn range(&self) -> Range<usize> {
        match self {
            EvalError::Syntax(e) => e.range.clone(),
            EvalError::Required { range, .. } | EvalError::TooDeep { range } => range.clone(),
        }
    }
}

/// One entry of `docker compose config --variables` (field names as Compose prints them:
/// `Name`, `DefaultValue`, `PresenceValue`, `Required`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VariableInfo {
    pub name: String,
    pub default_value: String,
    pub presence_value: String,
    pub required: bool,
}

impl VariableInfo {
    fn named(name: &str) -> Self {
        VariableInfo {
            name: name.to_string(),
            ..VariableInfo::default()
        }
    }
}

/// Parse a template. Never panics.
///
/// The rest Compose interpolates separately after an operator expression (see
/// `interpolate/scan.rs`) is flattened into the surrounding parts. The error is the one
/// [`substitute`] reports when no `:?` fails first. Expressions nested deeper than
/// composelint analyses are kept as literal text.
pub fn parse(s: &str) -> Result<Template, SyntaxError> {
    to_template(s, &scan::scan(s))
}

fn to_template(s: &str, segment: &scan::Segment) -> Result<Template, SyntaxError> {
    let mut parts: Vec<Part> = Vec::new();
    let push_literal = |parts: &mut Vec<Part>, range: Range<usize>| {
        let text = s.get(range.clone()).unwrap_or_default();
        if let Some(Part::Literal { text: t, range: r }) = parts.last_mut()
            && r.end == range.start
        {
            t.push_str(text);
            r.end = range.end;
            return;
        }
        parts.push(Part::Literal {
            text: text.to_string(),
            range,
        });
    };
    for node in &segment.nodes {
        match node {
            scan::Node::Literal(range) | scan::Node::TooDeep(range) => {
                push_literal(&mut parts, range.clone())
            }
            scan::Node::Escape(range) => parts.push(Part::Escape {
                range: range.clone(),
            }),
            scan::Node::Invalid { range, quoted } => {
                return Err(SyntaxError {
                    range: range.clone(),
                    text: s.get(quoted.clone()).unwrap_or_default().to_string(),
                });
            }
            scan::Node::Var(var) => {
                let (op, arg, arg_range) = match &var.op {
                    Some(o) => (
                        Some(o.op),
                        Some(to_template(s, &o.arg)?),
                        Some(o.arg.range.clone()),
                    ),
                    None => (None, None, None),
                };
                parts.push(Part::Var(VarExpr {
                    name: var.name.clone(),
                    range: var.range.clone(),
                    name_range: var.name_range.clone(),
                    braced: var.braced,
                    op,
                    arg,
                    arg_range,
                }));
            }
        }
    }
    Ok(Template { parts })
}

/// Parse and evaluate `s` like Compose, looking variables up with `lookup` (`None` = unset).
pub fn substitute(
    s: &str,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<Evaluated, EvalError> {
    eval::evaluate(s, &scan::scan(s), lookup)
}

/// What `docker compose config --variables` lists for this template, in Compose's order.
/// A name may appear several times; Compose keeps the **last** entry of each name (across a
/// whole file the order of values is Go map order, so callers merging several templates
/// cannot reproduce Compose's choice between conflicting entries anyway).
pub fn variables(s: &str) -> Vec<VariableInfo> {
    variables::extract(s, &scan::scan(s))
}

/// Compose's wording for an interpolation error in a YAML value at dotted `path`
/// (e.g. `services.web.environment.[]`).
pub fn yaml_error_message(path: &str, err: &EvalError) -> String {
    match err {
        EvalError::Syntax(e) => format!(
            "invalid interpolation format for {path}.\nYou may need to escape any $ with another $.\n{}",
            e.text
        ),
        EvalError::Required { .. } | EvalError::TooDeep { .. } => {
            format!("error while interpolating {path}: {}", error_reason(err))
        }
    }
}

/// Compose's wording for an interpolation error inside an env file: the text after
/// `failed to read <absolute path>: `.
pub fn env_file_error_detail(err: &EvalError) -> String {
    match err {
        EvalError::Syntax(e) => format!("Invalid template: {}", go_quote(&e.text)),
        EvalError::Required { .. } | EvalError::TooDeep { .. } => error_reason(err),
    }
}

fn error_reason(err: &EvalError) -> String {
    match err {
        EvalError::Required { name, message, .. } if message.is_empty() => {
            format!("required variable {name} is missing a value")
        }
        EvalError::Required { name, message, .. } => {
            format!("required variable {name} is missing a value: {message}")
        }
        EvalError::TooDeep { .. } => format!(
            "expressions nested more than {} levels deep are not analysed by composelint",
            scan::MAX_NESTING
        ),
        EvalError::Syntax(e) => e.text.clone(),
    }
}
