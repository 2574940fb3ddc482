//! Resource limits (`--memory`, `--cpus`, `--pids-limit`, ...) through cgroups: as root in v1 or v2,
//! rootless only in a cgroup v2 subtree delegated to the user (systemd's user@UID.service). The
//! limits become a list of (controller, file, value) writes, a pure function tested on its own;
//! one small function carries them out. Without a way to apply a limit, the container is refused
//! with the reason and the fix: a limit is never dropped silently.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::oci::resources::Write;

/// The limits asked for; all empty means no cgroup of our own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    pub memory: Option<u64>,
    pub memory_reservation: Option<u64>,
    /// Memory plus swap; -1 = unlimited swap.
    pub memory_swap: Option<i64>,
    pub memory_swappiness: Option<u64>,
    pub oom_kill_disable: bool,
    pub cpu_shares: Option<u64>,
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<u64>,
    pub cpu_rt_period: Option<u64>,
    pub cpu_rt_runtime: Option<i64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<i64>,
    pub blkio_weight: Option<u16>,
    /// (major:minor, weight)
    pub blkio_weight_device: Vec<(String, u16)>,
    /// (major:minor, bytes or operations per second)
    pub device_read_bps: Vec<(String, u64)>,
    pub device_write_bps: Vec<(String, u64)>,
    pub device_read_iops: Vec<(String, u64)>,
    pub device_write_iops: Vec<(String, u64)>,
    /// `--cgroup-conf KEY=VALUE`: raw cgroup v2 files to write.
    pub conf: Vec<(String, String)>,
    /// `--cgroup-parent`: where the container's cgroup goes (default: skiff/ under our own).
    pub parent: Option<String>,
}

impl Resources {
    pub fn is_empty(&self) -> bool {
        Resources {
            parent: None,
            ..self.clone()
        } == Resources::default()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    #[error(
        "resource limits ({flags}) need a cgroup skiff can manage, and this system has none for \
         you: {why}. Fix: {fix}"
    )]
    Unavailable {
        flags: String,
        why: String,
        fix: &'static str,
    },
    #[error("{op} {path}: {source}")]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io(op: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> CgroupError {
    let path = path.to_path_buf();
    move |source| CgroupError::Io { op, path, source }
}

/// The writes for cgroup v1 controllers: (controller, file, value), from the limits as the OCI
/// `linux.resources` (the one translation skiff-runtime uses too).
pub fn writes_v1(r: &Resources) -> Vec<Write> {
    crate::oci::resources::writes_v1(&super::ocispec::linux_resources(r))
}

/// The writes for cgroup v2 (the controller names what subtree_control must enable; none for
/// the cgroup.* files of `--cgroup-conf`).
pub fn writes_v2(r: &Resources) -> Vec<Write> {
    crate::oci::resources::writes_v2(&super::ocispec::linux_resources(r))
}

/// The cgroup of one container: one dir per v1 controller, or one v2 dir.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cgroup {
    pub dirs: Vec<PathBuf>,
    pub v2: bool,
}

/// This process's cgroup per controller (v1) or its v2 path, from /proc/self/cgroup.
fn own_paths() -> Vec<(String, String)> {
    std::fs::read_to_string("/proc/self/cgroup")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, ':');
            let _ = f.next()?;
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

/// Whether limits can be enforced for this user: as root (v1 or v2), or where cgroup v2 is
/// delegated to the user.
pub fn enforceable() -> bool {
    if rustix::process::geteuid().is_root() {
        return true;
    }
    unified_v2()
        && own_paths()
            .iter()
            .find(|(c, _)| c.is_empty())
            .and_then(|(_, p)| delegated_v2(Path::new("/sys/fs/cgroup"), p))
            .is_some()
}

fn unified_v2() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

/// The flags that were given, for the error message.
fn flag_names(r: &Resources) -> String {
    let mut v = Vec::new();
    for (set, name) in [
        (r.memory.is_some(), "--memory"),
        (r.memory_reservation.is_some(), "--memory-reservation"),
        (r.memory_swap.is_some(), "--memory-swap"),
        (r.memory_swappiness.is_some(), "--memory-swappiness"),
        (r.oom_kill_disable, "--oom-kill-disable"),
        (r.cpu_shares.is_some(), "--cpu-shares"),
        (r.cpu_quota.is_some(), "--cpus/--cpu-quota"),
        (r.cpu_period.is_some(), "--cpu-period"),
        (r.cpuset_cpus.is_some(), "--cpuset-cpus"),
        (r.cpuset_mems.is_some(), "--cpuset-mems"),
        (r.pids_limit.is_some(), "--pids-limit"),
        (r.blkio_weight.is_some(), "--blkio-weight"),
        (!r.device_read_bps.is_empty(), "--device-read-bps"),
        (!r.device_write_bps.is_empty(), "--device-write-bps"),
    ] {
        if set {
            v.push(name);
        }
    }
    if v.is_empty() {
        v.push("resource limits");
    }
    v.join(", ")
}

