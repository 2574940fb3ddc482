//! `skiff pod create` and `run/create --pod`: pods made through the engine (runtime::pod).

use std::collections::BTreeMap;

use anyhow::{bail, Context};
use clap::{ArgAction, Args};

use crate::runtime::pod::{PodRequest, DEFAULT_SHARE};
use crate::state::pod::PodStore;

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Name of the pod (default: a generated one).
    #[arg(short, long)]
    pub name: Option<String>,
    /// Publish a port of the pod on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp].
    #[arg(short = 'p', long = "publish", value_name = "PORTS")]
    pub publish: Vec<String>,
    /// The pod's network: pasta, slirp4netns, none, host, or bridge networks (NAME[,NAME]).
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Another name the pod answers to on its bridge networks.
    #[arg(long = "network-alias", value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// The pod's host name (default: its name).
    #[arg(long)]
    pub hostname: Option<String>,
    /// Namespaces its containers share: net, ipc, uts, pid, cgroup (comma-separated).
    #[arg(long, value_name = "NAMESPACES")]
    pub share: Option<String>,
    /// Create an infra container holding the shared namespaces (--infra=false: none).
    #[arg(long, action = ArgAction::Set, default_value_t = true, num_args = 0..=1, default_missing_value = "true")]
    pub infra: bool,
    /// Recorded (the infra process is skiff itself, which runs no command).
    #[arg(long, value_name = "COMMAND")]
    pub infra_command: Option<String>,
    /// Accepted for podman's scripts: skiff needs no pause image.
    #[arg(long, value_name = "IMAGE")]
    pub infra_image: Option<String>,
    /// Name of the infra container.
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// Set a label (KEY=VALUE).
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Add a host entry for every container: NAME:IP.
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// DNS servers of the pod's containers.
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domains.
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// DNS options.
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Write the pod's id to this file.
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<std::path::PathBuf>,
    /// Replace a pod of the same name.
    #[arg(long)]
    pub replace: bool,
    /// Recorded (skiff makes no cgroups without delegation).
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Accepted for podman's scripts: continue (the default) or stop.
    #[arg(long, value_name = "POLICY")]
    pub exit_policy: Option<String>,
    /// The pod's IPv4 address on its (first) bridge network.
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// The pod's IPv6 address on its (first) bridge network.
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// The pod's MAC address on its (first) bridge network.
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Read labels from a file (KEY=VALUE lines).
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<std::path::PathBuf>,
    /// No generated /etc/hosts for the pod's containers.
    #[arg(long)]
    pub no_hosts: bool,
    /// Namespaced sysctls of the pod (its shared network and ipc namespaces).
    #[arg(long, value_name = "NAME=VALUE")]
    pub sysctl: Vec<String>,
    /// Size of the pod's /dev/shm (its shared ipc namespace).
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Security options of the infra container.
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// The pod's pid namespace: private (default) or host.
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// The pod's uts namespace: private (default) or host.
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// A host device for every container of the pod: HOST[:CONTAINER][:PERMS].
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// A volume for every container of the pod (as `run -v`).
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Every mount of another container, for every container of the pod.
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// Write the infra container's supervisor pid to this file.
    #[arg(long, value_name = "FILE")]
    pub infra_conmon_pidfile: Option<std::path::PathBuf>,
    /// Accepted: skiff makes no pod cgroup to parent the containers' to.
    #[arg(long, default_value_t = true, action = ArgAction::Set, value_name = "BOOL")]
    pub share_parent: bool,
    #[command(flatten)]
    pub refused: PodRefused,
    /// Name the pod: given as the first argument instead of --name.
    #[arg(value_name = "NAME")]
    pub positional_name: Option<String>,
}

