//! Container output to clients: `logs` (a streamed body) and `attach` (docker's hijack: the
//! client asks for `Upgrade: tcp`, gets `101 UPGRADED` and the raw connection). Without a tty
//! the output is multiplexed: an 8-byte header (stream 1 stdout or 2 stderr, three zero bytes, a
//! big-endian u32 length) before each chunk.
//!
//! Output comes from the container's log (read from a descriptor opened before the container
//! starts, so that an `--rm` container removed before we read still delivers everything it
//! printed); with stdin, or a log driver that keeps no file, from the supervisor's attach socket.

use std::io::{Read, Seek, SeekFrom};
use std::time::Duration;

use bytes::Bytes;
use hyper::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::containers::{find, store};
use super::http::{blocking, streamed, ApiError, ApiResult, Feed, Resp};
use super::Call;
use crate::runtime::attach as sup;
use crate::state::{Container, ContainerStore, Status};

/// One multiplexed frame.
pub fn mux(stream: u8, data: &[u8]) -> Bytes {
    let mut v = Vec::with_capacity(8 + data.len());
    v.extend_from_slice(&[stream, 0, 0, 0]);
    v.extend_from_slice(&(data.len() as u32).to_be_bytes());
    v.extend_from_slice(data);
    Bytes::from(v)
}

fn content_type(tty: bool) -> &'static str {
    if tty {
        "application/vnd.docker.raw-stream"
    } else {
        "application/vnd.docker.multiplexed-stream"
    }
}

/// Which streams a client asked for.
#[derive(Clone, Copy)]
struct Streams {
    stdout: bool,
    stderr: bool,
}

/// `logs?stdout&stderr&follow&since&until&timestamps&tail`.
pub async fn logs(call: Call, id: &str) -> ApiResult {
    let q = &call.query;
    let streams = Streams {
        stdout: q.flag("stdout"),
        stderr: q.flag("stderr"),
    };
    if !streams.stdout && !streams.stderr {
        return Err(ApiError::bad(
            "Bad parameters: you must choose at least one stream (stdout=1 and/or stderr=1)",
        ));
    }
    let follow = q.flag("follow");
    let timestamps = q.flag("timestamps");
    let tail =
        crate::cli::logs::parse_tail(q.get("tail")).map_err(|e| ApiError::bad(format!("{e:#}")))?;
    let time = |k: &str| -> Result<Option<f64>, ApiError> {
        match q.get(k).filter(|s| !s.is_empty() && *s != "0") {
            None => Ok(None),
            Some(s) => crate::cli::logs::parse_time(s)
                .map(Some)
                .map_err(|e| ApiError::bad(format!("invalid {k}: {e:#}"))),
        }
    };
    let (since, until) = (time("since")?, time("until")?);
    let paths = call.paths();
    let idc = id.to_string();
    let c = blocking(move || find(&paths, &idc)).await?;
    if matches!(
        c.spec.log.driver.as_str(),
        "none" | "passthrough" | "journald"
    ) {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!(
                "configured logging driver does not support reading: {} uses the {} driver",
                c.name, c.spec.log.driver
            ),
        ));
    }
    let tty = c.spec.tty;
    let (feed, resp) = streamed(StatusCode::OK, content_type(tty));
    let active = super::Active::new(&call.svc);
    let paths = call.paths();
    std::thread::spawn(move || {
        let _active = active;
        let Ok(cstore) = store(&paths) else { return };
        let mut each = |r: &crate::cli::logs::Record| -> std::io::Result<()> {
            if !emit(
                &feed,
                tty,
                streams,
                r.stderr,
                timestamps.then_some(r.ts),
                r.text,
                r.partial,
            ) {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            Ok(())
        };
        let _ = crate::cli::logs::read(
            &cstore,
            &c,
            crate::cli::logs::Reader {
                follow,
                tail,
                since,
                until,
                each: &mut each,
            },
        );
    });
    Ok(resp)
}

