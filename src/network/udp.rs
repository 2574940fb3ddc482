//! UDP through the forwarder: one connected socket inside the container per client address, so
//! that answers go back to the right client; a session ends after UDP_IDLE without traffic.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::net::UdpSocket;

const UDP_IDLE: Duration = Duration::from_secs(60);

struct Session {
    sock: Arc<UdpSocket>,
    last: Arc<Mutex<Instant>>,
}

pub async fn serve(host: Arc<UdpSocket>, port: u16) {
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
