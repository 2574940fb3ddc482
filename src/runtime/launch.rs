//! Starting a stored container detached: its supervisor (skiff re-executed, in a new session)
//! is spawned and the caller waits until the container runs or learns why it did not; the
//! containers it requires are started first.

use crate::state::ContainerStore;
use crate::storage::Paths;

/// `--requires`: start the containers this one needs, where they are not running.
pub fn start_requirements(paths: &Paths, store: &ContainerStore, id: &str) -> anyhow::Result<()> {
    let c = store.load(id)?;
    for dep in &c.requires {
        let d = store.find(dep).map_err(|_| {
            anyhow::anyhow!("{}: the container it requires ({dep}) was removed", c.name)
        })?;
        if !d.process_alive() {
            start_requirements(paths, store, &d.id)?;
            start_detached(paths, &d.id)?;
        }
    }
    Ok(())
}

/// Start the container under its own supervisor (skiff re-executed, in a new session) and wait
/// until the container runs, or report why it did not.
pub fn start_detached(paths: &Paths, id: &str) -> anyhow::Result<()> {
    if let Some(store) = held(paths, id) {
        return super::hold::request_start(&store, id);
    }
    let child = spawn_supervisor(paths, id, false)?;
    await_started(child)
}

/// The store, when `id` is initialized (`skiff init`) and its supervisor waits for `start`.
fn held(paths: &Paths, id: &str) -> Option<ContainerStore> {
    let store = ContainerStore::open(&paths.root, &paths.runroot).ok()?;
    let c = store.load(id).ok()?;
    (c.state.status == crate::state::Status::Initialized && c.supervisor_alive()).then_some(store)
}

/// Start several containers at once: every supervisor spawned, then each awaited (the first
/// error is returned once all have answered).
pub fn start_many(paths: &Paths, ids: &[String]) -> anyhow::Result<()> {
    let mut children = Vec::new();
    let mut first_err = None;
    for id in ids {
        if let Some(store) = held(paths, id) {
            if let Err(e) = super::hold::request_start(&store, id) {
                first_err.get_or_insert(e);
            }
            continue;
        }
        match spawn_supervisor(paths, id, false) {
            Ok(c) => children.push((id, c)),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    for (id, child) in children {
        if let Err(e) = await_started(child) {
            let store = ContainerStore::open(&paths.root, &paths.runroot)?;
            let name = store
                .load(id)
                .map(|c| c.name)
                .unwrap_or_else(|_| id.clone());
            first_err.get_or_insert(e.context(format!("starting {name}")));
        }
    }
    first_err.map_or(Ok(()), Err)
}

/// The container's supervisor (skiff re-executed), spawned; it reports on its stdout. With `hold`
/// (`skiff init`) it stops short of running the command and waits for `skiff start`.
pub fn spawn_supervisor(
    paths: &Paths,
    id: &str,
    hold: bool,
) -> anyhow::Result<std::process::Child> {
    let extra: &[&str] = if hold { &["--hold"] } else { &[] };
    spawn_supervisor_with(paths, id, extra)
}

/// `skiff container restore`: the supervisor restores the container from its checkpoint.
pub fn spawn_restoring(
    paths: &Paths,
    id: &str,
    o: &super::restore::RestoreOpts,
) -> anyhow::Result<std::process::Child> {
    let mut extra = vec!["--restore"];
    for (on, flag) in [
        (o.keep, "--keep"),
        (o.tcp_established, "--tcp-established"),
        (o.file_locks, "--file-locks"),
    ] {
        if on {
            extra.push(flag);
        }
    }
    spawn_supervisor_with(paths, id, &extra)
}

fn spawn_supervisor_with(
    paths: &Paths,
    id: &str,
    extra: &[&str],
) -> anyhow::Result<std::process::Child> {
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let c = store.load(id)?;
    if !c.spec.network.attachments().is_empty() {
        // The supervisor rebuilds a dead network namespace; its stderr is not ours, so say it here.
        crate::network::rootless::say_if_gone(&paths.runroot);
    }
    if c.spec.log.driver == "passthrough" {
        anyhow::bail!(
            "this container logs with --log-driver passthrough: it runs in the foreground only \
             (`skiff start --attach`)"
        );
    }
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe()?;
    let mut cmd = Command::new(exe);
    cmd.arg("--root")
        .arg(&paths.root)
        .arg("--runroot")
        .arg(&paths.runroot)
        .arg("internal-supervise")
        .args(extra);
    Ok(cmd
        .arg(id)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?)
}

/// Wait until the supervisor says the container runs, or why it does not.
pub fn await_started(mut child: std::process::Child) -> anyhow::Result<()> {
    use std::io::Read;
    let mut msg = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut msg)?;
    let mut stderr = child.stderr.take();
    let r = readiness(&msg, || {
        let mut err = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_string(&mut err);
        }
        err
    });
    if r.is_err() {
        let _ = child.wait();
    }
    r
}

/// The supervisor's readiness message: `O`, or `E` + exit code + why; anything else means it
/// died (`stderr` says what it printed).
pub fn readiness(msg: &[u8], stderr: impl FnOnce() -> String) -> anyhow::Result<()> {
    match msg.first() {
        Some(&crate::runtime::supervisor::READY_OK) => Ok(()),
        Some(b'E') => {
            let code = msg.get(1).copied().unwrap_or(125) as i32;
            Err(crate::error::Coded::new(
                code,
                String::from_utf8_lossy(&msg[2.min(msg.len())..]).into_owned(),
            )
            .into())
        }
        _ => anyhow::bail!(
            "the container's supervisor failed to start it: {}",
            stderr().trim()
        ),
    }
}
