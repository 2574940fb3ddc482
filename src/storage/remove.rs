//! Removing trees that skiff created, including overlay work dirs, which the kernel leaves as
//! mode-000 directories that plain `remove_dir_all` cannot enter.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Remove `path` and everything below it; directories without owner rwx are opened up first.
/// A missing path is not an error.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    // A file (or symlink) where a tree may have been: removed as such.
    if fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir()) {
        return match fs::remove_file(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        };
    }
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            open_up(path)?;
            match fs::remove_dir_all(path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        }
    }
}

/// Give a directory its owner's rwx (overlay makes its work/work with none).
pub fn open_dir(dir: &Path) -> io::Result<()> {
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

fn open_up(dir: &Path) -> io::Result<()> {
    let md = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if !md.is_dir() {
        return Ok(());
    }
    let mode = md.permissions().mode();
    if mode & 0o700 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(mode | 0o700))?;
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            open_up(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_mode_000_dirs() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().join("top");
        fs::create_dir_all(top.join("work/work")).unwrap();
        fs::write(top.join("work/work/f"), b"x").unwrap();
        fs::set_permissions(top.join("work/work"), fs::Permissions::from_mode(0o0)).unwrap();
        remove_tree(&top).unwrap();
        assert!(!top.exists());
        remove_tree(&top).unwrap();
    }
}
