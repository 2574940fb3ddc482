//! CDI (Container Device Interface) devices: `--device vendor.com/class=name` and `--gpus`, read
//! from the CDI specs in /etc/cdi and /var/run/cdi (containers.conf `cdi_spec_dirs`), JSON or
//! YAML. A device's edits (and its spec's common edits) add device nodes, bind mounts and
//! environment variables to the container; hooks are not run (said once).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;

use super::spec::{Device, Spec, UserMount};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct CdiSpec {
    cdi_version: String,
    kind: String,
    devices: Vec<CdiDevice>,
    container_edits: Edits,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct CdiDevice {
    name: String,
    container_edits: Edits,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Edits {
    env: Vec<String>,
    device_nodes: Vec<DeviceNode>,
    mounts: Vec<Mount>,
    hooks: Vec<serde_json::Value>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct DeviceNode {
    path: String,
    host_path: Option<String>,
    permissions: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Mount {
    host_path: String,
    container_path: String,
    options: Vec<String>,
}

/// `vendor.com/class=name`: a CDI device name (a path or `HOST:CTR` is not one).
pub fn is_cdi_name(s: &str) -> bool {
    match s.split_once('=') {
        Some((kind, name)) => {
            !kind.starts_with('/')
                && kind.contains('/')
                && !name.is_empty()
                && !name.contains('/')
                && !kind.contains(':')
        }
        None => false,
    }
}

/// `--gpus all|N|device=...` as the CDI name podman uses.
pub fn gpu_names(gpus: &[String]) -> Vec<String> {
    gpus.iter()
        .flat_map(|g| g.split(','))
        .filter(|g| !g.is_empty())
        .map(|g| {
            let g = g.strip_prefix("device=").unwrap_or(g);
            if is_cdi_name(g) {
                g.to_string()
            } else {
                format!("nvidia.com/gpu={g}")
            }
        })
        .collect()
}

fn default_dirs() -> Vec<PathBuf> {
    crate::system::containers_conf::ContainersConf::load()
        .ok()
        .and_then(|c| c.engine.cdi_spec_dirs)
        .unwrap_or_else(|| vec![PathBuf::from("/etc/cdi"), PathBuf::from("/var/run/cdi")])
}

/// Every spec in `dirs` by kind; a later dir's device of the same name wins.
fn load(dirs: &[PathBuf]) -> anyhow::Result<BTreeMap<String, Vec<(PathBuf, CdiSpec)>>> {
    let mut out: BTreeMap<String, Vec<(PathBuf, CdiSpec)>> = BTreeMap::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(d) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "json" | "yaml" | "yml") {
                continue;
            }
            let text =
                std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            if text.len() > 4 << 20 {
                bail!("{}: a CDI spec larger than 4 MiB is refused", f.display());
            }
            let spec: CdiSpec = if ext == "json" {
                serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{e}"))
            } else {
                serde_saphyr::from_str(&text).map_err(|e| anyhow::anyhow!("{e}"))
            }
            .with_context(|| {
                format!("CDI spec {} does not parse (fix or remove it)", f.display())
            })?;
            if spec.cdi_version.is_empty() || !spec.kind.contains('/') {
                bail!(
                    "CDI spec {}: cdiVersion and a kind like vendor.com/class are required",
                    f.display()
                );
            }
            out.entry(spec.kind.clone()).or_default().push((f, spec));
        }
    }
    Ok(out)
}

/// Apply the CDI devices `names` to `spec`.
pub fn apply(spec: &mut Spec, names: &[String]) -> anyhow::Result<()> {
    apply_from(spec, names, &default_dirs())
}

fn apply_from(spec: &mut Spec, names: &[String], dirs: &[PathBuf]) -> anyhow::Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let specs = load(dirs)?;
    let shown = || {
        dirs.iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut common_done = Vec::new();
    for name in names {
        let (kind, dev) = name.split_once('=').unwrap_or((name, ""));
        let Some(candidates) = specs.get(kind) else {
            bail!(
                "CDI device {name}: no CDI spec of kind {kind} in {} (the vendor's tool writes \
                 one, e.g. `nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`)",
                shown()
            );
        };
        let Some((file, cdi, device)) = candidates
            .iter()
            .rev()
            .find_map(|(f, s)| s.devices.iter().find(|d| d.name == dev).map(|d| (f, s, d)))
        else {
            let known: Vec<&str> = candidates
                .iter()
                .flat_map(|(_, s)| s.devices.iter().map(|d| d.name.as_str()))
                .collect();
            bail!(
                "CDI device {name}: {kind} has no device {dev:?} (known: {})",
                known.join(", ")
            );
        };
        if !common_done.contains(file) {
            edit(spec, &cdi.container_edits, name)?;
            common_done.push(file.clone());
        }
        edit(spec, &device.container_edits, name)?;
    }
    Ok(())
}

fn edit(spec: &mut Spec, e: &Edits, name: &str) -> anyhow::Result<()> {
    for kv in &e.env {
        let key = kv.split('=').next().unwrap_or(kv);
        spec.env.retain(|x| x.split('=').next() != Some(key));
        spec.env.push(kv.clone());
    }
    for n in &e.device_nodes {
        if !n.path.starts_with('/') {
            bail!(
                "CDI device {name}: device node path {:?} is not absolute",
                n.path
            );
        }
        let host = PathBuf::from(n.host_path.as_deref().unwrap_or(&n.path));
        if std::fs::symlink_metadata(&host).is_err() {
            bail!(
                "CDI device {name}: its device node {} is not on this host",
                host.display()
            );
        }
        if !spec.devices.iter().any(|d| d.container == n.path) {
            spec.devices.push(Device {
                host,
                container: n.path.clone(),
                readonly: n.permissions.as_deref().is_some_and(|p| !p.contains('w')),
            });
        }
    }
    for m in &e.mounts {
        if !m.container_path.starts_with('/') || !Path::new(&m.host_path).is_absolute() {
            bail!("CDI device {name}: mount paths must be absolute");
        }
        let md = std::fs::metadata(&m.host_path)
            .with_context(|| format!("CDI device {name}: its mount source {}", m.host_path))?;
        if !spec.mounts.iter().any(|x| x.target == m.container_path) {
            spec.mounts.push(UserMount {
                source: PathBuf::from(&m.host_path),
                target: m.container_path.clone(),
                readonly: m.options.iter().any(|o| o == "ro"),
                file: md.is_file(),
                ..Default::default()
            });
        }
    }
    if !e.hooks.is_empty() {
        crate::cli::ignored(
            "CDI hooks",
            "skiff applies a CDI device's nodes, mounts and environment, not its hooks",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_gpus() {
        assert!(is_cdi_name("nvidia.com/gpu=all"));
        assert!(!is_cdi_name("/dev/fuse"));
        assert!(!is_cdi_name("/dev/sda:/dev/xvda:rwm"));
        assert_eq!(gpu_names(&["all".into()]), vec!["nvidia.com/gpu=all"]);
        assert_eq!(
            gpu_names(&["device=0,1".into()]),
            vec!["nvidia.com/gpu=0", "nvidia.com/gpu=1"]
        );
    }

    #[test]
    fn a_yaml_spec_adds_nodes_mounts_and_env() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("example.yaml"),
            "cdiVersion: 0.6.0\nkind: example.com/dev\ncontainerEdits:\n  env: [COMMON=1]\n\
             devices:\n  - name: one\n    containerEdits:\n      env: [ONE=yes]\n      \
             deviceNodes:\n        - path: /dev/fake0\n          hostPath: /dev/null\n      \
             mounts:\n        - hostPath: /etc\n          containerPath: /host-etc\n          \
             options: [ro, bind]\n",
        )
        .unwrap();
        let mut spec = crate::runtime::plan::tests_spec();
        let dirs = vec![dir.path().to_path_buf()];
        apply_from(&mut spec, &["example.com/dev=one".into()], &dirs).unwrap();
        assert!(spec.env.contains(&"COMMON=1".to_string()));
        assert!(spec.env.contains(&"ONE=yes".to_string()));
        assert_eq!(spec.devices[0].container, "/dev/fake0");
        assert_eq!(spec.devices[0].host, PathBuf::from("/dev/null"));
        assert!(spec.mounts[0].readonly && spec.mounts[0].target == "/host-etc");
        let e = apply_from(&mut spec, &["example.com/dev=two".into()], &dirs).unwrap_err();
        assert!(format!("{e}").contains("known: one"), "{e}");
        let e = apply_from(&mut spec, &["other.com/x=y".into()], &dirs).unwrap_err();
        assert!(format!("{e}").contains("nvidia-ctk"), "{e}");
    }
}
