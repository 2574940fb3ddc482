//! skiff re-executed as a helper inside the user's mapped user namespace (layer unpacking, removing
//! files owned by subordinate ids). The handshake: the helper unshares its user namespace and writes
//! `U` on stdout; the parent installs the id maps (newuidmap/newgidmap) and writes `G` on stdin; the
//! helper becomes root inside and goes on reading stdin. A helper that is already privileged (skiff
//! run as root) skips the namespace.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};

use super::idmap::{IdMapError, IdMapping, MappingKind};

#[derive(Debug, thiserror::Error)]
pub enum HelperError {
    #[error("starting helper {0}")]
    Spawn(String, #[source] std::io::Error),
    #[error("helper exited before entering its user namespace: {0}")]
    Handshake(String),
    #[error(transparent)]
    Map(#[from] IdMapError),
    #[error("entering a user namespace: {0}; unprivileged user namespaces may be disabled (see `skiff info`)")]
    Unshare(nix::Error),
}

/// Whether helpers need a user namespace for `mapping` (not when we are real root).
pub fn needs_userns(mapping: &IdMapping) -> bool {
    mapping.kind != MappingKind::Root
}

/// Spawn `cmd` (skiff itself with a helper subcommand and `--userns` when needed) and complete the
/// handshake. stdin and stdout are piped and left attached for the caller.
pub fn spawn_mapped(mut cmd: Command, mapping: &IdMapping) -> Result<Child, HelperError> {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
    let shown = format!("{cmd:?}");
    let mut child = cmd.spawn().map_err(|e| HelperError::Spawn(shown, e))?;
    if needs_userns(mapping) {
        let mut b = [0u8; 1];
        let ok = child.stdout.as_mut().unwrap().read_exact(&mut b).is_ok() && b[0] == b'U';
        if !ok {
            let _ = child.kill();
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.wait();
            return Err(HelperError::Handshake(err.trim().to_string()));
        }
        if let Err(e) = mapping.apply(child.id() as i32) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e.into());
        }
        let _ = child.stdin.as_mut().unwrap().write_all(b"G");
    }
    Ok(child)
}

/// The helper's side of the handshake (single-threaded process, before any other work).
pub fn enter_from_parent() -> Result<(), HelperError> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER).map_err(HelperError::Unshare)?;
    let mut out = std::io::stdout().lock();
    out.write_all(b"U")
        .and_then(|_| out.flush())
        .map_err(|e| HelperError::Handshake(e.to_string()))?;
    let mut b = [0u8; 1];
    std::io::stdin()
        .read_exact(&mut b)
        .map_err(|e| HelperError::Handshake(format!("waiting for id maps: {e}")))?;
    if b[0] != b'G' {
        return Err(HelperError::Handshake("unexpected handshake byte".into()));
    }
    let root = nix::unistd::Uid::from_raw(0);
    let rootg = nix::unistd::Gid::from_raw(0);
    nix::unistd::setresgid(rootg, rootg, rootg)
        .and_then(|_| nix::unistd::setresuid(root, root, root))
        .map_err(|e| HelperError::Handshake(format!("becoming root in the user namespace: {e}")))?;
    Ok(())
}

/// Remove paths that contain files owned by subordinate ids, from inside the user namespace.
pub fn remove_paths(mapping: &IdMapping, paths: &[std::path::PathBuf]) -> anyhow::Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    if !needs_userns(mapping) {
        for p in paths {
            crate::storage::remove_tree(p)
                .map_err(|e| anyhow::anyhow!("removing {}: {e}", p.display()))?;
        }
        return Ok(());
    }
    let exe = std::env::current_exe()?;
    let mut cmd = Command::new(exe);
    cmd.arg("internal-rm")
        .arg("--userns")
        .args(paths)
        .stderr(Stdio::piped());
    let child = spawn_mapped(cmd, mapping)?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        anyhow::bail!(
            "removing {} entries in the user namespace failed: {}",
            paths.len(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}