/// Send one record to the client; false when it went away.
fn emit(
    feed: &Feed,
    tty: bool,
    streams: Streams,
    stderr: bool,
    ts: Option<&str>,
    text: &[u8],
    partial: bool,
) -> bool {
    if (stderr && !streams.stderr) || (!stderr && !streams.stdout) {
        return true;
    }
    let mut line = Vec::with_capacity(text.len() + 40);
    if let Some(ts) = ts {
        line.extend_from_slice(ts.as_bytes());
        line.push(b' ');
    }
    line.extend_from_slice(text);
    if !partial {
        line.push(b'\n');
    }
    if tty {
        feed.send(line)
    } else {
        feed.send(mux(if stderr { 2 } else { 1 }, &line))
    }
}

/// The 101 answer of a hijack, or a plain 200 stream for a client that did not ask to upgrade.
pub fn upgrade(call: &mut Call, tty: bool) -> (Option<hyper::upgrade::OnUpgrade>, bool) {
    let wants = call
        .header("Upgrade")
        .is_some_and(|u| u.eq_ignore_ascii_case("tcp"));
    if wants {
        (Some(hyper::upgrade::on(&mut call.req)), tty)
    } else {
        (None, tty)
    }
}

pub fn switching(tty: bool) -> Resp {
    let mut r = super::http::empty(StatusCode::SWITCHING_PROTOCOLS);
    let h = r.headers_mut();
    h.insert("Connection", "Upgrade".parse().expect("static"));
    h.insert("Upgrade", "tcp".parse().expect("static"));
    h.insert("Content-Type", content_type(tty).parse().expect("static"));
    r
}

