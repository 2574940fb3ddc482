//! Where skiff keeps things: the persistent store (`--root`), the volatile run state (`--runroot`)
//! and the user's configuration, from XDG directories with a private fallback for the run state.

use std::fs;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    #[error("cannot find the home directory of uid {uid}: set HOME or pass --root and --runroot")]
    NoHome { uid: u32 },
    #[error("creating {path}")]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path} is not a private directory owned by uid {uid} (owner {owner}, mode {mode:o}); \
         remove it or pass --runroot"
    )]
    NotPrivate {
        path: PathBuf,
        uid: u32,
        owner: u32,
        mode: u32,
    },
}

/// Resolved storage locations for one invocation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Paths {
    /// Persistent store: images, layers, containers' upper dirs, volumes.
    pub root: PathBuf,
    /// Volatile state: locks, sockets, running containers' state.
    pub runroot: PathBuf,
    /// User configuration (registries.conf, auth.json live beside podman's).
    pub config: PathBuf,
    /// True when the runroot fell back to a private dir because XDG_RUNTIME_DIR was unusable.
    pub runroot_fallback: bool,
}

impl Paths {
    /// Resolve paths from flags and the environment. Creates root and runroot (0700) if missing.
    pub fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> Result<Paths, PathsError> {
        let uid = rustix::process::geteuid().as_raw();
        // Root in `skiff unshare` is the user there: the user's store, not root's.
        let host_root = uid == 0 && crate::userns::host_root();
        let dirs = directories::BaseDirs::new();
        let config = if host_root {
            PathBuf::from("/etc/skiff")
        } else {
            dirs.as_ref()
                .map(|d| d.config_dir().join("skiff"))
                .ok_or(PathsError::NoHome { uid })?
        };
        let root = match root {
            Some(r) => absolute(r),
            None if host_root => PathBuf::from("/var/lib/skiff"),
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().join("skiff").join("storage"))
                .ok_or(PathsError::NoHome { uid })?,
        };
        let (runroot, runroot_fallback) = match runroot {
            Some(r) => (absolute(r), false),
            None if host_root => (PathBuf::from("/run/skiff"), false),
            None => match usable_runtime_dir(uid) {
                Some(dir) => (dir.join("skiff"), false),
                None => (
                    fallback_runroot(
                        uid,
                        std::env::var_os("TMPDIR")
                            .filter(|d| !d.is_empty())
                            .map(PathBuf::from),
                    ),
                    true,
                ),
            },
        };
        if ensure_private_dir(&root, uid)? {
            mark_top_of_hierarchies(&root);
        }
        ensure_private_dir(&runroot, uid)?;
        Ok(Paths {
            root,
            runroot,
            config,
            runroot_fallback,
        })
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// XDG_RUNTIME_DIR when it is set, a directory, owned by us and writable; `None` otherwise (common
/// under `su`, `sudo` and in CI, where it is unset or still points at another user's dir).
fn usable_runtime_dir(uid: u32) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    let md = fs::metadata(&dir).ok()?;
    (md.is_dir()
        && md.uid() == uid
        && rustix::fs::access(&dir, rustix::fs::Access::WRITE_OK).is_ok())
    .then_some(dir)
}

/// The run state's place without a usable XDG_RUNTIME_DIR (su, sudo, CI jobs): in `tmpdir`
/// ($TMPDIR) when the user set one; else a private dir in /dev/shm, a tmpfs as XDG_RUNTIME_DIR
/// is (state that must not outlive a reboot, and no disk writes for each container's state
/// files: on a disk mounted with `discard` each costs a synchronous discard when removed); in
/// /tmp where /dev/shm is no tmpfs, or where an earlier skiff's state already is.
fn fallback_runroot(uid: u32, tmpdir: Option<PathBuf>) -> PathBuf {
    let name = format!("skiff-run-{uid}");
    if let Some(dir) = tmpdir {
        return dir.join(name);
    }
    let tmp = Path::new("/tmp").join(&name);
    let shm = Path::new("/dev/shm");
    let shm_is_tmpfs = rustix::fs::statfs(shm).is_ok_and(|s| {
        s.f_type == TMPFS_MAGIC && rustix::fs::access(shm, rustix::fs::Access::WRITE_OK).is_ok()
    });
    if shm_is_tmpfs && !tmp.exists() {
        shm.join(name)
    } else {
        tmp
    }
}

/// linux/magic.h
const TMPFS_MAGIC: i64 = 0x0102_1994;

