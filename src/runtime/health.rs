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
    }))
}

/// Run the check once; true when it exits 0 within the timeout. Single-threaded callers only.
pub fn check(c: &Container, h: &Health) -> bool {
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
