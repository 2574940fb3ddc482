//! The container's filesystem from config.json: root propagation, `mounts` in order (every
//! destination resolved inside the rootfs with openat2(RESOLVE_IN_ROOT)), `linux.devices`, then
//! after pivot_root the masked and read-only paths and a read-only root.

use std::path::Path;

use anyhow::{anyhow, Context};
use nix::mount::{mount, MsFlags};
use oci_spec::runtime::{Mount, Spec};

use crate::runtime::rootfs::{fd_path, open_in_root, remount_adding, remount_ro, Kind};

/// Mount flags, data and propagation parsed from a mount's `options`.
#[derive(Debug, PartialEq)]
pub struct Options {
    pub flags: MsFlags,
    pub clear: MsFlags,
    pub propagation: MsFlags,
    pub data: Vec<String>,
    pub bind: bool,
    pub idmap: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            flags: MsFlags::empty(),
            clear: MsFlags::empty(),
            propagation: MsFlags::empty(),
            data: Vec::new(),
            bind: false,
            idmap: false,
        }
    }
}

pub fn parse_options(opts: &[String]) -> Options {
    let mut o = Options::default();
    for opt in opts {
        let (set, clear) = match opt.as_str() {
            "defaults" => (MsFlags::empty(), MsFlags::empty()),
            "ro" => (MsFlags::MS_RDONLY, MsFlags::empty()),
            "rw" => (MsFlags::empty(), MsFlags::MS_RDONLY),
            "nosuid" => (MsFlags::MS_NOSUID, MsFlags::empty()),
            "suid" => (MsFlags::empty(), MsFlags::MS_NOSUID),
            "nodev" => (MsFlags::MS_NODEV, MsFlags::empty()),
            "dev" => (MsFlags::empty(), MsFlags::MS_NODEV),
            "noexec" => (MsFlags::MS_NOEXEC, MsFlags::empty()),
            "exec" => (MsFlags::empty(), MsFlags::MS_NOEXEC),
            "sync" => (MsFlags::MS_SYNCHRONOUS, MsFlags::empty()),
            "async" => (MsFlags::empty(), MsFlags::MS_SYNCHRONOUS),
            "dirsync" => (MsFlags::MS_DIRSYNC, MsFlags::empty()),
            "remount" => (MsFlags::MS_REMOUNT, MsFlags::empty()),
            "mand" => (MsFlags::MS_MANDLOCK, MsFlags::empty()),
            "nomand" => (MsFlags::empty(), MsFlags::MS_MANDLOCK),
            "atime" => (MsFlags::empty(), MsFlags::MS_NOATIME),
            "noatime" => (MsFlags::MS_NOATIME, MsFlags::empty()),
            "diratime" => (MsFlags::empty(), MsFlags::MS_NODIRATIME),
            "nodiratime" => (MsFlags::MS_NODIRATIME, MsFlags::empty()),
            "relatime" => (MsFlags::MS_RELATIME, MsFlags::empty()),
            "norelatime" => (MsFlags::empty(), MsFlags::MS_RELATIME),
            "strictatime" => (MsFlags::MS_STRICTATIME, MsFlags::empty()),
            "nostrictatime" => (MsFlags::empty(), MsFlags::MS_STRICTATIME),
            "bind" => {
                o.bind = true;
                (MsFlags::MS_BIND, MsFlags::empty())
            }
            "rbind" => {
                o.bind = true;
                (MsFlags::MS_BIND | MsFlags::MS_REC, MsFlags::empty())
            }
            "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave" | "unbindable"
            | "runbindable" => {
                o.propagation |= propagation(opt).unwrap_or(MsFlags::empty());
                continue;
            }
            "idmap" | "ridmap" => {
                o.idmap = true;
                continue;
            }
            // runc-specific options with no kernel meaning.
            "tmpcopyup" | "nocopyup" | "copy-symlink" | "rro" | "rrw" => continue,
            other => {
                o.data.push(other.to_string());
                continue;
            }
        };
        o.flags |= set;
        o.flags &= !clear;
        o.clear |= clear;
    }
    o
}

pub fn propagation(name: &str) -> Option<MsFlags> {
    Some(match name {
        "private" => MsFlags::MS_PRIVATE,
        "rprivate" => MsFlags::MS_PRIVATE | MsFlags::MS_REC,
        "shared" => MsFlags::MS_SHARED,
        "rshared" => MsFlags::MS_SHARED | MsFlags::MS_REC,
        "slave" => MsFlags::MS_SLAVE,
        "rslave" => MsFlags::MS_SLAVE | MsFlags::MS_REC,
        "unbindable" => MsFlags::MS_UNBINDABLE,
        "runbindable" => MsFlags::MS_UNBINDABLE | MsFlags::MS_REC,
        _ => return None,
    })
}

