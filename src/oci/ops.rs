//! The commands other than create and exec: start, run, state, kill, delete, ps, pause, resume,
//! features, spec, list.

use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};

use super::cli::{Command, Log};
use super::state::{self, Record, Status};

pub fn dispatch(root: &Path, cmd: Command, rootless: bool, log: &Log) -> anyhow::Result<i32> {
    match cmd {
        Command::Create(a) => {
            super::create::create(root, &a, log)?;
            Ok(0)
        }
        Command::Start { id } => start(root, &id, log).map(|_| 0),
        Command::Run {
            create,
            detach,
            keep,
        } => run(root, &create, detach, keep, log),
        Command::State { id } => {
            let r = state::load(root, &id)?;
            let s = state::status(root, &r);
            println!(
                "{}",
                serde_json::to_string_pretty(&state::oci_state(&r, s))?
            );
            Ok(0)
        }
        Command::Kill { id, signal, all } => {
            kill(root, &id, signal.as_deref().unwrap_or("SIGTERM"), all).map(|_| 0)
        }
        Command::Delete { id, force } => delete(root, &id, force, log).map(|_| 0),
        Command::Exec(a) => super::exec::exec(root, &a, log),
        Command::Ps {
            id,
            format,
            ps_args,
        } => ps(root, &id, &format, &ps_args),
        Command::Pause { id } => pause(root, &id, true).map(|_| 0),
        Command::Resume { id } => pause(root, &id, false).map(|_| 0),
        Command::Features => {
            println!("{}", serde_json::to_string_pretty(&features())?);
            Ok(0)
        }
        Command::Spec { bundle } => spec(&bundle, rootless).map(|_| 0),
        Command::List { format, quiet } => list(root, &format, quiet).map(|_| 0),
    }
}

fn config_of(r: &Record) -> Option<oci_spec::runtime::Spec> {
    std::fs::read_to_string(&r.config)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
}

pub fn start(root: &Path, id: &str, log: &Log) -> anyhow::Result<()> {
    let r = state::load(root, id)?;
    let s = state::status(root, &r);
    if s != Status::Created {
        bail!(
            "cannot start container {id:?}: it is {} (only a created container can be started)",
            s.as_str()
        );
    }
    let fifo = state::fifo(root, id);
    // The init holds the fifo open for reading: with it gone, opening for writing fails (ENXIO).
    let f = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ENXIO) => anyhow!("cannot start container {id:?}: its init has exited"),
            _ => anyhow!("opening {}: {e}", fifo.display()),
        })?;
    use std::io::Write;
    (&f).write_all(b"0")
        .with_context(|| format!("starting container {id:?}"))?;
    drop(f);
    let _ = std::fs::remove_file(&fifo);
    let config = config_of(&r);
    if config.as_ref().is_some_and(|c| c.process().is_none()) {
        // The init ends on its own once released.
        bail!("cannot start container {id:?}: its config has no process (nothing to run)");
    }
    if let Some(h) = config.and_then(|c| c.hooks().clone()) {
        let st = state::oci_state(&r, Status::Running);
        if let Err(e) =
            super::hooks::run_all("poststart", h.poststart().as_deref().unwrap_or(&[]), &st)
        {
            // The spec: a failing poststart hook is logged, the container keeps running.
            log.write("warning", &format!("{e:#}"));
        }
    }
    Ok(())
}

fn run(
    root: &Path,
    a: &super::cli::CreateArgs,
    detach: bool,
    keep: bool,
    log: &Log,
) -> anyhow::Result<i32> {
    let created = super::create::create(root, a, log)?;
    if let Err(e) = start(root, &a.id, log) {
        let _ = delete(root, &a.id, true, log);
        let _ = nix::sys::wait::waitpid(created.pid, None);
        return Err(e);
    }
    if detach {
        return Ok(0);
    }
    let code = loop {
        match nix::sys::wait::waitpid(created.pid, None) {
            Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => break c,
            Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => break 128 + s as i32,
            Err(nix::Error::EINTR) | Ok(_) => continue,
            Err(e) => return Err(anyhow!("waiting for the container: {e}")),
        }
    };
    if !keep {
        delete(root, &a.id, true, log)?;
    }
    Ok(code)
}

pub fn parse_signal(s: &str) -> anyhow::Result<i32> {
    if let Ok(n) = s.parse::<i32>() {
        if (1..=64).contains(&n) {
            return Ok(n);
        }
        bail!("invalid signal {s:?}: use a name (TERM, SIGKILL) or a number 1-64");
    }
    let up = s.to_uppercase();
    let name = if up.starts_with("SIG") {
        up
    } else {
        format!("SIG{up}")
    };
    if let Some(rest) = name.strip_prefix("SIGRTMIN+") {
        let n: i32 = rest.parse().map_err(|_| anyhow!("invalid signal {s:?}"))?;
        return Ok(libc::SIGRTMIN() + n);
    }
    if let Some(rest) = name.strip_prefix("SIGRTMAX-") {
        let n: i32 = rest.parse().map_err(|_| anyhow!("invalid signal {s:?}"))?;
        return Ok(libc::SIGRTMAX() - n);
    }
    name.parse::<nix::sys::signal::Signal>()
        .map(|s| s as i32)
        .map_err(|_| anyhow!("invalid signal {s:?}: use a name (TERM, SIGKILL) or a number 1-64"))
}

