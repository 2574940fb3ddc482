//! One container's life in the foreground: create its record and dirs, start it, relay until it
//! exits, record the exit, and remove it when asked (`--rm`).

use std::path::Path;

use anyhow::Context;

use super::plan::Dirs;
use super::spawn;
use crate::cli::format::now_unix;
use crate::network::Network;
use crate::state::events;
use crate::state::record::State;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::LockMode;

/// Register a new container (status created) with a unique name.
pub fn create(store: &ContainerStore, c: &mut Container, replace: bool) -> anyhow::Result<()> {
    let _g = store.lock_all(LockMode::Exclusive)?;
    if replace && !c.name.is_empty() {
        if let Ok(old) = store.find(&c.name) {
            if old.name == c.name {
                remove(store, &old)?;
            }
        }
    }
    store.create(c)?;
    events::container(store.runroot(), c, "create", None);
    Ok(())
}

/// The dirs a container's start needs: overlay upper/work, generated /etc files, rootfs mountpoint.
pub fn launch_dirs(
    store: &ContainerStore,
    c: &Container,
) -> anyhow::Result<(Dirs, std::path::PathBuf)> {
    let etc = super::etcfiles::write_etc(store, c)?;
    let dirs = Dirs {
        upper: store.path(&c.id).join("upper"),
        work: store.path(&c.id).join("work"),
        etc,
        stubs: store
            .dir
            .parent()
            .and_then(|r| super::plan::mountpoint_layer(r, !c.spec.no_hosts)),
    };
    let rootfs = store.run_path(&c.id).join("rootfs");
    std::fs::create_dir_all(&rootfs)?;
    super::etcfiles::write_secrets(store, c, &super::plan::secrets_dir(&dirs))?;
    Ok((dirs, rootfs))
}

