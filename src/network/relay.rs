//! The forwarder's event loop: one thread, one edge-triggered epoll set, every socket in a slab
//! of slots whose index (and, for TCP, which side) is the epoll token.
//!
//! Against the tokio version it replaced (`tests/bench/bench.py net`, 2-core VM): the same
//! keep-alive rate (the process's own session, see `forward::spawn`, was what moved that), but
//! fewer syscalls and scheduler rounds per new connection (47-49% of the direct rate -> 51-55%),
//! and no per-connection buffers or task allocations.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::time::Duration;

use rustix::event::epoll;
use rustix::io::Errno;

use super::{tcp, udp};

/// What a slot holds.
pub(super) enum Slot {
    Free,
    TcpListener(tcp::Listener),
    TcpConn(Box<tcp::Conn>),
    UdpListener(udp::Listener),
    UdpSession(udp::Session),
}

/// How often idle UDP sessions are looked for, while there are any.
const SWEEP: Duration = Duration::from_secs(5);
/// Retry delay for accept after running out of descriptors or memory.
const ACCEPT_RETRY: Duration = Duration::from_millis(20);

pub(super) struct Relay {
    ep: OwnedFd,
    pub(super) slots: Vec<Slot>,
    free: Vec<usize>,
    /// Freed during the current batch of events: reused only after it, so a stale event in the
    /// same batch cannot reach a new occupant.
    freed: Vec<usize>,
    /// Listeners whose accept failed for lack of resources.
    pub(super) retry: Vec<usize>,
    pub(super) udp_sessions: usize,
    /// Where reads land (a datagram at most), shared by every socket.
    pub(super) scratch: Vec<u8>,
}

impl Relay {
    pub fn new() -> io::Result<Relay> {
        Ok(Relay {
            ep: epoll::create(epoll::CreateFlags::CLOEXEC)?,
            slots: Vec::new(),
            free: Vec::new(),
            freed: Vec::new(),
            retry: Vec::new(),
            udp_sessions: 0,
            scratch: vec![0; udp::DATAGRAM],
        })
    }

    /// Store `slot` and register its sockets (side 0, side 1) under its index.
    pub(super) fn insert(&mut self, slot: Slot, flags: epoll::EventFlags) -> io::Result<usize> {
        let i = match self.free.pop() {
            Some(i) => i,
            None => {
                self.slots.push(Slot::Free);
                self.slots.len() - 1
            }
        };
        self.slots[i] = slot;
        let fds = match &self.slots[i] {
            Slot::Free => [None, None],
            Slot::TcpListener(l) => [Some(l.fd.as_fd()), None],
            Slot::TcpConn(c) => [Some(c.fd[0].as_fd()), Some(c.fd[1].as_fd())],
            Slot::UdpListener(l) => [Some(l.fd.as_fd()), None],
            Slot::UdpSession(s) => [Some(s.fd.as_fd()), None],
        };
        let added = fds.iter().enumerate().try_for_each(|(side, fd)| match fd {
            Some(fd) => {
                let token = epoll::EventData::new_u64(((i as u64) << 1) | side as u64);
                epoll::add(&self.ep, fd, token, flags | epoll::EventFlags::ET)
            }
            None => Ok(()),
        });
        if let Err(e) = added {
            self.remove(i);
            return Err(e.into());
        }
        Ok(i)
    }

    /// Drop what slot `i` holds (closing its sockets, which also leaves the epoll set).
    pub(super) fn remove(&mut self, i: usize) -> Slot {
        let old = std::mem::replace(&mut self.slots[i], Slot::Free);
        if !matches!(old, Slot::Free) {
            self.freed.push(i);
        }
        old
    }

    pub fn run(&mut self) -> io::Result<()> {
        let mut events: Vec<epoll::Event> = Vec::with_capacity(256);
        let mut last_sweep = std::time::Instant::now();
        loop {
            let timeout = if !self.retry.is_empty() {
                Some(ACCEPT_RETRY)
            } else if self.udp_sessions > 0 {
                Some(SWEEP)
            } else {
                None
            };
            let ts = timeout.map(|d| rustix::time::Timespec {
                tv_sec: d.as_secs() as i64,
                tv_nsec: d.subsec_nanos() as i64,
            });
            events.clear();
            match epoll::wait(
                &self.ep,
                rustix::buffer::spare_capacity(&mut events),
                ts.as_ref(),
            ) {
                Ok(_) | Err(Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
            for ev in events.iter() {
                let flags = ev.flags;
                let token = { ev.data }.u64();
                self.dispatch((token >> 1) as usize, (token & 1) as usize, flags);
            }
            for i in std::mem::take(&mut self.retry) {
                self.dispatch(i, 0, epoll::EventFlags::IN);
            }
            if self.udp_sessions > 0 && last_sweep.elapsed() >= SWEEP {
                udp::sweep(self);
                last_sweep = std::time::Instant::now();
            }
            self.free.append(&mut self.freed);
        }
    }

    fn dispatch(&mut self, i: usize, side: usize, flags: epoll::EventFlags) {
        // Out of the slab while it is handled, so the handler may add slots.
        let slot = std::mem::replace(&mut self.slots[i], Slot::Free);
        let back = match slot {
            Slot::Free => return,
            Slot::TcpListener(l) => {
                tcp::accept(self, i, &l);
                Slot::TcpListener(l)
            }
            Slot::TcpConn(mut c) => match c.on_event(side, flags, &mut self.scratch) {
                tcp::State::Open => Slot::TcpConn(c),
                tcp::State::Closed => {
                    self.freed.push(i);
                    return; // dropping it closes both sockets
                }
            },
            Slot::UdpListener(mut l) => {
                udp::from_clients(self, i, &mut l);
                Slot::UdpListener(l)
            }
            Slot::UdpSession(mut s) => {
                s.answer(&mut self.scratch);
                Slot::UdpSession(s)
            }
        };
        self.slots[i] = back;
    }
}
