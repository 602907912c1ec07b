//! Compose's dotenv dialect (SEMANTICS.md §1): a lossless parser ([`parse`]) that keeps the
//! span of every key, value, quote and comment, and an evaluator ([`eval`]) that produces
//! exactly the variables Compose would, with Compose's error texts. [`parse_raw`] reads the
//! `format: raw` env_file variant.

mod chars;
mod escapes;
pub mod eval;
pub mod parse;
mod raw;

pub use eval::{EnvEntry, EvalError, EvaluatedEnv, evaluate};
pub use parse::{DotenvFile, Quote, Statement, SyntaxError, ValueSyntax, parse};
pub use raw::parse_raw;
