//! `skiff init`: the supervisor takes the container up to the moment before its command runs
//! (namespaces, mounts, network, /etc files, cgroup, all in place), records it `initialized` and
//! waits on `start.sock` in the container's run dir; `skiff start` connects there, and gets the
//! supervisor's usual readiness answer once the command runs (or why it did not).

use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};

use anyhow::Context;
use nix::unistd::Pid;

use crate::error::Coded;
use crate::state::{ContainerStore, Status};

pub const SOCKET: &str = "start.sock";

/// The start request on the socket.
const START: u8 = b'S';

/// In the supervisor, with the container held at `pid`: record it initialized, tell the CLI
/// (`ready`), then wait for `skiff start`. Its connection becomes `ready`, for the answer. Fails
/// with the container's exit code when the container is killed meanwhile (`stop`, `rm`).
pub fn wait_for_start(
    store: &ContainerStore,
    id: &str,
    pid: Pid,
    ready: &mut Option<OwnedFd>,
) -> anyhow::Result<()> {
    let rundir = store.run_path(id);
    let _ = std::fs::remove_file(rundir.join(SOCKET));
    let (_dir, path) = super::attach::short_socket_path(&rundir, SOCKET)?;
    let listener = UnixListener::bind(&path)
        .with_context(|| format!("creating {}", rundir.join(SOCKET).display()))?;
    let pidfd = rustix::process::pidfd_open(
        rustix::process::Pid::from_raw(pid.as_raw()).context("container pid")?,
        rustix::process::PidfdFlags::empty(),
    )
    .context("watching the container (pidfd_open)")?;
    {
        let mut c = store.load(id)?;
        c.state.status = Status::Initialized;
        c.state.pid = pid.as_raw();
        c.state.pid_start = crate::state::record::process_start(pid.as_raw()).unwrap_or(0);
        c.state.supervisor_pid = std::process::id() as i32;
        c.state.exit_code = None;
        c.state.error = None;
        store.save(&c)?;
        crate::state::events::container(store.runroot(), &c, "init", None);
    }
    if let Some(r) = ready.take() {
        let _ = nix::unistd::write(&r, &[super::supervisor::READY_OK]);
    }
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    loop {
        let mut fds = [
            PollFd::new(listener.as_fd(), PollFlags::POLLIN),
            PollFd::new(pidfd.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(anyhow::anyhow!("waiting for `skiff start`: {e}")),
            Ok(_) => {}
        }
        if fds[1].any().unwrap_or(false) {
            // Killed while held: its exit is the container's.
            use nix::sys::wait::{waitpid, WaitStatus};
            let code = match waitpid(pid, None) {
                Ok(WaitStatus::Exited(_, c)) => c,
                Ok(WaitStatus::Signaled(_, s, _)) => 128 + s as i32,
                _ => 137,
            };
            let why = "the container was stopped before it started".to_string();
            return Err(Coded::new(code, why).into());
        }
        if fds[0].any().unwrap_or(false) {
            let Ok((mut conn, _)) = listener.accept() else {
                continue;
            };
            let mut b = [0u8; 1];
            if conn.read_exact(&mut b).is_ok() && b[0] == START {
                let _ = std::fs::remove_file(rundir.join(SOCKET));
                *ready = Some(conn.into());
                return Ok(());
            }
        }
    }
}

/// `skiff start` of an initialized container: ask its supervisor to run the command and wait
/// until it runs, or learn why it did not.
pub fn request_start(store: &ContainerStore, id: &str) -> anyhow::Result<()> {
    let rundir = store.run_path(id);
    let (_dir, path) = super::attach::short_socket_path(&rundir, SOCKET)?;
    let mut conn = UnixStream::connect(&path).with_context(|| {
        format!(
            "the initialized container's supervisor does not answer on {}; remove the container \
             with `skiff rm -f` and create it again",
            rundir.join(SOCKET).display()
        )
    })?;
    conn.write_all(&[START])?;
    let mut msg = Vec::new();
    conn.read_to_end(&mut msg)?;
    super::launch::readiness(&msg, String::new)
}
