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
    use std::io::Read;
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe()?;
    let mut child = Command::new(exe)
        .arg("--root")
        .arg(&paths.root)
        .arg("--runroot")
        .arg(&paths.runroot)
        .arg("internal-supervise")
        .arg(id)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut msg = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut msg)?;
    match msg.first() {
        Some(&crate::runtime::supervisor::READY_OK) => Ok(()),
        Some(b'E') => {
            let code = msg.get(1).copied().unwrap_or(125) as i32;
            let _ = child.wait();
            Err(crate::error::Coded::new(
                code,
                String::from_utf8_lossy(&msg[2.min(msg.len())..]).into_owned(),
            )
            .into())
        }
        _ => {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.wait();
            anyhow::bail!(
                "the container's supervisor failed to start it: {}",
                err.trim()
            )
        }
    }
}
