//! composelint: a static linter for Docker Compose files and `.env` files that reasons
//! about the environment a container will really get.

pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod dotenv;
pub mod explain;
pub mod fix;
pub mod interpolate;
pub mod output;
pub mod project;
pub mod projects;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod shell_env;
pub mod source;
pub mod workspace;
pub mod yaml;
