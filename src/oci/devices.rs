//! `linux.devices` and the runtime-spec's default devices in the rootfs, with the standard /dev
//! links: mknod as real root, a bind of the host's node inside a user namespace.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use nix::mount::{mount, MsFlags};
use oci_spec::runtime::{LinuxDevice, LinuxDeviceType, Spec};

use crate::runtime::rootfs::{fd_path, open_in_root, Kind};

fn none() -> Option<&'static str> {
    None
}

/// The devices every container gets (runtime-spec "Default Devices").
pub fn default_devices() -> Vec<(PathBuf, LinuxDeviceType, i64, i64)> {
    let c = LinuxDeviceType::C;
    vec![
        ("/dev/null".into(), c, 1, 3),
        ("/dev/zero".into(), c, 1, 5),
        ("/dev/full".into(), c, 1, 7),
        ("/dev/random".into(), c, 1, 8),
        ("/dev/urandom".into(), c, 1, 9),
        ("/dev/tty".into(), c, 5, 0),
    ]
}

/// Create `linux.devices` and the default devices in the rootfs: mknod as real root, a bind
/// mount of the host's node in a user namespace (mknod is refused there).
pub fn devices(spec: &Spec, rootfs: &Path, in_userns: bool) -> anyhow::Result<()> {
    let root = rustix::fs::open(
        rootfs,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    let listed: Vec<LinuxDevice> = spec
        .linux()
        .as_ref()
        .and_then(|l| l.devices().clone())
        .unwrap_or_default();
    nodes(&root, &listed, in_userns)?;
    links(&root)
}

/// `listed` (`linux.devices`) and the default devices not among them, under the rootfs `root`.
pub fn nodes(
    root: &std::os::fd::OwnedFd,
    listed: &[LinuxDevice],
    in_userns: bool,
) -> anyhow::Result<()> {
    for (i, d) in listed.iter().enumerate() {
        make_device(
            root,
            d.path(),
            d.typ(),
            d.major(),
            d.minor(),
            d.file_mode(),
            d.uid(),
            d.gid(),
            in_userns,
        )
        .with_context(|| format!("linux.devices[{i}] ({})", d.path().display()))?;
    }
    for (path, typ, major, minor) in default_devices() {
        if listed.iter().any(|d| d.path() == &path) {
            continue;
        }
        make_device(
            root,
            &path,
            typ,
            major,
            minor,
            Some(0o666),
            Some(0),
            Some(0),
            in_userns,
        )
        .with_context(|| format!("default device {}", path.display()))?;
    }
    Ok(())
}

/// The runtime spec's standard /dev links (and /dev/ptmx into the container's devpts), under
/// the rootfs `root`.
pub fn links(root: &std::os::fd::OwnedFd) -> anyhow::Result<()> {
    let dev = open_in_root(root, "/dev", Kind::Dir)?;
    let dev = rustix::fs::openat(
        &dev,
        ".",
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .or_else(|_| {
        rustix::fs::open(
            fd_path(&dev),
            rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
    })?;
    for (link, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("core", "/proc/kcore"),
    ] {
        match rustix::fs::symlinkat(target, &dev, link) {
            Ok(()) | Err(rustix::io::Errno::EXIST) => {}
            Err(e) => bail!("creating /dev/{link}: {e}"),
        }
    }
    if rustix::fs::statat(&dev, "pts/ptmx", rustix::fs::AtFlags::empty()).is_ok() {
        let _ = rustix::fs::unlinkat(&dev, "ptmx", rustix::fs::AtFlags::empty());
        rustix::fs::symlinkat("pts/ptmx", &dev, "ptmx").context("creating /dev/ptmx")?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn make_device(
    root: &std::os::fd::OwnedFd,
    path: &Path,
    typ: LinuxDeviceType,
    major: i64,
    minor: i64,
    mode: Option<u32>,
    uid: Option<u32>,
    gid: Option<u32>,
    in_userns: bool,
) -> anyhow::Result<()> {
    let p = path.to_string_lossy();
    let parent = path
        .parent()
        .map(|x| x.to_string_lossy().into_owned())
        .unwrap_or_else(|| "/".into());
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("not a device path"))?;
    let pdir = open_in_root(root, &parent, Kind::Dir)?;
    let dir = rustix::fs::open(
        fd_path(&pdir),
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    let kind = match typ {
        LinuxDeviceType::C | LinuxDeviceType::U => rustix::fs::FileType::CharacterDevice,
        LinuxDeviceType::B => rustix::fs::FileType::BlockDevice,
        LinuxDeviceType::P => rustix::fs::FileType::Fifo,
        LinuxDeviceType::A => bail!("type \"a\" is for the devices cgroup, not a device node"),
    };
    let dev = rustix::fs::makedev(major as u32, minor as u32);
    // Already that device (a mount of the config bound the host's node there): nothing to do.
    if let Ok(st) = rustix::fs::statat(&dir, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) {
        if rustix::fs::FileType::from_raw_mode(st.st_mode) == kind && st.st_rdev == dev {
            return Ok(());
        }
    }
    let _ = rustix::fs::unlinkat(&dir, name, rustix::fs::AtFlags::empty());
    if in_userns && kind != rustix::fs::FileType::Fifo {
        // Bind the host's node over an empty file (made here: never open what is there).
        rustix::fs::openat(
            &dir,
            name,
            rustix::fs::OFlags::CREATE
                | rustix::fs::OFlags::EXCL
                | rustix::fs::OFlags::WRONLY
                | rustix::fs::OFlags::NOFOLLOW
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .map_err(|e| anyhow!("making the mount point for {p}: {e}"))?;
        let target = open_in_root(root, &p, Kind::File)?;
        mount(
            Some(path),
            &fd_path(&target),
            none(),
            MsFlags::MS_BIND,
            none(),
        )
        .map_err(|e| {
            anyhow!("binding the host's {p} (mknod is not allowed in a user namespace): {e}")
        })?;
        return Ok(());
    }
    let perm = mode.unwrap_or(0o666) & 0o7777;
    rustix::fs::mknodat(&dir, name, kind, rustix::fs::Mode::from_raw_mode(perm), dev)
        .map_err(|e| anyhow!("mknod: {e}"))?;
    // mknod honours the umask: set the mode exactly.
    rustix::fs::chmodat(
        &dir,
        name,
        rustix::fs::Mode::from_raw_mode(perm),
        rustix::fs::AtFlags::empty(),
    )?;
    rustix::fs::chownat(
        &dir,
        name,
        Some(rustix::fs::Uid::from_raw(uid.unwrap_or(0))),
        Some(rustix::fs::Gid::from_raw(gid.unwrap_or(0))),
        rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
    )?;
    Ok(())
}
