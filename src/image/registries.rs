//! registries.conf (containers-registries.conf(5), v2 format): unqualified-search registries,
//! per-registry `insecure` (plain HTTP), `blocked`, and mirrors. Read from skiff's own config dir,
//! else ~/.config/containers/registries.conf, else /etc/containers/registries.conf.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::reference::{Reference, DEFAULT_REGISTRY};

#[derive(Debug, thiserror::Error)]
pub enum RegistriesError {
    #[error("reading {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("parsing {path}: {message}")]
    Parse { path: PathBuf, message: String },
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RegistriesConf {
    #[serde(default)]
    pub unqualified_search_registries: Vec<String>,
    #[serde(default, rename = "registry")]
    pub registries: Vec<RegistryEntry>,
    /// Which file this came from (for messages).
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct RegistryEntry {
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub insecure: bool,
    #[serde(default)]
    pub blocked: bool,
    #[serde(default, rename = "mirror")]
    pub mirrors: Vec<Mirror>,
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct Mirror {
    pub location: String,
    #[serde(default)]
    pub insecure: bool,
}

/// Where a pull of one reference goes: the endpoints to try in order (mirrors first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// host[:port] to contact.
    pub host: String,
    /// Plain HTTP instead of HTTPS.
    pub insecure: bool,
    /// HTTPS without checking the certificate (`--tls-verify=false`).
    pub skip_verify: bool,
}

impl RegistriesConf {
    /// Load the first file that exists of: `config_dir/registries.conf`,
    /// `$XDG_CONFIG_HOME/containers/registries.conf`, `/etc/containers/registries.conf`.
    pub fn load(config_dir: &Path) -> Result<RegistriesConf, RegistriesError> {
        let user_containers =
            directories::BaseDirs::new().map(|d| d.config_dir().join("containers/registries.conf"));
        let candidates = [
            Some(config_dir.join("registries.conf")),
            user_containers,
            Some(PathBuf::from("/etc/containers/registries.conf")),
        ];
        for path in candidates.into_iter().flatten() {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let mut conf: RegistriesConf =
                        toml::from_str(&text).map_err(|e| RegistriesError::Parse {
                            path: path.clone(),
                            message: e.to_string(),
                        })?;
                    conf.source = Some(path);
                    return Ok(conf);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(RegistriesError::Read { path, source }),
            }
        }
        Ok(RegistriesConf::default())
    }

    /// Registries to search for a short name: the configured list, or docker.io (docker's
    /// behaviour) when none is configured.
    pub fn search_registries(&self) -> Vec<String> {
        if self.unqualified_search_registries.is_empty() {
            vec![DEFAULT_REGISTRY.to_string()]
        } else {
            self.unqualified_search_registries.clone()
        }
    }

    /// The entry whose prefix matches `reference` best (longest prefix).
    fn entry_for(&self, reference: &Reference) -> Option<&RegistryEntry> {
        let name = reference.repo_name();
        self.registries
            .iter()
            .filter(|e| {
                let p = e.prefix.as_deref().or(e.location.as_deref()).unwrap_or("");
                !p.is_empty()
                    && (name == p || name.starts_with(&format!("{p}/")) || reference.registry == p)
            })
            .max_by_key(|e| e.prefix.as_deref().or(e.location.as_deref()).map(str::len))
    }

    /// True when the registry is blocked by configuration.
    pub fn is_blocked(&self, reference: &Reference) -> bool {
        self.entry_for(reference).is_some_and(|e| e.blocked)
    }

    /// Endpoints to try for `reference`: configured mirrors first, then the registry itself (or its
    /// `location` rewrite). A loopback registry without a configured CA is tried over HTTPS, then
    /// plain HTTP, as docker does for 127.0.0.0/8.
    pub fn endpoints(&self, reference: &Reference, has_ca: impl Fn(&str) -> bool) -> Vec<Endpoint> {
        let mut out = Vec::new();
        let entry = self.entry_for(reference);
        if let Some(e) = entry {
            for m in &e.mirrors {
                out.push(Endpoint {
                    host: m.location.split('/').next().unwrap_or("").to_string(),
                    insecure: m.insecure,
                    skip_verify: false,
                });
            }
        }
        let host = entry
            .and_then(|e| e.location.as_deref())
            .map(|l| l.split('/').next().unwrap_or(l).to_string())
            .unwrap_or_else(|| reference.registry.clone());
        let insecure = entry.is_some_and(|e| e.insecure);
        if !insecure && is_loopback(&host) && !has_ca(&host) {
            // Like docker for 127.0.0.0/8: HTTPS first, plain HTTP when that fails.
            out.push(Endpoint {
                host: host.clone(),
                insecure: false,
                skip_verify: false,
            });
            out.push(Endpoint {
                host,
                insecure: true,
                skip_verify: false,
            });
        } else {
            out.push(Endpoint {
                host,
                insecure,
                skip_verify: false,
            });
        }
        out
    }
}

/// localhost, 127.0.0.0/8 and [::1], with or without a port.
pub fn is_loopback(host: &str) -> bool {
    let h = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    h == "localhost"
        || h == "::1"
        || h.parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::reference::parse;

    const CONF: &str = r#"
unqualified-search-registries = ["quay.io", "docker.io"]

[[registry]]
prefix = "docker.io"
location = "docker.io"
[[registry.mirror]]
location = "mirror.local:5000"
insecure = true

[[registry]]
location = "plain.example:5000"
insecure = true

[[registry]]
location = "evil.example"
blocked = true
"#;

    #[test]
    fn parses_search_list_mirrors_and_flags() {
        let c: RegistriesConf = toml::from_str(CONF).unwrap();
        assert_eq!(c.search_registries(), ["quay.io", "docker.io"]);
        let hub = parse("docker.io/library/alpine").unwrap().reference;
        assert_eq!(
            c.endpoints(&hub, |_| false),
            vec![
                Endpoint {
                    host: "mirror.local:5000".into(),
                    insecure: true,
                    skip_verify: false,
                },
                Endpoint {
                    host: "docker.io".into(),
                    insecure: false,
                    skip_verify: false,
                },
            ]
        );
        let plain = parse("plain.example:5000/app").unwrap().reference;
        assert!(c.endpoints(&plain, |_| false)[0].insecure);
        assert!(c.is_blocked(&parse("evil.example/x").unwrap().reference));
        assert!(!c.is_blocked(&hub));
    }

    #[test]
    fn default_search_is_docker_hub_and_loopback_is_http() {
        let c = RegistriesConf::default();
        assert_eq!(c.search_registries(), ["docker.io"]);
        let local = parse("127.0.0.1:5000/app").unwrap().reference;
        let eps = c.endpoints(&local, |_| false);
        assert_eq!(
            eps.iter().map(|e| e.insecure).collect::<Vec<_>>(),
            [false, true]
        );
        assert_eq!(c.endpoints(&local, |_| true).len(), 1);
        assert!(is_loopback("localhost:5000"));
        assert!(is_loopback("[::1]:5000"));
        assert!(!is_loopback("quay.io"));
    }
}
