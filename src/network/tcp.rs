//! TCP through the forwarder. Each accepted host connection gets a connection to the container
//! port made from inside the container's network namespace, and the bytes are copied both ways:
//! small messages (requests, responses) with read/send through a small buffer, which costs fewer
//! syscalls than a pipe; a direction whose read fills the buffer switches to splice(2) through a
//! pipe, so bulk data never enters user space.
//!
//! Readiness is tracked per socket from edge-triggered events: a short read means the receive
//! queue was emptied, so no read is spent on EAGAIN; a short send means the send buffer is full.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::OwnedFd;

use rustix::event::epoll::EventFlags;
use rustix::io::Errno;
use rustix::net::{AddressFamily, SendFlags, Shutdown, SocketFlags, SocketType};
use rustix::pipe::SpliceFlags;

use super::relay::{Relay, Slot};

/// Largest read through user space; a read that fills it means bulk.
const BUF: usize = 16 * 1024;
/// Pipe size for the splice path.
const PIPE: usize = 1 << 20;

pub(super) struct Listener {
    pub fd: OwnedFd,
    /// The container port its connections go to.
    pub port: u16,
}

/// Accept every pending connection on the listener in slot `i`.
pub(super) fn accept(relay: &mut Relay, i: usize, l: &Listener) {
    loop {
        match rustix::net::accept_with(&l.fd, SocketFlags::NONBLOCK | SocketFlags::CLOEXEC) {
            Ok(client) => {
                // Nothing listens on the container port: dropping the client closes it.
                let Ok(upstream) = connect_inside(l.port) else {
                    continue;
                };
                let conn = Slot::TcpConn(Box::new(Conn::new(client, upstream)));
                let _ = relay.insert(conn, EventFlags::IN | EventFlags::OUT | EventFlags::RDHUP);
            }
            Err(Errno::AGAIN) => return,
            Err(Errno::INTR) | Err(Errno::CONNABORTED) => {}
            Err(_) => {
                // EMFILE and the like: retry shortly (the edge that woke us is spent).
                relay.retry.push(i);
                return;
            }
        }
    }
}

/// The container side: its loopback, IPv4 first, then IPv6 for servers bound to [::1] only.
/// A loopback handshake completes (or is refused) within connect(2) itself, so the result is
/// read right away instead of after a round through epoll; a connection still pending (the
/// server's backlog is full) finishes, or fails, later like any other socket event.
fn connect_inside(port: u16) -> io::Result<OwnedFd> {
    let mut last = io::Error::from(io::ErrorKind::ConnectionRefused);
    for addr in [
        SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        SocketAddr::from((Ipv6Addr::LOCALHOST, port)),
    ] {
        let family = if addr.is_ipv4() {
            AddressFamily::INET
        } else {
            AddressFamily::INET6
        };
        let fd = rustix::net::socket_with(
            family,
            SocketType::STREAM,
            SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
            None,
        )?;
        match rustix::net::connect(&fd, &addr) {
            Ok(()) => {}
            Err(Errno::INPROGRESS) => {
                if let Err(e) = rustix::net::sockopt::socket_error(&fd)? {
                    last = e.into();
                    continue;
                }
            }
            Err(e) => {
                last = e.into();
                continue;
            }
        }
        // The client socket has TCP_NODELAY from its listener.
        let _ = rustix::net::sockopt::set_tcp_nodelay(&fd, true);
        return Ok(fd);
    }
    Err(last)
}

pub(super) enum State {
    Open,
    Closed,
}

/// A proxied connection: side 0 is the host client, side 1 the container's server.
pub(super) struct Conn {
    pub fd: [OwnedFd; 2],
    readable: [bool; 2],
    writable: [bool; 2],
    /// The peer on this side closed its end: whatever is left to read ends in EOF, and no
    /// further edge will announce it.
    closed: [bool; 2],
    /// `dir[s]`: what was read from side `s`, on its way to the other side.
    dir: [Dir; 2],
}

#[derive(Default)]
struct Dir {
    /// Bytes read but not yet taken by the other side (empty unless it pushed back).
    buf: Vec<u8>,
    /// How much of `buf` has been sent since.
    sent: usize,
    /// Set once a read filled the buffer: from then on, splice.
    pipe: Option<Pipe>,
    /// The source reached EOF.
    eof: bool,
    /// EOF seen and everything delivered: the direction is over.
    done: bool,
}

struct Pipe {
    r: OwnedFd,
    w: OwnedFd,
    cap: usize,
    /// Bytes in the pipe not yet spliced out.
    held: usize,
}

impl Dir {
    fn pending(&self) -> bool {
        self.sent < self.buf.len() || self.pipe.as_ref().is_some_and(|p| p.held > 0)
    }
}

impl Conn {
    fn new(client: OwnedFd, upstream: OwnedFd) -> Conn {
        Conn {
            fd: [client, upstream],
            readable: [false; 2],
            writable: [false; 2],
            closed: [false; 2],
            dir: [Dir::default(), Dir::default()],
        }
    }

