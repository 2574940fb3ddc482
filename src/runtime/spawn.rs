//! The parent side of starting a container: clone into new namespaces, install the id maps, take
//! the pty master when there is one, learn whether the exec worked; then, in the foreground, relay
//! the terminal and signals until the container exits.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::PathBuf;

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

use super::init::{child_main, ChildArgs, FAILED, GO, MAPPED};
use super::plan::{plan, Dirs};
use super::spec::{Network, Spec};
use crate::error::Coded;

pub struct Started {
    pub pid: Pid,
    pub master: Option<OwnedFd>,
}

/// Signals the foreground parent relays to the container (and SIGCHLD, SIGWINCH it handles).
pub(crate) fn relayed() -> SigSet {
    let mut s = SigSet::empty();
    for sig in [
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGWINCH,
        Signal::SIGCHLD,
    ] {
        s.add(sig);
    }
    s
}

/// Clone the container and take it up to a successful exec (or return why it failed, with the
/// exit code docker would use).
pub fn start(spec: &Spec, dirs: &Dirs, rootfs: PathBuf) -> anyhow::Result<Started> {
    let ops = plan(spec, dirs);
    let (parent_sock, child_sock) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .context("creating the sync socket")?;
    let mut flags = CloneFlags::CLONE_NEWUSER
        | CloneFlags::CLONE_NEWNS
        | CloneFlags::CLONE_NEWPID
        | CloneFlags::CLONE_NEWUTS
        | CloneFlags::CLONE_NEWIPC
        | CloneFlags::CLONE_NEWCGROUP;
    if spec.network != Network::Host {
        flags |= CloneFlags::CLONE_NEWNET;
    }
    // Block the relayed signals before the clone so none is lost; the child unblocks them.
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&relayed()), None)?;
    let parent_raw = parent_sock.as_raw_fd();
    let child_raw = child_sock.as_raw_fd();
    let pid = crate::sys::clone_child(flags, || {
        crate::sys::close_in_child(parent_raw);
        child_main(ChildArgs {
            spec,
            ops: &ops,
            rootfs: rootfs.clone(),
            sock: child_raw,
            stdin_null: !spec.stdin && !spec.tty,
        })
    })
    .context("creating the container process")?;
    drop(child_sock);
    let fail = |e: anyhow::Error| {
        let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
        let _ = waitpid(pid, None);
        e
    };
    spec.mapping
        .apply(pid.as_raw())
        .map_err(|e| fail(e.into()))?;
    nix::unistd::write(&parent_sock, &[MAPPED])
        .map_err(|e| fail(anyhow!("starting the container: {e}")))?;
    let mut master = None;
    loop {
        let (msg, fd) = crate::sys::recv_with_fd(parent_sock.as_fd())
            .map_err(|e| fail(anyhow!("waiting for the container: {e}")))?;
        match msg.first() {
            // EOF: the sync socket closed on exec.
            None => break,
            Some(b'F') => {
                let m = fd.ok_or_else(|| fail(anyhow!("the container sent no terminal")))?;
                if let Some(ws) = crate::sys::get_winsize(0) {
                    crate::sys::set_winsize(m.as_raw_fd(), &ws);
                }
                master = Some(m);
                nix::unistd::write(&parent_sock, &[GO])
                    .map_err(|e| fail(anyhow!("starting the container: {e}")))?;
            }
            Some(&FAILED) => {
                let code = msg.get(1).copied().unwrap_or(125) as i32;
                let text = String::from_utf8_lossy(msg.get(2..).unwrap_or_default()).into_owned();
                let _ = waitpid(pid, None);
                return Err(Coded::new(code, text).into());
            }
            Some(other) => {
                return Err(fail(anyhow!(
                    "unexpected message {other} from the container"
                )))
            }
        }
    }
    Ok(Started { pid, master })
}

/// Restores the terminal mode when dropped.
struct RawMode {
    saved: Option<nix::sys::termios::Termios>,
}

impl RawMode {
    fn enter() -> RawMode {
        use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg};
        let stdin = std::io::stdin();
        let Ok(saved) = tcgetattr(&stdin) else {
            return RawMode { saved: None };
        };
        let mut raw = saved.clone();
        cfmakeraw(&mut raw);
        let _ = tcsetattr(&stdin, SetArg::TCSANOW, &raw);
        RawMode { saved: Some(saved) }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(s) = &self.saved {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                s,
            );
        }
    }
}