/// Start the container, recording it as running (or as failed to start).
pub fn start_recorded(
    store: &ContainerStore,
    c: &mut Container,
    supervisor_pid: i32,
    hold: Option<spawn::Hold<'_>>,
) -> anyhow::Result<spawn::Started> {
    // Held until the record says how the start went (see `ContainerStore::start_lock`); let go
    // while a held container waits for `skiff start`, as `rm` may then stop it.
    let mut starting = Some(start_guard(store, c)?);
    // A fresh start supersedes a checkpoint (`container restore` no longer applies).
    if c.state.checkpointed {
        let _ = std::fs::remove_dir_all(super::checkpoint::dir(store, &c.id));
    }
    // A volatile root overlay (`--rm`) leaves a marker in its work dir that makes the kernel
    // refuse the next mount (it cannot vouch for an upper dir never synced); restarted in the
    // same boot, the upper dir is whole: the kernel's work dir goes, the kernel makes it anew.
    if c.spec.volatile_root && c.state.started_at.is_some() {
        let work = store.path(&c.id).join("work").join("work");
        crate::storage::remove::remove_tree(&work).with_context(|| {
            format!(
                "removing the last run's overlay work dir {}",
                work.display()
            )
        })?;
    }
    // On bridge networks: the user's network namespace and the addresses, before the /etc files
    // that name them.
    let bridge = match prepare_bridge(store, c) {
        Ok(b) => b,
        Err(e) => {
            finish(store, c, crate::error::EXIT_SKIFF, Some(format!("{e:#}")))?;
            return Err(e);
        }
    };
    let release = |b: &Option<spawn::BridgeLaunch>| {
        if let Some(b) = b {
            crate::network::attach::release(&b.runroot, &b.id);
        }
    };
    let (dirs, rootfs) = launch_dirs(store, c).inspect_err(|_| release(&bridge))?;
    let rundir = store.run_path(&c.id);
    let cgroup = match super::cgroups::Cgroup::create(&c.id, &c.spec.resources) {
        Ok(cg) => cg,
        Err(e) => {
            release(&bridge);
            let e = anyhow::Error::from(e);
            finish(store, c, crate::error::EXIT_SKIFF, Some(format!("{e:#}")))?;
            return Err(e);
        }
    };
    let launch = (|| -> anyhow::Result<spawn::Launch<'_>> {
        let join = match &c.spec.network {
            Network::Container(target) => Some(running_pid(store, target)?),
            _ => None,
        };
        Ok(spawn::Launch {
            rootfs,
            rundir: &rundir,
            bound: crate::network::forward::bind(&c.spec.net.ports)?,
            join,
            fuse: rundir
                .parent()
                .and_then(Path::parent)
                .is_some_and(super::fuse::wanted),
            cgroup: cgroup.as_ref(),
            // The store's mapping: the user namespace shared by its containers (userns::pause).
            shared_userns: (join.is_none() && bridge.is_none())
                .then(|| crate::userns::pause::shared(store.runroot(), &c.spec.mapping))
                .flatten(),
            bridge,
            // `run --rm`: the remover of its files takes the mounts down (see `finish_with`).
            hold_mounts: c.auto_remove
                && EXITS_AFTER_RUN.load(std::sync::atomic::Ordering::Relaxed),
        })
    })();
    // OCI hooks (--hooks-dir): prestart and createRuntime once the namespaces exist, before the
    // command runs (the container holds for them, as for `skiff init`).
    let hooks = super::hooksdir::of(c);
    let before = hooks
        .as_ref()
        .is_ok_and(|h| !h.stage("prestart").is_empty() || !h.stage("createRuntime").is_empty());
    let has_outer = hold.is_some();
    let mut outer = hold;
    let (id, bundle) = (c.id.clone(), store.path(&c.id));
    let mut with_hooks = |pid: nix::unistd::Pid| -> anyhow::Result<()> {
        if let Ok(h) = &hooks {
            let st = super::hooksdir::state(&id, "created", pid.as_raw(), &bundle);
            h.run("prestart", &st)?;
            h.run("createRuntime", &st)?;
        }
        if let Some(o) = outer.as_mut() {
            starting.take();
            o(pid)?;
        }
        Ok(())
    };
    let held: Option<spawn::Hold<'_>> = (before || has_outer).then_some(&mut with_hooks);
    let run_spec = super::etcfiles::with_secret_env(store, &c.spec);
    let started = match hooks
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .and(run_spec)
        .and_then(|run| {
            launch.and_then(|l| spawn::start(run.as_ref().unwrap_or(&c.spec), &dirs, l, held))
        }) {
        Ok(s) => s,
        Err(e) => {
            if let Some(cg) = &cgroup {
                cg.remove();
            }
            if !c.spec.network.attachments().is_empty() {
                crate::network::attach::release(store.runroot(), &c.id);
            }
            let code = crate::error::exit_code_of(&e);
            finish(store, c, code, Some(format!("{e:#}")))?;
            return Err(e);
        }
    };
    c.state = State {
        cgroup,
        status: Status::Running,
        pid: started.pid.as_raw(),
        started_at: Some(now_unix()),
        pid_start: crate::state::record::process_start(started.pid.as_raw()).unwrap_or(0),
        supervisor_pid,
        restart_count: c.state.restart_count,
        ports: started.net.ports(),
        networks: crate::network::attach::load(store.runroot(), &c.id)
            .map(|a| a.links)
            .unwrap_or_default(),
        net_helper_pid: started.net.helper.as_ref().map_or(0, |h| h.pid()),
        fuse_pid: started.fuse.as_ref().map_or(0, |f| f.pid),
        ..State::new()
    };
    store.save(c)?;
    events::container(store.runroot(), c, "start", None);
    if let Ok(h) = &hooks {
        super::hooksdir::run_reported(h, store, c, "poststart", "running", c.state.pid);
    }
    let watcher = if supervisor_pid > 0 {
        supervisor_pid as u32
    } else {
        std::process::id()
    };
    for (file, pid) in [
        (&c.pidfile, c.state.pid as u32),
        (&c.conmon_pidfile, watcher),
    ] {
        if let Some(f) = file {
            std::fs::write(f, pid.to_string())
                .with_context(|| format!("writing the pid file {}", f.display()))?;
        }
    }
    Ok(started)
}

/// The start lock of `c`, for its starter: an error when `c` was removed meanwhile.
pub(crate) fn start_guard(
    store: &ContainerStore,
    c: &Container,
) -> anyhow::Result<crate::storage::LockGuard> {
    store
        .start_lock(&c.id, LockMode::Exclusive)?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "container {} was removed before it could start: create it again",
                c.name
            )
        })
}

