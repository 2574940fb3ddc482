//! User-defined networks: their definitions (podman's JSON shape, one file per network under
//! `<root>/networks/`), subnet choice, and the rules a new definition must satisfy (a valid name,
//! no overlap with another network's subnet, a gateway inside the subnet).

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use crate::storage::{LockGuard, LockMode};

/// podman's default network: what `--network podman` and `--network bridge` mean.
pub const DEFAULT_NETWORK: &str = "podman";
const DEFAULT_SUBNET: &str = "10.88.0.0/16";
/// The DNS search domain podman's aardvark-dns answers under.
pub const DNS_DOMAIN: &str = "dns.podman";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    pub subnet: IpNet,
    pub gateway: Option<IpAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_range: Option<LeaseRange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRange {
    pub start_ip: IpAddr,
    pub end_ip: IpAddr,
}

/// One network, as `podman network inspect` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkConfig {
    pub name: String,
    pub id: String,
    pub driver: String,
    /// The bridge's name inside the user's network namespace.
    pub network_interface: String,
    pub created: String,
    pub subnets: Vec<Subnet>,
    pub ipv6_enabled: bool,
    pub internal: bool,
    pub dns_enabled: bool,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    #[serde(default)]
    pub ipam_options: BTreeMap<String, String>,
}

impl NetworkConfig {
    pub fn mtu(&self) -> Option<u32> {
        self.options.get("mtu").and_then(|m| m.parse().ok())
    }

    /// The subnet that contains `ip`, if any.
    pub fn subnet_of(&self, ip: IpAddr) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.subnet.contains(&ip))
    }
}

/// What `network create` asks for.
#[derive(Debug, Clone, Default)]
pub struct NetworkRequest {
    pub name: Option<String>,
    pub driver: Option<String>,
    pub subnets: Vec<IpNet>,
    pub gateways: Vec<IpAddr>,
    pub ip_ranges: Vec<IpNet>,
    pub internal: bool,
    pub disable_dns: bool,
    pub ipv6: bool,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
}

pub struct NetworkStore {
    dir: PathBuf,
}

impl NetworkStore {
    pub fn open(root: &Path) -> anyhow::Result<NetworkStore> {
        let dir = root.join("networks");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(NetworkStore { dir })
    }

