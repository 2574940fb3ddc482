//! Checkpoint and restore of a running container with CRIU (`skiff container checkpoint|restore`),
//! as root (CRIU needs CAP_SYS_ADMIN; podman refuses rootless checkpoints too).
//!
//! Checkpoint: CRIU dumps the container's process tree (memory, files, its own namespaces and
//! filesystems) into `<container>/checkpoint`. What comes from the host is named for it: the bind
//! mounts (devices, /etc files, volumes) become external mounts whose host paths are kept in
//! `skiff-checkpoint.json`, and the stdio pipes to the supervisor are recorded. The network helper
//! (pasta, slirp4netns) is stopped first: CRIU cannot dump the tap device it holds, and a restored
//! namespace gets a new helper anyway.
//!
//! Restore runs in the container's supervisor: CRIU gets a mount namespace of its own with the
//! container's root mounted in it, rebuilds the tree with the supervisor's fresh pipes in place of
//! the old ones (`--inherit-fd`), and exits; the tree is then the supervisor's (a subreaper), which
//! connects its network, publishes its ports and relays its output as for a started container.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use serde::{Deserialize, Serialize};

use crate::error::Coded;
use crate::network::Network;
use crate::state::{Container, ContainerStore};

/// The checkpoint's directory in the container's dir.
pub const DIR: &str = "checkpoint";
/// A pre-dump (`--pre-checkpoint`) in the container's dir.
pub const PRE_DIR: &str = "pre-checkpoint";
const META: &str = "skiff-checkpoint.json";

#[derive(Debug, Clone, Default)]
pub struct CheckpointOpts {
    /// The container keeps running after the dump.
    pub leave_running: bool,
    pub tcp_established: bool,
    pub file_locks: bool,
    /// Dump the memory only, into the pre-checkpoint dir; the container keeps running.
    pub pre_dump: bool,
    /// Dump on top of the pre-checkpoint (only the pages changed since).
    pub with_previous: bool,
}

/// What skiff keeps beside CRIU's images.
#[derive(Debug, Serialize, Deserialize)]
pub struct Meta {
    /// fds 0, 1, 2 of the container's first process at the dump, as /proc names them.
    pub stdio: Vec<String>,
    /// The container's mounts that come from the host.
    pub mounts: Vec<External>,
    /// Unix seconds.
    pub checkpointed_at: i64,
    pub tcp_established: bool,
    /// The cgroup CRIU ran in for the dump: its restore makes it again (it makes every cgroup
    /// the dump saw), and skiff removes it then.
    #[serde(default)]
    pub scratch_cgroups: Vec<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct External {
    /// CRIU's name for it.
    pub key: String,
    /// The container path.
    pub target: String,
    /// The host path it showed at the dump.
    pub source: PathBuf,
}

/// CRIU's figures of a dump or restore (`--display-stats`), named as podman's `--print-stats`.
pub type Stats = BTreeMap<String, u64>;

pub fn dir(store: &ContainerStore, id: &str) -> PathBuf {
    store.path(id).join(DIR)
}

pub fn has_checkpoint(store: &ContainerStore, id: &str) -> bool {
    dir(store, id).join(META).is_file()
}

pub fn read_meta(dir: &Path) -> anyhow::Result<Meta> {
    let p = dir.join(META);
    let text = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("parsing {}", p.display()))
}

/// The criu program, or how to get one.
pub fn criu() -> anyhow::Result<PathBuf> {
    crate::userns::helpers::find_program("criu").ok_or_else(|| {
        anyhow!(
            "criu is not installed: checkpoint and restore need CRIU (`sudo apt install criu`; \
             on Linux 6.16 and later, CRIU 4.2 or newer)"
        )
    })
}

/// Checkpoint and restore need root (CRIU's capabilities over every namespace of the container).
pub fn require_root(what: &str) -> anyhow::Result<()> {
    if !rustix::process::geteuid().is_root() {
        return Err(Coded::new(
            125,
            format!(
                "{what} a container requires root: CRIU needs CAP_SYS_ADMIN over the container's \
                 namespaces (run the container and this command with sudo)"
            ),
        )
        .into());
    }
    Ok(())
}

