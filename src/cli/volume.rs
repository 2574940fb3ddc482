//! `skiff volume create|ls|inspect|rm|prune`: named volumes, podman's flags and JSON.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::format::{render_rows, rfc3339};
use super::GlobalOpts;
use crate::state::volume::{Volume, VolumeStore};
use crate::state::ContainerStore;
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct VolumeArgs {
    #[command(subcommand)]
    pub command: VolumeCommand,
}

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Create a named volume
    Create(CreateArgs),
    /// List volumes
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display volumes' details as JSON
    Inspect(InspectArgs),
    /// Remove volumes
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove every volume no container uses
    Prune(PruneArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Set a label (KEY=VALUE).
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Do not fail when the volume exists.
    #[arg(long)]
    pub ignore: bool,
    /// Volume driver: local (the only one).
    #[arg(short, long, default_value = "local", value_name = "DRIVER")]
    pub driver: String,
    /// Driver options: type=tmpfs, device=tmpfs, o=MOUNT_OPTIONS (e.g. o=size=64m).
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// Name of the volume (default: a generated one).
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only names.
    #[arg(short, long)]
    pub quiet: bool,
    /// Filter: name=, label=KEY[=VALUE], dangling=true|false.
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    /// Leave out the table's header line.
    #[arg(long)]
    pub noheading: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Go template or json.
    #[arg(short, long)]
    pub format: Option<String>,
    /// Every volume.
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Also remove the containers that use the volumes (running ones are stopped first).
    #[arg(short, long)]
    pub force: bool,
    /// Every volume.
    #[arg(short, long)]
    pub all: bool,
    /// With --force: seconds running containers get to stop before SIGKILL.
    #[arg(short, long, default_value_t = 10, value_name = "SECONDS")]
    pub time: u64,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
    /// Only the volumes that pass these filters: label=KEY[=VALUE], label!=..., until=TIME.
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

fn stores(g: &GlobalOpts) -> anyhow::Result<(VolumeStore, ContainerStore)> {
    let paths = g.paths()?;
    Ok((
        VolumeStore::open(&paths.root)?,
        ContainerStore::open(&paths.root, &paths.runroot)?,
    ))
}

fn to_json(v: &Volume) -> Value {
    json!({
        "Name": v.name,
        "Driver": v.driver,
        "Mountpoint": v.mountpoint,
        "CreatedAt": rfc3339(v.created_at),
        "Labels": v.labels,
        "Scope": v.scope,
        "Options": v.options,
        "Anonymous": v.anonymous,
    })
}

pub fn run(g: &GlobalOpts, a: VolumeArgs) -> anyhow::Result<i32> {
    let (vstore, cstore) = stores(g)?;
    match a.command {
        VolumeCommand::Create(c) => {
            let name = c.name.unwrap_or_else(crate::state::names::random_id);
            let mut labels = BTreeMap::new();
            for l in &c.labels {
                let (k, v) = l.split_once('=').unwrap_or((l, ""));
                labels.insert(k.to_string(), v.to_string());
            }
            if c.driver != "local" {
                anyhow::bail!(
                    "volume driver {:?} is not available: skiff has the local driver",
                    c.driver
                );
            }
            let mut options = BTreeMap::new();
            for o in &c.opt {
                let (k, v) = o.split_once('=').unwrap_or((o, ""));
                match k {
                    "type" | "device" | "o" => {}
                    other => anyhow::bail!(
                        "invalid --opt {other:?}: the local driver takes type=, device= and o="
                    ),
                }
                options.insert(k.to_string(), v.to_string());
            }
            if !options.is_empty() && options.get("type").map(String::as_str) != Some("tmpfs") {
                anyhow::bail!(
                    "--opt: skiff mounts type=tmpfs volumes only (a rootless user cannot mount \
                     block devices or network filesystems)"
                );
            }
            let _g = cstore.lock_all(LockMode::Exclusive)?;
            let (_, created) = vstore.ensure(&name, labels, false)?;
            if !created && !c.ignore {
                anyhow::bail!("volume {name} already exists (use --ignore to accept that)");
            }
            if created && !options.is_empty() {
                vstore.set_options(&name, options)?;
            }
            super::output::print_text(&format!("{name}\n"))?;
        }
        VolumeCommand::Ls(l) => {
            let containers = cstore.list()?;
            let mut rows = Vec::new();
            for v in vstore.list()? {
                if keep(&v, &containers, &l.filters)? {
                    rows.push(to_json(&v));
                }
            }
            let out = if l.quiet {
                rows.iter()
                    .map(|r| format!("{}\n", r["Name"].as_str().unwrap_or("")))
                    .collect()
            } else {
                super::format::render_rows_opt(
                    &rows,
                    l.format.as_deref(),
                    "table {{.Driver}}\t{{.Name}}",
                    &[("Driver", "DRIVER"), ("Name", "VOLUME NAME")],
                    l.noheading,
                )?
            };
            super::output::print_text(&out)?;
        }
        VolumeCommand::Inspect(i) => {
            let mut out = Vec::new();
            if i.all {
                out.extend(vstore.list()?.iter().map(to_json));
            }
            for n in &i.names {
                out.push(to_json(&vstore.get(n)?));
            }
            match i.format.as_deref() {
                None | Some("json") => super::output::print_json(&out)?,
                Some(f) => super::output::print_text(&render_rows(&out, Some(f), "", &[])?)?,
            }
        }
        VolumeCommand::Rm(r) => {
            let mut failed = Vec::new();
            let mut names = r.names.clone();
            if r.all {
                names.extend(vstore.list()?.into_iter().map(|v| v.name));
            }
            if r.force {
                // Running users stop first (within --time), then go with the volume.
                let containers = cstore.list()?;
                for n in &names {
                    for c in containers.iter().filter(|c| {
                        c.process_alive() && VolumeStore::users(&containers, n).contains(&c.name)
                    }) {
                        super::lifecycle::stop_one(&cstore, c, r.time)?;
                    }
                }
            }
            for n in &names {
                match vstore.remove(&cstore, n, r.force) {
                    Ok(()) => super::output::print_line(n)?,
                    Err(e) => failed.push(format!("{e:#}")),
                }
            }
            if !failed.is_empty() {
                anyhow::bail!("{}", failed.join("\n"));
            }
        }
        VolumeCommand::Prune(p) => {
            if !p.force
                && !super::confirm(
                    "WARNING! This will remove all volumes not used by at least one container.",
                )?
            {
                return Ok(0);
            }
            let gone = prune_volumes(&vstore, &cstore, &p.filter)?;
            super::output::print_text(&gone.iter().map(|n| format!("{n}\n")).collect::<String>())?;
        }
    }
    Ok(0)
}

/// Remove every volume no container uses that passes `filters`; their names.
pub fn prune_volumes(
    vstore: &VolumeStore,
    cstore: &ContainerStore,
    filters: &[String],
) -> anyhow::Result<Vec<String>> {
    let _g = cstore.lock_all(LockMode::Exclusive)?;
    let containers = cstore.list()?;
    let mut gone = Vec::new();
    for v in vstore.list()? {
        if VolumeStore::users(&containers, &v.name).is_empty()
            && super::format::prune_filter_matches(filters, &v.labels, v.created_at)?
        {
            vstore.remove_dir(&v.name)?;
            gone.push(v.name);
        }
    }
    Ok(gone)
}

fn keep(
    v: &Volume,
    containers: &[crate::state::Container],
    filters: &[String],
) -> anyhow::Result<bool> {
    for f in filters {
        let (k, val) = f
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
        let ok = match k {
            "name" => v.name.contains(val),
            "label" => super::format::label_matches(&v.labels, val),
            "dangling" => {
                let unused = VolumeStore::users(containers, &v.name).is_empty();
                unused == (val == "true" || val == "1")
            }
            "driver" => v.driver == val,
            _ => anyhow::bail!("unsupported filter {k:?}: name, label, dangling, driver"),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}
