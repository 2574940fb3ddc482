//! `skiff top`, `skiff stats`, `skiff pause`, `skiff unpause`: from /proc of the container's
//! processes, so they work without cgroup delegation.

use clap::Args;
use serde_json::{json, Value};

use super::format::render_rows;
use super::GlobalOpts;
use crate::runtime::procs::{self, clock_ticks, uptime, Proc};
use crate::state::{Container, ContainerStore, Status};

#[derive(Debug, Args)]
pub struct TopArgs {
    /// Show the latest created container (the arguments are then all descriptors).
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub container: Option<String>,
    /// ps-style descriptors (user, pid, ppid, pcpu, etime, tty, time, args, comm, rss).
    #[arg(value_name = "DESCRIPTOR")]
    pub descriptors: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one sample and exit.
    #[arg(long)]
    pub no_stream: bool,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    /// All containers (the default without names; stopped ones have nothing to show).
    #[arg(short, long)]
    pub all: bool,
    /// Seconds between samples.
    #[arg(short, long, default_value_t = 1, value_name = "SECONDS")]
    pub interval: u64,
    /// Show the latest created container.
    #[arg(short, long)]
    pub latest: bool,
    /// Keep CPU figures per interval (the only way skiff computes them; accepted for podman).
    #[arg(long)]
    pub no_reset: bool,
    /// Do not truncate ids.
    #[arg(long)]
    pub no_trunc: bool,
    /// Containers (default: all running).
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// All running (pause) or paused (unpause) containers.
    #[arg(short, long)]
    pub all: bool,
    /// The containers that pass these filters (as in `ps --filter`).
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[command(flatten)]
    pub cidfiles: super::targets::CidFiles,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

fn running(store: &ContainerStore, name: &str) -> anyhow::Result<Container> {
    let c = store.find(name)?;
    if !c.process_alive() || !matches!(c.state.status, Status::Running | Status::Paused) {
        anyhow::bail!("{name}: the container is not running");
    }
    Ok(c)
}

fn secs(ticks: u64) -> f64 {
    ticks as f64 / clock_ticks() as f64
}

fn duration(s: f64) -> String {
    if s >= 60.0 {
        format!("{}m{:.3}s", (s / 60.0) as u64, s % 60.0)
    } else {
        format!("{s:.3}s")
    }
}

fn user_names(c: &Container) -> Vec<(u32, String)> {
    std::fs::read_to_string(format!("/proc/{}/root/etc/passwd", c.state.pid))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some((f.get(2)?.parse().ok()?, f[0].to_string()))
        })
        .collect()
}

pub fn top(g: &GlobalOpts, a: TopArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let (c, descriptors) = match (a.latest, a.container) {
        (true, first) => {
            let c = super::targets::one(&store, None, true)?;
            let mut d: Vec<String> = first.into_iter().collect();
            d.extend(a.descriptors);
            (c, d)
        }
        (false, name) => (
            store.find(name.as_deref().unwrap_or_default())?,
            a.descriptors,
        ),
    };
    let c = running(&store, &c.id)?;
    let (titles, rows) = table(&c, &descriptors)?;
    let mut lines = vec![titles.join("\t")];
    lines.extend(rows.iter().map(|r| r.join("\t")));
    super::output::print_text(&super::format::tabwrite(&lines))?;
    Ok(0)
}

/// `top`'s table for a running container: the titles and one row per process, with the
/// descriptors given (default: user pid ppid pcpu etime tty time args).
pub fn table(
    c: &Container,
    descriptors: &[String],
) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    let descs: Vec<String> = if descriptors.is_empty() {
        [
            "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    } else {
        descriptors
            .iter()
            .flat_map(|d| d.split(',').map(str::to_string))
            .collect()
    };
    let users = user_names(c);
    let now = uptime();
    let header = |d: &str| -> anyhow::Result<&'static str> {
        Ok(match d {
            "user" => "USER",
            "pid" => "PID",
            "ppid" => "PPID",
            "pcpu" => "%CPU",
            "etime" => "ELAPSED",
            "tty" => "TTY",
            "time" => "TIME",
            "args" => "COMMAND",
            "comm" => "COMMAND",
            "rss" => "RSS",
            other => anyhow::bail!("unsupported descriptor {other:?}: user, pid, ppid, pcpu, etime, tty, time, args, comm, rss"),
        })
    };
    let cell = |p: &Proc, d: &str| -> String {
        let elapsed = (now - secs(p.start_ticks)).max(0.0);
        match d {
            "user" => users
                .iter()
                .find(|(u, _)| *u == p.uid)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| p.uid.to_string()),
            "pid" => p.ns_pid.to_string(),
            "ppid" => p.ns_ppid.to_string(),
            "pcpu" => format!(
                "{:.3}",
                if elapsed > 0.0 {
                    secs(p.cpu_ticks) / elapsed * 100.0
                } else {
                    0.0
                }
            ),
            "etime" => duration(elapsed),
            "tty" => p.tty.clone().unwrap_or_else(|| "?".into()),
            "time" => duration(secs(p.cpu_ticks)),
            "args" => {
                if p.cmdline.is_empty() {
                    format!("[{}]", p.comm)
                } else {
                    p.cmdline.clone()
                }
            }
            "comm" => p.comm.clone(),
            "rss" => (p.rss_bytes / 1024).to_string(),
            _ => String::new(),
        }
    };
    let titles = descs
        .iter()
        .map(|d| header(d).map(str::to_string))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let rows = procs::list(c.state.pid)
        .iter()
        .map(|p| descs.iter().map(|d| cell(p, d)).collect())
        .collect();
    Ok((titles, rows))
}