/// `pod create` flags skiff refuses with the reason: limits for the whole pod need a cgroup of the
/// pod's own, and a pod's containers share the store's id mapping.
#[derive(Debug, Args, Default)]
pub struct PodRefused {
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub blkio_weight: Option<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub blkio_weight_device: Vec<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub cpu_shares: Option<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub cpus: Option<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub cpuset_cpus: Option<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub cpuset_mems: Option<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub device_read_bps: Vec<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub device_write_bps: Vec<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long)]
    pub memory: Option<String>,
    /// Refused: limits for a whole pod need a pod cgroup (give them to its containers).
    #[arg(long, allow_hyphen_values = true, value_name = "SIZE")]
    pub memory_swap: Option<String>,
    /// Refused: a pod's containers share the store's id mapping.
    #[arg(long)]
    pub userns: Option<String>,
    /// Refused: a pod's containers share the store's id mapping.
    #[arg(long)]
    pub uidmap: Vec<String>,
    /// Refused: a pod's containers share the store's id mapping.
    #[arg(long)]
    pub gidmap: Vec<String>,
    /// Refused: a pod's containers share the store's id mapping.
    #[arg(long)]
    pub subuidname: Option<String>,
    /// Refused: a pod's containers share the store's id mapping.
    #[arg(long)]
    pub subgidname: Option<String>,
}

impl PodRefused {
    fn check(&self) -> anyhow::Result<()> {
        let limits = self.blkio_weight.is_some()
            || !self.blkio_weight_device.is_empty()
            || self.cpu_shares.is_some()
            || self.cpus.is_some()
            || self.cpuset_cpus.is_some()
            || self.cpuset_mems.is_some()
            || !self.device_read_bps.is_empty()
            || !self.device_write_bps.is_empty()
            || self.memory.is_some()
            || self.memory_swap.is_some();
        if limits {
            bail!(
                "limits for a whole pod (--cpus, --memory, --blkio-*, --cpuset-*) need a cgroup of \
                 the pod's own, which skiff does not make; give the limits to the pod's containers \
                 (`skiff run --pod P --memory ...`)"
            );
        }
        if self.userns.is_some()
            || !self.uidmap.is_empty()
            || !self.gidmap.is_empty()
            || self.subuidname.is_some()
            || self.subgidname.is_some()
        {
            bail!(
                "--userns/--uidmap/--gidmap/--subuidname/--subgidname on a pod: a pod's containers \
                 share the store's id mapping in skiff; give the mapping to containers outside pods"
            );
        }
        Ok(())
    }
}

