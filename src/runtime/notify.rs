//! systemd's readiness protocol (`sd_notify`): with `Type=notify`, systemd passes NOTIFY_SOCKET and
//! waits for `READY=1`. `--sdnotify conmon` (the default) has skiff send it once the container runs
//! (MAINPID: the process that stays with the container), `healthy` once its healthcheck first
//! passes; `container` leaves it to the container, which gets the socket; `ignore` sends nothing.

use std::os::unix::net::UnixDatagram;

/// Send `READY=1` and `MAINPID` to NOTIFY_SOCKET, when systemd gave one.
pub fn ready(mainpid: u32) {
    let Some(sock) = std::env::var_os("NOTIFY_SOCKET") else {
        return;
    };
    let msg = format!("MAINPID={mainpid}\nREADY=1\n");
    if let Err(e) = send(&sock.to_string_lossy(), msg.as_bytes()) {
        tracing::warn!("telling systemd the container is ready (NOTIFY_SOCKET): {e}");
    }
}

fn send(path: &str, msg: &[u8]) -> std::io::Result<()> {
    let s = UnixDatagram::unbound()?;
    match path.strip_prefix('@') {
        Some(name) => {
            use std::os::linux::net::SocketAddrExt;
            let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())?;
            s.send_to_addr(msg, &addr)?;
        }
        None => {
            s.send_to(msg, path)?;
        }
    }
    Ok(())
}

/// Whether skiff itself says READY=1 when the container starts (`--sdnotify conmon`, the default).
pub fn on_start(mode: &str) -> bool {
    mode.is_empty() || mode == "conmon"
}

#[cfg(test)]
mod tests {
    #[test]
    fn ready_reaches_the_socket() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notify");
        let server = std::os::unix::net::UnixDatagram::bind(&p).unwrap();
        super::send(p.to_str().unwrap(), b"READY=1\n").unwrap();
        let mut buf = [0u8; 64];
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1\n");
    }
}
