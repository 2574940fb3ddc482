//! `inspect` of a container: docker's and podman's JSON shape (the fields scripts and the Docker
//! API's clients read), from the container's record.

use serde_json::{json, Value};

use super::format::rfc3339;
use crate::state::Container;

/// docker's container inspect shape (the fields scripts read).
pub fn container_json(c: &Container) -> Value {
    let (state, _) = super::ps::effective(c);
    let t = |x: Option<i64>| {
        x.map(rfc3339)
            .unwrap_or_else(|| "0001-01-01T00:00:00Z".into())
    };
    json!({
        "Id": c.id,
        "Created": rfc3339(c.created),
        "Path": c.spec.args.first().cloned().unwrap_or_default(),
        "Args": c.spec.args.get(1..).unwrap_or_default(),
        "State": {
            "Status": state,
            "Running": state == "running",
            "Paused": state == "paused",
            "Restarting": false,
            "OOMKilled": c.state.oom_killed,
            "Dead": false,
            "Pid": if matches!(state.as_str(), "running" | "initialized") { c.state.pid } else { 0 },
            "ExitCode": c.state.exit_code.unwrap_or(0),
            "Error": c.state.error.clone().unwrap_or_default(),
            "StartedAt": t(c.state.started_at),
            "Health": {
                "Status": c.state.health_status.clone().unwrap_or_else(|| if c.health.is_some() { "starting".into() } else { String::new() }),
                "FailingStreak": c.state.failing_streak,
            },
            "FinishedAt": t(c.state.finished_at),
            // podman's checkpoint fields (`container checkpoint|restore`).
            "Checkpointed": c.state.checkpointed,
            "CheckpointedAt": t(c.state.checkpointed_at),
            "Restored": c.state.restored_at.is_some(),
            "RestoredAt": t(c.state.restored_at),
            // Kubernetes' readiness (readiness/startup probes from `kube play`); running otherwise.
            "Ready": crate::runtime::checks::is_ready(c),
        },
        // podman's shape: the bare image id, the full name with its tag, the manifest digest.
        "Image": crate::image::store::hex_of(&c.image_id),
        "ImageName": if c.image_name.is_empty() { &c.image } else { &c.image_name },
        "ImageDigest": c.image_digest,
        "Name": c.name,
        "RestartCount": c.state.restart_count,
        "Config": {
            "Hostname": c.spec.hostname,
            "User": c.spec.user,
            "Env": c.spec.env,
            "Cmd": c.spec.args,
            "Image": c.image,
            "WorkingDir": c.spec.cwd,
            "Tty": c.spec.tty,
            "OpenStdin": c.spec.stdin,
            "StopSignal": c.spec.stop_signal.clone().unwrap_or_else(|| "SIGTERM".into()),
            "Labels": c.labels,
            "Annotations": c.annotations,
            "StopTimeout": c.spec.stop_timeout.unwrap_or(10),
        },
        "HostConfig": host_config(c),
        "Mounts": mounts_json(c),
        "NetworkSettings": {
            "Ports": port_json(&super::port::ports_of(c)),
            "Networks": networks_json(c),
            "IPAddress": c.state.networks.first().and_then(|l| l.ips.iter().find(|i| i.addr().is_ipv4())).map(|i| i.addr().to_string()).unwrap_or_default(),
        },
    })
}

