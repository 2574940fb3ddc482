//! fuse-overlayfs, where the kernel refuses a native overlay mount in a user namespace (kernels
//! before 5.11, or filesystems overlay cannot sit on). The choice is probed once per runroot and
//! cached; `SKIFF_OVERLAY=native|fuse-overlayfs` overrides it.
//!
//! The daemon must not live in the container's mount namespace: pivot_root there detaches the
//! old root, and with it the paths the daemon works through. So a helper joins the container's
//! user namespace, makes a private mount namespace, runs fuse-overlayfs in the foreground there,
//! clones the finished mount (open_tree) and moves the clone onto the container's root mountpoint
//! inside the container's mount namespace (move_mount). The daemon is stopped when the container
//! has exited (the `Fuse` guard), or by `rm -f` from its recorded pid.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;

use crate::userns::enter::Report;
use crate::userns::helpers::find_program;

const CACHE: &str = "overlay-driver";

/// True when containers under `runroot` must use fuse-overlayfs.
pub fn wanted(runroot: &Path) -> bool {
    match std::env::var("SKIFF_OVERLAY").as_deref() {
        Ok("fuse-overlayfs") => return true,
        Ok("native") => return false,
        _ => {}
    }
    let cache = runroot.join(CACHE);
    if let Ok(s) = std::fs::read_to_string(&cache) {
        return s.trim() == "fuse-overlayfs";
    }
    // The probe forks; a threaded process cannot: assume native and decide another time.
    if crate::sys::thread_count() > 1 {
        return false;
    }
    let scratch = runroot.join(format!("overlay-probe-{}", std::process::id()));
    let probe = crate::system::probe::probe_overlay(&scratch);
    if !probe.native_overlay {
        tracing::debug!(error = ?probe.error, "native overlay refused");
    }
    let fuse = !probe.native_overlay && find_program("fuse-overlayfs").is_some();
    let _ = crate::storage::atomic::write_atomic_nosync(
        &cache,
        if fuse {
            b"fuse-overlayfs\n"
        } else {
            b"native\n"
        },
    );
    fuse
}

/// What `wanted` decided for `runroot`, without probing (None: not decided yet).
pub fn decided(runroot: &Path) -> Option<bool> {
    match std::env::var("SKIFF_OVERLAY").as_deref() {
        Ok("fuse-overlayfs") => return Some(true),
        Ok("native") => return Some(false),
        _ => {}
    }
    let s = std::fs::read_to_string(runroot.join(CACHE)).ok()?;
    Some(s.trim() == "fuse-overlayfs")
}

/// The running fuse-overlayfs daemon of one container; stopped on drop.
pub struct Fuse {
    pub pid: i32,
}

impl Drop for Fuse {
    fn drop(&mut self) {
        kill_recorded(self.pid);
        // Our child (see `helper`): reap it.
        let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(self.pid), None);
    }
}

/// Stop a recorded daemon if that pid still is fuse-overlayfs.
pub fn kill_recorded(pid: i32) {
    super::procs::kill_if_named(pid, &["fuse-overlayfs"]);
}

/// Mount the root of the container `pid` (cloned, waiting for us) at `rootfs`.
pub fn mount(
    pid: i32,
    lower: &[PathBuf],
    upper: &Path,
    work: &Path,
    rootfs: &Path,
) -> anyhow::Result<Fuse> {
    let program = find_program("fuse-overlayfs").ok_or_else(|| {
        anyhow!(
            "the kernel refuses overlay mounts in a user namespace here and fuse-overlayfs is not \
             installed: install it (`sudo apt install fuse-overlayfs`)"
        )
    })?;
    let mut ns = super::procs::namespaces(
        pid,
        &[
            ("user", CloneFlags::CLONE_NEWUSER),
            ("mnt", CloneFlags::CLONE_NEWNS),
        ],
    )?;
    let (mntns, _) = ns.pop().expect("two namespaces");
    let (userns, _) = ns.pop().expect("two namespaces");
    let lowers: Vec<String> = lower.iter().map(|l| l.display().to_string()).collect();
    // allow_other: the container's processes run as other ids than the mounter.
    let opts = format!(
        "allow_other,lowerdir={},upperdir={},workdir={}",
        lowers.join(":"),
        upper.display(),
        work.display()
    );
    let report = Report::new()?;
    let w = report.writer();
    let helper = crate::sys::fork_child(|| {
        let r = helper(&userns, &mntns, &program, &opts, upper, rootfs);
        Report::send(w, r.map(|daemon| daemon.to_string()))
    })?;
    let outcome = report.receive();
    let _ = crate::userns::enter::wait_code(helper);
    let pid = outcome
        .context("mounting the container's root with fuse-overlayfs")?
        .parse()
        .map_err(|_| anyhow!("fuse-overlayfs: the helper reported no pid"))?;
    Ok(Fuse { pid })
}

