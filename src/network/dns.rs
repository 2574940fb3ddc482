//! Service discovery on bridge networks: one small DNS server per user (skiff re-executed as
//! `internal-dns`), listening on port 53 of every address in the user's network namespace (so on
//! each network's gateway). It answers the names, short ids, aliases and pod names of the
//! containers that share a network with the asker (A and AAAA, bare or under `dns.podman`), from
//! the attachment records, re-read whenever they change; everything else goes to the host's own
//! resolvers through a socket opened in the host's network namespace before entering the user's.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use simple_dns::rdata::{RData, A, AAAA};
use simple_dns::{Packet, PacketFlag, ResourceRecord, CLASS, QTYPE, RCODE, TYPE};

use super::attach::{records, Attached};
use super::config::DNS_DOMAIN;
use super::rootless::{self, Holder};

const TTL: u32 = 60;
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(5);

/// Start the server for `holder`'s namespace; records its pid in `holder`.
pub fn start(runroot: &Path, holder: &mut Holder) -> anyhow::Result<()> {
    let started = spawn(runroot, holder.pid)?;
    finish(started, holder)
}

/// The server spawned for the holder `holder_pid` (it reports ready through `finish`).
pub fn spawn(runroot: &Path, holder_pid: i32) -> anyhow::Result<std::process::Child> {
    let rr = runroot.display().to_string();
    let hp = holder_pid.to_string();
    rootless::spawn_child(&["internal-dns", "--records-of", &rr, "--holder", &hp])
}

/// Wait for the spawned server's pid and "ready"; records its pid in `holder`.
pub fn finish(mut child: std::process::Child, holder: &mut Holder) -> anyhow::Result<()> {
    let pid = rootless::read_pid(&mut child, &["internal-dns"])?;
    let line = rootless::read_line(child.stdout.as_mut().expect("piped"))?;
    let _ = child.wait();
    if line != "ready" {
        return Err(anyhow!(
            "the DNS server for bridge networks failed to start: {line}"
        ));
    }
    holder.dns_pid = pid;
    holder.dns_start = crate::state::record::process_start(pid).unwrap_or(0);
    Ok(())
}

/// `internal-dns`: fork (init adopts us), report the pid, open the upstream sockets here, enter the
/// holder's namespaces, bind :53 there, say ready, serve until the holder is gone.
pub fn serve_main(runroot: PathBuf, holder: i32) -> anyhow::Result<i32> {
    crate::sys::fork_child(move || serve_body(runroot, holder))
        .context("starting the DNS server")?;
    Ok(0)
}

fn serve_body(runroot: PathBuf, holder: i32) -> i32 {
    use std::io::Write;
    let _ = nix::unistd::setsid();
    let mut out = std::io::stdout();
    let _ = writeln!(out, "pid {}", std::process::id());
    let _ = out.flush();
    let setup = || -> anyhow::Result<Server> {
        let upstreams =
            host_resolvers(&std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default());
        let up4 = UdpSocket::bind("0.0.0.0:0").context("opening the upstream socket")?;
        let up6 = UdpSocket::bind("[::]:0").ok();
        let ns = crate::runtime::procs::namespaces(
            holder,
            &[
                ("user", CloneFlags::CLONE_NEWUSER),
                ("net", CloneFlags::CLONE_NEWNET),
            ],
        )?;
        // Every change to the attachment records, as it happens (a directory's mtime is too
        // coarse: two containers starting within a clock tick would leave one unseen).
        let records_dir = rootless::dir(&runroot).join("attached");
        let watch = rustix::fs::inotify::init(
            rustix::fs::inotify::CreateFlags::NONBLOCK | rustix::fs::inotify::CreateFlags::CLOEXEC,
        )
        .context("watching the attachment records")?;
        use rustix::fs::inotify::WatchFlags;
        rustix::fs::inotify::add_watch(
            &watch,
            &records_dir,
            WatchFlags::CREATE
                | WatchFlags::DELETE
                | WatchFlags::MOVED_TO
                | WatchFlags::MOVED_FROM
                | WatchFlags::CLOSE_WRITE,
        )
        .with_context(|| format!("watching {}", records_dir.display()))?;
        crate::runtime::procs::join(&ns).context("entering the rootless network namespace")?;
        let listen = bind_53().context("listening on port 53 in the rootless network namespace")?;
        Ok(Server {
            listen,
            up4,
            up6,
            upstreams,
            runroot,
            holder,
            records: Vec::new(),
            watch,
            stale: true,
            pending: HashMap::new(),
            next_id: 1,
        })
    };
    let mut server = match setup() {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(out, "{e:#}");
            return 1;
        }
    };
    let _ = writeln!(out, "ready");
    let _ = out.flush();
    crate::sys::stdio_to_null();
    let _ = std::env::set_current_dir("/");
    crate::sys::trim_memory();
    server.run();
    0
}

