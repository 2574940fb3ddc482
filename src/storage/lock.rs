//! flock-based guards. A lock file is never removed, so two processes always lock the same inode
//! (a container's start lock is its dir, which goes only with the container:
//! `ContainerStore::start_lock`).

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
        hold(path, open(path), mode)
    }

    /// Take the lock without waiting; `Ok(None)` when another holder has it.
    pub fn try_acquire(path: &Path, mode: LockMode) -> Result<Option<LockGuard>, LockError> {
        try_hold(path, open(path), mode)
    }

    /// `acquire` on an existing directory itself: no lock file to create (an inode fewer).
    pub fn acquire_dir(path: &Path, mode: LockMode) -> Result<LockGuard, LockError> {
        hold(path, open_dir(path), mode)
    }

    /// `try_acquire` on an existing directory itself.
    pub fn try_acquire_dir(path: &Path, mode: LockMode) -> Result<Option<LockGuard>, LockError> {
        try_hold(path, open_dir(path), mode)
    }
}

fn lock_error(path: &Path) -> impl Fn(std::io::Error) -> LockError + '_ {
    move |source| LockError {
        path: path.to_path_buf(),
        source,
    }
}

fn hold(path: &Path, file: std::io::Result<File>, mode: LockMode) -> Result<LockGuard, LockError> {
    let file = file.map_err(lock_error(path))?;
    match mode {
        LockMode::Shared => file.lock_shared(),
        LockMode::Exclusive => file.lock(),
    }
    .map_err(lock_error(path))?;
    Ok(LockGuard { _file: file })
}

fn try_hold(
    path: &Path,
    file: std::io::Result<File>,
    mode: LockMode,
) -> Result<Option<LockGuard>, LockError> {
    let file = file.map_err(lock_error(path))?;
    let res = match mode {
        LockMode::Shared => file.try_lock_shared(),
        LockMode::Exclusive => file.try_lock(),
    };
    match res {
        Ok(()) => Ok(Some(LockGuard { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(lock_error(path)(e)),
    }
}

fn open_dir(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_CLOEXEC | libc::O_DIRECTORY)
        .open(path)
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

    #[test]
    fn a_directory_is_its_own_lock_and_a_missing_one_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("d");
        assert!(LockGuard::acquire_dir(&d, LockMode::Shared).is_err());
        std::fs::create_dir(&d).unwrap();
        let g = LockGuard::acquire_dir(&d, LockMode::Exclusive).unwrap();
        assert!(LockGuard::try_acquire_dir(&d, LockMode::Shared)
            .unwrap()
            .is_none());
        drop(g);
        assert!(LockGuard::try_acquire_dir(&d, LockMode::Shared)
            .unwrap()
            .is_some());
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 0, "no file made");
    }
}