    pub fn lock(&self) -> anyhow::Result<LockGuard> {
        Ok(LockGuard::acquire(
            &self.dir.join(".lock"),
            LockMode::Exclusive,
        )?)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    pub fn list(&self) -> anyhow::Result<Vec<NetworkConfig>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir)
            .with_context(|| format!("listing {}", self.dir.display()))?
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
                out.push(
                    serde_json::from_slice(&text)
                        .with_context(|| format!("network definition {}", p.display()))?,
                );
            }
        }
        out.sort_by(|a: &NetworkConfig, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// By name, full id or unique id prefix. The default network exists once asked for.
    pub fn find(&self, input: &str) -> anyhow::Result<NetworkConfig> {
        let all = self.list()?;
        if let Some(n) = all.iter().find(|n| n.name == input) {
            return Ok(n.clone());
        }
        let by_id: Vec<_> = all
            .iter()
            .filter(|n| input.len() >= 3 && n.id.starts_with(input))
            .collect();
        match by_id.as_slice() {
            [one] => Ok((*one).clone()),
            [] if input == DEFAULT_NETWORK => self.default_network(),
            [] => bail!(
                "network {input}: no such network (see `skiff network ls`; create it with \
                 `skiff network create {input}`)"
            ),
            _ => bail!("network {input}: the id prefix matches several networks; give more of it"),
        }
    }

    pub fn exists(&self, input: &str) -> bool {
        input == DEFAULT_NETWORK || self.find(input).is_ok()
    }

    /// `podman` (10.88.0.0/16), created the first time it is used.
    pub fn default_network(&self) -> anyhow::Result<NetworkConfig> {
        let _g = self.lock()?;
        if let Ok(text) = std::fs::read(self.path(DEFAULT_NETWORK)) {
            return Ok(serde_json::from_slice(&text)?);
        }
        let subnet: IpNet = DEFAULT_SUBNET.parse().expect("valid default subnet");
        let cfg = NetworkConfig {
            name: DEFAULT_NETWORK.into(),
            id: "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9".into(),
            driver: "bridge".into(),
            network_interface: "podman0".into(),
            created: crate::cli::format::rfc3339_nanos_now(),
            subnets: vec![Subnet {
                subnet,
                gateway: first_host(&subnet),
                lease_range: None,
            }],
            ipv6_enabled: false,
            internal: false,
            dns_enabled: false,
            labels: BTreeMap::new(),
            options: BTreeMap::new(),
            ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
        };
        self.write(&cfg)?;
        Ok(cfg)
    }

    fn write(&self, cfg: &NetworkConfig) -> anyhow::Result<()> {
        let data = serde_json::to_vec_pretty(cfg)?;
        crate::storage::atomic::write_atomic(&self.path(&cfg.name), &data)
            .with_context(|| format!("saving network {}", cfg.name))
    }

    /// Create a network; `Ok(None)` with `ignore` when the name exists already.
    pub fn create(&self, req: NetworkRequest, ignore: bool) -> anyhow::Result<NetworkConfig> {
        let driver = req.driver.clone().unwrap_or_else(|| "bridge".into());
        if driver != "bridge" {
            bail!(
                "network driver {driver:?} is not supported rootless: use bridge (the default); \
                 macvlan and ipvlan need root in the host's network namespace"
            );
        }
        for k in req.options.keys() {
            if !["mtu", "isolate", "metric", "no_default_route"].contains(&k.as_str()) {
                bail!("network option {k:?} is not known for the bridge driver: use mtu, isolate, metric or no_default_route");
            }
        }
        if let Some(m) = req.options.get("mtu") {
            match m.parse::<u32>() {
                Ok(v) if (68..=65535).contains(&v) => {}
                _ => bail!("--opt mtu={m}: give a number between 68 and 65535"),
            }
        }
        let _g = self.lock()?;
        let existing = self.list()?;
        let name = match &req.name {
            Some(n) => {
                if !crate::state::names::valid(n) {
                    bail!(
                        "network name {n:?} is invalid: use letters, digits and _ . - and start with \
                         a letter or digit"
                    );
                }
                if let Some(old) = existing.iter().find(|x| x.name == *n) {
                    if ignore {
                        return Ok(old.clone());
                    }
                    bail!("network {n} exists already (use --ignore to accept an existing one)");
                }
                n.clone()
            }
            None => (1..)
                .map(|i| format!("podman{i}"))
                .find(|n| !existing.iter().any(|x| x.name == *n))
                .expect("a free name"),
        };
        let mut subnets = Vec::new();
        for (i, s) in req.subnets.iter().enumerate() {
            let s = s.trunc();
            let gateway = match req.gateways.get(i) {
                Some(g) if !s.contains(g) => {
                    bail!("--gateway {g} is not inside --subnet {s}")
                }
                Some(g) => Some(*g),
                None => first_host(&s),
            };
            let lease_range = match req.ip_ranges.get(i) {
                Some(r) if !(s.contains(&r.network()) && s.contains(&r.broadcast())) => {
                    bail!("--ip-range {r} is not inside --subnet {s}")
                }
                Some(r) => Some(LeaseRange {
                    start_ip: r.network(),
                    end_ip: r.broadcast(),
                }),
                None => None,
            };
            subnets.push(Subnet {
                subnet: s,
                gateway,
                lease_range,
            });
        }
        if req.gateways.len() > req.subnets.len() || req.ip_ranges.len() > req.subnets.len() {
            bail!("--gateway and --ip-range each need a --subnet (give them in the same order)");
        }
        let taken: Vec<(IpNet, &str)> = existing
            .iter()
            .flat_map(|n| n.subnets.iter().map(move |s| (s.subnet, n.name.as_str())))
            .chain(std::iter::once((
                DEFAULT_SUBNET.parse().expect("valid"),
                DEFAULT_NETWORK,
            )))
            .collect();
        for s in &subnets {
            if let Some((t, owner)) = taken.iter().find(|(t, _)| overlaps(t, &s.subnet)) {
                bail!(
                    "subnet {} overlaps with network {owner} ({t}): choose another --subnet, or \
                     remove {owner} first",
                    s.subnet
                );
            }
        }
        if !subnets.iter().any(|s| s.subnet.addr().is_ipv4()) {
            // podman's choice: 10.89.N.0/24, the first that no network uses.
            let free = (0..=255u32)
                .map(|n| -> IpNet { format!("10.89.{n}.0/24").parse().expect("valid") })
                .find(|c| !taken.iter().any(|(t, _)| overlaps(t, c)))
                .ok_or_else(|| anyhow!("no free subnet left in 10.89.0.0/16: give --subnet"))?;
            subnets.insert(
                0,
                Subnet {
                    subnet: free,
                    gateway: first_host(&free),
                    lease_range: None,
                },
            );
        }
        let ipv6 = req.ipv6 || subnets.iter().any(|s| s.subnet.addr().is_ipv6());
        if ipv6 && !subnets.iter().any(|s| s.subnet.addr().is_ipv6()) {
            // A unique local /64 derived from the network's name.
            let h = crate::image::unpack::hex(&sha2::Digest::finalize(
                <sha2::Sha256 as sha2::Digest>::new_with_prefix(name.as_bytes()),
            ));
            let s: IpNet = format!("fd{}:{}:{}::/64", &h[0..2], &h[2..6], &h[6..10])
                .parse()
                .expect("valid ULA");
            subnets.push(Subnet {
                subnet: s,
                gateway: first_host(&s),
                lease_range: None,
            });
        }
        let used_ifaces: Vec<&str> = existing
            .iter()
            .map(|n| n.network_interface.as_str())
            .collect();
        let iface = (1..)
            .map(|i| format!("podman{i}"))
            .find(|n| !used_ifaces.contains(&n.as_str()))
            .expect("a free interface name");
        let cfg = NetworkConfig {
            id: crate::state::names::random_id(),
            name,
            driver,
            network_interface: iface,
            created: crate::cli::format::rfc3339_nanos_now(),
            subnets,
            ipv6_enabled: ipv6,
            internal: req.internal,
            dns_enabled: !req.disable_dns,
            labels: req.labels,
            options: req.options,
            ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
        };
        self.write(&cfg)?;
        Ok(cfg)
    }

    /// Remove a definition (the caller has checked that no container uses it).
    pub fn remove(&self, name: &str) -> anyhow::Result<()> {
        std::fs::remove_file(self.path(name)).with_context(|| format!("removing network {name}"))
    }
}

