//! `skiff container checkpoint` and `skiff container restore` (CRIU, as root), with podman's flags.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::json;

use super::GlobalOpts;
use crate::error::Coded;
use crate::runtime::checkpoint::{self as ck, CheckpointOpts};
use crate::runtime::restore::RestoreOpts;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct CheckpointArgs {
    /// Checkpoint every running container.
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    /// Leave the container running after writing the checkpoint.
    #[arg(short = 'R', long)]
    pub leave_running: bool,
    /// Keep CRIU's work files and logs (in the container's checkpoint dir; kept anyway until
    /// the restore).
    #[arg(short, long)]
    pub keep: bool,
    /// Checkpoint established TCP connections too.
    #[arg(long)]
    pub tcp_established: bool,
    /// Checkpoint file locks too.
    #[arg(long)]
    pub file_locks: bool,
    /// Export the checkpoint to FILE (a tar archive; `container restore --import FILE` restores
    /// it, here or on another machine with the same image).
    #[arg(short, long, value_name = "FILE")]
    pub export: Option<PathBuf>,
    /// Compression of the --export archive: zstd, gzip or none.
    #[arg(short, long, value_name = "ALGORITHM", default_value = "zstd")]
    pub compress: String,
    /// With --export: leave out the changes to the root filesystem.
    #[arg(long)]
    pub ignore_rootfs: bool,
    /// With --export: leave out the named volumes' content.
    #[arg(long)]
    pub ignore_volumes: bool,
    /// Dump the memory only (the container keeps running); a later `--with-previous` checkpoint
    /// writes only the pages changed since.
    #[arg(short = 'P', long)]
    pub pre_checkpoint: bool,
    /// Checkpoint on top of the --pre-checkpoint made before.
    #[arg(long)]
    pub with_previous: bool,
    /// Print CRIU's figures as JSON (podman's shape) instead of the names.
    #[arg(long)]
    pub print_stats: bool,
    /// Also store the checkpoint as a local image NAME (`container restore NAME` restores it).
    #[arg(long, value_name = "IMAGE")]
    pub create_image: Option<String>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Restore every checkpointed container.
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    /// Keep the checkpoint once restored.
    #[arg(short, long)]
    pub keep: bool,
    /// Restore established TCP connections (when they were checkpointed).
    #[arg(long)]
    pub tcp_established: bool,
    /// Restore file locks.
    #[arg(long)]
    pub file_locks: bool,
    /// Restore from an archive written by `checkpoint --export`: a new container.
    #[arg(short, long, value_name = "FILE")]
    pub import: Option<PathBuf>,
    /// With --import: the pre-checkpoint archive written by `checkpoint -P --export`.
    #[arg(long, value_name = "FILE")]
    pub import_previous: Option<PathBuf>,
    /// With --import: the new container's name (default: the checkpointed one's).
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,
    /// With --import: do not apply the archive's root filesystem changes.
    #[arg(long)]
    pub ignore_rootfs: bool,
    /// With --import: do not restore the named volumes' content.
    #[arg(long)]
    pub ignore_volumes: bool,
    /// Accepted for podman's scripts: skiff checkpoints no bridge network, so there is no static
    /// address to ignore.
    #[arg(long)]
    pub ignore_static_ip: bool,
    /// Accepted for podman's scripts (as --ignore-static-ip).
    #[arg(long)]
    pub ignore_static_mac: bool,
    /// Publish these ports instead of the ones it was created with (HOST:CONTAINER, as `run -p`).
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// Restore into an existing pod (refused: a pod's containers share its namespaces, which
    /// CRIU cannot join).
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Print CRIU's figures as JSON (podman's shape) instead of the names.
    #[arg(long)]
    pub print_stats: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

fn store(g: &GlobalOpts) -> anyhow::Result<ContainerStore> {
    let p = g.paths()?;
    Ok(ContainerStore::open(&p.root, &p.runroot)?)
}

fn running(c: &Container) -> bool {
    c.state.status == Status::Running && c.process_alive()
}

