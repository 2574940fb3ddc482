//! Healthchecks without systemd: the supervisor runs the check (an exec into the container) on its
//! interval and records healthy/unhealthy; `skiff healthcheck run` runs it once.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::exec::{self, ExecOptions};
use crate::state::{Container, ContainerStore};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// The command, as run (shell form already wrapped in `sh -c`).
    pub test: Vec<String>,
    pub interval_ms: u64,
    pub timeout_ms: u64,
    pub start_period_ms: u64,
    pub retries: u32,
    /// `--health-on-failure`: none, kill, restart or stop, once unhealthy.
    #[serde(default)]
    pub on_failure: String,
    /// A network probe (Kubernetes' httpGet/tcpSocket) instead of a command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net: Option<NetProbe>,
}

/// Connect to a port inside the container's network namespace; with `http_path`, GET it and
/// pass on a 2xx/3xx status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetProbe {
    pub port: u16,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub http_path: Option<String>,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
}

/// Go-style durations as docker accepts them: `30s`, `1m30s`, `500ms`, `0.3s`.
pub fn parse_duration(s: &str) -> Option<u64> {
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        let unit = if c == 'm' && chars.peek() == Some(&'s') {
            chars.next();
            0.001
        } else {
            match c {
                'h' => 3600.0,
                'm' => 60.0,
                's' => 1.0,
                _ => return None,
            }
        };
        total += n * unit;
    }
    if !num.is_empty() {
        return None;
    }
    Some((total * 1000.0) as u64)
}

/// The check from flags, else from the image's HEALTHCHECK (durations in nanoseconds there).
#[allow(clippy::too_many_arguments)]
pub fn from_flags(
    cmd: Option<&str>,
    interval: Option<&str>,
    timeout: Option<&str>,
    start_period: Option<&str>,
    retries: Option<u32>,
    disabled: bool,
    image: Option<&serde_json::Value>,
) -> anyhow::Result<Option<Health>> {
    if disabled {
        return Ok(None);
    }
    let dur =
        |flag: &str, v: Option<&str>, image_ns: Option<u64>, default: u64| -> anyhow::Result<u64> {
            match v {
                Some(v) => parse_duration(v).ok_or_else(|| {
                    anyhow::anyhow!("invalid {flag} {v:?}: use a duration like 30s")
                }),
                None => Ok(image_ns
                    .filter(|n| *n > 0)
                    .map(|n| n / 1_000_000)
                    .unwrap_or(default)),
            }
        };
    let img_test: Option<Vec<String>> = image
        .and_then(|h| h.get("Test"))
        .and_then(|t| serde_json::from_value(t.clone()).ok());
    let test = match (cmd, img_test) {
        (Some(c), _) if c.trim_start().starts_with('[') => {
            serde_json::from_str::<Vec<String>>(c)
                .map_err(|_| anyhow::anyhow!("invalid --health-cmd {c:?}: not a JSON array"))?
        }
        (Some(c), _) => vec!["/bin/sh".into(), "-c".into(), c.into()],
        (None, Some(t)) => match t.first().map(String::as_str) {
            Some("NONE") | None => return Ok(None),
            Some("CMD") => t[1..].to_vec(),
            Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), t[1..].join(" ")],
            Some(_) => t,
        },
        (None, None) => return Ok(None),
    };
    let ns = |k: &str| image.and_then(|h| h.get(k)).and_then(|v| v.as_u64());
    Ok(Some(Health {
        test,
        interval_ms: dur("--health-interval", interval, ns("Interval"), 30_000)?,
        timeout_ms: dur("--health-timeout", timeout, ns("Timeout"), 30_000)?,
        start_period_ms: dur("--health-start-period", start_period, ns("StartPeriod"), 0)?,
        retries: retries
            .or(ns("Retries").map(|r| r as u32))
            .filter(|r| *r > 0)
            .unwrap_or(3),
        on_failure: String::new(),
        net: None,
    }))
}

/// Run the check once; true when it exits 0 within the timeout. Single-threaded callers only.
pub fn check(c: &Container, h: &Health) -> bool {
    if let Some(n) = &h.net {
        return net_check(c, n, h.timeout_ms);
    }
    let opts = ExecOptions {
        args: h.test.clone(),
        env: Vec::new(),
        user: None,
        workdir: None,
        tty: false,
        interactive: false,
        privileged: false,
        preserve_fds: 0,
        detach: false,
        stdio: None,
    };
    let Ok(started) = exec::start(c, &opts) else {
        return false;
    };
    let deadline = Instant::now() + Duration::from_millis(h.timeout_ms.max(1));
    loop {
        match super::spawn::reap(started.pid) {
            Ok(Some(code)) => return code == 0,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = nix::sys::signal::kill(started.pid, nix::sys::signal::Signal::SIGKILL);
                let _ = nix::sys::wait::waitpid(started.pid, None);
                return false;
            }
        }
    }
}

