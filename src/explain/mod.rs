//! `composelint explain [SERVICE [VAR]]`: for each container variable, the value the
//! container gets (secrets masked), the chain that produced it (the `environment` entry or
//! env_file line, each `${VAR}` it used and the source that won for that variable) and every
//! candidate that lost. The explanation is built once as plain data ([`Explanation`]) and then
//! printed for people ([`human`]) or as JSON (its serde form, documented in the README).

mod human;

pub use human::render as render_human;

use crate::interpolate::Outcome;
use crate::project::{ContainerVar, EnvSource, Project, ResolvedUse, UseSource, VarOrigin};
use crate::secrets;
use crate::shell_env::ShellOrigin;
use crate::source::{SourceMap, Span};
use serde::Serialize;

/// A place in a file, 1-based, columns in characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// `environment`, `valueless`, `env_file`, `shell`, `inherited`, `env_file_compose_var`,
    /// `dotenv`, `pwd`, `project_name`, `assumed`, `service_environment`, `earlier_env_file`,
    /// `compose`.
    pub kind: &'static str,
    /// Human wording of the source ("shell snapshot", ".env", ...).
    pub description: String,
    pub at: Option<Place>,
}

/// One `${VAR}` that built the value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Use {
    pub variable: String,
    /// The expression as written (`${NO_PROXY:-localhost}`).
    pub expression: String,
    pub at: Option<Place>,
    /// The value the variable had (masked), None when unset.
    pub value: Option<String>,
    /// Where that value came from; None when unset.
    pub source: Option<Source>,
    /// Definitions of the variable that lost to `source` (shell beating `.env`, ...).
    pub shadowed: Vec<Candidate>,
    /// False for variables inside a default that was not taken.
    pub decided: bool,
    /// Compose warns "The X variable is not set. Defaulting to a blank string." for it.
    pub warns_unset: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub value: Option<String>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variable {
    pub name: String,
    /// What the container gets (masked); None: not passed at all (a valueless entry that
    /// nothing filled).
    pub value: Option<String>,
    /// The entry that set it.
    pub origin: Source,
    pub uses: Vec<Use>,
    /// Lower-precedence definitions of the same container variable (env_file lines that
    /// `environment` overrides, earlier env_files).
    pub overrides: Vec<Candidate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceExplanation {
    pub name: String,
    pub active: bool,
    pub variables: Vec<Variable>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub project: String,
    pub services: Vec<ServiceExplanation>,
}

/// What to explain: all services, one, or one variable of one.
pub struct Filter<'a> {
    pub service: Option<&'a str>,
    pub var: Option<&'a str>,
    pub show_secrets: bool,
}

