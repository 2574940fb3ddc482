//! Layers for containers with another id mapping (`--userns=keep-id`, `--uidmap`, `--gidmap`).
//!
//! The store keeps layers with the default mapping's owners (container id k is stored as the
//! default user namespace's id k). A container whose namespace maps ids differently would see
//! wrong owners, so it gets a copy of each layer with the owners moved to where its mapping puts
//! them (containers/storage does the same without idmapped mounts, which a rootless user cannot
//! make on the host's filesystems). The copy is made once per layer and mapping, inside a user
//! namespace with the default mapping (which covers every host id involved), and reused.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};

use crate::userns::{IdMap, IdMapping};

/// Where container id k of `target` lives in the default namespace: its host id, then that host
/// id's default-namespace id. None when `target` does not map k or the default cannot hold it.
fn moved(default: &[IdMap], target: &[IdMap], k: u32) -> Option<u32> {
    let host = lookup(target, k)?;
    default.iter().find_map(|m| {
        (host >= m.host_id && host - m.host_id < m.size)
            .then(|| m.container_id + (host - m.host_id))
    })
}

fn lookup(maps: &[IdMap], id: u32) -> Option<u32> {
    maps.iter().find_map(|m| {
        (id >= m.container_id && id - m.container_id < m.size)
            .then(|| m.host_id + (id - m.container_id))
    })
}

/// A short, stable name for a mapping.
pub fn mapping_key(m: &IdMapping) -> String {
    let text = serde_json::to_string(&(&m.uids, &m.gids)).unwrap_or_default();
    use sha2::Digest;
    super::unpack::hex(&sha2::Sha256::digest(text.as_bytes()))[..16].to_string()
}

/// The layer dirs (bottom first) to use for `target`: the originals when it is the default
/// mapping, else owner-moved copies, made now when missing.
pub fn layers_for(
    layers: &[PathBuf],
    default: &IdMapping,
    target: &IdMapping,
) -> anyhow::Result<Vec<PathBuf>> {
    if target == default {
        return Ok(layers.to_vec());
    }
    let key = mapping_key(target);
    let mut out = Vec::new();
    for diff in layers {
        let layer_dir = diff
            .parent()
            .ok_or_else(|| anyhow!("bad layer path {}", diff.display()))?;
        let dest = layer_dir.join("mapped").join(&key);
        let mapped = dest.join("diff");
        if !mapped.exists() {
            let lock = crate::storage::LockGuard::acquire(
                &layer_dir.join("mapped.lock"),
                crate::storage::LockMode::Exclusive,
            )?;
            if !mapped.exists() {
                make_copy(diff, &dest, default, target).with_context(|| {
                    format!("copying layer {} for the id mapping", diff.display())
                })?;
            }
            drop(lock);
        }
        out.push(mapped);
    }
    Ok(out)
}

fn make_copy(
    src: &Path,
    dest: &Path,
    default: &IdMapping,
    target: &IdMapping,
) -> anyhow::Result<()> {
    let tmp = dest.with_extension("tmp");
    if tmp.exists() {
        crate::userns::helper::remove_paths(default, std::slice::from_ref(&tmp))?;
    }
    std::fs::create_dir_all(&tmp)?;
    let (src, tmp2) = (src.to_path_buf(), tmp.join("diff"));
    let report = crate::userns::enter::Report::new()?;
    let w = report.writer();
    crate::userns::enter::run_in_userns(default, nix::sched::CloneFlags::empty(), || {
        let mut c = Copier {
            uids: |k| moved(&default.uids, &target.uids, k).unwrap_or(k),
            gids: |k| moved(&default.gids, &target.gids, k).unwrap_or(k),
            links: HashMap::new(),
        };
        crate::userns::enter::Report::send(w, c.tree(&src, &tmp2).map(|()| String::new()))
    })?;
    if let Err(e) = report.receive() {
        let _ = crate::userns::helper::remove_paths(default, std::slice::from_ref(&tmp));
        return Err(e);
    }
    std::fs::rename(&tmp, dest).with_context(|| format!("renaming into {}", dest.display()))?;
    Ok(())
}

/// Copy what is inside `src` into the existing dir `dst` (owners, modes, links, xattrs kept), and
/// give `dst` the owner and mode of `src`: a new volume takes the image's content at its path.
pub fn copy_contents(src: &Path, dst: &Path) -> anyhow::Result<()> {
    let mut c = Copier {
        uids: |k| k,
        gids: |k| k,
        links: HashMap::new(),
    };
    for e in std::fs::read_dir(src)? {
        let e = e?;
        c.tree(&e.path(), &dst.join(e.file_name()))?;
    }
    let md = std::fs::metadata(src)?;
    std::os::unix::fs::lchown(dst, Some(md.uid()), Some(md.gid()))?;
    std::fs::set_permissions(dst, std::fs::Permissions::from_mode(md.mode() & 0o7777))?;
    Ok(())
}

