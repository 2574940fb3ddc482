//! Which container is on which network with which address: one record per running container in
//! `<runroot>/netns/attached/<id>.json`, written under the network lock. Address allocation reads
//! the live records (a record whose container and owner have both died, after a kill -9, frees its
//! addresses), so no two live containers ever hold the same address. The DNS server answers from
//! the same records, so names follow containers as they start, stop, connect and disconnect.

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use super::bridge::{self, LinkPlan};
use super::config::{NetworkConfig, NetworkStore};
use super::rootless::{self, Holder};
use super::NetAttach;
use crate::state::record::process_start;
use crate::storage::{LockGuard, LockMode};

/// One container's attachments.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Attached {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub pod: Option<String>,
    /// The process that starts and watches the container (its supervisor, or the foreground CLI).
    pub owner_pid: i32,
    pub owner_start: u64,
    /// The container's init, once it runs.
    pub pid: i32,
    pub pid_start: u64,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Link {
    pub network: String,
    pub network_id: String,
    pub subnets: Vec<IpNet>,
    pub gateways: Vec<IpAddr>,
    /// The interface inside the container, and its veth peer in the user's namespace.
    pub interface: String,
    pub host_if: String,
    /// Its addresses, with the subnet's prefix.
    pub ips: Vec<IpNet>,
    pub mac: String,
    pub aliases: Vec<String>,
    pub dns: bool,
    pub internal: bool,
}

impl Attached {
    /// Its container (or, before that runs, its owner) is alive.
    pub fn live(&self) -> bool {
        if self.pid > 0 {
            process_start(self.pid) == Some(self.pid_start)
        } else {
            self.owner_pid > 0 && process_start(self.owner_pid) == Some(self.owner_start)
        }
    }
}

fn records_dir(runroot: &Path) -> PathBuf {
    rootless::dir(runroot).join("attached")
}

fn record_path(runroot: &Path, id: &str) -> PathBuf {
    records_dir(runroot).join(format!("{id}.json"))
}

pub fn lock(runroot: &Path) -> anyhow::Result<LockGuard> {
    let d = rootless::dir(runroot);
    std::fs::create_dir_all(records_dir(runroot))
        .with_context(|| format!("creating {}", d.display()))?;
    Ok(LockGuard::acquire(&d.join("lock"), LockMode::Exclusive)?)
}