/// podman's `NetworkSettings.Networks`: per bridge network, its address, gateway, MAC, aliases.
fn networks_json(c: &Container) -> Value {
    let mut map = serde_json::Map::new();
    for w in c.spec.network.attachments() {
        let link = c.state.networks.iter().find(|l| l.network == w.network);
        let v4 = link.and_then(|l| l.ips.iter().find(|i| i.addr().is_ipv4()));
        let v6 = link.and_then(|l| l.ips.iter().find(|i| i.addr().is_ipv6()));
        let gw = |six: bool| {
            link.and_then(|l| l.gateways.iter().find(|g| g.is_ipv6() == six))
                .map(|g| g.to_string())
                .unwrap_or_default()
        };
        let mut aliases = w.aliases.clone();
        if let Some(l) = link {
            aliases.extend(l.aliases.iter().filter(|a| !w.aliases.contains(a)).cloned());
        }
        // The short id, as docker and podman list it (docker-compose checks for it).
        if !aliases.iter().any(|a| a == c.short_id()) {
            aliases.push(c.short_id().to_string());
        }
        map.insert(
            w.network.clone(),
            json!({
                "NetworkID": link.map(|l| l.network_id.clone()).unwrap_or_else(|| w.network.clone()),
                "IPAddress": v4.map(|i| i.addr().to_string()).unwrap_or_default(),
                "IPPrefixLen": v4.map(|i| i.prefix_len()).unwrap_or(0),
                "Gateway": gw(false),
                "GlobalIPv6Address": v6.map(|i| i.addr().to_string()).unwrap_or_default(),
                "GlobalIPv6PrefixLen": v6.map(|i| i.prefix_len()).unwrap_or(0),
                "IPv6Gateway": gw(true),
                "MacAddress": link.map(|l| l.mac.clone()).unwrap_or_default(),
                "Aliases": aliases,
            }),
        );
    }
    Value::Object(map)
}

/// `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`, docker's shape.
fn port_json(ports: &[crate::network::PortMapping]) -> Value {
    let mut map = serde_json::Map::new();
    for m in ports {
        let key = format!("{}/{}", m.container_port, m.protocol.as_str());
        let entry = map.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(v) = entry {
            v.push(json!({
                "HostIp": m.host_ip,
                "HostPort": if m.host_port == 0 { String::new() } else { m.host_port.to_string() },
            }));
        }
    }
    Value::Object(map)
}

