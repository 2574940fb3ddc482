//! Run a closure as root of a fresh user namespace mapped with [`IdMapping`]: used by layer unpacking
//! (so file owners come out right) and by the kernel feature probes. The container runtime uses the
//! same handshake.

use nix::sched::CloneFlags;
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{pipe, read, write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

use super::idmap::{IdMapError, IdMapping};
use crate::sys::{close_in_child, fork_child, ForkError};

#[derive(Debug, thiserror::Error)]
pub enum EnterError {
    #[error(transparent)]
    Fork(#[from] ForkError),
    #[error("creating a pipe for the user-namespace handshake")]
    Pipe(#[source] nix::Error),
    #[error(
        "creating a user namespace failed ({0}); unprivileged user namespaces may be disabled: \
         check `sysctl user.max_user_namespaces` (must be > 0) and, on Debian, \
         `sysctl kernel.unprivileged_userns_clone=1`"
    )]
    Unshare(nix::Error),
    #[error("mapping ids into the new user namespace")]
    Map(#[source] IdMapError),
    #[error("waiting for the user-namespace child")]
    Wait(#[source] nix::Error),
}

const UNSHARE_FAILED: u8 = b'E';
const UNSHARE_OK: u8 = b'U';

/// Fork a child that unshares a user namespace (plus `extra` namespaces), waits for its id maps,
/// becomes root inside and runs `f`. Returns `f`'s result as the child's exit code (signals map to
/// 128+N). The calling process must be single-threaded.
pub fn run_in_userns(
    mapping: &IdMapping,
    extra: CloneFlags,
    f: impl FnOnce() -> i32,
) -> Result<i32, EnterError> {
    let (to_parent_r, to_parent_w) = pipe().map_err(EnterError::Pipe)?;
    let (to_child_r, to_child_w) = pipe().map_err(EnterError::Pipe)?;
    let (parent_r_raw, child_w_raw) = (to_parent_r.as_raw_fd(), to_child_w.as_raw_fd());
    let (child_end_w, child_end_r) = (to_parent_w.as_raw_fd(), to_child_r.as_raw_fd());
    let pid = fork_child(|| {
        close_in_child(parent_r_raw);
        close_in_child(child_w_raw);
        child_side(child_end_w, child_end_r, extra, f)
    })?;
    drop(to_parent_w);
    drop(to_child_r);

    let mut b = [0u8; 1];
    let n = read(to_parent_r.as_fd(), &mut b).unwrap_or(0);
    if n == 1 && b[0] == UNSHARE_OK {
        if let Err(e) = mapping.apply(pid.as_raw()) {
            drop(to_child_w); // child sees EOF and exits
            let _ = waitpid(pid, None);
            return Err(EnterError::Map(e));
        }
        let _ = write(&to_child_w, b"G");
    } else {
        let errno = {
            let mut e = [0u8; 4];
            let _ = read(to_parent_r.as_fd(), &mut e);
            nix::Error::from_raw(i32::from_ne_bytes(e))
        };
        let _ = waitpid(pid, None);
        return Err(EnterError::Unshare(errno));
    }
    drop(to_child_w);
    wait_code(pid)
}

fn child_side(
    to_parent: RawFd,
    from_parent: RawFd,
    extra: CloneFlags,
    f: impl FnOnce() -> i32,
) -> i32 {
    // The fds stay valid for the child's whole life: the parent's OwnedFds are not dropped here.
    let to_parent = borrow(to_parent);
    let from_parent = borrow(from_parent);
    if let Err(e) = nix::sched::unshare(CloneFlags::CLONE_NEWUSER | extra) {
        let mut msg = vec![UNSHARE_FAILED];
        msg.extend_from_slice(&(e as i32).to_ne_bytes());
        let _ = write(to_parent, &msg);
        return 125;
    }
    if write(to_parent, &[UNSHARE_OK]).is_err() {
        return 125;
    }
    let mut b = [0u8; 1];
    if read(from_parent, &mut b) != Ok(1) {
        return 125; // parent could not map us
    }
    let root = nix::unistd::Uid::from_raw(0);
    let rootg = nix::unistd::Gid::from_raw(0);
    if nix::unistd::setresgid(rootg, rootg, rootg).is_err()
        || nix::unistd::setresuid(root, root, root).is_err()
    {
        return 125;
    }
    f()
}

fn borrow(fd: RawFd) -> BorrowedFd<'static> {
    crate::sys::borrow_raw(fd)
}

/// Wait for `pid` and turn its end into a shell-style code.
pub fn wait_code(pid: nix::unistd::Pid) -> Result<i32, EnterError> {
    loop {
        match waitpid(pid, None) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(code),
            Ok(WaitStatus::Signaled(_, sig, _)) => return Ok(128 + sig as i32),
            Ok(_) => continue,
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(EnterError::Wait(e)),
        }
    }
}

/// The pipe on which a forked helper reports its outcome to the parent: `Ok(value)` or the
/// error's text. The child gets [`Report::writer`] and ends with [`Report::send`]; the parent,
/// once the child runs, calls [`Report::receive`] (EOF without a report = the child died).
pub struct Report {
    r: std::os::fd::OwnedFd,
    w: std::os::fd::OwnedFd,
}

impl Report {
    pub fn new() -> nix::Result<Report> {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        Ok(Report { r, w })
    }

    /// The write end's number, for the child (it stays open there until exit or exec).
    pub fn writer(&self) -> RawFd {
        self.w.as_raw_fd()
    }

    /// In the child: write the outcome; returns the child's exit code.
    pub fn send(w: RawFd, result: anyhow::Result<String>) -> i32 {
        let (msg, code) = match result {
            Ok(v) => (format!("P{v}"), 0),
            Err(e) => (format!("E{e:#}"), 1),
        };
        let _ = write(crate::sys::borrow_raw(w), msg.as_bytes());
        code
    }

    /// In the parent: the child's value or its error.
    pub fn receive(self) -> anyhow::Result<String> {
        drop(self.w);
        let mut msg = String::new();
        let _ = std::io::Read::read_to_string(&mut std::fs::File::from(self.r), &mut msg);
        match (msg.strip_prefix('P'), msg.strip_prefix('E')) {
            (Some(v), _) => Ok(v.to_string()),
            (_, Some(e)) => Err(anyhow::anyhow!("{e}")),
            _ => Err(anyhow::anyhow!(
                "the helper process ended without saying why"
            )),
        }
    }
}
