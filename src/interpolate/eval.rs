//! Evaluation of a scanned template, in compose-go v2.9.1's order: an operator's argument is
//! interpolated *before* its variable is tested (so an unset variable inside an unused
//! default still warns, and a `:?` inside it still aborts), and the first error wins.

use super::scan::{Node, Operator, Segment, VarNode};
use super::{EvalError, Evaluated, Op, Outcome, SyntaxError, VarUse};

pub(crate) fn evaluate(
    s: &str,
    segment: &Segment,
    lookup: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<Evaluated, EvalError> {
    let mut evaluator = Evaluator {
        s,
        lookup,
        uses: Vec::new(),
    };
    let mut value = String::new();
    evaluator.segment(segment, true, &mut value)?;
    Ok(Evaluated {
        value,
        uses: evaluator.uses,
    })
}

struct Evaluator<'a> {
    s: &'a str,
    lookup: &'a mut dyn FnMut(&str) -> Option<String>,
    uses: Vec<VarUse>,
}

impl Evaluator<'_> {
    fn text(&self, range: &std::ops::Range<usize>) -> &str {
        self.s.get(range.clone()).unwrap_or_default()
    }

    fn segment(
        &mut self,
        segment: &Segment,
        effective: bool,
        out: &mut String,
    ) -> Result<(), EvalError> {
        for node in &segment.nodes {
            match node {
                Node::Literal(range) => out.push_str(self.text(range)),
                Node::Escape(_) => out.push('$'),
                Node::Invalid { range, quoted } => {
                    return Err(EvalError::Syntax(SyntaxError {
                        range: range.clone(),
                        text: self.text(quoted).to_string(),
                    }));
                }
                Node::TooDeep(range) => {
                    return Err(EvalError::TooDeep {
                        range: range.clone(),
                    });
                }
                Node::Var(var) => match &var.op {
                    None => self.plain(var, effective, out),
                    Some(operator) => self.operator(var, operator, effective, out)?,
                },
            }
        }
        Ok(())
    }

    fn plain(&mut self, var: &VarNode, effective: bool, out: &mut String) {
        let found = (self.lookup)(&var.name);
        if let Some(value) = &found {
            out.push_str(value);
        }
        self.uses.push(VarUse {
            name: var.name.clone(),
            range: var.range.clone(),
            name_range: var.name_range.clone(),
            op: None,
            warns: found.is_none(),
            outcome: outcome(found),
            effective,
        });
    }

    fn operator(
        &mut self,
        var: &VarNode,
        operator: &Operator,
        effective: bool,
        out: &mut String,
    ) -> Result<(), EvalError> {
        let first_arg_use = self.uses.len();
        let mut arg = String::new();
        self.segment(&operator.arg, effective, &mut arg)?;
        let found = (self.lookup)(&var.name);
        let set_non_empty = found.as_deref().is_some_and(|v| !v.is_empty());
        // Whether the argument's text becomes the result.
        let arg_taken = match operator.op {
            Op::DefaultUnsetOrEmpty => !set_non_empty,
            Op::DefaultUnset => found.is_none(),
            Op::AltSetNonEmpty => set_non_empty,
            Op::AltSet => found.is_some(),
            Op::RequiredNonEmpty | Op::Required => false,
        };
        let missing = match operator.op {
            Op::RequiredNonEmpty => !set_non_empty,
            Op::Required => found.is_none(),
            _ => false,
        };
        if missing {
            return Err(EvalError::Required {
                name: var.name.clone(),
                message: arg,
                range: var.range.clone(),
            });
        }
        match (arg_taken, &found) {
            (true, _) => out.push_str(&arg),
            (false, Some(value)) => out.push_str(value),
            (false, None) => {}
        }
        if !arg_taken {
            for used in self.uses.iter_mut().skip(first_arg_use) {
                used.effective = false;
            }
        }
        // The operator's own variable always decides the result, so it is listed (first)
        // as effective whenever the expression itself is.
        self.uses.insert(
            first_arg_use,
            VarUse {
                name: var.name.clone(),
                range: var.range.clone(),
                name_range: var.name_range.clone(),
                op: Some(operator.op),
                warns: false,
                outcome: outcome(found),
                effective,
            },
        );
        Ok(())
    }
}

fn outcome(found: Option<String>) -> Outcome {
    match found {
        Some(v) => Outcome::Set(v),
        None => Outcome::Unset,
    }
}