/// docker's HostConfig: what the container was created with (limits, mounts, namespaces).
fn host_config(c: &Container) -> Value {
    let s = &c.spec;
    let r = &s.resources;
    let nano_cpus = match (r.cpu_quota, r.cpu_period) {
        (Some(q), Some(p)) if q > 0 && p > 0 => q as u64 * 1_000_000_000 / p,
        (Some(q), None) if q > 0 => q as u64 * 10_000,
        _ => 0,
    };
    let device_rates = |v: &[(String, u64)], key: &str| -> Value {
        v.iter()
            .map(|(dev, n)| json!({ "Path": dev, key: n }))
            .collect()
    };
    let binds: Vec<String> = s
        .mounts
        .iter()
        .filter(|m| m.tmpfs.is_none())
        .map(|m| {
            let src = m
                .volume
                .clone()
                .unwrap_or_else(|| m.source.display().to_string());
            let mode = if m.readonly { "ro" } else { "rw" };
            format!("{src}:{}:{mode}", m.target)
        })
        .collect();
    let tmpfs: serde_json::Map<String, Value> = s
        .tmpfs
        .iter()
        .map(|t| (t.path.clone(), json!(t.options)))
        .chain(
            s.mounts
                .iter()
                .filter(|m| m.tmpfs.is_some() && m.volume.is_none())
                .map(|m| (m.target.clone(), json!(m.tmpfs.clone().unwrap_or_default()))),
        )
        .collect();
    let mut log_config = serde_json::Map::new();
    if let Some(n) = s.log.max_size {
        log_config.insert("max-size".into(), json!(n.to_string()));
    }
    if let Some(n) = s.log.max_file {
        log_config.insert("max-file".into(), json!(n.to_string()));
    }
    if let Some(p) = &s.log.path {
        log_config.insert("path".into(), json!(p));
    }
    let devices: Vec<Value> = s
        .devices
        .iter()
        .map(|d| {
            json!({
                "PathOnHost": d.host,
                "PathInContainer": d.container,
                "CgroupPermissions": if d.readonly { "r" } else { "rwm" },
            })
        })
        .collect();
    let ulimits: Vec<Value> = s
        .rlimits
        .iter()
        .map(|l| json!({ "Name": l.resource, "Soft": l.soft, "Hard": l.hard }))
        .collect();
    let weights: Vec<Value> = r
        .blkio_weight_device
        .iter()
        .map(|(d, w)| json!({ "Path": d, "Weight": w }))
        .collect();
    let mut config = json!({
        "AutoRemove": c.auto_remove,
        "RestartPolicy": {
            "Name": c.restart_policy.as_deref().map_or("no", |p| p.split(':').next().unwrap_or(p)),
            "MaximumRetryCount": c.restart_policy.as_deref()
                .and_then(|p| p.split_once(':')).and_then(|(_, n)| n.parse::<u32>().ok()).unwrap_or(0),
        },
        "Privileged": s.privileged,
        "ReadonlyRootfs": s.read_only,
        "CapAdd": Value::Null,
        "CapDrop": Value::Null,
        "NetworkMode": s.network.name(),
        "PortBindings": port_json(&s.net.ports),
        "Binds": binds,
        "Tmpfs": tmpfs,
        "Dns": s.net.dns,
        "DnsSearch": s.net.dns_search,
        "DnsOptions": s.net.dns_options,
        "ExtraHosts": s.net.add_hosts,
        "Init": s.init,
        "LogConfig": {
            "Type": if s.log.driver.is_empty() { "k8s-file" } else { &s.log.driver },
            "Config": log_config,
        },
    });
    let limits = json!({
        "Memory": r.memory.unwrap_or(0),
        "MemoryReservation": r.memory_reservation.unwrap_or(0),
        "MemorySwap": r.memory_swap.unwrap_or(0),
        "MemorySwappiness": r.memory_swappiness.map_or(-1, |v| v as i64),
        "OomKillDisable": r.oom_kill_disable,
        "NanoCpus": nano_cpus,
        "CpuShares": r.cpu_shares.unwrap_or(0),
        "CpuPeriod": r.cpu_period.unwrap_or(0),
        "CpuQuota": r.cpu_quota.unwrap_or(0),
        "CpuRealtimePeriod": r.cpu_rt_period.unwrap_or(0),
        "CpuRealtimeRuntime": r.cpu_rt_runtime.unwrap_or(0),
        "CpusetCpus": r.cpuset_cpus.clone().unwrap_or_default(),
        "CpusetMems": r.cpuset_mems.clone().unwrap_or_default(),
        "PidsLimit": r.pids_limit.unwrap_or(0),
        "BlkioWeight": r.blkio_weight.unwrap_or(0),
        "BlkioWeightDevice": weights,
        "BlkioDeviceReadBps": device_rates(&r.device_read_bps, "Rate"),
        "BlkioDeviceWriteBps": device_rates(&r.device_write_bps, "Rate"),
        "BlkioDeviceReadIOps": device_rates(&r.device_read_iops, "Rate"),
        "BlkioDeviceWriteIOps": device_rates(&r.device_write_iops, "Rate"),
        "CgroupParent": r.parent.clone().unwrap_or_default(),
        "CgroupnsMode": if s.cgroupns_host { "host" } else { "private" },
        "OomScoreAdj": s.oom_score_adj.unwrap_or(0),
        "ShmSize": s.shm_size.unwrap_or(64 << 20),
        "Devices": devices,
        "Sysctls": s.sysctls.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "Ulimits": ulimits,
        "PidMode": if s.pid_host { "host" } else { "private" },
        "UTSMode": if s.uts_host { "host" } else { "private" },
        "IpcMode": if s.ipc.is_empty() { "private" } else { &s.ipc },
    });
    if let (Some(all), Value::Object(more)) = (config.as_object_mut(), limits) {
        all.extend(more);
    }
    config
}

/// docker's Mounts: volumes, binds and tmpfs mounts as the container sees them.
fn mounts_json(c: &Container) -> Value {
    c.spec
        .mounts
        .iter()
        .map(|m| {
            let kind = match (&m.volume, &m.tmpfs) {
                (Some(_), _) => "volume",
                (None, Some(_)) => "tmpfs",
                (None, None) => "bind",
            };
            json!({
                "Type": kind,
                "Name": m.volume.clone().unwrap_or_default(),
                "Source": m.source,
                "Destination": m.target,
                "Driver": if kind == "volume" { "local" } else { "" },
                "Mode": "",
                "RW": !m.readonly,
                "Propagation": m.propagation.clone().unwrap_or_else(|| {
                    if kind == "bind" { "rprivate".into() } else { String::new() }
                }),
            })
        })
        .collect()
}
