//! `-v/--volume` and `--mount` (and image VOLUMEs) -> the container's mounts, resolved on the
//! host: bind sources must exist (skiff, like podman, does not create host paths), named volumes
//! are created on first use, image VOLUMEs get anonymous volumes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::bail;

use crate::runtime::spec::UserMount;
use crate::state::volume::VolumeStore;

/// Container paths no mount may cover.
const PROPAGATION: &[&str] = &[
    "rprivate", "private", "rshared", "shared", "rslave", "slave",
];

pub fn check_target(t: &str, flag: &str) -> anyhow::Result<String> {
    if !t.starts_with('/') {
        bail!("invalid {flag} target {t:?}: the container path must be absolute");
    }
    let norm = format!(
        "/{}",
        t.split('/')
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join("/")
    );
    if norm.split('/').any(|c| c == "..") {
        bail!("invalid {flag} target {t:?}: '..' is not allowed");
    }
    let reserved = |p: &str| norm == p || norm.starts_with(&format!("{p}/"));
    if norm == "/" || reserved("/proc") || reserved("/sys") || norm == "/dev" {
        bail!("invalid {flag} target {t:?}: cannot mount over {norm} (skiff sets it up itself)");
    }
    Ok(norm)
}

pub fn bind_source(src: &str, flag: &str) -> anyhow::Result<(PathBuf, bool)> {
    let md = std::fs::metadata(src).map_err(|e| {
        anyhow::anyhow!(
            "{flag} source {src}: {e}; create it first (skiff does not create host paths, like \
             podman)"
        )
    })?;
    Ok((PathBuf::from(src), !md.is_dir()))
}

fn anonymous_name() -> String {
    crate::state::names::random_id()
}

struct Parsed {
    mounts: Vec<UserMount>,
}

impl Parsed {
    fn push(&mut self, m: UserMount) -> anyhow::Result<()> {
        if let Some(x) = self.mounts.iter().find(|x| x.target == m.target) {
            if *x == m {
                return Ok(()); // the same mount given twice (podman takes it)
            }
            bail!(
                "{}: duplicate mount destination (two different mounts at one container path); \
                 give each container path one mount",
                m.target
            );
        }
        self.mounts.push(m);
        Ok(())
    }
}

pub fn volume_mount(
    vstore: &VolumeStore,
    name: Option<&str>,
    target: String,
    readonly: bool,
) -> anyhow::Result<UserMount> {
    let (name, anonymous) = match name {
        Some(n) => (n.to_string(), false),
        None => (anonymous_name(), true),
    };
    let (v, _) = vstore.ensure(&name, BTreeMap::new(), anonymous)?;
    if let Some(data) = v.tmpfs_options() {
        return Ok(UserMount {
            target,
            readonly,
            tmpfs: Some(data),
            volume: Some(name),
            ..Default::default()
        });
    }
    Ok(UserMount {
        source: v.mountpoint,
        target,
        readonly,
        file: false,
        tmpfs: None,
        volume: Some(name),
        ..Default::default()
    })
}

/// `-v SRC:DST[:OPTS]`, `-v DST`.
fn parse_volume(vstore: &VolumeStore, spec: &str) -> anyhow::Result<UserMount> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (src, dst, opts) = match parts.as_slice() {
        [dst] => (None, *dst, ""),
        [src, dst] => (Some(*src), *dst, ""),
        [src, dst, opts] => (Some(*src), *dst, *opts),
        _ => bail!(
            "invalid -v {spec:?}: use HOST_PATH:CONTAINER_PATH[:OPTIONS] or NAME:CONTAINER_PATH"
        ),
    };
    let target = check_target(dst, "-v")?;
    let mut readonly = false;
    let (mut chown, mut overlay, mut propagation) = (false, false, None);
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => readonly = true,
            "rw" => readonly = false,
            // SELinux relabeling: nothing to do without SELinux.
            "z" | "Z" => {}
            "U" => chown = true,
            "O" => overlay = true,
            p if PROPAGATION.contains(&p) => propagation = Some(p.to_string()),
            _ => bail!(
                "unsupported -v option {o:?} in {spec:?}: supported are ro, rw, z, Z, U, O, \
                 {}",
                PROPAGATION.join(", ")
            ),
        }
    }
    let mut m = parse_volume_source(vstore, src, target, readonly)?;
    if overlay && (m.volume.is_some() || m.file) {
        bail!("-v {spec:?}: :O needs a host directory");
    }
    (m.chown, m.overlay, m.propagation) = (chown, overlay, propagation);
    Ok(m)
}

