//! Restoring a checkpointed container (`skiff container restore`), in its supervisor: CRIU gets a
//! mount namespace of its own with the container's root mounted in it, rebuilds the process tree
//! with the supervisor's fresh pipes in place of the old ones (`--inherit-fd`), and exits; the
//! tree is then the supervisor's (a subreaper), which connects its network, publishes its ports
//! and relays its output as for a started container.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context};

use super::checkpoint::{criu, dir, read_meta, run, Stats, PRE_DIR};
use crate::state::{Container, ContainerStore};

#[derive(Debug, Clone, Default)]
pub struct RestoreOpts {
    pub tcp_established: bool,
    pub file_locks: bool,
    /// Keep the checkpoint once restored.
    pub keep: bool,
}

/// Where each bind mount of a container comes from, by container path (as its plan mounts
/// them): generated /etc files, devices, masks (/dev/null), volumes and user binds.
pub fn mount_sources(
    spec: &super::spec::Spec,
    dirs: &super::plan::Dirs,
) -> BTreeMap<String, PathBuf> {
    use super::plan::Op;
    let norm = |t: &str| format!("/{}", t.trim_matches('/'));
    let mut out = BTreeMap::new();
    for op in super::plan::plan(spec, dirs) {
        for (source, target) in op.binds() {
            out.insert(norm(&target), source);
        }
        if let Op::Paths { masked, .. } = op {
            for path in masked {
                out.insert(norm(&path), PathBuf::from("/dev/null"));
            }
        }
    }
    out
}

/// The container paths its plan mounts onto in its root filesystem (not inside /proc, /sys and
/// /dev, the container's own filesystems, which CRIU makes with their content).
fn mount_points(ops: &[super::plan::Op]) -> Vec<(String, super::rootfs::Kind)> {
    use super::plan::Op;
    use super::rootfs::Kind;
    ops.iter()
        .filter_map(|op| match op {
            Op::Mount { mount, .. } => {
                let file = super::plan::is_bind(mount)
                    && !mount.source().as_ref().is_some_and(|s| s.is_dir());
                Some((
                    mount.destination().to_string_lossy().into_owned(),
                    if file { Kind::File } else { Kind::Dir },
                ))
            }
            Op::User { mount, .. } => Some((
                mount.target.clone(),
                if mount.file { Kind::File } else { Kind::Dir },
            )),
            _ => None,
        })
        .filter(|(p, _)| {
            let p = format!("/{}", p.trim_start_matches('/'));
            !(p.starts_with("/proc/") || p.starts_with("/sys/") || p.starts_with("/dev/"))
        })
        .collect()
}