/// The dir under which a rootless user may create cgroups: the highest ancestor of our own v2
/// cgroup that belongs to us (systemd's user@UID.service).
fn delegated_v2(root: &Path, own: &str) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let uid = rustix::process::geteuid().as_raw();
    let mut best = None;
    let mut cur = root.to_path_buf();
    for part in own
        .trim_start_matches('/')
        .split('/')
        .filter(|p| !p.is_empty())
    {
        cur.push(part);
        let owned = std::fs::metadata(cur.join("cgroup.procs")).is_ok_and(|m| m.uid() == uid)
            && std::fs::metadata(cur.join("cgroup.subtree_control")).is_ok_and(|m| m.uid() == uid);
        if owned {
            best = Some(cur.clone());
            break;
        }
    }
    best
}

impl Cgroup {
    /// Create the cgroup of container `id` with the limits `r` (None when `r` is empty).
    pub fn create(id: &str, r: &Resources) -> Result<Option<Cgroup>, CgroupError> {
        Self::create_in(id, r, Path::new("/sys/fs/cgroup"), &own_paths())
    }

    /// `create` with the cgroup hierarchy mounted at `mount` (a v2 mount, or the dir of the v1
    /// controller mounts) and `own` as this process's /proc/self/cgroup entries.
    pub fn create_in(
        id: &str,
        r: &Resources,
        mount: &Path,
        own: &[(String, String)],
    ) -> Result<Option<Cgroup>, CgroupError> {
        if r.is_empty() {
            return Ok(None);
        }
        let root = rustix::process::geteuid().is_root();
        let v2 = (mount == Path::new("/sys/fs/cgroup") && unified_v2())
            || mount.join("cgroup.controllers").exists();
        if v2 {
            let own_v2 = own
                .iter()
                .find(|(c, _)| c.is_empty())
                .map(|(_, p)| p.clone());
            let base = if root {
                Some(mount.join(own_v2.as_deref().unwrap_or("/").trim_start_matches('/')))
            } else {
                own_v2.as_deref().and_then(|p| delegated_v2(mount, p))
            };
            let Some(base) = base else {
                return Err(CgroupError::Unavailable {
                    flags: flag_names(r),
                    why: "cgroup v2 is not delegated to your user".into(),
                    fix: "log in through systemd (user@UID.service delegates a subtree), or run \
                          skiff as root",
                });
            };
            let writes = writes_v2(r);
            let mut needed: Vec<&str> = writes
                .iter()
                .map(|(c, _, _)| c.as_str())
                .filter(|c| !c.is_empty())
                .collect();
            needed.sort();
            needed.dedup();
            let available =
                std::fs::read_to_string(base.join("cgroup.controllers")).unwrap_or_default();
            let missing: Vec<&str> = needed
                .iter()
                .copied()
                .filter(|c| !available.split_whitespace().any(|a| a == *c))
                .collect();
            if !missing.is_empty() {
                return Err(CgroupError::Unavailable {
                    flags: flag_names(r),
                    why: format!(
                        "the {} controller(s) are not available in {}",
                        missing.join(", "),
                        base.display()
                    ),
                    fix: "enable them for users (systemd: Delegate=yes with those controllers in \
                          user@.service), or run skiff as root",
                });
            }
            let parent = match &r.parent {
                Some(p) => base.join(p.trim_start_matches('/')),
                None => base.join("skiff"),
            };
            std::fs::create_dir_all(&parent).map_err(io("creating", &parent))?;
            let control: String = needed.iter().map(|c| format!("+{c} ")).collect();
            let mut dir = base.clone();
            for part in parent
                .strip_prefix(&base)
                .unwrap_or(Path::new("skiff"))
                .components()
            {
                let f = dir.join("cgroup.subtree_control");
                std::fs::write(&f, control.trim()).map_err(io("enabling controllers in", &f))?;
                dir.push(part);
            }
            let f = dir.join("cgroup.subtree_control");
            std::fs::write(&f, control.trim()).map_err(io("enabling controllers in", &f))?;
            let dir = parent.join(id);
            std::fs::create_dir_all(&dir).map_err(io("creating", &dir))?;
            let cg = Cgroup {
                dirs: vec![dir.clone()],
                v2: true,
            };
            for (_, file, value) in &writes {
                if !crate::oci::resources::unified_file_ok(file) {
                    cg.remove();
                    return Err(CgroupError::Unavailable {
                        flags: "--cgroup-conf".into(),
                        why: format!("{file:?} is not a cgroup file name"),
                        fix:
                            "give KEY=VALUE with a file of the container's cgroup, e.g. memory.high",
                    });
                }
                let f = dir.join(file);
                if let Err(e) = std::fs::write(&f, value) {
                    cg.remove();
                    return Err(io("setting", &f)(e));
                }
            }
            return Ok(Some(cg));
        }
        if !r.conf.is_empty() {
            return Err(CgroupError::Unavailable {
                flags: "--cgroup-conf".into(),
                why: "it writes cgroup v2 files, and this system uses cgroup v1".into(),
                fix: "use the limit flags (--memory, --cpus, ...), or boot with cgroup v2",
            });
        }
        if !root {
            return Err(CgroupError::Unavailable {
                flags: flag_names(r),
                why: "cgroup v1 cannot be delegated to an ordinary user".into(),
                fix: "boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1) and log in through \
                      systemd, or run skiff as root",
            });
        }
        let writes = writes_v1(r);
        let mut cg = Cgroup {
            dirs: Vec::new(),
            v2: false,
        };
        let mut by_controller: Vec<(&str, PathBuf)> = Vec::new();
        let mut controllers: Vec<&str> = writes.iter().map(|(c, _, _)| c.as_str()).collect();
        // cpuset needs both of its files set before a task may join; memory for OOMKilled.
        controllers.sort();
        controllers.dedup();
        for c in controllers {
            let own_path = own
                .iter()
                .find(|(names, _)| names.split(',').any(|n| n == c))
                .map(|(_, p)| p.clone())
                .unwrap_or_else(|| "/".into());
            let dir = match &r.parent {
                Some(p) => mount.join(c).join(p.trim_start_matches('/')).join(id),
                None => mount
                    .join(c)
                    .join(own_path.trim_start_matches('/'))
                    .join("skiff")
                    .join(id),
            };
            if let Err(e) = std::fs::create_dir_all(&dir) {
                cg.remove();
                return Err(io("creating", &dir)(e));
            }
            if c == "cpuset" {
                // A new cpuset inherits nothing: copy the parent's cpus and mems first.
                for f in ["cpuset.cpus", "cpuset.mems"] {
                    for d in [dir.parent().unwrap_or(&dir), &dir] {
                        let parent = d.parent().unwrap_or(d);
                        if let Ok(v) = std::fs::read_to_string(parent.join(f)) {
                            let _ = std::fs::write(d.join(f), v.trim());
                        }
                    }
                }
            }
            cg.dirs.push(dir.clone());
            by_controller.push((c, dir));
        }
        for (c, file, value) in &writes {
            let Some((_, dir)) = by_controller.iter().find(|(bc, _)| *bc == c) else {
                continue;
            };
            let f = dir.join(file);
            if let Err(e) = std::fs::write(&f, value) {
                cg.remove();
                return Err(io("setting", &f)(e));
            }
        }
        Ok(Some(cg))
    }

