//! `linux.cgroupsPath` and `linux.resources` on cgroupfs: v1 (one hierarchy per controller, as on
//! this machine) or v2 (unified). An absolute path is taken from each hierarchy's root, a relative
//! one from the runtime's own cgroup (runc's rule). The resources become (file, value) writes, a
//! pure function tested on its own.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use oci_spec::runtime::{LinuxDeviceCgroup, LinuxResources};

/// One cgroup v1 hierarchy: where it is mounted and which controllers it carries.
#[derive(Debug, Clone)]
pub struct Hierarchy {
    pub mount: PathBuf,
    pub controllers: Vec<String>,
}

pub fn is_v2() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

/// The cgroup v1 hierarchies mounted on this host (from /proc/self/mountinfo).
pub fn hierarchies() -> Vec<Hierarchy> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let mut out: Vec<Hierarchy> = Vec::new();
    for line in info.lines() {
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        let mut r = right.split(' ');
        if r.next() != Some("cgroup") {
            continue;
        }
        let super_opts = r.nth(1).unwrap_or("");
        let mount = left.split(' ').nth(4).unwrap_or("");
        let controllers: Vec<String> = super_opts
            .split(',')
            .filter(|o| {
                !matches!(
                    *o,
                    "rw" | "ro"
                        | "nosuid"
                        | "nodev"
                        | "noexec"
                        | "relatime"
                        | "xattr"
                        | "clone_children"
                )
            })
            .filter(|o| !o.starts_with("release_agent"))
            .map(str::to_string)
            .collect();
        if controllers.is_empty() || out.iter().any(|h| h.controllers == controllers) {
            continue;
        }
        out.push(Hierarchy {
            mount: PathBuf::from(mount),
            controllers,
        });
    }
    out
}

/// Our own cgroup in the hierarchy with these controllers (from /proc/self/cgroup).
fn own_path(controllers: &[String]) -> String {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    for line in text.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, ctrls, path) = (
            parts.next(),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or("/"),
        );
        let mut a: Vec<&str> = ctrls.split(',').collect();
        let mut b: Vec<&str> = controllers.iter().map(String::as_str).collect();
        a.sort();
        b.sort();
        if a == b || (controllers.is_empty() && ctrls.is_empty()) {
            return path.to_string();
        }
    }
    "/".to_string()
}

fn join(mount: &Path, base: &str, path: &Path) -> PathBuf {
    let rel = if path.is_absolute() {
        path.to_path_buf()
    } else {
        Path::new(base).join(path)
    };
    let clean: PathBuf = rel
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    mount.join(clean)
}

pub type Write = (String, String, String);

fn dev_rule(d: &LinuxDeviceCgroup) -> String {
    let typ = d
        .typ()
        .map(|t| {
            serde_json::to_value(t)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "a".into())
        })
        .unwrap_or_else(|| "a".into());
    let num = |n: Option<i64>| {
        n.filter(|n| *n >= 0)
            .map(|n| n.to_string())
            .unwrap_or_else(|| "*".into())
    };
    format!(
        "{typ} {}:{} {}",
        num(d.major()),
        num(d.minor()),
        d.access().clone().unwrap_or_else(|| "rwm".into())
    )
}