struct Copier<U: Fn(u32) -> u32, G: Fn(u32) -> u32> {
    uids: U,
    gids: G,
    /// (dev, ino) of regular files with several links -> their first copy.
    links: HashMap<(u64, u64), PathBuf>,
}

impl<U: Fn(u32) -> u32, G: Fn(u32) -> u32> Copier<U, G> {
    fn tree(&mut self, src: &Path, dst: &Path) -> anyhow::Result<()> {
        let md = std::fs::symlink_metadata(src)?;
        let ft = md.file_type();
        use std::os::unix::fs::FileTypeExt;
        if ft.is_dir() {
            std::fs::create_dir(dst).with_context(|| format!("creating {}", dst.display()))?;
            for e in std::fs::read_dir(src)? {
                let e = e?;
                self.tree(&e.path(), &dst.join(e.file_name()))?;
            }
        } else if ft.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(src)?, dst)?;
        } else if ft.is_file() {
            if md.nlink() > 1 {
                if let Some(first) = self.links.get(&(md.dev(), md.ino())) {
                    std::fs::hard_link(first, dst)?;
                    return Ok(());
                }
                self.links.insert((md.dev(), md.ino()), dst.to_path_buf());
            }
            let mut out = std::fs::File::create(dst)?;
            std::io::copy(&mut std::fs::File::open(src)?, &mut out)
                .with_context(|| format!("copying {}", src.display()))?;
        } else if ft.is_char_device() || ft.is_block_device() || ft.is_fifo() {
            // Whiteouts are 0/0 character devices.
            let kind = if ft.is_char_device() {
                nix::sys::stat::SFlag::S_IFCHR
            } else if ft.is_block_device() {
                nix::sys::stat::SFlag::S_IFBLK
            } else {
                nix::sys::stat::SFlag::S_IFIFO
            };
            nix::sys::stat::mknod(
                dst,
                kind,
                nix::sys::stat::Mode::from_bits_truncate(md.mode() & 0o7777),
                md.rdev(),
            )
            .map_err(|e| anyhow!("creating {}: {e}", dst.display()))?;
        } else {
            return Ok(()); // sockets are not layer content
        }
        std::os::unix::fs::lchown(
            dst,
            Some((self.uids)(md.uid())),
            Some((self.gids)(md.gid())),
        )
        .with_context(|| format!("chown {}", dst.display()))?;
        self.xattrs(src, dst)?;
        if !ft.is_symlink() {
            // After chown, which clears set-id bits.
            std::fs::set_permissions(dst, std::fs::Permissions::from_mode(md.mode() & 0o7777))?;
        }
        let times = rustix::fs::Timestamps {
            last_access: rustix::fs::Timespec {
                tv_sec: md.atime(),
                tv_nsec: md.atime_nsec() as _,
            },
            last_modification: rustix::fs::Timespec {
                tv_sec: md.mtime(),
                tv_nsec: md.mtime_nsec() as _,
            },
        };
        let _ = rustix::fs::utimensat(
            rustix::fs::CWD,
            dst,
            &times,
            rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
        );
        Ok(())
    }

    /// user.* and trusted-free xattrs (overlay's opaque markers, image xattrs) come along.
    fn xattrs(&self, src: &Path, dst: &Path) -> anyhow::Result<()> {
        let mut names = vec![0u8; 64 * 1024];
        let n = match rustix::fs::llistxattr(src, &mut names[..]) {
            Ok(n) => n,
            Err(_) => return Ok(()),
        };
        for name in names[..n].split(|b| *b == 0).filter(|n| !n.is_empty()) {
            let name = OsStr::from_bytes(name);
            let mut value = vec![0u8; 64 * 1024];
            if let Ok(len) = rustix::fs::lgetxattr(src, name, &mut value[..]) {
                // security.* (file capabilities) may be refused in a user namespace: not fatal.
                let _ = rustix::fs::lsetxattr(
                    dst,
                    name,
                    &value[..len],
                    rustix::fs::XattrFlags::empty(),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::userns::subid::IdRange;

    #[test]
    fn keep_id_moves_owners() {
        let default = IdMapping::rootless(
            1000,
            1000,
            &[IdRange {
                start: 200000,
                count: 65536,
            }],
            &[IdRange {
                start: 200000,
                count: 65536,
            }],
        );
        let keep = default.keep_id(1000, 1000);
        // Image root (stored as default id 0 = the user) must become the first subordinate id,
        // container 1000 the user (default id 0), ids above 1000 stay.
        assert_eq!(moved(&default.uids, &keep.uids, 0), Some(1));
        assert_eq!(moved(&default.uids, &keep.uids, 999), Some(1000));
        assert_eq!(moved(&default.uids, &keep.uids, 1000), Some(0));
        assert_eq!(moved(&default.uids, &keep.uids, 1001), Some(1001));
        assert_eq!(moved(&default.uids, &keep.uids, 65535), Some(65535));
        assert_eq!(moved(&default.uids, &default.uids, 42), Some(42));
        assert_ne!(mapping_key(&keep), mapping_key(&default));
    }
}
