//! Hidden helper commands: skiff re-executes itself for work that must run inside the user's mapped
//! user namespace in a fresh single-threaded process. Not for users; not in --help or the man pages.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use crate::image::unpack::{unpack_stream, UnpackOptions};
use crate::userns::helper::enter_from_parent;

#[derive(Debug, Args)]
pub struct UnpackArgs {
    /// Empty directory to unpack into.
    #[arg(long)]
    pub dest: PathBuf,
    /// Enter a user namespace first (the parent maps it).
    #[arg(long)]
    pub userns: bool,
    /// Only one id is mapped: owners other than root are counted, not set.
    #[arg(long)]
    pub single_id: bool,
    /// Number of container ids mapped.
    #[arg(long)]
    pub mapped_ids: u64,
}

/// Read a layer blob on stdin, unpack it, print the report as JSON on stdout.
pub fn unpack(a: UnpackArgs) -> anyhow::Result<i32> {
    die_with_parent();
    if a.userns {
        enter_from_parent()?;
    }
    rustix::process::umask(rustix::fs::Mode::empty());
    let stdin = std::io::stdin().lock();
    let report = unpack_stream(
        stdin,
        &a.dest,
        UnpackOptions {
            single_id: a.single_id,
            mapped_ids: a.mapped_ids,
        },
    )?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &report)?;
    out.flush()?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct RmArgs {
    #[arg(long)]
    pub userns: bool,
    /// Each path is a trash dir: its entries are removed (`--join`: entering the user
    /// namespace of that pid for what resists).
    #[arg(long)]
    pub trash: bool,
    #[arg(long)]
    pub join: Option<i32>,
    pub paths: Vec<PathBuf>,
}

/// Remove trees whose files belong to subordinate ids.
pub fn rm(a: RmArgs) -> anyhow::Result<i32> {
    if a.trash {
        // Outlives the `run --rm` that started it.
        for p in &a.paths {
            crate::storage::trash::empty(p, a.join)?;
        }
        return Ok(0);
    }
    die_with_parent();
    if a.userns {
        enter_from_parent()?;
    }
    for p in &a.paths {
        crate::storage::remove_tree(p).with_context(|| format!("removing {}", p.display()))?;
    }
    Ok(0)
}

/// A helper whose skiff was killed (kill -9, Ctrl-C) must not go on writing into the store.
fn die_with_parent() {
    let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
}

