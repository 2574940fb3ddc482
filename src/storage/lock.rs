//! flock-based guards. A lock file is never removed, so two processes always lock the same inode.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("locking {path}")]
pub struct LockError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    Shared,
    Exclusive,
}

/// Holds an flock until dropped (closing the fd releases it, also when the process dies).
#[derive(Debug)]
pub struct LockGuard {
    _file: File,
}

impl LockGuard {
    /// Block until the lock at `path` (created if missing) is held in `mode`.
    pub fn acquire(path: &Path, mode: LockMode) -> Result<LockGuard, LockError> {
        let err = |source| LockError {
            path: path.to_path_buf(),
            source,
        };
        let file = open(path).map_err(err)?;
        match mode {
            LockMode::Shared => file.lock_shared(),
            LockMode::Exclusive => file.lock(),
        }
        .map_err(err)?;
        Ok(LockGuard { _file: file })
    }

    /// Take the lock without waiting; `Ok(None)` when another holder has it.
    pub fn try_acquire(path: &Path, mode: LockMode) -> Result<Option<LockGuard>, LockError> {
        let err = |source| LockError {
            path: path.to_path_buf(),
            source,
        };
        let file = open(path).map_err(err)?;
        let res = match mode {
            LockMode::Shared => file.try_lock_shared(),
            LockMode::Exclusive => file.try_lock(),
        };
        match res {
            Ok(()) => Ok(Some(LockGuard { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(err(e)),
        }
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_excludes_and_releases_on_drop() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("l");
        let g = LockGuard::acquire(&p, LockMode::Exclusive).unwrap();
        assert!(LockGuard::try_acquire(&p, LockMode::Shared)
            .unwrap()
            .is_none());
        drop(g);
        let s1 = LockGuard::try_acquire(&p, LockMode::Shared).unwrap();
        let s2 = LockGuard::try_acquire(&p, LockMode::Shared).unwrap();
        assert!(s1.is_some() && s2.is_some());
        assert!(LockGuard::try_acquire(&p, LockMode::Exclusive)
            .unwrap()
            .is_none());
    }
}
