//! `skiff cp` for running containers. A forked child joins only the container's user namespace
//! (so it may write files owned by any of the container's ids), opens the container's root as
//! /proc/PID/root, and resolves every container path with openat2(RESOLVE_IN_ROOT) against it: a
//! symlink inside the container can never lead to a host path. Host paths are used as usual.
//! Files copied in belong to the container's user (`--archive`, the default) or its root; files
//! copied out belong to you.

use std::fs;
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

use crate::state::{Container, ContainerStore};
use crate::userns::enter::Report;

/// `cp --archive`, `--overwrite`.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct CopyOptions {
    /// Files copied in belong to the container's user (its primary uid and gid), as podman's
    /// default; without it, to the container's root.
    pub archive: bool,
    /// A directory may replace a non-directory and the other way round.
    pub overwrite: bool,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    /// host path -> container path
    In { host: PathBuf, container: String },
    /// container path -> host path
    Out { container: String, host: PathBuf },
}

const RESOLVE: ResolveFlags = ResolveFlags::IN_ROOT.union(ResolveFlags::NO_MAGICLINKS);

fn ioerr(e: Errno) -> io::Error {
    io::Error::from_raw_os_error(e.raw_os_error())
}

/// Copy a file or a directory tree, docker-style: into `dest` when it is an existing directory,
/// else to that name. A running container is reached through its user namespace and
/// /proc/PID/root; a stopped one gets its overlay mounted in a private user and mount namespace
/// for the copy (files copied in land in its upper dir, like writes of the container itself).
pub fn copy(
    store: &ContainerStore,
    c: &Container,
    dir: &Direction,
    opts: CopyOptions,
) -> anyhow::Result<()> {
    let user = c.spec.user.clone();
    let outcome = Report::new()?;
    let w = outcome.writer();
    let report = move |result: anyhow::Result<()>| Report::send(w, result.map(|()| String::new()));
    if c.process_alive() {
        let userns: OwnedFd = fs::File::open(format!("/proc/{}/ns/user", c.state.pid))?.into();
        let pid = c.state.pid;
        let child = crate::sys::fork_child(|| {
            report((|| -> anyhow::Result<()> {
                nix::sched::setns(userns.as_fd(), nix::sched::CloneFlags::CLONE_NEWUSER)
                    .context("joining the container's user namespace")?;
                let root_id = nix::unistd::Uid::from_raw(0);
                let root_gid = nix::unistd::Gid::from_raw(0);
                nix::unistd::setresgid(root_gid, root_gid, root_gid)?;
                nix::unistd::setresuid(root_id, root_id, root_id)?;
                let root = open_root(Path::new(&format!("/proc/{pid}/root")))?;
                copy_at(&root, dir, opts, &user)
            })())
        })?;
        crate::userns::enter::wait_code(child)?;
    } else {
        // Its own upper and work dirs; the mountpoint it uses while it runs.
        let upper = store.path(&c.id).join("upper");
        let work = store.path(&c.id).join("work");
        let mountpoint = store.run_path(&c.id).join("rootfs");
        crate::userns::enter::run_in_userns(
            &c.spec.mapping,
            nix::sched::CloneFlags::CLONE_NEWNS,
            || {
                report((|| -> anyhow::Result<()> {
                    nix::mount::mount(
                        None::<&str>,
                        "/",
                        None::<&str>,
                        nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
                        None::<&str>,
                    )?;
                    for d in [&upper, &work, &mountpoint] {
                        fs::create_dir_all(d)?;
                    }
                    let lower: Vec<PathBuf> = c.spec.layers.iter().rev().cloned().collect();
                    super::rootfs::mount_overlay(&lower, &upper, &work, false, &mountpoint)?;
                    let root = open_root(&mountpoint)?;
                    copy_at(&root, dir, opts, &user)
                })())
            },
        )?;
    }
    outcome.receive().map(|_| ())
}