/// Every record; stale ones (container and owner dead) are removed when `prune`.
pub fn records(runroot: &Path, prune: bool) -> Vec<Attached> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(records_dir(runroot)) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let Some(a) = std::fs::read(&p)
            .ok()
            .and_then(|t| serde_json::from_slice::<Attached>(&t).ok())
        else {
            continue;
        };
        if a.live() {
            out.push(a);
        } else if prune {
            let _ = std::fs::remove_file(&p);
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub fn load(runroot: &Path, id: &str) -> Option<Attached> {
    let t = std::fs::read(record_path(runroot, id)).ok()?;
    serde_json::from_slice(&t).ok()
}

fn save(runroot: &Path, a: &Attached) -> anyhow::Result<()> {
    crate::storage::atomic::write_atomic_nosync(
        &record_path(runroot, &a.id),
        &serde_json::to_vec(a)?,
    )
    .context("saving the container's network attachments")
}

/// Before a container on bridge networks starts: the holder (started on first use), the DNS
/// server where a network wants one, and this container's addresses, recorded with the current
/// process as owner.
pub fn prepare(
    root: &Path,
    runroot: &Path,
    id: &str,
    name: &str,
    pod: Option<&str>,
    wanted: &[NetAttach],
) -> anyhow::Result<(Holder, Attached)> {
    let nets = NetworkStore::open(root)?;
    let configs: Vec<NetworkConfig> = wanted
        .iter()
        .map(|w| nets.find(&w.network))
        .collect::<anyhow::Result<_>>()?;
    let _g = lock(runroot)?;
    let live = records(runroot, true);
    let mut holder = rootless::ensure(runroot, configs.iter().any(|c| c.dns_enabled))?;
    let me = std::process::id() as i32;
    let mut a = Attached {
        id: id.to_string(),
        name: name.to_string(),
        pod: pod.map(str::to_string),
        owner_pid: me,
        owner_start: process_start(me).unwrap_or(0),
        ..Default::default()
    };
    for (i, (w, cfg)) in wanted.iter().zip(&configs).enumerate() {
        let taken = used(&live, &cfg.name, id);
        a.links.push(allocate(cfg, w, i, &taken)?);
    }
    save(runroot, &a)?;
    if a.links.iter().any(|l| l.dns) && !holder.dns_alive() {
        super::dns::start(runroot, &mut holder)?;
        rootless::save(runroot, &holder)?;
    }
    Ok((holder, a))
}

/// Addresses on `network` held by live containers other than `except`, with their owners.
fn used(live: &[Attached], network: &str, except: &str) -> Vec<(IpAddr, String)> {
    live.iter()
        .filter(|a| a.id != except)
        .flat_map(|a| {
            a.links
                .iter()
                .filter(|l| l.network == network)
                .flat_map(move |l| l.ips.iter().map(move |ip| (ip.addr(), a.name.clone())))
        })
        .collect()
}

fn allocate(
    cfg: &NetworkConfig,
    w: &NetAttach,
    index: usize,
    taken: &[(IpAddr, String)],
) -> anyhow::Result<Link> {
    let mut ips = Vec::new();
    for s in &cfg.subnets {
        let reserved: BTreeSet<IpAddr> = s.gateway.into_iter().collect();
        let statik = w.ips.iter().find(|ip| s.subnet.contains(*ip));
        let ip = match statik {
            Some(ip) => {
                if *ip == s.subnet.network()
                    || (ip.is_ipv4() && *ip == s.subnet.broadcast())
                    || reserved.contains(ip)
                {
                    bail!(
                        "--ip {ip}: that is the network, broadcast or gateway address of {}",
                        cfg.name
                    );
                }
                if let Some((_, owner)) = taken.iter().find(|(t, _)| t == ip) {
                    bail!(
                        "--ip {ip}: that address on network {} is already used by container {owner}",
                        cfg.name
                    );
                }
                *ip
            }
            None => {
                let (start, end) = match &s.lease_range {
                    Some(r) => (r.start_ip, r.end_ip),
                    None => (s.subnet.network(), s.subnet.broadcast()),
                };
                s.subnet
                    .hosts()
                    .skip_while(|h| *h < start)
                    .take_while(|h| *h <= end)
                    .find(|h| {
                        *h != s.subnet.network()
                            && !reserved.contains(h)
                            && !taken.iter().any(|(t, _)| t == h)
                    })
                    .ok_or_else(|| {
                        anyhow!(
                            "network {} has no free address left in {}: remove containers from it \
                             or create a network with a larger --subnet",
                            cfg.name,
                            s.subnet
                        )
                    })?
            }
        };
        ips.push(IpNet::new(ip, s.subnet.prefix_len()).expect("prefix of a valid subnet"));
    }
    for ip in &w.ips {
        if cfg.subnet_of(*ip).is_none() {
            let subnets: Vec<String> = cfg.subnets.iter().map(|s| s.subnet.to_string()).collect();
            bail!(
                "--ip {ip} is outside network {} ({}): choose an address inside it",
                cfg.name,
                subnets.join(", ")
            );
        }
    }
    let mac = match &w.mac {
        Some(m) => m.clone(),
        None => bridge::format_mac(&bridge::random_mac()),
    };
    Ok(Link {
        network: cfg.name.clone(),
        network_id: cfg.id.clone(),
        subnets: cfg.subnets.iter().map(|s| s.subnet).collect(),
        gateways: cfg.subnets.iter().filter_map(|s| s.gateway).collect(),
        interface: w.interface.clone().unwrap_or_else(|| format!("eth{index}")),
        host_if: format!("veth{}", &crate::state::names::random_id()[..8]),
        ips,
        mac,
        aliases: w.aliases.clone(),
        dns: cfg.dns_enabled,
        internal: cfg.internal,
    })
}

/// The netlink work for `links` (the first network that is not internal gets the default route,
/// unless the container already has one).
pub fn plans(root: &Path, links: &[Link], has_default: bool) -> anyhow::Result<Vec<LinkPlan>> {
    let nets = NetworkStore::open(root)?;
    let all = nets.list()?;
    let mut default_given = has_default;
    let mut out = Vec::new();
    for l in links {
        let cfg = all
            .iter()
            .find(|n| n.name == l.network)
            .cloned()
            .or_else(|| nets.find(&l.network).ok())
            .ok_or_else(|| anyhow!("network {} was removed", l.network))?;
        let default_via = if !l.internal && !default_given {
            default_given = true;
            l.gateways.clone()
        } else {
            Vec::new()
        };
        out.push(LinkPlan {
            bridge: cfg.network_interface.clone(),
            bridge_addrs: cfg
                .subnets
                .iter()
                .filter_map(|s| {
                    s.gateway
                        .map(|g| IpNet::new(g, s.subnet.prefix_len()).expect("valid"))
                })
                .collect(),
            mtu: cfg.mtu().unwrap_or(1500),
            internal: cfg.internal,
            others: all
                .iter()
                .filter(|o| o.name != cfg.name)
                .map(|o| {
                    (
                        o.network_interface.clone(),
                        o.subnets.iter().map(|s| s.subnet).collect(),
                    )
                })
                .collect(),
            host_if: l.host_if.clone(),
            ctr_if: l.interface.clone(),
            addrs: l.ips.clone(),
            default_via,
            mac: bridge::parse_mac(&l.mac).ok_or_else(|| anyhow!("bad MAC {}", l.mac))?,
        });
    }
    Ok(out)
}

/// The container runs: its record follows its init's pid from now on.
pub fn started(runroot: &Path, id: &str, pid: i32) -> anyhow::Result<()> {
    let _g = lock(runroot)?;
    if let Some(mut a) = load(runroot, id) {
        a.pid = pid;
        a.pid_start = process_start(pid).unwrap_or(0);
        save(runroot, &a)?;
    }
    Ok(())
}

/// The container is gone: its addresses return to the pool; the last one out tears the user's
/// network namespace down.
/// Make the user's network namespace (holder, pasta, DNS) ready ahead of the first container:
/// `kube play` does it while it prepares its pods. `settle` undoes it if nothing attached.
pub fn warm(runroot: &Path, with_dns: bool) -> anyhow::Result<()> {
    let _g = lock(runroot)?;
    let mut holder = rootless::ensure(runroot, with_dns)?;
    if with_dns && !holder.dns_alive() {
        super::dns::start(runroot, &mut holder)?;
        rootless::save(runroot, &holder)?;
    }
    Ok(())
}

/// Tear the namespace down when no container is attached (after a `warm` that found no use).
pub fn settle(runroot: &Path) {
    let Ok(_g) = lock(runroot) else { return };
    if records(runroot, true).is_empty() {
        rootless::teardown(runroot);
    }
}

pub fn release(runroot: &Path, id: &str) {
    let Ok(_g) = lock(runroot) else { return };
    let _ = std::fs::remove_file(record_path(runroot, id));
    if records(runroot, true).is_empty() {
        rootless::teardown(runroot);
    }
}

/// `network connect` on a running container: allocate, plumb, record.
pub fn connect(root: &Path, runroot: &Path, id: &str, w: &NetAttach) -> anyhow::Result<Link> {
    let nets = NetworkStore::open(root)?;
    let cfg = nets.find(&w.network)?;
    let _g = lock(runroot)?;
    let live = records(runroot, true);
    let mut a = live
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .ok_or_else(|| anyhow!("the container is not on any bridge network (it was created with --network {}); recreate it on a network", "pasta/slirp4netns/none"))?;
    if a.links.iter().any(|l| l.network == cfg.name) {
        bail!(
            "container {} is already connected to network {}",
            a.name,
            cfg.name
        );
    }
    let holder = rootless::load(runroot)
        .filter(Holder::alive)
        .ok_or_else(|| anyhow!("the rootless network namespace is gone; restart the container"))?;
    let index = (0..)
        .find(|i| !a.links.iter().any(|l| l.interface == format!("eth{i}")))
        .expect("a free interface");
    let taken = used(&live, &cfg.name, id);
    let link = allocate(&cfg, w, index, &taken)?;
    let has_default = a.links.iter().any(|l| !l.internal);
    let plan = plans(root, std::slice::from_ref(&link), has_default)?;
    bridge::attach(holder.pid, a.pid, &plan)?;
    a.links.push(link.clone());
    save(runroot, &a)?;
    Ok(link)
}

/// `network disconnect` on a running container.
pub fn disconnect(runroot: &Path, id: &str, network: &str) -> anyhow::Result<()> {
    let _g = lock(runroot)?;
    let mut a = load(runroot, id)
        .filter(Attached::live)
        .ok_or_else(|| anyhow!("not attached"))?;
    let Some(pos) = a.links.iter().position(|l| l.network == network) else {
        bail!("container {} is not connected to network {network}", a.name);
    };
    let holder = rootless::load(runroot).filter(Holder::alive);
    if let Some(h) = holder {
        bridge::detach(h.pid, a.pid, &[a.links[pos].interface.clone()])?;
    }
    a.links.remove(pos);
    save(runroot, &a)
}

/// `network reload`: re-create a running container's interfaces with the addresses it has.
pub fn reload(root: &Path, runroot: &Path, id: &str) -> anyhow::Result<()> {
    let _g = lock(runroot)?;
    let a = load(runroot, id)
        .filter(|a| a.live() && a.pid > 0)
        .ok_or_else(|| anyhow!("the container is not running on a bridge network"))?;
    let holder = rootless::load(runroot)
        .filter(Holder::alive)
        .ok_or_else(|| {
            anyhow!("the rootless network namespace is gone: restart the container to reconnect it")
        })?;
    let ifs: Vec<String> = a.links.iter().map(|l| l.interface.clone()).collect();
    bridge::detach(holder.pid, a.pid, &ifs)?;
    let plans = plans(root, &a.links, false)?;
    bridge::attach(holder.pid, a.pid, &plans)
}