    /// `scratch` (at least BUF bytes) is where reads land; only what cannot be sent at once is
    /// kept, so an idle connection holds no buffer.
    pub fn on_event(&mut self, side: usize, flags: EventFlags, scratch: &mut [u8]) -> State {
        let problem = EventFlags::HUP | EventFlags::ERR;
        if flags.intersects(EventFlags::IN | EventFlags::RDHUP | problem) {
            self.readable[side] = true;
        }
        if flags.intersects(EventFlags::RDHUP | problem) {
            self.closed[side] = true;
        }
        if flags.intersects(EventFlags::OUT | problem) {
            self.writable[side] = true;
        }
        for s in [0, 1] {
            if self.pump(s, scratch).is_err() {
                return State::Closed;
            }
        }
        if self.dir[0].done && self.dir[1].done {
            State::Closed
        } else {
            State::Open
        }
    }

    /// Move bytes from side `s` to the other side as far as readiness allows.
    fn pump(&mut self, s: usize, scratch: &mut [u8]) -> io::Result<()> {
        let o = 1 - s;
        loop {
            if self.dir[s].pending() && (!self.writable[o] || !self.flush(s)?) {
                return Ok(());
            }
            let d = &mut self.dir[s];
            if d.eof {
                if !d.done {
                    d.done = true;
                    // Half-close, so the other direction can still finish; when it already
                    // has, both sockets are about to be closed, which sends the FIN anyway.
                    if !self.dir[o].done {
                        rustix::net::shutdown(&self.fd[o], Shutdown::Write)?;
                    }
                }
                return Ok(());
            }
            if !self.readable[s] {
                return Ok(());
            }
            match self.fill(s, scratch) {
                Ok(0) => self.dir[s].eof = true,
                Ok(_) => {}
                Err(Errno::AGAIN) => {
                    self.readable[s] = false;
                    return Ok(());
                }
                Err(Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Read from side `s` (nothing of it is pending) and pass it on: through the pipe in bulk
    /// mode, else through `scratch`, sent at once as far as the other side takes it.
    fn fill(&mut self, s: usize, scratch: &mut [u8]) -> Result<usize, Errno> {
        let o = 1 - s;
        let d = &mut self.dir[s];
        if let Some(p) = &mut d.pipe {
            let n = rustix::pipe::splice(&self.fd[s], None, &p.w, None, p.cap, splice_flags())?;
            p.held = n;
            return Ok(n);
        }
        let n = rustix::io::read(&self.fd[s], &mut scratch[..BUF])?;
        if n < BUF && !self.closed[s] {
            // A short read emptied the receive queue: wait for the next event.
            self.readable[s] = false;
        } else if n == BUF {
            // Bulk: splice from now on (stay with the buffer if no pipe can be had).
            d.pipe = new_pipe().ok();
        }
        let mut sent = 0;
        while sent < n && self.writable[o] {
            match rustix::net::send(&self.fd[o], &scratch[sent..n], SendFlags::NOSIGNAL) {
                Ok(m) => sent += m,
                Err(Errno::AGAIN) => self.writable[o] = false,
                Err(Errno::INTR) => {}
                Err(e) => return Err(e),
            }
        }
        if sent < n {
            d.buf.extend_from_slice(&scratch[sent..n]);
            d.sent = 0;
        }
        Ok(n)
    }

    /// Send direction `s`'s pending bytes to the other side. False when they did not all fit.
    fn flush(&mut self, s: usize) -> io::Result<bool> {
        let o = 1 - s;
        let d = &mut self.dir[s];
        loop {
            let r = if d.sent < d.buf.len() {
                rustix::net::send(&self.fd[o], &d.buf[d.sent..], SendFlags::NOSIGNAL).map(|n| {
                    d.sent += n;
                    if d.sent == d.buf.len() {
                        // Delivered: give the memory back (this only happens under backpressure).
                        d.buf = Vec::new();
                        d.sent = 0;
                    }
                })
            } else if let Some(p) = d.pipe.as_mut().filter(|p| p.held > 0) {
                rustix::pipe::splice(&p.r, None, &self.fd[o], None, p.held, splice_flags())
                    .map(|n| p.held -= n)
            } else {
                return Ok(true);
            };
            match r {
                Ok(()) => {}
                Err(Errno::AGAIN) => {
                    self.writable[o] = false;
                    return Ok(false);
                }
                Err(Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
}

fn splice_flags() -> SpliceFlags {
    SpliceFlags::MOVE | SpliceFlags::NONBLOCK
}

fn new_pipe() -> Result<Pipe, Errno> {
    let (r, w) = rustix::pipe::pipe_with(
        rustix::pipe::PipeFlags::CLOEXEC | rustix::pipe::PipeFlags::NONBLOCK,
    )?;
    // Bigger is fewer syscalls; the per-user pipe budget may refuse, then the default stays.
    let cap = rustix::pipe::fcntl_setpipe_size(&w, PIPE).unwrap_or(64 * 1024);
    Ok(Pipe { r, w, cap, held: 0 })
}
