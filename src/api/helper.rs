//! Engine operations the service runs in a helper process of its own binary. The service is
//! multi-threaded (Tokio), and the engine's namespace work (joining a container's namespaces to
//! exec or copy, entering the rootless network namespace to connect a running container, a
//! build's RUN steps) forks, which is only sound in a single-threaded process. The helper,
//! `skiff internal-op`, gets one typed operation (the engine's own option types, as JSON in
//! `SKIFF_OP`: never CLI strings), runs it and exits with its status; its stdio are whatever the
//! service hands it (an exec's pipes, or a pipe that collects an error message).

use std::io::Read;
use std::process::{Child, Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::network::NetAttach;
use crate::runtime::copy::{CopyOptions, Direction};
use crate::runtime::exec::ExecOptions;
use crate::state::ContainerStore;
use crate::storage::Paths;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Op {
    /// Run a command in a container; with a tty, the terminal's master goes back through stdin
    /// (a unix socket) and the helper only waits. Exits with the command's status.
    Exec {
        container: String,
        opts: ExecOptions,
    },
    /// `cp` into or out of a container.
    Copy {
        container: String,
        dir: Direction,
        opts: CopyOptions,
    },
    /// Attach a container to one more network (also while it runs), or detach it.
    Connect {
        container: String,
        attach: NetAttach,
    },
    Disconnect {
        container: String,
        network: String,
    },
}

/// Start the helper for `op` with the given stdio.
pub fn spawn(
    paths: &Paths,
    op: &Op,
    stdin: Stdio,
    stdout: Stdio,
    stderr: Stdio,
) -> anyhow::Result<Child> {
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.arg("--root")
        .arg(&paths.root)
        .arg("--runroot")
        .arg(&paths.runroot)
        .arg("internal-op")
        .env("SKIFF_OP", serde_json::to_string(op)?)
        .stdin(stdin)
        .stdout(stdout)
        .stderr(stderr);
    // Its signals start unblocked whatever this thread has blocked.
    crate::sys::unblock_signals_on_exec(&mut cmd);
    Ok(cmd.spawn()?)
}

/// Run `op` to its end: Ok, or the helper's error message (with a 4xx/5xx status by its exit
/// code: 4 not found, 2 the request's fault, else the server's).
pub fn run(paths: &Paths, op: &Op) -> anyhow::Result<()> {
    let mut child = spawn(paths, op, Stdio::null(), Stdio::null(), Stdio::piped())?;
    let mut msg = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut msg);
    }
    let st = child.wait()?;
    if st.success() {
        return Ok(());
    }
    let msg = msg.trim().trim_start_matches("Error: ").to_string();
    let code = match st.code() {
        Some(4) => hyper::StatusCode::NOT_FOUND,
        Some(2) => hyper::StatusCode::BAD_REQUEST,
        Some(3) => hyper::StatusCode::CONFLICT,
        _ => hyper::StatusCode::INTERNAL_SERVER_ERROR,
    };
    Err(super::http::status(code, msg))
}

/// `internal-op`: run the operation in `SKIFF_OP`.
pub fn main(paths: &Paths) -> anyhow::Result<i32> {
    let op: Op = serde_json::from_str(&std::env::var("SKIFF_OP")?)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let fail = |code: i32, e: anyhow::Error| -> anyhow::Result<i32> {
        eprintln!("{e:#}");
        Ok(code)
    };
    let find = |id: &str| cstore.find(id);
    match op {
        Op::Exec { container, opts } => {
            let c = match find(&container) {
                Ok(c) => c,
                Err(e) => return fail(126, e.into()),
            };
            let started = match crate::runtime::exec::start(&c, &opts) {
                Ok(s) => s,
                Err(e) => {
                    let code = crate::error::exit_code_of(&e);
                    return fail(
                        if code == crate::error::EXIT_SKIFF {
                            126
                        } else {
                            code
                        },
                        e,
                    );
                }
            };
            if let Some(m) = &started.master {
                use std::os::fd::AsRawFd;
                let _ = crate::sys::send_fd(crate::sys::borrow_raw(0), m.as_raw_fd());
            }
            let pid = started.pid;
            drop(started);
            use nix::sys::wait::{waitpid, WaitStatus};
            loop {
                match waitpid(pid, None) {
                    Ok(WaitStatus::Exited(_, c)) => return Ok(c),
                    Ok(WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
                    Err(nix::Error::EINTR) | Ok(_) => continue,
                    Err(e) => return fail(126, e.into()),
                }
            }
        }
        Op::Copy {
            container,
            dir,
            opts,
        } => {
            let c = match find(&container) {
                Ok(c) => c,
                Err(e) => return fail(4, e.into()),
            };
            match crate::runtime::copy::copy(&cstore, &c, &dir, opts) {
                Ok(()) => Ok(0),
                Err(e) => {
                    let m = format!("{e:#}");
                    let code = if m.contains("No such file") || m.contains("not found") {
                        4
                    } else {
                        2
                    };
                    fail(code, e)
                }
            }
        }
        Op::Connect { container, attach } => {
            match crate::cli::network::connect(paths, &cstore, &container, attach) {
                Ok(()) => Ok(0),
                Err(e) => fail(3, e),
            }
        }
        Op::Disconnect { container, network } => {
            match crate::cli::network::disconnect(paths, &cstore, &container, &network) {
                Ok(()) => Ok(0),
                Err(e) => fail(3, e),
            }
        }
    }
}
