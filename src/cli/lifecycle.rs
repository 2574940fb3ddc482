//! `skiff stop`, `skiff kill`, `skiff rm`: signals go straight to the container's first process
//! (host pid, checked against its start time); the supervisor records the exit.

use std::time::{Duration, Instant};

use clap::Args;
use nix::sys::signal::Signal;

use super::GlobalOpts;
use crate::runtime::container;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait before killing the container.
    #[arg(short, long, default_value_t = 10, value_name = "SECONDS")]
    pub time: u64,
    /// Stop all running containers.
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// Signal to send (name or number).
    #[arg(short, long, default_value = "KILL", value_name = "SIGNAL")]
    pub signal: String,
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Kill running containers first.
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers.
    #[arg(short, long)]
    pub all: bool,
    /// Remove the container's anonymous volumes too.
    #[arg(short, long)]
    pub volumes: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn parse_signal(s: &str) -> anyhow::Result<Signal> {
    if let Ok(n) = s.parse::<i32>() {
        return Signal::try_from(n).map_err(|_| anyhow::anyhow!("invalid signal {s}"));
    }
    let up = s.to_uppercase();
    let name = if up.starts_with("SIG") {
        up
    } else {
        format!("SIG{up}")
    };
    name.parse::<Signal>()
        .map_err(|_| anyhow::anyhow!("invalid signal {s:?}"))
}

fn signal(c: &Container, sig: Signal) -> anyhow::Result<()> {
    if !c.process_alive() {
        anyhow::bail!("{}: the container is not running", c.name);
    }
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(c.state.pid), sig)
        .map_err(|e| anyhow::anyhow!("{}: sending {sig}: {e}", c.name))
}

/// Wait until the container's process is gone and its exit recorded (by the supervisor, or here
/// when the supervisor is gone too).
fn wait_exit(store: &ContainerStore, c: &Container, deadline: Instant) -> anyhow::Result<bool> {
    loop {
        let now = store.load(&c.id)?;
        if now.state.status != Status::Running {
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

/// Tell the supervisor that this exit is wanted (no restart policy applies).
fn request_stop(store: &ContainerStore, c: &Container) -> anyhow::Result<()> {
    let _l = store.lock(&c.id, LockMode::Exclusive)?;
    let mut rec = store.load(&c.id)?;
    rec.state.stop_requested = true;
    store.save(&rec)?;
    Ok(())
}

pub fn stop_one(store: &ContainerStore, c: &Container, timeout: u64) -> anyhow::Result<()> {
    if c.state.status != Status::Running {
        return Ok(());
    }
    request_stop(store, c)?;
    if c.process_alive() {
        let sig = c
            .spec
            .stop_signal
            .as_deref()
            .map(parse_signal)
            .transpose()?
            .unwrap_or(Signal::SIGTERM);
        let _ = signal(c, sig);
        if !wait_exit(store, c, Instant::now() + Duration::from_secs(timeout))? {
            tracing::info!(container = %c.name, "did not stop in time: killing");
            let _ = signal(c, Signal::SIGKILL);
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
    let targets: Vec<String> = if a.all {
        store
            .list()?
            .into_iter()
            .filter(|c| c.state.status == Status::Running)
            .map(|c| c.name)
            .collect()
    } else {
        a.containers.clone()
    };
    let mut failed = Vec::new();
    for name in &targets {
        match store
            .find(name)
            .map_err(anyhow::Error::from)
            .and_then(|c| stop_one(&store, &c, a.time))
        {
            Ok(()) => super::output::print_line(name)?,
            Err(e) => failed.push(format!("{e:#}")),
        }
    }
    if !failed.is_empty() {
        anyhow::bail!("{}", failed.join("\n"));
    }
    Ok(0)
}

pub fn kill(g: &GlobalOpts, a: KillArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let sig = parse_signal(&a.signal)?;
    let mut failed = Vec::new();
    for name in &a.containers {
        match store.find(name).map_err(anyhow::Error::from).and_then(|c| {
            if c.process_alive() {
                // Before the signal: the supervisor records the death it may cause.
                let mut ev = crate::state::events::container_event(&c, "kill");
                ev.attributes
                    .insert("signal".into(), (sig as i32).to_string());
                crate::state::events::record(store.runroot(), &ev);
            }
            signal(&c, sig)
        }) {
            Ok(()) => super::output::print_line(name)?,
            Err(e) => failed.push(format!("{e:#}")),
        }
    }
    if !failed.is_empty() {
        anyhow::bail!("{}", failed.join("\n"));
    }
    Ok(0)
}

pub fn rm(g: &GlobalOpts, a: RmArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let targets: Vec<String> = if a.all {
        store.list()?.into_iter().map(|c| c.id).collect()
    } else if a.containers.is_empty() {
        anyhow::bail!("give at least one container name or id (or --all)");
    } else {
        a.containers.clone()
    };
    let mut failed = Vec::new();
    for name in &targets {
        let result = (|| -> anyhow::Result<()> {
            let c = store.find(name)?;
            let running =
                c.state.status == Status::Running && (c.process_alive() || c.supervisor_alive());
            if running && !a.force {
                anyhow::bail!(
                    "{name}: the container is running; stop it first or use `skiff rm -f`"
                );
            }
            if running {
                request_stop(&store, &c)?;
                if c.process_alive() {
                    let _ = signal(&c, Signal::SIGKILL);
                }
                wait_exit(&store, &c, Instant::now() + Duration::from_secs(10))?;
                // The supervisor may be removing an --rm container right now.
                let deadline = Instant::now() + Duration::from_secs(5);
                while store.load(&c.id).is_ok() && c.supervisor_alive() && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            let _g = store.lock_all(LockMode::Exclusive)?;
            if let Ok(c) = store.load(&c.id) {
                container::remove(&store, &c)?;
                if a.volumes {
                    container::remove_anonymous_volumes(&store, &c)?;
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => super::output::print_line(name)?,
            Err(e) => failed.push(format!("{e:#}")),
        }
    }
    if !failed.is_empty() {
        anyhow::bail!("{}", failed.join("\n"));
    }
    Ok(0)
}
