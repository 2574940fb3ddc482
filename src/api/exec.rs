//! Exec instances: `POST /containers/{id}/exec` records what to run, `POST /exec/{id}/start`
//! runs it (detached, or hijacked with its stdio relayed: multiplexed without a tty, the raw
//! terminal with one), `GET /exec/{id}/json` tells whether it runs and its exit code (which the
//! docker CLI reads after the stream ends: it is recorded before the stream is closed).

use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::Stdio;
use std::sync::Arc;

use bollard_stubs::models::{ExecConfig, ExecStartConfig};
use bytes::Bytes;
use hyper::StatusCode;
use serde_json::json;

use super::containers::find;
use super::http::{blocking, empty, json, ok_json, read_json, ApiError, ApiResult, Feed};
use super::Call;
use crate::runtime::exec::ExecOptions;

pub struct Session {
    pub container: String,
    pub config: ExecConfig,
    pub running: bool,
    pub exit_code: Option<i32>,
    pub pid: i32,
    pub master: Option<Arc<OwnedFd>>,
    /// When it ended: ended instances are kept a while for `inspect`, then dropped.
    pub ended: Option<std::time::Instant>,
}

/// How long an ended exec instance stays inspectable (dockerd keeps them until the container
/// goes; a service that runs for days must not keep them all).
const KEEP_ENDED: std::time::Duration = std::time::Duration::from_secs(600);

/// docker's CLI (20.10) sends `Detach` and `Container` in the exec config too.
#[derive(serde::Deserialize, serde::Serialize)]
struct CreateBody {
    #[serde(flatten)]
    config: ExecConfig,
    #[serde(rename = "Detach", default, skip_serializing_if = "Option::is_none")]
    detach: Option<bool>,
    #[serde(rename = "Container", default, skip_serializing_if = "Option::is_none")]
    container: Option<String>,
}

pub async fn create(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let idc = id.to_string();
    let svc = call.svc.clone();
    let body: CreateBody = read_json(call.body()).await?;
    if body.config.cmd.as_ref().is_none_or(|c| c.is_empty()) {
        return Err(ApiError::bad("No exec command specified (Cmd is empty)"));
    }
    let c = blocking(move || find(&paths, &idc)).await?;
    if !c.process_alive() {
        return Err(ApiError::conflict(format!(
            "Container {} is not running",
            c.id
        )));
    }
    let exec_id = crate::state::names::random_id();
    let mut table = svc.execs.lock().expect("exec table");
    table.retain(|_, s| s.ended.is_none_or(|t| t.elapsed() < KEEP_ENDED));
    table.insert(
        exec_id.clone(),
        Session {
            container: c.id.clone(),
            config: body.config,
            running: false,
            exit_code: None,
            pid: 0,
            master: None,
            ended: None,
        },
    );
    drop(table);
    Ok(json(StatusCode::CREATED, &json!({"Id": exec_id})))
}

