//! Crash-safe file replacement: write a temp file in the same directory, fsync, rename, fsync the
//! directory. A crash at any instant leaves the old content or the new one, never a torn file.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("writing {path} atomically")]
pub struct AtomicWriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Replace `path` with `data` atomically (mode 0600 unless `mode` says otherwise).
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<(), AtomicWriteError> {
    write_atomic_mode(path, data, 0o600)
}

/// Replace `path` atomically without fsync: a killed process still leaves the old or the new
/// content (rename is atomic), only a power loss can lose the update. For hot-path state that is
/// rewritten often (container records), where two fsyncs per write would dominate start-up time.
pub fn write_atomic_nosync(path: &Path, data: &[u8]) -> Result<(), AtomicWriteError> {
    write_impl(path, data, 0o600, false)
}

pub fn write_atomic_mode(path: &Path, data: &[u8], mode: u32) -> Result<(), AtomicWriteError> {
    write_impl(path, data, mode, true)
}

fn write_impl(path: &Path, data: &[u8], mode: u32, sync: bool) -> Result<(), AtomicWriteError> {
    let err = |source| AtomicWriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = temp_sibling(path);
    let result = (|| {
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)?;
        f.write_all(data)?;
        if sync {
            f.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        if sync {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// A temp name beside `path` that no other process or thread will pick: `.NAME.tmp-PID-N`.
pub fn temp_sibling(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("rec.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn failure_names_the_path() {
        let err = write_atomic(Path::new("/nonexistent-dir/x"), b"a").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x"));
    }
}
