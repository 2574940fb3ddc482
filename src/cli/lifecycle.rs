//! `skiff stop`, `skiff kill`, `skiff rm`: signals go straight to the container's first process
//! (host pid, checked against its start time); the supervisor records the exit.

use std::time::{Duration, Instant};

use clap::Args;
use nix::sys::signal::Signal;

use super::targets::{select, CidFiles, Failures, Latest, Selection};
use super::GlobalOpts;
use crate::runtime::container;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait before killing the container (default: its --stop-timeout, else 10).
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Stop all running containers.
    #[arg(short, long)]
    pub all: bool,
    /// Ignore containers that do not exist.
    #[arg(short, long)]
    pub ignore: bool,
    /// Stop the containers that pass these filters (as in `ps --filter`).
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    #[command(flatten)]
    pub latest: Latest,
    #[command(flatten)]
    pub cidfiles: CidFiles,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// Signal to send (name or number).
    #[arg(short, long, default_value = "KILL", value_name = "SIGNAL")]
    pub signal: String,
    /// Signal all running containers.
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: Latest,
    #[command(flatten)]
    pub cidfiles: CidFiles,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove running containers too (killed at once, or after --time with the stop signal).
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers.
    #[arg(short, long)]
    pub all: bool,
    /// Remove the container's anonymous volumes too.
    #[arg(short, long)]
    pub volumes: bool,
    /// Ignore containers that do not exist.
    #[arg(short, long)]
    pub ignore: bool,
    /// Remove the containers that depend on it (--network container:) first.
    #[arg(long)]
    pub depend: bool,
    /// With --force: send the stop signal and wait this many seconds before killing (default: kill
    /// at once, as docker does).
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Remove the containers that pass these filters (as in `ps --filter`).
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    #[command(flatten)]
    pub latest: Latest,
    #[command(flatten)]
    pub cidfiles: CidFiles,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn parse_signal(s: &str) -> anyhow::Result<i32> {
    let bad = || anyhow::anyhow!("invalid signal: {s}");
    if let Ok(n) = s.parse::<i32>() {
        return (1..=64).contains(&n).then_some(n).ok_or_else(bad);
    }
    let up = s.to_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    // Real-time signals as podman names them (SIGRTMIN is 34: glibc keeps 32 and 33).
    let rt = |base: i32, rest: &str, sign: i32| -> anyhow::Result<i32> {
        let off = if rest.is_empty() {
            0
        } else {
            let (op, n) = rest.split_at(1);
            let n: i32 = n.parse().map_err(|_| bad())?;
            if (op == "+" && sign > 0) || (op == "-" && sign < 0) {
                n * sign
            } else {
                return Err(bad());
            }
        };
        let v = base + off;
        (34..=64).contains(&v).then_some(v).ok_or_else(bad)
    };
    if let Some(rest) = name.strip_prefix("RTMIN") {
        return rt(34, rest, 1);
    }
    if let Some(rest) = name.strip_prefix("RTMAX") {
        return rt(64, rest, -1);
    }
    format!("SIG{name}")
        .parse::<Signal>()
        .map(|s| s as i32)
        .map_err(|_| bad())
}

pub fn signal(c: &Container, sig: i32) -> anyhow::Result<()> {
    if !c.process_alive() {
        anyhow::bail!("{}: the container is not running", c.name);
    }
    crate::sys::kill_raw(c.state.pid, sig)
        .map_err(|e| anyhow::anyhow!("{}: sending signal {sig}: {e}", c.name))
}