/// Build the explanation; Err names what does not exist and lists what does.
pub fn explain(p: &Project, sources: &SourceMap, filter: &Filter) -> Result<Explanation, String> {
    if let Some(s) = filter.service
        && !p.services.contains_key(s)
    {
        let known: Vec<&str> = p.services.keys().map(String::as_str).collect();
        return Err(format!(
            "no service `{s}` in project `{}` (services: {})",
            p.name,
            known.join(", ")
        ));
    }
    let ctx = Ctx {
        sources,
        project: p,
        show_secrets: filter.show_secrets,
    };
    let mut services = Vec::new();
    for (name, svc) in &p.services {
        if filter.service.is_some_and(|s| s != name) {
            continue;
        }
        if let Some(v) = filter.var
            && !svc.environment.contains_key(v)
        {
            let known: Vec<&str> = svc.environment.keys().map(String::as_str).collect();
            return Err(format!(
                "service `{name}` has no variable `{v}` (variables: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ));
        }
        let variables = svc
            .environment
            .iter()
            .filter(|(k, _)| filter.var.is_none_or(|v| v == k.as_str()))
            .map(|(k, var)| ctx.variable(k, var))
            .collect();
        services.push(ServiceExplanation {
            name: name.clone(),
            active: svc.active,
            variables,
        });
    }
    Ok(Explanation {
        project: p.name.clone(),
        services,
    })
}

struct Ctx<'a> {
    sources: &'a SourceMap,
    project: &'a Project,
    show_secrets: bool,
}

impl Ctx<'_> {
    fn place(&self, span: Option<Span>) -> Option<Place> {
        let span = span?;
        let (start, _) = self.sources.position(span);
        Some(Place {
            file: self.sources.get(span.file).display.clone(),
            line: start.line,
            column: start.column,
        })
    }

    fn text(&self, span: Span) -> String {
        self.sources.slice(span).to_string()
    }

    fn mask(&self, key: &str, value: &str) -> String {
        if self.show_secrets {
            value.to_string()
        } else {
            secrets::mask_value(key, value)
        }
    }

    fn variable(&self, name: &str, var: &ContainerVar) -> Variable {
        Variable {
            name: name.to_string(),
            value: var.value.as_deref().map(|v| self.mask(name, v)),
            origin: self.origin(&var.origin, var.entered),
            uses: var.uses.iter().map(|u| self.use_of(u)).collect(),
            overrides: var
                .shadowed
                .iter()
                .rev()
                .map(|s| Candidate {
                    value: s.value.as_deref().map(|v| self.mask(name, v)),
                    source: self.origin(&s.origin, s.entered),
                })
                .collect(),
        }
    }

    fn origin(&self, origin: &VarOrigin, entered: Option<Span>) -> Source {
        match origin {
            VarOrigin::Environment {
                key_span,
                list_form,
                ..
            } => Source {
                kind: "environment",
                description: if *list_form {
                    "environment list entry".to_string()
                } else {
                    "environment".to_string()
                },
                at: self.place(key_span.or(entered)),
            },
            VarOrigin::Valueless { key_span, from } => Source {
                kind: "valueless",
                description: match from {
                    Some(src) => format!(
                        "valueless entry, filled from {}",
                        self.env_source(src).description
                    ),
                    None => "valueless entry, nothing to fill it: not passed".to_string(),
                },
                at: self.place(*key_span),
            },
            VarOrigin::EnvFile { key_span, bare, .. } => Source {
                kind: "env_file",
                description: if *bare {
                    "env_file (bare key, looked up)".to_string()
                } else {
                    "env_file".to_string()
                },
                at: self.place(key_span.or(entered)),
            },
            VarOrigin::Synthesized => Source {
                kind: "compose",
                description: "made by Compose (x- keys quirk)".to_string(),
                at: self.place(entered),
            },
        }
    }

    fn env_source(&self, src: &EnvSource) -> Source {
        match src {
            EnvSource::Shell(ShellOrigin::Snapshot { span, .. }) => Source {
                kind: "shell",
                description: "deploy shell (snapshot)".to_string(),
                at: self.place(Some(*span)),
            },
            EnvSource::Shell(ShellOrigin::Inherited) => Source {
                kind: "inherited",
                description: "deploy shell (--inherit-env)".to_string(),
                at: None,
            },
            EnvSource::CopiedFromEnvFile(r) => Source {
                kind: "env_file_compose_var",
                description: "COMPOSE_* key copied from an env file".to_string(),
                at: self.place(Some(r.key_span)),
            },
            EnvSource::EnvFile(r) => Source {
                kind: "dotenv",
                description: "project env file".to_string(),
                at: self.place(Some(r.key_span)),
            },
            EnvSource::CurrentDir => Source {
                kind: "pwd",
                description: "PWD, set by Compose to its working directory".to_string(),
                at: None,
            },
            EnvSource::ProjectName => Source {
                kind: "project_name",
                description: "the project name, set by Compose".to_string(),
                at: None,
            },
            EnvSource::Assumed => Source {
                kind: "assumed",
                description: "--assume-set (provided at deploy time, value unknown)".to_string(),
                at: None,
            },
        }
    }

    fn use_of(&self, u: &ResolvedUse) -> Use {
        let name = &u.var.name;
        let value = match &u.var.outcome {
            Outcome::Set(v) => Some(self.mask(name, v)),
            Outcome::Unset => None,
        };
        let (source, shadowed) = match &u.source {
            Some(UseSource::Project(src)) => {
                let losers = self
                    .project
                    .env
                    .var(name)
                    .map(|v| {
                        v.shadowed
                            .iter()
                            .map(|c| Candidate {
                                value: Some(self.mask(name, &c.value)),
                                source: self.env_source(&c.source),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                (Some(self.env_source(src)), losers)
            }
            Some(UseSource::ServiceEnvironment { span }) => (
                Some(Source {
                    kind: "service_environment",
                    description: "the service's environment".to_string(),
                    at: self.place(*span),
                }),
                Vec::new(),
            ),
            Some(UseSource::EarlierEnvFile) => (
                Some(Source {
                    kind: "earlier_env_file",
                    description: "a key read earlier from the env_files".to_string(),
                    at: None,
                }),
                Vec::new(),
            ),
            None => (None, Vec::new()),
        };
        Use {
            variable: name.clone(),
            expression: u
                .span
                .map(|s| self.text(s))
                .unwrap_or_else(|| format!("${{{name}}}")),
            at: self.place(u.span),
            value,
            source,
            shadowed,
            decided: u.var.effective,
            warns_unset: u.var.warns,
        }
    }
}
