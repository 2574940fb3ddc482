//! The user's rootless network namespace: one per runroot, held by a tiny process (skiff
//! re-executed as `internal-netns-holder`, in a user namespace with the store's mapping), connected
//! outward by pasta (slirp4netns as the fallback). Containers on bridge networks are created inside
//! its user namespace, so that it may move veth ends into their network namespaces.
//!
//! Created on first use and torn down when the last attachment leaves (see `attach`); its pids
//! live in `<runroot>/netns/holder.json`. Whoever finds the holder dead rebuilds it and says so.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{anyhow, bail, Context};
use serde::{Deserialize, Serialize};

use crate::state::record::process_start;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Holder {
    pub pid: i32,
    pub pid_start: u64,
    /// pasta's (or slirp4netns's) pid.
    pub helper_pid: i32,
    /// The DNS server's pid, 0 when none runs.
    #[serde(default)]
    pub dns_pid: i32,
    #[serde(default)]
    pub dns_start: u64,
}

impl Holder {
    pub fn alive(&self) -> bool {
        self.pid > 0 && process_start(self.pid) == Some(self.pid_start)
    }

    pub fn dns_alive(&self) -> bool {
        self.dns_pid > 0 && process_start(self.dns_pid) == Some(self.dns_start)
    }
}

pub fn dir(runroot: &Path) -> PathBuf {
    runroot.join("netns")
}

fn state_path(runroot: &Path) -> PathBuf {
    dir(runroot).join("holder.json")
}

pub fn load(runroot: &Path) -> Option<Holder> {
    let text = std::fs::read(state_path(runroot)).ok()?;
    serde_json::from_slice(&text).ok()
}

pub fn save(runroot: &Path, h: &Holder) -> anyhow::Result<()> {
    crate::storage::atomic::write_atomic_nosync(&state_path(runroot), &serde_json::to_vec(h)?)
        .context("saving the network namespace holder's state")
}

/// The running holder, started (or rebuilt, with a note on stderr) when needed; a new one gets
/// its DNS server at once when `with_dns`. The caller holds the network lock.
pub fn ensure(runroot: &Path, with_dns: bool) -> anyhow::Result<Holder> {
    let old = load(runroot);
    if let Some(h) = &old {
        if h.alive() {
            return Ok(h.clone());
        }
        eprintln!(
            "skiff: the rootless network namespace was gone (its holder, pid {}, ended); rebuilding it",
            h.pid
        );
        stop(h);
    }
    let h = start(runroot, with_dns)?;
    save(runroot, &h)?;
    Ok(h)
}

/// Tell the user when the recorded holder has died (the next start rebuilds it).
pub fn say_if_gone(runroot: &Path) {
    if let Some(h) = load(runroot).filter(|h| !h.alive()) {
        eprintln!(
            "skiff: the rootless network namespace was gone (its holder, pid {}, ended); rebuilding it",
            h.pid
        );
    }
}

/// Stop the holder, its network helper and the DNS server (each only if still the process it
/// was), and forget them.
pub fn teardown(runroot: &Path) {
    if let Some(h) = load(runroot) {
        stop(&h);
    }
    let _ = std::fs::remove_file(state_path(runroot));
}

fn stop(h: &Holder) {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    if h.dns_alive() {
        let _ = kill(Pid::from_raw(h.dns_pid), Signal::SIGKILL);
    }
    super::helper::kill_recorded(h.helper_pid);
    if h.alive() {
        let _ = kill(Pid::from_raw(h.pid), Signal::SIGKILL);
    }
}

/// Start a detached skiff helper (`args`) that forks once so that init adopts it, and reports
/// `<pid>` on its stdout; the caller then talks to it over its stdin/stdout.
pub(crate) fn spawn_detached(args: &[&str]) -> anyhow::Result<(std::process::Child, i32)> {
    let mut child = spawn_child(args)?;
    let pid = read_pid(&mut child, args)?;
    Ok((child, pid))
}

/// The helper's process, not yet heard from.
pub(crate) fn spawn_child(args: &[&str]) -> anyhow::Result<std::process::Child> {
    let exe = std::env::current_exe().context("finding the skiff binary")?;
    let mut cmd = Command::new(exe);
    crate::sys::unblock_signals_on_exec(&mut cmd);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting skiff {}", args.join(" ")))
}

/// The `pid N` line a spawned helper reports first.
pub(crate) fn read_pid(child: &mut std::process::Child, args: &[&str]) -> anyhow::Result<i32> {
    let line = read_line(child.stdout.as_mut().expect("piped"))?;
    line.strip_prefix("pid ")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| anyhow!("skiff {}: {line}", args.join(" ")))
}

