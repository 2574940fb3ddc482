//! `skiff wait`, `skiff inspect` (containers), `skiff rename`, `skiff restart`,
//! `skiff container prune`, and the `skiff container ...` group.

use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::format::render_rows;
use super::GlobalOpts;
use crate::state::{names, Container, ContainerStore, Status};
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Condition to wait for: stopped (exited) or running.
    #[arg(long, default_value = "stopped", value_name = "STATE")]
    pub condition: String,
    /// Time between checks (e.g. 250ms, 1s).
    #[arg(short, long, default_value = "250ms", value_name = "DURATION")]
    pub interval: String,
    /// Print -1 for containers that do not exist instead of failing.
    #[arg(long)]
    pub ignore: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(value_name = "NEW_NAME")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ExportSpecArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Write the spec to this file (default: stdout); with --bundle, the bundle directory
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Seconds to wait for the stop before killing (default: its --stop-timeout, else 10).
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Restart every container that is not running (with --running: every running one).
    #[arg(short, long)]
    pub all: bool,
    /// With --all: the running containers only.
    #[arg(long)]
    pub running: bool,
    /// Restart the containers that pass these filters (as in `ps --filter`).
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[command(flatten)]
    pub cidfiles: super::targets::CidFiles,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
    /// Only the containers that pass these filters: label=KEY[=VALUE], label!=..., until=TIME.
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ContainerArgs {
    #[command(subcommand)]
    pub command: ContainerCommand,
}

#[derive(Debug, Subcommand)]
pub enum ContainerCommand {
    /// List containers
    #[command(alias = "list")]
    Ls(super::ps::PsArgs),
    /// Display a container's details as JSON
    Inspect(InspectArgs),
    /// Remove all stopped containers
    Prune(PruneArgs),
    /// Remove containers
    Rm(super::lifecycle::RmArgs),
    /// Stop containers
    Stop(super::lifecycle::StopArgs),
    /// Initialize containers: prepare them without running their command (start runs it)
    Init(super::run::InitArgs),
    /// Rename a container
    Rename(RenameArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(WaitArgs),
    /// List a container's published ports
    Port(super::port::PortArgs),
    /// Mount containers' root filesystems (as root, or inside `skiff unshare`)
    Mount(super::mount::MountArgs),
    /// Unmount containers' root filesystems
    #[command(alias = "umount")]
    Unmount(super::mount::UnmountArgs),
    /// Create a copy of a container (its configuration; optionally another name, image, limits)
    Clone(Box<super::clone::CloneArgs>),
    /// Write the container's OCI runtime spec (config.json), as any OCI runtime can run it
    #[command(name = "export-spec")]
    ExportSpec(ExportSpecArgs),
    /// Checkpoint running containers with CRIU (as root): their processes' state, to restore later
    Checkpoint(super::checkpoint::CheckpointArgs),
    /// Restore checkpointed containers (or one from a --export archive or checkpoint image)
    Restore(super::checkpoint::RestoreArgs),
}

pub fn run(g: &GlobalOpts, a: ContainerArgs) -> anyhow::Result<i32> {
    match a.command {
        ContainerCommand::Ls(x) => super::ps::run(g, x),
        ContainerCommand::Inspect(x) => inspect(g, x),
        ContainerCommand::Prune(x) => prune(g, x),
        ContainerCommand::Rm(x) => super::lifecycle::rm(g, x),
        ContainerCommand::Stop(x) => super::lifecycle::stop(g, x),
        ContainerCommand::Init(x) => super::run::init(g, x),
        ContainerCommand::Rename(x) => rename(g, x),
        ContainerCommand::Wait(x) => wait(g, x),
        ContainerCommand::Port(x) => super::port::run(g, x),
        ContainerCommand::Mount(x) => super::mount::mount(g, x),
        ContainerCommand::Unmount(x) => super::mount::unmount(g, x),
        ContainerCommand::Clone(x) => super::clone::run(g, *x),
        ContainerCommand::ExportSpec(x) => export_spec(g, x),
        ContainerCommand::Checkpoint(x) => super::checkpoint::checkpoint(g, x),
        ContainerCommand::Restore(x) => super::checkpoint::restore(g, x),
    }
}

fn export_spec(g: &GlobalOpts, a: ExportSpecArgs) -> anyhow::Result<i32> {
    let store = store(g)?;
    let c = store.find(&a.container)?;
    let spec = crate::runtime::ocispec::of_container(&store, &c)?;
    let text = serde_json::to_string_pretty(&spec)? + "\n";
    match &a.output {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| anyhow::anyhow!("writing {}: {e}", p.display()))?
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(0)
}

fn store(g: &GlobalOpts) -> anyhow::Result<ContainerStore> {
    let paths = g.paths()?;
    Ok(ContainerStore::open(&paths.root, &paths.runroot)?)
}

pub fn wait(g: &GlobalOpts, a: WaitArgs) -> anyhow::Result<i32> {
    let store = store(g)?;
    let want_running = match a.condition.as_str() {
        "stopped" | "exited" | "not-running" => false,
        "running" => true,
        other => anyhow::bail!("unsupported --condition {other:?}: stopped or running"),
    };
    let interval = crate::runtime::health::parse_duration(&a.interval)
        .map(|ms| Duration::from_millis(ms.max(10)))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "invalid --interval {:?}: use a duration like 250ms or 1s",
                a.interval
            )
        })?;
    let mut out = String::new();
    let mut targets: Vec<Option<Container>> = Vec::new();
    if a.latest.latest {
        targets.push(Some(super::targets::one(&store, None, true)?));
    }
    for name in &a.containers {
        match store.find(name) {
            Ok(c) => targets.push(Some(c)),
            Err(crate::state::store::StateError::NotFound(_)) if a.ignore => targets.push(None),
            Err(e) => return Err(e.into()),
        }
    }
    for c in targets {
        let Some(c) = c else {
            out.push_str("-1\n");
            continue;
        };
        loop {
            let now = store.load(&c.id)?;
            let (state, _) = super::ps::effective(&now);
            if want_running && state == "running" {
                out.push_str("-1\n");
                break;
            }
            // Exited means recorded by the supervisor (with its code), or the supervisor is gone.
            // A container that was created and never started counts as stopped (podman prints
            // its exit code, 0, at once).
            let ended = matches!(
                now.state.status,
                Status::Exited | Status::Stopped | Status::Created
            ) || (matches!(now.state.status, Status::Running | Status::Initialized)
                && !now.process_alive()
                && !now.supervisor_alive());
            if !want_running && ended {
                let never_ran = now.state.status == Status::Created;
                let code = now
                    .state
                    .exit_code
                    .unwrap_or(if never_ran { 0 } else { -1 });
                out.push_str(&format!("{code}\n"));
                break;
            }
            std::thread::sleep(interval);
        }
    }
    super::output::print_text(&out)?;
    Ok(0)
}