pub async fn start(mut call: Call, id: &str) -> ApiResult {
    let svc = call.svc.clone();
    let (container, cfg) = {
        let t = svc.execs.lock().expect("exec table");
        let s = t
            .get(id)
            .ok_or_else(|| ApiError::not_found(format!("No such exec instance: {id}")))?;
        if s.running || s.exit_code.is_some() {
            return Err(ApiError::conflict(format!(
                "exec instance {id} has already been started"
            )));
        }
        (s.container.clone(), s.config.clone())
    };
    let (on, _) = super::hijack::upgrade(&mut call, false);
    let body: ExecStartConfig = read_json(call.body()).await?;
    let detach = body.detach.unwrap_or(false);
    let tty = body.tty.or(cfg.tty).unwrap_or(false);
    let stdin = cfg.attach_stdin.unwrap_or(false) && !detach;
    let paths = svc.paths.clone();
    let opts = ExecOptions {
        args: cfg.cmd.clone().unwrap_or_default(),
        env: cfg.env.clone().unwrap_or_default(),
        user: cfg.user.clone().filter(|u| !u.is_empty()),
        workdir: cfg.working_dir.clone().filter(|w| !w.is_empty()),
        tty: tty && !detach,
        interactive: stdin,
        privileged: cfg.privileged.unwrap_or(false),
        preserve_fds: 0,
        detach,
        stdio: None,
    };
    let size = body.console_size.clone().or(cfg.console_size.clone());
    let exec_id = id.to_string();
    let op = super::helper::Op::Exec { container, opts };
    if detach {
        let mut child =
            super::helper::spawn(&paths, &op, Stdio::null(), Stdio::null(), Stdio::null())
                .map_err(ApiError::from)?;
        mark_started(&svc, &exec_id, child.id() as i32, None);
        let svc2 = svc.clone();
        std::thread::spawn(move || {
            let code = child.wait().ok().and_then(|s| s.code()).unwrap_or(-1);
            finish(&svc2, &exec_id, code);
        });
        return Ok(empty(StatusCode::OK));
    }
    // The helper's stdio: pipes (stdin a unix socket with a tty: the terminal comes back on it).
    let (ctl, out_r, err_r, mut child) = blocking(move || {
        let (err_r, err_w) = std::io::pipe()?;
        if tty {
            let (ours, theirs) = std::os::unix::net::UnixStream::pair()?;
            let child = super::helper::spawn(
                &paths,
                &op,
                Stdio::from(OwnedFd::from(theirs)),
                Stdio::null(),
                Stdio::from(err_w),
            )?;
            Ok((Some(ours), None, err_r, child))
        } else {
            let (out_r, out_w) = std::io::pipe()?;
            let stdin = if stdin { Stdio::piped() } else { Stdio::null() };
            let child =
                super::helper::spawn(&paths, &op, stdin, Stdio::from(out_w), Stdio::from(err_w))?;
            Ok((None, Some(out_r), err_r, child))
        }
    })
    .await?;
    // With a tty the terminal's master arrives on the socket (nothing arrives when the exec
    // failed: its message is on stderr).
    let master: Option<Arc<OwnedFd>> = match ctl {
        Some(sock) => {
            blocking(move || {
                use std::os::fd::AsFd;
                Ok(crate::sys::recv_with_fd(sock.as_fd())
                    .ok()
                    .and_then(|(_, fd)| fd)
                    .map(Arc::new))
            })
            .await?
        }
        None => None,
    };
    if let (Some(m), Some([h, w])) = (&master, size.as_deref()) {
        set_size(m, *h as u16, *w as u16);
    }
    mark_started(&svc, &exec_id, child.id() as i32, master.clone());
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(64);
    let (in_tx, mut in_rx) = tokio::sync::mpsc::channel::<Option<Bytes>>(16);
    let resp = match on {
        Some(on) => {
            super::hijack::pump(&svc, on, rx, stdin.then_some(in_tx));
            super::hijack::switching(tty)
        }
        None => {
            let (feed, resp) =
                super::http::streamed(StatusCode::OK, "application/vnd.docker.multiplexed-stream");
            let mut rx = rx;
            std::thread::spawn(move || {
                while let Some(b) = rx.blocking_recv() {
                    if !feed.send(b) {
                        return;
                    }
                }
            });
            resp
        }
    };
    // Client input to the command: the terminal, or the helper's stdin pipe.
    let input: Option<Box<dyn std::io::Write + Send>> = if !stdin {
        None
    } else if let Some(m) = &master {
        nix::unistd::dup(m.as_ref())
            .ok()
            .map(|fd| Box::new(std::fs::File::from(fd)) as Box<dyn std::io::Write + Send>)
    } else {
        child
            .stdin
            .take()
            .map(|s| Box::new(s) as Box<dyn std::io::Write + Send>)
    };
    if let Some(w) = input {
        std::thread::spawn(move || {
            let mut w = Some(w);
            while let Some(msg) = in_rx.blocking_recv() {
                let Some(b) = msg else {
                    // EOF for the command (a terminal's master stays open with us).
                    w = None;
                    continue;
                };
                let failed = w.as_mut().is_some_and(|f| f.write_all(&b).is_err());
                if failed {
                    return;
                }
            }
        });
    }
    let feed = Feed(tx);
    let active = super::Active::new(&svc);
    std::thread::spawn(move || {
        let _active = active;
        match (&master, &out_r) {
            (Some(m), _) => relay(&[(m.as_raw_fd(), 0), (err_r.as_raw_fd(), 0)], &feed),
            (None, Some(o)) => relay(&[(o.as_raw_fd(), 1), (err_r.as_raw_fd(), 2)], &feed),
            (None, None) => relay(&[(err_r.as_raw_fd(), if tty { 0 } else { 2 })], &feed),
        }
        let code = child.wait().ok().and_then(|s| s.code()).unwrap_or(-1);
        finish(&svc, &exec_id, code);
        drop(feed); // closes the stream: the client then asks for the exit code
    });
    Ok(resp)
}