/// The gateway podman picks: the first address after the network address (for IPv6 too, where
/// `hosts()` starts at the subnet-router anycast address itself).
pub fn first_host(net: &IpNet) -> Option<IpAddr> {
    net.hosts().find(|h| *h != net.network())
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, NetworkStore) {
        let d = tempfile::tempdir().unwrap();
        let s = NetworkStore::open(d.path()).unwrap();
        (d, s)
    }

    #[test]
    fn subnets_are_chosen_and_overlaps_refused() {
        let (_d, s) = store();
        let a = s
            .create(
                NetworkRequest {
                    name: Some("a".into()),
                    ..Default::default()
                },
                false,
            )
            .unwrap();
        assert_eq!(a.subnets[0].subnet.to_string(), "10.89.0.0/24");
        assert_eq!(a.subnets[0].gateway.unwrap().to_string(), "10.89.0.1");
        let b = s
            .create(
                NetworkRequest {
                    name: Some("b".into()),
                    ..Default::default()
                },
                false,
            )
            .unwrap();
        assert_eq!(b.subnets[0].subnet.to_string(), "10.89.1.0/24");
        assert_ne!(a.network_interface, b.network_interface);
        let err = s
            .create(
                NetworkRequest {
                    name: Some("c".into()),
                    subnets: vec!["10.89.1.128/25".parse().unwrap()],
                    ..Default::default()
                },
                false,
            )
            .unwrap_err();
        assert!(format!("{err}").contains("network b"), "{err}");
        let err = s
            .create(
                NetworkRequest {
                    name: Some("bad/name".into()),
                    ..Default::default()
                },
                false,
            )
            .unwrap_err();
        assert!(format!("{err}").contains("invalid"), "{err}");
        assert!(s
            .create(
                NetworkRequest {
                    name: Some("a".into()),
                    ..Default::default()
                },
                false
            )
            .is_err());
        assert_eq!(
            s.create(
                NetworkRequest {
                    name: Some("a".into()),
                    ..Default::default()
                },
                true
            )
            .unwrap(),
            a
        );
        let err = s
            .create(
                NetworkRequest {
                    name: Some("d".into()),
                    subnets: vec!["192.168.5.0/24".parse().unwrap()],
                    gateways: vec!["192.168.6.1".parse().unwrap()],
                    ..Default::default()
                },
                false,
            )
            .unwrap_err();
        assert!(format!("{err}").contains("not inside"), "{err}");
        let six = s
            .create(
                NetworkRequest {
                    name: Some("six".into()),
                    ipv6: true,
                    ..Default::default()
                },
                false,
            )
            .unwrap();
        let v6 = six
            .subnets
            .iter()
            .find(|x| x.subnet.addr().is_ipv6())
            .unwrap();
        assert_eq!(v6.gateway, Some(first_host(&v6.subnet).unwrap()));
        assert!(v6.gateway.unwrap().to_string().ends_with("::1"), "{v6:?}");
        assert_eq!(s.find("six").unwrap(), six);
        assert_eq!(s.find(&six.id[..12]).unwrap(), six);
        assert_eq!(
            s.find("podman").unwrap().subnets[0].subnet.to_string(),
            "10.88.0.0/16"
        );
    }
}
