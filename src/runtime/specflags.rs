//! Values of the run flags that shape a spec: sizes, devices, sysctls, tmpfs and ulimit
//! specifications, each checked with an error that names the flag and says what it takes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::spec::{Device, Network, Rlimit, SpecError, Tmpfs};

/// `64m`, `1g`, `512k`, `1048576` (bytes), as podman takes sizes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let s = s.strip_suffix('b').unwrap_or(&s);
    let (num, mult) = match s.chars().last()? {
        'k' => (&s[..s.len() - 1], 1u64 << 10),
        'm' => (&s[..s.len() - 1], 1 << 20),
        'g' => (&s[..s.len() - 1], 1 << 30),
        't' => (&s[..s.len() - 1], 1 << 40),
        _ => (s, 1),
    };
    let n: f64 = num.parse().ok()?;
    (n >= 0.0).then_some((n * mult as f64) as u64)
}

/// `--device HOST[:CONTAINER][:PERMS]`, PERMS of r, w, m.
pub(super) fn parse_device(s: &str) -> Result<Device, SpecError> {
    let bad = |why| SpecError::Bad {
        flag: "--device",
        value: s.to_string(),
        why,
    };
    let parts: Vec<&str> = s.split(':').collect();
    let is_perms = |p: &str| !p.is_empty() && p.chars().all(|c| "rwm".contains(c));
    let (host, container, perms) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, p] if is_perms(p) => (*h, *h, *p),
        [h, c] => (*h, *c, "rwm"),
        [h, c, p] if is_perms(p) => (*h, *c, *p),
        _ => return Err(bad("use HOST[:CONTAINER][:PERMS], PERMS of r, w and m")),
    };
    if !host.starts_with('/') || !container.starts_with("/dev/") || container.contains("..") {
        return Err(bad(
            "HOST must be an absolute path and CONTAINER a path under /dev",
        ));
    }
    Ok(Device {
        host: PathBuf::from(host),
        container: container.to_string(),
        readonly: !perms.contains('w'),
    })
}

/// `--sysctl KEY=VALUE`: only the parameters a container's own namespaces have (as podman and
/// runc allow them); net.* needs the container's own network namespace.
pub(super) fn parse_sysctl(s: &str, net: &Network) -> Result<(String, String), SpecError> {
    let bad = |why| SpecError::Bad {
        flag: "--sysctl",
        value: s.to_string(),
        why,
    };
    let (k, v) = s.split_once('=').ok_or(bad("use KEY=VALUE"))?;
    let ipc = matches!(
        k,
        "kernel.msgmax"
            | "kernel.msgmnb"
            | "kernel.msgmni"
            | "kernel.sem"
            | "kernel.shmall"
            | "kernel.shmmax"
            | "kernel.shmmni"
            | "kernel.shm_rmid_forced"
    ) || k.starts_with("fs.mqueue.");
    // (kernel.hostname is --hostname)
    let uts = k == "kernel.domainname";
    let netns = k.starts_with("net.");
    if k.contains('/') || k.contains("..") || !(ipc || uts || netns) {
        return Err(bad(
            "not a namespaced parameter: a container may set only net.*, kernel.msg*, kernel.sem, \
             kernel.shm*, fs.mqueue.* and kernel.domainname",
        ));
    }
    if netns && !net.own_netns() {
        return Err(bad(
            "net.* parameters need the container's own network (not --network host or container:)",
        ));
    }
    Ok((k.to_string(), v.to_string()))
}

pub(super) fn parse_tmpfs(s: &str) -> Result<Tmpfs, SpecError> {
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
pub(super) fn parse_ulimit(s: &str) -> Result<Rlimit, SpecError> {
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

/// `--systemd true|false|always`: whether the container runs systemd (true: when the command is
/// systemd or an init), and then what podman gives it: tmpfs on /run, /run/lock, /tmp and
/// /var/lib/journal (unless mounted otherwise), `container=` in the environment, and SIGRTMIN+3
/// as the stop signal unless one was given.
pub fn apply_systemd(
    spec: &mut super::spec::Spec,
    mode: &str,
    user_stop_signal: bool,
) -> Result<bool, SpecError> {
    let on = match mode {
        "false" => false,
        "always" => true,
        "true" => spec.args.first().is_some_and(|a| {
            let base = a.rsplit('/').next().unwrap_or(a);
            base == "systemd"
                || ["/sbin/init", "/usr/sbin/init", "/usr/local/sbin/init"].contains(&a.as_str())
        }),
        other => {
            return Err(SpecError::Bad {
                flag: "--systemd",
                value: other.to_string(),
                why: "use true, false or always",
            })
        }
    };
    if !on {
        return Ok(false);
    }
    for dir in ["/run", "/run/lock", "/tmp", "/var/lib/journal"] {
        let taken =
            spec.tmpfs.iter().any(|t| t.path == dir) || spec.mounts.iter().any(|m| m.target == dir);
        if !taken {
            spec.tmpfs.push(Tmpfs {
                path: dir.into(),
                options: if dir == "/tmp" {
                    "mode=1777".into()
                } else {
                    "mode=755".into()
                },
            });
        }
    }
    if !spec.env.iter().any(|e| e.starts_with("container=")) {
        spec.env.push("container=skiff".into());
    }
    if !user_stop_signal {
        spec.stop_signal = Some("SIGRTMIN+3".into());
    }
    Ok(true)
}
