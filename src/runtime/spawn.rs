//! The parent side of starting a container: clone into new namespaces, install the id maps, take
//! the pty master when there is one, learn whether the exec worked; then, in the foreground, relay
//! the terminal and signals until the container exits.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

use super::init::{child_main, ChildArgs, FAILED, GO, HELD, MAPPED};
use super::plan::{plan, Dirs};
use super::spec::Spec;
use crate::error::Coded;
use crate::network::forward::Bound;
use crate::network::helper::NetHelper;

pub struct Started {
    pub pid: Pid,
    pub master: Option<OwnedFd>,
    /// The fuse-overlayfs daemon serving its root, when the kernel refuses native overlay.
    pub fuse: Option<super::fuse::Fuse>,
    /// Network plumbing that lives as long as the container: stopped when this is dropped.
    pub net: NetRuntime,
    /// With `Launch::hold_mounts`: the container's mount namespace, kept past its exit.
    pub mounts: Option<OwnedFd>,
}

/// The container's network helper (pasta/slirp4netns), port forwarder and host sockets. Dropping
/// it stops the processes and closes the sockets, which frees the host ports at once.
#[derive(Default)]
pub struct NetRuntime {
    pub helper: Option<NetHelper>,
    pub forwarder: Option<Pid>,
    pub bound: Vec<Bound>,
    /// On bridge networks: (runroot, container id), whose addresses return to the pool on drop.
    pub attached: Option<(PathBuf, String)>,
}

impl NetRuntime {
    pub fn ports(&self) -> Vec<crate::network::PortMapping> {
        self.bound.iter().map(|b| b.mapping.clone()).collect()
    }
}

impl Drop for NetRuntime {
    fn drop(&mut self) {
        if let Some(f) = self.forwarder.take() {
            let _ = nix::sys::signal::kill(f, Signal::SIGKILL);
            let _ = waitpid(f, None);
        }
        self.bound.clear();
        self.helper.take();
        if let Some((runroot, id)) = self.attached.take() {
            crate::network::attach::release(&runroot, &id);
        }
    }
}

/// A container on bridge networks: created in the user's network namespace holder's user
/// namespace, then plumbed.
pub struct BridgeLaunch {
    pub holder_pid: i32,
    pub links: Vec<crate::network::bridge::LinkPlan>,
    pub runroot: PathBuf,
    pub id: String,
}

/// Where a new container's namespaces come from.
pub struct Launch<'a> {
    pub rootfs: PathBuf,
    /// Runtime dir for helper files (pasta's pid file, slirp4netns's log).
    pub rundir: &'a Path,
    /// Host sockets of its published ports, already bound.
    pub bound: Vec<Bound>,
    /// `--network container:X`: the pid of X, whose user and network namespaces it joins.
    pub join: Option<i32>,
    /// Mount the root with fuse-overlayfs (the kernel refuses native overlay here).
    pub fuse: bool,
    /// The container's own cgroup (resource limits), joined before it runs anything.
    pub cgroup: Option<&'a super::cgroups::Cgroup>,
    /// On bridge networks.
    pub bridge: Option<BridgeLaunch>,
    /// The pid of the user's shared user namespace holder (`userns::pause`), created in it
    /// instead of a user namespace of its own.
    pub shared_userns: Option<i32>,
    /// Keep a hold on the container's mount namespace (`Started::mounts`): when its last process
    /// exits, the kernel then does not take its mounts down (every one of them, an RCU grace
    /// period, the overlay) before reporting the exit. Whoever holds it lets go later, off the
    /// caller's path (`run --rm`: the remover of its files, `storage::trash`).
    pub hold_mounts: bool,
}

