//! Relative paths made absolute where Compose does it (`paths.ResolveRelativePaths`):
//! build contexts, env_files, label_files, bind-mount sources, config/secret files,
//! `watch` paths, local-driver bind devices. The base is the project directory, or the
//! directory of the file an `extends`/`include` brought in.

use super::gopath;
use super::value::{Node, Value};
use super::volumes;

pub(crate) struct Resolver<'a> {
    pub base: &'a str,
    /// The deploy shell's `HOME`, for `~` (Compose leaves `~` alone without one).
    pub home: Option<&'a str>,
}

impl Resolver<'_> {
    /// A path string: `~` expanded, relative paths joined to the base, empty kept.
    pub fn abs(&self, v: &str) -> String {
        let expanded = match (v.strip_prefix('~'), self.home) {
            (Some(rest), Some(home)) => gopath::join(&[home, rest]),
            _ => v.to_string(),
        };
        if expanded.is_empty() || gopath::is_abs(&expanded) {
            expanded
        } else {
            gopath::join(&[self.base, &expanded])
        }
    }

    /// Resolve every path attribute of a model (root mapping).
    pub fn resolve_model(&self, model: &mut Node) {
        let Some(root) = model.as_map_mut() else {
            return;
        };
        if let Some(Node {
            value: Value::Map(services),
            ..
        }) = root.get_mut("services")
        {
            for service in services.values_mut() {
                self.resolve_service(service);
            }
        }
        for kind in ["configs", "secrets"] {
            if let Some(Node {
                value: Value::Map(resources),
                ..
            }) = root.get_mut(kind)
            {
                for r in resources.values_mut() {
                    if let Some(f) = r.as_map_mut().and_then(|m| m.get_mut("file")) {
                        self.abs_node(f);
                    }
                }
            }
        }
        if let Some(Node {
            value: Value::Map(vols),
            ..
        }) = root.get_mut("volumes")
        {
            for v in vols.values_mut() {
                self.resolve_volume_driver(v);
            }
        }
    }

    fn resolve_service(&self, service: &mut Node) {
        let Some(svc) = service.as_map_mut() else {
            return;
        };
        if let Some(build) = svc.get_mut("build") {
            self.resolve_build(build);
        }
        if let Some(Node {
            value: Value::Seq(files),
            ..
        }) = svc.get_mut("env_file")
        {
            for f in files {
                match &mut f.value {
                    Value::Map(m) => {
                        if let Some(p) = m.get_mut("path") {
                            self.abs_node(p);
                        }
                    }
                    Value::Str(_) => self.abs_node(f),
                    _ => {}
                }
            }
        }
        if let Some(Node {
            value: Value::Seq(files),
            ..
        }) = svc.get_mut("label_file")
        {
            for f in files {
                self.abs_node(f);
            }
        }
        if let Some(Node {
            value: Value::Seq(mounts),
            ..
        }) = svc.get_mut("volumes")
        {
            for m in mounts {
                self.resolve_mount(m);
            }
        }
        if let Some(Node {
            value: Value::Seq(watches),
            ..
        }) = svc
            .get_mut("develop")
            .and_then(|d| d.as_map_mut())
            .and_then(|d| d.get_mut("watch"))
        {
            for w in watches {
                if let Some(p) = w.as_map_mut().and_then(|m| m.get_mut("path")) {
                    self.abs_node(p);
                }
            }
        }
    }

    fn resolve_build(&self, build: &mut Node) {
        match &mut build.value {
            Value::Str(s) if !is_remote_context(s) => {
                *s = self.abs(s);
            }
            Value::Map(m) => {
                if let Some(Node {
                    value: Value::Str(ctx),
                    ..
                }) = m.get_mut("context")
                    && !is_remote_context(ctx)
                {
                    *ctx = self.abs(ctx);
                }
                if let Some(Node {
                    value: Value::Map(extra),
                    ..
                }) = m.get_mut("additional_contexts")
                {
                    for c in extra.values_mut() {
                        if let Value::Str(s) = &mut c.value
                            && !is_remote_context(s)
                        {
                            *s = self.abs(s);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Bind mounts: long form `type: bind`, or a short form whose source is a path.
    fn resolve_mount(&self, mount: &mut Node) {
        match &mut mount.value {
            Value::Map(m) => {
                let is_bind = m.get("type").and_then(Node::as_str) == Some("bind");
                if is_bind && let Some(src) = m.get_mut("source") {
                    self.abs_node(src);
                }
            }
            Value::Str(spec) => {
                let Ok(parsed) = volumes::parse(spec) else {
                    return;
                };
                if parsed.bind
                    && !gopath::is_abs(&parsed.source)
                    && let Some(rest) = spec.strip_prefix(parsed.source.as_str())
                {
                    *spec = format!("{}{rest}", self.abs(&parsed.source));
                }
            }
            _ => {}
        }
    }

    fn resolve_volume_driver(&self, volume: &mut Node) {
        let Some(v) = volume.as_map_mut() else {
            return;
        };
        if v.get("driver").and_then(Node::as_str) != Some("local") {
            return;
        }
        let Some(opts) = v.get_mut("driver_opts").and_then(|o| o.as_map_mut()) else {
            return;
        };
        if opts.get("o").and_then(Node::as_str) == Some("bind")
            && let Some(dev) = opts.get_mut("device")
        {
            self.abs_node(dev);
        }
    }

    fn abs_node(&self, node: &mut Node) {
        if let Value::Str(s) = &mut node.value {
            *s = self.abs(s);
        }
    }
}

/// A build context Compose hands to a remote loader instead of the file system.
fn is_remote_context(s: &str) -> bool {
    s.contains("://") || s.starts_with("git@") || s.starts_with("github.com/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    #[test]
    fn abs_rules() {
        let r = Resolver {
            base: "/p",
            home: Some("/home/u"),
        };
        assert_eq!(r.abs("./a/../b"), "/p/b");
        assert_eq!(r.abs("/etc/x"), "/etc/x");
        assert_eq!(r.abs(""), "");
        assert_eq!(r.abs("~/x"), "/home/u/x");
        let no_home = Resolver {
            base: "/p",
            home: None,
        };
        assert_eq!(no_home.abs("~/x"), "/p/~/x");
    }

    #[test]
    fn short_bind_sources_become_absolute() {
        let r = Resolver {
            base: "/p",
            home: None,
        };
        let mut m = Node::new(Value::Str("./data:/data:ro".into()));
        r.resolve_mount(&mut m);
        assert_eq!(m.as_str(), Some("/p/data:/data:ro"));
        let mut named = Node::new(Value::Str("db:/var/lib/db".into()));
        r.resolve_mount(&mut named);
        assert_eq!(named.as_str(), Some("db:/var/lib/db"));
    }

    #[test]
    fn build_context_string_and_map() {
        let r = Resolver {
            base: "/p",
            home: None,
        };
        let mut b = Node::new(Value::Str(".".into()));
        r.resolve_build(&mut b);
        assert_eq!(b.as_str(), Some("/p"));
        let mut m = IndexMap::new();
        m.insert(
            "context".to_string(),
            Node::new(Value::Str("https://x/y.git".into())),
        );
        let mut b = Node::new(Value::Map(m));
        r.resolve_build(&mut b);
        assert_eq!(b.get("context").unwrap().as_str(), Some("https://x/y.git"));
    }
}