pub(crate) fn read_line(r: &mut impl Read) -> anyhow::Result<String> {
    let mut out = Vec::new();
    let mut b = [0u8; 1];
    loop {
        match r.read(&mut b) {
            Ok(0) => break,
            Ok(_) if b[0] == b'\n' => break,
            Ok(_) => out.push(b[0]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The rest of `spawn_detached`'s protocol once its ids are mapped: say so, and wait for the
/// holder's "ready" (anything else is its error). The caller kills it on an error.
pub(crate) fn handshake(child: &mut std::process::Child, what: &str) -> anyhow::Result<()> {
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(b"mapped\n")
        .map_err(|e| anyhow!("starting the {what}: {e}"))?;
    let line = read_line(child.stdout.as_mut().expect("piped"))?;
    let _ = child.wait();
    if line != "ready" {
        anyhow::bail!("the {what} failed to start: {line}");
    }
    Ok(())
}

fn start(runroot: &Path, with_dns: bool) -> anyhow::Result<Holder> {
    std::fs::create_dir_all(dir(runroot))?;
    let (mut child, pid) = spawn_detached(&["internal-netns-holder"])?;
    let fail = |e: anyhow::Error| {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
        e
    };
    // pasta sets up the namespace while the ids are mapped and the holder gets ready.
    let pasta = match super::Network::default_mode() {
        Ok(super::Network::Pasta) => {
            Some(super::helper::spawn_pasta(pid, &dir(runroot)).map_err(fail)?)
        }
        _ => None,
    };
    let mapping = crate::userns::idmap::IdMapping::for_current_user()?;
    mapping.apply(pid).map_err(|e| fail(e.into()))?;
    handshake(&mut child, "network namespace holder").map_err(fail)?;
    let pid_start =
        process_start(pid).ok_or_else(|| anyhow!("the network namespace holder died"))?;
    // The DNS server sets itself up while pasta starts (each takes milliseconds).
    let dns = if with_dns {
        Some(super::dns::spawn(runroot, pid).map_err(fail)?)
    } else {
        None
    };
    let helper_pid = match pasta {
        Some(p) => {
            let h = super::helper::finish_pasta(p).map_err(fail)?;
            let hp = h.pid();
            // Not ours to stop on drop: teardown kills it by pid.
            std::mem::forget(h);
            hp
        }
        None => outward(pid, &dir(runroot)).map_err(fail)?,
    };
    let mut h = Holder {
        pid,
        pid_start,
        helper_pid,
        dns_pid: 0,
        dns_start: 0,
    };
    if let Some(d) = dns {
        super::dns::finish(d, &mut h).map_err(fail)?;
    }
    Ok(h)
}

/// Connect the holder's namespace to the outside; the helper's pid.
fn outward(pid: i32, rundir: &Path) -> anyhow::Result<i32> {
    use super::Network;
    let mode = Network::default_mode()?;
    let helper = super::helper::start_detached(&mode, pid, rundir)?;
    Ok(helper)
}

/// `internal-netns-holder`: fork (init adopts the holder), report the pid, enter new user and
/// network namespaces, wait to be mapped, enable forwarding, say ready, then sleep until killed.
pub fn holder_main() -> anyhow::Result<i32> {
    crate::sys::fork_child(holder_body).context("starting the network namespace holder")?;
    Ok(0)
}

fn holder_body() -> i32 {
    hold(
        nix::sched::CloneFlags::CLONE_NEWUSER | nix::sched::CloneFlags::CLONE_NEWNET,
        "the user and network namespaces",
        || {
            std::fs::write("/proc/sys/net/ipv4/ip_forward", "1")
                .context("enabling IPv4 forwarding")?;
            // Keep taking router advertisements (pasta's) while forwarding IPv6.
            for f in [
                "/proc/sys/net/ipv6/conf/all/accept_ra",
                "/proc/sys/net/ipv6/conf/default/accept_ra",
            ] {
                let _ = std::fs::write(f, "2");
            }
            let _ = std::fs::write("/proc/sys/net/ipv6/conf/all/forwarding", "1");
            // slirp4netns forwards only flows from its own address: masquerade (pasta turns
            // every flow into a socket of the user's on the host and needs no rule).
            if super::Network::default_mode().ok() == Some(super::Network::Slirp4netns) {
                masquerade().context(
                    "setting up masquerading for slirp4netns; or install pasta (`sudo apt \
                     install passt`), which needs none",
                )?;
            }
            Ok(())
        },
    )
}

/// The body of a namespace holder (after the fork that lets init adopt it): enter new
/// namespaces (`what` names them in errors), report `pid N`, wait for `mapped` (the parent writes
/// the id maps), run `setup`, say `ready` (or why not), then sleep until killed.
pub(crate) fn hold(
    flags: nix::sched::CloneFlags,
    what: &str,
    setup: impl FnOnce() -> anyhow::Result<()>,
) -> i32 {
    let _ = nix::unistd::setsid();
    let mut out = std::io::stdout();
    // In the new namespaces before the parent learns the pid: it maps the ids at once.
    if let Err(e) = nix::sched::unshare(flags) {
        let _ = writeln!(out, "creating {what}: {e}");
        return 1;
    }
    let _ = writeln!(out, "pid {}", std::process::id());
    let _ = out.flush();
    let res = read_line(&mut std::io::stdin()).and_then(|line| {
        if line != "mapped" {
            bail!("not mapped");
        }
        setup()
    });
    match &res {
        Ok(()) => {
            let _ = writeln!(out, "ready");
        }
        Err(e) => {
            let _ = writeln!(out, "{e:#}");
        }
    }
    let _ = out.flush();
    if res.is_err() {
        return 1;
    }
    crate::sys::stdio_to_null();
    let _ = std::env::set_current_dir("/");
    loop {
        nix::unistd::pause();
    }
}

/// Masquerade what leaves the namespace other than through a bridge, with iptables (its nf_tables
/// flavour works unprivileged in a user namespace's network namespace, as netavark uses it):
/// slirp4netns forwards only flows from its own address. Traffic between containers of one
/// network is bridged and never reaches the rule.
fn masquerade() -> anyhow::Result<()> {
    let iptables = crate::userns::helpers::find_program("iptables")
        .or_else(|| {
            ["/usr/sbin/iptables", "/sbin/iptables"]
                .iter()
                .map(std::path::PathBuf::from)
                .find(|p| p.exists())
        })
        .ok_or_else(|| anyhow!("iptables is not installed (`sudo apt install iptables`)"))?;
    let out = Command::new(&iptables)
        .args([
            "-t",
            "nat",
            "-A",
            "POSTROUTING",
            "!",
            "-o",
            "podman+",
            "-j",
            "MASQUERADE",
        ])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", iptables.display()))?;
    if !out.status.success() {
        bail!(
            "{} failed ({}): {}",
            iptables.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}
