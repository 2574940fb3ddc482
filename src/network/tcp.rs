//! TCP through the forwarder. Each accepted host connection gets a connection to the container
//! port made from inside the container's network namespace, and the bytes are copied both ways
//! in this one thread: small messages (requests, responses) with read/write through a small
//! buffer, which costs fewer syscalls than a pipe; a stream that fills the buffer switches to
//! splice(2) through a pipe, so bulk data never enters user space.
//!
//! Readiness is handled with `AsyncFd` directly: a short read drains the socket, so readiness is
//! cleared without the extra EAGAIN read a `TcpStream` would make.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::OwnedFd;

use nix::fcntl::{splice, SpliceFFlags};
use rustix::io::Errno;
use rustix::net::{AddressFamily, SendFlags, SocketFlags, SocketType};
use tokio::io::unix::AsyncFd;
use tokio::io::Interest;

type Sock = AsyncFd<OwnedFd>;

/// Small-message buffer per direction; a read that fills it means bulk.
const BUF: usize = 16 * 1024;
/// Pipe size for the splice path.
const PIPE: usize = 1 << 20;

pub async fn serve(listener: Sock, port: u16) {
    loop {
        let Ok(mut ready) = listener.readable().await else {
            return;
        };
        loop {
            match rustix::net::accept_with(
                listener.get_ref(),
                SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
            ) {
                Ok(fd) => {
                    tokio::spawn(connection(fd, port));
                }
                Err(Errno::AGAIN) => {
                    ready.clear_ready();
                    break;
                }
                Err(Errno::INTR) | Err(Errno::CONNABORTED) => {}
                Err(_) => {
                    // EMFILE and the like: back off instead of spinning.
                    drop(ready);
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    break;
                }
            }
        }
    }
}

async fn connection(client: OwnedFd, port: u16) {
    let Ok(upstream) = connect_inside(port).await else {
        return; // dropping the client closes it: nothing listens on the container port
    };
    let _ = rustix::net::sockopt::set_tcp_nodelay(&client, true);
    let _ = rustix::net::sockopt::set_tcp_nodelay(upstream.get_ref(), true);
    let Ok(client) = crate::sys::async_fd(client, Interest::READABLE | Interest::WRITABLE) else {
        return;
    };
    let _ = tokio::join!(copy(&client, &upstream), copy(&upstream, &client));
}

/// The container side: its loopback, IPv4 first, then IPv6 for servers bound to [::1] only.
async fn connect_inside(port: u16) -> io::Result<Sock> {
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
        let pending = match rustix::net::connect(&fd, &addr) {
            Ok(()) => false,
            Err(Errno::INPROGRESS) => true,
            Err(e) => {
                last = e.into();
                continue;
            }
        };
        let sock = crate::sys::async_fd(fd, Interest::READABLE | Interest::WRITABLE)?;
        if pending {
            let mut ready = sock.writable().await?;
            ready.retain_ready();
            if let Err(e) = rustix::net::sockopt::socket_error(sock.get_ref())? {
                last = e.into();
                continue;
            }
        }
        return Ok(sock);
    }
    Err(last)
}

/// Copy `src` to `dst` until EOF (then half-close `dst`, so the other direction can finish), or
/// until an error (then shut both down, which also ends the other direction).
async fn copy(src: &Sock, dst: &Sock) {
    let how = match copy_inner(src, dst).await {
        Ok(()) => {
            let _ = rustix::net::shutdown(dst.get_ref(), rustix::net::Shutdown::Write);
            return;
        }
        Err(_) => rustix::net::Shutdown::Both,
    };
    let _ = rustix::net::shutdown(src.get_ref(), how);
    let _ = rustix::net::shutdown(dst.get_ref(), how);
}

async fn copy_inner(src: &Sock, dst: &Sock) -> io::Result<()> {
    // Uninitialized capacity: no 16 KiB memset per direction per connection.
    let mut buf: Vec<u8> = Vec::with_capacity(BUF);
    loop {
        let mut ready = src.readable().await?;
        buf.clear();
        let n = match rustix::io::read(src.get_ref(), rustix::buffer::spare_capacity(&mut buf)) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                // A short read emptied the receive queue: wait for the next event.
                if n < BUF {
                    ready.clear_ready();
                }
                n
            }
            Err(Errno::AGAIN) => {
                ready.clear_ready();
                continue;
            }
            Err(Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        };
        drop(ready);
        write_all(dst, &buf[..n]).await?;
        if n == BUF {
            return splice_all(src, dst).await;
        }
    }
}

async fn write_all(dst: &Sock, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        let mut ready = dst.writable().await?;
        match rustix::net::send(dst.get_ref(), data, SendFlags::NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::AGAIN) => ready.clear_ready(),
            Err(Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// The bulk path: socket -> pipe -> socket in the kernel.
async fn splice_all(src: &Sock, dst: &Sock) -> io::Result<()> {
    let (pr, pw) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)?;
    // Bigger is fewer syscalls; the per-user pipe budget may refuse, then the default stays.
    let cap = nix::fcntl::fcntl(&pw, nix::fcntl::FcntlArg::F_SETPIPE_SZ(PIPE as i32))
        .map(|c| c as usize)
        .unwrap_or(64 * 1024);
    let flags = SpliceFFlags::SPLICE_F_MOVE | SpliceFFlags::SPLICE_F_NONBLOCK;
    loop {
        let mut ready = src.readable().await?;
        let n = match splice(src.get_ref(), None, &pw, None, cap, flags) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(nix::Error::EAGAIN) => {
                ready.clear_ready();
                continue;
            }
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(e.into()),
        };
        drop(ready);
        let mut left = n;
        while left > 0 {
            let mut ready = dst.writable().await?;
            match splice(&pr, None, dst.get_ref(), None, left, flags) {
                Ok(m) => left -= m,
                Err(nix::Error::EAGAIN) => ready.clear_ready(),
                Err(nix::Error::EINTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
}