/// Copy the readable fds (0 = raw, 1/2 = multiplexed stream) to the client until all end.
fn relay(fds: &[(i32, u8)], feed: &Feed) {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let mut open: Vec<(i32, u8)> = fds.to_vec();
    let mut buf = vec![0u8; 32 * 1024];
    while !open.is_empty() {
        let borrowed: Vec<_> = open
            .iter()
            .map(|(fd, _)| crate::sys::borrow_raw(*fd))
            .collect();
        let mut pfds: Vec<PollFd> = borrowed
            .iter()
            .map(|b| PollFd::new(*b, PollFlags::POLLIN))
            .collect();
        match poll(&mut pfds, PollTimeout::from(500u16)) {
            Ok(0) => {
                if feed.closed() {
                    return;
                }
                continue;
            }
            Ok(_) => {}
            Err(nix::Error::EINTR) => continue,
            Err(_) => return,
        }
        let ready: Vec<bool> = pfds
            .iter()
            .map(|p| p.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(pfds);
        let mut closed = Vec::new();
        for (i, r) in ready.iter().enumerate() {
            if !r {
                continue;
            }
            let (fd, kind) = open[i];
            match nix::unistd::read(crate::sys::borrow_raw(fd), &mut buf) {
                Ok(0) | Err(_) => closed.push(i),
                Ok(n) => {
                    let ok = if kind == 0 {
                        feed.send(Bytes::copy_from_slice(&buf[..n]))
                    } else {
                        feed.send(super::hijack::mux(kind, &buf[..n]))
                    };
                    if !ok {
                        return;
                    }
                }
            }
        }
        for i in closed.into_iter().rev() {
            open.remove(i);
        }
    }
}

fn mark_started(svc: &super::Service, id: &str, pid: i32, master: Option<Arc<OwnedFd>>) {
    if let Some(s) = svc.execs.lock().expect("exec table").get_mut(id) {
        s.running = true;
        s.pid = pid;
        s.master = master;
    }
}

fn finish(svc: &super::Service, id: &str, code: i32) {
    if let Some(s) = svc.execs.lock().expect("exec table").get_mut(id) {
        s.running = false;
        s.exit_code = Some(code);
        s.master = None;
        s.ended = Some(std::time::Instant::now());
    }
}

fn set_size(m: &OwnedFd, rows: u16, cols: u16) {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    crate::sys::set_winsize(m.as_raw_fd(), &ws);
}

pub async fn resize(call: Call, id: &str) -> ApiResult {
    let h = call.query.int("h")?.unwrap_or(0).clamp(0, 65535) as u16;
    let w = call.query.int("w")?.unwrap_or(0).clamp(0, 65535) as u16;
    let t = call.svc.execs.lock().expect("exec table");
    let s = t
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("No such exec instance: {id}")))?;
    if let Some(m) = &s.master {
        if h > 0 && w > 0 {
            set_size(m, h, w);
        }
    }
    Ok(empty(StatusCode::CREATED))
}

pub async fn inspect(call: Call, id: &str) -> ApiResult {
    let v = {
        let t = call.svc.execs.lock().expect("exec table");
        let s = t
            .get(id)
            .ok_or_else(|| ApiError::not_found(format!("No such exec instance: {id}")))?;
        let cmd = s.config.cmd.clone().unwrap_or_default();
        json!({
            "ID": id,
            "Running": s.running,
            "ExitCode": s.exit_code,
            "ProcessConfig": {
                "tty": s.config.tty.unwrap_or(false),
                "entrypoint": cmd.first().cloned().unwrap_or_default(),
                "arguments": cmd.get(1..).unwrap_or_default(),
                "privileged": s.config.privileged.unwrap_or(false),
                "user": s.config.user.clone().unwrap_or_default(),
            },
            "OpenStdin": s.config.attach_stdin.unwrap_or(false),
            "OpenStderr": s.config.attach_stderr.unwrap_or(false),
            "OpenStdout": s.config.attach_stdout.unwrap_or(false),
            "CanRemove": !s.running,
            "ContainerID": s.container,
            "DetachKeys": s.config.detach_keys.clone().unwrap_or_default(),
            "Pid": s.pid,
        })
    };
    ok_json(&v)
}