/// Wait until the container's process is gone and its exit recorded (by the supervisor, or here
/// when the supervisor is gone too).
fn wait_exit(store: &ContainerStore, c: &Container, deadline: Instant) -> anyhow::Result<bool> {
    loop {
        let now = store.load(&c.id)?;
        if !now.state.status.is_started() {
            return Ok(true);
        }
        if !now.process_alive() && !now.supervisor_alive() {
            let mut rec = now;
            rec.state.status = Status::Exited;
            rec.state.finished_at = Some(super::format::now_unix());
            rec.state.pid = 0;
            store.save(&rec)?;
            return Ok(true);
        }
        if Instant::now() > deadline {
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn stop_one(store: &ContainerStore, c: &Container, timeout: u64) -> anyhow::Result<()> {
    stop_with(store, c, timeout, false)
}

/// `stop_one`; with `restarting`, before a start: a container made with `--rm` is kept (docker and
/// podman restart it rather than remove it).
pub fn stop_with(
    store: &ContainerStore,
    c: &Container,
    timeout: u64,
    restarting: bool,
) -> anyhow::Result<()> {
    if !c.state.status.is_started() {
        return Ok(());
    }
    container::request_stop_for(store, &c.id, restarting)?;
    // An initialized container's command never ran: nothing to stop gracefully (and as pid 1
    // of its namespace, the held process ignores SIGTERM).
    let timeout = if c.state.status == Status::Initialized {
        0
    } else {
        // Kubernetes' preStop hook runs first, within the grace period.
        crate::runtime::checks::pre_stop(c, timeout)
    };
    if c.process_alive() {
        let sig = c
            .spec
            .stop_signal
            .as_deref()
            .map(parse_signal)
            .transpose()?
            .unwrap_or(Signal::SIGTERM as i32);
        let _ = signal(c, sig);
        if !wait_exit(store, c, Instant::now() + Duration::from_secs(timeout))? {
            tracing::info!(container = %c.name, "did not stop in time: killing");
            let _ = signal(c, Signal::SIGKILL as i32);
        }
    }
    if !wait_exit(store, c, Instant::now() + Duration::from_secs(10))? {
        anyhow::bail!("{}: the container did not exit after SIGKILL", c.name);
    }
    crate::state::events::container(store.runroot(), c, "stop", None);
    Ok(())
}

pub fn stop(g: &GlobalOpts, a: StopArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let sel = Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &a.cidfiles.cidfile,
        filters: &a.filter,
        ignore: a.ignore,
    };
    let mut failed = Failures::new();
    for t in select(&store, &sel, |c| c.state.status.is_started())? {
        let result = t.found.map_err(anyhow::Error::from).and_then(|c| {
            let time = a.time.or(c.spec.stop_timeout).unwrap_or(10);
            stop_one(&store, &c, time).or_else(|e| vanished(&store, &c, e))
        });
        match result {
            Ok(()) => super::output::print_line(&t.shown)?,
            Err(e) => failed.push(125, &e),
        }
    }
    failed.into_result()
}

/// A container that went away while we acted on it (an `--rm` container that exited, a
/// concurrent `rm`) is done with, not an error, as with podman.
fn vanished(store: &ContainerStore, c: &Container, e: anyhow::Error) -> anyhow::Result<()> {
    if store.gone(&c.id) {
        tracing::debug!(container = %c.name, error = %format!("{e:#}"), "removed meanwhile");
        return Ok(());
    }
    Err(e)
}

pub fn kill(g: &GlobalOpts, a: KillArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let sig = parse_signal(&a.signal)?;
    let sel = Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &a.cidfiles.cidfile,
        filters: &[],
        ignore: false,
    };
    let mut failed = Failures::new();
    let killable = |c: &Container| c.process_alive() && c.state.status != Status::Initialized;
    for t in select(&store, &sel, killable)? {
        let result = t.found.map_err(anyhow::Error::from).and_then(|c| {
            if c.state.status == Status::Initialized {
                anyhow::bail!(
                    "can only kill running containers. {} is in state initialized: container \
                     state improper",
                    c.id
                );
            }
            if c.process_alive() {
                // Before the signal: the supervisor records the death it may cause.
                let mut ev = crate::state::events::container_event(&c, "kill");
                ev.attributes.insert("signal".into(), sig.to_string());
                crate::state::events::record(store.runroot(), &ev);
            }
            signal(&c, sig)?;
            killed_wait(&store, &c, sig)
        });
        match result {
            Ok(()) => super::output::print_line(&t.shown)?,
            Err(e) => failed.push(125, &e),
        }
    }
    failed.into_result()
}

/// After SIGKILL, as docker's `kill`: return once the container no longer runs (its exit
/// recorded, or the container removed with `--rm`), within 10 s.
pub fn killed_wait(store: &ContainerStore, c: &Container, sig: i32) -> anyhow::Result<()> {
    if sig != Signal::SIGKILL as i32 {
        return Ok(());
    }
    match wait_exit(store, c, Instant::now() + Duration::from_secs(10)) {
        Ok(true) => Ok(()),
        Ok(false) => anyhow::bail!("{}: the container did not exit after SIGKILL", c.name),
        Err(e) => vanished(store, c, e),
    }
}

/// podman's exit codes for `rm`: 1 when a container does not exist, 2 when it runs (no --force).
const RM_NO_SUCH: i32 = 1;
const RM_RUNNING: i32 = 2;

pub fn rm(g: &GlobalOpts, a: RmArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let sel = Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &a.cidfiles.cidfile,
        filters: &a.filter,
        ignore: a.ignore,
    };
    let mut failed = Failures::new();
    let mut removed: Vec<String> = Vec::new();
    for t in select(&store, &sel, |_| true)? {
        let c = match t.found {
            Ok(c) => c,
            Err(e) => {
                let code = match e {
                    crate::state::store::StateError::NotFound(_) => RM_NO_SUCH,
                    _ => 125,
                };
                failed.push(code, &e.into());
                continue;
            }
        };
        if removed.contains(&c.id) {
            continue; // a dependent of an earlier one (--depend)
        }
        let mut order = Vec::new();
        let deps = dependents(&store, &c)?;
        if !deps.is_empty() && !a.depend && !a.all {
            let ids: Vec<&str> = deps.iter().map(|d| d.id.as_str()).collect();
            let e = anyhow::anyhow!(
                "container {} has dependent containers which must be removed before it: {}: \
                 container already exists (remove them first, or use --depend)",
                c.id,
                ids.join(", ")
            );
            failed.push(125, &e);
            continue;
        }
        // Dependents first (printed by id), then the one asked for (printed as given).
        order.extend(deps.into_iter().map(|d| (d.id.clone(), d)));
        order.push((t.shown.clone(), c));
        for (shown, c) in order {
            match remove_one(&store, &c, &a).or_else(|e| vanished(&store, &c, e)) {
                Ok(()) => {
                    removed.push(c.id.clone());
                    super::output::print_line(&shown)?;
                }
                Err(e) => {
                    let code = if e.downcast_ref::<Running>().is_some() {
                        RM_RUNNING
                    } else {
                        125
                    };
                    failed.push(code, &e);
                }
            }
        }
    }
    failed.into_result()
}