fn open_root(p: &Path) -> anyhow::Result<OwnedFd> {
    rustix::fs::open(
        p,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(ioerr)
    .context("opening the container's root")
}

/// The container user's primary uid and gid, from its own /etc/passwd and /etc/group.
fn owner_of(root: &OwnedFd, user: &str) -> anyhow::Result<Option<(u32, u32)>> {
    if user.is_empty() || user == "0" || user == "root" || user == "0:0" {
        return Ok(None);
    }
    let read = |p: &str| -> String {
        open_in(root, p, OFlags::RDONLY)
            .ok()
            .map(|fd| io::read_to_string(fs::File::from(fd)).unwrap_or_default())
            .unwrap_or_default()
    };
    let u = super::user::resolve(user, &[], &read("/etc/passwd"), &read("/etc/group"))
        .map_err(|e| anyhow!("resolving the container's user {user:?}: {e}"))?;
    Ok(Some((u.uid, u.gid)))
}

fn copy_at(root: &OwnedFd, dir: &Direction, opts: CopyOptions, user: &str) -> anyhow::Result<()> {
    match dir {
        Direction::In { host, container } => {
            let name = host
                .file_name()
                .ok_or_else(|| anyhow!("cannot copy {}", host.display()))?;
            let dest = if is_dir(root, container) {
                format!(
                    "{}/{}",
                    container.trim_end_matches('/'),
                    name.to_string_lossy()
                )
            } else {
                container.clone()
            };
            let owner = if opts.archive {
                owner_of(root, user)?
            } else {
                None
            };
            copy_in(root, host, &dest, &In { owner, opts })
        }
        Direction::Out { container, host } => {
            let name = Path::new(container)
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| ".".into());
            let dest = if host.is_dir() {
                host.join(name)
            } else {
                host.clone()
            };
            copy_out(root, container, &dest, opts)
        }
    }
}

fn open_in(root: &OwnedFd, path: &str, flags: OFlags) -> io::Result<OwnedFd> {
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "." } else { rel };
    rustix::fs::openat2(root, rel, flags | OFlags::CLOEXEC, Mode::empty(), RESOLVE).map_err(ioerr)
}

fn is_dir(root: &OwnedFd, path: &str) -> bool {
    open_in(root, path, OFlags::PATH | OFlags::DIRECTORY).is_ok()
}

/// (parent dir fd, final name) of a container path.
fn parent_of(root: &OwnedFd, path: &str) -> anyhow::Result<(OwnedFd, Vec<u8>)> {
    let p = Path::new(path);
    let parent = p
        .parent()
        .map(|x| x.to_string_lossy().into_owned())
        .unwrap_or_else(|| "/".into());
    let name = p
        .file_name()
        .ok_or_else(|| anyhow!("bad container path {path}"))?;
    let fd = open_in(root, &parent, OFlags::RDONLY | OFlags::DIRECTORY)
        .with_context(|| format!("{parent}: no such directory in the container"))?;
    Ok((fd, name.as_bytes().to_vec()))
}

/// How files are copied in.
struct In {
    owner: Option<(u32, u32)>,
    opts: CopyOptions,
}

/// A directory where a non-directory is (or the other way round): podman's error, or with
/// --overwrite the old entry goes.
fn replace_kind(
    parent: &OwnedFd,
    name: &std::ffi::OsStr,
    want_dir: bool,
    dest: &str,
    overwrite: bool,
) -> anyhow::Result<()> {
    let Ok(st) = rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) else {
        return Ok(());
    };
    let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
    if is_dir == want_dir {
        return Ok(());
    }
    if !overwrite {
        let (what, with) = if is_dir {
            ("directory", "non-directory")
        } else {
            ("non-directory", "directory")
        };
        anyhow::bail!("cannot overwrite {what} {dest:?} with {with} (--overwrite allows it)");
    }
    crate::image::unpack::remove_at(parent, name).with_context(|| format!("removing {dest}"))
}