/// `skiff init`: called with the container's pid once it is ready to run its command; the
/// command runs when this returns Ok (and the container is killed when it fails).
pub type Hold<'a> = &'a mut dyn FnMut(Pid) -> anyhow::Result<()>;

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
pub fn start(
    spec: &Spec,
    dirs: &Dirs,
    launch: Launch<'_>,
    mut hold: Option<Hold<'_>>,
) -> anyhow::Result<Started> {
    let rootfs = launch.rootfs.clone();
    let ops = plan(spec, dirs);
    let seccomp = super::seccomp::filters(&spec.seccomp)?;
    let (parent_sock, child_sock) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .context("creating the sync socket")?;
    let mut flags = CloneFlags::CLONE_NEWNS;
    // A pod's namespaces are joined, not made.
    let joined = |ns: &str| launch.join.is_some() && spec.join_ns.iter().any(|j| j == ns);
    for (shared, flag) in [
        (spec.pid_host || joined("pid"), CloneFlags::CLONE_NEWPID),
        (spec.uts_host || joined("uts"), CloneFlags::CLONE_NEWUTS),
        (
            spec.ipc == "host" || joined("ipc"),
            CloneFlags::CLONE_NEWIPC,
        ),
        (spec.cgroupns_host, CloneFlags::CLONE_NEWCGROUP),
    ] {
        if !shared {
            flags |= flag;
        }
    }
    let own_userns =
        launch.join.is_none() && launch.bridge.is_none() && launch.shared_userns.is_none();
    if own_userns {
        flags |= CloneFlags::CLONE_NEWUSER;
    }
    if launch.join.is_none() && spec.network.own_netns() {
        flags |= CloneFlags::CLONE_NEWNET;
    }
    // Block the relayed signals before the clone so none is lost; the child unblocks them.
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&relayed()), None)?;
    let parent_raw = parent_sock.as_raw_fd();
    let child_raw = child_sock.as_raw_fd();
    let body = || {
        crate::sys::close_in_child(parent_raw);
        child_main(ChildArgs {
            spec,
            ops: &ops,
            rootfs: rootfs.clone(),
            sock: child_raw,
            stdin_null: !spec.stdin && !spec.tty,
            premounted: launch.fuse,
            hold: hold.is_some(),
            seccomp: seccomp.as_ref(),
        })
    };
    let pid = match (launch.join, &launch.bridge) {
        (Some(target), _) => {
            let mut which = vec!["user", "net"];
            which.extend(spec.join_ns.iter().map(String::as_str));
            super::procs::clone_joined(target, &which, flags, body)?
        }
        (None, Some(b)) => super::procs::clone_joined(b.holder_pid, &["user"], flags, body)?,
        (None, None) if launch.shared_userns.is_some() => super::procs::clone_joined(
            launch.shared_userns.unwrap_or_default(),
            &["user"],
            flags,
            body,
        )?,
        (None, None) => {
            crate::sys::clone_child(flags, body).context("creating the container process")?
        }
    };
    drop(child_sock);
    // Opened while the child waits for MAPPED: still ours to open (same owner, dumpable).
    let mounts = launch
        .hold_mounts
        .then(|| std::fs::File::open(format!("/proc/{pid}/ns/mnt")).ok())
        .flatten()
        .map(OwnedFd::from);
    let fail = |e: anyhow::Error| {
        let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
        let _ = waitpid(pid, None);
        e
    };
    let mut net = NetRuntime::default();
    net.bound = launch.bound;
    net.attached = launch
        .bridge
        .as_ref()
        .map(|b| (b.runroot.clone(), b.id.clone()));
    // It waits for MAPPED before doing anything: every process it makes is inside the limits.
    if let Some(cg) = launch.cgroup {
        cg.add(pid.as_raw()).map_err(|e| fail(e.into()))?;
    }
    if own_userns {
        spec.mapping
            .apply(pid.as_raw())
            .map_err(|e| fail(e.into()))?;
    }
    let mut fuse = None;
    if launch.fuse {
        if let Some(super::plan::Op::Overlay {
            lower, upper, work, ..
        }) = ops.first()
        {
            fuse = Some(
                super::fuse::mount(pid.as_raw(), lower, upper, work, &launch.rootfs)
                    .map_err(fail)?,
            );
        }
    }
    // The network is up before the container's command runs.
    if let Some(b) = &launch.bridge {
        // Under the network lock: two containers must not both create a network's bridge.
        {
            let _g = crate::network::attach::lock(&b.runroot).map_err(fail)?;
            crate::network::bridge::attach(b.holder_pid, pid.as_raw(), &b.links)
                .context("connecting the container to its networks")
                .map_err(fail)?;
        }
        crate::network::attach::started(&b.runroot, &b.id, pid.as_raw()).map_err(fail)?;
    } else if launch.join.is_none() {
        net.helper = crate::network::helper::start(&spec.network, pid.as_raw(), launch.rundir)
            .map_err(fail)?;
    }
    if !net.bound.is_empty() {
        net.forwarder =
            Some(crate::network::forward::spawn(&net.bound, pid.as_raw()).map_err(fail)?);
    }
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
            Some(&HELD) => {
                let hold = hold
                    .as_mut()
                    .ok_or_else(|| fail(anyhow!("the container held without being asked to")))?;
                hold(pid).map_err(fail)?;
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
    Ok(Started {
        pid,
        master,
        fuse,
        net,
        mounts,
    })
}