fn none() -> Option<&'static str> {
    None
}

/// Before any mount: make `/` slave (or what `rootfsPropagation` says) so nothing we mount leaks
/// to the host, and turn the rootfs into a mount point of its own (pivot_root needs one).
pub fn prepare_root(spec: &Spec, rootfs: &Path) -> anyhow::Result<()> {
    let linux_prop = spec
        .linux()
        .as_ref()
        .and_then(|l| l.rootfs_propagation().clone());
    let flags = match &linux_prop {
        Some(p) => propagation(p).ok_or_else(|| {
            anyhow!("linux.rootfsPropagation {p:?}: use shared, slave, private or unbindable (r-prefixed too)")
        })?,
        None => MsFlags::MS_SLAVE | MsFlags::MS_REC,
    };
    // Shared root propagation still needs the host's / slave-or-private for pivot_root to work;
    // the chosen propagation is applied to the new root after the bind below.
    let host_flags = if flags.contains(MsFlags::MS_SHARED) || flags.contains(MsFlags::MS_UNBINDABLE)
    {
        MsFlags::MS_SLAVE | MsFlags::MS_REC
    } else {
        flags
    };
    mount(none(), "/", none(), host_flags, none())
        .map_err(|e| anyhow!("setting the propagation of / : {e}"))?;
    mount(
        Some(rootfs),
        rootfs,
        none(),
        MsFlags::MS_BIND | MsFlags::MS_REC,
        none(),
    )
    .map_err(|e| {
        anyhow!(
            "bind-mounting the rootfs {} onto itself: {e}",
            rootfs.display()
        )
    })?;
    if flags.contains(MsFlags::MS_SHARED) {
        // The parent mount must not be shared for pivot_root: make it private first.
        if let Some(parent) = rootfs.parent() {
            let _ = mount(none(), parent, none(), MsFlags::MS_PRIVATE, none());
        }
    }
    Ok(())
}

/// Apply root propagation on the new root (after pivot_root).
pub fn root_propagation(spec: &Spec) -> anyhow::Result<()> {
    if let Some(p) = spec
        .linux()
        .as_ref()
        .and_then(|l| l.rootfs_propagation().clone())
    {
        let flags = propagation(&p).unwrap_or(MsFlags::MS_PRIVATE | MsFlags::MS_REC);
        mount(none(), "/", none(), flags, none())
            .map_err(|e| anyhow!("linux.rootfsPropagation {p}: {e}"))?;
    }
    Ok(())
}