/// The v1 writes for `resources`: (controller, file, value), in the order they must happen.
pub fn writes_v1(r: &LinuxResources) -> Vec<Write> {
    let mut w: Vec<Write> = Vec::new();
    let mut put = |c: &str, f: &str, v: String| w.push((c.to_string(), f.to_string(), v));
    if let Some(m) = r.memory() {
        if let Some(v) = m.limit() {
            put("memory", "memory.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.reservation() {
            put("memory", "memory.soft_limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.swap() {
            put("memory", "memory.memsw.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.kernel() {
            put("memory", "memory.kmem.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.kernel_tcp() {
            put("memory", "memory.kmem.tcp.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.swappiness() {
            put("memory", "memory.swappiness", v.to_string());
        }
        if m.disable_oom_killer() == Some(true) {
            put("memory", "memory.oom_control", "1".into());
        }
    }
    if let Some(c) = r.cpu() {
        if let Some(v) = c.shares() {
            put("cpu", "cpu.shares", v.to_string());
        }
        if let Some(v) = c.period() {
            put("cpu", "cpu.cfs_period_us", v.to_string());
        }
        if let Some(v) = c.quota() {
            put("cpu", "cpu.cfs_quota_us", v.to_string());
        }
        if let Some(v) = c.realtime_period() {
            put("cpu", "cpu.rt_period_us", v.to_string());
        }
        if let Some(v) = c.realtime_runtime() {
            put("cpu", "cpu.rt_runtime_us", v.to_string());
        }
        if let Some(v) = c.cpus() {
            put("cpuset", "cpuset.cpus", v.clone());
        }
        if let Some(v) = c.mems() {
            put("cpuset", "cpuset.mems", v.clone());
        }
    }
    if let Some(p) = r.pids() {
        let v = if p.limit() > 0 {
            p.limit().to_string()
        } else {
            "max".into()
        };
        put("pids", "pids.max", v);
    }
    if let Some(b) = r.block_io() {
        if let Some(v) = b.weight() {
            put("blkio", "blkio.weight", v.to_string());
        }
        if let Some(v) = b.leaf_weight() {
            put("blkio", "blkio.leaf_weight", v.to_string());
        }
        for d in b.weight_device().iter().flatten() {
            if let Some(v) = d.weight() {
                put(
                    "blkio",
                    "blkio.weight_device",
                    format!("{}:{} {v}", d.major(), d.minor()),
                );
            }
            if let Some(v) = d.leaf_weight() {
                put(
                    "blkio",
                    "blkio.leaf_weight_device",
                    format!("{}:{} {v}", d.major(), d.minor()),
                );
            }
        }
        for (file, list) in [
            (
                "blkio.throttle.read_bps_device",
                b.throttle_read_bps_device(),
            ),
            (
                "blkio.throttle.write_bps_device",
                b.throttle_write_bps_device(),
            ),
            (
                "blkio.throttle.read_iops_device",
                b.throttle_read_iops_device(),
            ),
            (
                "blkio.throttle.write_iops_device",
                b.throttle_write_iops_device(),
            ),
        ] {
            for d in list.iter().flatten() {
                put(
                    "blkio",
                    file,
                    format!("{}:{} {}", d.major(), d.minor(), d.rate()),
                );
            }
        }
    }
    for h in r.hugepage_limits().iter().flatten() {
        put(
            "hugetlb",
            &format!("hugetlb.{}.limit_in_bytes", h.page_size()),
            h.limit().to_string(),
        );
    }
    if let Some(n) = r.network() {
        if let Some(v) = n.class_id() {
            put("net_cls", "net_cls.classid", v.to_string());
        }
        for p in n.priorities().iter().flatten() {
            put(
                "net_prio",
                "net_prio.ifpriomap",
                format!("{} {}", p.name(), p.priority()),
            );
        }
    }
    for d in r.devices().iter().flatten() {
        let file = if d.allow() {
            "devices.allow"
        } else {
            "devices.deny"
        };
        put("devices", file, dev_rule(d));
    }
    w
}

/// The v2 writes (controller, file, value); the controller says which to enable in the parent.
pub fn writes_v2(r: &LinuxResources) -> Vec<Write> {
    let mut w: Vec<Write> = Vec::new();
    let mut put = |c: &str, f: &str, v: String| w.push((c.to_string(), f.to_string(), v));
    let max = |v: i64| {
        if v < 0 {
            "max".to_string()
        } else {
            v.to_string()
        }
    };
    if let Some(m) = r.memory() {
        if let Some(v) = m.limit() {
            put("memory", "memory.max", max(v));
        }
        if let Some(v) = m.reservation() {
            put("memory", "memory.low", max(v));
        }
        if let (Some(s), Some(l)) = (m.swap(), m.limit()) {
            put(
                "memory",
                "memory.swap.max",
                if s < 0 {
                    "max".into()
                } else {
                    (s - l).max(0).to_string()
                },
            );
        }
    }
    if let Some(c) = r.cpu() {
        if let Some(s) = c.shares() {
            put(
                "cpu",
                "cpu.weight",
                (1 + (s.saturating_sub(2) * 9999) / 262142).to_string(),
            );
        }
        if c.quota().is_some() || c.period().is_some() {
            let q = c
                .quota()
                .filter(|q| *q > 0)
                .map(|q| q.to_string())
                .unwrap_or_else(|| "max".into());
            put(
                "cpu",
                "cpu.max",
                format!("{q} {}", c.period().unwrap_or(100000)),
            );
        }
        if let Some(v) = c.cpus() {
            put("cpuset", "cpuset.cpus", v.clone());
        }
        if let Some(v) = c.mems() {
            put("cpuset", "cpuset.mems", v.clone());
        }
    }
    if let Some(p) = r.pids() {
        put(
            "pids",
            "pids.max",
            if p.limit() > 0 {
                p.limit().to_string()
            } else {
                "max".into()
            },
        );
    }
    if let Some(b) = r.block_io() {
        if let Some(v) = b.weight() {
            put(
                "io",
                "io.weight",
                format!("default {}", 1 + (v.saturating_sub(10) as u64 * 9999) / 990),
            );
        }
        for (key, list) in [
            ("rbps", b.throttle_read_bps_device()),
            ("wbps", b.throttle_write_bps_device()),
            ("riops", b.throttle_read_iops_device()),
            ("wiops", b.throttle_write_iops_device()),
        ] {
            for d in list.iter().flatten() {
                put(
                    "io",
                    "io.max",
                    format!("{}:{} {key}={}", d.major(), d.minor(), d.rate()),
                );
            }
        }
    }
    for h in r.hugepage_limits().iter().flatten() {
        put(
            "hugetlb",
            &format!("hugetlb.{}.max", h.page_size()),
            h.limit().to_string(),
        );
    }
    w
}

fn has_limits(r: &LinuxResources) -> bool {
    !writes_v1(r).iter().all(|(c, _, _)| c == "devices")
}

/// Create the container's cgroups, apply the resources and move `pid` in. Returns the
/// directories made (for delete). Rootless without a writable hierarchy: resources are not
/// applied, said once in the log.
pub fn setup(
    id: &str,
    path: Option<&Path>,
    res: Option<&LinuxResources>,
    devices: &[oci_spec::runtime::LinuxDevice],
    pid: i32,
    warn: &dyn Fn(&str),
) -> anyhow::Result<Vec<PathBuf>> {
    let default = PathBuf::from(format!("/skiff-runtime/{id}"));
    let path = path.unwrap_or(&default);
    let rootless = super::state::rootless();
    let mut made = Vec::new();
    let result = if is_v2() {
        setup_v2(path, res, pid, &mut made)
    } else {
        setup_v1(path, res, devices, pid, &mut made)
    };
    match result {
        Ok(()) => Ok(made),
        Err(e) if rootless => {
            for d in made.iter().rev() {
                let _ = std::fs::remove_dir(d);
            }
            if res.is_some_and(has_limits) {
                warn(&format!("linux.resources not applied: {e:#} (cgroups are not delegated to this user; with cgroup v2 and systemd, run under `systemd-run --user --scope`)"));
            }
            Ok(Vec::new())
        }
        Err(e) => {
            for d in made.iter().rev() {
                let _ = std::fs::remove_dir(d);
            }
            Err(e)
        }
    }
}

fn mkdirs(dir: &Path, made: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut missing = Vec::new();
    let mut cur = dir.to_path_buf();
    while !cur.exists() {
        missing.push(cur.clone());
        if !cur.pop() {
            break;
        }
    }
    for d in missing.into_iter().rev() {
        std::fs::create_dir(&d).with_context(|| format!("creating cgroup {}", d.display()))?;
        made.push(d);
    }
    Ok(())
}

/// Device nodes every container gets, and those `linux.devices` creates, stay usable whatever
/// the device rules say (as runc and crun do): allow rules appended after the config's.
pub fn implicit_allows(devices: &[oci_spec::runtime::LinuxDevice]) -> Vec<String> {
    let mut v: Vec<String> = [
        "c 1:3 rwm",
        "c 1:5 rwm",
        "c 1:7 rwm",
        "c 1:8 rwm",
        "c 1:9 rwm",
        "c 5:0 rwm",
        "c 5:1 rwm",
        "c 5:2 rwm",
        "c 136:* rwm",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for d in devices {
        let t = match d.typ() {
            oci_spec::runtime::LinuxDeviceType::B => "b",
            oci_spec::runtime::LinuxDeviceType::P => continue,
            _ => "c",
        };
        v.push(format!("{t} {}:{} rwm", d.major(), d.minor()));
    }
    v
}

fn setup_v1(
    path: &Path,
    res: Option<&LinuxResources>,
    devices: &[oci_spec::runtime::LinuxDevice],
    pid: i32,
    made: &mut Vec<PathBuf>,
) -> anyhow::Result<()> {
    let mut writes = res.map(writes_v1).unwrap_or_default();
    if writes.iter().any(|(c, _, _)| c == "devices") {
        for rule in implicit_allows(devices) {
            writes.push(("devices".into(), "devices.allow".into(), rule));
        }
    }
    let hs = hierarchies();
    for h in &hs {
        let dir = join(&h.mount, &own_path(&h.controllers), path);
        let before = made.len();
        mkdirs(&dir, made)?;
        if h.controllers.iter().any(|c| c == "cpuset") {
            // A new cpuset cgroup starts empty: inherit cpus and mems down the new directories.
            for d in made[before..].to_vec() {
                for f in ["cpuset.cpus", "cpuset.mems"] {
                    let parent = d.parent().map(|p| p.join(f));
                    if let Some(v) = parent.and_then(|p| std::fs::read_to_string(p).ok()) {
                        let _ = std::fs::write(d.join(f), v.trim());
                    }
                }
            }
        }
        for (ctrl, file, value) in writes.iter().filter(|(c, _, _)| h.controllers.contains(c)) {
            let target = dir.join(file);
            let mut r = std::fs::write(&target, value);
            if file == "memory.limit_in_bytes"
                && r.as_ref()
                    .is_err_and(|e| e.raw_os_error() == Some(libc::EINVAL))
            {
                // Raising the limit above the current memory+swap limit: that one goes first.
                if let Some((_, f, v)) = writes
                    .iter()
                    .find(|(_, f, _)| f == "memory.memsw.limit_in_bytes")
                {
                    let _ = std::fs::write(dir.join(f), v);
                    r = std::fs::write(&target, value);
                }
            }
            r.map_err(|e| {
                anyhow!(
                    "linux.resources: writing {value:?} to {} ({ctrl}): {e}",
                    target.display()
                )
            })?;
        }
        std::fs::write(dir.join("cgroup.procs"), pid.to_string())
            .with_context(|| format!("moving the container into {}", dir.display()))?;
    }
    for (ctrl, file, _) in &writes {
        if !hs.iter().any(|h| h.controllers.contains(ctrl)) {
            anyhow::bail!("linux.resources: {file} needs the {ctrl} cgroup controller, which is not mounted on this host");
        }
    }
    made.sort();
    made.dedup();
    Ok(())
}

fn setup_v2(
    path: &Path,
    res: Option<&LinuxResources>,
    pid: i32,
    made: &mut Vec<PathBuf>,
) -> anyhow::Result<()> {
    let root = Path::new("/sys/fs/cgroup");
    let dir = join(root, &own_path(&[]), path);
    mkdirs(&dir, made)?;
    let writes = res.map(writes_v2).unwrap_or_default();
    // Enable the controllers we need on the way down.
    let mut ctrls: Vec<&str> = writes.iter().map(|(c, _, _)| c.as_str()).collect();
    ctrls.sort();
    ctrls.dedup();
    if !ctrls.is_empty() {
        let mut cur = dir.parent().map(Path::to_path_buf);
        let mut chain = Vec::new();
        while let Some(c) = cur {
            if !c.starts_with(root) {
                break;
            }
            chain.push(c.clone());
            cur = c.parent().map(Path::to_path_buf);
        }
        for d in chain.iter().rev() {
            let line: String = ctrls.iter().map(|c| format!("+{c} ")).collect();
            let _ = std::fs::write(d.join("cgroup.subtree_control"), line.trim());
        }
    }
    for (ctrl, file, value) in &writes {
        let target = dir.join(file);
        std::fs::write(&target, value).map_err(|e| {
            anyhow!(
                "linux.resources: writing {value:?} to {} ({ctrl}): {e}",
                target.display()
            )
        })?;
    }
    std::fs::write(dir.join("cgroup.procs"), pid.to_string())
        .with_context(|| format!("moving the container into {}", dir.display()))?;
    Ok(())
}

/// The container's processes, from its cgroups (the first one that lists any).
pub fn pids(dirs: &[PathBuf]) -> Vec<i32> {
    for d in dirs {
        if let Ok(t) = std::fs::read_to_string(d.join("cgroup.procs")) {
            let v: Vec<i32> = t.lines().filter_map(|l| l.trim().parse().ok()).collect();
            if !v.is_empty() {
                return v;
            }
        }
    }
    Vec::new()
}

/// The freezer state file of the container, if it has one.
pub fn freezer(dirs: &[PathBuf]) -> Option<PathBuf> {
    dirs.iter()
        .map(|d| d.join("freezer.state"))
        .find(|p| p.exists())
        .or_else(|| {
            dirs.iter()
                .map(|d| d.join("cgroup.freeze"))
                .find(|p| p.exists())
        })
}

/// Remove the container's cgroup directories, deepest first.
pub fn remove(dirs: &[PathBuf]) {
    let mut v = dirs.to_vec();
    v.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in v {
        let _ = std::fs::remove_dir(&d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_become_writes() {
        let r: LinuxResources = serde_json::from_value(serde_json::json!({
            "memory": {"limit": 33554432, "swap": 67108864},
            "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0"},
            "pids": {"limit": 10},
            "devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rw"}]
        })).unwrap();
        let w = writes_v1(&r);
        let find = |f: &str| w.iter().find(|x| x.1 == f).map(|x| x.2.clone());
        assert_eq!(find("memory.limit_in_bytes").as_deref(), Some("33554432"));
        assert_eq!(find("pids.max").as_deref(), Some("10"));
        assert_eq!(find("devices.deny").as_deref(), Some("a *:* rwm"));
        assert_eq!(find("devices.allow").as_deref(), Some("c 1:3 rw"));
        let pos = |f: &str| w.iter().position(|x| x.1 == f).unwrap();
        assert!(pos("cpu.cfs_period_us") < pos("cpu.cfs_quota_us"));
        assert!(pos("memory.limit_in_bytes") < pos("memory.memsw.limit_in_bytes"));
        let w2 = writes_v2(&r);
        let find2 = |f: &str| w2.iter().find(|x| x.1 == f).map(|x| x.2.clone());
        assert_eq!(find2("memory.swap.max").as_deref(), Some("33554432"));
        assert_eq!(find2("cpu.max").as_deref(), Some("50000 100000"));
        assert!(!has_limits(
            &serde_json::from_value(
                serde_json::json!({"devices": [{"allow": false, "access": "rwm"}]})
            )
            .unwrap()
        ));
    }

    #[test]
    fn paths_stay_under_the_mount() {
        assert_eq!(
            join(
                Path::new("/sys/fs/cgroup/pids"),
                "/user.slice",
                Path::new("../../x")
            ),
            PathBuf::from("/sys/fs/cgroup/pids/user.slice/x")
        );
        assert_eq!(
            join(Path::new("/m"), "/a", Path::new("/b/c")),
            PathBuf::from("/m/b/c")
        );
    }
}
