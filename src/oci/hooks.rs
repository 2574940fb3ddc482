//! Lifecycle hooks: each runs with the container's state JSON on stdin and is killed past its
//! `timeout` (seconds).

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use oci_spec::runtime::Hook;

pub fn run_all(kind: &str, hooks: &[Hook], state: &serde_json::Value) -> anyhow::Result<()> {
    for (i, h) in hooks.iter().enumerate() {
        run(h, state).map_err(|e| anyhow!("hooks.{kind}[{i}] ({}): {e}", h.path().display()))?;
    }
    Ok(())
}

pub fn run(h: &Hook, state: &serde_json::Value) -> anyhow::Result<()> {
    let args = h.args().clone().unwrap_or_default();
    let mut cmd = std::process::Command::new(h.path());
    if let Some((first, rest)) = args.split_first() {
        cmd.arg0(first).args(rest);
    }
    cmd.env_clear();
    for e in h.env().iter().flatten() {
        if let Some((k, v)) = e.split_once('=') {
            cmd.env(k, v);
        }
    }
    cmd.stdin(std::process::Stdio::piped());
    crate::sys::unblock_signals_on_exec(&mut cmd);
    let mut child = cmd.spawn().map_err(|e| anyhow!("cannot run it: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A hook that does not read its stdin is fine (EPIPE ignored).
        let _ = stdin.write_all(state.to_string().as_bytes());
    }
    let deadline = h
        .timeout()
        .filter(|t| *t > 0)
        .map(|t| Instant::now() + Duration::from_secs(t as u64));
    loop {
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("exited with {status}");
            }
            return Ok(());
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "did not finish within its timeout of {}s and was killed",
                h.timeout().unwrap_or(0)
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