/// In the supervisor: restore the checkpointed container `c` as its own child. Its stdio pipes
/// are our fds 0 (when it had a stdin pipe), 1 and 2. Returns it running, as a start would.
pub fn restore(
    store: &ContainerStore,
    c: &Container,
    o: &RestoreOpts,
    bound: Vec<crate::network::forward::Bound>,
    cgroup: Option<&super::cgroups::Cgroup>,
) -> anyhow::Result<(super::spawn::Started, Stats)> {
    let criu = criu()?;
    let images = dir(store, &c.id);
    let meta = read_meta(&images)?;
    let (dirs, rootfs) = super::container::launch_dirs(store, c)?;
    let ops = super::plan::plan(&c.spec, &dirs);
    let pidfile = images.join("restored.pid");
    let _ = std::fs::remove_file(&pidfile);
    let mut args: Vec<OsString> = vec![
        "restore".into(),
        "--restore-detached".into(),
        "--images-dir".into(),
        images.clone().into(),
        "--root".into(),
        rootfs.clone().into(),
        "--pidfile".into(),
        pidfile.clone().into(),
        "--manage-cgroups=soft".into(),
        "--display-stats".into(),
    ];
    if o.tcp_established || meta.tcp_established {
        args.push("--tcp-established".into());
    }
    if o.file_locks {
        args.push("--file-locks".into());
    }
    for m in &meta.mounts {
        if !m.source.exists() {
            bail!(
                "restoring {}: {} (mounted at {}) is gone",
                c.name,
                m.source.display(),
                m.target
            );
        }
        args.push("--external".into());
        args.push(format!("mnt[{}]:{}", m.key, m.source.display()).into());
    }
    // The old pipes to the supervisor: ours now, inherited by CRIU as plain fds.
    let mut keep: Vec<OwnedFd> = Vec::new();
    for (fd, name) in meta.stdio.iter().enumerate() {
        if !name.starts_with("pipe:") || meta.stdio[..fd].contains(name) {
            continue;
        }
        let copy = nix::unistd::dup(crate::sys::borrow_raw(fd as i32))
            .context("duplicating the container's stdio")?;
        args.push("--inherit-fd".into());
        args.push(format!("fd[{}]:{name}", copy.as_raw_fd()).into());
        keep.push(copy);
    }
    // The root, mounted where CRIU is told to find it, in a mount namespace of CRIU's own.
    let root = ops.iter().find_map(|op| match op {
        super::plan::Op::Overlay {
            lower,
            upper,
            work,
            volatile,
        } => Some((
            lower.clone(),
            upper.clone(),
            Some((work.clone(), *volatile)),
        )),
        super::plan::Op::RootBind { source } => Some((Vec::new(), source.clone(), None)),
        _ => None,
    });
    let (lower, upper, work) = root.ok_or_else(|| anyhow!("{} has no root filesystem", c.name))?;
    let cg_procs: Vec<PathBuf> = cgroup
        .map(|cg| cg.dirs.iter().map(|d| d.join("cgroup.procs")).collect())
        .unwrap_or_default();
    let target = rootfs.clone();
    let points = mount_points(&ops);
    let prepare = move || -> std::io::Result<()> {
        use nix::mount::{mount, MsFlags};
        for fd in &keep {
            // Inherited across exec.
            nix::fcntl::fcntl(
                fd,
                nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
            )?;
        }
        for p in &cg_procs {
            std::fs::write(p, std::process::id().to_string())?;
        }
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)?;
        super::rootfs::make_private()?;
        match &work {
            Some((w, volatile)) => {
                super::rootfs::mount_overlay(&lower, &upper, w, *volatile, &target)
                    .map_err(std::io::Error::other)?
            }
            None => mount(
                Some(&upper),
                &target,
                None::<&str>,
                MsFlags::MS_BIND | MsFlags::MS_REC,
                None::<&str>,
            )?,
        }
        // CRIU mounts onto these: they exist in the root (created inside it, as a start does;
        // an imported root has no stubs of them).
        let root = rustix::fs::open(
            &target,
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )?;
        for (path, kind) in &points {
            super::rootfs::open_in_root(&root, path, *kind).map_err(std::io::Error::other)?;
        }
        Ok(())
    };
    // The restored tree is CRIU's child until CRIU exits: then ours.
    rustix::process::set_child_subreaper(Some(rustix::process::getpid()))
        .context("becoming a subreaper")?;
    let stats = run(
        &criu,
        &args,
        &images,
        "restore.log",
        Some(Box::new(prepare)),
    )
    .with_context(|| format!("restoring {}", c.name))?;
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| anyhow!("CRIU restored {} but wrote no pid", c.name))?;
    let pid = nix::unistd::Pid::from_raw(pid);
    let kill = |e: anyhow::Error| {
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(pid, None);
        e
    };
    let mut net = super::spawn::NetRuntime::default();
    net.helper =
        crate::network::helper::start(&c.spec.network, pid.as_raw(), &store.run_path(&c.id))
            .map_err(kill)?;
    net.bound = bound;
    if !net.bound.is_empty() {
        net.forwarder =
            Some(crate::network::forward::spawn(&net.bound, pid.as_raw()).map_err(kill)?);
    }
    for d in &meta.scratch_cgroups {
        if d.starts_with("/sys/fs/cgroup") {
            let _ = std::fs::remove_dir(d);
        }
    }
    if !o.keep {
        let _ = std::fs::remove_dir_all(&images);
        let _ = std::fs::remove_dir_all(store.path(&c.id).join(PRE_DIR));
    }
    Ok((
        super::spawn::Started {
            pid,
            master: None,
            fuse: None,
            net,
            mounts: None,
        },
        stats,
    ))
}

/// In the supervisor: restore `c` and record it running (its limits' cgroup, its ports bound
/// again); on failure the record keeps the checkpoint and says why.
pub fn restore_recorded(
    store: &ContainerStore,
    c: &mut Container,
    supervisor_pid: i32,
    o: &RestoreOpts,
) -> anyhow::Result<super::spawn::Started> {
    use crate::state::record::State;
    use crate::state::Status;
    let _starting = super::container::start_guard(store, c)?;
    let attempt = (|| {
        let cgroup = super::cgroups::Cgroup::create(&c.id, &c.spec.resources)?;
        let bound = crate::network::forward::bind(&c.spec.net.ports)?;
        match restore(store, c, o, bound, cgroup.as_ref()) {
            Ok((started, stats)) => Ok((started, stats, cgroup)),
            Err(e) => {
                if let Some(cg) = &cgroup {
                    cg.remove();
                }
                Err(e)
            }
        }
    })();
    let (started, stats, cgroup) = match attempt {
        Ok(s) => s,
        Err(e) => {
            if let Ok(mut latest) = store.load(&c.id) {
                latest.state.error = Some(format!("{e:#}"));
                store.save(&latest)?;
            }
            return Err(e);
        }
    };
    let now = crate::cli::format::now_unix();
    c.state = State {
        cgroup,
        status: Status::Running,
        pid: started.pid.as_raw(),
        started_at: Some(now),
        pid_start: crate::state::record::process_start(started.pid.as_raw()).unwrap_or(0),
        supervisor_pid,
        restart_count: c.state.restart_count,
        ports: started.net.ports(),
        net_helper_pid: started.net.helper.as_ref().map_or(0, |h| h.pid()),
        checkpointed_at: c.state.checkpointed_at,
        restored_at: Some(now),
        ..State::new()
    };
    store.save(c)?;
    let _ = std::fs::write(
        store.run_path(&c.id).join(STATS),
        serde_json::to_vec(&stats).unwrap_or_default(),
    );
    crate::state::events::container(store.runroot(), c, "restore", None);
    Ok(started)
}

/// The last restore's figures, in the container's run dir (for `restore --print-stats`).
pub const STATS: &str = "restore-stats.json";
