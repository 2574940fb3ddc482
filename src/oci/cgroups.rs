//! `linux.cgroupsPath` and `linux.resources` on cgroupfs: v1 (one hierarchy per controller, as on
//! this machine) or v2 (unified). An absolute path is taken from each hierarchy's root, a relative
//! one from the runtime's own cgroup (runc's rule). The resources become (file, value) writes, a
//! pure function tested on its own.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use oci_spec::runtime::LinuxResources;

use super::resources::{has_limits, implicit_allows, unified_file_ok, writes_v1, writes_v2};

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
    // As crun and runc: `/<id>` under each hierarchy's root (a common parent would be one more
    // cgroup made and removed per controller and container, costly on v1).
    let default = PathBuf::from(format!("/{id}"));
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
            for d in made[before..].iter() {
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
    if let Some((_, bad, _)) = writes.iter().find(|(_, f, _)| !unified_file_ok(f)) {
        anyhow::bail!("linux.resources.unified: {bad:?} is not a file name of the cgroup");
    }
    // Enable the controllers we need on the way down.
    let mut ctrls: Vec<&str> = writes
        .iter()
        .map(|(c, _, _)| c.as_str())
        .filter(|c| !c.is_empty())
        .collect();
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
