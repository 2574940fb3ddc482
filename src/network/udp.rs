//! UDP through the forwarder: one connected socket inside the container per client address, so
//! that answers go back to the right client; a session ends after UDP_IDLE without traffic.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::OwnedFd;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rustix::event::epoll::EventFlags;
use rustix::io::Errno;
use rustix::net::{AddressFamily, RecvFlags, SendFlags, SocketAddrAny, SocketFlags, SocketType};

use super::relay::{Relay, Slot};

const UDP_IDLE: Duration = Duration::from_secs(60);
/// The largest UDP payload.
pub(super) const DATAGRAM: usize = 65536;

pub(super) struct Listener {
    pub fd: Rc<OwnedFd>,
    /// The container port its datagrams go to.
    pub port: u16,
    /// Client address -> its session's slot.
    sessions: HashMap<SocketAddrAny, usize>,
}

pub(super) struct Session {
    pub fd: OwnedFd,
    /// The host socket the client talks to, to answer from.
    host: Rc<OwnedFd>,
    listener: usize,
    peer: SocketAddrAny,
    last: Instant,
}

impl Listener {
    pub fn new(fd: OwnedFd, port: u16) -> Listener {
        Listener {
            fd: Rc::new(fd),
            port,
            sessions: HashMap::new(),
        }
    }
}

/// Relay every datagram waiting on the host socket in slot `i` to its client's session.
pub(super) fn from_clients(relay: &mut Relay, i: usize, l: &mut Listener) {
    let mut buf = std::mem::take(&mut relay.scratch);
    relay_from_clients(relay, i, l, &mut buf);
    relay.scratch = buf;
}

fn relay_from_clients(relay: &mut Relay, i: usize, l: &mut Listener, buf: &mut [u8]) {
    loop {
        let (n, peer) = match rustix::net::recvfrom(&*l.fd, &mut *buf, RecvFlags::empty()) {
            Ok((n, _, Some(peer))) => (n, peer),
            Ok(_) | Err(Errno::INTR) => continue,
            Err(_) => return, // EAGAIN: drained
        };
        let j = match l.sessions.get(&peer) {
            Some(&j) => j,
            None => match open_session(relay, i, l, peer.clone()) {
                Some(j) => j,
                None => continue, // no socket to be had: drop the datagram, as UDP may
            },
        };
        if let Slot::UdpSession(s) = &mut relay.slots[j] {
            s.last = Instant::now();
            // Errors (a refusal left over from an earlier datagram, a full buffer) lose this
            // datagram only.
            let _ = rustix::net::send(&s.fd, &buf[..n], SendFlags::NOSIGNAL);
        }
    }
}

fn open_session(
    relay: &mut Relay,
    i: usize,
    l: &mut Listener,
    peer: SocketAddrAny,
) -> Option<usize> {
    let fd = rustix::net::socket_with(
        AddressFamily::INET,
        SocketType::DGRAM,
        SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
        None,
    )
    .ok()?;
    rustix::net::connect(&fd, &SocketAddr::from((Ipv4Addr::LOCALHOST, l.port))).ok()?;
    let session = Session {
        fd,
        host: l.fd.clone(),
        listener: i,
        peer: peer.clone(),
        last: Instant::now(),
    };
    let j = relay
        .insert(Slot::UdpSession(session), EventFlags::IN)
        .ok()?;
    l.sessions.insert(peer, j);
    relay.udp_sessions += 1;
    Some(j)
}

impl Session {
    /// Send the container's answers back to the client.
    pub fn answer(&mut self, buf: &mut [u8]) {
        loop {
            match rustix::net::recv(&self.fd, &mut *buf, RecvFlags::empty()) {
                Ok((n, _)) => {
                    self.last = Instant::now();
                    let _ = rustix::net::sendto(
                        &*self.host,
                        &buf[..n],
                        SendFlags::NOSIGNAL,
                        &self.peer,
                    );
                }
                // A refusal from an earlier datagram nobody received: keep the session.
                Err(Errno::CONNREFUSED) | Err(Errno::INTR) => {}
                Err(_) => return,
            }
        }
    }
}

/// End the sessions idle for UDP_IDLE.
pub(super) fn sweep(relay: &mut Relay) {
    let idle: Vec<(usize, usize, SocketAddrAny)> = relay
        .slots
        .iter()
        .enumerate()
        .filter_map(|(j, slot)| match slot {
            Slot::UdpSession(s) if s.last.elapsed() >= UDP_IDLE => {
                Some((j, s.listener, s.peer.clone()))
            }
            _ => None,
        })
        .collect();
    for (j, listener, peer) in idle {
        relay.remove(j);
        relay.udp_sessions -= 1;
        if let Slot::UdpListener(l) = &mut relay.slots[listener] {
            l.sessions.remove(&peer);
        }
    }
}
