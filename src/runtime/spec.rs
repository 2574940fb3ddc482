//! Pure: image config + run flags -> the container's spec (what to run, as whom, with what root,
//! mounts and security). No I/O here except reading --env-file; unit-tested.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::security::capabilities;
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
    let env = environment(image, opts, host_env, &hostname)?;
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
    })
}

/// The `NAME=VALUE` (or `NAME`) lines of `--env-file`s; blank lines and `#` comments skipped.
pub fn read_env_files(files: &[String]) -> Result<Vec<String>, SpecError> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| SpecError::EnvFile {
            path: f.clone(),
            message: e.to_string(),
        })?;
        for line in text.lines() {
            let l = line.trim_start();
            if !l.is_empty() && !l.starts_with('#') {
                out.push(l.to_string());
            }
        }
    }
    Ok(out)
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

/// Later sources win: --env-host, image, --env-file, -e. PATH and HOSTNAME are always set.
pub fn environment(
    image: &ContainerConfig,
    opts: &Options,
    host_env: &[(String, String)],
    hostname: &str,
) -> Result<Vec<String>, SpecError> {
    let mut env: Vec<(String, String)> = Vec::new();
    fn put(env: &mut Vec<(String, String)>, k: String, v: String) {
        match env.iter_mut().find(|(ek, _)| *ek == k) {
            Some(e) => e.1 = v,
            None => env.push((k, v)),
        }
    }
    macro_rules! set {
        ($k:expr, $v:expr) => {
            put(&mut env, $k, $v)
        };
    }
    if opts.env_host {
        for (k, v) in host_env {
            set!(k.clone(), v.clone());
        }
    }
    for e in image.env.iter().flatten() {
        let (k, v) = e.split_once('=').unwrap_or((e, ""));
        set!(k.to_string(), v.to_string());
    }
    let mut from_cli = read_env_files(&opts.env_files)?;
    from_cli.extend(opts.env.iter().cloned());
    for e in from_cli {
        match e.split_once('=') {
            Some((k, v)) if !k.is_empty() => set!(k.to_string(), v.to_string()),
            Some(_) => return Err(SpecError::BadEnv(e)),
            None => {
                // `-e NAME`: the host's value, or nothing when the host has none (docker).
                if let Some((_, v)) = host_env.iter().find(|(k, _)| *k == e) {
                    set!(e.clone(), v.clone());
                }
            }
        }
    }
    if !env.iter().any(|(k, _)| k == "PATH") {
        set!("PATH".into(), DEFAULT_PATH.into());
    }
    set!("HOSTNAME".into(), hostname.to_string());
    if opts.tty && !env.iter().any(|(k, _)| k == "TERM") {
        set!("TERM".into(), "xterm".into());
    }
    if !env.iter().any(|(k, _)| k == "container") {
        set!("container".into(), "skiff".into());
    }
    Ok(env.into_iter().map(|(k, v)| format!("{k}={v}")).collect())
}

fn parse_tmpfs(s: &str) -> Result<Tmpfs, SpecError> {
    let (path, options) = s.split_once(':').unwrap_or((s, ""));
    if !path.starts_with('/') || path == "/" {
        return Err(SpecError::BadTmpfs(s.to_string()));
    }
    Ok(Tmpfs {
        path: path.to_string(),
        options: options.to_string(),
    })
}