/// In the forked helper: returns the daemon's pid once its mount sits on the container's root.
fn helper(
    userns: &OwnedFd,
    mntns: &OwnedFd,
    program: &Path,
    opts: &str,
    upper: &Path,
    rootfs: &Path,
) -> anyhow::Result<u32> {
    nix::sched::setns(userns, CloneFlags::CLONE_NEWUSER)
        .context("joining the container's user namespace")?;
    let root = nix::unistd::Uid::from_raw(0);
    let rootg = nix::unistd::Gid::from_raw(0);
    nix::unistd::setresgid(rootg, rootg, rootg)?;
    nix::unistd::setresuid(root, root, root)?;
    nix::sched::unshare(CloneFlags::CLONE_NEWNS).context("creating a mount namespace")?;
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
        None::<&str>,
    )?;
    // The container's `/` belongs to its root.
    let _ = std::os::unix::fs::chown(upper, Some(0), Some(0));
    // Its messages go to a file next to the mountpoint: a pipe would outlive this helper.
    let log_path = rootfs.with_file_name("fuse-overlayfs.log");
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("creating {}", log_path.display()))?;
    // The daemon is cloned as a sibling of this helper (CLONE_PARENT): a child of whoever starts
    // the container, which stops and reaps it when the container has exited.
    let daemon = crate::sys::clone_child(CloneFlags::CLONE_PARENT, || {
        use std::os::unix::process::CommandExt;
        let mut cmd = Command::new(program);
        crate::sys::unblock_signals_on_exec(&mut cmd);
        let err = cmd
            .arg("-f")
            .arg("-o")
            .arg(opts)
            .arg(rootfs)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .exec();
        let _ = std::fs::write(&log_path, format!("running fuse-overlayfs: {err}\n"));
        127
    })
    .context("starting fuse-overlayfs")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let want = rootfs.display().to_string();
    loop {
        let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        if info.lines().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.get(4) == Some(&want.as_str()) && l.contains(" - fuse")
        }) {
            break;
        }
        // Not our child: a zombie or a missing /proc entry means it ended.
        let stat = std::fs::read_to_string(format!("/proc/{daemon}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().next());
        if matches!(state, None | Some("Z") | Some("X")) {
            let err = std::fs::read_to_string(&log_path).unwrap_or_default();
            anyhow::bail!("fuse-overlayfs exited: {}", err.trim());
        }
        if Instant::now() > deadline {
            let _ = nix::sys::signal::kill(daemon, nix::sys::signal::Signal::SIGKILL);
            anyhow::bail!("fuse-overlayfs did not mount within 10 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let tree = rustix::mount::open_tree(
        rustix::fs::CWD,
        rootfs,
        rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
            | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC,
    )
    .map_err(|e| anyhow!("cloning the fuse-overlayfs mount: {e}"))?;
    nix::sched::setns(mntns, CloneFlags::CLONE_NEWNS)
        .context("joining the container's mount namespace")?;
    rustix::mount::move_mount(
        &tree,
        "",
        rustix::fs::CWD,
        rootfs,
        rustix::mount::MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(|e| anyhow!("moving the mount onto {}: {e}", rootfs.display()))?;
    Ok(daemon.as_raw() as u32)
}