fn bind_53() -> anyhow::Result<UdpSocket> {
    use socket2::{Domain, Protocol, Socket, Type};
    let s = Socket::new(Domain::IPV6, Type::DGRAM, Some(Protocol::UDP));
    if let Ok(s) = s {
        s.set_only_v6(false)?;
        let addr: SocketAddr = "[::]:53".parse().expect("valid");
        if s.bind(&addr.into()).is_ok() {
            return Ok(s.into());
        }
    }
    Ok(UdpSocket::bind("0.0.0.0:53")?)
}

/// The host's nameservers (loopback ones included: our upstream socket lives in the host's
/// network namespace, where they answer).
pub fn host_resolvers(resolv: &str) -> Vec<SocketAddr> {
    resolv
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("nameserver")).then(|| w.next()).flatten()
        })
        .filter_map(|ip| ip.split('%').next()?.parse::<IpAddr>().ok())
        .map(|ip| SocketAddr::new(ip, 53))
        .collect()
}

struct Server {
    listen: UdpSocket,
    up4: UdpSocket,
    up6: Option<UdpSocket>,
    upstreams: Vec<SocketAddr>,
    runroot: PathBuf,
    holder: i32,
    records: Vec<Attached>,
    /// inotify on the records directory; `stale` until re-read after an event.
    watch: std::os::fd::OwnedFd,
    stale: bool,
    /// Forwarded queries: our id -> (their id, who asked, when).
    pending: HashMap<u16, (u16, SocketAddr, Instant)>,
    next_id: u16,
}

impl Server {
    fn run(&mut self) {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        let mut buf = vec![0u8; 4096];
        loop {
            let mut which = Vec::new();
            {
                let mut fds = vec![
                    PollFd::new(self.listen.as_fd(), PollFlags::POLLIN),
                    PollFd::new(self.up4.as_fd(), PollFlags::POLLIN),
                ];
                if let Some(u) = &self.up6 {
                    fds.push(PollFd::new(u.as_fd(), PollFlags::POLLIN));
                }
                match poll(&mut fds, PollTimeout::from(2000u16)) {
                    Ok(0) => {}
                    Ok(_) => {
                        for (i, f) in fds.iter().enumerate() {
                            if f.revents().is_some_and(|r| !r.is_empty()) {
                                which.push(i);
                            }
                        }
                    }
                    Err(nix::Error::EINTR) => continue,
                    Err(_) => return,
                }
            }
            if which.is_empty() {
                // Idle: the holder gone means our namespace is being torn down.
                if !holder_alive(self.holder) {
                    return;
                }
                let now = Instant::now();
                self.pending
                    .retain(|_, (_, _, t)| now.duration_since(*t) < UPSTREAM_TIMEOUT);
                continue;
            }
            for i in which {
                if i == 0 {
                    if let Ok((n, from)) = self.listen.recv_from(&mut buf) {
                        let q = buf[..n].to_vec();
                        self.query(&q, from);
                    }
                } else {
                    let sock = if i == 1 {
                        &self.up4
                    } else {
                        self.up6.as_ref().expect("polled")
                    };
                    if let Ok((n, _)) = sock.recv_from(&mut buf) {
                        let mut reply = buf[..n].to_vec();
                        self.upstream_reply(&mut reply);
                    }
                }
            }
        }
    }

    fn refresh(&mut self) {
        let mut buf = [0u8; 4096];
        while let Ok(n) = rustix::io::read(&self.watch, &mut buf) {
            if n == 0 {
                break;
            }
            self.stale = true;
        }
        if self.stale {
            self.records = records(&self.runroot, false);
            self.stale = false;
        }
    }

    fn query(&mut self, q: &[u8], from: SocketAddr) {
        let Ok(packet) = Packet::parse(q) else { return };
        let Some(question) = packet.questions.first() else {
            return;
        };
        let qname = question.qname.to_string().to_ascii_lowercase();
        let qname = qname.trim_end_matches('.');
        let (short, ours) = match qname.strip_suffix(DNS_DOMAIN) {
            Some(rest) => (rest.trim_end_matches('.'), true),
            None => (qname, false),
        };
        let wants =
            |t: TYPE| matches!(question.qtype, QTYPE::ANY) || question.qtype == QTYPE::TYPE(t);
        self.refresh();
        let asker = canonical(from.ip());
        let found = (!short.is_empty() && !short.contains('.'))
            .then(|| lookup(&self.records, asker, short))
            .flatten();
        if found.is_none() && !ours {
            self.forward(q, from);
            return;
        }
        let mut reply = Packet::new_reply(packet.id());
        reply.set_flags(PacketFlag::AUTHORITATIVE_ANSWER | PacketFlag::RECURSION_AVAILABLE);
        if packet.has_flags(PacketFlag::RECURSION_DESIRED) {
            reply.set_flags(PacketFlag::RECURSION_DESIRED);
        }
        reply.questions.push(question.clone());
        match &found {
            None => *reply.rcode_mut() = RCODE::NameError,
            Some(ips) => {
                let name = question.qname.clone();
                for ip in ips {
                    let rdata = match ip {
                        IpAddr::V4(v4) if wants(TYPE::A) => RData::A(A {
                            address: (*v4).into(),
                        }),
                        IpAddr::V6(v6) if wants(TYPE::AAAA) => RData::AAAA(AAAA {
                            address: (*v6).into(),
                        }),
                        _ => continue,
                    };
                    reply
                        .answers
                        .push(ResourceRecord::new(name.clone(), CLASS::IN, TTL, rdata));
                }
            }
        }
        if let Ok(bytes) = reply.build_bytes_vec_compressed() {
            let _ = self.listen.send_to(&bytes, from);
        }
    }

