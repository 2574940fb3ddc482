//! Idmapped mounts (`idmap`/`ridmap` mount options with the mount's uidMappings/gidMappings):
//! the runtime, still in the host's mount namespace, clones the source tree (open_tree), gives
//! it a user namespace as its id mapping (mount_setattr) and hands the detached mount to the
//! container's init, which attaches it at the destination (move_mount).
//!
//! A mount mapping {containerID: c, hostID: h} shows files owned by h on the source as owned by
//! c in the container: the mount's user namespace maps h (inside) to the kernel id that the
//! container's own user namespace shows as c (outside).

use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use anyhow::{anyhow, bail, Context};
use oci_spec::runtime::{LinuxIdMapping, Mount, Spec};

/// The kernel id the container shows as `id` (through its uidMappings; itself without).
fn outside(id: u32, container: &[LinuxIdMapping]) -> Option<u32> {
    if container.is_empty() {
        return Some(id);
    }
    container.iter().find_map(|m| {
        let off = id.checked_sub(m.container_id())?;
        (off < m.size()).then(|| m.host_id() + off)
    })
}

/// uid_map lines of the mount's user namespace.
pub fn map_lines(mount: &[LinuxIdMapping], container: &[LinuxIdMapping]) -> anyhow::Result<String> {
    let mut out = String::new();
    for m in mount {
        let first = outside(m.container_id(), container).ok_or_else(|| {
            anyhow!(
                "container id {} is not mapped by the container",
                m.container_id()
            )
        })?;
        let last =
            outside(m.container_id() + m.size().saturating_sub(1), container).ok_or_else(|| {
                anyhow!(
                    "container ids up to {} are not mapped by the container",
                    m.container_id() + m.size() - 1
                )
            })?;
        if last - first != m.size().saturating_sub(1) {
            bail!(
                "the mount mapping at container id {} spans several of the container's ranges",
                m.container_id()
            );
        }
        out.push_str(&format!("{} {} {}\n", m.host_id(), first, m.size()));
    }
    Ok(out)
}

/// A user namespace with these maps, held by its file (the process that made it is gone).
fn userns(uid_map: &str, gid_map: &str) -> anyhow::Result<OwnedFd> {
    let (rd, wr) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let (ready_rd, ready_wr) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let (wr_raw, ready_rd_raw) = (wr.as_raw_fd(), ready_rd.as_raw_fd());
    let pid = crate::sys::fork_child(|| {
        // Our copies of the parent's ends, or the read below would never see EOF.
        crate::sys::close_in_child(wr_raw);
        crate::sys::close_in_child(ready_rd_raw);
        if nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER).is_err() {
            return 1;
        }
        let _ = nix::unistd::write(&ready_wr, b"u");
        let mut b = [0u8; 1];
        let _ = nix::unistd::read(&rd, &mut b);
        0
    })
    .map_err(|e| anyhow!("making the mount's user namespace: {e}"))?;
    drop(ready_wr);
    drop(rd);
    let result = (|| -> anyhow::Result<OwnedFd> {
        let mut b = [0u8; 1];
        if nix::unistd::read(&ready_rd, &mut b)? != 1 {
            bail!("the helper could not create a user namespace");
        }
        std::fs::write(format!("/proc/{pid}/uid_map"), uid_map)
            .context("writing the mount's uid_map")?;
        std::fs::write(format!("/proc/{pid}/gid_map"), gid_map)
            .context("writing the mount's gid_map")?;
        Ok(std::fs::File::open(format!("/proc/{pid}/ns/user"))?.into())
    })();
    drop(wr);
    let _ = nix::sys::wait::waitpid(pid, None);
    result
}

/// Detached, idmapped clones of every idmap mount's source, by mount index.
pub fn prepare(spec: &Spec, bundle: &std::path::Path) -> anyhow::Result<Vec<(usize, OwnedFd)>> {
    let mut out = Vec::new();
    let linux = spec.linux().clone().unwrap_or_default();
    let cu = linux.uid_mappings().clone().unwrap_or_default();
    let cg = linux.gid_mappings().clone().unwrap_or_default();
    for (i, m) in spec.mounts().iter().flatten().enumerate() {
        let opts = m.options().clone().unwrap_or_default();
        let recursive = opts.iter().any(|o| o == "ridmap" || o == "rbind");
        if !opts.iter().any(|o| o == "idmap" || o == "ridmap") {
            continue;
        }
        out.push((i, one(i, m, bundle, recursive, &cu, &cg)?));
    }
    Ok(out)
}

