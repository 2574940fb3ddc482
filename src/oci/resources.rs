//! `linux.resources` as cgroup file writes: (controller, file, value) in the order they must
//! happen, for v1 and v2. Pure functions, tested on their own.

use oci_spec::runtime::{LinuxDeviceCgroup, LinuxResources};

pub type Write = (String, String, String);

pub fn dev_rule(d: &LinuxDeviceCgroup) -> String {
    let typ = d
        .typ()
        .map(|t| {
            serde_json::to_value(t)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "a".into())
        })
        .unwrap_or_else(|| "a".into());
    let num = |n: Option<i64>| {
        n.filter(|n| *n >= 0)
            .map(|n| n.to_string())
            .unwrap_or_else(|| "*".into())
    };
    format!(
        "{typ} {}:{} {}",
        num(d.major()),
        num(d.minor()),
        d.access().clone().unwrap_or_else(|| "rwm".into())
    )
}

/// The v1 writes for `resources`: (controller, file, value), in the order they must happen.
pub fn writes_v1(r: &LinuxResources) -> Vec<Write> {
    let mut w: Vec<Write> = Vec::new();
    let mut put = |c: &str, f: &str, v: String| w.push((c.to_string(), f.to_string(), v));
    if let Some(m) = r.memory() {
        if let Some(v) = m.limit() {
            put("memory", "memory.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.reservation() {
            put("memory", "memory.soft_limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.swap() {
            put("memory", "memory.memsw.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.kernel() {
            put("memory", "memory.kmem.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.kernel_tcp() {
            put("memory", "memory.kmem.tcp.limit_in_bytes", v.to_string());
        }
        if let Some(v) = m.swappiness() {
            put("memory", "memory.swappiness", v.to_string());
        }
        if m.disable_oom_killer() == Some(true) {
            put("memory", "memory.oom_control", "1".into());
        }
    }
    if let Some(c) = r.cpu() {
        if let Some(v) = c.shares() {
            put("cpu", "cpu.shares", v.to_string());
        }
        if let Some(v) = c.period() {
            put("cpu", "cpu.cfs_period_us", v.to_string());
        }
        if let Some(v) = c.quota() {
            put("cpu", "cpu.cfs_quota_us", v.to_string());
        }
        if let Some(v) = c.realtime_period() {
            put("cpu", "cpu.rt_period_us", v.to_string());
        }
        if let Some(v) = c.realtime_runtime() {
            put("cpu", "cpu.rt_runtime_us", v.to_string());
        }
        if let Some(v) = c.cpus() {
            put("cpuset", "cpuset.cpus", v.clone());
        }
        if let Some(v) = c.mems() {
            put("cpuset", "cpuset.mems", v.clone());
        }
    }
    if let Some(p) = r.pids() {
        let v = if p.limit() > 0 {
            p.limit().to_string()
        } else {
            "max".into()
        };
        put("pids", "pids.max", v);
    }
    if let Some(b) = r.block_io() {
        if let Some(v) = b.weight() {
            put("blkio", "blkio.weight", v.to_string());
        }
        if let Some(v) = b.leaf_weight() {
            put("blkio", "blkio.leaf_weight", v.to_string());
        }
        for d in b.weight_device().iter().flatten() {
            if let Some(v) = d.weight() {
                put(
                    "blkio",
                    "blkio.weight_device",
                    format!("{}:{} {v}", d.major(), d.minor()),
                );
            }
            if let Some(v) = d.leaf_weight() {
                put(
                    "blkio",
                    "blkio.leaf_weight_device",
                    format!("{}:{} {v}", d.major(), d.minor()),
                );
            }
        }
        for (file, list) in [
            (
                "blkio.throttle.read_bps_device",
                b.throttle_read_bps_device(),
            ),
            (
                "blkio.throttle.write_bps_device",
                b.throttle_write_bps_device(),
            ),
            (
                "blkio.throttle.read_iops_device",
                b.throttle_read_iops_device(),
            ),
            (
                "blkio.throttle.write_iops_device",
                b.throttle_write_iops_device(),
            ),
        ] {
            for d in list.iter().flatten() {
                put(
                    "blkio",
                    file,
                    format!("{}:{} {}", d.major(), d.minor(), d.rate()),
                );
            }
        }
    }
    for h in r.hugepage_limits().iter().flatten() {
        put(
            "hugetlb",
            &format!("hugetlb.{}.limit_in_bytes", h.page_size()),
            h.limit().to_string(),
        );
    }
    if let Some(n) = r.network() {
        if let Some(v) = n.class_id() {
            put("net_cls", "net_cls.classid", v.to_string());
        }
        for p in n.priorities().iter().flatten() {
            put(
                "net_prio",
                "net_prio.ifpriomap",
                format!("{} {}", p.name(), p.priority()),
            );
        }
    }
    for d in r.devices().iter().flatten() {
        let file = if d.allow() {
            "devices.allow"
        } else {
            "devices.deny"
        };
        put("devices", file, dev_rule(d));
    }
    w
}

/// The v2 writes (controller, file, value); the controller says which to enable in the parent.
pub fn writes_v2(r: &LinuxResources) -> Vec<Write> {
    let mut w: Vec<Write> = Vec::new();
    let mut put = |c: &str, f: &str, v: String| w.push((c.to_string(), f.to_string(), v));
    let max = |v: i64| {
        if v < 0 {
            "max".to_string()
        } else {
            v.to_string()
        }
    };
    if let Some(m) = r.memory() {
        if let Some(v) = m.limit() {
            put("memory", "memory.max", max(v));
        }
        if let Some(v) = m.reservation() {
            put("memory", "memory.low", max(v));
        }
        // v2 limits swap alone: memory+swap minus memory.
        if let Some(s) = m.swap() {
            let v = match m.limit() {
                _ if s < 0 => "max".to_string(),
                Some(l) if l >= 0 => (s - l).max(0).to_string(),
                _ => s.to_string(),
            };
            put("memory", "memory.swap.max", v);
        }
    }
    if let Some(c) = r.cpu() {
        if let Some(s) = c.shares() {
            // runc's conversion of shares (2..262144) to weight (1..10000).
            let w = 1 + ((s.clamp(2, 262_144) - 2) * 9999) / 262_142;
            put("cpu", "cpu.weight", w.to_string());
        }
        if c.quota().is_some() || c.period().is_some() {
            let q = c
                .quota()
                .filter(|q| *q > 0)
                .map(|q| q.to_string())
                .unwrap_or_else(|| "max".into());
            put(
                "cpu",
                "cpu.max",
                format!("{q} {}", c.period().unwrap_or(100000)),
            );
        }
        if let Some(v) = c.cpus() {
            put("cpuset", "cpuset.cpus", v.clone());
        }
        if let Some(v) = c.mems() {
            put("cpuset", "cpuset.mems", v.clone());
        }
    }
    if let Some(p) = r.pids() {
        put(
            "pids",
            "pids.max",
            if p.limit() > 0 {
                p.limit().to_string()
            } else {
                "max".into()
            },
        );
    }
    if let Some(b) = r.block_io() {
        // blkio weight 10..1000 -> io weight 1..10000.
        let io_weight = |w: u16| 1 + ((w.clamp(10, 1000) - 10) as u64 * 9999) / 990;
        if let Some(v) = b.weight() {
            put("io", "io.weight", format!("default {}", io_weight(v)));
        }
        for d in b.weight_device().iter().flatten() {
            if let Some(v) = d.weight() {
                let dev = format!("{}:{}", d.major(), d.minor());
                put("io", "io.weight", format!("{dev} {}", io_weight(v)));
            }
        }
        for (key, list) in [
            ("rbps", b.throttle_read_bps_device()),
            ("wbps", b.throttle_write_bps_device()),
            ("riops", b.throttle_read_iops_device()),
            ("wiops", b.throttle_write_iops_device()),
        ] {
            for d in list.iter().flatten() {
                put(
                    "io",
                    "io.max",
                    format!("{}:{} {key}={}", d.major(), d.minor(), d.rate()),
                );
            }
        }
    }
    for h in r.hugepage_limits().iter().flatten() {
        put(
            "hugetlb",
            &format!("hugetlb.{}.max", h.page_size()),
            h.limit().to_string(),
        );
    }
    // `unified`: files written as given, after the rest; the controller is the file's prefix
    // (cgroup.* files belong to no controller). Names are checked by whoever writes them
    // ([`unified_file_ok`]).
    let mut raw: Vec<(&String, &String)> = r.unified().iter().flatten().collect();
    raw.sort();
    for (k, v) in raw {
        let c = k.split('.').next().filter(|c| *c != "cgroup").unwrap_or("");
        put(c, k, v.clone());
    }
    w
}

/// A `unified` key names a file of the container's own cgroup: no path, no hidden name.
pub fn unified_file_ok(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && !name.starts_with('.')
}

pub fn has_limits(r: &LinuxResources) -> bool {
    !writes_v1(r).iter().all(|(c, _, _)| c == "devices")
}

/// Device nodes every container gets, and those `linux.devices` creates, stay usable whatever
/// the device rules say (as runc and crun do): allow rules appended after the config's.
pub fn implicit_allows(devices: &[oci_spec::runtime::LinuxDevice]) -> Vec<String> {
    let mut v: Vec<String> = [
        "c 1:3 rwm",
        "c 1:5 rwm",
        "c 1:7 rwm",
        "c 1:8 rwm",
        "c 1:9 rwm",
        "c 5:0 rwm",
        "c 5:1 rwm",
        "c 5:2 rwm",
        "c 136:* rwm",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for d in devices {
        let t = match d.typ() {
            oci_spec::runtime::LinuxDeviceType::B => "b",
            oci_spec::runtime::LinuxDeviceType::P => continue,
            _ => "c",
        };
        v.push(format!("{t} {}:{} rwm", d.major(), d.minor()));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_become_writes() {
        let r: LinuxResources = serde_json::from_value(serde_json::json!({
            "memory": {"limit": 33554432, "swap": 67108864},
            "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0"},
            "pids": {"limit": 10},
            "devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rw"}]
        })).unwrap();
        let w = writes_v1(&r);
        let find = |f: &str| w.iter().find(|x| x.1 == f).map(|x| x.2.clone());
        assert_eq!(find("memory.limit_in_bytes").as_deref(), Some("33554432"));
        assert_eq!(find("pids.max").as_deref(), Some("10"));
        assert_eq!(find("devices.deny").as_deref(), Some("a *:* rwm"));
        assert_eq!(find("devices.allow").as_deref(), Some("c 1:3 rw"));
        let pos = |f: &str| w.iter().position(|x| x.1 == f).unwrap();
        assert!(pos("cpu.cfs_period_us") < pos("cpu.cfs_quota_us"));
        assert!(pos("memory.limit_in_bytes") < pos("memory.memsw.limit_in_bytes"));
        let w2 = writes_v2(&r);
        let find2 = |f: &str| w2.iter().find(|x| x.1 == f).map(|x| x.2.clone());
        assert_eq!(find2("memory.swap.max").as_deref(), Some("33554432"));
        assert_eq!(find2("cpu.max").as_deref(), Some("50000 100000"));
        assert!(!has_limits(
            &serde_json::from_value(
                serde_json::json!({"devices": [{"allow": false, "access": "rwm"}]})
            )
            .unwrap()
        ));
    }
}
