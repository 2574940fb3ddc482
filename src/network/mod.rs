//! Rootless networking: the container's network mode, outbound connectivity through pasta or
//! slirp4netns (`helper`), published ports through our own host-side forwarder (`forward`), and
//! the generated /etc/hosts and /etc/resolv.conf (`etc`).

pub mod attach;
pub mod bridge;
pub mod config;
pub mod dns;
pub mod etc;
pub mod forward;
pub mod helper;
pub mod portspec;
mod relay;
pub mod rootless;
mod tcp;
mod udp;

use serde::{Deserialize, Serialize};

pub use portspec::{PortMapping, Proto};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Network {
    /// Own network namespace with only loopback.
    #[default]
    None,
    /// The host's network namespace.
    Host,
    /// Own network namespace, outbound through pasta.
    Pasta,
    /// Own network namespace, outbound through slirp4netns.
    Slirp4netns,
    /// The network (and user) namespace of another container, by id.
    Container(String),
    /// User-defined bridge networks, in the user's rootless network namespace.
    Bridge(Vec<NetAttach>),
}

/// One network a container is attached to, as asked for (`--network NAME:alias=a,ip=...`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct NetAttach {
    /// The network's name.
    pub network: String,
    pub aliases: Vec<String>,
    /// Static addresses (`--ip`, `ip=`), else allocated from the subnet.
    pub ips: Vec<std::net::IpAddr>,
    pub mac: Option<String>,
    /// The interface inside the container (eth0, eth1, ... when not given).
    pub interface: Option<String>,
}

impl Network {
    /// Parse `--network`; `container:NAME` keeps the name for the caller to resolve. `None` for
    /// the default mode.
    pub fn parse(s: &str) -> anyhow::Result<Option<Network>> {
        Ok(Some(match s {
            "" | "default" | "private" => return Ok(None),
            "none" => Network::None,
            "host" => Network::Host,
            "pasta" => Network::Pasta,
            "slirp4netns" => Network::Slirp4netns,
            _ => match s.strip_prefix("container:") {
                Some(n) if !n.is_empty() => Network::Container(n.to_string()),
                Some(_) => anyhow::bail!("--network container: needs a container name"),
                None => Network::Bridge(parse_networks(s)?),
            },
        }))
    }

    /// The bridge networks it is attached to.
    pub fn attachments(&self) -> &[NetAttach] {
        match self {
            Network::Bridge(v) => v,
            _ => &[],
        }
    }

    /// The default: pasta when installed, else slirp4netns (podman's order).
    pub fn default_mode() -> anyhow::Result<Network> {
        if crate::userns::helpers::find_program("pasta").is_some() {
            Ok(Network::Pasta)
        } else if crate::userns::helpers::find_program("slirp4netns").is_some() {
            Ok(Network::Slirp4netns)
        } else {
            anyhow::bail!(
                "no rootless network helper found: install pasta (`sudo apt install passt`) or \
                 slirp4netns (`sudo apt install slirp4netns`), or run with --network none"
            )
        }
    }

    /// The container gets a network namespace of its own.
    pub fn own_netns(&self) -> bool {
        matches!(
            self,
            Network::None | Network::Pasta | Network::Slirp4netns | Network::Bridge(_)
        )
    }

    /// Ports can be published into it.
    pub fn can_publish(&self) -> bool {
        matches!(
            self,
            Network::Pasta | Network::Slirp4netns | Network::Bridge(_)
        )
    }

    pub fn name(&self) -> String {
        match self {
            Network::None => "none".into(),
            Network::Host => "host".into(),
            Network::Pasta => "pasta".into(),
            Network::Slirp4netns => "slirp4netns".into(),
            Network::Container(id) => format!("container:{id}"),
            Network::Bridge(v) => {
                let names: Vec<&str> = v.iter().map(|a| a.network.as_str()).collect();
                names.join(",")
            }
        }
    }
}

/// `NAME[,NAME2...]` or `NAME:alias=a,ip=1.2.3.4,mac=...,interface_name=eth1` (`bridge` is
/// podman's default network).
pub fn parse_networks(s: &str) -> anyhow::Result<Vec<NetAttach>> {
    let named = |n: &str| -> anyhow::Result<String> {
        let n = if n == "bridge" {
            config::DEFAULT_NETWORK
        } else {
            n
        };
        if !crate::state::names::valid(n) {
            anyhow::bail!(
                "unknown --network {n:?}: use pasta, slirp4netns, none, host, container:NAME or \
                 the name of a network (`skiff network ls`)"
            );
        }
        Ok(n.to_string())
    };
    if let Some((name, opts)) = s.split_once(':') {
        let mut a = NetAttach {
            network: named(name)?,
            ..Default::default()
        };
        for o in opts.split(',').filter(|o| !o.is_empty()) {
            let (k, v) = o.split_once('=').unwrap_or((o, ""));
            match k {
                "alias" => a.aliases.push(v.to_string()),
                "ip" | "ip6" => a.ips.push(v.parse().map_err(|_| {
                    anyhow::anyhow!("--network {s}: {k}={v} is not an IP address")
                })?),
                "mac" => a.mac = Some(parse_mac(v)?),
                "interface_name" => a.interface = Some(v.to_string()),
                _ => anyhow::bail!(
                    "--network {s}: unknown option {k:?} (use alias=, ip=, ip6=, mac=, interface_name=)"
                ),
            }
        }
        return Ok(vec![a]);
    }
    s.split(',')
        .filter(|n| !n.is_empty())
        .map(|n| {
            Ok(NetAttach {
                network: named(n)?,
                ..Default::default()
            })
        })
        .collect()
}

/// A unicast MAC address, normalised to lower case.
pub fn parse_mac(s: &str) -> anyhow::Result<String> {
    let parts: Vec<&str> = s.split(':').collect();
    let bytes: Option<Vec<u8>> = parts
        .iter()
        .map(|p| {
            (p.len() == 2)
                .then(|| u8::from_str_radix(p, 16).ok())
                .flatten()
        })
        .collect();
    match bytes {
        Some(b) if b.len() == 6 && b[0] & 1 == 0 => Ok(s.to_ascii_lowercase()),
        _ => anyhow::bail!(
            "invalid MAC address {s:?}: give six hex pairs (unicast), e.g. 92:d0:c6:0a:29:33"
        ),
    }
}

/// Network settings of a container besides its mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct NetConfig {
    pub ports: Vec<PortMapping>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `name:ip` entries for /etc/hosts.
    pub add_hosts: Vec<String>,
}