fn one(
    i: usize,
    m: &Mount,
    bundle: &std::path::Path,
    recursive: bool,
    cu: &[LinuxIdMapping],
    cg: &[LinuxIdMapping],
) -> anyhow::Result<OwnedFd> {
    let ctx = |what: &str| format!("mounts[{i}] ({}): {what}", m.destination().display());
    if !nix::unistd::geteuid().is_root() || crate::userns::in_child_namespace() {
        bail!("{}: idmapped mounts need real root (the kernel only lets the owner of the source's filesystem map it)", ctx("idmap"));
    }
    let uids = m
        .uid_mappings()
        .clone()
        .or_else(|| (!cu.is_empty()).then(|| cu.to_vec()));
    let gids = m
        .gid_mappings()
        .clone()
        .or_else(|| (!cg.is_empty()).then(|| cg.to_vec()));
    let (Some(uids), Some(gids)) = (uids, gids) else {
        bail!(
            "{}: give the mount uidMappings and gidMappings (or the container linux.uidMappings)",
            ctx("idmap")
        );
    };
    // Without mount-level mappings the container's own are used: its ids show as they are.
    let (ul, gl) = if m.uid_mappings().is_some() {
        (map_lines(&uids, cu)?, map_lines(&gids, cg)?)
    } else {
        let same = |v: &[LinuxIdMapping]| {
            v.iter()
                .map(|x| format!("{} {} {}\n", x.container_id(), x.host_id(), x.size()))
                .collect::<String>()
        };
        (same(&uids), same(&gids))
    };
    let ns = userns(&ul, &gl).with_context(|| ctx("idmap"))?;
    let source = m.source().clone().unwrap_or_default();
    let source = if source.is_relative() {
        bundle.join(source)
    } else {
        source
    };
    let mut flags = rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
        | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC;
    if recursive {
        flags |= rustix::mount::OpenTreeFlags::AT_RECURSIVE;
    }
    let tree = rustix::mount::open_tree(rustix::fs::CWD, &source, flags)
        .map_err(|e| anyhow!("{}: {e}", ctx(&format!("cloning {}", source.display()))))?;
    crate::sys::mount_setattr_idmap(tree.as_fd(), ns.as_fd(), recursive).map_err(|e| {
        anyhow!(
            "{}: {e} (the source's filesystem may not support idmapped mounts)",
            ctx("idmap")
        )
    })?;
    Ok(tree)
}

/// In the container's init: attach a prepared mount at its destination (resolved in the rootfs).
pub fn attach(tree: i32, target: &OwnedFd) -> anyhow::Result<()> {
    let fd = crate::sys::borrow_raw(tree);
    let flags = rustix::mount::MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH
        | rustix::mount::MoveMountFlags::MOVE_MOUNT_T_EMPTY_PATH;
    rustix::mount::move_mount(fd, "", target, "", flags)
        .map_err(|e| anyhow!("attaching the idmapped mount: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(c: u32, h: u32, n: u32) -> LinuxIdMapping {
        serde_json::from_value(serde_json::json!({"containerID": c, "hostID": h, "size": n}))
            .unwrap()
    }

    #[test]
    fn mount_maps_go_through_the_container_map() {
        // No user namespace: files of host 1000 show as container root.
        assert_eq!(map_lines(&[m(0, 1000, 1)], &[]).unwrap(), "1000 0 1\n");
        // Container root is host 100000: the mount maps 1000 to 100000.
        assert_eq!(
            map_lines(&[m(0, 1000, 10)], &[m(0, 100000, 65536)]).unwrap(),
            "1000 100000 10\n"
        );
        assert!(map_lines(&[m(70000, 1000, 1)], &[m(0, 100000, 65536)]).is_err());
    }
}
