//! Carrying out the mount plan inside the container's mount namespace, then pivot_root. Every path
//! inside the rootfs is resolved with openat2(RESOLVE_IN_ROOT), so an image whose /etc, /dev or
//! /proc is a symlink to a host path can only ever make us mount inside the rootfs; the mount
//! itself targets the resolved fd through /proc/self/fd.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use nix::mount::{mount, umount2, MntFlags, MsFlags};
use rustix::fs::{Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

use super::plan::Op;

const RESOLVE: ResolveFlags = ResolveFlags::IN_ROOT.union(ResolveFlags::NO_MAGICLINKS);

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Dir,
    File,
}

/// Open (creating when missing) `path` inside `root` as an O_PATH fd, every component confined to
/// the root. A dangling symlink on the way (an image whose /etc points at a host path) is followed
/// inside the root and its target created there.
pub(crate) fn open_in_root(root: &OwnedFd, path: &str, kind: Kind) -> anyhow::Result<OwnedFd> {
    open_in_root_depth(root, path, kind, 0)
}

fn open_in_root_depth(
    root: &OwnedFd,
    path: &str,
    kind: Kind,
    depth: u32,
) -> anyhow::Result<OwnedFd> {
    if depth > 16 {
        return Err(anyhow!(
            "too many levels of symbolic links resolving {path} in the rootfs"
        ));
    }
    let rel = path.trim_start_matches('/');
    let dir_flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
    match rustix::fs::openat2(
        root,
        rel,
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
        RESOLVE,
    ) {
        Ok(fd) => return Ok(fd),
        Err(Errno::NOENT) => {}
        Err(e) => return Err(anyhow!("resolving {path} in the rootfs: {e}")),
    }
    let comps: Vec<&str> = rel
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let mut cur = rustix::fs::openat2(root, ".", dir_flags, Mode::empty(), RESOLVE)?;
    let mut done: Vec<&str> = Vec::new();
    for (i, c) in comps.iter().enumerate() {
        let last = i + 1 == comps.len();
        match rustix::fs::openat2(
            &cur,
            *c,
            OFlags::PATH | OFlags::CLOEXEC,
            Mode::empty(),
            RESOLVE,
        ) {
            Ok(fd) if !last => {
                cur = fd;
                done.push(c);
                continue;
            }
            Ok(fd) => return Ok(fd),
            Err(Errno::NOENT) => {}
            Err(e) => return Err(anyhow!("resolving {path} in the rootfs: {e}")),
        }
        // Missing: a dangling symlink, or nothing at all.
        let dir = rustix::fs::openat(
            &cur,
            ".",
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        if let Ok(target) = rustix::fs::readlinkat(&dir, *c, Vec::new()) {
            let target = target.to_string_lossy().into_owned();
            let base = if target.starts_with('/') {
                String::new()
            } else {
                format!("/{}", done.join("/"))
            };
            let rest = comps[i + 1..].join("/");
            let next = format!("{base}/{target}/{rest}");
            return open_in_root_depth(root, next.trim_end_matches('/'), kind, depth + 1);
        }
        if last && kind == Kind::File {
            match rustix::fs::openat(
                &dir,
                *c,
                OFlags::CREATE | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o644),
            ) {
                Ok(_) | Err(Errno::EXIST) => {}
                Err(e) => return Err(anyhow!("creating file {path}: {e}")),
            }
        } else {
            match rustix::fs::mkdirat(&dir, *c, Mode::from_raw_mode(0o755)) {
                Ok(()) | Err(Errno::EXIST) => {}
                Err(e) => return Err(anyhow!("creating directory {path}: {e}")),
            }
        }
        let fd = rustix::fs::openat2(
            &cur,
            *c,
            OFlags::PATH | OFlags::CLOEXEC,
            Mode::empty(),
            RESOLVE,
        )
        .with_context(|| format!("opening {path} in the rootfs"))?;
        if last {
            return Ok(fd);
        }
        cur = fd;
        done.push(c);
    }
    Ok(cur)
}

pub(crate) fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

fn mount_err<'a>(what: &'a str, target: &'a str) -> impl FnOnce(nix::Error) -> anyhow::Error + 'a {
    let what = what.to_string();
    move |e| anyhow!("mounting {what} on {target}: {e}")
}

/// Make every mount of this (new) mount namespace private: nothing mounted in it reaches the
/// host's.
pub(crate) fn make_private() -> nix::Result<()> {
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
}

