//! Finding newuidmap/newgidmap and the other helper programs, and checking that the setuid ones
//! can actually do their job.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Where helper programs (newuidmap, pasta, slirp4netns, fuse-overlayfs) are looked for only,
/// when set: a colon-separated list of directories, like podman's `helper_binaries_dir`.
pub const HELPER_DIRS_ENV: &str = "SKIFF_HELPER_BINARIES_DIR";

/// Locate `name` in SKIFF_HELPER_BINARIES_DIR when it is set; otherwise in $PATH, then in the
/// usual system dirs (sbin is often missing from a user's PATH).
pub fn find_program(name: &str) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match std::env::var_os(HELPER_DIRS_ENV) {
        Some(dirs) => std::env::split_paths(&dirs).collect(),
        None => {
            let path = std::env::var_os("PATH").unwrap_or_default();
            std::env::split_paths(&path)
                .chain(
                    ["/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin"].map(PathBuf::from),
                )
                .collect()
        }
    };
    dirs.into_iter()
        .filter(|d| d.is_absolute())
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// How a setuid id-map helper gets its privilege.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Privilege {
    /// setuid root.
    Setuid,
    /// file capabilities (security.capability xattr), as some distributions ship it.
    FileCaps,
    /// neither: the helper will fail with "Operation not permitted".
    None,
}

pub fn helper_privilege(p: &Path) -> Privilege {
    let Ok(md) = std::fs::metadata(p) else {
        return Privilege::None;
    };
    if md.mode() & 0o4000 != 0 && md.uid() == 0 {
        return Privilege::Setuid;
    }
    let mut buf = [0u8; 64];
    if rustix::fs::getxattr(p, "security.capability", &mut buf).is_ok_and(|n| n > 0) {
        return Privilege::FileCaps;
    }
    Privilege::None
}