/// Relay signals (when `sig_proxy`) and the terminal until the container exits; its exit code
/// (128+N for a signal).
pub fn wait_foreground(started: Started, sig_proxy: bool) -> anyhow::Result<i32> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use nix::sys::signalfd::{SfdFlags, SignalFd};
    let sfd =
        SignalFd::with_flags(&relayed(), SfdFlags::SFD_CLOEXEC).context("creating a signalfd")?;
    let _raw = started.master.as_ref().map(|_| RawMode::enter());
    let pid = started.pid;
    let mut stdin_open = started.master.is_some();
    let mut buf = vec![0u8; 64 * 1024];
    let mut code: Option<i32> = None;
    let stdin = std::io::stdin();
    // A child that exited before the signalfd existed left its SIGCHLD pending: it is delivered
    // through the signalfd too, but check once anyway.
    if let Some(c) = reap(pid)? {
        code = Some(c);
    }
    while code.is_none() || started.master.is_some() {
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        if let Some(m) = &started.master {
            fds.push(PollFd::new(m.as_fd(), PollFlags::POLLIN));
            if stdin_open && code.is_none() {
                fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            }
        }
        let timeout = if code.is_some() {
            PollTimeout::from(100u16)
        } else {
            PollTimeout::NONE
        };
        match poll(&mut fds, timeout) {
            Ok(0) => break, // exited, and the terminal stayed quiet: done
            Ok(_) => {}
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(anyhow!("poll: {e}")),
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        if ready[0] {
            if let Ok(Some(info)) = sfd.read_signal() {
                let sig = Signal::try_from(info.ssi_signo as i32).ok();
                match sig {
                    Some(Signal::SIGCHLD) => {
                        if let Some(c) = reap(pid)? {
                            code = Some(c);
                        }
                    }
                    Some(Signal::SIGWINCH) => {
                        if let (Some(m), Some(ws)) = (&started.master, crate::sys::get_winsize(0)) {
                            crate::sys::set_winsize(m.as_raw_fd(), &ws);
                        }
                    }
                    Some(s) if sig_proxy && code.is_none() => {
                        let _ = nix::sys::signal::kill(pid, s);
                    }
                    _ => {}
                }
            }
        }
        if let Some(m) = &started.master {
            if ready.get(1) == Some(&true) {
                match nix::unistd::read(m.as_fd(), &mut buf) {
                    Ok(0) | Err(nix::Error::EIO) => {
                        if code.is_some() {
                            break;
                        }
                    }
                    Ok(n) => write_all(std::io::stdout().as_fd(), &buf[..n]),
                    Err(nix::Error::EINTR) | Err(nix::Error::EAGAIN) => {}
                    Err(e) => return Err(anyhow!("reading the container's terminal: {e}")),
                }
            }
            if ready.get(2) == Some(&true) {
                match nix::unistd::read(stdin.as_fd(), &mut buf) {
                    Ok(0) | Err(_) => stdin_open = false,
                    Ok(n) => write_all(m.as_fd(), &buf[..n]),
                }
            }
        }
    }
    // Restore the signal mask for whatever the caller does next.
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&relayed()), None);
    match code {
        Some(c) => Ok(c),
        None => {
            let c = loop {
                if let Some(c) = reap(pid)? {
                    break c;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            };
            Ok(c)
        }
    }
}

fn write_all(fd: std::os::fd::BorrowedFd<'_>, mut data: &[u8]) {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(nix::Error::EINTR) | Err(nix::Error::EAGAIN) => continue,
            Err(_) => return,
        }
    }
}

/// The exit code once `pid` has ended.
pub(crate) fn reap(pid: Pid) -> anyhow::Result<Option<i32>> {
    loop {
        match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(_, c)) => return Ok(Some(c)),
            Ok(WaitStatus::Signaled(_, s, _)) => return Ok(Some(128 + s as i32)),
            Ok(WaitStatus::StillAlive) => return Ok(None),
            Ok(_) => continue,
            Err(nix::Error::EINTR) => continue,
            Err(nix::Error::ECHILD) => return Ok(Some(125)),
            Err(e) => return Err(anyhow!("waiting for the container: {e}")),
        }
    }
}
