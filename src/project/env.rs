//! The interpolation environment ("project environment", what `config --environment`
//! prints) with the provenance of every variable: which source won and which candidates
//! it shadowed (SEMANTICS §0 step 2, §3 P1–P4, I8).

/// Go's `%q`, shared with the interpolation messages.
pub use crate::interpolate::go_quote;
use crate::shell_env::{ShellEnv, ShellOrigin};
use crate::source::{FileId, Span};
use indexmap::IndexMap;

/// A statement of an env file that defined a variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFileRef {
    pub file: FileId,
    /// Index into the file's `DotenvFile::statements`.
    pub statement: usize,
    pub key_span: Span,
    /// The value as written (None for a bare `KEY` filled by a lookup).
    pub value_span: Option<Span>,
}

/// Where a variable of the interpolation environment came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvSource {
    /// The deploy shell (a snapshot line or this process's environment).
    Shell(ShellOrigin),
    /// A `COMPOSE_*` key of an env file, copied into the process environment before the
    /// project is loaded (so it acts like a shell variable).
    CopiedFromEnvFile(EnvFileRef),
    /// An env file of the interpolation group (`.env`, `--env-file`, `COMPOSE_ENV_FILES`,
    /// or an `include` entry's env files).
    EnvFile(EnvFileRef),
    /// `PWD`, which Compose sets to its working directory when the process has none.
    CurrentDir,
    /// `COMPOSE_PROJECT_NAME`, which Compose overwrites with the final project name.
    ProjectName,
    /// `--assume-set`: provided by the deploy environment, value unknown here.
    Assumed,
}

/// A definition that lost to the one in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvCandidate {
    pub value: String,
    pub source: EnvSource,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvVar {
    /// The value interpolation sees (for assumed variables: [`assumed_placeholder`]).
    pub value: String,
    /// Set by `--assume-set`: the deploy environment provides it, value unknown.
    pub assumed: bool,
    pub source: EnvSource,
    /// Definitions this one beat, in the order they were met.
    pub shadowed: Vec<EnvCandidate>,
}

/// The value interpolation sees for an `--assume-set` variable: a readable marker that is
/// not empty (so `${X:?}` passes and `${X:-d}` keeps it), contains no `$` (so nothing
/// re-interpolates it) and is no valid host, port or number (so rules cannot mistake it for
/// a real value). Rules recognise it with [`is_assumed_value`].
pub fn assumed_placeholder(name: &str) -> String {
    format!("<assumed-{name}>")
}

