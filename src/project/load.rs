//! The loading pipeline, step by step in Compose's order (SEMANTICS §0): environment,
//! compose files, project name, each document interpolated and merged (with `extends`
//! and `include`), relative paths, profiles, then each service's container environment.

use super::LoadOptions;
use super::canonical::canonical;
use super::compose_file;
use super::consistency;
use super::container_env;
use super::ctx::LoadCtx;
use super::env::{EnvSource, InterpEnv};
use super::environment;
use super::files;
use super::gopath;
use super::merge;
use super::model::{ComposeError, Project, Service};
use super::name;
use super::paths::Resolver;
use super::schema;
use super::unicity;
use super::value::{Node, Value};
use crate::interpolate;
use indexmap::IndexMap;

/// How deep `extends` chains and `include`s may nest before we call it a cycle.
const MAX_NESTING: usize = 32;

pub(crate) fn load_project(opts: &LoadOptions, ctx: &mut LoadCtx) -> Result<Project, ComposeError> {
    let cwd = ctx.cwd.clone();
    let shell = InterpEnv::from_shell(&opts.shell);
    let flag_files: Vec<String> = opts.files.iter().map(|p| gopath::to_go(p)).collect();
    let flag_env_files: Vec<String> = opts.env_files.iter().map(|p| gopath::to_go(p)).collect();
    let project_directory = opts.project_directory.as_deref().map(gopath::to_go);

    let explicit = environment::explicit_env_files(&cwd, &flag_env_files, &shell);
    let flag_abs = files::from_flags(&cwd, &flag_files);
    let guess_dir = files::working_dir(&cwd, project_directory.as_deref(), &flag_abs);
    let process = environment::process_env(ctx, shell, &explicit, &guess_dir);
    let mut env = process.clone();
    environment::add_pwd(&mut env, &cwd);
    environment::add_env_files(ctx, &mut env, &explicit, &guess_dir)?;

    let compose_files = if !flag_abs.is_empty() {
        flag_abs
    } else if let Some(from_var) = files::from_compose_file_var(&cwd, &env) {
        from_var?
    } else {
        let start = project_directory
            .as_deref()
            .map(|d| gopath::abs(&cwd, d))
            .unwrap_or_else(|| cwd.clone());
        files::discover(ctx, &start)
    };
    if compose_files.is_empty() {
        return Err(ComposeError::new(
            "no configuration file provided: not found",
            None,
        ));
    }
    let working_dir = files::working_dir(&cwd, project_directory.as_deref(), &compose_files);
    if working_dir != guess_dir {
        environment::add_env_files(ctx, &mut env, &explicit, &working_dir)?;
    }
    env.assume_set(&opts.assume_set);

    let profiles = enabled_profiles(opts, &env);
    let name = project_name(opts, ctx, &env, &compose_files, &working_dir)?;
    env.overwrite("COMPOSE_PROJECT_NAME", name.clone(), EnvSource::ProjectName);
    let home = env.get("HOME").map(str::to_string);

    let model_env = (!opts.skip_interpolation).then_some(&env);
    let mut model = assemble(
        ctx,
        &compose_files,
        model_env,
        &working_dir,
        home.as_deref(),
        &[],
    )?;
    let raw_model = {
        let mut quiet = LoadCtx::new(ctx.ws, cwd.clone());
        assemble(
            &mut quiet,
            &compose_files,
            None,
            &working_dir,
            home.as_deref(),
            &[],
        )
        .unwrap_or_else(|_| Node::new(Value::Null))
    };

    // Compose checks the project as the profiles leave it, then enables the services named
    // on the command line (and their profiles), whose dependencies must then all be there.
    let by_profiles = active_services(&model, &profiles, &[])?;
    if !opts.skip_interpolation {
        consistency::check(&model, &by_profiles)?;
        check_dependencies(&model, &by_profiles)?;
        check_dependency_cycles(&model, &by_profiles)?;
    }
    let active_services = active_services(&model, &profiles, &opts.services)?;
    check_named_dependencies(&model, &active_services, &opts.services)?;
    let mut services = IndexMap::new();
    if let Some(Value::Map(nodes)) = model
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .map(|n| &mut n.value)
    {
        for (svc_name, node) in nodes.iter_mut() {
            // Compose reads env_files only for the services it will run.
            let active = active_services.contains(svc_name);
            let environment = container_env::resolve_service(ctx, node, &env, active)?;
            let build_args = container_env::resolve_build_args(node, &env);
            services.insert(
                svc_name.clone(),
                Service {
                    name: svc_name.clone(),
                    active,
                    profiles: string_list(node.get("profiles")),
                    span: node.span,
                    key_span: node.key_span,
                    environment,
                    build_args,
                },
            );
        }
    }
    if let Some(m) = model.as_map_mut() {
        m.insert("name".to_string(), Node::new(Value::Str(name.clone())));
    }
    Ok(Project {
        name,
        working_dir: gopath::to_path(&working_dir),
        compose_files: compose_files.iter().map(|f| gopath::to_path(f)).collect(),
        env,
        model,
        raw_model,
        active_services,
        profiles,
        services,
    })
}