/// The container's processes: its cgroup's, else those in its pid namespace (or the init alone).
pub fn processes(r: &Record) -> Vec<i32> {
    let from_cgroup = super::cgroups::pids(&r.cgroups);
    if !from_cgroup.is_empty() {
        return from_cgroup;
    }
    let ns = |pid: i32| std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok();
    let Some(mine) = ns(r.pid) else {
        return Vec::new();
    };
    if Some(&mine) == ns(std::process::id() as i32).as_ref() {
        return vec![r.pid];
    }
    std::fs::read_dir("/proc")
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()))
                .filter(|p| ns(*p).as_ref() == Some(&mine))
                .collect()
        })
        .unwrap_or_default()
}

fn kill(root: &Path, id: &str, sig: &str, all: bool) -> anyhow::Result<()> {
    let r = state::load(root, id)?;
    let n = parse_signal(sig)?;
    let s = state::status(root, &r);
    if s == Status::Stopped {
        bail!("cannot kill container {id:?}: it is not running");
    }
    let targets = if all { processes(&r) } else { vec![r.pid] };
    for p in targets {
        crate::sys::kill_raw(p, n).map_err(|e| anyhow!("signalling {p}: {e}"))?;
    }
    Ok(())
}

pub fn delete(root: &Path, id: &str, force: bool, log: &Log) -> anyhow::Result<()> {
    let r = match state::load(root, id) {
        Ok(r) => r,
        Err(e) if force && !state::dir(root, id).exists() => {
            let _ = e;
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let s = state::status(root, &r);
    match s {
        Status::Stopped => {}
        _ if force => kill_all(&r),
        _ => bail!(
            "cannot delete container {id:?}: it is {} (stop it first, or use --force)",
            s.as_str()
        ),
    }
    super::cgroups::remove(&r.cgroups);
    let hooks = config_of(&r).and_then(|c| c.hooks().clone());
    std::fs::remove_dir_all(state::dir(root, id))
        .with_context(|| format!("removing the state of {id}"))?;
    if let Some(h) = hooks {
        let st = state::oci_state(&r, Status::Stopped);
        if let Err(e) =
            super::hooks::run_all("poststop", h.poststop().as_deref().unwrap_or(&[]), &st)
        {
            log.write("warning", &format!("{e:#}"));
        }
    }
    Ok(())
}

fn kill_all(r: &Record) {
    if let Some(f) = super::cgroups::freezer(&r.cgroups) {
        let thawed = if f.ends_with("cgroup.freeze") {
            "0"
        } else {
            "THAWED"
        };
        let _ = std::fs::write(&f, thawed);
    }
    for p in processes(r) {
        let _ = crate::sys::kill_raw(p, libc::SIGKILL);
    }
    let _ = crate::sys::kill_raw(r.pid, libc::SIGKILL);
    let deadline = Instant::now() + Duration::from_secs(10);
    while state::start_time(r.pid) == Some(r.start_time) && Instant::now() < deadline {
        // Our own child (run): reap it; otherwise its reaper will.
        let _ = nix::sys::wait::waitpid(
            nix::unistd::Pid::from_raw(r.pid),
            Some(nix::sys::wait::WaitPidFlag::WNOHANG),
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    // Wait for the cgroup to empty so its directories can go.
    while !super::cgroups::pids(&r.cgroups).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn pause(root: &Path, id: &str, freeze: bool) -> anyhow::Result<()> {
    let mut r = state::load(root, id)?;
    let s = state::status(root, &r);
    match (freeze, s) {
        (true, Status::Running) | (false, Status::Paused) => {}
        _ => bail!(
            "cannot {} container {id:?}: it is {}",
            if freeze { "pause" } else { "resume" },
            s.as_str()
        ),
    }
    match super::cgroups::freezer(&r.cgroups) {
        Some(f) if f.ends_with("cgroup.freeze") => {
            std::fs::write(&f, if freeze { "1" } else { "0" })?
        }
        Some(f) => std::fs::write(&f, if freeze { "FROZEN" } else { "THAWED" })?,
        None => {
            // No freezer (rootless without delegation): stop and continue every process.
            let sig = if freeze { libc::SIGSTOP } else { libc::SIGCONT };
            for p in processes(&r) {
                let _ = crate::sys::kill_raw(p, sig);
            }
        }
    }
    r.paused = freeze;
    state::save(root, &r)
}

fn ps(root: &Path, id: &str, format: &str, args: &[String]) -> anyhow::Result<i32> {
    let r = state::load(root, id)?;
    let pids = if state::status(root, &r) == Status::Stopped {
        Vec::new()
    } else {
        processes(&r)
    };
    if format == "json" {
        println!("{}", serde_json::to_string(&pids)?);
        return Ok(0);
    }
    let args: Vec<String> = if args.is_empty() {
        vec!["-ef".into()]
    } else {
        args.to_vec()
    };
    let out = std::process::Command::new("ps")
        .args(&args)
        .output()
        .context("running ps")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let Some(header) = lines.next() else {
        return Ok(1);
    };
    let col = header
        .split_whitespace()
        .position(|h| h == "PID")
        .ok_or_else(|| anyhow!("ps printed no PID column"))?;
    println!("{header}");
    for l in lines {
        if l.split_whitespace()
            .nth(col)
            .and_then(|p| p.parse::<i32>().ok())
            .is_some_and(|p| pids.contains(&p))
        {
            println!("{l}");
        }
    }
    Ok(0)
}

fn features() -> serde_json::Value {
    let caps: Vec<&str> = crate::runtime::security::ALL_CAPS.to_vec();
    serde_json::json!({
        "ociVersionMin": "1.0.0",
        "ociVersionMax": super::config::OCI_VERSION,
        "hooks": ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
        "mountOptions": ["async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "idmap", "mand", "noatime", "nodev", "nodiratime", "noexec", "nomand", "norelatime", "nostrictatime", "nosuid", "private", "rbind", "relatime", "remount", "ridmap", "ro", "rprivate", "rshared", "rslave", "runbindable", "rw", "shared", "slave", "strictatime", "suid", "sync", "unbindable"],
        "linux": {
            "namespaces": ["cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"],
            "capabilities": caps,
            "cgroup": {"v1": true, "v2": true, "systemd": false, "systemdUser": false, "rdma": false},
            "seccomp": {
                "enabled": true,
                "actions": ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"],
                "operators": ["SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE"],
                "archs": [if cfg!(target_arch = "aarch64") { "SCMP_ARCH_AARCH64" } else { "SCMP_ARCH_X86_64" }],
                "knownFlags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
                "supportedFlags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]
            },
            "apparmor": {"enabled": false},
            "selinux": {"enabled": false},
            "intelRdt": {"enabled": false},
            "mountExtensions": {"idmap": {"enabled": true}}
        },
        "annotations": {"org.opencontainers.runtime-spec.features.name": "skiff-runtime", "io.github.skiff.version": env!("CARGO_PKG_VERSION")}
    })
}

fn spec(bundle: &Path, rootless: bool) -> anyhow::Result<()> {
    let path = bundle.join("config.json");
    if path.exists() {
        bail!("{} already exists: remove it first", path.display());
    }
    let mut s = if rootless {
        oci_spec::runtime::Spec::rootless(
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        )
    } else {
        oci_spec::runtime::Spec::default()
    };
    s.set_version(super::config::OCI_VERSION.to_string());
    s.set_hostname(Some("skiff".to_string()));
    s.save(&path)
        .map_err(|e| anyhow!("writing {}: {e}", path.display()))?;
    Ok(())
}

fn list(root: &Path, format: &str, quiet: bool) -> anyhow::Result<()> {
    let ids = state::list(root);
    if quiet {
        for id in ids {
            println!("{id}");
        }
        return Ok(());
    }
    let mut rows = Vec::new();
    for id in ids {
        let Ok(r) = state::load(root, &id) else {
            continue;
        };
        let s = state::status(root, &r);
        rows.push(state::oci_state(&r, s));
    }
    if format == "json" {
        println!("{}", serde_json::to_string(&rows)?);
        return Ok(());
    }
    println!(
        "{:<30} {:<8} {:<8} {:<40} {:<32}",
        "ID", "PID", "STATUS", "BUNDLE", "CREATED"
    );
    for v in rows {
        println!(
            "{:<30} {:<8} {:<8} {:<40} {:<32}",
            v["id"].as_str().unwrap_or(""),
            v["pid"].as_i64().unwrap_or(0),
            v["status"].as_str().unwrap_or(""),
            v["bundle"].as_str().unwrap_or(""),
            v["created"].as_str().unwrap_or("")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_by_name_and_number() {
        assert_eq!(parse_signal("KILL").unwrap(), 9);
        assert_eq!(parse_signal("SIGTERM").unwrap(), 15);
        assert_eq!(parse_signal("9").unwrap(), 9);
        assert!(parse_signal("0").is_err());
        assert!(parse_signal("NOPE").is_err());
        assert_eq!(parse_signal("RTMIN+1").unwrap(), libc::SIGRTMIN() + 1);
    }
}
