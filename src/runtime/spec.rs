//! Pure: image config + run flags -> the container's spec (what to run, as whom, with what root,
//! mounts and security). No I/O here except reading --env-file; unit-tested.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::security::capabilities;
use super::specflags::{parse_device, parse_size, parse_sysctl, parse_tmpfs, parse_ulimit};
use crate::image::manifest::ContainerConfig;
use crate::userns::IdMapping;

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SpecError {
    #[error("no command specified: the image has no Entrypoint or Cmd; give a command after the image name")]
    NoCommand,
    #[error("invalid environment variable {0:?}: use NAME=VALUE or NAME")]
    BadEnv(String),
    #[error("reading --env-file {path}: {message}")]
    EnvFile { path: String, message: String },
    #[error("unknown capability {0:?} (use names like NET_ADMIN or CAP_NET_ADMIN, or ALL)")]
    BadCap(String),
    #[error("invalid --tmpfs {0:?}: use /path[:options]")]
    BadTmpfs(String),
    #[error("invalid {flag} {value:?}: {why}")]
    Bad {
        flag: &'static str,
        value: String,
        why: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Seccomp {
    #[default]
    Default,
    Unconfined,
    /// A docker-format JSON profile, by content.
    Profile(String),
}

pub use super::env::read_env_files;
pub use crate::network::{NetConfig, Network};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tmpfs {
    pub path: String,
    pub options: String,
}

/// A bind mount, named volume or tmpfs the user asked for (-v, --mount).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct UserMount {
    /// Host path: the bound file or dir, or the volume's data dir; empty for tmpfs.
    pub source: PathBuf,
    pub target: String,
    pub readonly: bool,
    /// The source is a regular file.
    #[serde(default)]
    pub file: bool,
    /// tmpfs options (size=, mode=) when this is a tmpfs.
    #[serde(default)]
    pub tmpfs: Option<String>,
    /// The named volume behind `source`.
    #[serde(default)]
    pub volume: Option<String>,
    /// `:U`: chown the content to the container's user (through the mapping).
    #[serde(default)]
    pub chown: bool,
    /// `:O`: an overlay over the source; writes go to a scratch dir and are discarded.
    #[serde(default)]
    pub overlay: bool,
    /// Mount propagation (shared, rshared, slave, rslave, private, rprivate).
    #[serde(default)]
    pub propagation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rlimit {
    pub resource: String,
    pub soft: u64,
    pub hard: u64,
}

/// Everything the runtime needs to start the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    /// `user[:group]` as given (or from the image); resolved against the container's /etc/passwd.
    pub user: String,
    pub group_add: Vec<String>,
    pub hostname: String,
    pub tty: bool,
    pub stdin: bool,
    /// Image layer dirs, bottom first.
    pub layers: Vec<PathBuf>,
    pub read_only: bool,
    pub read_only_tmpfs: bool,
    pub tmpfs: Vec<Tmpfs>,
    /// Capabilities the process keeps (bounding set; effective too when it runs as root).
    pub caps: Vec<String>,
    pub privileged: bool,
    pub no_new_privileges: bool,
    pub seccomp: Seccomp,
    pub network: Network,
    /// Published ports, DNS and /etc/hosts settings.
    #[serde(default)]
    pub net: NetConfig,
    /// -v / --mount, in the order given.
    #[serde(default)]
    pub mounts: Vec<UserMount>,
    /// You, added to the container's /etc/passwd and /etc/group at start where the image has no
    /// such ids (`--userns=keep-id`, as podman does).
    #[serde(default)]
    pub add_user: Option<AddedUser>,
    pub rlimits: Vec<Rlimit>,
    /// Run a tiny init as pid 1 that reaps zombies and forwards signals.
    pub init: bool,
    pub mapping: IdMapping,
    pub umask: u32,
    pub stop_signal: Option<String>,
    /// Descriptors 3..3+N of whoever started the container, passed on (`--preserve-fds`).
    #[serde(default)]
    pub preserve_fds: u32,
    /// `--no-hosts`: the image's /etc/hosts, not a generated one.
    #[serde(default)]
    pub no_hosts: bool,
    /// `--shm-size` in bytes (default 64 MiB).
    #[serde(default)]
    pub shm_size: Option<u64>,
    /// `--personality` (LINUX or LINUX32).
    #[serde(default)]
    pub personality: Option<String>,
    /// `--oom-score-adj`.
    #[serde(default)]
    pub oom_score_adj: Option<i32>,
    /// `--device`: host device nodes bound into /dev.
    #[serde(default)]
    pub devices: Vec<Device>,
    /// `--sysctl`: namespaced kernel parameters, written before /proc/sys turns read-only.
    #[serde(default)]
    pub sysctls: Vec<(String, String)>,
    /// `--stop-timeout`: seconds `stop` waits by default before SIGKILL.
    #[serde(default)]
    pub stop_timeout: Option<u64>,
    /// `--timeout`: seconds the container may run before it is killed.
    #[serde(default)]
    pub timeout: Option<u64>,
    /// `--tz`: the host's zoneinfo file bound at /etc/localtime.
    #[serde(default)]
    pub localtime: Option<PathBuf>,
    /// `--hostuser`: host accounts added to the container's /etc/passwd and /etc/group.
    #[serde(default)]
    pub extra_users: Vec<AddedUser>,
    /// `--passwd`: add an /etc/passwd entry for a numeric --user the image does not know, from
    /// `passwd_entry` (`--passwd-entry`) or podman's default.
    #[serde(default)]
    pub passwd: bool,
    #[serde(default)]
    pub passwd_entry: Option<String>,
    /// `--memory`, `--cpus`, `--pids-limit`, ...: applied through the container's own cgroup.
    #[serde(default)]
    pub resources: super::cgroups::Resources,
    /// `--cgroupns host`: the host's cgroup namespace, not a private one.
    #[serde(default)]
    pub cgroupns_host: bool,
    /// `--pid host`: the host's processes (and its /proc).
    #[serde(default)]
    pub pid_host: bool,
    /// `--uts host`: the host's host name.
    #[serde(default)]
    pub uts_host: bool,
    /// `--ipc`: private (its own, the default; `shareable` too), host (and the host's
    /// /dev/shm), none (its own, without /dev/shm).
    #[serde(default)]
    pub ipc: String,
    /// `--chrootdirs`: dirs that get the generated /etc files too.
    #[serde(default)]
    pub chrootdirs: Vec<String>,
    /// `--log-driver`, `--log-opt`.
    #[serde(default)]
    pub log: super::logfile::LogConfig,
    /// `--secret`: which secrets, never their data (read at each start).
    #[serde(default)]
    pub secrets: Vec<crate::state::secret::SecretRef>,
    /// `--rootfs DIR` (without `:O`): DIR itself is bound as `/`, and writes land in it.
    #[serde(default)]
    pub rootfs: Option<PathBuf>,
    /// `--sdnotify`: conmon (the default: skiff sends READY=1), container, healthy, ignore.
    #[serde(default)]
    pub sdnotify: String,
    /// With `--sdnotify container`: the host's NOTIFY_SOCKET, bound into the container.
    #[serde(default)]
    pub notify_socket: Option<PathBuf>,
    /// The container is killed when the process that started it dies (build steps).
    #[serde(default)]
    pub die_with_parent: bool,
    /// A pod's infra container: skiff itself holds the namespaces, nothing is executed.
    #[serde(default)]
    pub infra: bool,
    /// With `Network::Container`: the other namespaces joined besides user and net (ipc, uts,
    /// pid: a pod's shared ones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub join_ns: Vec<String>,
    /// OCI hook directories (`--hooks-dir`), read when the container starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hooks_dirs: Vec<std::path::PathBuf>,
    /// The root overlay is `volatile` (no sync of the upper layer's filesystem, not even when
    /// it is unmounted): for `--rm` containers, whose writes go with them (as podman does).
    #[serde(default)]
    pub volatile_root: bool,
}

/// A host device node made available in the container (`--device HOST[:CONTAINER][:PERMS]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub host: PathBuf,
    pub container: String,
    /// No `w` in the permissions: bound read-only.
    pub readonly: bool,
}