/// Copy what a blocking producer feeds to the hijacked connection; client input goes to
/// `input` (when given). The connection is closed when the producer is done.
pub fn pump(
    svc: &std::sync::Arc<super::Service>,
    on: hyper::upgrade::OnUpgrade,
    mut out: tokio::sync::mpsc::Receiver<Bytes>,
    input: Option<tokio::sync::mpsc::Sender<Option<Bytes>>>,
) {
    let active = super::Active::new(svc);
    tokio::spawn(async move {
        let _active = active;
        let Ok(up) = on.await else { return };
        let io = hyper_util::rt::TokioIo::new(up);
        let (mut rd, mut wr) = tokio::io::split(io);
        let reader = async move {
            let Some(tx) = input else {
                // Nothing to read: wait until the client goes (or forever).
                let mut buf = [0u8; 512];
                while matches!(rd.read(&mut buf).await, Ok(n) if n > 0) {}
                return;
            };
            let mut buf = vec![0u8; 32 * 1024];
            loop {
                match rd.read(&mut buf).await {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(None).await;
                        return;
                    }
                    Ok(n) => {
                        if tx
                            .send(Some(Bytes::copy_from_slice(&buf[..n])))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            }
        };
        let writer = async move {
            while let Some(b) = out.recv().await {
                if wr.write_all(&b).await.is_err() {
                    return;
                }
                let _ = wr.flush().await;
            }
            let _ = wr.shutdown().await;
        };
        // The reader may outlive the writer (a client that never closes): the writer decides.
        tokio::pin!(writer);
        tokio::pin!(reader);
        tokio::select! {
            _ = &mut writer => {}
            _ = async { (&mut reader).await; std::future::pending::<()>().await } => {}
        }
    });
}

/// `attach?stream&stdin&stdout&stderr&logs`.
pub async fn attach(mut call: Call, id: &str) -> ApiResult {
    let q = call.query.clone();
    let streams = Streams {
        stdout: q.flag("stdout"),
        stderr: q.flag("stderr"),
    };
    let want_stdin = q.flag("stdin");
    let with_logs = q.flag("logs");
    let stream = q.flag("stream");
    let paths = call.paths();
    let idc = id.to_string();
    let (c, held) = blocking(move || {
        let c = find(&paths, &idc)?;
        let cstore = store(&paths)?;
        Ok((c.clone(), hold_log(&cstore, &c)))
    })
    .await?;
    let tty = c.spec.tty;
    let (on, _) = upgrade(&mut call, tty);
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(64);
    let feed = Feed(tx);
    let paths = call.paths();
    // Output from the held log when there is one (complete from the first byte); stdin, and
    // output without a log file, through the supervisor's socket.
    let stdin_wanted = want_stdin && c.spec.stdin;
    let (in_tx, in_rx) = tokio::sync::mpsc::channel::<Option<Bytes>>(16);
    let resp = match on {
        Some(on) => {
            pump(&call.svc, on, rx, stdin_wanted.then_some(in_tx));
            switching(tty)
        }
        None => {
            let stream = futures_util::stream::unfold(rx, |mut rx| async move {
                rx.recv()
                    .await
                    .map(|b| (Ok::<_, std::io::Error>(hyper::body::Frame::data(b)), rx))
            });
            hyper::Response::builder()
                .status(StatusCode::OK)
                .header("Content-Type", content_type(tty))
                .body(http_body_util::BodyExt::boxed(
                    http_body_util::StreamBody::new(stream),
                ))
                .expect("static response parts")
        }
    };
    let active = super::Active::new(&call.svc);
    std::thread::spawn(move || {
        let _active = active;
        let Ok(cstore) = store(&paths) else { return };
        if with_logs && !stream {
            // Only the past output.
            let mut each = |r: &crate::cli::logs::Record| -> std::io::Result<()> {
                emit(&feed, tty, streams, r.stderr, None, r.text, r.partial)
                    .then_some(())
                    .ok_or(std::io::ErrorKind::BrokenPipe.into())
            };
            let _ = crate::cli::logs::read(
                &cstore,
                &c,
                crate::cli::logs::Reader {
                    follow: false,
                    tail: None,
                    since: None,
                    until: None,
                    each: &mut each,
                },
            );
            return;
        }
        match held {
            None => through_socket(&cstore, &c, &feed, tty, streams, in_rx),
            Some((file, pos)) => {
                let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
                if stdin_wanted {
                    let (c2, d2, p2) = (c.clone(), done.clone(), paths.clone());
                    std::thread::spawn(move || {
                        if let Ok(cs) = store(&p2) {
                            input_only(&cs, &c2, &d2, in_rx);
                        }
                    });
                }
                follow_held(
                    &cstore,
                    &c,
                    file,
                    if with_logs { 0 } else { pos },
                    &feed,
                    tty,
                    streams,
                );
                done.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    Ok(resp)
}

/// The supervisor's attach socket, once the container runs (None when it ended first, or
/// `gone()` says the client did).
fn connect_when_running(
    cstore: &ContainerStore,
    c: &Container,
    gone: &dyn Fn() -> bool,
) -> Option<std::os::unix::net::UnixStream> {
    loop {
        if gone() {
            return None;
        }
        match cstore.load(&c.id) {
            Err(_) => return None,
            Ok(n) if n.state.status == Status::Running && n.supervisor_alive() => {
                if let Ok((_d, path)) = sup::short_path(&cstore.run_path(&c.id)) {
                    if let Ok(s) = std::os::unix::net::UnixStream::connect(&path) {
                        return Some(s);
                    }
                }
            }
            Ok(n)
                if n.state.status == Status::Exited
                    && n.state.finished_at != c.state.finished_at =>
            {
                return None
            }
            Ok(_) => {}
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Client input to the container's stdin through its supervisor (the output comes from the
/// log); what the client sends before the container runs waits in the channel.
fn input_only(
    cstore: &ContainerStore,
    c: &Container,
    done: &std::sync::atomic::AtomicBool,
    mut input: tokio::sync::mpsc::Receiver<Option<Bytes>>,
) {
    let gone = || done.load(std::sync::atomic::Ordering::SeqCst);
    let Some(sock) = connect_when_running(cstore, c, &gone) else {
        return;
    };
    // The supervisor copies output to every client: read it (and drop it) so it never waits.
    if let Ok(mut r) = sock.try_clone() {
        std::thread::spawn(move || while let Ok(Some(_)) = sup::read_frame(&mut r) {});
    }
    let mut w = sock;
    while let Some(msg) = input.blocking_recv() {
        let frame = match msg {
            Some(b) => sup::frame(sup::STDIN, &b),
            None => sup::frame(sup::STDIN_EOF, &[]),
        };
        if std::io::Write::write_all(&mut w, &frame).is_err() {
            return;
        }
    }
}

/// The container's log file opened (created if need be) before it starts, and its size now.
fn hold_log(cstore: &ContainerStore, c: &Container) -> Option<(std::fs::File, u64)> {
    if matches!(
        c.spec.log.driver.as_str(),
        "none" | "passthrough" | "journald"
    ) {
        return None;
    }
    let path = crate::runtime::logfile::log_path(cstore, &c.id, &c.spec.log);
    let f = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)
        .ok()?;
    let pos = f.metadata().ok()?.len();
    Some((f, pos))
}

/// Follow the held log from `pos` until the container has run and stopped (or was removed).
fn follow_held(
    cstore: &ContainerStore,
    c: &Container,
    mut file: std::fs::File,
    mut pos: u64,
    feed: &Feed,
    tty: bool,
    streams: Streams,
) {
    let first_finish = c.state.finished_at;
    let mut started = c.state.status == Status::Running;
    let mut pending = Vec::new();
    let mut drain = |file: &mut std::fs::File, pos: &mut u64| -> bool {
        if file.seek(SeekFrom::Start(*pos)).is_err() {
            return false;
        }
        let before = pending.len();
        if file.read_to_end(&mut pending).is_err() {
            return false;
        }
        *pos += (pending.len() - before) as u64;
        let end = pending
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        for line in pending[..end]
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
        {
            let mut parts = line.splitn(4, |b| *b == b' ');
            let (_, stream, flag) = (parts.next(), parts.next(), parts.next());
            let text = parts.next().unwrap_or(b"");
            if !emit(
                feed,
                tty,
                streams,
                stream == Some(b"stderr"),
                None,
                text,
                flag == Some(b"P"),
            ) {
                return false;
            }
        }
        pending.drain(..end);
        true
    };
    loop {
        if !drain(&mut file, &mut pos) || feed.closed() {
            return;
        }
        let now = cstore.load(&c.id);
        let over = match &now {
            Err(_) => true,
            Ok(n) => {
                started |= n.state.status == Status::Running || n.state.finished_at != first_finish;
                started && n.state.status != Status::Running && n.state.status != Status::Paused
            }
        };
        if over {
            // The supervisor's last flush comes before it records the exit.
            drain(&mut file, &mut pos);
            return;
        }
        std::thread::sleep(Duration::from_millis(15));
    }
}

/// Output and input through the supervisor's attach socket (once the container runs).
fn through_socket(
    cstore: &ContainerStore,
    c: &Container,
    feed: &Feed,
    tty: bool,
    streams: Streams,
    mut input: tokio::sync::mpsc::Receiver<Option<Bytes>>,
) {
    // Wait for the supervisor (a created container is started after the attach).
    let Some(mut sock) = connect_when_running(cstore, c, &|| feed.closed()) else {
        return;
    };
    // Client input, in its own thread: STDIN frames, STDIN_EOF when the client closes.
    if let Ok(mut w) = sock.try_clone() {
        std::thread::spawn(move || {
            while let Some(msg) = input.blocking_recv() {
                let frame = match msg {
                    Some(b) => sup::frame(sup::STDIN, &b),
                    None => sup::frame(sup::STDIN_EOF, &[]),
                };
                if std::io::Write::write_all(&mut w, &frame).is_err() {
                    return;
                }
            }
        });
    }
    loop {
        match sup::read_frame(&mut sock) {
            Ok(Some((k @ (sup::STDOUT | sup::STDERR), d))) => {
                let stderr = k == sup::STDERR;
                if (stderr && !streams.stderr) || (!stderr && !streams.stdout) {
                    continue;
                }
                let ok = if tty {
                    feed.send(d)
                } else {
                    feed.send(mux(k, &d))
                };
                if !ok {
                    return;
                }
            }
            Ok(Some((sup::EXIT, _))) | Ok(None) | Err(_) => return,
            Ok(Some(_)) => {}
        }
    }
}

/// Tell the supervisor of a tty container its new size.
pub fn send_resize(cstore: &ContainerStore, c: &Container, rows: u16, cols: u16) {
    if let Ok((_d, path)) = sup::short_path(&cstore.run_path(&c.id)) {
        if let Ok(mut s) = std::os::unix::net::UnixStream::connect(&path) {
            let mut p = rows.to_be_bytes().to_vec();
            p.extend_from_slice(&cols.to_be_bytes());
            let _ = std::io::Write::write_all(&mut s, &sup::frame(sup::RESIZE, &p));
        }
    }
}
