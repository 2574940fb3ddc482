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
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Go template or json.
    #[arg(short, long)]
    pub format: Option<String>,
    #[arg(required = true, value_name = "VOLUME")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Also remove stopped containers that use the volumes.
    #[arg(short, long)]
    pub force: bool,
    #[arg(required = true, value_name = "VOLUME")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
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
        "Options": {},
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
            let _g = cstore.lock_all(LockMode::Exclusive)?;
            let (_, created) = vstore.ensure(&name, labels, false)?;
            if !created && !c.ignore {
                anyhow::bail!("volume {name} already exists (use --ignore to accept that)");
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
                render_rows(
                    &rows,
                    l.format.as_deref(),
                    "table {{.Driver}}\t{{.Name}}",
                    &[("Driver", "DRIVER"), ("Name", "VOLUME NAME")],
                )?
            };
            super::output::print_text(&out)?;
        }
        VolumeCommand::Inspect(i) => {
            let mut out = Vec::new();
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
            for n in &r.names {
                match vstore.remove(&cstore, n, r.force) {
                    Ok(()) => super::output::print_line(n)?,
                    Err(e) => failed.push(format!("{e:#}")),
                }
            }
            if !failed.is_empty() {
                anyhow::bail!("{}", failed.join("\n"));
            }
        }
        VolumeCommand::Prune(_) => {
            let _g = cstore.lock_all(LockMode::Exclusive)?;
            let containers = cstore.list()?;
            let mut out = String::new();
            for v in vstore.list()? {
                if VolumeStore::users(&containers, &v.name).is_empty() {
                    vstore.remove_dir(&v.name)?;
                    out.push_str(&format!("{}\n", v.name));
                }
            }
            super::output::print_text(&out)?;
        }
    }
    Ok(0)
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
