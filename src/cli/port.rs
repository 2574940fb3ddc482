//! `skiff port`: the published ports of containers, as `podman port` prints them.

use clap::Args;

use super::GlobalOpts;
use crate::network::PortMapping;
use crate::state::{Container, ContainerStore};

#[derive(Debug, Args)]
pub struct PortArgs {
    /// Show the ports of every running container.
    #[arg(short, long)]
    pub all: bool,
    /// Show the ports of the latest container.
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub container: Option<String>,
    /// Only this container port: PORT[/tcp|udp].
    #[arg(value_name = "PRIVATE_PORT")]
    pub port: Option<String>,
}

/// The ports a container has: bound ones while it runs, otherwise the requested ones.
pub fn ports_of(c: &Container) -> Vec<PortMapping> {
    if c.process_alive() && !c.state.ports.is_empty() {
        c.state.ports.clone()
    } else {
        c.spec.net.ports.clone()
    }
}

pub fn run(g: &GlobalOpts, a: PortArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let containers: Vec<Container> = if a.all {
        store
            .list()?
            .into_iter()
            .filter(|c| c.process_alive())
            .collect()
    } else if a.latest {
        let mut all = store.list()?;
        all.sort_by_key(|c| c.created);
        all.pop().into_iter().collect()
    } else {
        let name = a.container.as_deref().unwrap_or_default();
        vec![store.find(name)?]
    };
    let filter = match &a.port {
        None => None,
        Some(p) => {
            let (num, proto) = p.split_once('/').unwrap_or((p, "tcp"));
            let num: u16 = num
                .parse()
                .map_err(|_| anyhow::anyhow!("invalid port {p:?}: use PORT[/tcp|udp]"))?;
            Some((num, proto.to_string()))
        }
    };
    let mut out = String::new();
    for c in &containers {
        let ports: Vec<PortMapping> = ports_of(c)
            .into_iter()
            .filter(|m| {
                filter
                    .as_ref()
                    .is_none_or(|(n, p)| m.container_port == *n && m.protocol.as_str() == p)
            })
            .collect();
        if let (Some((n, p)), true) = (&filter, ports.is_empty()) {
            anyhow::bail!("no public port {n}/{p} published for {}", c.name);
        }
        for m in ports {
            if a.all {
                out.push_str(&format!("{}\t{}\n", c.short_id(), m.port_form()));
            } else if filter.is_some() {
                out.push_str(&format!("{}:{}\n", m.display_ip(), m.host_port));
            } else {
                out.push_str(&format!("{}\n", m.port_form()));
            }
        }
    }
    super::output::print_text(&out)?;
    Ok(0)
}
