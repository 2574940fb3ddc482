//! A pod's `volumes` made real on this machine: hostPath checked, emptyDir and the files of
//! configMap and secret volumes written to a directory of the pod (under the runroot, which is
//! memory-backed, for `medium: Memory`), persistentVolumeClaim as the named volume of the claim's
//! name. Containers' `volumeMounts` become the engine's mounts.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context};
use k8s_openapi::api::core::v1::{Container, KeyToPath, Volume};

use super::Manifest;
use crate::runtime::spec::UserMount;

/// Where one pod volume lives on the host.
#[derive(Debug, Clone)]
pub enum Source {
    /// A host path (hostPath) or a directory the play made (emptyDir, configMap, secret).
    Dir(PathBuf),
    File(PathBuf),
    /// A named volume (persistentVolumeClaim), read-only when the claim's volume says so.
    Named {
        name: String,
        read_only: bool,
    },
}

/// What materializing made, for `kube down`.
#[derive(Debug, Default)]
pub struct Made {
    pub dirs: Vec<PathBuf>,
    pub volumes: Vec<String>,
}

/// A relative path that stays inside its directory (items' `path`, `subPath`).
pub fn inside(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn write_files(
    dir: &Path,
    data: &BTreeMap<String, Vec<u8>>,
    items: Option<&Vec<KeyToPath>>,
    mode: Option<i32>,
    what: &str,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let files: Vec<(String, &Vec<u8>, Option<i32>)> = match items {
        Some(items) => {
            let mut v = Vec::new();
            for it in items {
                let Some(d) = data.get(&it.key) else {
                    bail!("{what}: item key {:?} is not in its data", it.key);
                };
                v.push((it.path.clone(), d, it.mode));
            }
            v
        }
        None => data.iter().map(|(k, d)| (k.clone(), d, None)).collect(),
    };
    for (rel, content, m) in files {
        if !inside(&rel) {
            bail!("{what}: file path {rel:?} must be relative and stay inside the volume");
        }
        let p = dir.join(&rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&p, content).with_context(|| format!("writing {}", p.display()))?;
        let mode = m.or(mode).unwrap_or(0o644) as u32 & 0o777;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

/// Materialize the pod's volumes. `pod_dir`: on disk for the pod; `mem_dir`: under the runroot.
pub fn materialize(
    m: &Manifest,
    volumes: &[Volume],
    pod_dir: &Path,
    mem_dir: &Path,
    vstore: &crate::state::volume::VolumeStore,
    made: &mut Made,
    locate: impl Fn(usize, anyhow::Error) -> anyhow::Error,
) -> anyhow::Result<BTreeMap<String, Source>> {
    let mut out = BTreeMap::new();
    for (i, v) in volumes.iter().enumerate() {
        let src = one(m, v, pod_dir, mem_dir, vstore, made).map_err(|e| locate(i, e))?;
        out.insert(v.name.clone(), src);
    }
    Ok(out)
}

fn one(
    m: &Manifest,
    v: &Volume,
    pod_dir: &Path,
    mem_dir: &Path,
    vstore: &crate::state::volume::VolumeStore,
    made: &mut Made,
) -> anyhow::Result<Source> {
    {
        let what = format!("volume {}", v.name);
        let src = if let Some(h) = &v.host_path {
            let p = PathBuf::from(&h.path);
            if !p.is_absolute() {
                bail!("{what}: hostPath {:?} must be absolute", h.path);
            }
            let ty = h.type_.as_deref().unwrap_or("");
            match ty {
                "DirectoryOrCreate" => {
                    std::fs::create_dir_all(&p)
                        .with_context(|| format!("{what}: creating hostPath {}", p.display()))?;
                }
                "FileOrCreate" if !p.exists() => {
                    std::fs::write(&p, b"")
                        .with_context(|| format!("{what}: creating hostPath {}", p.display()))?;
                }
                _ => {}
            }
            let meta = std::fs::metadata(&p).map_err(|e| {
                anyhow::anyhow!("{what}: hostPath {} cannot be used: {e} (it must exist and be readable by you; type DirectoryOrCreate creates it)", p.display())
            })?;
            // Readable by this user: opening it is the test that counts (permissions, ACLs).
            let readable = if meta.is_dir() {
                std::fs::read_dir(&p).is_ok()
            } else {
                std::fs::File::open(&p).is_ok() || special(&meta.file_type())
            };
            if !readable {
                bail!("{what}: hostPath {} is not readable by you: a pod can only mount what its user can read", p.display());
            }
            let ok = match ty {
                "" | "DirectoryOrCreate" | "FileOrCreate" => true,
                "Directory" => meta.is_dir(),
                "File" => meta.is_file(),
                "Socket" | "CharDevice" | "BlockDevice" => !meta.is_dir() && !meta.is_file(),
                other => bail!("{what}: unknown hostPath type {other:?}"),
            };
            if !ok {
                bail!("{what}: hostPath {} is not a {ty}", p.display());
            }
            if meta.is_dir() {
                Source::Dir(p)
            } else {
                Source::File(p)
            }
        } else if let Some(e) = &v.empty_dir {
            let memory = e.medium.as_deref() == Some("Memory");
            let d = if memory { mem_dir } else { pod_dir }
                .join("empty")
                .join(&v.name);
            std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777))?;
            made.dirs.push(d.clone());
            Source::Dir(d)
        } else if let Some(cm) = &v.config_map {
            let d = pod_dir.join("configmap").join(&v.name);
            let mut data: BTreeMap<String, Vec<u8>> = BTreeMap::new();
            if let Some(c) = m.configmaps.get(&cm.name) {
                for (k, s) in c.data.iter().flatten() {
                    data.insert(k.clone(), s.clone().into_bytes());
                }
                for (k, b) in c.binary_data.iter().flatten() {
                    data.insert(k.clone(), b.0.clone());
                }
            }
            write_files(&d, &data, cm.items.as_ref(), cm.default_mode, &what)?;
            made.dirs.push(d.clone());
            Source::Dir(d)
        } else if let Some(s) = &v.secret {
            let d = pod_dir.join("secret").join(&v.name);
            let data = m
                .secrets
                .get(s.secret_name.as_deref().unwrap_or_default())
                .map(secret_data)
                .unwrap_or_default();
            write_files(&d, &data, s.items.as_ref(), s.default_mode, &what)?;
            made.dirs.push(d.clone());
            Source::Dir(d)
        } else if let Some(c) = &v.persistent_volume_claim {
            let (_, new) = vstore.ensure(&c.claim_name, BTreeMap::new(), false)?;
            if new {
                made.volumes.push(c.claim_name.clone());
            }
            Source::Named {
                name: c.claim_name.clone(),
                read_only: c.read_only.unwrap_or(false),
            }
        } else {
            bail!("{what}: only hostPath, emptyDir, configMap, secret and persistentVolumeClaim volumes are supported");
        };
        Ok(src)
    }
}

/// A Secret's data (base64-decoded by the types) with stringData over it.
pub fn secret_data(s: &k8s_openapi::api::core::v1::Secret) -> BTreeMap<String, Vec<u8>> {
    let mut data: BTreeMap<String, Vec<u8>> = s
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    for (k, v) in s.string_data.iter().flatten() {
        data.insert(k.clone(), v.clone().into_bytes());
    }
    data
}

/// A socket or device node (opened by what uses it, not read here).
fn special(t: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_socket() || t.is_char_device() || t.is_block_device()
}

/// A container's `volumeMounts` as the engine's mounts.
pub fn mounts(
    c: &Container,
    sources: &BTreeMap<String, Source>,
    vstore: &crate::state::volume::VolumeStore,
) -> anyhow::Result<Vec<UserMount>> {
    let mut out: Vec<UserMount> = Vec::new();
    for vm in c.volume_mounts.iter().flatten() {
        let Some(src) = sources.get(&vm.name) else {
            bail!(
                "container {}: volumeMount {:?} names no volume of the pod",
                c.name,
                vm.name
            );
        };
        if !vm.mount_path.starts_with('/') {
            bail!(
                "container {}: mountPath {:?} must be absolute",
                c.name,
                vm.mount_path
            );
        }
        if out.iter().any(|m| m.target == vm.mount_path) {
            bail!(
                "container {}: mountPath {} is used twice",
                c.name,
                vm.mount_path
            );
        }
        let sub = vm.sub_path.as_deref().filter(|s| !s.is_empty());
        if let Some(s) = sub {
            if !inside(s) {
                bail!(
                    "container {}: subPath {s:?} must be relative and stay inside the volume",
                    c.name
                );
            }
        }
        let ro = vm.read_only.unwrap_or(false);
        let bind = |dir: PathBuf| -> anyhow::Result<UserMount> {
            let source = match sub {
                Some(s) => {
                    let p = dir.join(s);
                    if !p.exists() {
                        std::fs::create_dir_all(&p)?;
                    }
                    p
                }
                None => dir,
            };
            let file = std::fs::metadata(&source)
                .map(|m| !m.is_dir())
                .unwrap_or(false);
            Ok(UserMount {
                source,
                target: vm.mount_path.clone(),
                readonly: ro,
                file,
                ..Default::default()
            })
        };
        out.push(match src {
            Source::Dir(d) => bind(d.clone())?,
            Source::File(f) => UserMount {
                source: f.clone(),
                target: vm.mount_path.clone(),
                readonly: ro,
                file: true,
                ..Default::default()
            },
            Source::Named { name, read_only } => {
                let v = vstore.get(name)?;
                match sub {
                    Some(_) => bind(v.mountpoint)?,
                    None => UserMount {
                        source: v.mountpoint,
                        target: vm.mount_path.clone(),
                        readonly: ro || *read_only,
                        volume: Some(name.clone()),
                        ..Default::default()
                    },
                }
            }
        });
    }
    Ok(out)
}
