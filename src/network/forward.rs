//! Published ports without a user-mode TCP stack: the host-side sockets are bound here, in the
//! host's network namespace; a forwarder process joins the container's user and network
//! namespaces, accepts on those sockets, connects to the container port from inside, and moves the
//! bytes both ways with splice(2) (TCP), or relays datagrams per client with an idle timeout (UDP).

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context};
use nix::fcntl::{splice, SpliceFFlags};
use nix::sched::CloneFlags;
use nix::unistd::Pid;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use tokio::io::Interest;
use tokio::net::{TcpStream, UdpSocket};

use super::{PortMapping, Proto};

/// A bound host socket and the mapping it serves (with the real host port).
pub struct Bound {
    pub mapping: PortMapping,
    pub fd: OwnedFd,
}

const UDP_IDLE: Duration = Duration::from_secs(60);

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
    let mut ns = Vec::new();
    for (name, flag) in [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("net", CloneFlags::CLONE_NEWNET),
    ] {
        let path = format!("/proc/{pid}/ns/{name}");
        let fd: OwnedFd = std::fs::File::open(&path)
            .with_context(|| format!("opening {path}"))?
            .into();
        ns.push((fd, flag));
    }
    let child = crate::sys::fork_child(|| {
        let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
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
        for (fd, flag) in &ns {
            if nix::sched::setns(fd, *flag).is_err() {
                return 1;
            }
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
                    let l = tokio::net::TcpListener::from_std(std::net::TcpListener::from(fd))?;
                    tasks.push(tokio::spawn(serve_tcp(l, port)));
                }
                Proto::Udp => {
                    let s = UdpSocket::from_std(std::net::UdpSocket::from(fd))?;
                    tasks.push(tokio::spawn(serve_udp(Arc::new(s), port)));
                }
            }
        }
        for t in tasks {
            let _ = t.await;
        }
        Ok(())
    })
}

/// The container side: loopback inside its namespace (IPv4, then IPv6 for v6-only servers).
async fn connect_inside(port: u16) -> io::Result<TcpStream> {
    match TcpStream::connect((Ipv4Addr::LOCALHOST, port)).await {
        Ok(s) => Ok(s),
        Err(e) => TcpStream::connect((Ipv6Addr::LOCALHOST, port))
            .await
            .map_err(|_| e),
    }
}

async fn serve_tcp(l: tokio::net::TcpListener, port: u16) {
    loop {
        let client = match l.accept().await {
            Ok((c, _)) => c,
            Err(_) => {
                // EMFILE and the like: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        tokio::spawn(async move {
            let Ok(upstream) = connect_inside(port).await else {
                return; // dropping the client closes it: the container port is not listening
            };
            let _ = client.set_nodelay(true);
            let _ = upstream.set_nodelay(true);
            let _ = tokio::join!(pump(&client, &upstream), pump(&upstream, &client));
        });
    }
}

const CHUNK: usize = 1 << 20;

/// Move bytes from `src` to `dst` through a pipe with splice until EOF (then half-close `dst`),
/// or until an error (then shut both down, which also ends the other direction).
async fn pump(src: &TcpStream, dst: &TcpStream) -> io::Result<()> {
    let r = pump_inner(src, dst).await;
    match &r {
        Ok(()) => {
            let _ = nix::sys::socket::shutdown(dst.as_raw_fd(), nix::sys::socket::Shutdown::Write);
        }
        Err(_) => {
            for s in [src, dst] {
                let _ = nix::sys::socket::shutdown(s.as_raw_fd(), nix::sys::socket::Shutdown::Both);
            }
        }
    }
    r
}

async fn pump_inner(src: &TcpStream, dst: &TcpStream) -> io::Result<()> {
    let (pr, pw) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)?;
    let flags = SpliceFFlags::SPLICE_F_MOVE | SpliceFFlags::SPLICE_F_NONBLOCK;
    let mut cap = 64 * 1024;
    let mut grown = false;
    loop {
        src.readable().await?;
        let n = match src.try_io(Interest::READABLE, || {
            splice(src.as_fd(), None, &pw, None, cap, flags).map_err(io::Error::from)
        }) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e),
        };
        let mut left = n;
        while left > 0 {
            dst.writable().await?;
            match dst.try_io(Interest::WRITABLE, || {
                splice(&pr, None, dst.as_fd(), None, left, flags).map_err(io::Error::from)
            }) {
                Ok(m) => left -= m,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
        // A bulk transfer filled the pipe: a bigger one means fewer syscalls. Small exchanges
        // keep the default, so that many connections stay within the per-user pipe budget.
        if n == cap && !grown {
            grown = true;
            if let Ok(sz) = nix::fcntl::fcntl(&pw, nix::fcntl::FcntlArg::F_SETPIPE_SZ(CHUNK as i32))
            {
                cap = sz as usize;
            }
        }
    }
}

struct Session {
    sock: Arc<UdpSocket>,
    last: Arc<Mutex<Instant>>,
}

async fn serve_udp(host: Arc<UdpSocket>, port: u16) {
    let sessions: Arc<Mutex<HashMap<SocketAddr, Session>>> = Arc::default();
    let mut buf = vec![0u8; 65536];
    loop {
        let Ok((n, peer)) = host.recv_from(&mut buf).await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let existing = sessions.lock().unwrap().get(&peer).map(|s| {
            *s.last.lock().unwrap() = Instant::now();
            s.sock.clone()
        });
        let sock = match existing {
            Some(s) => s,
            None => {
                let Ok(s) = new_session(port).await else {
                    continue;
                };
                let s = Arc::new(s);
                let last = Arc::new(Mutex::new(Instant::now()));
                sessions.lock().unwrap().insert(
                    peer,
                    Session {
                        sock: s.clone(),
                        last: last.clone(),
                    },
                );
                tokio::spawn(replies(
                    s.clone(),
                    host.clone(),
                    peer,
                    last,
                    sessions.clone(),
                ));
                s
            }
        };
        let _ = sock.send(&buf[..n]).await;
    }
}

async fn new_session(port: u16) -> io::Result<UdpSocket> {
    let s = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    s.connect((Ipv4Addr::LOCALHOST, port)).await?;
    Ok(s)
}

/// Send the container's answers back to `peer` until the session has been idle for UDP_IDLE.
async fn replies(
    sock: Arc<UdpSocket>,
    host: Arc<UdpSocket>,
    peer: SocketAddr,
    last: Arc<Mutex<Instant>>,
    sessions: Arc<Mutex<HashMap<SocketAddr, Session>>>,
) {
    let mut buf = vec![0u8; 65536];
    loop {
        match tokio::time::timeout(UDP_IDLE, sock.recv(&mut buf)).await {
            Ok(Ok(n)) => {
                *last.lock().unwrap() = Instant::now();
                let _ = host.send_to(&buf[..n], peer).await;
            }
            // ECONNREFUSED from an earlier datagram nobody received: keep the session.
            Ok(Err(_)) => tokio::time::sleep(Duration::from_millis(10)).await,
            Err(_) => {
                if last.lock().unwrap().elapsed() >= UDP_IDLE {
                    sessions.lock().unwrap().remove(&peer);
                    return;
                }
            }
        }
    }
}
