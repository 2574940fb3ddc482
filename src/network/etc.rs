//! The generated /etc/hosts and /etc/resolv.conf of a container. Pure; unit-tested.

use super::{NetConfig, Network};

/// Where pasta answers DNS (`--dns-forward`), as podman configures it.
pub const PASTA_DNS: &str = "169.254.1.1";
/// slirp4netns's built-in DNS forwarder and host-loopback address.
pub const SLIRP_DNS: &str = "10.0.2.3";
pub const SLIRP_HOST: &str = "10.0.2.2";

/// The address at which the container reaches the host's loopback (`host.containers.internal`):
/// pasta maps the default gateway's address to the host; slirp4netns uses 10.0.2.2.
pub fn host_gateway(net: &Network, proc_net_route: &str) -> Option<String> {
    match net {
        Network::Pasta => default_gateway(proc_net_route),
        Network::Slirp4netns => Some(SLIRP_HOST.into()),
        Network::Host => Some("127.0.0.1".into()),
        _ => None,
    }
}

/// The IPv4 default gateway from /proc/net/route (hex, little-endian).
pub fn default_gateway(route: &str) -> Option<String> {
    route.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() > 2 && f[1] == "00000000" {
            let g = u32::from_str_radix(f[2], 16).ok()?;
            (g != 0).then(|| std::net::Ipv4Addr::from(g.to_le_bytes()).to_string())
        } else {
            None
        }
    })
}

/// Split `--add-host name:ip` (the ip may be IPv6; `host-gateway` means the host).
pub fn parse_add_host(s: &str) -> Result<(String, String), String> {
    let (name, ip) = s
        .split_once([':', '='])
        .ok_or_else(|| format!("invalid --add-host {s:?}: use NAME:IP"))?;
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    if name.is_empty() || (ip != "host-gateway" && ip.parse::<std::net::IpAddr>().is_err()) {
        return Err(format!(
            "invalid --add-host {s:?}: use NAME:IP (IP may be host-gateway)"
        ));
    }
    Ok((name.to_string(), ip.to_string()))
}

