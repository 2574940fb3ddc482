//! `skiff mount` / `skiff unmount`: a container's root filesystem (its image layers with its own
//! changes on top) mounted where you can read and change it. As root on the host directly; as an
//! ordinary user inside `skiff unshare`, whose mount namespace holds the mount (as with podman).
//! The mount table is the record: a mount exists where /proc/self/mountinfo shows it.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use super::GlobalOpts;
use crate::state::{Container, ContainerStore, Status};

#[derive(Debug, Args)]
pub struct MountArgs {
    /// Mount every container.
    #[arg(short, long)]
    pub all: bool,
    /// json: the mounted containers as JSON.
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    /// Show full container ids.
    #[arg(long)]
    pub no_trunc: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct UnmountArgs {
    /// Unmount every mounted container.
    #[arg(short, long)]
    pub all: bool,
    /// Detach the mount even while something uses it.
    #[arg(short, long)]
    pub force: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// Where `mount` puts a container's root filesystem.
fn mountpoint(store: &ContainerStore, c: &Container) -> PathBuf {
    store.run_path(&c.id).join("merged")
}

/// The mount points in this mount namespace.
fn mounted_paths() -> Vec<PathBuf> {
    std::fs::read_to_string("/proc/self/mountinfo")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(|p| PathBuf::from(crate::runtime::mountinfo::unescape(p)))
        .collect()
}

/// Mounting needs root: the host's, or the user's inside `skiff unshare`.
fn check_privileges(cmd: &str) -> anyhow::Result<()> {
    if !rustix::process::geteuid().is_root() {
        return Err(crate::error::Coded::new(
            125,
            format!(
                "cannot run `skiff {cmd}` as an ordinary user outside `skiff unshare`: the mount \
                 needs the store's user namespace. Run it there, e.g. `skiff unshare sh -c 'cd \
                 $(skiff {cmd} CONTAINER) && ls'`"
            ),
        )
        .into());
    }
    Ok(())
}

fn is_mounted(mounted: &[PathBuf], p: &Path) -> bool {
    mounted.iter().any(|m| m == p)
}

pub fn mount(g: &GlobalOpts, a: MountArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let listing = a.containers.is_empty() && !a.all && !a.latest.latest;
    if listing {
        return list(&store, &a);
    }
    check_privileges("mount")?;
    let sel = super::targets::Selection::named(&a.containers, a.all, a.latest.latest);
    let mut failed = super::targets::Failures::new();
    let mut out = String::new();
    for t in super::targets::select(&store, &sel, |_| true)? {
        match t
            .found
            .map_err(anyhow::Error::from)
            .and_then(|c| mount_one(&store, &c))
        {
            Ok(p) => out.push_str(&format!("{}\n", p.display())),
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    super::output::print_text(&out)?;
    failed.into_result()
}

/// Mount one container (or find it mounted) and return the path of its root filesystem.
fn mount_one(store: &ContainerStore, c: &Container) -> anyhow::Result<PathBuf> {
    // A running container's root is mounted already, in its own namespace: reach it there.
    if c.state.status == Status::Running && c.process_alive() && c.state.pid > 0 {
        if crate::userns::host_root() {
            return Ok(PathBuf::from(format!("/proc/{}/root", c.state.pid)));
        }
        // A second overlay over the same upper dir is undefined behaviour, and the container's
        // namespaces are not reachable from `skiff unshare`'s.
        anyhow::bail!(
            "{} is running: its root filesystem lives in its own namespaces; use `skiff exec {} \
             ...` or `skiff cp`, or stop it and mount it then",
            c.name,
            c.name
        );
    }
    let target = mountpoint(store, c);
    if is_mounted(&mounted_paths(), &target) {
        return Ok(target);
    }
    // (no probe from in here: a nested user namespace would decide wrongly for the store)
    if crate::runtime::fuse::decided(store.runroot()) == Some(true) {
        anyhow::bail!(
            "{}: this store uses fuse-overlayfs (the kernel refuses overlay here); `skiff mount` \
             needs the kernel's overlay",
            c.name
        );
    }
    std::fs::create_dir_all(&target)?;
    let upper = store.path(&c.id).join("upper");
    let work = store.path(&c.id).join("work");
    crate::runtime::rootfs::mount_overlay(&c.spec.layers, &upper, &work, false, &target)
        .map_err(|e| anyhow::anyhow!("{}: {e:#}", c.name))?;
    Ok(target)
}

fn list(store: &ContainerStore, a: &MountArgs) -> anyhow::Result<i32> {
    let mounted = mounted_paths();
    let rows: Vec<(Container, PathBuf)> = store
        .list()?
        .into_iter()
        .filter_map(|c| {
            let p = mountpoint(store, &c);
            is_mounted(&mounted, &p).then_some((c, p))
        })
        .collect();
    let out = match a.format.as_deref() {
        Some("json") => {
            let v: Vec<_> = rows
                .iter()
                .map(|(c, p)| json!({ "ID": c.id, "Names": [c.name], "Mountpoint": p }))
                .collect();
            serde_json::to_string_pretty(&v)? + "\n"
        }
        Some(other) => anyhow::bail!("invalid --format {other:?}: only json"),
        None => rows
            .iter()
            .map(|(c, p)| {
                let id = if a.no_trunc { &c.id[..] } else { &c.id[..12] };
                format!("{id}  {}\n", p.display())
            })
            .collect(),
    };
    super::output::print_text(&out)?;
    Ok(0)
}

pub fn unmount(g: &GlobalOpts, a: UnmountArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    check_privileges("unmount")?;
    let mounted = mounted_paths();
    let sel = super::targets::Selection::named(&a.containers, a.all, a.latest.latest);
    if a.containers.is_empty() && !a.all && !a.latest.latest {
        anyhow::bail!("name the containers to unmount, or use --all");
    }
    let targets = super::targets::select(&store, &sel, |c| {
        is_mounted(&mounted, &mountpoint(&store, c))
    })?;
    let mut failed = super::targets::Failures::new();
    let mut out = String::new();
    for t in targets {
        let r = t.found.map_err(anyhow::Error::from).and_then(|c| {
            let p = mountpoint(&store, &c);
            if is_mounted(&mounted, &p) {
                let flags = if a.force {
                    nix::mount::MntFlags::MNT_DETACH
                } else {
                    nix::mount::MntFlags::empty()
                };
                nix::mount::umount2(&p, flags).map_err(|e| {
                    anyhow::anyhow!(
                        "{}: unmounting {}: {e}{}",
                        c.name,
                        p.display(),
                        if e == nix::errno::Errno::EBUSY {
                            " (something uses it: leave it, or use --force)"
                        } else {
                            ""
                        }
                    )
                })?;
                let _ = std::fs::remove_dir(&p);
            }
            Ok(c.id)
        });
        match r {
            Ok(id) => out.push_str(&format!("{id}\n")),
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    super::output::print_text(&out)?;
    failed.into_result()
}

#[cfg(test)]
mod tests {
    #[test]
    fn mountinfo_escapes() {
        assert_eq!(crate::runtime::mountinfo::unescape("/a\\040b"), "/a b");
        assert_eq!(crate::runtime::mountinfo::unescape("/plain"), "/plain");
    }
}
