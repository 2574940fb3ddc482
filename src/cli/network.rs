//! `skiff network create|ls|inspect|rm|prune|exists|connect|disconnect|reload`: rootless bridge
//! networks, podman's flags and JSON.

use std::collections::BTreeMap;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::GlobalOpts;
use crate::network::attach;
use crate::network::config::{NetworkConfig, NetworkRequest, NetworkStore};
use crate::network::{NetAttach, Network};
use crate::state::{Container, ContainerStore};
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct NetworkArgs {
    #[command(subcommand)]
    pub command: NetworkCommand,
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Create a bridge network
    Create(CreateArgs),
    /// List networks
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display networks' details as JSON
    Inspect(InspectArgs),
    /// Remove networks
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove every network no container uses
    Prune(PruneArgs),
    /// Exit 0 when the network exists, 1 when not
    Exists(ExistsArgs),
    /// Connect a container to a network (also while it runs)
    Connect(ConnectArgs),
    /// Disconnect a container from a network (also while it runs)
    Disconnect(DisconnectArgs),
    /// Re-create the network plumbing of running containers
    Reload(ReloadArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Driver: bridge (the only one rootless).
    #[arg(short, long, value_name = "DRIVER")]
    pub driver: Option<String>,
    /// Subnet in CIDR form (repeat for IPv4 and IPv6).
    #[arg(long, value_name = "CIDR")]
    pub subnet: Vec<String>,
    /// Gateway of the subnet given at the same position (default: its first address).
    #[arg(long, value_name = "IP")]
    pub gateway: Vec<String>,
    /// Allocate container addresses from this range only (CIDR inside the subnet).
    #[arg(long, value_name = "CIDR")]
    pub ip_range: Vec<String>,
    /// No route out of the network (containers reach only each other).
    #[arg(long)]
    pub internal: bool,
    /// No name resolution of containers on this network.
    #[arg(long)]
    pub disable_dns: bool,
    /// Also an IPv6 subnet (a unique local /64 unless --subnet gives one).
    #[arg(long)]
    pub ipv6: bool,
    /// Set a label (KEY=VALUE).
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Driver options: mtu=N, isolate=, metric=, no_default_route=.
    #[arg(short, long = "opt", value_name = "KEY=VALUE")]
    pub opts: Vec<String>,
    /// Succeed when the network exists already.
    #[arg(long)]
    pub ignore: bool,
    /// IPAM driver: host-local (the only one).
    #[arg(long, value_name = "DRIVER")]
    pub ipam_driver: Option<String>,
    /// DNS servers the network's DNS server forwards to (default: the host's).
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Interface name of the bridge.
    #[arg(long, value_name = "NAME")]
    pub interface_name: Option<String>,
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only ids (names with --format).
    #[arg(short, long)]
    pub quiet: bool,
    /// Filter: name=, id=, driver=, label=KEY[=VALUE], dangling=true|false.
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    /// Leave out the table's header line.
    #[arg(long)]
    pub noheading: bool,
    /// Full ids.
    #[arg(long)]
    pub no_trunc: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Go template or json.
    #[arg(short, long)]
    pub format: Option<String>,
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Also remove the containers that use the networks (running ones are stopped first).
    #[arg(short, long)]
    pub force: bool,
    /// With --force: seconds running containers get to stop before SIGKILL.
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
    /// Only the networks that pass these filters: label=KEY[=VALUE], label!=..., until=TIME.
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    #[arg(value_name = "NETWORK")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// Another name the container answers to on this network.
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,
    /// Its IPv4 address on this network.
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Its IPv6 address on this network.
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// Its MAC address on this network.
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    #[arg(value_name = "NETWORK")]
    pub network: String,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Debug, Args)]
pub struct DisconnectArgs {
    /// Accepted for podman's scripts (a disconnect always goes through).
    #[arg(short, long)]
    pub force: bool,
    #[arg(value_name = "NETWORK")]
    pub network: String,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Debug, Args)]
