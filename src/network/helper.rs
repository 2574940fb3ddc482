//! Outbound connectivity for a container's network namespace: pasta (daemonizes once the
//! namespace is configured, so its exit is the ready signal) or slirp4netns (stays our child,
//! writes to --ready-fd when ready and exits when --exit-fd closes). Stopped on drop.

use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{anyhow, Context};

use super::{etc, Network};
use crate::userns::helpers::find_program;

pub enum NetHelper {
    /// The daemonized pasta's pid.
    Pasta(i32),
    Slirp(Child),
}

fn missing(program: &str, package: &str) -> anyhow::Error {
    anyhow!(
        "{program} is not installed: install it (`sudo apt install {package}`), or choose another \
         --network (pasta, slirp4netns, none, host)"
    )
}

/// Connect the network namespace of `pid` to the outside; `None` for modes that need no helper.
pub fn start(net: &Network, pid: i32, rundir: &Path) -> anyhow::Result<Option<NetHelper>> {
    match net {
        Network::Pasta => start_pasta(pid, rundir).map(Some),
        Network::Slirp4netns => start_slirp(pid, rundir).map(Some),
        _ => Ok(None),
    }
}

/// The same for the user's shared network namespace: a helper that outlives its caller; its pid.
pub fn start_detached(net: &Network, pid: i32, rundir: &Path) -> anyhow::Result<i32> {
    let helper = match net {
        Network::Pasta => start_pasta(pid, rundir)?,
        _ => start_slirp_with(pid, rundir, false)?,
    };
    let p = helper.pid();
    // Not ours to stop on drop (that would kill it right here): teardown kills it by pid.
    std::mem::forget(helper);
    Ok(p)
}

fn start_pasta(pid: i32, rundir: &Path) -> anyhow::Result<NetHelper> {
    let started = spawn_pasta(pid, rundir)?;
    finish_pasta(started)
}

/// pasta for the namespaces of `pid`, running: `finish_pasta` waits until it has set them up.
/// (It can start before the user namespace is mapped: it joins it with full capabilities.)
pub struct PastaStarting {
    child: std::process::Child,
    pidfile: std::path::PathBuf,
}

pub fn spawn_pasta(pid: i32, rundir: &Path) -> anyhow::Result<PastaStarting> {
    let pasta = find_program("pasta").ok_or_else(|| missing("pasta", "passt"))?;
    let pidfile = rundir.join("pasta.pid");
    let _ = std::fs::remove_file(&pidfile);
    // No port forwarding by pasta itself (-t/-u/-T/-U none): published ports go through our own
    // forwarder. Connections to the gateway address reach the host's loopback (pasta's default).
    let mut cmd = Command::new(pasta);
    crate::sys::unblock_signals_on_exec(&mut cmd);
    if nix::unistd::geteuid().is_root() {
        // pasta started as root switches to nobody, who cannot enter the container's user
        // namespace: keep root (which owns that namespace).
        cmd.args(["--runas", "0:0"]);
    }
    let out = cmd
        .args(["--config-net", "--quiet"])
        .args(["-t", "none", "-u", "none", "-T", "none", "-U", "none"])
        .args(["--dns-forward", etc::PASTA_DNS])
        .arg("--pid")
        .arg(&pidfile)
        .arg(pid.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("running pasta")?;
    Ok(PastaStarting {
        child: out,
        pidfile,
    })
}

/// Wait for pasta's set-up; its daemon's pid.
pub fn finish_pasta(s: PastaStarting) -> anyhow::Result<NetHelper> {
    let PastaStarting { child, pidfile } = s;
    let out = child.wait_with_output().context("running pasta")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let err: Vec<&str> = err
            .lines()
            .filter(|l| !l.starts_with("Failed to send") && !l.trim().is_empty())
            .collect();
        anyhow::bail!(
            "pasta could not set up the container's network ({}): {}; try --network slirp4netns \
             or --network none",
            out.status,
            err.join("; ")
        );
    }
    let text = std::fs::read_to_string(&pidfile)
        .with_context(|| format!("reading pasta's pid file {}", pidfile.display()))?;
    let helper_pid = text
        .trim()
        .parse()
        .map_err(|_| anyhow!("pasta wrote an invalid pid file: {text:?}"))?;
    Ok(NetHelper::Pasta(helper_pid))
}

fn start_slirp(pid: i32, rundir: &Path) -> anyhow::Result<NetHelper> {
    start_slirp_with(pid, rundir, true)
}