pub fn hosts(
    hostname: &str,
    name: &str,
    cfg: &NetConfig,
    gateway: Option<&str>,
    host_hosts: Option<&str>,
) -> String {
    let mut out = String::new();
    // --add-host entries come first: the resolver takes the first match.
    for h in &cfg.add_hosts {
        if let Ok((n, ip)) = parse_add_host(h) {
            let ip = if ip == "host-gateway" {
                match gateway {
                    Some(g) => g.to_string(),
                    None => continue,
                }
            } else {
                ip
            };
            out.push_str(&format!("{ip}\t{n}\n"));
        }
    }
    match host_hosts {
        // Host network: the host's own file, plus our entries.
        Some(h) => out.push_str(h),
        None => {
            out.push_str("127.0.0.1\tlocalhost localhost.localdomain\n");
            out.push_str("::1\tlocalhost ip6-localhost ip6-loopback\n");
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let names = if name != hostname && !name.is_empty() {
        format!("{hostname} {name}")
    } else {
        hostname.to_string()
    };
    out.push_str(&format!("127.0.1.1\t{names}\n"));
    if let Some(g) = gateway {
        out.push_str(&format!(
            "{g}\thost.containers.internal host.docker.internal\n"
        ));
    }
    out
}

fn loopback(ip: &str) -> bool {
    ip.starts_with("127.") || ip == "::1"
}

/// resolv.conf for a container: --dns/--dns-search/--dns-option win; otherwise the host's
/// settings, with loopback nameservers (which do not answer inside a network namespace) replaced
/// by the helper's DNS forwarder.
pub fn resolv_conf(host: &str, net: &Network, cfg: &NetConfig) -> String {
    let field = |key: &str| -> Vec<String> {
        host.lines()
            .filter_map(|l| {
                let mut w = l.split_whitespace();
                (w.next() == Some(key)).then(|| w.map(str::to_string).collect::<Vec<_>>())
            })
            .flatten()
            .collect()
    };
    let host_ns = field("nameserver");
    let nameservers: Vec<String> = if !cfg.dns.is_empty() {
        cfg.dns.clone()
    } else if *net == Network::Host {
        host_ns
    } else {
        let routable: Vec<String> = host_ns.iter().filter(|n| !loopback(n)).cloned().collect();
        match net {
            Network::Pasta if routable.is_empty() => vec![PASTA_DNS.into()],
            Network::Slirp4netns if routable.is_empty() => vec![SLIRP_DNS.into()],
            _ => routable,
        }
    };
    let search = if cfg.dns_search.is_empty() {
        field("search")
    } else {
        cfg.dns_search
            .iter()
            .filter(|s| *s != ".")
            .cloned()
            .collect()
    };
    let options = if cfg.dns_options.is_empty() {
        field("options")
    } else {
        cfg.dns_options.clone()
    };
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for n in nameservers {
        out.push_str(&format!("nameserver {n}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
}

/// /etc/hosts of a container on bridge networks: the usual entries, then its own addresses under
/// its hostname and name (the first address of each network), and the host's address.
pub fn bridge_hosts(
    hostname: &str,
    name: &str,
    cfg: &NetConfig,
    links: &[super::attach::Link],
    host_gateway: Option<&str>,
) -> String {
    let base = hosts(hostname, name, cfg, host_gateway, None);
    let names = if name != hostname && !name.is_empty() {
        format!("{hostname} {name}")
    } else {
        hostname.to_string()
    };
    let mut out = String::new();
    for line in base.lines() {
        // Its real addresses replace the loopback alias of its own name.
        if line.starts_with("127.0.1.1\t") && links.iter().any(|l| !l.ips.is_empty()) {
            for l in links {
                for ip in &l.ips {
                    out.push_str(&format!("{}\t{names}\n", ip.addr()));
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// resolv.conf on bridge networks: the DNS server on the gateways of its networks that have DNS
/// (search domain dns.podman first), else the host's routable resolvers or pasta's forwarder.
pub fn bridge_resolv_conf(host: &str, cfg: &NetConfig, links: &[super::attach::Link]) -> String {
    let mut gateways: Vec<String> = links
        .iter()
        .filter(|l| l.dns)
        .flat_map(|l| l.gateways.iter())
        .map(|g| g.to_string())
        .collect();
    gateways.sort_by_key(|g| g.contains(':'));
    gateways.dedup();
    if gateways.is_empty() || !cfg.dns.is_empty() {
        return resolv_conf(host, &Network::Pasta, cfg);
    }
    let mut with_ours = cfg.clone();
    with_ours.dns = gateways;
    if cfg.dns_search.is_empty() {
        let mut search = vec![super::config::DNS_DOMAIN.to_string()];
        for l in host.lines() {
            let mut w = l.split_whitespace();
            if w.next() == Some("search") {
                search.extend(w.map(str::to_string));
            }
        }
        with_ours.dns_search = search;
    }
    resolv_conf(host, &Network::Pasta, &with_ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTE: &str = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n\
        eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n\
        eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\n";

    #[test]
    fn gateway_from_proc_net_route() {
        assert_eq!(default_gateway(ROUTE).as_deref(), Some("192.0.2.1"));
        assert_eq!(default_gateway("Iface\n"), None);
        assert_eq!(
            host_gateway(&Network::Slirp4netns, "").as_deref(),
            Some("10.0.2.2")
        );
        assert_eq!(host_gateway(&Network::None, ROUTE), None);
    }

    #[test]
    fn hosts_file() {
        let cfg = NetConfig {
            add_hosts: vec![
                "db:10.1.2.3".into(),
                "gw:host-gateway".into(),
                "v6:::1".into(),
            ],
            ..Default::default()
        };
        let h = hosts("abc", "web", &cfg, Some("192.0.2.1"), None);
        assert!(h.starts_with("10.1.2.3\tdb\n192.0.2.1\tgw\n::1\tv6\n127.0.0.1\tlocalhost"));
        assert!(h.contains("127.0.1.1\tabc web\n"));
        assert!(h.contains("192.0.2.1\thost.containers.internal"));
        let none = hosts("abc", "abc", &NetConfig::default(), None, None);
        assert!(!none.contains("host.containers.internal"));
        assert!(none.contains("127.0.1.1\tabc\n"));
    }

    #[test]
    fn add_host_errors() {
        assert!(parse_add_host("x").is_err());
        assert!(parse_add_host("x:notanip").is_err());
        assert_eq!(
            parse_add_host("x:[fd00::1]").unwrap(),
            ("x".into(), "fd00::1".into())
        );
    }

    #[test]
    fn resolv() {
        let host = "search corp.example\nnameserver 127.0.0.53\noptions edns0\n";
        let r = resolv_conf(host, &Network::Pasta, &NetConfig::default());
        assert_eq!(
            r,
            "search corp.example\nnameserver 169.254.1.1\noptions edns0\n"
        );
        let r = resolv_conf(host, &Network::Slirp4netns, &NetConfig::default());
        assert!(r.contains("nameserver 10.0.2.3\n"));
        let r = resolv_conf(
            "nameserver 10.9.9.9\n",
            &Network::Pasta,
            &NetConfig::default(),
        );
        assert_eq!(r, "nameserver 10.9.9.9\n");
        let cfg = NetConfig {
            dns: vec!["1.1.1.1".into()],
            dns_search: vec!["a.example".into()],
            dns_options: vec!["ndots:2".into()],
            ..Default::default()
        };
        assert_eq!(
            resolv_conf(host, &Network::Pasta, &cfg),
            "search a.example\nnameserver 1.1.1.1\noptions ndots:2\n"
        );
        assert!(resolv_conf(host, &Network::Host, &NetConfig::default())
            .contains("nameserver 127.0.0.53"));
    }
}