/// Create `path` (and parents) with mode 0700 if missing; check that the leaf is a real directory
/// owned by `uid` and not readable by others. A shared /tmp fallback makes this check essential:
/// another user could have planted the directory or a symlink there first. True when this call
/// created it.
pub fn ensure_private_dir(path: &Path, uid: u32) -> Result<bool, PathsError> {
    let create = |recursive| {
        fs::DirBuilder::new()
            .recursive(recursive)
            .mode(0o700)
            .create(path)
    };
    let created = match create(false) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
        Err(_) => create(true)
            .map(|()| true)
            .map_err(|source| PathsError::Create {
                path: path.to_path_buf(),
                source,
            })?,
    };
    let md = fs::symlink_metadata(path).map_err(|source| PathsError::Create {
        path: path.to_path_buf(),
        source,
    })?;
    let mode = md.permissions().mode() & 0o7777;
    if !md.is_dir() || md.uid() != uid || mode & 0o077 != 0 {
        return Err(PathsError::NotPrivate {
            path: path.to_path_buf(),
            uid,
            owner: md.uid(),
            mode,
        });
    }
    Ok(created)
}

/// Tell ext4's inode allocator (Orlov) that the dirs in `dir` (the store's `containers`,
/// `layers`, `volumes`...) are unrelated hierarchies (`chattr +T`, as for /home): each goes to a
/// block group of its own choosing, and what is made under it stays near it, instead of sharing a
/// group with the files of the store's neighbours. It matters on an ext4 without a journal, which
/// skips every inode freed in the last ~30 s of the group it allocates from: with podman's
/// `run --rm` in the same rounds (its store next to skiff's), skiff's `run --rm` took 28.4-35.1 ms
/// on a store made without the hint and 24.5-28.6 ms on one made with it. A hint only: other
/// filesystems ignore or refuse it, and nothing depends on it.
fn mark_top_of_hierarchies(dir: &Path) {
    use rustix::fs::{ioctl_getflags, ioctl_setflags, IFlags};
    let Ok(f) = fs::File::open(dir) else {
        return;
    };
    if let Ok(flags) = ioctl_getflags(&f) {
        let _ = ioctl_setflags(&f, flags | IFlags::TOPDIR);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_dir_is_created_0700() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a/b");
        let uid = rustix::process::geteuid().as_raw();
        assert!(ensure_private_dir(&p, uid).unwrap(), "created");
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        assert!(!ensure_private_dir(&p, uid).unwrap(), "there already");
    }

    /// A store root made by skiff carries ext4's top-of-hierarchies hint (where the temp dir is on
    /// ext4, as on the CI machines); a root that was there already is left as it is.
    #[test]
    fn a_new_store_root_is_marked_top_of_hierarchies() {
        const EXT4_SUPER_MAGIC: i64 = 0xEF53;
        let tmp = tempfile::tempdir().unwrap();
        let (root, old) = (tmp.path().join("new/root"), tmp.path().join("old"));
        fs::create_dir(&old).unwrap();
        fs::set_permissions(&old, fs::Permissions::from_mode(0o700)).unwrap();
        for r in [&root, &old] {
            Paths::resolve(Some(r), Some(&tmp.path().join("run"))).unwrap();
        }
        let top = |p: &Path| {
            rustix::fs::ioctl_getflags(fs::File::open(p).unwrap())
                .unwrap()
                .contains(rustix::fs::IFlags::TOPDIR)
        };
        if rustix::fs::statfs(tmp.path()).unwrap().f_type as i64 == EXT4_SUPER_MAGIC {
            assert!(top(&root));
            assert!(!top(&old));
        }
    }

    #[test]
    fn the_fallback_runroot_is_on_a_tmpfs_where_there_is_one() {
        // No earlier state in /tmp for this uid: /dev/shm when that is a tmpfs.
        let uid = 4_000_000_123;
        let shm_tmpfs = rustix::fs::statfs("/dev/shm").is_ok_and(|s| s.f_type == TMPFS_MAGIC);
        let want = if shm_tmpfs {
            PathBuf::from(format!("/dev/shm/skiff-run-{uid}"))
        } else {
            PathBuf::from(format!("/tmp/skiff-run-{uid}"))
        };
        assert_eq!(fallback_runroot(uid, None), want);
        // The user's TMPDIR is where the user wants it.
        assert_eq!(
            fallback_runroot(uid, Some("/scratch".into())),
            PathBuf::from(format!("/scratch/skiff-run-{uid}"))
        );
        // An earlier skiff's state in /tmp stays where it is.
        let uid = rustix::process::geteuid().as_raw() + 4_000_000;
        let old = PathBuf::from(format!("/tmp/skiff-run-{uid}"));
        fs::create_dir_all(&old).unwrap();
        let got = fallback_runroot(uid, None);
        fs::remove_dir(&old).unwrap();
        assert_eq!(got, old);
    }

    #[test]
    fn shared_dir_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("open");
        fs::create_dir(&p).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o777)).unwrap();
        let uid = rustix::process::geteuid().as_raw();
        let err = ensure_private_dir(&p, uid).unwrap_err();
        assert!(matches!(err, PathsError::NotPrivate { .. }), "{err}");
    }

    #[test]
    fn symlink_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("real");
        fs::create_dir(&target).unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o700)).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let uid = rustix::process::geteuid().as_raw();
        assert!(ensure_private_dir(&link, uid).is_err());
    }
}