    /// Put process `pid` in the cgroup.
    pub fn add(&self, pid: i32) -> Result<(), CgroupError> {
        for d in &self.dirs {
            let f = d.join("cgroup.procs");
            std::fs::write(&f, pid.to_string()).map_err(io("adding the container to", &f))?;
        }
        Ok(())
    }

    /// Whether the kernel's OOM killer killed a process of the cgroup.
    pub fn oom_killed(&self) -> bool {
        let count = |text: String, key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.trim().parse::<u64>().ok())
                .unwrap_or(0)
        };
        // v2 counts in memory.events, v1 in memory.oom_control: both as `oom_kill N`.
        let file = if self.v2 {
            "memory.events"
        } else {
            "memory.oom_control"
        };
        self.dirs.iter().any(|d| {
            count(
                std::fs::read_to_string(d.join(file)).unwrap_or_default(),
                "oom_kill ",
            ) > 0
        })
    }

    /// Memory in use and the limit, in bytes (for `stats`).
    pub fn memory(&self) -> Option<(u64, u64)> {
        let read = |d: &PathBuf, f: &str| -> Option<u64> {
            std::fs::read_to_string(d.join(f)).ok()?.trim().parse().ok()
        };
        self.dirs.iter().find_map(|d| {
            if self.v2 {
                Some((
                    read(d, "memory.current")?,
                    read(d, "memory.max").unwrap_or(u64::MAX),
                ))
            } else {
                Some((
                    read(d, "memory.usage_in_bytes")?,
                    read(d, "memory.limit_in_bytes")?,
                ))
            }
        })
    }

    /// Remove the dirs (the processes are gone). Best effort.
    pub fn remove(&self) {
        for d in &self.dirs {
            let _ = std::fs::remove_dir(d);
        }
    }
}

#[cfg(test)]
#[path = "cgroups_tests.rs"]
mod tests;
