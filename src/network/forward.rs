//! Published ports without a user-mode TCP stack: the host-side sockets are bound here, in the
//! host's network namespace; a forwarder process joins the container's user and network
//! namespaces, accepts on those sockets, connects to the container port from inside, and moves the
//! bytes both ways (`tcp`), or relays datagrams per client with an idle timeout (`udp`).

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsRawFd, OwnedFd};

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use nix::unistd::Pid;
use rustix::event::epoll::EventFlags;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::relay::{Relay, Slot};
use super::{tcp, udp, PortMapping, Proto};

/// The bound host sockets (IPv4 and IPv6) of a mapping, with the real host port in it.
pub struct Bound {
    pub mapping: PortMapping,
    pub fds: Vec<OwnedFd>,
}

fn unprivileged_port_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024)
}

fn bind_error(m: &PortMapping, e: io::Error) -> anyhow::Error {
    let port = m.host_port;
    let proto = m.protocol.as_str();
    match e.raw_os_error() {
        Some(libc::EACCES) if port < unprivileged_port_start() => anyhow!(
            "cannot publish host port {port}/{proto}: ports below {} are privileged for \
             non-root users; publish a higher port (e.g. -p {}:{}) or allow it with `sudo sysctl \
             net.ipv4.ip_unprivileged_port_start={port}`",
            unprivileged_port_start(),
            8000 + port,
            m.container_port
        ),
        // 126 as podman exits: the container could not be started.
        Some(libc::EADDRINUSE) => crate::error::Coded::new(
            crate::error::EXIT_NOT_EXECUTABLE,
            format!(
                "cannot publish host port {port}/{proto}: the port is already in use (by another \
                 container or program; `ss -lntup 'sport = :{port}'` shows which); choose another \
                 host port"
            ),
        )
        .into(),
        Some(libc::EADDRNOTAVAIL) => anyhow!(
            "cannot publish on {}:{port}: the address is not on this host",
            m.display_ip()
        ),
        _ => anyhow!("cannot publish host port {port}/{proto}: {e}"),
    }
}

fn bind_one(m: &PortMapping) -> io::Result<(Vec<Socket>, u16)> {
    let (ty, proto) = match m.protocol {
        Proto::Tcp => (Type::STREAM, Protocol::TCP),
        Proto::Udp => (Type::DGRAM, Protocol::UDP),
    };
    let open = |ip: IpAddr, port: u16| -> io::Result<Socket> {
        let s = Socket::new(Domain::for_address(SocketAddr::new(ip, 0)), ty, Some(proto))?;
        if ip.is_ipv6() {
            s.set_only_v6(true)?;
        }
        if m.protocol == Proto::Tcp {
            s.set_reuse_address(true)?;
            // Accepted sockets inherit it: one setsockopt per listener, not per connection.
            s.set_tcp_nodelay(true)?;
        }
        s.set_cloexec(true)?;
        s.bind(&SockAddr::from(SocketAddr::new(ip, port)))?;
        if m.protocol == Proto::Tcp {
            s.listen(4096)?;
        }
        s.set_nonblocking(true)?;
        Ok(s)
    };
    let local_port = |s: &Socket| -> io::Result<u16> {
        Ok(s.local_addr()?
            .as_socket()
            .map_or(m.host_port, |a| a.port()))
    };
    if !m.host_ip.is_empty() {
        let ip: IpAddr = m
            .host_ip
            .parse()
            .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        let s = open(ip, m.host_port)?;
        let port = local_port(&s)?;
        return Ok((vec![s], port));
    }
    // Every address: an IPv4 socket and an IPv6-only one on the same port, rather than one
    // dual-stack socket, whose IPv4-mapped connections cost more per packet (about 5% of
    // keep-alive requests through the forwarder).
    for _ in 0..16 {
        let v4 = open(IpAddr::V4(Ipv4Addr::UNSPECIFIED), m.host_port)?;
        let port = local_port(&v4)?;
        match open(IpAddr::V6(Ipv6Addr::UNSPECIFIED), port) {
            Ok(v6) => return Ok((vec![v4, v6], port)),
            // No IPv6 on this host.
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EAFNOSUPPORT | libc::EADDRNOTAVAIL)
                ) =>
            {
                return Ok((vec![v4], port))
            }
            // A random port free for IPv4 only: take another.
            Err(e) if m.host_port == 0 && e.raw_os_error() == Some(libc::EADDRINUSE) => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from_raw_os_error(libc::EADDRINUSE))
}