/// Carry out `mounts` in order under `rootfs`.
pub fn mount_all(
    spec: &Spec,
    bundle: &Path,
    rootfs: &Path,
    in_userns: bool,
    idmapped: &[(usize, i32)],
) -> anyhow::Result<()> {
    let root = rustix::fs::open(
        rootfs,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening the rootfs {}", rootfs.display()))?;
    for (i, m) in spec.mounts().iter().flatten().enumerate() {
        one(
            i,
            m,
            bundle,
            &root,
            in_userns,
            idmapped.iter().find(|(n, _)| *n == i).map(|(_, fd)| *fd),
        )?;
    }
    Ok(())
}

/// Carry out one of `mounts` (the `i`th, for errors) under the rootfs `root`: the runtime's code
/// for every OCI mount, also for `skiff run`'s plan (`Op::Mount`).
pub(crate) fn one(
    i: usize,
    m: &Mount,
    bundle: &Path,
    root: &std::os::fd::OwnedFd,
    in_userns: bool,
    idmapped: Option<i32>,
) -> anyhow::Result<()> {
    let dest = m.destination().to_string_lossy().into_owned();
    let opts = parse_options(m.options().as_deref().unwrap_or(&[]));
    let typ = m.typ().clone().unwrap_or_default();
    let bind = opts.bind || typ == "bind";
    let source = m.source().clone().unwrap_or_default();
    let ctx = |e: nix::Error| {
        anyhow!(
            "mounts[{i}]: mounting {} ({typ}) on {dest}: {e}",
            source.display()
        )
    };
    if opts.idmap {
        let tree = idmapped
            .ok_or_else(|| anyhow!("mounts[{i}] ({dest}): the idmapped mount was not prepared"))?;
        let src = if source.is_relative() {
            bundle.join(&source)
        } else {
            source.clone()
        };
        let kind = if src.is_dir() { Kind::Dir } else { Kind::File };
        let target = open_in_root(root, &dest, kind)?;
        super::idmap::attach(tree, &target).with_context(|| format!("mounts[{i}] ({dest})"))?;
        if opts.flags.contains(MsFlags::MS_RDONLY) {
            let target = open_in_root(root, &dest, kind)?;
            remount_ro(&fd_path(&target)).with_context(|| format!("mounts[{i}] ({dest})"))?;
        }
        return propagate(i, root, &dest, kind, opts.propagation);
    }
    if bind {
        let src = if source.is_relative() {
            bundle.join(&source)
        } else {
            source.clone()
        };
        let meta = std::fs::metadata(&src)
            .with_context(|| format!("mounts[{i}].source {}: cannot use it", src.display()))?;
        let kind = if meta.is_dir() { Kind::Dir } else { Kind::File };
        let target = open_in_root(root, &dest, kind)?;
        let tpath = fd_path(&target);
        let flags = MsFlags::MS_BIND | (opts.flags & MsFlags::MS_REC);
        mount(Some(&src), &tpath, none(), flags, none()).map_err(ctx)?;
        // Bind mounts take their flags on a remount of the new mount.
        let extra = opts.flags & !(MsFlags::MS_BIND | MsFlags::MS_REC | MsFlags::MS_REMOUNT);
        if !extra.is_empty() {
            let target = open_in_root(root, &dest, kind)?;
            let tpath = fd_path(&target);
            if extra == MsFlags::MS_RDONLY {
                remount_ro(&tpath).with_context(|| format!("mounts[{i}] ({dest})"))?;
            } else {
                mount(
                    none(),
                    &tpath,
                    none(),
                    extra | MsFlags::MS_BIND | MsFlags::MS_REMOUNT,
                    none(),
                )
                .map_err(ctx)?;
            }
        }
        propagate(i, root, &dest, kind, opts.propagation)?;
        return Ok(());
    }
    let target = open_in_root(root, &dest, Kind::Dir)?;
    let tpath = fd_path(&target);
    let data = opts.data.join(",");
    let data = (!data.is_empty()).then_some(data.as_str());
    let flags = opts.flags & !MsFlags::MS_REMOUNT;
    let result = match typ.as_str() {
        "cgroup" | "cgroup2" => {
            // The host's cgroup tree (on v1 and hybrid hosts one hierarchy per controller),
            // bound whole; made read-only through a fresh handle on the new mount.
            let host = Path::new("/sys/fs/cgroup");
            mount(
                Some(host),
                &tpath,
                none(),
                MsFlags::MS_BIND | MsFlags::MS_REC,
                none(),
            )
            .and_then(|_| {
                if !flags.contains(MsFlags::MS_RDONLY) {
                    return Ok(());
                }
                let fresh = open_in_root(root, &dest, Kind::Dir).map_err(|_| nix::Error::ENOENT)?;
                let keep = flags & (MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC);
                mount(
                    none(),
                    &fd_path(&fresh),
                    none(),
                    MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | keep,
                    none(),
                )
            })
        }
        _ => mount(Some(&source), &tpath, Some(typ.as_str()), flags, data),
    };
    match result {
        Ok(()) => {}
        // sysfs needs a network namespace of our own in a user namespace: bind the host's.
        Err(nix::Error::EPERM) if typ == "sysfs" && in_userns => {
            mount(
                Some("/sys"),
                &tpath,
                none(),
                MsFlags::MS_BIND | MsFlags::MS_REC,
                none(),
            )
            .map_err(ctx)?;
            restrict_bind(i, root, &dest, flags)?;
        }
        // mqueue in a user namespace without an IPC namespace of our own: bind the host's.
        Err(nix::Error::EPERM) if typ == "mqueue" && in_userns => {
            mount(
                Some("/dev/mqueue"),
                &tpath,
                none(),
                MsFlags::MS_BIND | MsFlags::MS_REC,
                none(),
            )
            .map_err(ctx)?;
            restrict_bind(i, root, &dest, flags)?;
        }
        Err(e) => return Err(ctx(e)),
    }
    propagate(i, root, &dest, Kind::Dir, opts.propagation)
}

/// The mount's read-only, nosuid, nodev and noexec on the host's tree bound in its place
/// (sysfs and mqueue in a user namespace), through a fresh handle: the one the bind went
/// through is the directory under the new mount.
fn restrict_bind(
    i: usize,
    root: &std::os::fd::OwnedFd,
    dest: &str,
    flags: MsFlags,
) -> anyhow::Result<()> {
    let add =
        flags & (MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC);
    if add.is_empty() {
        return Ok(());
    }
    let fresh = open_in_root(root, dest, Kind::Dir)?;
    remount_adding(&fd_path(&fresh), add).with_context(|| format!("mounts[{i}] ({dest})"))
}

fn propagate(
    i: usize,
    root: &std::os::fd::OwnedFd,
    dest: &str,
    kind: Kind,
    flags: MsFlags,
) -> anyhow::Result<()> {
    if flags.is_empty() {
        return Ok(());
    }
    let target = open_in_root(root, dest, kind)?;
    mount(none(), &fd_path(&target), none(), flags, none())
        .map_err(|e| anyhow!("mounts[{i}] ({dest}): setting propagation: {e}"))
}

/// After pivot_root: mask paths (/dev/null over files, an empty read-only tmpfs over
/// directories), make paths read-only, make the root read-only when asked.
pub fn finish(spec: &Spec) -> anyhow::Result<()> {
    let linux = spec.linux().as_ref();
    finish_paths(
        linux
            .and_then(|l| l.masked_paths().as_deref())
            .unwrap_or_default(),
        linux
            .and_then(|l| l.readonly_paths().as_deref())
            .unwrap_or_default(),
        spec.root()
            .as_ref()
            .and_then(|r| r.readonly())
            .unwrap_or(false),
    )
}

/// `linux.maskedPaths`, `linux.readonlyPaths` and `root.readonly`, in the container's root.
pub fn finish_paths(
    masked: &[String],
    readonly: &[String],
    root_readonly: bool,
) -> anyhow::Result<()> {
    for p in masked {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => mount(
                Some("tmpfs"),
                p.as_str(),
                Some("tmpfs"),
                MsFlags::MS_RDONLY,
                Some("size=0k,mode=0755"),
            )
            .map_err(|e| anyhow!("linux.maskedPaths {p}: {e}"))?,
            Ok(_) => mount(
                Some("/dev/null"),
                p.as_str(),
                none(),
                MsFlags::MS_BIND,
                none(),
            )
            .map_err(|e| anyhow!("linux.maskedPaths {p}: {e}"))?,
            Err(_) => {}
        }
    }
    for p in readonly {
        if std::fs::symlink_metadata(p).is_err() {
            continue;
        }
        mount(
            Some(p.as_str()),
            p.as_str(),
            none(),
            MsFlags::MS_BIND | MsFlags::MS_REC,
            none(),
        )
        .map_err(|e| anyhow!("linux.readonlyPaths {p}: {e}"))?;
        remount_ro(Path::new(p)).with_context(|| format!("linux.readonlyPaths {p}"))?;
    }
    if root_readonly {
        remount_ro(Path::new("/")).context("root.readonly")?;
    }
    Ok(())
}