pub fn create(paths: &crate::storage::Paths, c: CreateArgs) -> anyhow::Result<i32> {
    if c.infra_image.is_some() {
        super::ignored(
            "--infra-image",
            "skiff's infra container is skiff itself, no image",
        );
    }
    if c.name.is_some() && c.positional_name.is_some() {
        bail!("give the pod's name once: --name or as the argument");
    }
    c.refused.check()?;
    if !c.share_parent {
        super::ignored("--share-parent", "skiff makes no pod cgroup");
    }
    let share: Vec<String> = match &c.share {
        None => DEFAULT_SHARE.iter().map(|s| s.to_string()).collect(),
        Some(s) if s.trim().is_empty() => Vec::new(),
        Some(s) => s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
    };
    let mut network = if c.network.is_empty() {
        crate::network::Network::default_mode()?
    } else {
        super::create::network_mode_of(
            paths,
            &c.network,
            &c.network_alias,
            c.ip.as_deref(),
            c.ip6.as_deref(),
            c.mac_address.as_deref(),
        )?
    };
    if !c.infra {
        network = crate::network::Network::None;
    }
    let mut ports = Vec::new();
    for p in &c.publish {
        ports.extend(crate::network::portspec::parse(p).map_err(|e| anyhow::anyhow!(e))?);
    }
    for h in &c.add_host {
        crate::network::etc::parse_add_host(h).map_err(|e| anyhow::anyhow!(e))?;
    }
    let mut labels = BTreeMap::new();
    let mut from_files = Vec::new();
    for f in &c.label_file {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("--label-file {}", f.display()))?;
        from_files.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    for l in from_files.iter().chain(&c.labels) {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let req = PodRequest {
        name: c.name.clone().or(c.positional_name.clone()),
        hostname: c.hostname.clone(),
        labels,
        share,
        infra: c.infra,
        infra_name: c.infra_name.clone(),
        infra_command: c.infra_command.iter().map(|s| s.to_string()).collect(),
        network,
        net: crate::network::NetConfig {
            ports,
            dns: c.dns.clone(),
            dns_search: c.dns_search.clone(),
            dns_options: c.dns_option.clone(),
            add_hosts: c.add_host.clone(),
        },
        create_command: std::env::args().collect(),
        cgroup_parent: c.cgroup_parent.clone(),
        replace: c.replace,
        volumes: c.volume.clone(),
        volumes_from: c.volumes_from.clone(),
        devices: c.device.clone(),
        infra_opts: crate::runtime::spec::Options {
            no_hosts: c.no_hosts,
            sysctls: c.sysctl.clone(),
            shm_size: c.shm_size.clone(),
            security_opt: c.security_opt.clone(),
            pid: c.pid.clone(),
            uts: c.uts.clone(),
            ..Default::default()
        },
        infra_conmon_pidfile: c.infra_conmon_pidfile.clone(),
    };
    let pod = crate::runtime::pod::create(paths, req)?;
    if let Some(f) = &c.pod_id_file {
        std::fs::write(f, &pod.id).with_context(|| format!("writing {}", f.display()))?;
    }
    super::output::print_line(&pod.id)?;
    Ok(0)
}

/// `run/create --pod NAME|new:NAME` (or `--pod-id-file`): the network, ports and membership of a
/// container in a pod. A new pod takes the container's network and ports.
pub fn membership(
    paths: &crate::storage::Paths,
    a: &super::runflags::ContainerArgs,
    network: crate::network::Network,
    ports: Vec<crate::network::PortMapping>,
) -> anyhow::Result<(
    crate::network::Network,
    Vec<crate::network::PortMapping>,
    Option<crate::runtime::pod::Membership>,
)> {
    let given = match (&a.pod, &a.pod_id_file) {
        (Some(p), _) => p.clone(),
        (None, Some(f)) => std::fs::read_to_string(f)
            .with_context(|| format!("--pod-id-file {}", f.display()))?
            .trim()
            .to_string(),
        (None, None) => return Ok((network, ports, None)),
    };
    let explicit_net = a.network.iter().any(|n| !n.is_empty());
    let (pod, own_net, own_ports) = match given.strip_prefix("new:") {
        Some(name) => {
            let req = PodRequest {
                name: Some(name.to_string()),
                hostname: None,
                labels: BTreeMap::new(),
                share: DEFAULT_SHARE.iter().map(|s| s.to_string()).collect(),
                infra: true,
                infra_name: None,
                infra_command: Vec::new(),
                network: network.clone(),
                net: crate::network::NetConfig {
                    ports: ports.clone(),
                    dns: a.dns.clone(),
                    dns_search: a.dns_search.clone(),
                    dns_options: a.dns_option.clone(),
                    add_hosts: a.add_host.clone(),
                },
                create_command: std::env::args().collect(),
                cgroup_parent: None,
                replace: false,
                volumes: Vec::new(),
                volumes_from: Vec::new(),
                devices: Vec::new(),
                infra_opts: Default::default(),
                infra_conmon_pidfile: None,
            };
            (crate::runtime::pod::create(paths, req)?, false, false)
        }
        None => (
            PodStore::open(&paths.root)?.find(&given)?,
            explicit_net,
            !ports.is_empty(),
        ),
    };
    let m = crate::runtime::pod::join(&pod, own_net, own_ports)?;
    let network = m.network.clone().unwrap_or(network);
    let ports = if pod.shares("net") { Vec::new() } else { ports };
    Ok((network, ports, Some(m)))
}
