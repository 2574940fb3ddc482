//! A container's processes, read from /proc: every process in the container's pid namespace.
//! `top`, `stats` and `pause` use this instead of cgroups, so they work without cgroup delegation
//! (where podman's fail).

use std::path::Path;

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use nix::sys::wait::waitpid;
use nix::unistd::Pid;

#[derive(Debug, Clone)]
pub struct Proc {
    /// Host pid.
    pub pid: i32,
    /// Pid and parent pid inside the container.
    pub ns_pid: i32,
    pub ns_ppid: i32,
    /// Container uid (the first of the effective uids as seen in the namespace).
    pub uid: u32,
    pub comm: String,
    pub cmdline: String,
    /// utime + stime, clock ticks.
    pub cpu_ticks: u64,
    /// Start time, clock ticks after boot.
    pub start_ticks: u64,
    pub rss_bytes: u64,
    pub tty: Option<String>,
}

fn ns_inode(pid: i32) -> Option<std::path::PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok()
}

/// Processes sharing the pid namespace of `init_pid`, sorted by container pid.
pub fn list(init_pid: i32) -> Vec<Proc> {
    let Some(target) = ns_inode(init_pid) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in rd.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if ns_inode(pid).as_ref() != Some(&target) {
            continue;
        }
        if let Some(p) = read(pid) {
            out.push(p);
        }
    }
    out.sort_by_key(|p| p.ns_pid);
    out
}

fn read(pid: i32) -> Option<Proc> {
    let base = Path::new("/proc").join(pid.to_string());
    let status = std::fs::read_to_string(base.join("status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
    };
    let nspid: Vec<i32> = field("NSpid:")?
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    let uid_host: u32 = field("Uid:")?.split_whitespace().nth(1)?.parse().ok()?;
    let stat = std::fs::read_to_string(base.join("stat")).ok()?;
    let comm = stat[stat.find('(')? + 1..stat.rfind(')')?].to_string();
    let rest: Vec<&str> = stat[stat.rfind(')')? + 2..].split_whitespace().collect();
    let num = |i: usize| rest.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    let tty_nr = num(4);
    let cmdline = std::fs::read(base.join("cmdline"))
        .map(|b| {
            b.split(|c| *c == 0)
                .filter(|s| !s.is_empty())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    // The uid inside: translate through the process's own uid_map.
    let uid = std::fs::read_to_string(base.join("uid_map"))
        .ok()
        .and_then(|m| {
            m.lines().find_map(|l| {
                let v: Vec<u64> = l
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                (v.len() == 3 && (uid_host as u64) >= v[1] && (uid_host as u64) < v[1] + v[2])
                    .then(|| (v[0] + uid_host as u64 - v[1]) as u32)
            })
        })
        .unwrap_or(uid_host);
    let page = rustix::param::page_size() as u64;
    let ppid_host = num(1) as i32;
    let ns_ppid = if nspid.last() == Some(&1) {
        0
    } else {
        std::fs::read_to_string(format!("/proc/{ppid_host}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("NSpid:"))
                    .and_then(|v| v.split_whitespace().last().and_then(|x| x.parse().ok()))
            })
            .unwrap_or(0)
    };
    Some(Proc {
        pid,
        ns_pid: *nspid.last()?,
        ns_ppid,
        uid,
        comm,
        cmdline,
        cpu_ticks: num(11) + num(12),
        start_ticks: num(19),
        rss_bytes: num(21) * page,
        tty: (tty_nr != 0).then(|| format!("pts/{}", tty_nr & 0xff | ((tty_nr >> 12) & 0xfff00))),
    })
}

pub fn clock_ticks() -> u64 {
    rustix::param::clock_ticks_per_second()
}

/// Seconds since boot.
pub fn uptime() -> f64 {
    std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0.0)
}

/// A process's namespaces, opened for setns: `names` pairs /proc/PID/ns entries with their flags.
pub fn namespaces(
    pid: i32,
    names: &[(&str, nix::sched::CloneFlags)],
) -> anyhow::Result<Vec<(std::os::fd::OwnedFd, nix::sched::CloneFlags)>> {
    names
        .iter()
        .map(|(name, flag)| {
            let path = format!("/proc/{pid}/ns/{name}");
            let fd = std::fs::File::open(&path)
                .map_err(|e| anyhow::anyhow!("opening {path}: {e} (is the container running?)"))?;
            Ok((fd.into(), *flag))
        })
        .collect()
}

/// Join namespaces opened with [`namespaces`], in order (user first gives the rights for the rest).
pub fn join(ns: &[(std::os::fd::OwnedFd, nix::sched::CloneFlags)]) -> nix::Result<()> {
    for (fd, flag) in ns {
        nix::sched::setns(fd, *flag)?;
    }
    Ok(())
}

/// SIGKILL `pid` if it still runs one of `programs` (by /proc/PID/comm prefix): for helpers
/// whose pid was recorded and may have been reused since: whether it did.
pub fn kill_if_named(pid: i32, programs: &[&str]) -> bool {
    if pid <= 0 {
        return false;
    }
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    programs.iter().any(|p| comm.starts_with(p))
        && nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        )
        .is_ok()
}

/// `--network container:X`: the container joins X's user and network namespaces. An intermediate
/// process joins them (a process cannot leave its own user namespace) and clones the container
/// with CLONE_PARENT, so that the container is still our child; it reports the pid and exits.
pub(crate) fn clone_joined(
    target: i32,
    which: &[&str],
    flags: CloneFlags,
    body: impl FnOnce() -> i32,
) -> anyhow::Result<Pid> {
    let all = [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("net", CloneFlags::CLONE_NEWNET),
        ("ipc", CloneFlags::CLONE_NEWIPC),
        ("uts", CloneFlags::CLONE_NEWUTS),
        ("pid", CloneFlags::CLONE_NEWPID),
    ];
    let wanted: Vec<(&str, CloneFlags)> =
        all.into_iter().filter(|(n, _)| which.contains(n)).collect();
    let ns = namespaces(target, &wanted)?;
    let report = crate::userns::enter::Report::new()?;
    let w = report.writer();
    // In our address space, this thread waiting: no copy of it to make and tear down.
    let mid = crate::sys::vfork_child(|| {
        let result = join(&ns).map_err(anyhow::Error::from).and_then(|()| {
            // The container must not hold the report pipe: the parent reads it to EOF.
            let body = || {
                crate::sys::close_in_child(w);
                body()
            };
            Ok(crate::sys::clone_child(flags | CloneFlags::CLONE_PARENT, body)?.to_string())
        });
        crate::userns::enter::Report::send(w, result)
    })
    .context("creating the container process")?;
    let outcome = report.receive();
    let _ = waitpid(mid, None);
    let pid = outcome
        .context("joining the other container's namespaces")?
        .parse()
        .map_err(|_| anyhow!("joining the other container's namespaces: no pid reported"))?;
    Ok(Pid::from_raw(pid))
}