/// pivot_root into the rootfs, or with `--no-pivot` move it over / and chroot.
pub fn enter_root(rootfs: &Path, no_pivot: bool) -> anyhow::Result<()> {
    if !no_pivot {
        return crate::runtime::rootfs::pivot(rootfs);
    }
    std::env::set_current_dir(rootfs)?;
    mount(Some(rootfs), "/", none(), MsFlags::MS_MOVE, none())
        .map_err(|e| anyhow!("moving the rootfs over /: {e}"))?;
    nix::unistd::chroot(".").map_err(|e| anyhow!("chroot: {e}"))?;
    std::env::set_current_dir("/")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_become_flags() {
        let o = parse_options(&[
            "nosuid".into(),
            "strictatime".into(),
            "mode=755".into(),
            "size=65536k".into(),
        ]);
        assert_eq!(o.flags, MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME);
        assert_eq!(o.data, vec!["mode=755", "size=65536k"]);
        let o = parse_options(&["rbind".into(), "ro".into(), "rslave".into()]);
        assert!(o.bind && o.flags.contains(MsFlags::MS_REC | MsFlags::MS_RDONLY));
        assert_eq!(o.propagation, MsFlags::MS_SLAVE | MsFlags::MS_REC);
        let o = parse_options(&["ro".into(), "rw".into()]);
        assert!(!o.flags.contains(MsFlags::MS_RDONLY));
    }
}
