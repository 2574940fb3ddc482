//! Reading and checking a bundle's config.json. Every refusal names the field and what to do.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use oci_spec::runtime::{LinuxNamespaceType, Spec};

/// The runtime-spec version we write (`spec`) and report (`state`, `features`).
pub const OCI_VERSION: &str = "1.2.0";

/// A bundle's config, checked, with its root resolved against the bundle.
pub struct Bundle {
    pub dir: PathBuf,
    pub spec: Spec,
    pub rootfs: PathBuf,
}

pub fn load(bundle: &Path) -> anyhow::Result<Bundle> {
    let dir = std::fs::canonicalize(bundle)
        .with_context(|| format!("bundle {}: cannot open it", bundle.display()))?;
    let path = dir.join("config.json");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {} (is this a bundle?)", path.display()))?;
    let spec = parse(&text).with_context(|| format!("{}", path.display()))?;
    let root = spec
        .root()
        .as_ref()
        .map(|r| r.path().clone())
        .filter(|p| !p.as_os_str().is_empty())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "root.path is missing: name the bundle's rootfs directory (usually \"rootfs\")"
            )
        })?;
    let rootfs = dir.join(root);
    if !rootfs.is_dir() {
        bail!(
            "root.path {} is not a directory: unpack the root filesystem there",
            rootfs.display()
        );
    }
    let rootfs = std::fs::canonicalize(&rootfs)?;
    Ok(Bundle { dir, spec, rootfs })
}

/// Parse and check a config (pure but for the namespace paths, which are looked at).
pub fn parse(text: &str) -> anyhow::Result<Spec> {
    let spec: Spec =
        serde_json::from_str(text).map_err(|e| anyhow::anyhow!("invalid config: {e}"))?;
    check(&spec)?;
    Ok(spec)
}

fn check(spec: &Spec) -> anyhow::Result<()> {
    let v = spec.version();
    let major = v.split('.').next().unwrap_or("");
    let parts: Vec<&str> = v.split(['.', '-', '+']).collect();
    if major != "1" || parts.len() < 3 || parts[..3].iter().any(|p| p.parse::<u32>().is_err()) {
        bail!("ociVersion {v:?} is not a runtime-spec version this runtime knows: use 1.x.y (e.g. {OCI_VERSION})");
    }
    // A config without `process` may be created (runtime-spec): `start` then refuses it.
    if let Some(process) = spec.process() {
        if process.args().as_ref().is_none_or(|a| a.is_empty()) {
            bail!("process.args is empty: name the program to run");
        }
        if !process.cwd().is_absolute() {
            bail!(
                "process.cwd {:?} must be an absolute path",
                process.cwd().display()
            );
        }
    }
    for (i, m) in spec.mounts().iter().flatten().enumerate() {
        if !m.destination().is_absolute() {
            bail!(
                "mounts[{i}].destination {:?} is relative: mount destinations must be absolute paths",
                m.destination().display()
            );
        }
    }
    if let Some(linux) = spec.linux() {
        let mut seen = std::collections::HashSet::new();
        for (i, ns) in linux.namespaces().iter().flatten().enumerate() {
            if !seen.insert(ns.typ()) {
                bail!(
                    "linux.namespaces[{i}]: the {:?} namespace is listed twice",
                    ns.typ()
                );
            }
            if let Some(p) = ns.path() {
                check_ns_path(i, ns.typ(), p)?;
            }
        }
        for (i, d) in linux.devices().iter().flatten().enumerate() {
            if !d.path().is_absolute() {
                bail!(
                    "linux.devices[{i}].path {:?} must be absolute",
                    d.path().display()
                );
            }
        }
        for (key, _) in linux.sysctl().iter().flatten() {
            if key.contains("..") || key.starts_with('/') || key.contains('\0') {
                bail!("linux.sysctl key {key:?} is not a sysctl name");
            }
        }
    }
    Ok(())
}

fn check_ns_path(i: usize, typ: LinuxNamespaceType, p: &Path) -> anyhow::Result<()> {
    let st = nix::sys::statfs::statfs(p)
        .with_context(|| format!("linux.namespaces[{i}].path {}: cannot open it", p.display()))?;
    // Namespace files live on nsfs (magic "nsfs"); anything else cannot be joined.
    const NSFS_MAGIC: i64 = 0x6e73_6673;
    if st.filesystem_type().0 as i64 != NSFS_MAGIC {
        bail!(
            "linux.namespaces[{i}].path {} is not a namespace file ({typ:?}): use /proc/PID/ns/{}",
            p.display(),
            proc_name(typ)
        );
    }
    Ok(())
}

/// The name of a namespace under /proc/PID/ns.
pub fn proc_name(typ: LinuxNamespaceType) -> &'static str {
    match typ {
        LinuxNamespaceType::Mount => "mnt",
        LinuxNamespaceType::Cgroup => "cgroup",
        LinuxNamespaceType::Uts => "uts",
        LinuxNamespaceType::Ipc => "ipc",
        LinuxNamespaceType::User => "user",
        LinuxNamespaceType::Pid => "pid",
        LinuxNamespaceType::Network => "net",
        LinuxNamespaceType::Time => "time",
    }
}

pub fn clone_flag(typ: LinuxNamespaceType) -> nix::sched::CloneFlags {
    use nix::sched::CloneFlags as F;
    match typ {
        LinuxNamespaceType::Mount => F::CLONE_NEWNS,
        LinuxNamespaceType::Cgroup => F::CLONE_NEWCGROUP,
        LinuxNamespaceType::Uts => F::CLONE_NEWUTS,
        LinuxNamespaceType::Ipc => F::CLONE_NEWIPC,
        LinuxNamespaceType::User => F::CLONE_NEWUSER,
        LinuxNamespaceType::Pid => F::CLONE_NEWPID,
        LinuxNamespaceType::Network => F::CLONE_NEWNET,
        LinuxNamespaceType::Time => F::from_bits_retain(libc::CLONE_NEWTIME),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> serde_json::Value {
        serde_json::json!({
            "ociVersion": "1.0.2",
            "root": {"path": "rootfs"},
            "process": {"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0}},
            "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}],
            "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}
        })
    }

    fn err(v: serde_json::Value) -> String {
        format!("{:#}", parse(&v.to_string()).unwrap_err())
    }

    #[test]
    fn a_plain_config_passes() {
        parse(&base().to_string()).unwrap();
    }

    #[test]
    fn bad_fields_are_named() {
        let mut v = base();
        v["ociVersion"] = "9.1.0".into();
        assert!(err(v).contains("ociVersion"));
        let mut v = base();
        v["mounts"][0]["destination"] = "proc".into();
        assert!(err(v).contains("mounts[0].destination"));
        let mut v = base();
        v["linux"]["namespaces"][0]["path"] = "/etc/passwd".into();
        let e = err(v);
        assert!(
            e.contains("linux.namespaces[0].path") && e.contains("not a namespace file"),
            "{e}"
        );
        let mut v = base();
        v["process"]["args"] = serde_json::json!([]);
        assert!(err(v).contains("process.args"));
        let mut v = base();
        v["process"]["rlimits"] =
            serde_json::json!([{"type": "RLIMIT_TEST", "soft": 1, "hard": 1}]);
        assert!(err(v).contains("RLIMIT_TEST"));
        let mut v = base();
        v["linux"]["namespaces"][1]["type"] = "pid".into();
        assert!(err(v).contains("twice"));
    }

    #[test]
    fn a_real_namespace_file_passes() {
        let mut v = base();
        v["linux"]["namespaces"][0]["path"] = "/proc/self/ns/pid".into();
        parse(&v.to_string()).unwrap();
    }
}