    fn forward(&mut self, q: &[u8], from: SocketAddr) {
        if self.upstreams.is_empty() || q.len() < 2 {
            return;
        }
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let theirs = u16::from_be_bytes([q[0], q[1]]);
        self.pending.insert(id, (theirs, from, Instant::now()));
        let mut out = q.to_vec();
        out[..2].copy_from_slice(&id.to_be_bytes());
        // Each retry of the client goes to the next resolver.
        let up = self.upstreams[id as usize % self.upstreams.len()];
        let sock = match (up, &self.up6) {
            (SocketAddr::V6(_), Some(s)) => s,
            _ => &self.up4,
        };
        let _ = sock.send_to(&out, up);
    }

    fn upstream_reply(&mut self, reply: &mut [u8]) {
        if reply.len() < 2 {
            return;
        }
        let id = u16::from_be_bytes([reply[0], reply[1]]);
        if let Some((theirs, to, _)) = self.pending.remove(&id) {
            reply[..2].copy_from_slice(&theirs.to_be_bytes());
            let _ = self.listen.send_to(reply, to);
        }
    }
}

fn holder_alive(pid: i32) -> bool {
    crate::state::record::process_start(pid).is_some()
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// The addresses of `name` on the networks `asker` is on; `None` when no such container there.
pub fn lookup(records: &[Attached], asker: IpAddr, name: &str) -> Option<Vec<IpAddr>> {
    // Every DNS-enabled network of the asking container (it may ask through any of them).
    let nets: Vec<&str> = records
        .iter()
        .filter(|a| {
            a.links
                .iter()
                .any(|l| l.ips.iter().any(|ip| ip.addr() == asker))
        })
        .flat_map(|a| a.links.iter())
        .filter(|l| l.dns)
        .map(|l| l.network.as_str())
        .collect();
    let mut out = Vec::new();
    for a in records {
        let matches_ctr = a.name.eq_ignore_ascii_case(name)
            || (name.len() >= 12 && a.id.starts_with(name))
            || a.pod
                .as_deref()
                .is_some_and(|p| p.eq_ignore_ascii_case(name));
        for l in &a.links {
            if !nets.contains(&l.network.as_str()) {
                continue;
            }
            if matches_ctr || l.aliases.iter().any(|x| x.eq_ignore_ascii_case(name)) {
                out.extend(l.ips.iter().map(|ip| ip.addr()));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::attach::Link;

    fn rec(name: &str, net: &str, ip: &str, aliases: &[&str]) -> Attached {
        Attached {
            id: format!("{name}0123456789abcdef"),
            name: name.into(),
            links: vec![Link {
                network: net.into(),
                ips: vec![format!("{ip}/24").parse().unwrap()],
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
                dns: true,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn names_resolve_only_on_shared_networks() {
        let r = vec![
            rec("web", "a", "10.89.0.2", &["www"]),
            rec("db", "a", "10.89.0.3", &[]),
            rec("other", "b", "10.89.1.2", &[]),
        ];
        let web: IpAddr = "10.89.0.2".parse().unwrap();
        assert_eq!(
            lookup(&r, web, "db").unwrap(),
            vec!["10.89.0.3".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(
            lookup(&r, "10.89.0.3".parse().unwrap(), "WWW").unwrap(),
            vec![web]
        );
        assert!(lookup(&r, web, "other").is_none());
        assert_eq!(lookup(&r, web, "db0123456789").unwrap().len(), 1);
        assert!(lookup(&r, "10.89.1.2".parse().unwrap(), "web").is_none());
        assert_eq!(
            host_resolvers("nameserver 127.0.0.53\nnameserver fe80::1%eth0\nsearch x\n"),
            vec![
                "127.0.0.53:53".parse().unwrap(),
                "[fe80::1]:53".parse().unwrap()
            ]
        );
    }
}
