//! `skiff attach`: the supervisor listens on a unix socket in the container's runtime dir and
//! copies the container's output to every attached client while it writes the log; input from a
//! client goes to the container's stdin (a pipe with `-i`) or its terminal (`-t`).
//!
//! Frames both ways: kind byte, u32 big-endian length, payload. Supervisor to client: STDOUT,
//! STDERR, EXIT (i32 code). Client to supervisor: STDIN, RESIZE (rows, cols as u16), STDIN_EOF.

use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

pub const STDOUT: u8 = 1;
pub const STDERR: u8 = 2;
pub const EXIT: u8 = 3;
pub const STDIN: u8 = 10;
pub const RESIZE: u8 = 11;
pub const STDIN_EOF: u8 = 12;

pub const SOCKET: &str = "attach.sock";

/// A path to `dir/attach.sock` short enough for sun_path (108 bytes), through an O_PATH fd of
/// the dir; the fd must stay open while the path is used.
pub fn short_path(dir: &Path) -> std::io::Result<(OwnedFd, PathBuf)> {
    short_socket_path(dir, SOCKET)
}

/// [`short_path`] for the socket `name` in `dir`.
pub fn short_socket_path(dir: &Path, name: &str) -> std::io::Result<(OwnedFd, PathBuf)> {
    let fd: OwnedFd = rustix::fs::open(
        dir,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    let p = PathBuf::from(format!("/proc/self/fd/{}/{name}", fd.as_raw_fd()));
    Ok((fd, p))
}

pub fn frame(kind: u8, payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(5 + payload.len());
    f.push(kind);
    f.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    f.extend_from_slice(payload);
    f
}

/// Read one frame (blocking); None at EOF.
pub fn read_frame(r: &mut impl Read) -> std::io::Result<Option<(u8, Vec<u8>)>> {
    let mut head = [0u8; 5];
    match r.read_exact(&mut head) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > 1 << 20 {
        return Err(std::io::Error::other("attach: oversized frame"));
    }
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload)?;
    Ok(Some((head[0], payload)))
}

struct Client {
    sock: UnixStream,
    /// Bytes received but not yet a whole frame.
    partial: Vec<u8>,
}

/// The supervisor's side.
pub struct Server {
    listener: UnixListener,
    clients: Vec<Client>,
    path: PathBuf,
}

impl Server {
    pub fn bind(rundir: &Path) -> std::io::Result<Server> {
        let _ = std::fs::remove_file(rundir.join(SOCKET));
        let (_dir, p) = short_path(rundir)?;
        let listener = UnixListener::bind(&p)?;
        listener.set_nonblocking(true)?;
        Ok(Server {
            listener,
            clients: Vec::new(),
            path: rundir.join(SOCKET),
        })
    }

    /// The fds to poll: the listener, then each client.
    pub fn fds(&self) -> Vec<BorrowedFd<'_>> {
        std::iter::once(self.listener.as_fd())
            .chain(self.clients.iter().map(|c| c.sock.as_fd()))
            .collect()
    }

    /// Take the clients waiting to be accepted (`start -a` of an initialized container connects
    /// before it starts it: it gets all of the output).
    pub fn accept_pending(&mut self) {
        while let Ok((s, _)) = self.listener.accept() {
            let _ = s.set_nonblocking(true);
            self.clients.push(Client {
                sock: s,
                partial: Vec::new(),
            });
        }
    }

    /// Handle readiness (`ready[i]` for `fds()[i]`); input goes to `input`, resizes to `tty`.
    /// True when a client ended its input (the container's stdin should be closed).
    pub fn handle(&mut self, ready: &[bool], input: Option<BorrowedFd<'_>>, tty: bool) -> bool {
        let mut eof = false;
        if ready.first() == Some(&true) {
            self.accept_pending();
        }
        let mut gone = Vec::new();
        for (i, c) in self.clients.iter_mut().enumerate() {
            if ready.get(i + 1) != Some(&true) {
                continue;
            }
            let mut buf = [0u8; 16 * 1024];
            match c.sock.read(&mut buf) {
                Ok(0) => gone.push(i),
                Ok(n) => {
                    c.partial.extend_from_slice(&buf[..n]);
                    while c.partial.len() >= 5 {
                        let len = u32::from_be_bytes([
                            c.partial[1],
                            c.partial[2],
                            c.partial[3],
                            c.partial[4],
                        ]) as usize;
                        if c.partial.len() < 5 + len {
                            break;
                        }
                        let f: Vec<u8> = c.partial.drain(..5 + len).collect();
                        eof |= f[0] == STDIN_EOF;
                        apply(f[0], &f[5..], input, tty);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => gone.push(i),
            }
        }
        for i in gone.into_iter().rev() {
            self.clients.remove(i);
        }
        eof
    }

    /// Copy output to every client; one that cannot keep up is dropped rather than stall the
    /// container (its output is in the log).
    pub fn broadcast(&mut self, kind: u8, data: &[u8]) {
        if self.clients.is_empty() {
            return;
        }
        let f = frame(kind, data);
        self.clients
            .retain_mut(|c| write_nonblocking(&mut c.sock, &f));
    }

    /// The container exited: tell the clients its code and let them go.
    pub fn exit(&mut self, code: i32) {
        let f = frame(EXIT, &code.to_be_bytes());
        for c in &mut self.clients {
            let _ = c.sock.set_nonblocking(false);
            let _ = c
                .sock
                .set_write_timeout(Some(std::time::Duration::from_secs(1)));
            let _ = c.sock.write_all(&f);
        }
        self.clients.clear();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn write_nonblocking(s: &mut UnixStream, mut data: &[u8]) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
    while !data.is_empty() {
        match s.write(data) {
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if std::time::Instant::now() > deadline {
                    return false;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(_) => return false,
        }
    }
    true
}

fn apply(kind: u8, payload: &[u8], input: Option<BorrowedFd<'_>>, tty: bool) {
    match (kind, input) {
        (STDIN, Some(fd)) => {
            let mut data = payload;
            while !data.is_empty() {
                match nix::unistd::write(fd, data) {
                    Ok(n) => data = &data[n..],
                    Err(nix::Error::EINTR) => {}
                    Err(_) => return,
                }
            }
        }
        (RESIZE, Some(fd)) if tty && payload.len() == 4 => {
            let ws = libc::winsize {
                ws_row: u16::from_be_bytes([payload[0], payload[1]]),
                ws_col: u16::from_be_bytes([payload[2], payload[3]]),
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            crate::sys::set_winsize(fd.as_raw_fd(), &ws);
        }
        _ => {}
    }
}
