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
    /// Name the pod: given as the first argument instead of --name.
    #[arg(value_name = "NAME")]
    pub positional_name: Option<String>,
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
        super::create::network_mode_of(paths, &c.network, &c.network_alias, None, None, None)?
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
    for l in &c.labels {
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