/// Restores the terminal mode when dropped.
pub(crate) struct RawMode {
    saved: Option<nix::sys::termios::Termios>,
}

impl RawMode {
    pub(crate) fn enter() -> RawMode {
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

/// A foreground container's output: the pipes its stdout and stderr write to (no terminal), and
/// its log, which gets every line too (so `skiff logs` shows a foreground run, as with podman).
#[derive(Default)]
pub struct Output {
    pub pipes: [Option<OwnedFd>; 2],
    pub log: Option<super::logfile::LogWriter>,
    /// `run --attach` without stdout (or stderr): logged only, not shown.
    pub mute: [bool; 2],
}

/// Relay signals (when `sig_proxy`), the terminal and the output until the container exits; its
/// exit code (128+N for a signal).
pub fn wait_foreground(
    started: Started,
    sig_proxy: bool,
    mut output: Output,
    timeout: Option<u64>,
) -> anyhow::Result<i32> {
    // --timeout: killed when it has run this long.
    let mut deadline =
        timeout.map(|s| std::time::Instant::now() + std::time::Duration::from_secs(s));
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use nix::sys::signalfd::{SfdFlags, SignalFd};
    let sfd =
        SignalFd::with_flags(&relayed(), SfdFlags::SFD_CLOEXEC).context("creating a signalfd")?;
    let _raw = started.master.as_ref().map(|_| RawMode::enter());
    let pid = started.pid;
    let mut stdin_open = started.master.is_some();
    let mut buf = vec![0u8; 64 * 1024];
    let mut code: Option<i32> = None;
    let mut stdout_closed = false;
    let stdin = std::io::stdin();
    // A child that exited before the signalfd existed left its SIGCHLD pending: it is delivered
    // through the signalfd too, but check once anyway.
    if let Some(c) = reap(pid)? {
        code = Some(c);
    }
    let open_pipes = |o: &Output| o.pipes.iter().any(Option::is_some);
    while code.is_none() || started.master.is_some() || open_pipes(&output) {
        // [signalfd, master?, stdin?, stdout pipe?, stderr pipe?]
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        let mut slots: Vec<Slot> = vec![Slot::Signals];
        if let Some(m) = &started.master {
            fds.push(PollFd::new(m.as_fd(), PollFlags::POLLIN));
            slots.push(Slot::Master);
            if stdin_open && code.is_none() {
                fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
                slots.push(Slot::Stdin);
            }
        }
        for (i, p) in output.pipes.iter().enumerate() {
            if let Some(p) = p {
                fds.push(PollFd::new(p.as_fd(), PollFlags::POLLIN));
                slots.push(Slot::Pipe(i));
            }
        }
        let timeout = match (code, deadline) {
            (Some(_), _) => PollTimeout::from(100u16),
            (None, Some(d)) => PollTimeout::from(
                d.saturating_duration_since(std::time::Instant::now())
                    .as_millis()
                    .min(60_000) as u16,
            ),
            (None, None) => PollTimeout::NONE,
        };
        match poll(&mut fds, timeout) {
            Ok(0) if code.is_none() => {
                if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                    deadline = None;
                    let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                }
                continue;
            }
            Ok(0) => break, // exited, and the terminal stayed quiet: done
            Ok(_) => {}
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(anyhow!("poll: {e}")),
        }
        let ready: Vec<Slot> = fds
            .iter()
            .zip(&slots)
            .filter(|(f, _)| f.revents().is_some_and(|r| !r.is_empty()))
            .map(|(_, s)| *s)
            .collect();
        drop(fds);
        for slot in ready {
            match slot {
                Slot::Signals => {
                    let Ok(Some(info)) = sfd.read_signal() else {
                        continue;
                    };
                    match Signal::try_from(info.ssi_signo as i32).ok() {
                        // Once reaped, a later SIGCHLD (a helper's) must not reap it again.
                        Some(Signal::SIGCHLD) if code.is_none() => {
                            if let Some(c) = reap(pid)? {
                                code = Some(c);
                            }
                        }
                        Some(Signal::SIGWINCH) => {
                            if let (Some(m), Some(ws)) =
                                (&started.master, crate::sys::get_winsize(0))
                            {
                                crate::sys::set_winsize(m.as_raw_fd(), &ws);
                            }
                        }
                        Some(s) if sig_proxy && code.is_none() => {
                            let _ = nix::sys::signal::kill(pid, s);
                        }
                        _ => {}
                    }
                }
                Slot::Master => {
                    let Some(m) = &started.master else { continue };
                    match nix::unistd::read(m.as_fd(), &mut buf) {
                        Ok(0) | Err(nix::Error::EIO) => {
                            if code.is_some() {
                                return finish_foreground(code, stdout_closed, pid, output);
                            }
                        }
                        Ok(n) => {
                            if let Some(l) = output.log.as_mut() {
                                l.write(0, &buf[..n]);
                            }
                            // Our stdout's reader went away (`skiff run -t IMG cmd | head`):
                            // the container would now block on a full terminal, so it ends as a
                            // writer to a closed pipe does, and so do we (exit 141, quietly).
                            if !stdout_closed && !write_all(std::io::stdout().as_fd(), &buf[..n]) {
                                stdout_closed = true;
                                let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                            }
                        }
                        Err(nix::Error::EINTR) | Err(nix::Error::EAGAIN) => {}
                        Err(e) => return Err(anyhow!("reading the container's terminal: {e}")),
                    }
                }
                Slot::Stdin => {
                    let Some(m) = &started.master else { continue };
                    match nix::unistd::read(stdin.as_fd(), &mut buf) {
                        Ok(0) | Err(_) => stdin_open = false,
                        Ok(n) => {
                            write_all(m.as_fd(), &buf[..n]);
                        }
                    }
                }
                Slot::Pipe(i) => {
                    let Some(p) = &output.pipes[i] else { continue };
                    match nix::unistd::read(p.as_fd(), &mut buf) {
                        Ok(0) => output.pipes[i] = None,
                        Ok(n) => {
                            if let Some(l) = output.log.as_mut() {
                                l.write(i, &buf[..n]);
                            }
                            let written = if output.mute[i] {
                                true
                            } else if i == 0 {
                                write_all(std::io::stdout().as_fd(), &buf[..n])
                            } else {
                                write_all(std::io::stderr().as_fd(), &buf[..n])
                            };
                            // Our reader went away: so does the container's, and its next
                            // write fails as it would have without us in between.
                            if !written {
                                output.pipes[i] = None;
                            }
                        }
                        Err(nix::Error::EINTR) | Err(nix::Error::EAGAIN) => {}
                        Err(_) => output.pipes[i] = None,
                    }
                }
            }
        }
    }
    finish_foreground(code, stdout_closed, pid, output)
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Signals,
    Master,
    Stdin,
    Pipe(usize),
}

fn finish_foreground(
    code: Option<i32>,
    stdout_closed: bool,
    pid: Pid,
    mut output: Output,
) -> anyhow::Result<i32> {
    if let Some(l) = output.log.as_mut() {
        l.flush_partial();
    }
    // Restore the signal mask for whatever the caller does next.
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&relayed()), None);
    match code {
        Some(_) if stdout_closed => Ok(128 + Signal::SIGPIPE as i32),
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

/// Write all of `data`; false when the reader has gone (EPIPE) or the fd failed otherwise.
pub(crate) fn write_all(fd: std::os::fd::BorrowedFd<'_>, mut data: &[u8]) -> bool {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(nix::Error::EINTR) | Err(nix::Error::EAGAIN) => continue,
            Err(_) => return false,
        }
    }
    true
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