pub fn mem_total() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// (rx, tx) bytes of the container's interfaces other than lo.
pub fn net_io(pid: i32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/net/dev")).unwrap_or_default();
    text.lines()
        .skip(2)
        .filter_map(|l| {
            let (name, rest) = l.split_once(':')?;
            if name.trim() == "lo" {
                return None;
            }
            let v: Vec<u64> = rest
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            Some((*v.first()?, *v.get(8)?))
        })
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

pub fn block_io(ps: &[Proc]) -> (u64, u64) {
    ps.iter()
        .filter_map(|p| {
            let s = std::fs::read_to_string(format!("/proc/{}/io", p.pid)).ok()?;
            let get = |k: &str| {
                s.lines()
                    .find_map(|l| l.strip_prefix(k))
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(0)
            };
            Some((get("read_bytes:"), get("write_bytes:")))
        })
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

fn sample(cs: &[Container]) -> Vec<(u64, f64)> {
    cs.iter()
        .map(|c| {
            (
                procs::list(c.state.pid)
                    .iter()
                    .map(|p| p.cpu_ticks)
                    .sum::<u64>(),
                uptime(),
            )
        })
        .collect()
}

pub fn stats(g: &GlobalOpts, a: StatsArgs) -> anyhow::Result<i32> {
    use crate::image::progress::human_size;
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let cs: Vec<Container> = if a.latest {
        vec![running(
            &store,
            &super::targets::one(&store, None, true)?.id,
        )?]
    } else if a.containers.is_empty() {
        store
            .list()?
            .into_iter()
            .filter(|c| c.state.status == Status::Running && c.process_alive())
            .collect()
    } else {
        a.containers
            .iter()
            .map(|n| running(&store, n))
            .collect::<anyhow::Result<_>>()?
    };
    let total = mem_total();
    let interval = std::time::Duration::from_secs(a.interval.max(1));
    loop {
        let before = sample(&cs);
        // The first sample over half a second (a quick answer); later ones over --interval.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let after = sample(&cs);
        let mut rows: Vec<Value> = Vec::new();
        for (i, c) in cs.iter().enumerate() {
            let ps = procs::list(c.state.pid);
            // Its cgroup when it has one (the limit is then its own), else /proc and the host.
            let (mem, total) = match c.state.cgroup.as_ref().and_then(|cg| cg.memory()) {
                Some((used, limit)) => (used, limit.min(total)),
                None => (ps.iter().map(|p| p.rss_bytes).sum(), total),
            };
            let dt = (after[i].1 - before[i].1).max(0.001);
            let cpu = secs(after[i].0.saturating_sub(before[i].0)) / dt * 100.0;
            let (rx, tx) = net_io(c.state.pid);
            let (br, bw) = block_io(&ps);
            rows.push(json!({
                "ID": if a.no_trunc { c.id.clone() } else { c.short_id().to_string() },
                "Name": c.name,
                "CPUPerc": format!("{cpu:.2}%"),
                "MemUsage": format!("{} / {}", human_size(mem), human_size(total)),
                "MemPerc": format!("{:.2}%", if total > 0 { mem as f64 / total as f64 * 100.0 } else { 0.0 }),
                "NetIO": format!("{} / {}", human_size(rx), human_size(tx)),
                "BlockIO": format!("{} / {}", human_size(br), human_size(bw)),
                "PIDs": ps.len(),
                "MemBytes": mem,
            }));
        }
        let out = render_rows(
            &rows,
            a.format.as_deref(),
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}",
            &[("CPUPerc", "CPU %"), ("MemUsage", "MEM USAGE / LIMIT"), ("MemPerc", "MEM %"), ("NetIO", "NET IO"), ("BlockIO", "BLOCK IO"), ("PIDs", "PIDS")],
        )?;
        super::output::print_text(&out)?;
        if a.no_stream {
            return Ok(0);
        }
        std::thread::sleep(interval.saturating_sub(std::time::Duration::from_millis(500)));
    }
}

fn signal_all(c: &Container, sig: nix::sys::signal::Signal) {
    for p in procs::list(c.state.pid) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(p.pid), sig);
    }
}

/// Stop (SIGSTOP) or continue every process of a running container, and record it.
pub fn pause_one(store: &ContainerStore, id: &str, pause: bool) -> anyhow::Result<()> {
    let mut c = running(store, id)?;
    let _l = store.lock(&c.id, crate::storage::LockMode::Exclusive)?;
    match (pause, c.state.status) {
        (true, Status::Running) => {
            signal_all(&c, nix::sys::signal::Signal::SIGSTOP);
            c.state.status = Status::Paused;
        }
        (false, Status::Paused) => {
            signal_all(&c, nix::sys::signal::Signal::SIGCONT);
            c.state.status = Status::Running;
        }
        (true, _) => anyhow::bail!("the container is already paused"),
        (false, _) => anyhow::bail!("the container is not paused"),
    }
    store.save(&c)?;
    crate::state::events::container(
        store.runroot(),
        &c,
        if pause { "pause" } else { "unpause" },
        None,
    );
    Ok(())
}

pub fn pause(g: &GlobalOpts, a: PauseArgs, pause: bool) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let sel = super::targets::Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &a.cidfiles.cidfile,
        filters: &a.filter,
        ignore: false,
    };
    let wanted = if pause {
        Status::Running
    } else {
        Status::Paused
    };
    for t in super::targets::select(&store, &sel, |c| {
        c.state.status == wanted && c.process_alive()
    })? {
        let name = &t.shown;
        pause_one(&store, &t.found?.id, pause).map_err(|e| anyhow::anyhow!("{name}: {e:#}"))?;
        super::output::print_line(name)?;
    }
    Ok(0)
}