pub fn checkpoint(g: &GlobalOpts, a: CheckpointArgs) -> anyhow::Result<i32> {
    ck::require_root("checkpointing")?;
    ck::criu()?;
    if a.with_previous && a.pre_checkpoint {
        anyhow::bail!("--with-previous and --pre-checkpoint cannot be combined");
    }
    if !matches!(a.compress.as_str(), "zstd" | "gzip" | "none") {
        anyhow::bail!("--compress {}: choose zstd, gzip or none", a.compress);
    }
    if a.export.is_none() && (a.ignore_rootfs || a.ignore_volumes) {
        anyhow::bail!("--ignore-rootfs and --ignore-volumes go with --export");
    }
    let store = store(g)?;
    let sel = super::targets::Selection::named(&a.containers, a.all, a.latest.latest);
    let mut failed = super::targets::Failures::new();
    let mut stats = Vec::new();
    let began = Instant::now();
    for t in super::targets::select(&store, &sel, running)? {
        match t
            .found
            .map_err(anyhow::Error::from)
            .and_then(|c| one(g, &store, c, &a))
        {
            Ok(s) => {
                if a.print_stats {
                    stats.push(s);
                } else {
                    super::output::print_line(&t.shown)?;
                }
            }
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    if a.print_stats {
        super::output::print_json(&json!({
            "podman_checkpoint_duration": began.elapsed().as_micros() as u64,
            "container_statistics": stats,
        }))?;
    }
    failed.into_result()
}

/// Checkpoint one container; its statistics entry.
fn one(
    g: &GlobalOpts,
    store: &ContainerStore,
    c: Container,
    a: &CheckpointArgs,
) -> anyhow::Result<serde_json::Value> {
    if !running(&c) {
        return Err(Coded::new(
            125,
            format!(
                "\"{}\" is not running, cannot checkpoint: container state improper",
                c.name
            ),
        )
        .into());
    }
    ck::supported(&c)?;
    if c.auto_remove && a.export.is_none() {
        return Err(Coded::new(
            125,
            format!(
                "cannot checkpoint {}: it was started with --rm, whose removal would take the \
                 checkpoint with it; add --export FILE",
                c.name
            ),
        )
        .into());
    }
    let stops = !a.leave_running && !a.pre_checkpoint;
    if stops {
        let _l = store.lock(&c.id, LockMode::Exclusive)?;
        let mut rec = store.load(&c.id)?;
        rec.state.stop_requested = true;
        rec.state.checkpointed = true;
        rec.state.checkpointed_at = Some(super::format::now_unix());
        // The archive is written after the exit: --rm applies once it is.
        rec.auto_remove = false;
        store.save(&rec)?;
    }
    let opts = CheckpointOpts {
        leave_running: a.leave_running,
        tcp_established: a.tcp_established,
        file_locks: a.file_locks,
        pre_dump: a.pre_checkpoint,
        with_previous: a.with_previous,
    };
    let began = Instant::now();
    let dumped = ck::dump(store, &c, &opts);
    let took = began.elapsed();
    let criu_stats = match dumped {
        Ok(s) => s,
        Err(e) => {
            if stops {
                let _l = store.lock(&c.id, LockMode::Exclusive)?;
                let mut rec = store.load(&c.id)?;
                rec.state.stop_requested = false;
                rec.state.checkpointed = false;
                rec.auto_remove = c.auto_remove;
                store.save(&rec)?;
            }
            return Err(e);
        }
    };
    if stops {
        wait_recorded(store, &c.id)?;
        // CRIU's SIGKILL after the dump is not the container's exit.
        let _l = store.lock(&c.id, LockMode::Exclusive)?;
        let mut rec = store.load(&c.id)?;
        rec.state.exit_code = Some(0);
        store.save(&rec)?;
    } else if a.leave_running && !a.pre_checkpoint {
        let _l = store.lock(&c.id, LockMode::Exclusive)?;
        let mut rec = store.load(&c.id)?;
        rec.state.checkpointed_at = Some(super::format::now_unix());
        store.save(&rec)?;
    }
    crate::state::events::container(store.runroot(), &c, "checkpoint", None);
    if let Some(file) = &a.export {
        super::checkpoint_archive::export(
            store,
            &store.load(&c.id)?,
            file,
            &super::checkpoint_archive::ExportOpts {
                compress: a.compress.clone(),
                rootfs: !a.ignore_rootfs,
                volumes: !a.ignore_volumes,
                pre: a.pre_checkpoint,
            },
        )?;
    }
    if let Some(image) = &a.create_image {
        super::checkpoint_archive::create_image(g, store, &store.load(&c.id)?, image)?;
    }
    if c.auto_remove && stops {
        let _g = store.lock_all(LockMode::Exclusive)?;
        let rec = store.load(&c.id)?;
        crate::runtime::container::remove(store, &rec)?;
        crate::runtime::container::remove_anonymous_volumes(store, &rec)?;
    }
    let _ = a.keep; // CRIU's files stay in the checkpoint dir until the restore either way.
    Ok(json!({
        "Id": c.id,
        "runtime_checkpoint_duration": took.as_micros() as u64,
        "criu_statistics": criu_stats,
    }))
}

/// Wait until the supervisor has recorded the exit of the dumped container.
fn wait_recorded(store: &ContainerStore, id: &str) -> anyhow::Result<()> {
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let c = store.load(id)?;
        if c.state.status != Status::Running || !c.supervisor_alive() {
            return Ok(());
        }
        if Instant::now() > until {
            anyhow::bail!("{}: its supervisor did not record the exit", c.name);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn restore(g: &GlobalOpts, a: RestoreArgs) -> anyhow::Result<i32> {
    ck::require_root("restoring")?;
    ck::criu()?;
    if a.pod.is_some() {
        return Err(Coded::new(
            125,
            "--pod: a pod's containers share its namespaces, which CRIU cannot restore into; \
             restore the container on its own"
                .to_string(),
        )
        .into());
    }
    let paths = g.paths()?;
    let store = store(g)?;
    let ports = a
        .publish
        .iter()
        .map(|p| crate::network::portspec::parse(p).map_err(|e| anyhow::anyhow!("-p {p}: {e}")))
        .collect::<anyhow::Result<Vec<_>>>()?
        .concat();
    let opts = RestoreOpts {
        tcp_established: a.tcp_established,
        file_locks: a.file_locks,
        keep: a.keep,
    };
    let mut targets: Vec<(String, anyhow::Result<Container>)> = Vec::new();
    if let Some(file) = &a.import {
        if a.all || a.latest.latest || !a.containers.is_empty() {
            anyhow::bail!(
                "--import restores the archive's container: name none, nor --all/--latest"
            );
        }
        let c = super::checkpoint_archive::import(
            &paths,
            &store,
            file,
            &super::checkpoint_archive::ImportOpts {
                name: a.name.clone(),
                previous: a.import_previous.clone(),
                rootfs: !a.ignore_rootfs,
                volumes: !a.ignore_volumes,
            },
        )?;
        targets.push((c.name.clone(), Ok(c)));
    } else {
        if a.import_previous.is_some() || a.ignore_rootfs || a.ignore_volumes {
            anyhow::bail!(
                "--import-previous, --ignore-rootfs and --ignore-volumes go with --import"
            );
        }
        let restorable = |c: &Container| c.state.checkpointed && !c.process_alive();
        let sel = super::targets::Selection::named(&a.containers, a.all, a.latest.latest);
        for t in super::targets::select(&store, &sel, restorable)? {
            let found = match t.found {
                Ok(_) if a.name.is_some() => Err(anyhow::anyhow!(
                    "--name goes with --import or a checkpoint image: {} is a container",
                    t.shown
                )),
                Ok(c) => Ok(c),
                // podman: an image made with `checkpoint --create-image` restores by its name.
                Err(e) => {
                    super::checkpoint_archive::from_image(&paths, &store, &t.shown, a.name.clone())
                        .and_then(|c| c.ok_or_else(|| e.into()))
                }
            };
            targets.push((t.shown, found));
        }
    }
    let mut failed = super::targets::Failures::new();
    let mut stats = Vec::new();
    let began = Instant::now();
    for (shown, found) in targets {
        let result = found.and_then(|c| {
            if c.process_alive() {
                return Err(Coded::new(
                    125,
                    format!(
                        "\"{}\" is running, cannot restore: container state improper",
                        c.name
                    ),
                )
                .into());
            }
            if !c.state.checkpointed || !ck::has_checkpoint(&store, &c.id) {
                return Err(Coded::new(
                    125,
                    format!(
                        "{} has no checkpoint to restore: make one with `skiff container \
                         checkpoint {}`",
                        c.name, c.name
                    ),
                )
                .into());
            }
            if !ports.is_empty() {
                let _l = store.lock(&c.id, LockMode::Exclusive)?;
                let mut rec = store.load(&c.id)?;
                rec.spec.net.ports = ports.clone();
                store.save(&rec)?;
            }
            let t0 = Instant::now();
            let child = crate::runtime::launch::spawn_restoring(&paths, &c.id, &opts)?;
            crate::runtime::launch::await_started(child)?;
            let took = t0.elapsed();
            let criu: serde_json::Value =
                std::fs::read(store.run_path(&c.id).join(crate::runtime::restore::STATS))
                    .ok()
                    .and_then(|b| serde_json::from_slice(&b).ok())
                    .unwrap_or(json!({}));
            Ok(json!({
                "Id": c.id,
                "runtime_restore_duration": took.as_micros() as u64,
                "criu_statistics": criu,
            }))
        });
        match result {
            Ok(s) if a.print_stats => stats.push(s),
            Ok(_) => super::output::print_line(&shown)?,
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    if a.print_stats {
        super::output::print_json(&json!({
            "podman_restore_duration": began.elapsed().as_micros() as u64,
            "container_statistics": stats,
        }))?;
    }
    failed.into_result()
}