/// `rm` of a running container without --force.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot remove container {0} as it is running - running or paused containers cannot be \
     removed without force: container state improper (stop it first, or use `skiff rm -f`)"
)]
pub struct Running(pub String);

/// Containers that share `c`'s network namespace (`--network container:C`).
fn dependents(store: &ContainerStore, c: &Container) -> anyhow::Result<Vec<Container>> {
    Ok(store
        .list()?
        .into_iter()
        .filter(|o| o.id != c.id)
        .filter(|o| matches!(&o.spec.network, crate::network::Network::Container(t) if *t == c.id))
        .collect())
}

fn remove_one(store: &ContainerStore, c: &Container, a: &RmArgs) -> anyhow::Result<()> {
    remove_container(store, c, a.force, a.time, a.volumes)
}

/// Remove `c`: a running one only with `force` (stopped within `time` seconds, else killed),
/// with its anonymous volumes when `volumes`.
pub fn remove_container(
    store: &ContainerStore,
    c: &Container,
    force: bool,
    time: Option<u64>,
    volumes: bool,
) -> anyhow::Result<()> {
    // A start under way ends first: its record then names its process and network helper.
    let Some(_starting) = store.start_lock(&c.id, LockMode::Shared)? else {
        return Ok(());
    };
    let c = &match store.load(&c.id) {
        Ok(c) => c,
        Err(crate::state::store::StateError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let alive = c.process_alive() || c.supervisor_alive();
    let running = c.state.status == Status::Running && alive;
    if running && !force {
        return Err(Running(c.id.clone()).into());
    }
    // An initialized container goes without --force, as with podman (its command never ran).
    if running || c.state.status == Status::Initialized && alive {
        match time {
            Some(t) => stop_one(store, c, t)?,
            None => {
                container::request_stop(store, &c.id)?;
                if c.process_alive() {
                    let _ = signal(c, Signal::SIGKILL as i32);
                }
                wait_exit(store, c, Instant::now() + Duration::from_secs(10))?;
            }
        }
        // The supervisor may be removing an --rm container right now.
        let deadline = Instant::now() + Duration::from_secs(5);
        while store.load(&c.id).is_ok() && c.supervisor_alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _g = store.lock_all(LockMode::Exclusive)?;
    if let Ok(c) = store.load(&c.id) {
        container::remove(store, &c)?;
        if volumes {
            container::remove_anonymous_volumes(store, &c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_signal;

    #[test]
    fn signals_by_name_number_and_real_time_offset() {
        assert_eq!(parse_signal("TERM").unwrap(), 15);
        assert_eq!(parse_signal("sigkill").unwrap(), 9);
        assert_eq!(parse_signal("10").unwrap(), 10);
        assert_eq!(parse_signal("SIGRTMIN+3").unwrap(), 37);
        assert_eq!(parse_signal("RTMAX-1").unwrap(), 63);
        assert_eq!(parse_signal("RTMIN").unwrap(), 34);
        for bad in ["0", "65", "RTMIN-1", "RTMAX+1", "SIGNOPE", "RTMIN+x"] {
            assert!(parse_signal(bad).is_err(), "{bad}");
        }
    }
}
