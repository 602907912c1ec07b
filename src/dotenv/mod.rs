//! Compose's dotenv dialect (SEMANTICS.md §1): a lossless parser ([`parse`]) that keeps the
//! span of every key, value, quote and comment, and an evaluator ([`eval`]) that produces
//! exactly the variables Compose would, with Compose's error texts.

pub mod eval;
pub mod parse;

pub use eval::{EnvEntry, EvalError, EvaluatedEnv, evaluate};
pub use parse::{DotenvFile, Quote, Statement, SyntaxError, ValueSyntax, parse};