/// A container on bridge networks: the holder of the user's network namespace, its addresses and
/// the netlink work to connect it.
fn prepare_bridge(
    store: &ContainerStore,
    c: &Container,
) -> anyhow::Result<Option<spawn::BridgeLaunch>> {
    let Network::Bridge(wanted) = &c.spec.network else {
        return Ok(None);
    };
    let root = store
        .dir
        .parent()
        .ok_or_else(|| anyhow::anyhow!("the store has no root"))?;
    let default = crate::userns::idmap::IdMapping::for_current_user()?;
    if c.spec.mapping != default {
        anyhow::bail!(
            "--userns/--uidmap/--gidmap cannot be combined with a bridge network yet: containers \
             on bridge networks share the user namespace of the user's network namespace; use \
             --network pasta (the default) with a custom mapping"
        );
    }
    // A pod's infra answers to the pod's name too.
    let pod = c
        .pod
        .as_ref()
        .and_then(|p| crate::state::pod::PodStore::open(root).ok()?.find(p).ok())
        .map(|p| p.name);
    let (holder, attached) = crate::network::attach::prepare(
        root,
        store.runroot(),
        &c.id,
        &c.name,
        pod.as_deref(),
        wanted,
    )?;
    let links = match crate::network::attach::plans(root, &attached.links, false) {
        Ok(l) => l,
        Err(e) => {
            crate::network::attach::release(store.runroot(), &c.id);
            return Err(e);
        }
    };
    Ok(Some(spawn::BridgeLaunch {
        holder_pid: holder.pid,
        links,
        runroot: store.runroot().to_path_buf(),
        id: c.id.clone(),
    }))
}

/// The pid of the running container `target` (for `--network container:NAME`).
fn running_pid(store: &ContainerStore, target: &str) -> anyhow::Result<i32> {
    let t = store.find(target).map_err(|_| {
        anyhow::anyhow!("--network container:{target}: no such container (it was removed?)")
    })?;
    if !t.process_alive() {
        anyhow::bail!(
            "--network container:{target}: that container is not running; start it first \
             (`skiff start {}`)",
            t.name
        );
    }
    Ok(t.state.pid)
}