fn start_slirp_with(pid: i32, rundir: &Path, exit_with_us: bool) -> anyhow::Result<NetHelper> {
    let slirp = find_program("slirp4netns").ok_or_else(|| missing("slirp4netns", "slirp4netns"))?;
    let log_path = rundir.join("slirp4netns.log");
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("creating {}", log_path.display()))?;
    // Ready: slirp4netns writes to its stdout (--ready-fd=1). Exit: its stdin (--exit-fd=0)
    // reaches EOF when we drop our end.
    let mut cmd = Command::new(slirp);
    crate::sys::unblock_signals_on_exec(&mut cmd);
    cmd.args([
        "--configure",
        "--mtu=65520",
        "--ready-fd=1",
        "--enable-ipv6",
    ]);
    if exit_with_us {
        cmd.arg("--exit-fd=0");
    } else {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd
        .arg(format!("--userns-path=/proc/{pid}/ns/user"))
        .arg(pid.to_string())
        .arg("tap0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .context("running slirp4netns")?;
    let mut b = [0u8; 1];
    let ready = child
        .stdout
        .take()
        .map(|mut o| o.read(&mut b).unwrap_or(0) == 1)
        .unwrap_or(false);
    if !ready {
        let _ = child.kill();
        let status = child.wait();
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        anyhow::bail!(
            "slirp4netns could not set up the container's network ({}): {}",
            status.map(|s| s.to_string()).unwrap_or_default(),
            log.trim().lines().last().unwrap_or("no message")
        );
    }
    Ok(NetHelper::Slirp(child))
}

impl NetHelper {
    pub fn pid(&self) -> i32 {
        match self {
            NetHelper::Pasta(p) => *p,
            NetHelper::Slirp(c) => c.id() as i32,
        }
    }
}

impl Drop for NetHelper {
    fn drop(&mut self) {
        match self {
            NetHelper::Pasta(pid) => {
                kill_recorded(*pid);
            }
            NetHelper::Slirp(child) => {
                drop(child.stdin.take());
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

/// Kill the network helpers whose command line names `path` (pasta's `--pid FILE`): for a helper
/// whose starter was killed before it could record the pid. Until none is left: pasta
/// daemonizes (its first process forks the daemon, writes its pid and exits), and a daemon forked
/// after one look at /proc shows up in the next.
pub fn kill_all_naming(path: &Path) {
    for _ in 0..100 {
        if kill_naming(path) == 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// One pass of `kill_all_naming`: how many it killed. (A killed process that has not exited yet
/// counts again in the next pass; one that has keeps no command line.)
fn kill_naming(path: &Path) -> usize {
    pasta_pidfiles()
        .into_iter()
        .filter(|(pid, file)| file == path && kill_recorded(*pid))
        .count()
}

/// Network helpers of containers that are gone: pasta processes whose `--pid FILE` lies in a
/// container's run dir under `rundir` whose id `exists` denies (a leftover of a starter killed
/// with -9 at the wrong moment). Their pids and pid files.
pub fn orphans(rundir: &Path, exists: impl Fn(&str) -> bool) -> Vec<(i32, PathBuf)> {
    pasta_pidfiles()
        .into_iter()
        .filter(|(_, file)| {
            let id = file
                .strip_prefix(rundir)
                .ok()
                .filter(|rest| rest.components().count() == 2 && rest.ends_with("pasta.pid"))
                .and_then(|rest| rest.components().next())
                .and_then(|c| c.as_os_str().to_str());
            id.is_some_and(|id| !exists(id))
        })
        .collect()
}

/// The running pasta processes (by /proc) and the `--pid FILE` each was given.
fn pasta_pidfiles() -> Vec<(i32, PathBuf)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_str()?.parse::<i32>().ok()?;
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            let mut args = cmdline.split(|b| *b == 0);
            let program = args.next()?;
            if !(program.ends_with(b"/pasta") || program == b"pasta") {
                return None;
            }
            let file = args.skip_while(|a| *a != b"--pid").nth(1)?;
            Some((pid, PathBuf::from(std::ffi::OsStr::from_bytes(file))))
        })
        .collect()
}

/// Stop a helper recorded in a container's state, if that pid is still a network helper (a
/// supervisor killed with -9 leaves it behind): whether it was one.
pub fn kill_recorded(pid: i32) -> bool {
    crate::runtime::procs::kill_if_named(pid, &["pasta", "passt", "slirp4netns"])
}
