//! The user's shared user namespace, as podman's rootless pause process: one per runroot, with
//! the store's subordinate-id mapping, held by a tiny process (skiff re-executed as
//! `internal-userns-pause`). Containers with that mapping are created inside it instead of in a
//! user namespace of their own: the setuid newuidmap and newgidmap then run once per boot, not
//! twice per container start (about 2 ms of each). Every namespace a container makes (mount,
//! pid, network, ...) is still its own; only the user namespace, and with it the id mapping, is
//! shared, as with podman.
//!
//! Its pid lives in `<runroot>/userns/pause.json` with the mapping it holds; whoever finds it dead
//! (a reboot empties the runroot anyway) makes a new one.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use serde::{Deserialize, Serialize};

use super::idmap::{IdMap, IdMapping, MappingKind};
use crate::state::record::process_start;
use crate::storage::{LockGuard, LockMode};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pause {
    pid: i32,
    pid_start: u64,
    uids: Vec<IdMap>,
    gids: Vec<IdMap>,
}

impl Pause {
    fn alive(&self) -> bool {
        self.pid > 0 && process_start(self.pid) == Some(self.pid_start)
    }
}

fn dir(runroot: &Path) -> PathBuf {
    runroot.join("userns")
}

/// The pid of a process in the shared user namespace with `mapping`, made when needed; None when
/// containers with this mapping make their own (root, or only the user's own id: those maps are
/// written directly, without a setuid helper, and cost nothing to make).
pub fn ensure(runroot: &Path, mapping: &IdMapping) -> anyhow::Result<Option<i32>> {
    if mapping.kind != MappingKind::SubIds {
        return Ok(None);
    }
    let d = dir(runroot);
    let state = d.join("pause.json");
    let read = || -> Option<Pause> {
        let p: Pause = serde_json::from_slice(&std::fs::read(&state).ok()?).ok()?;
        p.alive().then_some(p)
    };
    let held = |p: &Pause| p.uids == mapping.uids && p.gids == mapping.gids;
    if let Some(p) = read() {
        // Another mapping (`--uidmap`, `--userns auto`): that container makes its own.
        return Ok(held(&p).then_some(p.pid));
    }
    std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
    let _lock = LockGuard::acquire(&d.join("lock"), LockMode::Exclusive)?;
    if let Some(p) = read() {
        return Ok(held(&p).then_some(p.pid));
    }
    let p = start(runroot, mapping)?;
    crate::storage::atomic::write_atomic_nosync(&state, &serde_json::to_vec(&p)?)
        .context("saving the user namespace holder's state")?;
    Ok(Some(p.pid))
}

/// `ensure` for a container start: where the holder cannot be made, the container makes its
/// own user namespace (which then reports what goes wrong with the mapping).
pub fn shared(runroot: &Path, mapping: &IdMapping) -> Option<i32> {
    ensure(runroot, mapping)
        .inspect_err(|e| tracing::debug!("the shared user namespace: {e:#}"))
        .ok()
        .flatten()
}

/// The pid of the running holder of the shared user namespace with `mapping`, if there is one
/// (none is made).
pub fn existing(runroot: &Path, mapping: &IdMapping) -> Option<i32> {
    if mapping.kind != MappingKind::SubIds {
        return None;
    }
    let p: Pause =
        serde_json::from_slice(&std::fs::read(dir(runroot).join("pause.json")).ok()?).ok()?;
    (p.alive() && p.uids == mapping.uids && p.gids == mapping.gids).then_some(p.pid)
}

/// Stop the holder (`system reset`): containers still running keep their namespace.
pub fn stop(runroot: &Path) {
    let state = dir(runroot).join("pause.json");
    if let Some(p) = std::fs::read(&state)
        .ok()
        .and_then(|b| serde_json::from_slice::<Pause>(&b).ok())
        .filter(Pause::alive)
    {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(p.pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let _ = std::fs::remove_file(state);
}

fn start(runroot: &Path, mapping: &IdMapping) -> anyhow::Result<Pause> {
    // The runroot on its command line names it (and lets a test's cleanup find it).
    let runroot = runroot.display().to_string();
    let args = ["--runroot", runroot.as_str(), "internal-userns-pause"];
    let (mut child, pid) = crate::network::rootless::spawn_detached(&args)?;
    let kill = |e: anyhow::Error| {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
        e
    };
    mapping.apply(pid).map_err(|e| kill(e.into()))?;
    crate::network::rootless::handshake(&mut child, "user namespace holder").map_err(kill)?;
    let pid_start =
        process_start(pid).ok_or_else(|| anyhow!("the user namespace holder died at once"))?;
    Ok(Pause {
        pid,
        pid_start,
        uids: mapping.uids.clone(),
        gids: mapping.gids.clone(),
    })
}

/// `internal-userns-pause`: fork (init adopts the holder), enter a new user namespace, report
/// the pid, wait to be mapped, say ready, then sleep until killed.
pub fn main() -> anyhow::Result<i32> {
    crate::sys::fork_child(body).context("starting the user namespace holder")?;
    Ok(0)
}

fn body() -> i32 {
    crate::network::rootless::hold(
        nix::sched::CloneFlags::CLONE_NEWUSER,
        "the user namespace",
        || Ok(()),
    )
}