/// Start `id` and stay in the foreground until it exits; returns its exit code.
/// `mute`: streams not shown (`run --attach` without them), only logged.
pub fn run_foreground(
    store: &ContainerStore,
    id: &str,
    sig_proxy: bool,
    mute: [bool; 2],
) -> anyhow::Result<i32> {
    use std::os::fd::AsFd;
    let mut c = store.load(id)?;
    let path = super::logfile::log_path(store, id, &c.spec.log);
    let log = super::logfile::LogWriter::open_with(&path, &c.spec.log, &c.id, &c.name)
        .with_context(|| format!("opening the container log {}", path.display()))?;
    let mut output = spawn::Output {
        pipes: [None, None],
        log: Some(log),
        mute,
    };
    let started = if c.spec.tty || c.spec.log.driver == "passthrough" {
        start_recorded(store, &mut c, 0, None)?
    } else {
        // Without a terminal, stdout and stderr go through pipes that we copy to ours and to the
        // log: the container inherits the write ends as its fds 1 and 2 for the clone.
        let (out_r, out_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let saved_out = std::io::stdout().as_fd().try_clone_to_owned()?;
        let saved_err = std::io::stderr().as_fd().try_clone_to_owned()?;
        nix::unistd::dup2_stdout(&out_w)?;
        nix::unistd::dup2_stderr(&err_w)?;
        let started = start_recorded(store, &mut c, 0, None);
        nix::unistd::dup2_stdout(&saved_out)?;
        nix::unistd::dup2_stderr(&saved_err)?;
        output.pipes = [Some(out_r), Some(err_r)];
        started?
    };
    if super::notify::on_start(&c.spec.sdnotify) {
        super::notify::ready(std::process::id());
    }
    let timeout = c.spec.timeout;
    let mut started = started;
    let mounts = started.mounts.take();
    let code = spawn::wait_foreground(started, sig_proxy, output, timeout)?;
    if c.auto_remove {
        // A restart may have stopped it (the record says so): then it stays for the start.
        c.state.restarting = store.load(&c.id).is_ok_and(|l| l.state.restarting);
    }
    finish_with(store, &mut c, code, None, mounts)?;
    Ok(code)
}

/// Tell the supervisor that this exit is wanted (`stop`, `rm -f`, `--health-on-failure=stop`): no
/// restart policy applies.
pub fn request_stop(store: &ContainerStore, id: &str) -> anyhow::Result<()> {
    request_stop_for(store, id, false)
}

/// `request_stop`; with `restarting`, for a restart: the container is kept even with `--rm`.
pub fn request_stop_for(store: &ContainerStore, id: &str, restarting: bool) -> anyhow::Result<()> {
    let _l = store.lock(id, LockMode::Exclusive)?;
    let mut rec = store.load(id)?;
    rec.state.stop_requested = true;
    rec.state.restarting = restarting;
    store.save(&rec)?;
    Ok(())
}

/// Record the exit; with --rm, remove the container.
pub fn finish(
    store: &ContainerStore,
    c: &mut Container,
    code: i32,
    error: Option<String>,
) -> anyhow::Result<()> {
    finish_with(store, c, code, error, None)
}

/// `finish`, given the hold on the exited container's mount namespace (`Launch::hold_mounts`):
/// passed on to the remover of its files, which lets go of it first (its mounts then go in the
/// background); released here where the files are removed in place.
fn finish_with(
    store: &ContainerStore,
    c: &mut Container,
    code: i32,
    error: Option<String>,
    mounts: Option<std::os::fd::OwnedFd>,
) -> anyhow::Result<()> {
    events::container(store.runroot(), c, "died", Some(code));
    if c.state.started_at.is_some() {
        match super::hooksdir::of(c) {
            Ok(h) => {
                super::hooksdir::run_reported(&h, store, c, "poststop", "stopped", c.state.pid)
            }
            Err(e) => tracing::warn!(container = %c.name, "poststop hooks: {e:#}"),
        }
    }
    // Its cgroup: whether the OOM killer struck, then gone.
    let mut oom_killed = false;
    let cgroup = if c.spec.resources.is_empty() {
        None
    } else {
        store
            .load(&c.id)
            .ok()
            .and_then(|l| l.state.cgroup)
            .or(c.state.cgroup.take())
    };
    if let Some(cg) = cgroup {
        oom_killed = cg.oom_killed();
        cg.remove();
    }
    if c.auto_remove && !c.state.restarting {
        // In the background only where it can empty the trash: files of other ids need the
        // shared user namespace that maps them.
        let exits = EXITS_AFTER_RUN.load(std::sync::atomic::Ordering::Relaxed);
        let join = exits
            .then(|| crate::userns::pause::existing(store.runroot(), &c.spec.mapping))
            .flatten();
        let defer =
            exits && (join.is_some() || !crate::userns::helper::needs_userns(&c.spec.mapping));
        // Its root overlay must be unmounted before its dirs are removed here.
        let mounts = if defer {
            mounts
        } else {
            drop(mounts);
            None
        };
        let deferred = {
            let _g = store.lock_all(LockMode::Exclusive)?;
            let deferred = remove_with(store, c, defer)?;
            // docker: --rm takes the container's anonymous volumes with it.
            remove_anonymous_volumes(store, c)?;
            deferred
        };
        if deferred {
            if let Err(e) = crate::storage::trash::empty_in_background(&store.dir, join, mounts) {
                tracing::warn!(
                    "{e:#}: the files of {} stay in the trash until the next run --rm",
                    c.name
                );
            }
        }
        if c.remove_image {
            remove_image(store, c);
        }
        return Ok(());
    }
    // Re-read: `stop` or `rm` may have changed the record meanwhile.
    if let Ok(latest) = store.load(&c.id) {
        c.state = latest.state;
    }
    c.state.status = Status::Exited;
    c.state.pid = 0;
    c.state.supervisor_pid = 0;
    c.state.ports.clear();
    c.state.networks.clear();
    c.state.net_helper_pid = 0;
    c.state.fuse_pid = 0;
    c.state.exit_code = Some(code);
    c.state.cgroup = None;
    c.state.oom_killed = oom_killed;
    c.state.finished_at = Some(now_unix());
    c.state.error = error;
    store.save(c)?;
    Ok(())
}

/// `run --rmi`: the image goes once its container has, unless another container uses it.
fn remove_image(store: &ContainerStore, c: &Container) {
    let Some(root) = store.dir.parent() else {
        return;
    };
    if store
        .list()
        .is_ok_and(|all| all.iter().any(|o| o.image_id == c.image_id))
    {
        return;
    }
    let removed = crate::storage::Paths::resolve(Some(root), Some(store.runroot()))
        .map_err(anyhow::Error::from)
        .and_then(|p| crate::image::manage::remove(&p, std::slice::from_ref(&c.image_id), true));
    if let Err(e) = removed {
        tracing::warn!("--rmi: the image of {} stays: {e:#}", c.name);
    }
}

/// Remove the anonymous volumes (image VOLUMEs, `-v /path`) of a removed container that no other
/// container uses. Call with the store lock held.
pub fn remove_anonymous_volumes(store: &ContainerStore, c: &Container) -> anyhow::Result<()> {
    let Some(root) = store.dir.parent() else {
        return Ok(());
    };
    if c.spec.mounts.iter().all(|m| m.volume.is_none()) {
        // No volume: no need to read every other container's record.
        return Ok(());
    }
    let vstore = crate::state::volume::VolumeStore::open(root)?;
    let others = store.list()?;
    for name in c.spec.mounts.iter().filter_map(|m| m.volume.as_deref()) {
        let anonymous = vstore.get(name).map(|v| v.anonymous).unwrap_or(false);
        if anonymous && crate::state::volume::VolumeStore::users(&others, name).is_empty() {
            vstore.remove_dir(name)?;
        }
    }
    Ok(())
}

/// Remove a container's dirs. Files its processes created may belong to subordinate ids: try as
/// ourselves first (the common, fast case), then inside the user namespace.
pub fn remove(store: &ContainerStore, c: &Container) -> anyhow::Result<()> {
    remove_with(store, c, false).map(|_| ())
}

/// Remove here what removed containers left in the trash (`storage::trash`): the files of a
/// `run --rm` whose background remover was killed. Files of the user's subordinate ids are
/// removed in a user namespace that maps them.
pub fn empty_trash(store: &ContainerStore) -> anyhow::Result<()> {
    let trash = store.dir.join(crate::storage::trash::TRASH);
    let left = crate::storage::trash::remove_what_is_ours(&trash)?;
    if !left.is_empty() {
        let mapping = crate::userns::IdMapping::for_current_user()?;
        crate::userns::helper::remove_paths(&mapping, &left)
            .with_context(|| format!("emptying {}", trash.display()))?;
    }
    Ok(())
}

/// This process exits once its foreground container is gone (`skiff run`): a `--rm`
/// container's files are then removed in the background (`storage::trash`).
static EXITS_AFTER_RUN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Say that this process exits after its foreground container (see `EXITS_AFTER_RUN`).
pub fn exits_after_run() {
    EXITS_AFTER_RUN.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// `remove`; with `defer`, the store directory goes to the trash instead of being removed here
/// (where its files' ids allow emptying it later): true when it did.
fn remove_with(store: &ContainerStore, c: &Container, defer: bool) -> anyhow::Result<bool> {
    let run = store.run_path(&c.id);
    let dir = store.path(&c.id);
    // A supervisor killed with -9 leaves its network helper behind, and its addresses taken.
    crate::network::helper::kill_recorded(c.state.net_helper_pid);
    // A starter killed before it recorded its helper leaves pasta running (perhaps still
    // forking its daemon): every process that names this container's pasta pid file goes. (Where
    // the exit was recorded, its recorder stopped the helper.)
    if matches!(c.spec.network, Network::Pasta)
        && c.state.net_helper_pid == 0
        && c.state.status != Status::Exited
    {
        crate::network::helper::kill_all_naming(&run.join("pasta.pid"));
    }
    if !c.spec.network.attachments().is_empty() {
        crate::network::attach::release(store.runroot(), &c.id);
    }
    super::fuse::kill_recorded(c.state.fuse_pid);
    let _ = crate::storage::remove_tree(&run);
    // Into the trash, record and all, in one rename: the container is no longer listed (the
    // record's own unlink is left to the remover).
    if defer && crate::storage::trash::move_in(&store.dir, &dir).is_ok() {
        events::container(store.runroot(), c, "remove", None);
        return Ok(true);
    }
    // The record goes first: a half-removed container must not be listed.
    let _ = std::fs::remove_file(dir.join("container.json"));
    // overlay leaves work/work without permissions: opened first, one walk removes it all.
    let _ = crate::storage::open_dir(&dir.join("work/work"));
    if crate::storage::remove_tree(&dir).is_err() {
        crate::userns::helper::remove_paths(&c.spec.mapping, &[dir.clone(), run])?;
    }
    if Path::new(&dir).exists() {
        anyhow::bail!("could not remove {}", dir.display());
    }
    events::container(store.runroot(), c, "remove", None);
    Ok(false)
}
