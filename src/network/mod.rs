//! Rootless networking: the container's network mode, outbound connectivity through pasta or
//! slirp4netns (`helper`), published ports through our own host-side forwarder (`forward`), and
//! the generated /etc/hosts and /etc/resolv.conf (`etc`).

pub mod etc;
pub mod forward;
pub mod helper;
pub mod portspec;
mod relay;
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
}

impl Network {
    /// Parse `--network`; `container:NAME` keeps the name for the caller to resolve. `None` for
    /// the default mode.
    pub fn parse(s: &str) -> anyhow::Result<Option<Network>> {
        Ok(Some(match s {
            "" | "default" | "private" | "bridge" => return Ok(None),
            "none" => Network::None,
            "host" => Network::Host,
            "pasta" => Network::Pasta,
            "slirp4netns" => Network::Slirp4netns,
            _ => match s.strip_prefix("container:") {
                Some(n) if !n.is_empty() => Network::Container(n.to_string()),
                _ => anyhow::bail!(
                    "unknown --network {s:?}: use pasta, slirp4netns, none, host or container:NAME"
                ),
            },
        }))
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
        matches!(self, Network::None | Network::Pasta | Network::Slirp4netns)
    }

    /// Ports can be published into it.
    pub fn can_publish(&self) -> bool {
        matches!(self, Network::Pasta | Network::Slirp4netns)
    }

    pub fn name(&self) -> String {
        match self {
            Network::None => "none".into(),
            Network::Host => "host".into(),
            Network::Pasta => "pasta".into(),
            Network::Slirp4netns => "slirp4netns".into(),
            Network::Container(id) => format!("container:{id}"),
        }
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
