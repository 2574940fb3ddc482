//! Image references, normalised the way docker and podman do: `busybox` is
//! `docker.io/library/busybox:latest`, `localhost:5000/app@sha256:...` keeps its registry, and a
//! name without a registry is "short" and resolved through the unqualified-search registries.

use std::fmt;

pub const DEFAULT_REGISTRY: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReferenceError {
    #[error("invalid image reference {input:?}: {why}")]
    Invalid { input: String, why: &'static str },
}

/// A fully qualified reference: registry, repository, and a tag and/or a digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    pub registry: String,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

/// A parsed user input: either qualified (names its registry) or short (needs a search).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The reference with the default registry filled in when none was given.
    pub reference: Reference,
    /// True when the input named no registry (`busybox`, `library/alpine:3`).
    pub short: bool,
    /// The repository path as typed (without `library/`), for searching other registries.
    pub path: String,
}

impl Reference {
    /// `registry/repository:tag` or `registry/repository@digest` (tag wins when both are set, as the
    /// name under which an image is listed).
    pub fn name(&self) -> String {
        match (&self.tag, &self.digest) {
            (Some(t), _) => format!("{}/{}:{}", self.registry, self.repository, t),
            (None, Some(d)) => format!("{}/{}@{}", self.registry, self.repository, d),
            (None, None) => format!("{}/{}", self.registry, self.repository),
        }
    }

    /// `registry/repository`
    pub fn repo_name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// The same reference on another registry (for short-name search and mirrors); `library/` is
    /// only used on docker.io.
    pub fn on_registry(&self, registry: &str, path: &str) -> Reference {
        let repository = if registry == DEFAULT_REGISTRY && !path.contains('/') {
            format!("library/{path}")
        } else {
            path.to_string()
        };
        Reference {
            registry: registry.to_string(),
            repository,
            tag: self.tag.clone(),
            digest: self.digest.clone(),
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Parse a user-typed reference.
pub fn parse(input: &str) -> Result<Parsed, ReferenceError> {
    let bad = |why| ReferenceError::Invalid {
        input: input.to_string(),
        why,
    };
    let s = input.trim();
    if s.is_empty() {
        return Err(bad("empty"));
    }
    let s = s.strip_prefix("docker://").unwrap_or(s);
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => {
            validate_digest(d).map_err(bad)?;
            (r, Some(d.to_string()))
        }
        None => (s, None),
    };
    // The tag is after the last ':' that follows the last '/'.
    let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => {
            let t = &rest[last_slash + i + 1..];
            validate_tag(t).map_err(bad)?;
            (&rest[..last_slash + i], Some(t.to_string()))
        }
        None => (rest, None),
    };
    let (registry, path, short) = match name.split_once('/') {
        Some((first, remainder))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (normalise_registry(first), remainder.to_string(), false)
        }
        _ => (DEFAULT_REGISTRY.to_string(), name.to_string(), true),
    };
    validate_path(&path).map_err(bad)?;
    let tag = match (&tag, &digest) {
        (None, None) => Some(DEFAULT_TAG.to_string()),
        _ => tag,
    };
    let typed_path = path
        .strip_prefix("library/")
        .filter(|_| registry == DEFAULT_REGISTRY)
        .unwrap_or(&path)
        .to_string();
    let base = Reference {
        registry: String::new(),
        repository: String::new(),
        tag,
        digest,
    };
    Ok(Parsed {
        reference: base.on_registry(&registry, &path),
        short,
        path: typed_path,
    })
}

fn normalise_registry(r: &str) -> String {
    match r {
        "index.docker.io" | "registry-1.docker.io" => DEFAULT_REGISTRY.to_string(),
        other => other.to_string(),
    }
}

fn validate_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("missing repository name");
    }
    if path.len() > 255 {
        return Err("repository name longer than 255 characters");
    }
    for comp in path.split('/') {
        if comp.is_empty() {
            return Err("empty path component");
        }
        let ok_chars = comp
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if !ok_chars {
            return Err("repository names must be lowercase letters, digits and . _ -");
        }
        let first = comp.chars().next().unwrap();
        let last = comp.chars().last().unwrap();
        if !first.is_ascii_alphanumeric() || !last.is_ascii_alphanumeric() {
            return Err("path components must start and end with a letter or digit");
        }
    }
    Ok(())
}

fn validate_tag(t: &str) -> Result<(), &'static str> {
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => {}
        _ => return Err("a tag must start with a letter, digit or _"),
    }
    if t.len() > 128 || !chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) {
        return Err("a tag is at most 128 letters, digits, _ . -");
    }
    Ok(())
}

/// `sha256:` + 64 lowercase hex digits (the only algorithm registries use in practice).
pub fn validate_digest(d: &str) -> Result<(), &'static str> {
    let hex = d
        .strip_prefix("sha256:")
        .ok_or("digests must be sha256:<64 hex digits>")?;
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err("digests must be sha256:<64 hex digits>");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(s: &str) -> String {
        parse(s).unwrap().reference.to_string()
    }

    #[test]
    fn docker_hub_normalisation() {
        assert_eq!(full("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(
            full("library/busybox:1.36"),
            "docker.io/library/busybox:1.36"
        );
        assert_eq!(full("user/app"), "docker.io/user/app:latest");
        assert_eq!(full("docker.io/nginx:1.27"), "docker.io/library/nginx:1.27");
        assert_eq!(
            full("index.docker.io/nginx"),
            "docker.io/library/nginx:latest"
        );
        assert!(parse("busybox").unwrap().short);
        assert!(parse("user/app").unwrap().short);
        assert!(!parse("docker.io/nginx").unwrap().short);
        assert_eq!(parse("library/busybox").unwrap().path, "busybox");
    }

    #[test]
    fn registries_with_ports_and_digests() {
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(full("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(full("localhost/app:v1"), "localhost/app:v1");
        assert_eq!(full("quay.io/podman/hello"), "quay.io/podman/hello:latest");
        assert_eq!(
            full(&format!("localhost:5000/app@{d}")),
            format!("localhost:5000/app@{d}")
        );
        let p = parse(&format!("ghcr.io/o/r/x:t@{d}")).unwrap().reference;
        assert_eq!(p.registry, "ghcr.io");
        assert_eq!(p.repository, "o/r/x");
        assert_eq!(p.tag.as_deref(), Some("t"));
        assert_eq!(p.digest.as_deref(), Some(d.as_str()));
        assert_eq!(full("127.0.0.1:5000/a/b:c"), "127.0.0.1:5000/a/b:c");
    }

    #[test]
    fn invalid_references_are_rejected() {
        for s in [
            "",
            "UPPER",
            "a//b",
            "busybox:",
            "busybox:-x",
            "busybox@sha256:123",
            "busybox@md5:abc",
            "-leading",
            "trailing-/x",
        ] {
            assert!(parse(s).is_err(), "{s:?} should be invalid");
        }
    }

    #[test]
    fn on_registry_adds_library_only_on_docker_hub() {
        let p = parse("busybox").unwrap();
        assert_eq!(
            p.reference.on_registry("quay.io", &p.path).to_string(),
            "quay.io/busybox:latest"
        );
        assert_eq!(
            p.reference.on_registry("docker.io", &p.path).to_string(),
            "docker.io/library/busybox:latest"
        );
    }
}