pub struct ReloadArgs {
    /// Every running container.
    #[arg(short, long)]
    pub all: bool,
    /// The latest container.
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// podman's JSON for one network.
pub fn to_json(n: &NetworkConfig) -> Value {
    serde_json::to_value(n).unwrap_or(Value::Null)
}

/// Containers attached to `network` (by their configuration, running or not).
pub fn users<'a>(containers: &'a [Container], network: &str) -> Vec<&'a Container> {
    containers
        .iter()
        .filter(|c| {
            c.spec
                .network
                .attachments()
                .iter()
                .any(|a| a.network == network)
        })
        .collect()
}

fn key_values(items: &[String], what: &str) -> anyhow::Result<BTreeMap<String, String>> {
    items
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ if what == "label" && !l.is_empty() => Ok((l.clone(), String::new())),
            _ => bail!("invalid --{what} {l:?}: use KEY=VALUE"),
        })
        .collect()
}

pub fn run(g: &GlobalOpts, a: NetworkArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let nets = NetworkStore::open(&paths.root)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    match a.command {
        NetworkCommand::Create(c) => {
            if c.ipam_driver.as_deref().is_some_and(|d| d != "host-local") {
                bail!(
                    "--ipam-driver {:?}: skiff allocates addresses itself (host-local)",
                    c.ipam_driver.unwrap_or_default()
                );
            }
            if !c.dns.is_empty() {
                super::ignored(
                    "--dns",
                    "the network's DNS server forwards to the host's resolvers",
                );
            }
            if c.interface_name.is_some() {
                super::ignored(
                    "--interface-name",
                    "bridges live in skiff's own network namespace and are named by skiff",
                );
            }
            let parse_net = |s: &String, flag: &str| -> anyhow::Result<ipnet::IpNet> {
                s.parse().with_context(|| {
                    format!("invalid --{flag} {s:?}: give CIDR, e.g. 10.90.0.0/24")
                })
            };
            let req = NetworkRequest {
                name: c.name.clone(),
                driver: c.driver.clone(),
                subnets: c
                    .subnet
                    .iter()
                    .map(|s| parse_net(s, "subnet"))
                    .collect::<anyhow::Result<_>>()?,
                gateways: c
                    .gateway
                    .iter()
                    .map(|s| {
                        s.parse()
                            .with_context(|| format!("invalid --gateway {s:?}: give an IP address"))
                    })
                    .collect::<anyhow::Result<_>>()?,
                ip_ranges: c
                    .ip_range
                    .iter()
                    .map(|s| parse_net(s, "ip-range"))
                    .collect::<anyhow::Result<_>>()?,
                internal: c.internal,
                disable_dns: c.disable_dns,
                ipv6: c.ipv6,
                labels: key_values(&c.labels, "label")?,
                options: key_values(&c.opts, "opt")?,
            };
            let n = nets.create(req, c.ignore)?;
            super::output::print_line(&n.name)?;
        }
        NetworkCommand::Ls(l) => {
            let containers = cstore.list()?;
            let mut rows = Vec::new();
            let mut all = nets.list()?;
            if !all
                .iter()
                .any(|n| n.name == crate::network::config::DEFAULT_NETWORK)
            {
                all.insert(0, nets.default_network()?);
            }
            let mut kept = Vec::new();
            for n in all {
                if keep(&n, &containers, &l.filters)? {
                    kept.push(n);
                }
            }
            for n in &kept {
                let mut row = to_json(n);
                let id = if l.no_trunc {
                    n.id.clone()
                } else {
                    n.id[..12.min(n.id.len())].to_string()
                };
                if let Some(o) = row.as_object_mut() {
                    o.insert("ID".into(), json!(id));
                    o.insert("Name".into(), json!(n.name));
                    o.insert("Driver".into(), json!(n.driver));
                    o.insert("Labels".into(), json!(n.labels));
                    o.insert("Options".into(), json!(n.options));
                    o.insert("IPv6".into(), json!(n.ipv6_enabled));
                    o.insert("Internal".into(), json!(n.internal));
                    o.insert("DNSEnabled".into(), json!(n.dns_enabled));
                    o.insert("NetworkInterface".into(), json!(n.network_interface));
                }
                rows.push(row);
            }
            let out = if l.format.as_deref() == Some("json") {
                let full: Vec<Value> = kept.iter().map(to_json).collect();
                format!("{}\n", serde_json::to_string_pretty(&full)?)
            } else if l.quiet && l.format.is_none() {
                rows.iter()
                    .map(|r| format!("{}\n", r["Name"].as_str().unwrap_or("")))
                    .collect()
            } else {
                super::format::render_rows_opt(
                    &rows,
                    l.format.as_deref(),
                    "table {{.ID}}\t{{.Name}}\t{{.Driver}}",
                    &[("ID", "NETWORK ID"), ("Name", "NAME"), ("Driver", "DRIVER")],
                    l.noheading,
                )?
            };
            super::output::print_text(&out)?;
        }
        NetworkCommand::Inspect(i) => {
            let mut found = Vec::new();
            let mut missing = Vec::new();
            for n in &i.names {
                match nets.find(n) {
                    Ok(cfg) => found.push(cfg),
                    Err(e) => missing.push(format!("{e:#}")),
                }
            }
            match i.format.as_deref() {
                // The struct itself: podman's key order.
                None | Some("json") => super::output::print_json(&found)?,
                Some(f) => {
                    let rows: Vec<Value> = found.iter().map(to_json).collect();
                    super::output::print_text(&super::format::render_rows(
                        &rows,
                        Some(f),
                        "",
                        &[],
                    )?)?
                }
            }
            if !missing.is_empty() {
                bail!("{}", missing.join("\n"));
            }
        }
        NetworkCommand::Rm(r) => {
            let mut failed = Vec::new();
            for n in &r.names {
                match remove_network(&paths, &nets, &cstore, n, r.force, r.time.unwrap_or(10)) {
                    Ok(name) => super::output::print_line(&name)?,
                    Err(e) => failed.push(format!("{e:#}")),
                }
            }
            if !failed.is_empty() {
                bail!("{}", failed.join("\n"));
            }
        }
        NetworkCommand::Prune(p) => {
            if !p.force
                && !super::confirm(
                    "WARNING! This will remove all networks not used by at least one container.",
                )?
            {
                return Ok(0);
            }
            let containers = cstore.list()?;
            for n in nets.list()? {
                if n.name == crate::network::config::DEFAULT_NETWORK
                    || !users(&containers, &n.name).is_empty()
                {
                    continue;
                }
                let created = super::format::parse_rfc3339(&n.created).unwrap_or(0);
                if super::format::prune_filter_matches(&p.filter, &n.labels, created)? {
                    remove_network(&paths, &nets, &cstore, &n.name, false, 0)?;
                    super::output::print_line(&n.name)?;
                }
            }
        }
        NetworkCommand::Exists(e) => return Ok(if nets.exists(&e.name) { 0 } else { 1 }),
        NetworkCommand::Connect(c) => {
            let mut ips = Vec::new();
            for ip in c.ip.iter().chain(&c.ip6) {
                ips.push(
                    ip.parse()
                        .with_context(|| format!("invalid --ip {ip:?}: give an IP address"))?,
                );
            }
            let w = NetAttach {
                network: nets.find(&c.network)?.name,
                aliases: c.aliases.clone(),
                ips,
                mac: c
                    .mac_address
                    .as_deref()
                    .map(crate::network::parse_mac)
                    .transpose()?,
                interface: None,
            };
            connect(&paths, &cstore, &c.container, w)?;
        }
        NetworkCommand::Disconnect(d) => {
            let network = nets.find(&d.network)?.name;
            disconnect(&paths, &cstore, &d.container, &network)?;
        }
        NetworkCommand::Reload(r) => {
            let containers = cstore.list()?;
            let mut targets: Vec<Container> = Vec::new();
            if r.all {
                targets.extend(containers.iter().filter(|c| c.process_alive()).cloned());
            } else if r.latest {
                targets.extend(
                    containers
                        .iter()
                        .max_by_key(|c| (c.created, c.created_nanos))
                        .cloned(),
                );
            }
            for n in &r.containers {
                targets.push(cstore.find(n)?);
            }
            for c in targets {
                if c.spec.network.attachments().is_empty() {
                    continue;
                }
                attach::reload(&paths.root, &paths.runroot, &c.id)
                    .with_context(|| format!("reloading the network of {}", c.name))?;
                super::output::print_line(&c.id)?;
            }
        }
    }
    Ok(0)
}