/// Refuse what CRIU cannot dump, naming the option that makes it so.
pub fn supported(c: &Container) -> anyhow::Result<()> {
    let why = if c.spec.tty {
        Some("it has a terminal (-t): its pty belongs to skiff's side; create it without -t")
    } else if matches!(c.spec.network, Network::Container(_)) {
        Some(
            "it shares another container's namespaces (--network container:, or its pod's): \
             they are not its own to dump",
        )
    } else if matches!(c.spec.network, Network::Bridge(_)) {
        Some(
            "it is on a bridge network (its interfaces are pairs with the network's side); \
             use --network pasta, slirp4netns or none",
        )
    } else if matches!(c.spec.network, Network::Host) {
        Some("it uses the host's network namespace (--network host)")
    } else if c.spec.pid_host {
        Some("it uses the host's pid namespace (--pid host)")
    } else if c.spec.mounts.iter().any(|m| m.overlay) {
        Some("it has :O overlay mounts (CRIU cannot mount them again)")
    } else if c.state.fuse_pid != 0 {
        Some("its root is served by fuse-overlayfs")
    } else {
        None
    };
    match why {
        Some(w) => Err(Coded::new(125, format!("cannot checkpoint {}: {w}", c.name)).into()),
        None => Ok(()),
    }
}

/// Dump the running container `c` (its record already says `stop_requested` unless it keeps
/// running). Returns CRIU's figures.
pub fn dump(store: &ContainerStore, c: &Container, o: &CheckpointOpts) -> anyhow::Result<Stats> {
    let criu = criu()?;
    let pid = c.state.pid;
    let images = if o.pre_dump {
        store.path(&c.id).join(PRE_DIR)
    } else {
        dir(store, &c.id)
    };
    let _ = std::fs::remove_dir_all(&images);
    std::fs::create_dir_all(&images).with_context(|| format!("creating {}", images.display()))?;
    let mounts = externals(pid)?;
    let stdio: Vec<String> = (0..3)
        .map(|fd| {
            std::fs::read_link(format!("/proc/{pid}/fd/{fd}"))
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        })
        .collect();
    // The tap device of pasta/slirp4netns cannot be dumped: the helper goes first, and with it
    // the device (a restored or still running container gets a new one).
    let helper = !o.pre_dump && matches!(c.spec.network, Network::Pasta | Network::Slirp4netns);
    if helper {
        if let Err(e) = stop_helper(c) {
            let _ = restart_helper(store, c);
            return Err(e);
        }
    }
    let mut args: Vec<OsString> = vec![
        if o.pre_dump { "pre-dump" } else { "dump" }.into(),
        "--tree".into(),
        pid.to_string().into(),
        "--images-dir".into(),
        images.clone().into(),
        "--manage-cgroups=soft".into(),
        "--display-stats".into(),
    ];
    if o.pre_dump || o.leave_running {
        args.push("--leave-running".into());
    }
    if o.pre_dump || o.with_previous {
        args.push("--track-mem".into());
    }
    if o.with_previous && !o.pre_dump {
        let pre = store.path(&c.id).join(PRE_DIR);
        if !pre.join("inventory.img").is_file() {
            bail!(
                "--with-previous: {} has no pre-checkpoint (make one with --pre-checkpoint)",
                c.name
            );
        }
        args.push("--prev-images-dir".into());
        args.push(format!("../{PRE_DIR}").into());
    }
    if o.tcp_established {
        args.push("--tcp-established".into());
    }
    if o.file_locks {
        args.push("--file-locks".into());
    }
    for m in &mounts {
        args.push("--external".into());
        args.push(format!("mnt[{}]:{}", m.target, m.key).into());
    }
    // CRIU takes tasks in its own cgroups for its own (set 1) and then cannot restore them: when
    // the container has no cgroup of its own, CRIU runs in a plain one of its own.
    let own_cg = if c.state.cgroup.is_none() {
        let plain = super::cgroups::Resources {
            pids_limit: Some(0),
            ..Default::default()
        };
        super::cgroups::Cgroup::create(&format!("criu-{}", std::process::id()), &plain)
            .ok()
            .flatten()
    } else {
        None
    };
    let procs: Vec<PathBuf> = own_cg
        .iter()
        .flat_map(|cg| cg.dirs.iter().map(|d| d.join("cgroup.procs")))
        .collect();
    let enter = move || -> std::io::Result<()> {
        for p in &procs {
            std::fs::write(p, std::process::id().to_string())?;
        }
        Ok(())
    };
    let result = run(&criu, &args, &images, "dump.log", Some(Box::new(enter)));
    let scratch_cgroups = own_cg
        .as_ref()
        .map(|cg| cg.dirs.clone())
        .unwrap_or_default();
    if let Some(cg) = own_cg {
        cg.remove();
    }
    if helper && (o.leave_running || result.is_err()) {
        // It goes on running: connected again.
        restart_helper(store, c)?;
    }
    let stats = result.with_context(|| format!("checkpointing {}", c.name))?;
    if !o.pre_dump {
        let meta = Meta {
            stdio,
            mounts,
            checkpointed_at: crate::cli::format::now_unix(),
            tcp_established: o.tcp_established,
            scratch_cgroups,
        };
        std::fs::write(images.join(META), serde_json::to_vec_pretty(&meta)?)?;
    }
    Ok(stats)
}

