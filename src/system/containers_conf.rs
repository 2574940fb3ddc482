//! The parts of podman's containers.conf that skiff honours, so that a user's podman settings
//! apply to skiff too: `[containers]` dns_servers, dns_searches, dns_options, env,
//! default_ulimits, tz, log_driver, log_size_max, pids_limit; `[engine]` events_logfile_path;
//! `[network]` default_network. Read from $CONTAINERS_CONF alone when set, else
//! /etc/containers/containers.conf and then ~/.config/containers/containers.conf (later wins).
//! Flags given on the command line win over all of it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ContainersConf {
    pub containers: Containers,
    pub engine: Engine,
    pub network: NetworkSection,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Containers {
    pub dns_servers: Vec<String>,
    pub dns_searches: Vec<String>,
    pub dns_options: Vec<String>,
    pub env: Vec<String>,
    pub default_ulimits: Vec<String>,
    pub tz: Option<String>,
    pub log_driver: Option<String>,
    pub log_size_max: Option<i64>,
    pub pids_limit: Option<i64>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Engine {
    pub events_logfile_path: Option<PathBuf>,
    /// Where CDI device specs are read (default /etc/cdi, /var/run/cdi).
    pub cdi_spec_dirs: Option<Vec<PathBuf>>,
    /// OCI hook directories (oci-hooks(5)).
    pub hooks_dir: Option<Vec<PathBuf>>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct NetworkSection {
    pub default_network: Option<String>,
}

impl ContainersConf {
    /// The merged configuration, read once per process; a file that does not parse is an error
    /// naming it.
    pub fn load() -> anyhow::Result<ContainersConf> {
        static CONF: std::sync::OnceLock<Result<ContainersConf, String>> =
            std::sync::OnceLock::new();
        CONF.get_or_init(|| Self::read_all().map_err(|e| format!("{e:#}")))
            .clone()
            .map_err(|e| anyhow::anyhow!(e))
    }

    fn read_all() -> anyhow::Result<ContainersConf> {
        let files: Vec<PathBuf> = match std::env::var_os("CONTAINERS_CONF") {
            Some(f) => vec![PathBuf::from(f)],
            None => {
                let mut v = vec![PathBuf::from("/etc/containers/containers.conf")];
                if let Some(d) = directories::BaseDirs::new() {
                    v.push(d.config_dir().join("containers/containers.conf"));
                }
                v
            }
        };
        let mut out = ContainersConf::default();
        for f in files {
            if let Some(c) = Self::read(&f)? {
                out.merge(c);
            }
        }
        Ok(out)
    }

    fn read(path: &Path) -> anyhow::Result<Option<ContainersConf>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(anyhow::anyhow!("reading {}: {e}", path.display())),
        };
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{}: {e} (fix or remove the file)", path.display()))
    }

    /// Settings of `later` replace ours where it has them.
    fn merge(&mut self, later: ContainersConf) {
        let c = later.containers;
        for (mine, theirs) in [
            (&mut self.containers.dns_servers, c.dns_servers),
            (&mut self.containers.dns_searches, c.dns_searches),
            (&mut self.containers.dns_options, c.dns_options),
            (&mut self.containers.env, c.env),
            (&mut self.containers.default_ulimits, c.default_ulimits),
        ] {
            if !theirs.is_empty() {
                *mine = theirs;
            }
        }
        macro_rules! take {
            ($($field:ident).+ , $value:expr) => {
                if let Some(v) = $value {
                    self.$($field).+ = Some(v);
                }
            };
        }
        take!(containers.tz, c.tz);
        take!(containers.log_driver, c.log_driver);
        take!(containers.log_size_max, c.log_size_max);
        take!(containers.pids_limit, c.pids_limit);
        take!(engine.events_logfile_path, later.engine.events_logfile_path);
        take!(engine.cdi_spec_dirs, later.engine.cdi_spec_dirs);
        take!(engine.hooks_dir, later.engine.hooks_dir);
        take!(network.default_network, later.network.default_network);
    }
}

/// A container's settings after containers.conf filled in what the flags left open.
pub struct Defaults {
    /// Every `--network` given (podman takes the flag more than once).
    pub network: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    pub env: Vec<String>,
    pub ulimits: Vec<String>,
    pub tz: Option<String>,
    pub log_driver: String,
    pub log_opt: Vec<String>,
    pub pids_limit: Option<i64>,
}

impl ContainersConf {
    pub fn containers_defaults(&self, a: &crate::cli::runflags::ContainerArgs) -> Defaults {
        let c = &self.containers;
        let or = |flag: &Vec<String>, conf: &Vec<String>| {
            if flag.is_empty() {
                conf.clone()
            } else {
                flag.clone()
            }
        };
        let mut ulimits = a.ulimit.clone();
        for u in &c.default_ulimits {
            let name = u.split('=').next().unwrap_or("");
            if !ulimits.iter().any(|x| x.split('=').next() == Some(name)) {
                ulimits.push(u.clone());
            }
        }
        let mut log_opt = a.log_opt.clone();
        if let Some(max) = c.log_size_max.filter(|m| *m > 0) {
            if !log_opt.iter().any(|o| o.starts_with("max-size=")) {
                log_opt.push(format!("max-size={max}"));
            }
        }
        // pids_limit needs a cgroup: as root there is one; for a user it is said once, not fatal.
        let pids_limit = c.pids_limit.filter(|p| *p > 0).filter(|_| {
            let root = rustix::process::geteuid().is_root();
            if !root {
                crate::cli::ignored(
                    "pids_limit (containers.conf)",
                    "no cgroup skiff can manage for your user; --pids-limit says why",
                );
            }
            root
        });
        Defaults {
            network: if a.network.iter().all(String::is_empty) {
                vec![self.network.default_network.clone().unwrap_or_default()]
            } else {
                a.network.clone()
            },
            dns: or(&a.dns, &c.dns_servers),
            dns_search: or(&a.dns_search, &c.dns_searches),
            dns_options: or(&a.dns_option, &c.dns_options),
            env: c.env.iter().chain(&a.env).cloned().collect(),
            ulimits,
            tz: a.tz.clone().or_else(|| c.tz.clone()),
            log_driver: a
                .log_driver
                .clone()
                .or_else(|| c.log_driver.clone())
                .unwrap_or_else(|| "k8s-file".into()),
            log_opt,
            pids_limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_files_win_and_unknown_keys_are_fine() {
        let mut base: ContainersConf = toml::from_str(
            "[containers]\ndns_servers = [\"1.1.1.1\"]\ntz = \"UTC\"\n[engine]\nruntime = \"crun\"\n",
        )
        .unwrap();
        let user: ContainersConf = toml::from_str(
            "[containers]\ntz = \"Europe/Paris\"\nenv = [\"A=1\"]\npids_limit = 100\n\
             [network]\ndefault_network = \"slirp4netns\"\n",
        )
        .unwrap();
        base.merge(user);
        assert_eq!(base.containers.dns_servers, ["1.1.1.1"]);
        assert_eq!(base.containers.tz.as_deref(), Some("Europe/Paris"));
        assert_eq!(base.containers.env, ["A=1"]);
        assert_eq!(base.containers.pids_limit, Some(100));
        assert_eq!(base.network.default_network.as_deref(), Some("slirp4netns"));
    }
}
