//! The project name (SEMANTICS §3 P6): `-p` > `COMPOSE_PROJECT_NAME` > the last non-empty
//! top-level `name:` (interpolated) > the project directory's base name. The first two
//! are validated, the last two normalised silently.

/// `loader.NormalizeProjectName`: lower-case, keep only `[a-z0-9_-]`, trim leading `_`/`-`.
pub fn normalize(s: &str) -> String {
    let kept: String = s
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_string()
}

/// Compose's error for a `-p` / `COMPOSE_PROJECT_NAME` value that is not already normal.
pub fn invalid_name_message(name: &str) -> String {
    format!(
        "invalid project name {}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number",
        super::env::go_quote(name)
    )
}

/// Validate an imperatively set name (`-p`, `COMPOSE_PROJECT_NAME`).
pub fn validate(name: &str) -> Result<(), String> {
    if normalize(name) == name {
        Ok(())
    } else {
        Err(invalid_name_message(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_matches_compose() {
        assert_eq!(normalize("My_AppV2"), "my_appv2");
        assert_eq!(normalize("My_App.V2"), "my_appv2");
        assert_eq!(normalize("--_x-y"), "x-y");
        assert_eq!(normalize("Ünïcode Dir"), "ncodedir");
        assert_eq!(normalize("..."), "");
    }

    #[test]
    fn validation_rejects_what_normalisation_would_change() {
        assert!(validate("my-app_1").is_ok());
        assert_eq!(
            validate("MyApp").unwrap_err(),
            "invalid project name \"MyApp\": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number"
        );
        assert!(validate("-x").is_err());
    }
}