/// `--profile` flags, else `COMPOSE_PROFILES` (comma separated, trimmed).
fn enabled_profiles(opts: &LoadOptions, env: &InterpEnv) -> Vec<String> {
    if !opts.profiles.is_empty() {
        return opts.profiles.clone();
    }
    env.get("COMPOSE_PROFILES")
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// SEMANTICS §3 P6: `-p` > `COMPOSE_PROJECT_NAME` > the last non-empty `name:` >
/// the project directory's base name; the first two validated, the last two normalised.
fn project_name(
    opts: &LoadOptions,
    ctx: &mut LoadCtx,
    env: &InterpEnv,
    compose_files: &[String],
    working_dir: &str,
) -> Result<String, ComposeError> {
    if let Some(p) = opts.project_name.as_deref().filter(|p| !p.is_empty()) {
        name::validate(p).map_err(|m| ComposeError::new(m, None))?;
        return Ok(p.to_string());
    }
    if let Some(p) = env.get("COMPOSE_PROJECT_NAME").filter(|p| !p.is_empty()) {
        name::validate(p).map_err(|m| ComposeError::new(m, None))?;
        return Ok(p.to_string());
    }
    let mut declared = None;
    let mut any_declared = false;
    for file in compose_files {
        let Ok(id) = compose_file::open(ctx, file) else {
            continue;
        };
        for (text, _) in compose_file::declared_names(ctx, id) {
            any_declared = true;
            let value = interpolate::substitute(&text, &mut |n| env.lookup(n))
                .map(|e| e.value)
                .unwrap_or(text);
            if !value.is_empty() {
                declared = Some(value);
            }
        }
    }
    // A `name:` that interpolates to nothing does not fall back to the directory name.
    if any_declared && declared.is_none() {
        return Err(ComposeError::new("project name must not be empty", None));
    }
    let base = declared.unwrap_or_else(|| gopath::base(working_dir));
    Ok(name::normalize(&base))
}

/// Load, interpolate and merge `files` into one model (extends and includes applied,
/// canonical forms, relative paths made absolute against `base_dir`).
fn assemble(
    ctx: &mut LoadCtx,
    compose_files: &[String],
    env: Option<&InterpEnv>,
    base_dir: &str,
    home: Option<&str>,
    chain: &[String],
) -> Result<Node, ComposeError> {
    if chain.len() > MAX_NESTING {
        return Err(ComposeError::new(
            format!("include cycle detected: {}", chain.join("\n  include ")),
            None,
        ));
    }
    let mut acc: Option<Node> = None;
    for file in compose_files {
        let id = compose_file::open(ctx, file)?;
        compose_file::check_yaml(ctx, id, file)?;
        let docs = compose_file::documents(ctx, id, file, env)?;
        if docs.is_empty() {
            return Err(ComposeError::new("empty compose file", None));
        }
        for doc in docs {
            schema::check_document(&doc.node, file)?;
            let mut node = doc.node;
            if let Some(m) = node.as_map_mut() {
                m.shift_remove("version");
            }
            apply_extends(ctx, &mut node, file, env, home, &mut Vec::new())?;
            let mut here = chain.to_vec();
            here.push(file.clone());
            apply_includes(ctx, &mut node, file, env, base_dir, home, &here)?;
            canonical(&mut node, env.is_none())?;
            acc = Some(match acc {
                None => node,
                Some(mut base) => {
                    merge::apply_resets(&mut base, &doc.resets.paths);
                    merge::merge_documents(base, node)?
                }
            });
        }
    }
    let mut model = acc.unwrap_or_else(|| Node::new(Value::Map(IndexMap::new())));
    unicity::enforce(&mut model)?;
    Resolver {
        base: base_dir,
        home,
    }
    .resolve_model(&mut model);
    Ok(model)
}

/// `extends` (SEMANTICS M4) for every service of a document: the base (same file or another
/// one, interpolated with the same environment, its paths resolved against its own
/// directory) merged under the service.
fn apply_extends(
    ctx: &mut LoadCtx,
    doc: &mut Node,
    file: &str,
    env: Option<&InterpEnv>,
    home: Option<&str>,
    chain: &mut Vec<String>,
) -> Result<(), ComposeError> {
    let Some(services) = doc.as_map().and_then(|m| m.get("services")).cloned() else {
        return Ok(());
    };
    let Value::Map(map) = &services.value else {
        return Ok(());
    };
    let mut resolved = IndexMap::new();
    for (svc_name, svc) in map {
        let out = extend_one(ctx, svc_name, svc.clone(), map, file, env, home, chain)?;
        resolved.insert(svc_name.clone(), out);
    }
    if let Some(m) = doc.as_map_mut()
        && let Some(s) = m.get_mut("services")
    {
        s.value = Value::Map(resolved);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn extend_one(
    ctx: &mut LoadCtx,
    svc_name: &str,
    mut svc: Node,
    siblings: &IndexMap<String, Node>,
    file: &str,
    env: Option<&InterpEnv>,
    home: Option<&str>,
    chain: &mut Vec<String>,
) -> Result<Node, ComposeError> {
    let Some(ext) = svc.as_map_mut().and_then(|m| m.shift_remove("extends")) else {
        return Ok(svc);
    };
    let (base_file, base_name) = match &ext.value {
        Value::Str(s) => (None, s.clone()),
        Value::Map(m) => (
            m.get("file").and_then(Node::as_str).map(str::to_string),
            m.get("service")
                .and_then(Node::as_str)
                .unwrap_or_default()
                .to_string(),
        ),
        _ => return Ok(svc),
    };
    let here = format!("{svc_name} in {file}");
    if chain.contains(&here) || chain.len() > MAX_NESTING {
        chain.push(here);
        // Compose's wording: `Circular reference:\n  a in F\n  extends b in F\n  extends a in F`.
        return Err(ComposeError::new(
            format!("Circular reference:\n  {}", chain.join("\n  extends ")),
            ext.span,
        ));
    }
    chain.push(here);
    let base = match base_file {
        None => {
            let Some(base) = siblings.get(&base_name) else {
                return Err(ComposeError::new(
                    format!(
                        "cannot extend service {svc_name:?} in {file}: service {base_name:?} not found"
                    ),
                    ext.span,
                ));
            };
            extend_one(
                ctx,
                &base_name,
                base.clone(),
                siblings,
                file,
                env,
                home,
                chain,
            )?
        }
        Some(other) => {
            let dir = gopath::dir(file);
            let path = gopath::abs(&dir, &other);
            let id = compose_file::open(ctx, &path)?;
            compose_file::check_yaml(ctx, id, &path)?;
            let docs = compose_file::documents(ctx, id, &path, env)?;
            let mut others: IndexMap<String, Node> = IndexMap::new();
            for d in docs {
                if let Some(Value::Map(m)) = d.node.get("services").map(|n| &n.value) {
                    others.extend(m.clone());
                }
            }
            let Some(base) = others.get(&base_name).cloned() else {
                return Err(ComposeError::new(
                    format!(
                        "cannot extend service {svc_name:?} in {file}: service {base_name:?} not found in {other}"
                    ),
                    ext.span,
                ));
            };
            let mut base = extend_one(ctx, &base_name, base, &others, &path, env, home, chain)?;
            // The base's relative paths are relative to its own file.
            let mut wrapper = Node::new(Value::Map(IndexMap::from([(
                "services".to_string(),
                Node::new(Value::Map(IndexMap::from([(base_name.clone(), base)]))),
            )])));
            canonical(&mut wrapper, env.is_none())?;
            Resolver {
                base: &gopath::dir(&path),
                home,
            }
            .resolve_model(&mut wrapper);
            base = wrapper
                .get("services")
                .and_then(|s| s.get(&base_name))
                .cloned()
                .unwrap_or_else(|| Node::new(Value::Map(IndexMap::new())));
            base
        }
    };
    chain.pop();
    let mut base = base;
    let mut wrapped_base = Node::new(Value::Map(IndexMap::from([(
        "services".to_string(),
        Node::new(Value::Map(IndexMap::from([(
            "x".to_string(),
            base.clone(),
        )]))),
    )])));
    let mut wrapped_svc = Node::new(Value::Map(IndexMap::from([(
        "services".to_string(),
        Node::new(Value::Map(IndexMap::from([("x".to_string(), svc.clone())]))),
    )])));
    canonical(&mut wrapped_base, env.is_none())?;
    canonical(&mut wrapped_svc, env.is_none())?;
    if let (Some(b), Some(s)) = (
        wrapped_base.get("services").and_then(|n| n.get("x")),
        wrapped_svc.get("services").and_then(|n| n.get("x")),
    ) {
        base = b.clone();
        svc = s.clone();
    }
    let span = svc.span;
    let key_span = svc.key_span;
    let mut merged = merge::extend_service(base, svc)?;
    merged.span = span;
    merged.key_span = key_span;
    Ok(merged)
}

/// `include` (SEMANTICS M5): each entry's files loaded as a project of their own
/// (interpolated with the parent environment plus the included env files, paths relative
/// to the included project directory), their resources added to the document; a resource
/// defined on both sides is a conflict unless identical.
fn apply_includes(
    ctx: &mut LoadCtx,
    doc: &mut Node,
    file: &str,
    env: Option<&InterpEnv>,
    parent_dir: &str,
    home: Option<&str>,
    chain: &[String],
) -> Result<(), ComposeError> {
    let Some(includes) = doc.as_map_mut().and_then(|m| m.shift_remove("include")) else {
        return Ok(());
    };
    let entries: Vec<Node> = match includes.value {
        Value::Seq(items) => items,
        Value::Null => Vec::new(),
        other => {
            return Err(ComposeError::new(
                format!("`include` must be a list, got {}", super::gofmt::v(&other)),
                includes.span,
            ));
        }
    };
    let file_dir = gopath::dir(file);
    for entry in entries {
        let (paths, project_directory, env_files) = match &entry.value {
            Value::Str(s) => (vec![s.clone()], None, Vec::new()),
            Value::Map(m) => (
                string_list(m.get("path")),
                m.get("project_directory")
                    .and_then(Node::as_str)
                    .map(str::to_string),
                string_list(m.get("env_file")),
            ),
            _ => continue,
        };
        let abs_paths: Vec<String> = paths.iter().map(|p| gopath::abs(&file_dir, p)).collect();
        let Some(first) = abs_paths.first() else {
            continue;
        };
        if let Some(again) = abs_paths.iter().find(|p| chain.contains(p)) {
            return Err(ComposeError::new(
                format!(
                    "include cycle detected: {}\n  include {again}",
                    chain.join("\n  include ")
                ),
                entry.span,
            ));
        }
        let included_dir = match &project_directory {
            Some(d) => gopath::abs(&file_dir, d),
            None => gopath::dir(first),
        };
        let included_env = match env {
            Some(parent) => {
                let mut e = parent.clone();
                let explicit: Vec<String> = env_files
                    .iter()
                    .map(|f| gopath::abs(parent_dir, f))
                    .collect();
                environment::add_env_files(ctx, &mut e, &explicit, &included_dir)?;
                Some(e)
            }
            None => None,
        };
        let mut included = assemble(
            ctx,
            &abs_paths,
            included_env.as_ref(),
            &included_dir,
            home,
            chain,
        )?;
        if let Some(e) = &included_env {
            fill_list_valueless(&mut included, e);
        }
        add_imported(doc, included)?;
    }
    Ok(())
}

/// Compose's include quirk (SEMANTICS M5): list-form valueless entries (`- KEY`) of an
/// included file are filled from the include's own environment while it is loaded;
/// map-form ones (`KEY:`) only later, from the parent project's.
fn fill_list_valueless(model: &mut Node, env: &InterpEnv) {
    let Some(Value::Map(services)) = model
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .map(|n| &mut n.value)
    else {
        return;
    };
    for svc in services.values_mut() {
        let Some(Value::Seq(items)) = svc
            .as_map_mut()
            .and_then(|m| m.get_mut("environment"))
            .map(|n| &mut n.value)
        else {
            continue;
        };
        for item in items.iter_mut() {
            if let Value::Str(text) = &item.value
                && !text.contains('=')
                && let Some(v) = env.get(text)
            {
                item.value = Value::Str(format!("{text}={v}"));
            }
        }
    }
}

fn add_imported(doc: &mut Node, included: Node) -> Result<(), ComposeError> {
    let Value::Map(imported) = included.value else {
        return Ok(());
    };
    let Some(root) = doc.as_map_mut() else {
        return Ok(());
    };
    for (kind, resources) in imported {
        let Value::Map(resources) = resources.value else {
            continue;
        };
        if !matches!(
            kind.as_str(),
            "services" | "networks" | "volumes" | "secrets" | "configs" | "models"
        ) {
            continue;
        }
        let slot = root
            .entry(kind.clone())
            .or_insert_with(|| Node::new(Value::Map(IndexMap::new())));
        if slot.is_null() {
            slot.value = Value::Map(IndexMap::new());
        }
        let Some(existing) = slot.as_map_mut() else {
            continue;
        };
        for (name, resource) in resources {
            match existing.get(&name) {
                Some(mine) if !same_value(mine, &resource) => {
                    return Err(ComposeError::new(
                        format!("{kind}.{name} conflicts with imported resource"),
                        mine.key_span.or(mine.span),
                    ));
                }
                Some(_) => {}
                None => {
                    existing.insert(name, resource);
                }
            }
        }
    }
    Ok(())
}

/// Value equality ignoring spans and interpolation records.
fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_value(v, w))
        }
        (x, y) => x == y,
    }
}