/// Stop the container's network helper and wait until its tap device is gone.
fn stop_helper(c: &Container) -> anyhow::Result<()> {
    let helper = c.state.net_helper_pid;
    if helper > 0 && crate::state::record::process_start(helper).is_some() {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(helper),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let dev = format!("/proc/{}/net/dev", c.state.pid);
    for _ in 0..200 {
        let text = std::fs::read_to_string(&dev).with_context(|| format!("reading {dev}"))?;
        // Two header lines, then one line per interface.
        if text
            .lines()
            .skip(2)
            .all(|l| l.trim_start().starts_with("lo:"))
        {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    bail!(
        "the network helper of {} (pid {helper}) did not let its interface go",
        c.name
    )
}

/// A still running container's network helper, started again; the record gets its pid.
fn restart_helper(store: &ContainerStore, c: &Container) -> anyhow::Result<()> {
    let pid = crate::network::helper::start_detached(
        &c.spec.network,
        c.state.pid,
        &store.run_path(&c.id),
    )
    .with_context(|| format!("connecting {} to its network again", c.name))?;
    let _l = store.lock(&c.id, crate::storage::LockMode::Exclusive)?;
    let mut rec = store.load(&c.id)?;
    rec.state.net_helper_pid = pid;
    store.save(&rec)?;
    Ok(())
}

/// Run CRIU with `args` (its log `log` in `images`); its figures, or why it failed.
pub(crate) fn run(
    criu: &Path,
    args: &[OsString],
    images: &Path,
    log: &str,
    prepare: Option<Box<dyn FnMut() -> std::io::Result<()> + Send + Sync>>,
) -> anyhow::Result<Stats> {
    let mut cmd = std::process::Command::new(criu);
    cmd.args(args)
        .arg("--log-file")
        .arg(log)
        .arg("-v4")
        .current_dir("/")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    crate::sys::unblock_signals_on_exec(&mut cmd);
    if let Some(p) = prepare {
        crate::sys::before_exec_single_threaded(&mut cmd, p);
    }
    let out = cmd
        .output()
        .with_context(|| format!("running {}", criu.display()))?;
    if out.status.success() {
        return Ok(parse_stats(&String::from_utf8_lossy(&out.stdout)));
    }
    let logfile = images.join(log);
    let errors: Vec<String> = std::fs::read_to_string(&logfile)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("Error (") && !l.contains("RLIMIT_NOFILE"))
        .map(|l| l.trim().to_string())
        .collect();
    let mut msg = format!("{} {} failed", criu.display(), args[0].to_string_lossy());
    let shown = if errors.is_empty() {
        vec![String::from_utf8_lossy(&out.stderr).trim().to_string()]
    } else {
        errors[errors.len().saturating_sub(4)..].to_vec()
    };
    for e in shown.iter().filter(|e| !e.is_empty()) {
        msg.push_str("\n  ");
        msg.push_str(e);
    }
    msg.push_str(&format!("\n(CRIU's whole log: {})", logfile.display()));
    if errors
        .iter()
        .any(|e| e.contains("Tracking memory is not available"))
    {
        msg.push_str(
            "\nthis kernel has no soft-dirty page tracking (CONFIG_MEM_SOFT_DIRTY), which \
             --pre-checkpoint and --with-previous need: make a plain checkpoint instead",
        );
    }
    if let Some(why) = criu_check(criu) {
        msg.push_str(&format!(
            "\n`criu check` fails too ({why}): this CRIU does not support this kernel; install a \
             newer one (CRIU 4.2 or later for Linux 6.16 and newer)"
        ));
    }
    Err(anyhow!(msg))
}

/// `criu check`'s first error, when it finds one.
fn criu_check(criu: &Path) -> Option<String> {
    let out = std::process::Command::new(criu)
        .arg("check")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    if out.status.success() {
        return None;
    }
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    Some(
        text.lines()
            .find(|l| l.contains("Error"))
            .unwrap_or("it exits with an error")
            .trim()
            .to_string(),
    )
}

/// `Freezing time: 162 us` and the like, as podman names them (`freezing_time`).
pub fn parse_stats(text: &str) -> Stats {
    let names = [
        ("Freezing time", "freezing_time"),
        ("Frozen time", "frozen_time"),
        ("Memory dump time", "memdump_time"),
        ("Memory write time", "memwrite_time"),
        ("IRMAP resolve time", "irmap_resolve"),
        ("Memory pages scanned", "pages_scanned"),
        ("Memory pages skipped from parent", "pages_skipped_parent"),
        ("Memory pages written", "pages_written"),
        ("Lazy memory pages", "pages_lazy"),
        ("Pages compared", "pages_compared"),
        ("Pages skipped COW", "pages_skipped_cow"),
        ("Pages restored", "pages_restored"),
        ("Restore time", "restore_time"),
        ("Forking time", "forking_time"),
    ];
    let mut out = Stats::new();
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let Some((_, name)) = names.iter().find(|(n, _)| *n == k.trim()) else {
            continue;
        };
        if let Some(n) = v.split_whitespace().next().and_then(|n| n.parse().ok()) {
            out.insert(name.to_string(), n);
        }
    }
    out
}

/// The mounts of the container (`pid`) whose filesystem the host has mounted too: binds of host
/// files, devices and volumes. Everything else (its root, proc, sysfs, tmpfs, devpts, mqueue) is
/// the container's own, which CRIU dumps and mounts again itself.
fn externals(pid: i32) -> anyhow::Result<Vec<External>> {
    let read = |p: &str| std::fs::read_to_string(p).with_context(|| format!("reading {p}"));
    let inner = super::mountinfo::parse(&read(&format!("/proc/{pid}/mountinfo"))?);
    let host = super::mountinfo::parse(&read("/proc/self/mountinfo")?);
    external_mounts(&inner, &host)
}

pub fn external_mounts(
    inner: &[super::mountinfo::MountLine],
    host: &[super::mountinfo::MountLine],
) -> anyhow::Result<Vec<External>> {
    let mut out = Vec::new();
    for (i, m) in inner.iter().enumerate() {
        if m.target == "/" {
            continue;
        }
        let on_host: Vec<&super::mountinfo::MountLine> =
            host.iter().filter(|h| h.dev == m.dev).collect();
        if on_host.is_empty() {
            continue;
        }
        // Under the host mount whose root holds it (the deepest such root).
        let source = on_host
            .iter()
            .filter_map(|h| {
                let rel = Path::new(&m.root).strip_prefix(&h.root).ok()?;
                Some((h.root.len(), Path::new(&h.target).join(rel)))
            })
            .max_by_key(|(depth, _)| *depth)
            .map(|(_, p)| p)
            .ok_or_else(|| {
                anyhow!(
                    "the container's mount at {} ({} of device {}) is not visible from the host",
                    m.target,
                    m.root,
                    m.dev
                )
            })?;
        out.push(External {
            key: format!("skiff-m{i}"),
            target: m.target.clone(),
            source,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_binds_are_external_with_their_host_paths() {
        let host = crate::runtime::mountinfo::parse(
            "22 1 254:0 / / rw - ext4 /dev/vda rw\n\
             23 22 0:6 / /dev rw - devtmpfs udev rw\n\
             24 22 0:30 / /run rw - tmpfs tmpfs rw\n\
             25 22 254:0 /srv/data /mnt/my\\040data rw - ext4 /dev/vda rw\n",
        );
        let inner = crate::runtime::mountinfo::parse(
            "109 44 0:53 / / rw - overlay overlay rw,lowerdir=a/diff\n\
             110 109 0:55 / /proc rw - proc proc rw\n\
             111 109 0:56 / /dev rw - tmpfs tmpfs rw\n\
             112 111 0:6 /null /dev/null rw - devtmpfs devtmpfs rw\n\
             122 109 0:30 /skiff/c/etc/hosts /etc/hosts rw - tmpfs tmpfs rw\n\
             123 109 254:0 /srv/data/sub /data rw - ext4 /dev/vda rw\n\
             64 110 0:6 /null /proc/keys rw - devtmpfs devtmpfs rw\n",
        );
        let ext = external_mounts(&inner, &host).unwrap();
        let got: Vec<(&str, PathBuf)> = ext
            .iter()
            .map(|e| (e.target.as_str(), e.source.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/dev/null", PathBuf::from("/dev/null")),
                ("/etc/hosts", PathBuf::from("/run/skiff/c/etc/hosts")),
                // The deepest host mount holding it: /srv/data is mounted at "/mnt/my data".
                ("/data", PathBuf::from("/mnt/my data/sub")),
                ("/proc/keys", PathBuf::from("/dev/null")),
            ]
        );
        // Keys are unique.
        let mut keys: Vec<&str> = ext.iter().map(|e| e.key.as_str()).collect();
        keys.dedup();
        assert_eq!(keys.len(), 4);
    }

    #[test]
    fn stats_are_named_as_podman_names_them() {
        let s = parse_stats(
            "Displaying dump stats:\nFreezing time: 162 us\nFrozen time: 6370 us\n\
             Memory pages written: 31 (0x1f)\nSomething else: 3\n",
        );
        assert_eq!(s.get("freezing_time"), Some(&162));
        assert_eq!(s.get("frozen_time"), Some(&6370));
        assert_eq!(s.get("pages_written"), Some(&31));
        assert_eq!(s.len(), 3);
    }
}
