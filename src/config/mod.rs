//! `composelint config`: the resolved project printed exactly as `docker compose config`
//! prints it.

pub mod canonical;
pub mod command;
pub mod go_json;
pub mod go_yaml;
pub mod gofmt;