/// The services Compose would run: those without profiles or with an enabled one (`*`
/// enables all), plus services named on the command line, whose own profiles are then
/// enabled too (SEMANTICS M6).
fn active_services(
    model: &Node,
    profiles: &[String],
    named: &[String],
) -> Result<Vec<String>, ComposeError> {
    let Some(Value::Map(services)) = model.get("services").map(|n| &n.value) else {
        return Ok(Vec::new());
    };
    let mut enabled: Vec<String> = profiles.to_vec();
    for n in named {
        let Some(svc) = services.get(n) else {
            return Err(ComposeError::new(format!("no such service: {n}"), None));
        };
        enabled.extend(string_list(svc.get("profiles")));
    }
    let all = enabled.iter().any(|p| p == "*");
    Ok(services
        .iter()
        .filter(|(name, svc)| {
            let own = string_list(svc.get("profiles"));
            own.is_empty() || all || own.iter().any(|p| enabled.contains(p)) || named.contains(name)
        })
        .map(|(n, _)| n.clone())
        .collect())
}

/// The services named on the command line and, transitively, what they depend on must be
/// active: Compose selects them from the enabled services (`no such service: X`).
fn check_named_dependencies(
    model: &Node,
    active: &[String],
    named: &[String],
) -> Result<(), ComposeError> {
    let Some(Value::Map(services)) = model.get("services").map(|n| &n.value) else {
        return Ok(());
    };
    let mut seen: Vec<String> = Vec::new();
    let mut queue: Vec<String> = named.to_vec();
    while let Some(n) = queue.pop() {
        if seen.contains(&n) {
            continue;
        }
        let Some(svc) = services.get(&n).filter(|_| active.contains(&n)) else {
            return Err(ComposeError::new(format!("no such service: {n}"), None));
        };
        queue.extend(depends_on(svc));
        seen.push(n);
    }
    Ok(())
}