/// An account for the container's /etc/passwd and /etc/group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub group: String,
    pub home: String,
}

/// Run flags that shape the spec, already parsed by the CLI.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub command: Vec<String>,
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<String>,
    pub env_host: bool,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub group_add: Vec<String>,
    pub hostname: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub read_only: bool,
    pub read_only_tmpfs: bool,
    pub tmpfs: Vec<String>,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub security_opt: Vec<String>,
    pub network: Network,
    pub net: NetConfig,
    pub mounts: Vec<UserMount>,
    pub add_user: Option<AddedUser>,
    pub ulimits: Vec<String>,
    pub init: bool,
    pub umask: Option<String>,
    pub stop_signal: Option<String>,
    pub preserve_fds: u32,
    pub env_merge: Vec<String>,
    pub unsetenv: Vec<String>,
    pub unsetenv_all: bool,
    /// Pass the host's proxy variables (podman's default).
    pub http_proxy: bool,
    pub tz: Option<String>,
    pub no_hosts: bool,
    pub shm_size: Option<String>,
    pub personality: Option<String>,
    pub oom_score_adj: Option<i32>,
    pub devices: Vec<String>,
    pub sysctls: Vec<String>,
    pub stop_timeout: Option<u64>,
    pub timeout: Option<u64>,
    pub extra_users: Vec<AddedUser>,
    pub passwd: bool,
    pub passwd_entry: Option<String>,
    pub resources: super::cgroups::Resources,
    pub cgroupns_host: bool,
    pub pid: Option<String>,
    pub uts: Option<String>,
    pub ipc: Option<String>,
    pub chrootdirs: Vec<String>,
    pub log: super::logfile::LogConfig,
    pub secrets: Vec<crate::state::secret::SecretRef>,
}

