//! Published ports: parsing `-p [ip:][hostPort:]containerPort[/tcp|udp]` (ranges included) and the
//! way `ps`, `port` and `inspect` show them. Pure; unit-tested.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    pub fn as_str(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
        }
    }
}

/// One published port. `host_ip` empty = every address (IPv4 and IPv6); `host_port` 0 = a free
/// port chosen at start.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PortMapping {
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    pub protocol: Proto,
}

impl PortMapping {
    /// `0.0.0.0:8080->80/tcp`, as the PORTS column of `podman ps` shows it.
    pub fn ps_form(&self) -> String {
        format!(
            "{}:{}->{}/{}",
            self.display_ip(),
            self.host_port,
            self.container_port,
            self.protocol.as_str()
        )
    }

    /// `80/tcp -> 0.0.0.0:8080`, as `podman port` prints it.
    pub fn port_form(&self) -> String {
        format!(
            "{}/{} -> {}:{}",
            self.container_port,
            self.protocol.as_str(),
            self.display_ip(),
            self.host_port
        )
    }

    pub fn display_ip(&self) -> String {
        if self.host_ip.is_empty() {
            "0.0.0.0".into()
        } else if self.host_ip.contains(':') {
            format!("[{}]", self.host_ip)
        } else {
            self.host_ip.clone()
        }
    }
}

fn bad(spec: &str, why: &str) -> String {
    format!("invalid -p/--publish {spec:?}: {why} (use [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp])")
}

fn port_range(s: &str, spec: &str) -> Result<(u16, u16), String> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let p = |x: &str| -> Result<u16, String> {
        x.parse::<u16>()
            .map_err(|_| bad(spec, &format!("{x:?} is not a port number")))
    };
    let (a, b) = (p(a)?, p(b)?);
    if b < a {
        return Err(bad(spec, "a range must go upwards"));
    }
    Ok((a, b))
}

/// Parse one `-p` value into one mapping per port of its range.
pub fn parse(spec: &str) -> Result<Vec<PortMapping>, String> {
    let (rest, protocol) = match spec.rsplit_once('/') {
        Some((r, "tcp")) => (r, Proto::Tcp),
        Some((r, "udp")) => (r, Proto::Udp),
        Some((_, p)) => return Err(bad(spec, &format!("protocol {p:?} is not tcp or udp"))),
        None => (spec, Proto::Tcp),
    };
    // An IPv6 host address is bracketed: [::1]:8080:80.
    let (host_ip, rest) = if let Some(r) = rest.strip_prefix('[') {
        let (ip, r) = r
            .split_once("]:")
            .ok_or_else(|| bad(spec, "an IPv6 address needs brackets: [::1]:8080:80"))?;
        (ip.to_string(), r.to_string())
    } else {
        let parts: Vec<&str> = rest.split(':').collect();
        match parts.len() {
            1 | 2 => (String::new(), rest.to_string()),
            3 => (parts[0].to_string(), format!("{}:{}", parts[1], parts[2])),
            _ => return Err(bad(spec, "too many ':'")),
        }
    };
    if !host_ip.is_empty() && host_ip.parse::<std::net::IpAddr>().is_err() {
        return Err(bad(spec, &format!("{host_ip:?} is not an IP address")));
    }
    let (host, container) = match rest.split_once(':') {
        Some((h, c)) => (Some(h).filter(|h| !h.is_empty()), c),
        None => (None, rest.as_str()),
    };
    let (c0, c1) = port_range(container, spec)?;
    if c0 == 0 {
        return Err(bad(spec, "the container port cannot be 0"));
    }
    let hosts: Vec<u16> = match host {
        None => vec![0; (c1 - c0 + 1) as usize],
        Some(h) => {
            let (h0, h1) = port_range(h, spec)?;
            if h1 - h0 != c1 - c0 {
                if c0 == c1 {
                    // docker: a host range for one container port means "the first free of these";
                    // we take the first.
                    vec![h0]
                } else {
                    return Err(bad(spec, "host and container ranges differ in length"));
                }
            } else {
                (h0..=h1).collect()
            }
        }
    };
    Ok(hosts
        .into_iter()
        .zip(c0..=c1)
        .map(|(host_port, container_port)| PortMapping {
            host_ip: host_ip.clone(),
            host_port,
            container_port,
            protocol,
        })
        .collect())
}

/// `-P`: every port the image EXPOSEs (`80/tcp`, `53/udp`, `8080`) on a free host port.
pub fn exposed(keys: &[String]) -> Vec<PortMapping> {
    keys.iter()
        .filter_map(|k| {
            let (p, proto) = k.split_once('/').unwrap_or((k, "tcp"));
            let protocol = match proto {
                "udp" => Proto::Udp,
                "tcp" => Proto::Tcp,
                _ => return None,
            };
            Some(PortMapping {
                host_ip: String::new(),
                host_port: 0,
                container_port: p.parse().ok()?,
                protocol,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(ip: &str, h: u16, c: u16, p: Proto) -> PortMapping {
        PortMapping {
            host_ip: ip.into(),
            host_port: h,
            container_port: c,
            protocol: p,
        }
    }

    #[test]
    fn forms() {
        assert_eq!(parse("80").unwrap(), vec![m("", 0, 80, Proto::Tcp)]);
        assert_eq!(parse("8080:80").unwrap(), vec![m("", 8080, 80, Proto::Tcp)]);
        assert_eq!(
            parse("127.0.0.1:8080:80/udp").unwrap(),
            vec![m("127.0.0.1", 8080, 80, Proto::Udp)]
        );
        assert_eq!(
            parse("127.0.0.1::80").unwrap(),
            vec![m("127.0.0.1", 0, 80, Proto::Tcp)]
        );
        assert_eq!(
            parse("[::1]:8080:80").unwrap(),
            vec![m("::1", 8080, 80, Proto::Tcp)]
        );
        assert_eq!(
            parse("8080-8081:80-81").unwrap(),
            vec![m("", 8080, 80, Proto::Tcp), m("", 8081, 81, Proto::Tcp)]
        );
        assert_eq!(parse("80-81").unwrap().len(), 2);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(parse("80/sctp").unwrap_err().contains("sctp"));
        assert!(parse("x:80").unwrap_err().contains("\"x\""));
        assert!(parse("8080-8082:80-81").unwrap_err().contains("length"));
        assert!(parse("1.2.3:80:80").unwrap_err().contains("IP address"));
        assert!(parse("0").is_err());
        assert!(parse("70000").is_err());
    }

    #[test]
    fn display() {
        let a = m("", 8080, 80, Proto::Tcp);
        assert_eq!(a.ps_form(), "0.0.0.0:8080->80/tcp");
        assert_eq!(a.port_form(), "80/tcp -> 0.0.0.0:8080");
        assert_eq!(m("::1", 1, 2, Proto::Udp).ps_form(), "[::1]:1->2/udp");
    }

    #[test]
    fn exposed_ports() {
        let e = exposed(&["80/tcp".into(), "53/udp".into(), "x".into(), "9000".into()]);
        assert_eq!(e.len(), 3);
        assert_eq!(e[1], m("", 0, 53, Proto::Udp));
    }
}
