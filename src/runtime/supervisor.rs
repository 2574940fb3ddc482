//! The supervisor of a detached container: skiff re-executed (`internal-supervise`), in its own
//! session, single-threaded. It starts the container, reports readiness to the CLI, writes the log
//! (k8s-file format, stdout and stderr kept apart), waits for the exit, records it, and applies
//! --rm. It holds no lock while the container runs.

use std::os::fd::{AsFd, OwnedFd};

use anyhow::Context;
use nix::sys::signal::{SigSet, Signal};

use super::container::{finish, start_recorded};
use super::spawn::reap;
use crate::state::record::should_restart;
use crate::state::ContainerStore;

/// Readiness messages on the fd the CLI reads: `O` started, `E` + code byte + message failed.
pub const READY_OK: u8 = b'O';

pub use super::logfile::LogWriter;

/// How the supervisor brings the container up the first time (a restart policy starts it).
pub enum Mode {
    Start,
    /// `skiff init`: up to the moment before its command, then wait for `skiff start`.
    Hold,
    /// `skiff container restore`: from its checkpoint.
    Restore(super::restore::RestoreOpts),
}

/// Runs in the supervisor process; returns its exit code.
pub fn supervise(
    store: &ContainerStore,
    id: &str,
    ready: OwnedFd,
    mut mode: Mode,
) -> anyhow::Result<i32> {
    let _ = nix::unistd::setsid();
    // A CLI that went away must not kill us through SIGPIPE or SIGHUP.
    ignore(Signal::SIGPIPE);
    ignore(Signal::SIGHUP);
    let mut c = store.load(id)?;
    let path = super::logfile::log_path(store, id, &c.spec.log);
    let mut log = LogWriter::open_with(&path, &c.spec.log, &c.id, &c.name)
        .with_context(|| format!("opening the container log {}", path.display()))?;
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")?;
    let mut ready = Some(ready);
    // `skiff attach` clients connect here; without it the container still runs.
    let mut attach = super::attach::Server::bind(&store.run_path(id)).ok();
    loop {
        let (out_r, out_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        // With -i (no terminal), stdin is a pipe that attach clients write to.
        let mut stdin_w = None;
        // The container inherits fds 0, 1, 2 (dup2 clears CLOEXEC on the copies).
        if c.spec.stdin && !c.spec.tty {
            let (in_r, in_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
            nix::unistd::dup2_stdin(&in_r)?;
            stdin_w = Some(in_w);
        } else {
            nix::unistd::dup2_stdin(&null)?;
        }
        nix::unistd::dup2_stdout(&out_w)?;
        nix::unistd::dup2_stderr(&err_w)?;
        drop(out_w);
        drop(err_w);
        let mut wait_for_start = |pid: nix::unistd::Pid| {
            super::hold::wait_for_start(store, id, pid, &mut ready)?;
            if let Some(a) = attach.as_mut() {
                a.accept_pending();
            }
            Ok(())
        };
        let me = std::process::id() as i32;
        let first = std::mem::replace(&mut mode, Mode::Start);
        let held: Option<super::spawn::Hold<'_>> = match first {
            Mode::Hold => Some(&mut wait_for_start),
            _ => None,
        };
        let up = match &first {
            Mode::Restore(o) => super::restore::restore_recorded(store, &mut c, me, o),
            _ => start_recorded(store, &mut c, me, held),
        };
        let started = match up {
            Ok(s) => s,
            Err(e) => {
                let code = crate::error::exit_code_of(&e);
                if let Some(r) = ready.take() {
                    let mut msg = vec![b'E', code as u8];
                    msg.extend_from_slice(format!("{e:#}").as_bytes());
                    let _ = nix::unistd::write(&r, &msg);
                }
                return Ok(code);
            }
        };
        // Our copies of the write ends go, so the pipes reach EOF when the container's processes end.
        nix::unistd::dup2_stdin(&null)?;
        nix::unistd::dup2_stdout(&null)?;
        nix::unistd::dup2_stderr(&null)?;
        if super::notify::on_start(&c.spec.sdnotify) {
            super::notify::ready(std::process::id());
        }
        if let Some(r) = ready.take() {
            let _ = nix::unistd::write(&r, &[READY_OK]);
            // Starting touched most of the binary; the relay loop needs little of it.
            crate::sys::trim_memory();
        }
        let mut c_now = c.clone();
        c_now.state.pid = started.pid.as_raw();
        let checks = super::checks::Checks::new(&c_now, std::time::Instant::now());
        let (code, forced_restart) = relay_until_exit(
            &started,
            [out_r, err_r],
            &mut log,
            store,
            checks,
            Io {
                attach: attach.as_mut(),
                stdin: stdin_w,
            },
            c.spec.timeout,
        )?;
        if let Some(a) = attach.as_mut() {
            a.exit(code);
        }
        // Host ports, forwarder and network helper go the moment the container has exited.
        drop(started);
        log.flush_partial();
        // `rm -f` may have removed the record meanwhile: then there is nothing left to do.
        let Ok(mut latest) = store.load(id) else {
            return Ok(0);
        };
        let restart = forced_restart
            || !latest.state.stop_requested
                && should_restart(
                    latest.restart_policy.as_deref(),
                    code,
                    latest.state.restart_count,
                );
        if !restart {
            finish(store, &mut latest, code, None)?;
            return Ok(0);
        }
        latest.state.restart_count += 1;
        latest.state.exit_code = Some(code);
        store.save(&latest)?;
        // Back off: 100 ms, doubling up to about 6 s.
        let delay = std::time::Duration::from_millis(100 << latest.state.restart_count.min(6));
        std::thread::sleep(delay);
        // A `stop` during the back-off ends it here.
        let Ok(mut latest) = store.load(id) else {
            return Ok(0);
        };
        if latest.state.stop_requested {
            finish(store, &mut latest, code, None)?;
            return Ok(0);
        }
        c = latest;
    }
}

fn ignore(sig: Signal) {
    // SIG_IGN installs no handler code.
    let _ = crate::sys::ignore_signal(sig);
}

/// Attach clients and the container's stdin pipe (with -i).
struct Io<'a> {
    attach: Option<&'a mut super::attach::Server>,
    stdin: Option<OwnedFd>,
}

