//! Published ports without a user-mode TCP stack: the host-side sockets are bound here, in the
//! host's network namespace; a forwarder process joins the container's user and network
//! namespaces, accepts on those sockets, connects to the container port from inside, and moves the
//! bytes both ways (`tcp`), or relays datagrams per client with an idle timeout (`udp`).

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Arc;

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use nix::unistd::Pid;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use tokio::io::Interest;
use tokio::net::UdpSocket;

use super::{PortMapping, Proto};

/// A bound host socket and the mapping it serves (with the real host port).
pub struct Bound {
    pub mapping: PortMapping,
    pub fd: OwnedFd,
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
        Some(libc::EADDRINUSE) => anyhow!(
            "cannot publish host port {port}/{proto}: the port is already in use (by another \
             container or program; `ss -lntup 'sport = :{port}'` shows which); choose another \
             host port"
        ),
        Some(libc::EADDRNOTAVAIL) => anyhow!(
            "cannot publish on {}:{port}: the address is not on this host",
            m.display_ip()
        ),
        _ => anyhow!("cannot publish host port {port}/{proto}: {e}"),
    }
}

fn bind_one(m: &PortMapping) -> io::Result<(Socket, u16)> {
    let ty = match m.protocol {
        Proto::Tcp => Type::STREAM,
        Proto::Udp => Type::DGRAM,
    };
    let proto = match m.protocol {
        Proto::Tcp => Protocol::TCP,
        Proto::Udp => Protocol::UDP,
    };
    let open = |ip: IpAddr| -> io::Result<Socket> {
        let s = Socket::new(Domain::for_address(SocketAddr::new(ip, 0)), ty, Some(proto))?;
        if ip.is_ipv6() {
            // Every address: one dual-stack socket serves IPv4 and IPv6.
            s.set_only_v6(!m.host_ip.is_empty())?;
        }
        if m.protocol == Proto::Tcp {
            s.set_reuse_address(true)?;
        }
        s.set_cloexec(true)?;
        s.bind(&SockAddr::from(SocketAddr::new(ip, m.host_port)))?;
        Ok(s)
    };
    let s = if m.host_ip.is_empty() {
        match open(IpAddr::V6(Ipv6Addr::UNSPECIFIED)) {
            Err(e) if e.raw_os_error() == Some(libc::EAFNOSUPPORT) => {
                open(IpAddr::V4(Ipv4Addr::UNSPECIFIED))?
            }
            r => r?,
        }
    } else {
        let ip: IpAddr = m
            .host_ip
            .parse()
            .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        open(ip)?
    };
    if m.protocol == Proto::Tcp {
        s.listen(4096)?;
    }
    s.set_nonblocking(true)?;
    let port = s
        .local_addr()?
        .as_socket()
        .map(|a| a.port())
        .unwrap_or(m.host_port);
    Ok((s, port))
}

/// Bind every published port on the host (port 0 = a free one). Fails on the first port that
/// cannot be had, naming it and what to do.
pub fn bind(ports: &[PortMapping]) -> anyhow::Result<Vec<Bound>> {
    ports
        .iter()
        .map(|m| {
            let (s, port) = bind_one(m).map_err(|e| bind_error(m, e))?;
            Ok(Bound {
                mapping: PortMapping {
                    host_port: port,
                    ..m.clone()
                },
                fd: s.into(),
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
        // A peer that went away must cost one connection, not the forwarder.
        let _ = crate::sys::ignore_signal(nix::sys::signal::Signal::SIGPIPE);
        // Our stdio may be the container's log pipes: they must reach EOF when it exits.
        if let Ok(null) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
        {
            let _ = nix::unistd::dup2_stdin(&null);
            let _ = nix::unistd::dup2_stdout(&null);
            let _ = nix::unistd::dup2_stderr(&null);
        }
        if crate::runtime::procs::join(&ns).is_err() {
            return 1;
        }
        // Nothing but the listeners: inherited pipe ends (the CLI's readiness pipe, the log
        // pipes) must reach EOF without us.
        let keep: Vec<i32> = bound.iter().map(|b| b.fd.as_raw_fd()).collect();
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
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    rt.block_on(async {
        let mut tasks = Vec::new();
        for b in bound {
            let fd = b.fd.try_clone()?;
            let port = b.mapping.container_port;
            match b.mapping.protocol {
                Proto::Tcp => {
                    let l = crate::sys::async_fd(fd, Interest::READABLE)?;
                    tasks.push(tokio::spawn(super::tcp::serve(l, port)));
                }
                Proto::Udp => {
                    let s = UdpSocket::from_std(std::net::UdpSocket::from(fd))?;
                    tasks.push(tokio::spawn(super::udp::serve(Arc::new(s), port)));
                }
            }
        }
        for t in tasks {
            let _ = t.await;
        }
        Ok(())
    })
}
