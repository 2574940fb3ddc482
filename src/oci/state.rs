//! Container state under `--root`: `<root>/<id>/state.json` (written atomically) and, while the
//! container is created but not started, `<root>/<id>/exec.fifo` on which its init waits.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use serde::{Deserialize, Serialize};

/// What we record of a container (a superset of the OCI state).
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Record {
    pub id: String,
    pub pid: i32,
    /// The init's start time (field 22 of /proc/PID/stat), so a reused pid is not taken for it.
    pub start_time: u64,
    pub bundle: PathBuf,
    pub created: String,
    pub annotations: std::collections::HashMap<String, String>,
    /// Cgroup directories the container's processes were put in (removed on delete).
    #[serde(default)]
    pub cgroups: Vec<PathBuf>,
    /// The config as given (hooks and seccomp for exec and delete are read from here).
    pub config: PathBuf,
    #[serde(default)]
    pub rootless: bool,
    #[serde(default)]
    pub paused: bool,
}

/// The OCI states are skiff's own container states (never `exited`, which OCI calls stopped).
pub use crate::state::record::Status;

/// Rootless: not root, or root only of a user namespace (as under rootless podman, which runs
/// the runtime inside its own user namespace).
pub fn rootless() -> bool {
    !nix::unistd::geteuid().is_root() || crate::userns::in_child_namespace()
}

pub fn default_root() -> PathBuf {
    if !rootless() {
        return PathBuf::from("/run/skiff-runtime");
    }
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d).join("skiff-runtime"),
        // Root of a user namespace is named by the host uid it maps to, so that two users'
        // runtimes never share a directory.
        _ => std::env::temp_dir().join(format!("skiff-runtime-{}", host_uid())),
    }
}

/// Our uid as the host sees it (through /proc/self/uid_map when in a user namespace).
fn host_uid() -> u32 {
    let me = nix::unistd::geteuid().as_raw();
    let map = std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default();
    for line in map.lines() {
        let f: Vec<u64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [inside, outside, size] = f[..] {
            if (inside..inside + size).contains(&(me as u64)) {
                return (outside + me as u64 - inside) as u32;
            }
        }
    }
    me
}

/// A container id must be a plain name: it becomes a directory under the root.
pub fn check_id(id: &str) -> anyhow::Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 1024
        && id != "."
        && id != ".."
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':'));
    if !ok {
        bail!("invalid container id {id:?}: use letters, digits and - _ . + :");
    }
    Ok(())
}

pub fn dir(root: &Path, id: &str) -> PathBuf {
    root.join(id)
}

pub fn fifo(root: &Path, id: &str) -> PathBuf {
    dir(root, id).join("exec.fifo")
}

pub fn load(root: &Path, id: &str) -> anyhow::Result<Record> {
    check_id(id)?;
    let path = dir(root, id).join("state.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("container {id:?} does not exist (no {})", path.display())
        }
        Err(e) => return Err(anyhow!("reading {}: {e}", path.display())),
    };
    serde_json::from_str(&text).with_context(|| format!("{} is damaged", path.display()))
}

pub fn save(root: &Path, r: &Record) -> anyhow::Result<()> {
    let d = dir(root, &r.id);
    let tmp = d.join("state.json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(r)?)
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, d.join("state.json"))
        .with_context(|| format!("writing {}", d.display()))?;
    Ok(())
}

/// The init's start time (None once it is gone or a zombie): skiff's own reading.
pub fn start_time(pid: i32) -> Option<u64> {
    crate::state::record::process_start(pid)
}

pub fn status(root: &Path, r: &Record) -> Status {
    if r.pid <= 0 || start_time(r.pid) != Some(r.start_time) {
        return Status::Stopped;
    }
    if fifo(root, &r.id).exists() {
        return Status::Created;
    }
    if r.paused {
        return Status::Paused;
    }
    Status::Running
}

/// The OCI state document for `state` and for hooks' stdin.
pub fn oci_state(r: &Record, status: Status) -> serde_json::Value {
    let mut v = serde_json::json!({
        "ociVersion": super::config::OCI_VERSION,
        "id": r.id,
        "status": status.as_str(),
        "bundle": r.bundle,
        "rootfs": "",
        "created": r.created,
        "owner": "",
    });
    if status != Status::Stopped {
        v["pid"] = serde_json::json!(r.pid);
    }
    if !r.annotations.is_empty() {
        v["annotations"] = serde_json::json!(r.annotations);
    }
    v
}

/// Every container id under the root.
pub fn list(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().join("state.json").exists())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_names() {
        assert!(check_id("abc-1.2_x").is_ok());
        for bad in ["", ".", "..", "a/b", "../x", "a b", "a\0"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn own_start_time_is_read() {
        let me = std::process::id() as i32;
        assert!(start_time(me).is_some());
        assert!(start_time(i32::MAX).is_none());
    }
}