fn parse_volume_source(
    vstore: &VolumeStore,
    src: Option<&str>,
    target: String,
    readonly: bool,
) -> anyhow::Result<UserMount> {
    match src {
        None => volume_mount(vstore, None, target, readonly),
        Some(s) if s.starts_with('/') => {
            let (source, file) = bind_source(s, "-v")?;
            Ok(UserMount {
                source,
                target,
                readonly,
                file,
                tmpfs: None,
                volume: None,
                ..Default::default()
            })
        }
        Some(s) if s.starts_with('.') || s.contains('/') => bail!(
            "invalid -v source {s:?}: host paths must be absolute (e.g. \"$PWD/{}\")",
            s.trim_start_matches("./")
        ),
        Some(name) => volume_mount(vstore, Some(name), target, readonly),
    }
}

/// `--mount type=bind|volume|tmpfs,source=,target=,readonly,tmpfs-size=,tmpfs-mode=`.
fn parse_mount(vstore: &VolumeStore, spec: &str) -> anyhow::Result<UserMount> {
    let mut kind = "volume".to_string();
    let (mut source, mut target, mut readonly) = (None::<String>, None::<String>, false);
    let mut tmpfs_opts = Vec::new();
    let (mut chown, mut propagation) = (false, None::<String>);
    for kv in spec.split(',').filter(|k| !k.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        match k {
            "type" => kind = v.to_string(),
            "source" | "src" => source = Some(v.to_string()),
            "target" | "destination" | "dst" => target = Some(v.to_string()),
            "readonly" | "ro" => readonly = v.is_empty() || v == "true" || v == "1",
            "tmpfs-size" => tmpfs_opts.push(format!("size={v}")),
            "tmpfs-mode" => tmpfs_opts.push(format!("mode={v}")),
            "bind-propagation" if PROPAGATION.contains(&v) => propagation = Some(v.to_string()),
            "U" | "chown" => chown = v.is_empty() || v == "true",
            "relabel" | "z" | "Z" => {}
            _ => bail!(
                "unsupported --mount option {kv:?}: supported are type, source, target, readonly, \
                 tmpfs-size, tmpfs-mode"
            ),
        }
    }
    let target = check_target(
        target
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("--mount {spec:?}: target= is required"))?,
        "--mount",
    )?;
    let mut m = parse_mount_kind(vstore, spec, &kind, source, target, readonly, tmpfs_opts)?;
    (m.chown, m.propagation) = (chown, propagation);
    Ok(m)
}

fn parse_mount_kind(
    vstore: &VolumeStore,
    spec: &str,
    kind: &str,
    source: Option<String>,
    target: String,
    readonly: bool,
    mut tmpfs_opts: Vec<String>,
) -> anyhow::Result<UserMount> {
    match kind {
        "bind" => {
            let s = source.ok_or_else(|| {
                anyhow::anyhow!("--mount {spec:?}: source= is required for a bind")
            })?;
            if !s.starts_with('/') {
                bail!("--mount {spec:?}: a bind source must be an absolute host path");
            }
            let (source, file) = bind_source(&s, "--mount")?;
            Ok(UserMount {
                source,
                target,
                readonly,
                file,
                tmpfs: None,
                volume: None,
                ..Default::default()
            })
        }
        "volume" => volume_mount(vstore, source.as_deref(), target, readonly),
        "tmpfs" => {
            if !tmpfs_opts.iter().any(|o| o.starts_with("mode=")) {
                tmpfs_opts.push("mode=1777".into());
            }
            Ok(UserMount {
                source: PathBuf::new(),
                target,
                readonly,
                file: false,
                tmpfs: Some(tmpfs_opts.join(",")),
                volume: None,
                ..Default::default()
            })
        }
        other => bail!("unsupported --mount type={other}: bind, volume or tmpfs"),
    }
}

/// All mounts of a new container: -v, --mount, then an anonymous volume for every image VOLUME
/// no mount covers.
/// What `--image-volume` does with the image's VOLUMEs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageVolumes {
    /// New anonymous volumes, filled from the image (the default).
    Bind,
    /// Empty tmpfs mounts.
    Tmpfs,
    /// Nothing: the paths are plain directories of the container.
    Ignore,
}