pub fn remove_network(
    paths: &crate::storage::Paths,
    nets: &NetworkStore,
    cstore: &ContainerStore,
    name: &str,
    force: bool,
    time: u64,
) -> anyhow::Result<String> {
    let n = nets.find(name)?;
    let containers = cstore.list()?;
    let used = users(&containers, &n.name);
    if !used.is_empty() {
        if !force {
            let names: Vec<&str> = used.iter().map(|c| c.name.as_str()).collect();
            bail!(
                "network {} is used by container(s) {}: remove them first, or use `network rm -f` \
                 to remove them with it",
                n.name,
                names.join(", ")
            );
        }
        for c in used {
            if c.process_alive() {
                super::lifecycle::stop_one(cstore, c, time)?;
            }
            let _g = cstore.lock_all(LockMode::Exclusive)?;
            if let Ok(c) = cstore.load(&c.id) {
                crate::runtime::container::remove(cstore, &c)?;
            }
        }
    }
    let _g = attach::lock(&paths.runroot)?;
    if let Some(h) = crate::network::rootless::load(&paths.runroot).filter(|h| h.alive()) {
        let _ = crate::network::bridge::remove_bridge(h.pid, &n.network_interface);
    }
    nets.remove(&n.name)?;
    Ok(n.name)
}