/// True when a resolved value contains an `--assume-set` placeholder.
pub fn is_assumed_value(value: &str) -> bool {
    value.contains("<assumed-")
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InterpEnv {
    pub vars: IndexMap<String, EnvVar>,
}

impl InterpEnv {
    /// The shell's variables that have a value (`declare -x FOO` without one is unset).
    pub fn from_shell(shell: &ShellEnv) -> InterpEnv {
        let mut env = InterpEnv::default();
        for (name, var) in &shell.vars {
            if let Some(value) = &var.value {
                env.vars.insert(
                    name.clone(),
                    EnvVar {
                        value: value.clone(),
                        assumed: false,
                        source: EnvSource::Shell(var.origin.clone()),
                        shadowed: Vec::new(),
                    },
                );
            }
        }
        env
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.value.as_str())
    }

    pub fn var(&self, name: &str) -> Option<&EnvVar> {
        self.vars.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    pub fn len(&self) -> usize {
        self.vars.len()
    }

    /// The lookup interpolation uses.
    pub fn lookup(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    /// `KEY=VALUE` lines sorted by key, as `config --environment` prints them.
    pub fn listing(&self) -> Vec<String> {
        let mut keys: Vec<&String> = self.vars.keys().collect();
        keys.sort();
        keys.into_iter()
            .filter_map(|k| self.vars.get(k).map(|v| format!("{k}={}", v.value)))
            .collect()
    }

    /// Add a variable unless one is already defined (Compose's `Mapping.Merge`: the earlier
    /// source wins). A loser is recorded as shadowed. Returns true when added.
    pub fn add_if_absent(&mut self, name: &str, value: String, source: EnvSource) -> bool {
        match self.vars.get_mut(name) {
            Some(existing) => {
                if !existing
                    .shadowed
                    .iter()
                    .any(|c| c.source == source && c.value == value)
                {
                    existing.shadowed.push(EnvCandidate { value, source });
                }
                false
            }
            None => {
                self.vars.insert(
                    name.to_string(),
                    EnvVar {
                        value,
                        assumed: false,
                        source,
                        shadowed: Vec::new(),
                    },
                );
                true
            }
        }
    }

    /// Set a variable, the previous definition (if any) becoming a shadowed candidate.
    pub fn overwrite(&mut self, name: &str, value: String, source: EnvSource) {
        match self.vars.get_mut(name) {
            Some(existing) => {
                if existing.value == value && existing.source == source {
                    return;
                }
                let old_value = std::mem::replace(&mut existing.value, value);
                let old_source = std::mem::replace(&mut existing.source, source);
                existing.shadowed.push(EnvCandidate {
                    value: old_value,
                    source: old_source,
                });
                existing.assumed = false;
            }
            None => {
                self.vars.insert(
                    name.to_string(),
                    EnvVar {
                        value,
                        assumed: false,
                        source,
                        shadowed: Vec::new(),
                    },
                );
            }
        }
    }

    /// Mark `--assume-set` variables: the deploy shell provides them, so they beat env
    /// files; a value the given shell snapshot itself holds is known and kept.
    pub fn assume_set(&mut self, names: &[String]) {
        for name in names {
            if name.is_empty() {
                continue;
            }
            if let Some(v) = self.vars.get(name)
                && matches!(v.source, EnvSource::Shell(_))
            {
                continue;
            }
            self.overwrite(name, assumed_placeholder(name), EnvSource::Assumed);
            if let Some(v) = self.vars.get_mut(name) {
                v.assumed = true;
            }
        }
    }
}

/// Go's `strconv.ParseBool`.
pub fn parse_go_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!(
            "strconv.ParseBool: parsing {}: invalid syntax",
            go_quote(s)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell_env::ShellVar;

    fn shell(vars: &[(&str, Option<&str>)]) -> ShellEnv {
        let mut s = ShellEnv::default();
        for (k, v) in vars {
            s.vars.insert(
                k.to_string(),
                ShellVar {
                    value: v.map(str::to_string),
                    origin: ShellOrigin::Inherited,
                },
            );
        }
        s
    }

    #[test]
    fn declared_but_unset_shell_variables_are_absent() {
        let env = InterpEnv::from_shell(&shell(&[("A", Some("")), ("B", None)]));
        assert_eq!(env.get("A"), Some(""));
        assert_eq!(env.get("B"), None);
    }

    #[test]
    fn add_if_absent_keeps_the_first_and_records_the_loser() {
        let mut env = InterpEnv::from_shell(&shell(&[("A", Some("shell"))]));
        assert!(!env.add_if_absent("A", "file".into(), EnvSource::CurrentDir));
        assert!(env.add_if_absent("B", "file".into(), EnvSource::CurrentDir));
        let a = env.var("A").unwrap();
        assert_eq!(a.value, "shell");
        assert_eq!(a.shadowed.len(), 1);
        assert_eq!(a.shadowed[0].value, "file");
        assert_eq!(env.listing(), vec!["A=shell", "B=file"]);
    }

    #[test]
    fn assumed_variables_beat_env_files_but_not_the_shell() {
        let mut env = InterpEnv::from_shell(&shell(&[("KNOWN", Some("k"))]));
        env.add_if_absent("FROMFILE", "f".into(), EnvSource::CurrentDir);
        env.assume_set(&["KNOWN".into(), "FROMFILE".into(), "NEW".into()]);
        assert_eq!(env.get("KNOWN"), Some("k"));
        assert!(!env.var("KNOWN").unwrap().assumed);
        let f = env.var("FROMFILE").unwrap();
        assert!(f.assumed);
        assert_eq!(f.value, "<assumed-FROMFILE>");
        assert_eq!(f.shadowed[0].value, "f");
        assert!(is_assumed_value(env.get("NEW").unwrap()));
    }

    #[test]
    fn go_bool_and_quote() {
        assert_eq!(parse_go_bool("True"), Ok(true));
        assert_eq!(parse_go_bool("0"), Ok(false));
        assert_eq!(
            parse_go_bool("yes"),
            Err("strconv.ParseBool: parsing \"yes\": invalid syntax".to_string())
        );
        assert_eq!(go_quote("a\"b\\\n"), "\"a\\\"b\\\\\\n\"");
    }
}
