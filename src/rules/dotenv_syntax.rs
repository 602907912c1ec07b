//! `dotenv-syntax`: a `.env` / env_file line Compose rejects.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for file in ctx.dotenv.values() {
        if let Some(err) = &file.error {
            out.push(
                Diagnostic::new(
                    "dotenv-syntax",
                    Severity::Error,
                    err.span,
                    format!("Compose rejects this file: {}", err.detail),
                )
                .with_help(
                    "Compose stops reading the file here and refuses the project; \
                     quote values that contain spaces or quotes, and keep one assignment per line",
                ),
            );
        }
    }
}
