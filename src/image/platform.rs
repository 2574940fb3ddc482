//! Choosing one manifest from an image index: the host platform by default, or `--platform
//! os/arch[/variant]`. Attestation manifests (buildkit's `unknown/unknown`) are never chosen.

use super::manifest::{Descriptor, Platform};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlatformError {
    #[error("invalid platform {0:?}: use os/arch[/variant], e.g. linux/arm64/v8")]
    Invalid(String),
}

impl Platform {
    /// This machine: linux and the Go name of the CPU architecture (amd64, arm64 v8, ...).
    pub fn host() -> Platform {
        let arch = crate::system::info::go_arch(std::env::consts::ARCH).to_string();
        let variant = match arch.as_str() {
            "arm64" => Some("v8".to_string()),
            "arm" => Some("v7".to_string()),
            _ => None,
        };
        Platform {
            architecture: arch,
            os: "linux".into(),
            variant,
        }
    }

    /// `os/arch[/variant]`
    pub fn parse(s: &str) -> Result<Platform, PlatformError> {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(PlatformError::Invalid(s.to_string()));
        }
        Ok(Platform {
            os: parts[0].to_string(),
            architecture: normalise_arch(parts[1]).to_string(),
            variant: parts.get(2).map(|v| v.to_string()),
        })
    }

    /// Apply --os/--arch/--variant overrides.
    pub fn with_overrides(
        mut self,
        os: Option<&str>,
        arch: Option<&str>,
        variant: Option<&str>,
    ) -> Platform {
        if let Some(o) = os {
            self.os = o.to_string();
        }
        if let Some(a) = arch {
            let a = normalise_arch(a).to_string();
            if a != self.architecture {
                self.variant = None;
            }
            self.architecture = a;
        }
        if let Some(v) = variant {
            self.variant = Some(v.to_string());
        }
        self
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

fn normalise_arch(a: &str) -> &str {
    match a {
        "x86_64" | "x86-64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

fn is_attestation(d: &Descriptor) -> bool {
    d.annotations.as_ref().is_some_and(|a| {
        a.get("vnd.docker.reference.type").map(String::as_str) == Some("attestation-manifest")
    }) || d
        .platform
        .as_ref()
        .is_some_and(|p| p.os == "unknown" || p.architecture == "unknown")
}

/// The best entry for `want`: os and architecture must match; a requested variant must match (an
/// arm64 entry without a variant counts as v8); without a requested variant an entry with no
/// variant is preferred, then the host's own.
pub fn choose<'a>(entries: &'a [Descriptor], want: &Platform) -> Option<&'a Descriptor> {
    let variant_of = |p: &Platform| {
        p.variant
            .clone()
            .or_else(|| (p.architecture == "arm64").then(|| "v8".to_string()))
    };
    let candidates = entries.iter().filter(|d| !is_attestation(d)).filter(|d| {
        d.platform.as_ref().is_some_and(|p| {
            p.os == want.os && normalise_arch(&p.architecture) == want.architecture
        })
    });
    let mut best: Option<(&Descriptor, u8)> = None;
    for d in candidates {
        let p = d.platform.as_ref().unwrap();
        let score = match (&want.variant, variant_of(p)) {
            (Some(w), Some(v)) if *w == v => 3,
            (Some(_), Some(_)) => continue,
            (Some(_), None) => 1,
            (None, None) => 3,
            (None, Some(_)) => 2,
        };
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((d, score));
        }
    }
    best.map(|(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(os: &str, arch: &str, variant: Option<&str>, digest: &str) -> Descriptor {
        Descriptor {
            media_type: String::new(),
            digest: digest.into(),
            size: 1,
            platform: Some(Platform {
                os: os.into(),
                architecture: arch.into(),
                variant: variant.map(Into::into),
            }),
            annotations: None,
            urls: None,
        }
    }

    #[test]
    fn picks_matching_platform_and_skips_attestations() {
        let list = vec![
            entry("unknown", "unknown", None, "att"),
            entry("linux", "arm", Some("v6"), "armv6"),
            entry("linux", "arm", Some("v7"), "armv7"),
            entry("linux", "arm64", Some("v8"), "arm64"),
            entry("linux", "amd64", None, "amd64"),
            entry("windows", "amd64", None, "win"),
        ];
        let p = |s| Platform::parse(s).unwrap();
        assert_eq!(choose(&list, &p("linux/amd64")).unwrap().digest, "amd64");
        assert_eq!(choose(&list, &p("linux/arm64")).unwrap().digest, "arm64");
        assert_eq!(choose(&list, &p("linux/arm64/v8")).unwrap().digest, "arm64");
        assert_eq!(choose(&list, &p("linux/arm/v7")).unwrap().digest, "armv7");
        assert_eq!(choose(&list, &p("windows/amd64")).unwrap().digest, "win");
        assert!(choose(&list, &p("linux/s390x")).is_none());
        assert!(choose(&list, &p("linux/arm/v5")).is_none());
        assert!(Platform::parse("linux").is_err());
        assert_eq!(
            Platform::parse("linux/x86_64").unwrap().architecture,
            "amd64"
        );
    }
}