pub fn connect(
    paths: &crate::storage::Paths,
    cstore: &ContainerStore,
    ctr: &str,
    w: NetAttach,
) -> anyhow::Result<()> {
    let c = cstore.find(ctr)?;
    let _g = cstore.lock(&c.id, LockMode::Exclusive)?;
    let mut c = cstore.load(&c.id)?;
    let mut list = match &c.spec.network {
        Network::Bridge(v) => v.clone(),
        other => bail!(
            "container {} uses --network {}: only containers on bridge networks can be connected \
             to another network (recreate it with --network NAME)",
            c.name,
            other.name()
        ),
    };
    if list.iter().any(|x| x.network == w.network) {
        bail!(
            "container {} is already connected to network {}",
            c.name,
            w.network
        );
    }
    if c.process_alive() {
        let link = attach::connect(&paths.root, &paths.runroot, &c.id, &w)?;
        c.state.networks.push(link);
    }
    list.push(w);
    c.spec.network = Network::Bridge(list);
    cstore.save(&c)?;
    Ok(())
}

pub fn disconnect(
    paths: &crate::storage::Paths,
    cstore: &ContainerStore,
    ctr: &str,
    network: &str,
) -> anyhow::Result<()> {
    let c = cstore.find(ctr)?;
    let _g = cstore.lock(&c.id, LockMode::Exclusive)?;
    let mut c = cstore.load(&c.id)?;
    let mut list = c.spec.network.attachments().to_vec();
    let Some(pos) = list.iter().position(|x| x.network == network) else {
        bail!("container {} is not connected to network {network}", c.name);
    };
    if c.process_alive() {
        attach::disconnect(&paths.runroot, &c.id, network)?;
        c.state.networks.retain(|l| l.network != network);
    }
    list.remove(pos);
    c.spec.network = if list.is_empty() {
        Network::None
    } else {
        Network::Bridge(list)
    };
    cstore.save(&c)?;
    Ok(())
}

fn keep(n: &NetworkConfig, containers: &[Container], filters: &[String]) -> anyhow::Result<bool> {
    for f in filters {
        let (k, val) = f
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
        let ok = match k {
            "name" => n.name.contains(val),
            "id" => n.id.starts_with(val),
            "driver" => n.driver == val,
            "label" => super::format::label_matches(&n.labels, val),
            "dangling" => users(containers, &n.name).is_empty() == (val == "true" || val == "1"),
            _ => bail!("unsupported filter {k:?}: name, id, driver, label, dangling"),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}