/// Bind every published port on the host (port 0 = a free one). Fails on the first port that
/// cannot be had, naming it and what to do.
pub fn bind(ports: &[PortMapping]) -> anyhow::Result<Vec<Bound>> {
    ports
        .iter()
        .map(|m| {
            let (socks, port) = bind_one(m).map_err(|e| bind_error(m, e))?;
            Ok(Bound {
                mapping: PortMapping {
                    host_port: port,
                    ..m.clone()
                },
                fds: socks.into_iter().map(OwnedFd::from).collect(),
            })
        })
        .collect()
}

/// Fork the forwarder for the container whose init is `pid`. It dies with its parent.
pub fn spawn(bound: &[Bound], pid: i32) -> anyhow::Result<Pid> {
    let ns = crate::runtime::procs::namespaces(
        pid,
        &[
            ("user", CloneFlags::CLONE_NEWUSER),
            ("net", CloneFlags::CLONE_NEWNET),
        ],
    )?;
    let child = crate::sys::fork_child(|| {
        let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
        // A session of its own is a scheduling group of its own (autogroup): the container's
        // processes, in the supervisor's session, cannot crowd out the path to them. With
        // both in one group, nginx in the container served 60% of its direct keep-alive rate
        // through the forwarder; with a group each, 72% (2 cores, wrk -c32).
        let _ = nix::unistd::setsid();
        // Two descriptors per connection: the default soft limit (1024) would refuse clients
        // past ~500 at once. Take the hard limit, as a server would.
        let mut limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        limit.current = limit.maximum;
        let _ = rustix::process::setrlimit(rustix::process::Resource::Nofile, limit);
        // A peer that went away must cost one connection, not the forwarder.
        let _ = crate::sys::ignore_signal(nix::sys::signal::Signal::SIGPIPE);
        // Our stdio may be the container's log pipes: they must reach EOF when it exits.
        crate::sys::stdio_to_null();
        if crate::runtime::procs::join(&ns).is_err() {
            return 1;
        }
        // Nothing but the listeners: inherited pipe ends (the CLI's readiness pipe, the log
        // pipes) must reach EOF without us.
        let keep: Vec<i32> = bound
            .iter()
            .flat_map(|b| b.fds.iter().map(|fd| fd.as_raw_fd()))
            .collect();
        crate::sys::close_inherited_except(&keep);
        match serve(bound) {
            Ok(()) => 0,
            Err(_) => 1,
        }
    })
    .context("starting the port forwarder")?;
    Ok(child)
}

/// Runs in the forwarder, inside the container's network namespace (new sockets are created
/// there; the inherited listeners stay in the host's).
fn serve(bound: &[Bound]) -> anyhow::Result<()> {
    let mut relay = Relay::new()?;
    for b in bound {
        let port = b.mapping.container_port;
        for fd in &b.fds {
            let fd = fd.try_clone()?;
            match b.mapping.protocol {
                Proto::Tcp => relay.insert(
                    Slot::TcpListener(tcp::Listener { fd, port }),
                    EventFlags::IN,
                )?,
                Proto::Udp => relay.insert(
                    Slot::UdpListener(udp::Listener::new(fd, port)),
                    EventFlags::IN,
                )?,
            };
        }
    }
    relay.run()?;
    Ok(())
}