impl ImageVolumes {
    pub fn parse(s: &str) -> anyhow::Result<ImageVolumes> {
        Ok(match s {
            "bind" | "" => ImageVolumes::Bind,
            "tmpfs" => ImageVolumes::Tmpfs,
            "ignore" => ImageVolumes::Ignore,
            other => bail!("invalid --image-volume {other:?}: bind, tmpfs or ignore"),
        })
    }
}

pub fn resolve(
    vstore: &VolumeStore,
    volumes: &[String],
    mounts: &[String],
    image_volumes: &[String],
    mode: ImageVolumes,
) -> anyhow::Result<Vec<UserMount>> {
    let mut p = Parsed { mounts: Vec::new() };
    for v in volumes {
        p.push(parse_volume(vstore, v)?)?;
    }
    for m in mounts {
        p.push(parse_mount(vstore, m)?)?;
    }
    for t in image_volumes
        .iter()
        .filter(|_| mode != ImageVolumes::Ignore)
    {
        let Ok(target) = check_target(t, "VOLUME") else {
            continue;
        };
        if p.mounts.iter().any(|m| m.target == target) {
            continue;
        }
        if mode == ImageVolumes::Tmpfs {
            p.push(UserMount {
                target,
                tmpfs: Some("mode=1777".into()),
                ..Default::default()
            })?;
        } else {
            p.push(volume_mount(vstore, None, target, false)?)?;
        }
    }
    Ok(p.mounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(check_target("/data//x/", "-v").unwrap(), "/data/x");
        assert!(check_target("data", "-v").is_err());
        assert!(check_target("/proc/sys", "-v").is_err());
        assert!(check_target("/dev", "-v").is_err());
        assert!(check_target("/", "-v").is_err());
        assert!(check_target("/a/../etc", "-v").is_err());
        assert!(check_target("/dev/shm", "-v").is_ok());
        assert!(check_target("/proctor", "-v").is_ok());
    }

    #[test]
    fn volume_and_mount_forms() {
        let dir = tempfile::tempdir().unwrap();
        let vs = VolumeStore::open(dir.path()).unwrap();
        let host = dir.path().join("src");
        std::fs::create_dir(&host).unwrap();
        let h = host.to_str().unwrap();
        let m = parse_volume(&vs, &format!("{h}:/src:ro")).unwrap();
        assert!(m.readonly && m.volume.is_none() && m.source == host);
        let m = parse_volume(&vs, "data:/var/lib/db").unwrap();
        assert_eq!(m.volume.as_deref(), Some("data"));
        assert!(vs.get("data").is_ok());
        assert!(parse_volume(&vs, "./rel:/x")
            .unwrap_err()
            .to_string()
            .contains("absolute"));
        assert!(parse_volume(&vs, "/no/such/dir:/x")
            .unwrap_err()
            .to_string()
            .contains("create it first"));
        assert!(parse_volume(&vs, "data:/x:X")
            .unwrap_err()
            .to_string()
            .contains("\"X\""));
        let u = parse_volume(&vs, &format!("{h}:/u:U,O,rshared")).unwrap();
        assert!(u.chown && u.overlay && u.propagation.as_deref() == Some("rshared"));
        assert!(parse_volume(&vs, "data:/o:O").is_err());
        let t = parse_mount(&vs, "type=tmpfs,target=/scratch,tmpfs-size=1m").unwrap();
        assert_eq!(t.tmpfs.as_deref(), Some("size=1m,mode=1777"));
        let b = parse_mount(&vs, &format!("type=bind,source={h},target=/s,readonly")).unwrap();
        assert!(b.readonly);
        let all = resolve(
            &vs,
            &["data:/db".into()],
            &[],
            &["/db".into(), "/cache".into()],
            ImageVolumes::Bind,
        )
        .unwrap();
        assert_eq!(all.len(), 2);
        assert!(all[1].volume.is_some() && all[1].target == "/cache");
        let image = ["/cache".to_string()];
        let t = resolve(&vs, &[], &[], &image, ImageVolumes::Tmpfs).unwrap();
        assert_eq!(t[0].tmpfs.as_deref(), Some("mode=1777"));
        assert!(resolve(&vs, &[], &[], &image, ImageVolumes::Ignore)
            .unwrap()
            .is_empty());
        let two = ["a:/x".to_string(), "b:/x".to_string()];
        assert!(resolve(&vs, &two, &[], &[], ImageVolumes::Bind).is_err());
    }
}