/// `--ulimit nofile=1024:2048` (soft[:hard]).
fn parse_ulimit(s: &str) -> Result<Rlimit, SpecError> {
    let bad = |why| SpecError::Bad {
        flag: "--ulimit",
        value: s.to_string(),
        why,
    };
    let (name, vals) = s.split_once('=').ok_or(bad("use NAME=SOFT[:HARD]"))?;
    let known: BTreeMap<&str, ()> = [
        "core",
        "cpu",
        "data",
        "fsize",
        "locks",
        "memlock",
        "msgqueue",
        "nice",
        "nofile",
        "nproc",
        "rss",
        "rtprio",
        "rttime",
        "sigpending",
        "stack",
        "as",
    ]
    .into_iter()
    .map(|k| (k, ()))
    .collect();
    if !known.contains_key(name) {
        return Err(bad("unknown resource"));
    }
    let num = |v: &str| -> Result<u64, SpecError> {
        if v == "-1" || v == "unlimited" {
            Ok(u64::MAX)
        } else {
            v.parse().map_err(|_| bad("limits are numbers or -1"))
        }
    };
    let (soft, hard) = match vals.split_once(':') {
        Some((s, h)) => (num(s)?, num(h)?),
        None => (num(vals)?, num(vals)?),
    };
    if soft > hard {
        return Err(bad("soft limit above hard limit"));
    }
    Ok(Rlimit {
        resource: name.to_string(),
        soft,
        hard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(entrypoint: Option<&[&str]>, cmd: Option<&[&str]>) -> ContainerConfig {
        ContainerConfig {
            entrypoint: entrypoint.map(|v| v.iter().map(|s| s.to_string()).collect()),
            cmd: cmd.map(|v| v.iter().map(|s| s.to_string()).collect()),
            env: Some(vec![
                "PATH=/img/bin".into(),
                "A=image".into(),
                "B=image".into(),
            ]),
            ..Default::default()
        }
    }

    fn opts(command: &[&str], entrypoint: Option<&str>) -> Options {
        Options {
            command: command.iter().map(|s| s.to_string()).collect(),
            entrypoint: entrypoint.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn entrypoint_and_cmd_merge_like_docker() {
        let img = image(Some(&["/ep", "-x"]), Some(&["default"]));
        assert_eq!(
            command(&img, &opts(&[], None)).unwrap(),
            ["/ep", "-x", "default"]
        );
        assert_eq!(
            command(&img, &opts(&["mine"], None)).unwrap(),
            ["/ep", "-x", "mine"]
        );
        assert_eq!(
            command(&img, &opts(&[], Some("/other"))).unwrap(),
            ["/other"]
        );
        assert_eq!(
            command(&img, &opts(&["a"], Some("/other"))).unwrap(),
            ["/other", "a"]
        );
        assert_eq!(
            command(&img, &opts(&["sh", "-c", "x"], Some(""))).unwrap(),
            ["sh", "-c", "x"]
        );
        assert_eq!(
            command(&img, &opts(&[], Some(""))),
            Err(SpecError::NoCommand)
        );
        let cmd_only = image(None, Some(&["sh"]));
        assert_eq!(command(&cmd_only, &opts(&[], None)).unwrap(), ["sh"]);
        assert_eq!(
            command(&cmd_only, &opts(&["ls", "/"], None)).unwrap(),
            ["ls", "/"]
        );
        assert_eq!(
            command(&cmd_only, &opts(&[], Some("[\"/bin/sh\",\"-c\"]"))).unwrap(),
            ["/bin/sh", "-c"]
        );
    }

    #[test]
    fn environment_precedence() {
        let img = image(None, Some(&["sh"]));
        let host = vec![
            ("HOSTONLY".to_string(), "h".to_string()),
            ("A".to_string(), "host".to_string()),
        ];
        let mut o = opts(&[], None);
        o.env = vec!["B=cli".into(), "HOSTONLY".into(), "MISSING".into()];
        let env = environment(&img, &o, &host, "hn").unwrap();
        assert_eq!(
            env,
            [
                "PATH=/img/bin",
                "A=image",
                "B=cli",
                "HOSTONLY=h",
                "HOSTNAME=hn",
                "container=skiff"
            ]
        );
        o.env_host = true;
        let env = environment(&img, &o, &host, "hn").unwrap();
        assert_eq!(env[0], "HOSTONLY=h");
        assert!(
            env.contains(&"A=image".to_string()),
            "image beats --env-host: {env:?}"
        );
        o.env = vec!["=x".into()];
        assert!(environment(&img, &o, &host, "hn").is_err());
    }

    #[test]
    fn ulimits_and_tmpfs() {
        assert_eq!(
            parse_ulimit("nofile=1024:2048").unwrap(),
            Rlimit {
                resource: "nofile".into(),
                soft: 1024,
                hard: 2048
            }
        );
        assert_eq!(parse_ulimit("core=-1").unwrap().soft, u64::MAX);
        assert!(parse_ulimit("nofile=10:5").is_err());
        assert!(parse_ulimit("bogus=1").is_err());
        assert_eq!(parse_tmpfs("/run:size=10m").unwrap().options, "size=10m");
        assert!(parse_tmpfs("rel").is_err());
    }
}