/// A network probe from a child that joins the container's user and network namespaces.
fn net_check(c: &Container, n: &NetProbe, timeout_ms: u64) -> bool {
    use std::os::fd::AsFd;
    let pid = c.state.pid;
    if pid <= 0 {
        return false;
    }
    let open = |ns: &str| std::fs::File::open(format!("/proc/{pid}/ns/{ns}"));
    let (Ok(user), Ok(net)) = (open("user"), open("net")) else {
        return false;
    };
    let same_user = std::fs::metadata("/proc/self/ns/user")
        .ok()
        .zip(user.metadata().ok())
        .is_some_and(|(a, b)| {
            use std::os::unix::fs::MetadataExt;
            a.ino() == b.ino()
        });
    let timeout = Duration::from_millis(timeout_ms.clamp(100, 60_000));
    let child = crate::sys::fork_child(|| {
        use nix::sched::{setns, CloneFlags};
        if !same_user && setns(user.as_fd(), CloneFlags::CLONE_NEWUSER).is_err() {
            return 2;
        }
        if setns(net.as_fd(), CloneFlags::CLONE_NEWNET).is_err() {
            return 2;
        }
        i32::from(!probe_inside(n, timeout))
    });
    let Ok(child) = child else { return false };
    let deadline = Instant::now() + timeout + Duration::from_millis(200);
    loop {
        match super::spawn::reap(child) {
            Ok(Some(code)) => return code == 0,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                let _ = nix::sys::wait::waitpid(child, None);
                return false;
            }
        }
    }
}

fn probe_inside(n: &NetProbe, timeout: Duration) -> bool {
    use std::io::{Read, Write};
    use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
    let ip: IpAddr = n
        .host
        .as_deref()
        .and_then(|h| h.parse().ok())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let Ok(mut s) = TcpStream::connect_timeout(&SocketAddr::new(ip, n.port), timeout) else {
        return false;
    };
    let Some(path) = &n.http_path else {
        return true;
    };
    let _ = s.set_read_timeout(Some(timeout));
    let _ = s.set_write_timeout(Some(timeout));
    let mut req = format!(
        "GET {path} HTTP/1.1\r\nHost: {ip}:{}\r\nUser-Agent: skiff-probe\r\nConnection: close\r\n",
        n.port
    );
    for (k, v) in &n.headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut buf = [0u8; 64];
    let mut got = 0;
    while got < 12 {
        match s.read(&mut buf[got..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => got += k,
        }
    }
    let line = String::from_utf8_lossy(&buf[..got]);
    let code: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (200..400).contains(&code)
}

/// Record a check's result: healthy at once on success; unhealthy after `retries` failures in a
/// row (failures during the start period do not count).
pub fn record(
    store: &ContainerStore,
    id: &str,
    ok: bool,
    in_start_period: bool,
) -> anyhow::Result<String> {
    let _l = store.lock(id, crate::storage::LockMode::Exclusive)?;
    let mut c = store.load(id)?;
    let retries = c.health.as_ref().map(|h| h.retries).unwrap_or(3);
    if ok {
        c.state.failing_streak = 0;
        c.state.health_status = Some("healthy".into());
    } else if !in_start_period {
        c.state.failing_streak += 1;
        if c.state.failing_streak >= retries {
            c.state.health_status = Some("unhealthy".into());
        }
    }
    store.save(&c)?;
    Ok(c.state
        .health_status
        .clone()
        .unwrap_or_else(|| "starting".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_image_healthchecks() {
        assert_eq!(parse_duration("30s"), Some(30_000));
        assert_eq!(parse_duration("1m30s"), Some(90_000));
        assert_eq!(parse_duration("500ms"), Some(500));
        assert_eq!(parse_duration("0.3s"), Some(300));
        assert_eq!(parse_duration("5"), None);
        let img = serde_json::json!({"Test": ["CMD-SHELL", "curl -f localhost"], "Interval": 5_000_000_000u64, "Retries": 2});
        let h = from_flags(None, None, None, None, None, false, Some(&img))
            .unwrap()
            .unwrap();
        assert_eq!(h.test, ["/bin/sh", "-c", "curl -f localhost"]);
        assert_eq!((h.interval_ms, h.retries, h.timeout_ms), (5000, 2, 30_000));
        assert!(from_flags(None, None, None, None, None, true, Some(&img))
            .unwrap()
            .is_none());
        let none = serde_json::json!({"Test": ["NONE"]});
        assert!(from_flags(None, None, None, None, None, false, Some(&none))
            .unwrap()
            .is_none());
        let f = from_flags(Some("true"), Some("1s"), None, None, Some(5), false, None)
            .unwrap()
            .unwrap();
        assert_eq!((f.interval_ms, f.retries), (1000, 5));
    }
}