/// Build the spec. `host_env` is the caller's environment (for `-e NAME` and --env-host).
pub fn build(
    image: &ContainerConfig,
    opts: &Options,
    layers: Vec<PathBuf>,
    mapping: IdMapping,
    default_hostname: &str,
    host_env: &[(String, String)],
) -> Result<Spec, SpecError> {
    let args = command(image, opts)?;
    let hostname = opts
        .hostname
        .clone()
        .unwrap_or_else(|| default_hostname.to_string());
    let env = super::env::environment(image, opts, host_env, &hostname)?;
    let cwd = opts
        .workdir
        .clone()
        .or_else(|| image.working_dir.clone().filter(|w| !w.is_empty()))
        .unwrap_or_else(|| "/".into());
    if !cwd.starts_with('/') {
        return Err(SpecError::Bad {
            flag: "--workdir",
            value: cwd,
            why: "must be an absolute path",
        });
    }
    let mut seccomp = Seccomp::Default;
    let mut no_new_privileges = false;
    for opt in &opts.security_opt {
        match opt.split_once(['=', ':']) {
            Some(("seccomp", "unconfined")) => seccomp = Seccomp::Unconfined,
            Some(("seccomp", path)) => {
                let text = std::fs::read_to_string(path).map_err(|e| SpecError::Bad {
                    flag: "--security-opt seccomp",
                    value: format!("{path}: {e}"),
                    why: "cannot read the profile",
                })?;
                seccomp = Seccomp::Profile(text);
                // Refused now, not at each start (names this kernel lacks are skipped, as runc does).
                super::seccomp::filters(&seccomp).map_err(|e| SpecError::Bad {
                    flag: "--security-opt seccomp",
                    value: format!("{path}: {e:#}"),
                    why: "not a usable seccomp profile (docker's or the OCI format)",
                })?;
            }
            None if opt == "no-new-privileges" => no_new_privileges = true,
            Some(("no-new-privileges", v)) => no_new_privileges = v != "false",
            Some(("label" | "apparmor", _)) => {} // no LSM support: accepted and ignored, like podman without SELinux
            _ => {
                return Err(SpecError::Bad {
                    flag: "--security-opt",
                    value: opt.clone(),
                    why: "supported: seccomp=unconfined|PROFILE.json, no-new-privileges",
                })
            }
        }
    }
    if opts.privileged {
        seccomp = Seccomp::Unconfined;
    }
    Ok(Spec {
        args,
        env,
        cwd,
        user: opts
            .user
            .clone()
            .or_else(|| image.user.clone())
            .unwrap_or_default(),
        group_add: opts.group_add.clone(),
        hostname,
        tty: opts.tty,
        stdin: opts.interactive,
        layers,
        read_only: opts.read_only,
        read_only_tmpfs: opts.read_only && opts.read_only_tmpfs,
        tmpfs: opts
            .tmpfs
            .iter()
            .map(|t| parse_tmpfs(t))
            .collect::<Result<_, _>>()?,
        caps: capabilities(opts)?,
        privileged: opts.privileged,
        no_new_privileges,
        seccomp,
        network: opts.network.clone(),
        net: opts.net.clone(),
        mounts: opts.mounts.clone(),
        add_user: opts.add_user.clone(),
        rlimits: opts
            .ulimits
            .iter()
            .map(|u| parse_ulimit(u))
            .collect::<Result<_, _>>()?,
        init: opts.init,
        mapping,
        umask: match &opts.umask {
            Some(u) => u32::from_str_radix(u, 8).map_err(|_| SpecError::Bad {
                flag: "--umask",
                value: u.clone(),
                why: "must be octal, e.g. 0022",
            })?,
            None => 0o022,
        },
        stop_signal: opts
            .stop_signal
            .clone()
            .or_else(|| image.stop_signal.clone()),
        preserve_fds: opts.preserve_fds,
        no_hosts: opts.no_hosts,
        shm_size: opts
            .shm_size
            .as_deref()
            .map(|s| {
                parse_size(s).ok_or(SpecError::Bad {
                    flag: "--shm-size",
                    value: s.to_string(),
                    why: "use a size like 64m or 1g",
                })
            })
            .transpose()?,
        personality: match opts.personality.as_deref() {
            None => None,
            Some(p @ ("LINUX" | "LINUX32")) => Some(p.to_string()),
            Some(other) => {
                return Err(SpecError::Bad {
                    flag: "--personality",
                    value: other.to_string(),
                    why: "use LINUX or LINUX32",
                })
            }
        },
        oom_score_adj: match opts.oom_score_adj {
            Some(v) if !(-1000..=1000).contains(&v) => {
                return Err(SpecError::Bad {
                    flag: "--oom-score-adj",
                    value: v.to_string(),
                    why: "must be between -1000 and 1000",
                })
            }
            v => v,
        },
        devices: opts
            .devices
            .iter()
            .map(|d| parse_device(d))
            .collect::<Result<_, _>>()?,
        sysctls: opts
            .sysctls
            .iter()
            .map(|s| parse_sysctl(s, &opts.network))
            .collect::<Result<_, _>>()?,
        stop_timeout: opts.stop_timeout,
        timeout: opts.timeout,
        log: opts.log.clone(),
        secrets: opts.secrets.clone(),
        rootfs: None,
        sdnotify: String::new(),
        notify_socket: None,
        die_with_parent: false,
        infra: false,
        join_ns: Vec::new(),
        hooks_dirs: Vec::new(),
        volatile_root: false,
        extra_users: opts.extra_users.clone(),
        passwd: opts.passwd,
        passwd_entry: opts.passwd_entry.clone(),
        resources: opts.resources.clone(),
        cgroupns_host: opts.cgroupns_host,
        pid_host: match opts.pid.as_deref() {
            None | Some("private") => false,
            Some("host") => true,
            Some(other) => {
                return Err(SpecError::Bad {
                    flag: "--pid",
                    value: other.to_string(),
                    why: "use private or host (sharing another container's is for pods)",
                })
            }
        },
        uts_host: match opts.uts.as_deref() {
            None | Some("private") => false,
            Some("host") => true,
            Some(other) => {
                return Err(SpecError::Bad {
                    flag: "--uts",
                    value: other.to_string(),
                    why: "use private or host",
                })
            }
        },
        ipc: match opts.ipc.as_deref() {
            None | Some("private") | Some("shareable") => "private".into(),
            Some(m @ ("host" | "none")) => m.to_string(),
            Some(other) => {
                return Err(SpecError::Bad {
                    flag: "--ipc",
                    value: other.to_string(),
                    why: "use private, shareable, host or none",
                })
            }
        },
        chrootdirs: opts
            .chrootdirs
            .iter()
            .map(|d| {
                if d.starts_with('/') && !d.split('/').any(|c| c == "..") && d != "/" {
                    Ok(d.trim_end_matches('/').to_string())
                } else {
                    Err(SpecError::Bad {
                        flag: "--chrootdirs",
                        value: d.clone(),
                        why: "give absolute paths inside the container",
                    })
                }
            })
            .collect::<Result<_, _>>()?,
        localtime: match opts.tz.as_deref() {
            None => None,
            Some("local") => Some(PathBuf::from("/etc/localtime")),
            Some(tz) => {
                if tz.contains("..") || tz.starts_with('/') {
                    return Err(SpecError::Bad {
                        flag: "--tz",
                        value: tz.to_string(),
                        why: "use a zone name like Europe/Paris, or local",
                    });
                }
                Some(PathBuf::from("/usr/share/zoneinfo").join(tz))
            }
        },
    })
}

/// docker's rules: --entrypoint replaces the image's entrypoint and drops its Cmd; arguments after
/// the image replace Cmd; `--entrypoint ""` clears the entrypoint.
pub fn command(image: &ContainerConfig, opts: &Options) -> Result<Vec<String>, SpecError> {
    let entrypoint: Vec<String> = match &opts.entrypoint {
        Some(e) if e.is_empty() => Vec::new(),
        Some(e) if e.trim_start().starts_with('[') => {
            serde_json::from_str(e).map_err(|_| SpecError::Bad {
                flag: "--entrypoint",
                value: e.clone(),
                why: "not a JSON array of strings",
            })?
        }
        Some(e) => vec![e.clone()],
        None => image.entrypoint.clone().unwrap_or_default(),
    };
    let cmd: Vec<String> = if !opts.command.is_empty() {
        opts.command.clone()
    } else if opts.entrypoint.is_some() {
        Vec::new()
    } else {
        image.cmd.clone().unwrap_or_default()
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        return Err(SpecError::NoCommand);
    }
    Ok(args)
}

#[cfg(test)]
#[path = "spec_tests.rs"]
mod tests;