/// Bytes in a tree (what can be read of it: a container's own dirs may belong to other ids).
pub fn dir_size(p: &std::path::Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    rd.flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}

fn image_size(g: &GlobalOpts, id: &str) -> u64 {
    let Ok(paths) = g.paths() else { return 0 };
    let Ok(store) = crate::image::store::Store::open(&paths.root) else {
        return 0;
    };
    store
        .load()
        .ok()
        .and_then(|idx| idx.images.iter().find(|i| i.id == id).map(|i| i.size))
        .unwrap_or(0)
}

// `inspect` and `container inspect`: containers first, then images (docker's order).
// (No doc comment: with deferred subcommands it would replace the command's about.)
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Go template applied to each result, or json.
    #[arg(short, long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    /// Add the sizes of containers: SizeRw (their own changes) and SizeRootFs (with the image).
    #[arg(short, long)]
    pub size: bool,
    /// What the names are: container, image or all (containers first).
    #[arg(short = 't', long = "type", default_value = "all", value_name = "TYPE")]
    pub kind: String,
    #[arg(value_name = "NAME", required_unless_present = "latest")]
    pub names: Vec<String>,
}

pub fn inspect(g: &GlobalOpts, a: InspectArgs) -> anyhow::Result<i32> {
    let store = store(g)?;
    let (containers, images) = match a.kind.as_str() {
        "all" => (true, true),
        "container" => (true, false),
        "image" => (false, true),
        other => anyhow::bail!("invalid --type {other:?}: container, image or all"),
    };
    let mut out = Vec::new();
    let mut rest = Vec::new();
    let found = |c: Container, out: &mut Vec<Value>| {
        let mut j = super::inspect::container_json(&c);
        // The OCI runtime spec the container corresponds to (also `container export-spec`).
        j["OCIConfig"] = json!(crate::runtime::ocispec::of_container(&store, &c).ok());
        if a.size {
            let rw = dir_size(&store.path(&c.id).join("upper"));
            j["SizeRw"] = json!(rw);
            j["SizeRootFs"] = json!(rw + image_size(g, &c.image_id));
        }
        out.push(j);
    };
    if a.latest.latest {
        found(super::targets::one(&store, None, true)?, &mut out);
    }
    for name in &a.names {
        match store.find(name) {
            Ok(c) if containers => found(c, &mut out),
            Err(e) if !images => return Err(e.into()),
            _ => rest.push(name.clone()),
        }
    }
    if !rest.is_empty() {
        let paths = g.paths()?;
        let istore = crate::image::store::Store::open(&paths.root)?;
        let search =
            crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries();
        let idx = istore.load()?;
        for name in &rest {
            let img = crate::image::store::find(&idx, name, &search)
                .map_err(|_| anyhow::anyhow!("{name}: no such container or image"))?;
            out.push(crate::image::inspect::inspect(&istore, img)?);
        }
    }
    match a.format.as_deref() {
        None | Some("json") => {
            super::output::print_text(&(serde_json::to_string_pretty(&out)? + "\n"))?
        }
        Some(f) => super::output::print_text(&render_rows(&out, Some(f), "", &[])?)?,
    }
    Ok(0)
}