fn copy_in(root: &OwnedFd, src: &Path, dest: &str, how: &In) -> anyhow::Result<()> {
    let md = fs::symlink_metadata(src)
        .with_context(|| format!("{}: no such file or directory", src.display()))?;
    let (parent, name) = parent_of(root, dest)?;
    let name = std::ffi::OsStr::from_bytes(&name);
    let mode = Mode::from_raw_mode(md.permissions().mode() & 0o7777);
    replace_kind(&parent, name, md.is_dir(), dest, how.opts.overwrite)?;
    if md.is_dir() {
        match rustix::fs::mkdirat(&parent, name, mode) {
            Ok(()) | Err(Errno::EXIST) => {}
            Err(e) => return Err(anyhow!("creating {dest}: {e}")),
        }
        for e in fs::read_dir(src)? {
            let e = e?;
            copy_in(
                root,
                &e.path(),
                &format!(
                    "{}/{}",
                    dest.trim_end_matches('/'),
                    e.file_name().to_string_lossy()
                ),
                how,
            )?;
        }
    } else if md.file_type().is_symlink() {
        let to = fs::read_link(src)?;
        let _ = rustix::fs::unlinkat(&parent, name, AtFlags::empty());
        rustix::fs::symlinkat(&to, &parent, name).map_err(|e| anyhow!("creating {dest}: {e}"))?;
    } else if md.is_file() {
        let fd = rustix::fs::openat(
            &parent,
            name,
            OFlags::CREATE | OFlags::TRUNC | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            mode,
        )
        .map_err(|e| anyhow!("creating {dest}: {e}"))?;
        let mut out = fs::File::from(fd);
        io::copy(&mut fs::File::open(src)?, &mut out).with_context(|| format!("writing {dest}"))?;
        rustix::fs::fchmod(&out, mode).map_err(ioerr)?;
    }
    if let Some((uid, gid)) = how.owner {
        rustix::fs::chownat(
            &parent,
            name,
            Some(rustix::fs::Uid::from_raw(uid)),
            Some(rustix::fs::Gid::from_raw(gid)),
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .map_err(|e| anyhow!("chown {dest} to {uid}:{gid}: {e}"))?;
        if md.is_file() {
            // chown clears set-id bits: put the mode back.
            rustix::fs::chmodat(&parent, name, mode, AtFlags::empty()).map_err(ioerr)?;
        }
    }
    Ok(())
}

fn copy_out(root: &OwnedFd, src: &str, dest: &Path, opts: CopyOptions) -> anyhow::Result<()> {
    let (parent, name) = parent_of(root, src)?;
    let name_os = std::ffi::OsStr::from_bytes(&name);
    let st = rustix::fs::statat(&parent, name_os, AtFlags::SYMLINK_NOFOLLOW)
        .map_err(|e| anyhow!("{src}: {e} (in the container)"))?;
    let mode = st.st_mode & 0o7777;
    let src_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
    if let Ok(existing) = fs::symlink_metadata(dest) {
        if existing.is_dir() != src_dir {
            if !opts.overwrite {
                anyhow::bail!(
                    "cannot overwrite {} {} with {} (--overwrite allows it)",
                    if existing.is_dir() {
                        "directory"
                    } else {
                        "non-directory"
                    },
                    dest.display(),
                    if src_dir {
                        "directory"
                    } else {
                        "non-directory"
                    },
                );
            }
            crate::storage::remove_tree(dest)
                .or_else(|_| fs::remove_file(dest))
                .with_context(|| format!("removing {}", dest.display()))?;
        }
    }
    match FileType::from_raw_mode(st.st_mode) {
        FileType::Directory => {
            match fs::create_dir(dest) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dest.is_dir() => {}
                Err(e) => return Err(anyhow!("creating {}: {e}", dest.display())),
            }
            let dir = open_in(root, src, OFlags::RDONLY | OFlags::DIRECTORY)?;
            let mut names = Vec::new();
            for ent in rustix::fs::Dir::read_from(&dir).map_err(ioerr)? {
                let ent = ent.map_err(ioerr)?;
                let n = ent.file_name().to_bytes().to_vec();
                if n != b"." && n != b".." {
                    names.push(n);
                }
            }
            for n in names {
                let child = format!(
                    "{}/{}",
                    src.trim_end_matches('/'),
                    String::from_utf8_lossy(&n)
                );
                copy_out(
                    root,
                    &child,
                    &dest.join(std::ffi::OsStr::from_bytes(&n)),
                    opts,
                )?;
            }
            fs::set_permissions(dest, fs::Permissions::from_mode(mode))?;
        }
        FileType::Symlink => {
            let to = rustix::fs::readlinkat(&parent, name_os, Vec::new()).map_err(ioerr)?;
            let _ = fs::remove_file(dest);
            std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(to.as_bytes()), dest)?;
        }
        FileType::RegularFile => {
            let fd = rustix::fs::openat(
                &parent,
                name_os,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(|e| anyhow!("reading {src}: {e}"))?;
            let mut input = fs::File::from(fd);
            let mut out =
                fs::File::create(dest).with_context(|| format!("creating {}", dest.display()))?;
            io::copy(&mut input, &mut out)?;
            out.flush()?;
            fs::set_permissions(dest, fs::Permissions::from_mode(mode))?;
        }
        _ => tracing::debug!(path = %src, "skipping special file"),
    }
    Ok(())
}