/// `depends_on` must not loop: `dependency cycle detected: a -> b -> a`.
fn check_dependency_cycles(model: &Node, active: &[String]) -> Result<(), ComposeError> {
    let Some(Value::Map(services)) = model.get("services").map(|n| &n.value) else {
        return Ok(());
    };
    fn visit(
        name: &str,
        services: &IndexMap<String, Node>,
        active: &[String],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == name) {
            let mut cycle = path.get(at..).unwrap_or_default().to_vec();
            cycle.push(name.to_string());
            return Some(cycle);
        }
        if done.iter().any(|d| d == name) || path.len() > 1000 {
            return None;
        }
        path.push(name.to_string());
        for dep in services.get(name).map(depends_on).unwrap_or_default() {
            if active.contains(&dep)
                && let Some(cycle) = visit(&dep, services, active, path, done)
            {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(name.to_string());
        None
    }
    let mut done = Vec::new();
    for name in active {
        if let Some(cycle) = visit(name, services, active, &mut Vec::new(), &mut done) {
            let span = services
                .get(cycle.first().map(String::as_str).unwrap_or_default())
                .and_then(|s| s.get("depends_on"))
                .and_then(|d| d.span);
            return Err(ComposeError::new(
                format!("dependency cycle detected: {}", cycle.join(" -> ")),
                span,
            ));
        }
    }
    Ok(())
}

/// Every `depends_on` of an active service must name an active service, unless the
/// dependency is marked `required: false`.
fn check_dependencies(model: &Node, active: &[String]) -> Result<(), ComposeError> {
    let Some(Value::Map(services)) = model.get("services").map(|n| &n.value) else {
        return Ok(());
    };
    for name in active {
        let Some(svc) = services.get(name) else {
            continue;
        };
        for dep in depends_on(svc) {
            let optional = svc
                .get("depends_on")
                .and_then(|d| d.get(&dep))
                .and_then(|d| d.get("required"))
                .is_some_and(|r| r.value == Value::Bool(false));
            if !active.contains(&dep) && !optional {
                return Err(ComposeError::new(
                    format!(
                        "service {name:?} depends on undefined service {dep:?}: invalid compose project"
                    ),
                    svc.get("depends_on").and_then(|d| d.span),
                ));
            }
        }
    }
    Ok(())
}

/// The services `svc` depends on: its `depends_on` entries (list or mapping keys), plus
/// the service whose network it shares (`network_mode: service:db`), which Compose turns
/// into an implicit dependency.
pub(crate) fn depends_on(svc: &Node) -> Vec<String> {
    let mut deps = declared_dependencies(svc);
    if let Some(target) = svc
        .get("network_mode")
        .and_then(Node::as_str)
        .and_then(|m| m.strip_prefix("service:"))
        && !deps.iter().any(|d| d == target)
    {
        deps.push(target.to_string());
    }
    deps
}

fn declared_dependencies(svc: &Node) -> Vec<String> {
    svc.get("depends_on").map(Node::names).unwrap_or_default()
}

fn string_list(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Str(s)) => vec![s.clone()],
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(Node::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}