#[derive(Debug, Args)]
pub struct SuperviseArgs {
    /// `skiff init`: prepare the container, then wait for `skiff start` to run its command.
    #[arg(long)]
    pub hold: bool,
    /// `skiff container restore`: from its checkpoint.
    #[arg(long)]
    pub restore: bool,
    /// With --restore: keep the checkpoint.
    #[arg(long)]
    pub keep: bool,
    /// With --restore: CRIU's --tcp-established.
    #[arg(long)]
    pub tcp_established: bool,
    /// With --restore: CRIU's --file-locks.
    #[arg(long)]
    pub file_locks: bool,
    /// The container to start and watch.
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct DnsArgs {
    /// The runroot whose attachment records it answers from.
    #[arg(long = "records-of")]
    pub records_of: std::path::PathBuf,
    /// The pid of the user's network namespace holder.
    #[arg(long)]
    pub holder: i32,
}

/// The supervisor of a detached container. Readiness goes to stdout (the CLI reads it to EOF).
pub fn supervise(g: &super::GlobalOpts, a: SuperviseArgs) -> anyhow::Result<i32> {
    use std::os::fd::AsFd;
    let paths = g.paths()?;
    let store = crate::state::ContainerStore::open(&paths.root, &paths.runroot)?;
    let ready = std::io::stdout().as_fd().try_clone_to_owned()?;
    use crate::runtime::supervisor::Mode;
    let mode = if a.restore {
        Mode::Restore(crate::runtime::restore::RestoreOpts {
            tcp_established: a.tcp_established,
            file_locks: a.file_locks,
            keep: a.keep,
        })
    } else if a.hold {
        Mode::Hold
    } else {
        Mode::Start
    };
    crate::runtime::supervisor::supervise(&store, &a.id, ready, mode)
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// layer (an overlay upper dir as a layer), tree (DIR over the --lower dirs, read-only
    /// overlay, as a root filesystem) or diff (the changes as JSON).
    #[arg(long)]
    pub mode: String,
    #[arg(long)]
    pub dir: PathBuf,
    /// Lower dirs, top first.
    #[arg(long)]
    pub lower: Vec<PathBuf>,
    /// An empty dir to mount the tree on (mode tree; mode compare makes a/ and b/ in it).
    #[arg(long)]
    pub mnt: Option<PathBuf>,
    /// Mode layer: paths (relative to --dir) to leave out.
    #[arg(long)]
    pub exclude: Vec<String>,
    /// Mode layer: no file time later than these Unix seconds (reproducible builds).
    #[arg(long)]
    pub clamp_mtime: Option<u64>,
    /// Mode compare: the layers of the first tree, top first.
    #[arg(long)]
    pub a_layer: Vec<PathBuf>,
    /// Mode compare: the layers of the second tree, top first.
    #[arg(long)]
    pub b_layer: Vec<PathBuf>,
    #[arg(long)]
    pub userns: bool,
}

/// Write a tar (or the change list) of a container's files on stdout, from inside the user
/// namespace where their owners read as the container sees them.
pub fn pack(a: PackArgs) -> anyhow::Result<i32> {
    use crate::image::pack;
    die_with_parent();
    if a.userns {
        enter_from_parent()?;
    }
    let out = std::io::stdout().lock();
    match a.mode.as_str() {
        "layer" => pack::pack_clamped(&a.dir, &a.exclude, a.clamp_mtime, out)?,
        "tree" => {
            let mnt = a
                .mnt
                .as_deref()
                .context("--mnt is required with --mode tree")?;
            private_mounts()?;
            let layers: Vec<PathBuf> = std::iter::once(a.dir.clone())
                .chain(a.lower.clone())
                .collect();
            let root = mount_ro(&layers, mnt, a.userns)?;
            pack::pack(&root, pack::Mode::Tree, out)?;
        }
        "compare" => {
            let mnt = a
                .mnt
                .as_deref()
                .context("--mnt is required with --mode compare")?;
            private_mounts()?;
            let (ma, mb) = (mnt.join("a"), mnt.join("b"));
            std::fs::create_dir_all(&ma)?;
            std::fs::create_dir_all(&mb)?;
            let ra = mount_ro(&a.a_layer, &ma, a.userns)?;
            let rb = mount_ro(&a.b_layer, &mb, a.userns)?;
            let changes = pack::compare(&ra, &rb)?;
            let mut out = out;
            serde_json::to_writer(&mut out, &changes)?;
            out.flush()?;
        }
        "delta" => {
            let mnt = a
                .mnt
                .as_deref()
                .context("--mnt is required with --mode delta")?;
            private_mounts()?;
            let (ma, mb) = (mnt.join("a"), mnt.join("b"));
            std::fs::create_dir_all(&ma)?;
            std::fs::create_dir_all(&mb)?;
            let ra = mount_ro(&a.a_layer, &ma, a.userns)?;
            let rb = mount_ro(&a.b_layer, &mb, a.userns)?;
            pack::delta(&ra, &rb, out)?;
        }
        "diff" => {
            let lowers: Vec<&std::path::Path> = a.lower.iter().map(PathBuf::as_path).collect();
            let changes = pack::changes(&a.dir, &lowers)?;
            let mut out = out;
            serde_json::to_writer(&mut out, &changes)?;
            out.flush()?;
        }
        other => anyhow::bail!("unknown pack mode {other}"),
    }
    Ok(0)
}

/// A mount namespace of our own whose mounts do not propagate anywhere.
fn private_mounts() -> anyhow::Result<()> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)?;
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
        None::<&str>,
    )?;
    Ok(())
}

/// `layers` (top first) as one read-only tree: an overlay on `mnt`, or the one layer itself.
fn mount_ro(layers: &[PathBuf], mnt: &std::path::Path, userns: bool) -> anyhow::Result<PathBuf> {
    match layers {
        [] => Ok(mnt.to_path_buf()),
        [one] => Ok(one.clone()),
        _ => {
            let lowers: Vec<String> = layers.iter().map(|p| p.display().to_string()).collect();
            let mut opts = format!("lowerdir={}", lowers.join(":"));
            if userns {
                opts.push_str(",userxattr");
            }
            if opts.len() > 4000 {
                anyhow::bail!("too many layers to mount at once ({})", lowers.len());
            }
            nix::mount::mount(
                Some("overlay"),
                mnt,
                Some("overlay"),
                nix::mount::MsFlags::MS_RDONLY,
                Some(opts.as_str()),
            )
            .context("mounting the files read-only")?;
            Ok(mnt.to_path_buf())
        }
    }
}