/// Copy the container's output into the log until it has exited and its pipes are drained.
fn relay_until_exit(
    started: &super::spawn::Started,
    pipes: [OwnedFd; 2],
    log: &mut LogWriter,
    store: &ContainerStore,
    mut checks: super::checks::Checks,
    mut io: Io<'_>,
    timeout: Option<u64>,
) -> anyhow::Result<(i32, bool)> {
    let began = std::time::Instant::now();
    let mut trim_at = Some(began + std::time::Duration::from_secs(3));
    // --timeout: killed when it has run this long (also the grace of a stop on failure).
    let mut deadline = timeout.map(|s| began + std::time::Duration::from_secs(s));
    let mut forced_restart = false;
    let mut stopping = false;
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use nix::sys::signalfd::{SfdFlags, SignalFd};
    let mut mask = SigSet::empty();
    mask.add(Signal::SIGCHLD);
    nix::sys::signal::sigprocmask(nix::sys::signal::SigmaskHow::SIG_BLOCK, Some(&mask), None)?;
    let sfd = SignalFd::with_flags(&mask, SfdFlags::SFD_CLOEXEC)?;
    // With a terminal (-t) the output comes from the pty master instead of the pipes.
    let sources: Vec<(std::os::fd::BorrowedFd<'_>, usize)> = match &started.master {
        Some(m) => vec![(m.as_fd(), 0)],
        None => vec![(pipes[0].as_fd(), 0), (pipes[1].as_fd(), 1)],
    };
    let mut open = vec![true; sources.len()];
    let mut code = None;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        // Once reaped, never again: a second waitpid fails with ECHILD, which `reap` reports as
        // 125, and the container's real exit code would be lost (and `--restart on-failure`
        // would restart a container that succeeded).
        if code.is_none() {
            code = reap(started.pid)?;
        }
        if code.is_some() && !open.iter().any(|o| *o) {
            break;
        }
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        let idx: Vec<usize> = (0..sources.len()).filter(|i| open[*i]).collect();
        for i in &idx {
            fds.push(PollFd::new(sources[*i].0, PollFlags::POLLIN));
        }
        let attach_fds: Vec<std::os::fd::BorrowedFd<'_>> = match (&io.attach, code) {
            (Some(a), None) => a.fds(),
            _ => Vec::new(),
        };
        let first_attach = fds.len();
        for f in &attach_fds {
            fds.push(PollFd::new(*f, PollFlags::POLLIN));
        }
        // After the exit, give leftover output (a background process holding the pipe) a moment;
        // before it, wake up for the next healthcheck.
        // Once, a few seconds in: drop what only the first log lines and checks touched.
        if trim_at.is_some_and(|t| std::time::Instant::now() >= t) {
            trim_at = None;
            crate::sys::trim_memory();
        }
        let wake = [checks.next_wake(), trim_at, deadline]
            .into_iter()
            .flatten()
            .min();
        let timeout = if code.is_some() {
            PollTimeout::from(200u16)
        } else if let Some(at) = wake {
            let ms = at
                .saturating_duration_since(std::time::Instant::now())
                .as_millis()
                .min(60_000) as u16;
            PollTimeout::from(ms)
        } else {
            PollTimeout::NONE
        };
        match poll(&mut fds, timeout) {
            Ok(0) if code.is_some() => break,
            Ok(0) if deadline.is_some_and(|d| std::time::Instant::now() >= d) => {
                deadline = None;
                let _ = nix::sys::signal::kill(started.pid, Signal::SIGKILL);
                continue;
            }
            Ok(0) => {
                if checks
                    .next_wake()
                    .is_some_and(|at| std::time::Instant::now() >= at)
                {
                    let pid = started.pid;
                    match checks.run_due(store) {
                        super::checks::Action::None => {}
                        super::checks::Action::Kill { restart } => {
                            forced_restart |= restart;
                            let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                        }
                        super::checks::Action::Stop if !stopping => {
                            stopping = true;
                            let c = checks.container();
                            let _ = super::container::request_stop(store, &c.id);
                            let sig = c
                                .spec
                                .stop_signal
                                .as_deref()
                                .and_then(|s| crate::cli::lifecycle::parse_signal(s).ok())
                                .unwrap_or(Signal::SIGTERM as i32);
                            let _ = crate::sys::kill_raw(pid.as_raw(), sig);
                            let grace = c.spec.stop_timeout.unwrap_or(10);
                            deadline = Some(
                                std::time::Instant::now() + std::time::Duration::from_secs(grace),
                            );
                        }
                        super::checks::Action::Stop => {}
                    }
                }
                continue;
            }
            Ok(_) => {}
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        if ready[0] {
            let _ = sfd.read_signal();
        }
        drop(fds);
        drop(attach_fds);
        if let Some(a) = io.attach.as_mut() {
            if ready.len() > first_attach {
                let input = match &started.master {
                    Some(m) => Some(m.as_fd()),
                    None => io.stdin.as_ref().map(|s| s.as_fd()),
                };
                if a.handle(&ready[first_attach..], input, started.master.is_some()) {
                    io.stdin = None; // EOF for the container's stdin
                }
            }
        }
        for (k, i) in idx.iter().enumerate() {
            if ready[k + 1] {
                match nix::unistd::read(sources[*i].0, &mut buf) {
                    Ok(0) | Err(nix::Error::EIO) => open[*i] = false,
                    Ok(n) => {
                        log.write(sources[*i].1, &buf[..n]);
                        if let Some(a) = io.attach.as_mut() {
                            let kind = if sources[*i].1 == 0 {
                                super::attach::STDOUT
                            } else {
                                super::attach::STDERR
                            };
                            a.broadcast(kind, &buf[..n]);
                        }
                    }
                    Err(nix::Error::EINTR) | Err(nix::Error::EAGAIN) => {}
                    Err(_) => open[*i] = false,
                }
            }
        }
    }
    let code = match code {
        Some(c) => c,
        None => loop {
            if let Some(c) = reap(started.pid)? {
                break c;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        },
    };
    Ok((code, forced_restart))
}
