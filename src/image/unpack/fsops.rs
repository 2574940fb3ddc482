//! The filesystem operations the unpacker (and `cp --overwrite`) share: opening a directory
//! without following a symlink, removing a tree by descriptor, timestamps, xattrs from PAX records.

use std::ffi::OsStr;
use std::io::{self, Read};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;

use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, Timestamps};
use rustix::io::Errno;

pub(super) fn ioerr(e: Errno) -> io::Error {
    io::Error::from_raw_os_error(e.raw_os_error())
}

/// The directory `name` right inside `base`; a symlink is not followed but reported as ELOOP (no
/// O_NOFOLLOW: with O_PATH that would open the link itself).
pub(super) fn open_dir_here(base: &OwnedFd, name: &OsStr) -> Result<OwnedFd, Errno> {
    rustix::fs::openat2(
        base,
        name,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::NO_SYMLINKS | ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS,
    )
}

/// user.* and security.capability xattrs from PAX `SCHILY.xattr.` records; others (trusted.*,
/// security.selinux) cannot be set in a user namespace and are skipped.
pub(super) fn xattrs<R: Read>(e: &mut tar::Entry<R>) -> Vec<(String, Vec<u8>)> {
    let Ok(Some(exts)) = e.pax_extensions() else {
        return Vec::new();
    };
    exts.filter_map(|x| x.ok())
        .filter_map(|x| {
            let key = x.key().ok()?;
            let name = key.strip_prefix("SCHILY.xattr.")?;
            (name.starts_with("user.") || name == "security.capability")
                .then(|| (name.to_string(), x.value_bytes().to_vec()))
        })
        .collect()
}

pub(super) fn times(mtime: u64) -> Timestamps {
    let t = rustix::fs::Timespec {
        tv_sec: mtime as i64,
        tv_nsec: 0,
    };
    Timestamps {
        last_access: t,
        last_modification: t,
    }
}

/// Remove `name` in `parent`, a whole directory tree included, without following symlinks.
pub(crate) fn remove_at(parent: &OwnedFd, name: &OsStr) -> io::Result<()> {
    match rustix::fs::unlinkat(parent, name, AtFlags::empty()) {
        Ok(()) | Err(Errno::NOENT) => Ok(()),
        Err(Errno::ISDIR) | Err(Errno::PERM) => {
            let dir = rustix::fs::openat(
                parent,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(ioerr)?;
            remove_contents(&dir)?;
            rustix::fs::unlinkat(parent, name, AtFlags::REMOVEDIR).map_err(ioerr)
        }
        Err(e) => Err(ioerr(e)),
    }
}

/// Remove everything inside the open directory `dir` without following symlinks.
fn remove_contents(dir: &OwnedFd) -> io::Result<()> {
    let mut names = Vec::new();
    let iter = rustix::fs::Dir::read_from(dir).map_err(ioerr)?;
    for ent in iter {
        let ent = ent.map_err(ioerr)?;
        let n = ent.file_name().to_bytes();
        if n != b"." && n != b".." {
            names.push((OsStr::from_bytes(n).to_os_string(), ent.file_type()));
        }
    }
    for (n, ft) in names {
        if ft == FileType::Directory {
            let sub = rustix::fs::openat(
                dir,
                n.as_os_str(),
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(ioerr)?;
            let _ = rustix::fs::fchmod(&sub, Mode::from_raw_mode(0o700));
            remove_contents(&sub)?;
            rustix::fs::unlinkat(dir, n.as_os_str(), AtFlags::REMOVEDIR).map_err(ioerr)?;
        } else {
            rustix::fs::unlinkat(dir, n.as_os_str(), AtFlags::empty()).map_err(ioerr)?;
        }
    }
    Ok(())
}
