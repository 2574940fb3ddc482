//! Deferred removal of a `run --rm` container's store directory. Removing it (its upper and
//! work dirs, the overlay's work/work and volatile markers, the record) is a dozen unlinks on
//! the store's filesystem, ~1.5 ms on a disk mounted `discard` (every freed block is discarded
//! before the unlink returns); `run --rm` should not make its caller wait for that. The
//! container's record is removed first and its directory renamed into `containers/.trash` (one
//! rename: the container is gone, its name free), and a process nobody waits for empties the
//! trash. One that is killed leaves the trash for the next to empty; `system reset` takes it
//! with the store.

use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context;

/// The trash directory's name in the containers directory (not a container id: never listed).
pub const TRASH: &str = ".trash";

/// Move `dir`, a directory in `containers`, into its trash; the path it now has.
pub fn move_in(containers: &Path, dir: &Path) -> io::Result<PathBuf> {
    let trash = containers.join(TRASH);
    match std::fs::create_dir(&trash) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    let name = dir
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} has no name", dir.display())))?;
    let to = trash.join(name);
    std::fs::rename(dir, &to)?;
    Ok(to)
}

/// Empty the trash of `containers` in a process of its own, detached (its own process group,
/// no descriptors of ours: a caller reading our output sees it end when we exit), which the
/// caller does not wait for: call it only where the calling process exits soon after (init then
/// reaps it). `join`: the pid of a process in the user namespace whose ids own files in the
/// trash (the shared one), entered for what cannot be removed from outside. `mounts`: the
/// removed container's mount namespace, held past its exit (`spawn::Launch::hold_mounts`): the
/// remover lets go of it first, so that its mounts (the root overlay on the trash's dirs among
/// them) are taken down in the remover, after the caller let go of its own hold.
/// A fork where this process is single-threaded (no second start-up of skiff: ~2 ms of work in
/// the background instead of ~8), else `skiff internal-rm --trash` (the caller then lets go of
/// `mounts` itself).
pub fn empty_in_background(
    containers: &Path,
    join: Option<i32>,
    mounts: Option<OwnedFd>,
) -> anyhow::Result<()> {
    use std::os::unix::process::CommandExt;
    let trash = containers.join(TRASH);
    // Closed by us once our hold is gone: the remover's then is the last.
    let gate = match &mounts {
        Some(_) => Some(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?),
        None => None,
    };
    let forked = crate::sys::fork_child(|| {
        let mut keep = Vec::new();
        if let Some((r, w)) = &gate {
            crate::sys::close_in_child(w.as_raw_fd());
            keep.push(r.as_raw_fd());
        }
        keep.extend(mounts.as_ref().map(AsRawFd::as_raw_fd));
        detach(&keep);
        if let Some((r, _)) = &gate {
            let mut byte = [0u8; 1];
            let _ = nix::unistd::read(r, &mut byte);
            crate::sys::close_in_child(r.as_raw_fd());
        }
        if let Some(m) = &mounts {
            crate::sys::close_in_child(m.as_raw_fd());
        }
        i32::from(empty(&trash, join).is_err())
    });
    drop(mounts);
    drop(gate);
    match forked {
        Ok(_) => return Ok(()),
        Err(crate::sys::ForkError::Threaded(_)) => {}
        Err(e) => return Err(e).context("starting the removal of a container's files"),
    }
    let exe = std::env::current_exe().context("finding the skiff binary")?;
    let mut cmd = Command::new(exe);
    cmd.arg("internal-rm").arg("--trash");
    if let Some(pid) = join {
        cmd.arg("--join").arg(pid.to_string());
    }
    cmd.arg(containers.join(TRASH))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    crate::sys::unblock_signals_on_exec(&mut cmd);
    cmd.spawn()
        .context("starting the removal of a container's files")?;
    Ok(())
}

/// In the forked remover: a process group of its own (a Ctrl-C meant for the caller's job does
/// not stop it half-way), /dev/null as stdio, none of the caller's other descriptors but `keep`.
fn detach(keep: &[RawFd]) {
    let _ = nix::unistd::setpgid(nix::unistd::Pid::from_raw(0), nix::unistd::Pid::from_raw(0));
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        let _ = nix::unistd::dup2_stdin(null.as_fd());
        let _ = nix::unistd::dup2_stdout(null.as_fd());
        let _ = nix::unistd::dup2_stderr(null.as_fd());
    }
    crate::sys::close_inherited_except(keep);
}

/// Remove what of the trash DIR this process may; the entries left (files of other ids).
pub fn remove_what_is_ours(trash: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries: Vec<PathBuf> = match std::fs::read_dir(trash) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("listing {}", trash.display())),
    };
    Ok(entries
        .into_iter()
        .filter(|p| super::remove_tree(p).is_err())
        .collect())
}

/// `internal-rm --trash DIR [--join PID]`: remove every entry of the trash DIR.
pub fn empty(trash: &Path, join: Option<i32>) -> anyhow::Result<()> {
    let left = remove_what_is_ours(trash)?;
    if left.is_empty() {
        return Ok(());
    }
    // Files of the container's other ids: removed as root of the namespace that maps them.
    let pid = join.ok_or_else(|| {
        anyhow::anyhow!(
            "{} entries of {} are not yours to remove",
            left.len(),
            trash.display()
        )
    })?;
    let ns = std::fs::File::open(format!("/proc/{pid}/ns/user"))
        .with_context(|| format!("opening the user namespace of {pid}"))?;
    nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWUSER)
        .with_context(|| format!("entering the user namespace of {pid}"))?;
    for p in &left {
        super::remove_tree(p).with_context(|| format!("removing {}", p.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dir_moved_to_the_trash_is_gone_from_its_place_and_emptied() {
        let tmp = tempfile::tempdir().unwrap();
        let containers = tmp.path();
        let dir = containers.join("a".repeat(64));
        std::fs::create_dir_all(dir.join("work/work/incompat")).unwrap();
        std::fs::write(dir.join("container.json"), b"{}").unwrap();
        let moved = move_in(containers, &dir).unwrap();
        assert!(!dir.exists());
        assert_eq!(moved, containers.join(TRASH).join("a".repeat(64)));
        // A second one while the first is still there.
        let other = containers.join("b".repeat(64));
        std::fs::create_dir(&other).unwrap();
        move_in(containers, &other).unwrap();
        empty(&containers.join(TRASH), None).unwrap();
        assert_eq!(
            std::fs::read_dir(containers.join(TRASH)).unwrap().count(),
            0
        );
        // No trash: nothing to do.
        empty(&containers.join("none"), None).unwrap();
    }
}