pub fn rename(g: &GlobalOpts, a: RenameArgs) -> anyhow::Result<i32> {
    rename_one(&store(g)?, &a.container, &a.name)?;
    Ok(0)
}

/// Give the container `input` names the new `name` (unique in the store).
pub fn rename_one(store: &ContainerStore, input: &str, name: &str) -> anyhow::Result<()> {
    if !names::valid(name) {
        anyhow::bail!(
            "invalid container name {name:?}: use letters, digits and _ . - (starting with a \
             letter or digit)"
        );
    }
    let _l = store.lock_all(LockMode::Exclusive)?;
    if let Ok(other) = store.find(name) {
        if other.name == name {
            return Err(crate::state::store::StateError::NameInUse {
                name: name.to_string(),
                id: other.short_id().to_string(),
            }
            .into());
        }
    }
    let mut c = store.find(input)?;
    c.name = name.to_string();
    store.save(&c)?;
    crate::state::events::container(store.runroot(), &c, "rename", None);
    Ok(())
}

pub fn restart(g: &GlobalOpts, a: RestartArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let sel = super::targets::Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &a.cidfiles.cidfile,
        filters: &a.filter,
        ignore: false,
    };
    let mut failed = super::targets::Failures::new();
    for t in super::targets::select(&store, &sel, |c| c.process_alive() == a.running)? {
        let result = t.found.map_err(anyhow::Error::from).and_then(|c| {
            let time = a.time.or(c.spec.stop_timeout).unwrap_or(10);
            super::lifecycle::stop_with(&store, &c, time, true)?;
            super::run::start_detached(&paths, &c.id)
        });
        match result {
            Ok(()) => super::output::print_line(&t.shown)?,
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    failed.into_result()
}

pub fn prune(g: &GlobalOpts, a: PruneArgs) -> anyhow::Result<i32> {
    if !a.force && !super::confirm("WARNING! This will remove all stopped containers.")? {
        return Ok(0);
    }
    let gone = prune_containers(&store(g)?, &a.filter)?;
    super::output::print_text(&gone.iter().map(|id| format!("{id}\n")).collect::<String>())?;
    Ok(0)
}

/// Remove every container that does not run and passes `filters`; their ids.
pub fn prune_containers(store: &ContainerStore, filters: &[String]) -> anyhow::Result<Vec<String>> {
    let _l = store.lock_all(LockMode::Exclusive)?;
    let mut gone = Vec::new();
    for listed in store.list()? {
        // One being started is not stopped: left alone (its record as it is once started).
        let Some(_starting) = store.try_start_lock(&listed.id, LockMode::Shared)? else {
            continue;
        };
        let Ok(c) = store.load(&listed.id) else {
            continue;
        };
        let (state, _) = super::ps::effective(&c);
        if state != "running"
            && state != "paused"
            && super::format::prune_filter_matches(filters, &c.labels, c.created)?
        {
            crate::runtime::container::remove(store, &c)?;
            gone.push(c.id);
        }
    }
    // What removed containers left behind (a remover killed half-way) goes too.
    crate::runtime::container::empty_trash(store)?;
    Ok(gone)
}

#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    #[command(subcommand)]
    pub command: HealthcheckCommand,
}

#[derive(Debug, Subcommand)]
pub enum HealthcheckCommand {
    /// Run a container's healthcheck now: prints healthy or unhealthy, exits 0 or 1
    Run {
        #[arg(value_name = "CONTAINER")]
        container: String,
    },
}

pub fn healthcheck(g: &GlobalOpts, a: HealthcheckArgs) -> anyhow::Result<i32> {
    let HealthcheckCommand::Run { container } = a.command;
    let store = store(g)?;
    let c = store.find(&container)?;
    let h = c
        .health
        .clone()
        .ok_or_else(|| anyhow::anyhow!("{container}: the container has no healthcheck"))?;
    if !c.process_alive() {
        anyhow::bail!("{container}: the container is not running");
    }
    let ok = crate::runtime::health::check(&c, &h);
    let status = crate::runtime::health::record(&store, &c.id, ok, false)?;
    super::output::print_text(if ok { "healthy\n" } else { "unhealthy\n" })?;
    let _ = status;
    Ok(if ok { 0 } else { 1 })
}