/// Everything before pivot_root. `rootfs` is the (empty) mountpoint; `layers_dir` is where the
/// lowerdirs live (the overlay's option string names them relative to it, to stay short).
pub fn prepare(ops: &[Op], rootfs: &Path, premounted: bool) -> anyhow::Result<()> {
    // Nothing we mount may propagate back to the host.
    make_private().map_err(|e| anyhow!("making mounts private: {e}"))?;
    let mut root: Option<OwnedFd> = None;
    for op in ops.iter().filter(|o| !o.after_pivot()) {
        match op {
            Op::RootBind { source } => {
                mount(
                    Some(source.as_path()),
                    rootfs,
                    None::<&str>,
                    MsFlags::MS_BIND | MsFlags::MS_REC,
                    None::<&str>,
                )
                .map_err(|e| anyhow!("binding --rootfs {} as /: {e}", source.display()))?;
                root = Some(rustix::fs::open(
                    rootfs,
                    OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )?);
            }
            Op::Overlay {
                lower,
                upper,
                work,
                volatile,
            } => {
                // The upper dir is the container's `/`: its root owns it (a no-op with the default
                // mapping, where that is you; with keep-id it is not).
                if !premounted {
                    let _ = std::os::unix::fs::chown(upper, Some(0), Some(0));
                    mount_overlay(lower, upper, work, *volatile, rootfs)?;
                }
                root = Some(rustix::fs::open(
                    rootfs,
                    OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )?);
            }
            Op::Mount { index, mount } => {
                let r = root.as_ref().ok_or_else(|| anyhow!("rootfs not mounted"))?;
                // A container is always in a user namespace (its own, its pod's or the user's).
                crate::oci::mounts::one(*index, mount, Path::new("/"), r, true, None)?;
            }
            Op::Devices => {
                let r = root.as_ref().ok_or_else(|| anyhow!("rootfs not mounted"))?;
                crate::oci::devices::nodes(r, &[], true)?;
            }
            Op::DevLinks => {
                let r = root.as_ref().ok_or_else(|| anyhow!("rootfs not mounted"))?;
                crate::oci::devices::links(r)?;
            }
            Op::User { mount: m, scratch } => {
                let r = root.as_ref().ok_or_else(|| anyhow!("rootfs not mounted"))?;
                user_mount(r, m, scratch)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// A user's bind mount, volume or `:O` overlay (read-only comes after pivot_root).
fn user_mount(root: &OwnedFd, m: &super::spec::UserMount, scratch: &Path) -> anyhow::Result<()> {
    let kind = if m.file { Kind::File } else { Kind::Dir };
    if m.overlay {
        let (upper, work) = (scratch.join("upper"), scratch.join("work"));
        for d in [&upper, &work] {
            std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
        }
        let fd = open_in_root(root, &m.target, Kind::Dir)?;
        let opts = format!(
            "lowerdir={},upperdir={},workdir={},userxattr",
            m.source.display(),
            upper.display(),
            work.display()
        );
        // Volatile: what is written there is discarded with the container.
        mount_overlay_opts(&fd_path(&fd), &opts, Some(&work))
            .map_err(mount_err("an overlay (:O)", &m.target))?;
    } else {
        bind(root, &m.source, &m.target, kind, m.volume.is_some())?;
    }
    if let Some(p) = &m.propagation {
        let flags = match p.as_str() {
            "shared" => MsFlags::MS_SHARED,
            "rshared" => MsFlags::MS_SHARED | MsFlags::MS_REC,
            "slave" => MsFlags::MS_SLAVE,
            "rslave" => MsFlags::MS_SLAVE | MsFlags::MS_REC,
            "private" => MsFlags::MS_PRIVATE,
            _ => MsFlags::MS_PRIVATE | MsFlags::MS_REC,
        };
        let on_top = open_in_root(root, &m.target, kind)?;
        mount(
            None::<&str>,
            &fd_path(&on_top),
            None::<&str>,
            flags,
            None::<&str>,
        )
        .map_err(|e| anyhow!("setting {p} propagation on {}: {e}", m.target))?;
    }
    Ok(())
}

/// Bind `source` onto `target` inside the rootfs; `fill` first copies what the image has at
/// `target` into an empty `source` (a new volume). Read-only comes after pivot_root
/// (`Op::ReadOnlyPath`), once `:U` has chowned.
fn bind(root: &OwnedFd, source: &Path, target: &str, kind: Kind, fill: bool) -> anyhow::Result<()> {
    let fd = open_in_root(root, target, kind)?;
    if fill && std::fs::read_dir(source).is_ok_and(|mut d| d.next().is_none()) {
        crate::image::mapped::copy_contents(&fd_path(&fd), source)
            .with_context(|| format!("filling the volume at {target} from the image"))?;
    }
    mount(
        Some(source),
        &fd_path(&fd),
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )
    .map_err(mount_err(&source.display().to_string(), target))?;
    Ok(())
}

pub(crate) fn mount_overlay(
    lower: &[PathBuf],
    upper: &Path,
    work: &Path,
    volatile: bool,
    rootfs: &Path,
) -> anyhow::Result<()> {
    // Layer dirs are <store>/layers/<hex>/diff: name them relative to the layers dir so the option
    // string (limited to one page) holds many layers.
    let base = lower
        .first()
        .and_then(|l| l.parent())
        .and_then(|p| p.parent())
        .map(Path::to_path_buf);
    let rel: Vec<String> = lower
        .iter()
        .map(|l| match &base {
            Some(b) => l
                .strip_prefix(b)
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| l.display().to_string()),
            None => l.display().to_string(),
        })
        .collect();
    let opts = format!(
        "lowerdir={},upperdir={},workdir={},userxattr",
        rel.join(":"),
        upper.display(),
        work.display()
    );
    let cwd = std::env::current_dir().ok();
    if let Some(b) = &base {
        std::env::set_current_dir(b).with_context(|| format!("entering {}", b.display()))?;
    }
    let r = mount_overlay_opts(rootfs, &opts, volatile.then_some(work));
    if let Some(c) = cwd {
        let _ = std::env::set_current_dir(c);
    }
    r.map_err(|e| {
        anyhow!(
            "mounting the overlay root filesystem: {e} (kernel overlayfs in a user namespace needs Linux >= 5.11 \
             and a store filesystem with user xattrs; see `skiff info`)"
        )
    })
}

/// Mount an overlay with `opts`; with `volatile_work` (its work dir), `volatile`: the upper
/// layer's filesystem is never synced for it, not even when it is unmounted (without it, the
/// last unmount, at the container's exit, syncs that whole filesystem: ~5 ms of every `run
/// --rm` on an idle disk, far more on a busy one). Only for writes that go with the container.
/// The kernel leaves work/work/incompat/volatile behind and refuses the next volatile mount while it
/// is there, as a sign of a crash that may have lost writes: these writes are disposable, so it
/// goes. A kernel without `volatile` (before 5.10) mounts without it.
fn mount_overlay_opts(target: &Path, opts: &str, volatile_work: Option<&Path>) -> nix::Result<()> {
    let plain = |o: &str| {
        mount(
            Some("overlay"),
            target,
            Some("overlay"),
            MsFlags::empty(),
            Some(o),
        )
    };
    let Some(work) = volatile_work else {
        return plain(opts);
    };
    // (work/work/incompat/volatile/dirty, all mode 000: whoever mounts is root here.)
    let stale = work.join("work/incompat/volatile");
    let _ = std::fs::remove_dir(stale.join("dirty"));
    let _ = std::fs::remove_dir(stale);
    match plain(&format!("{opts},volatile")) {
        Err(nix::Error::EINVAL) => plain(opts),
        r => r,
    }
}

/// Remount read-only, keeping the flags the kernel locks for mounts made in a user namespace.
pub(crate) fn remount_ro(path: &Path) -> anyhow::Result<()> {
    remount_adding(path, MsFlags::MS_RDONLY)
        .map_err(|e| anyhow!("making {} read-only: {e}", path.display()))
}

/// Remount the bind mount at `path` with `add` (read-only, nosuid, ...) on top of the flags it
/// has (which, for mounts made in a user namespace, the kernel locks).
pub(crate) fn remount_adding(path: &Path, add: MsFlags) -> anyhow::Result<()> {
    let st =
        nix::sys::statvfs::statvfs(path).map_err(|e| anyhow!("statvfs {}: {e}", path.display()))?;
    use nix::sys::statvfs::FsFlags;
    let mut flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | add;
    for (f, m) in [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ] {
        if st.flags().contains(f) {
            flags |= m;
        }
    }
    mount(None::<&str>, path, None::<&str>, flags, None::<&str>)
        .map_err(|e| anyhow!("remounting {}: {e}", path.display()))
}

/// pivot_root into `rootfs` and detach the old root.
pub fn pivot(rootfs: &Path) -> anyhow::Result<()> {
    std::env::set_current_dir(rootfs).with_context(|| format!("entering {}", rootfs.display()))?;
    nix::unistd::pivot_root(".", ".").map_err(|e| anyhow!("pivot_root: {e}"))?;
    umount2(".", MntFlags::MNT_DETACH).map_err(|e| anyhow!("detaching the old root: {e}"))?;
    std::env::set_current_dir("/").context("entering /")?;
    Ok(())
}

/// Everything after pivot_root: masks, read-only paths, read-only root.
pub fn finish(ops: &[Op]) -> anyhow::Result<()> {
    for op in ops.iter().filter(|o| o.after_pivot()) {
        match op {
            Op::ReadOnlyPath { path } => remount_ro(Path::new(path))?,
            Op::Paths {
                masked,
                readonly,
                root_readonly,
            } => crate::oci::mounts::finish_paths(masked, readonly, *root_readonly)?,
            _ => {}
        }
    }
    Ok(())
}
