//! `POST /containers/create`: Docker's container config (typed by bollard's models of the Engine
//! API, unknown fields refused) becomes the engine's `ContainerRequest`, as the CLI's flags and
//! kube's pod specs do. The image must be in the store (docker's CLI pulls on a 404 and retries).

use std::collections::BTreeMap;

use bollard_stubs::models::{ContainerCreateBody, HostConfig, Mount, MountTypeEnum};
use hyper::StatusCode;
use serde_json::json;

use super::http::{blocking, json, read_json, status, ApiError, ApiResult};
use super::Call;
use crate::image::registries::RegistriesConf;
use crate::image::store::{find, Store};
use crate::network::{NetAttach, Network, PortMapping, Proto};
use crate::runtime::create::{ContainerRequest, ImageSource};
use crate::runtime::spec::{self, UserMount};
use crate::state::names;
use crate::storage::{LockMode, Paths};

pub async fn create(call: Call) -> ApiResult {
    let name = call
        .query
        .get("name")
        .filter(|n| !n.is_empty())
        .map(|n| n.trim_start_matches('/').to_string());
    if let Some(n) = &name {
        if !names::valid(n) {
            return Err(ApiError::bad(format!(
                "Invalid container name ({n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )));
        }
    }
    if let Some(p) = call.query.get("platform").filter(|p| !p.is_empty()) {
        let here = format!(
            "linux/{}",
            crate::system::info::go_arch(std::env::consts::ARCH)
        );
        if !p.starts_with(&here) {
            return Err(ApiError::bad(format!(
                "platform {p}: skiff runs containers for {here} only"
            )));
        }
    }
    let paths = call.paths();
    let body: ContainerCreateBody = read_json(call.body()).await?;
    let (id, warnings) = blocking(move || make(&paths, name, body)).await?;
    Ok(json(
        StatusCode::CREATED,
        &json!({"Id": id, "Warnings": warnings}),
    ))
}

fn bad(msg: impl Into<String>) -> anyhow::Error {
    status(StatusCode::BAD_REQUEST, msg)
}

/// Errors of the request itself (paths, names, values) are the client's: 400.
fn client<T>(r: anyhow::Result<T>) -> anyhow::Result<T> {
    r.map_err(|e| {
        if e.downcast_ref::<super::http::Status>().is_some() {
            e
        } else {
            bad(format!("{e:#}"))
        }
    })
}

fn make(
    paths: &Paths,
    name: Option<String>,
    b: ContainerCreateBody,
) -> anyhow::Result<(String, Vec<String>)> {
    let mut warnings = Vec::new();
    let image_name =
        b.image.clone().filter(|i| !i.is_empty()).ok_or_else(|| {
            bad("config.Image is required: the image to create the container from")
        })?;
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let record = {
        let _g = store.lock_images(LockMode::Shared)?;
        find(&store.load()?, &image_name, &search)
            .map_err(|_| {
                status(
                    StatusCode::NOT_FOUND,
                    format!("No such image: {image_name}"),
                )
            })?
            .clone()
    };
    let config = store.config(&record.id)?;
    let h = b.host_config.clone().unwrap_or_default();
    let network = client(network_of(paths, &b, &h))?;
    let mut ports = client(ports_of(&h))?;
    if h.publish_all_ports == Some(true) {
        let mut keys: Vec<String> = config
            .config
            .exposed_ports
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        keys.extend(b.exposed_ports.iter().flatten().map(|(k, _)| k.clone()));
        for m in crate::network::portspec::exposed(&keys) {
            if !ports
                .iter()
                .any(|p| p.container_port == m.container_port && p.protocol == m.protocol)
            {
                ports.push(m);
            }
        }
    }
    if !ports.is_empty() && !network.can_publish() {
        return Err(bad(format!(
            "ports cannot be published with network mode {}",
            network.name()
        )));
    }
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    let image_volumes: Vec<String> = config
        .config
        .volumes
        .iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .chain(b.volumes.iter().flatten().map(|(k, _)| k.clone()))
        .collect();
    let binds = h.binds.clone().unwrap_or_default();
    for bind in &binds {
        check_bind_source(bind.split(':').next().unwrap_or(""), bind.contains(':'))?;
    }
    let mut mounts = client(crate::cli::mounts::resolve(
        &vstore,
        &binds,
        &[],
        &[],
        crate::cli::mounts::ImageVolumes::Bind,
    ))?;
    for m in h.mounts.iter().flatten() {
        let um = client(typed_mount(&vstore, m))?;
        if mounts.iter().any(|x| x.target == um.target) {
            return Err(bad(format!("Duplicate mount point: {}", um.target)));
        }
        mounts.push(um);
    }
    for (target, opts) in h.tmpfs.iter().flatten() {
        let target = client(crate::cli::mounts::check_target(target, "Tmpfs"))?;
        if mounts.iter().any(|x| x.target == target) {
            return Err(bad(format!("Duplicate mount point: {target}")));
        }
        mounts.push(UserMount {
            target,
            tmpfs: Some(if opts.is_empty() {
                "mode=1777".into()
            } else {
                opts.clone()
            }),
            ..Default::default()
        });
    }
    // The image's (and the body's) VOLUMEs: anonymous volumes where nothing else is mounted.
    for t in &image_volumes {
        let Ok(target) = crate::cli::mounts::check_target(t, "VOLUME") else {
            continue;
        };
        if !mounts.iter().any(|m| m.target == target) {
            mounts.push(crate::cli::mounts::volume_mount(
                &vstore, None, target, false,
            )?);
        }
    }
    let resources = resources_of(&h, &mut warnings);
    let restart = match h.restart_policy.as_ref().and_then(|r| r.name) {
        None => None,
        Some(p) => {
            let p = p.to_string();
            match (
                p.as_str(),
                h.restart_policy
                    .as_ref()
                    .and_then(|r| r.maximum_retry_count),
            ) {
                ("" | "no", _) => None,
                ("on-failure", Some(n)) if n > 0 => Some(format!("on-failure:{n}")),
                (p, _) => Some(p.to_string()),
            }
        }
    };
    let auto_remove = h.auto_remove.unwrap_or(false);
    if auto_remove && restart.is_some() {
        return Err(bad(
            "conflicting options: AutoRemove and a RestartPolicy cannot be combined",
        ));
    }
    let health_src = b
        .healthcheck
        .as_ref()
        .filter(|hc| hc.test.as_ref().is_some_and(|t| !t.is_empty()))
        .map(|hc| serde_json::to_value(hc).unwrap_or_default())
        .or_else(|| config.config.healthcheck.clone());
    let health = client(crate::runtime::health::from_flags(
        None,
        None,
        None,
        None,
        None,
        false,
        health_src.as_ref(),
    ))?
    .map(|mut hc| {
        hc.on_failure = "none".into();
        hc
    });
    let mut labels: BTreeMap<String, String> = config
        .config
        .labels
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    labels.extend(b.labels.clone().unwrap_or_default());
    let entrypoint = match b.entrypoint.as_deref() {
        None | Some([]) => None,
        Some([e]) if e.is_empty() => Some(String::new()),
        Some(e) => Some(serde_json::to_string(e)?),
    };
    let log = match h.log_config.as_ref().and_then(|l| l.typ.clone()) {
        None => crate::runtime::logfile::LogConfig::parse("k8s-file", &[], true)?,
        Some(t) => {
            let driver = match t.as_str() {
                "" | "json-file" | "local" | "k8s-file" => "k8s-file",
                "none" | "journald" => t.as_str(),
                other => return Err(bad(format!("logging driver {other:?} is not supported: json-file, k8s-file, journald or none"))),
            };
            let opts: Vec<String> = h
                .log_config
                .as_ref()
                .and_then(|l| l.config.clone())
                .unwrap_or_default()
                .into_iter()
                .filter(|(k, _)| matches!(k.as_str(), "max-size" | "max-file" | "tag"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            client(crate::runtime::logfile::LogConfig::parse(
                driver, &opts, true,
            ))?
        }
    };
    if let Some(d) = b.domainname.as_deref().filter(|d| !d.is_empty()) {
        warnings.push(format!(
            "Domainname {d} is not set: skiff sets only the host name"
        ));
    }
    let opts = spec::Options {
        command: b.cmd.clone().unwrap_or_default(),
        entrypoint,
        env: b
            .env
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.contains('='))
            .collect(),
        workdir: b.working_dir.clone().filter(|w| !w.is_empty()),
        user: b.user.clone().filter(|u| !u.is_empty()),
        group_add: h.group_add.clone().unwrap_or_default(),
        hostname: b.hostname.clone().filter(|n| !n.is_empty()),
        tty: b.tty.unwrap_or(false),
        interactive: b.open_stdin.unwrap_or(false),
        read_only: h.readonly_rootfs.unwrap_or(false),
        cap_add: h.cap_add.clone().unwrap_or_default(),
        cap_drop: h.cap_drop.clone().unwrap_or_default(),
        privileged: h.privileged.unwrap_or(false),
        security_opt: h.security_opt.clone().unwrap_or_default(),
        network,
        net: crate::network::NetConfig {
            ports,
            dns: h.dns.clone().unwrap_or_default(),
            dns_search: h.dns_search.clone().unwrap_or_default(),
            dns_options: h.dns_options.clone().unwrap_or_default(),
            add_hosts: h.extra_hosts.clone().unwrap_or_default(),
        },
        mounts,
        ulimits: h
            .ulimits
            .iter()
            .flatten()
            .filter_map(|u| Some(format!("{}={}:{}", u.name.as_ref()?, u.soft?, u.hard?)))
            .collect(),
        init: h.init.unwrap_or(false),
        stop_signal: b.stop_signal.clone().filter(|s| !s.is_empty()),
        http_proxy: false,
        shm_size: h.shm_size.filter(|s| *s > 0).map(|s| s.to_string()),
        oom_score_adj: h.oom_score_adj.filter(|o| *o != 0).map(|o| o as i32),
        devices: h
            .devices
            .iter()
            .flatten()
            .filter_map(|d| {
                let host = d.path_on_host.clone()?;
                let ctr = d.path_in_container.clone().unwrap_or_else(|| host.clone());
                let perms = d.cgroup_permissions.clone().unwrap_or_else(|| "rwm".into());
                Some(format!("{host}:{ctr}:{perms}"))
            })
            .collect(),
        sysctls: h
            .sysctls
            .iter()
            .flatten()
            .map(|(k, v)| format!("{k}={v}"))
            .collect(),
        stop_timeout: b.stop_timeout.filter(|t| *t >= 0).map(|t| t as u64),
        resources,
        pid: h.pid_mode.clone().filter(|m| !m.is_empty()),
        uts: h.uts_mode.clone().filter(|m| !m.is_empty()),
        ipc: h
            .ipc_mode
            .clone()
            .filter(|m| !m.is_empty() && m != "private" && m != "shareable"),
        log,
        ..Default::default()
    };
    if let Some(s) = &opts.stop_signal {
        client(crate::cli::lifecycle::parse_signal(s))?;
    }
    let mapping = crate::userns::IdMapping::for_current_user()?;
    let id = names::random_id();
    let req = ContainerRequest {
        name,
        auto_remove,
        restart_policy: restart,
        labels,
        health,
        ..ContainerRequest::internal(
            id,
            String::new(),
            ImageSource::Image {
                record,
                config: Box::new(config.config),
                given: image_name,
            },
            opts,
            mapping,
            vec!["docker".into(), "create".into()],
        )
    };
    let c = crate::runtime::create::create(paths, &store, req).map_err(|e| {
        if let Some(crate::state::store::StateError::NameInUse { name, id }) = e.downcast_ref() {
            status(
                StatusCode::CONFLICT,
                format!(
                    "Conflict. The container name \"/{name}\" is already in use by container \
                     \"{id}\". You have to remove (or rename) that container to be able to reuse \
                     that name."
                ),
            )
        } else {
            e
        }
    })?;
    Ok((c.id, warnings))
}

/// A bind's host path: absolute, readable by this user, and not the host's root.
fn check_bind_source(src: &str, is_bind: bool) -> anyhow::Result<()> {
    if !is_bind || !src.starts_with('/') {
        return Ok(()); // a named volume, or an anonymous one
    }
    if std::path::Path::new(src).components().count() <= 1 {
        return Err(bad(format!(
            "bind source {src:?}: binding the host's root directory is refused (it would hand \
             the container every file you can reach); bind the directories it needs"
        )));
    }
    if nix::unistd::access(src, nix::unistd::AccessFlags::R_OK).is_err() {
        return Err(bad(format!(
            "bind source {src}: not readable by you (or it does not exist); the container runs \
             with your permissions"
        )));
    }
    Ok(())
}

fn typed_mount(vstore: &crate::state::volume::VolumeStore, m: &Mount) -> anyhow::Result<UserMount> {
    let target =
        crate::cli::mounts::check_target(m.target.as_deref().unwrap_or(""), "Mounts.Target")?;
    let ro = m.read_only.unwrap_or(false);
    Ok(match m.typ {
        Some(MountTypeEnum::BIND) | None => {
            let src = m.source.clone().unwrap_or_default();
            check_bind_source(&src, true)?;
            if !src.starts_with('/') {
                return Err(bad(format!(
                    "Mounts.Source {src:?}: a bind needs an absolute host path"
                )));
            }
            let (source, file) = crate::cli::mounts::bind_source(&src, "Mounts.Source")?;
            UserMount {
                source,
                target,
                readonly: ro,
                file,
                propagation: m
                    .bind_options
                    .as_ref()
                    .and_then(|o| o.propagation)
                    .map(|p| p.to_string())
                    .filter(|p| !p.is_empty()),
                ..Default::default()
            }
        }
        Some(MountTypeEnum::VOLUME) => {
            let name = m.source.clone().filter(|s| !s.is_empty());
            if let Some(n) = &name {
                if !names::valid(n) {
                    return Err(bad(format!("invalid volume name {n:?}")));
                }
            }
            crate::cli::mounts::volume_mount(vstore, name.as_deref(), target, ro)?
        }
        Some(MountTypeEnum::TMPFS) => {
            let mut opts = Vec::new();
            if let Some(o) = &m.tmpfs_options {
                if let Some(s) = o.size_bytes.filter(|s| *s > 0) {
                    opts.push(format!("size={s}"));
                }
                opts.push(format!(
                    "mode={:o}",
                    o.mode.filter(|m| *m > 0).unwrap_or(0o1777)
                ));
            } else {
                opts.push("mode=1777".into());
            }
            UserMount {
                target,
                readonly: ro,
                tmpfs: Some(opts.join(",")),
                ..Default::default()
            }
        }
        Some(other) => {
            return Err(bad(format!(
                "mount type {other} is not supported: bind, volume or tmpfs"
            )))
        }
    })
}

fn ports_of(h: &HostConfig) -> anyhow::Result<Vec<PortMapping>> {
    let mut out = Vec::new();
    for (key, bindings) in h.port_bindings.iter().flatten() {
        let (port, proto) = key.split_once('/').unwrap_or((key, "tcp"));
        let protocol = match proto {
            "tcp" => Proto::Tcp,
            "udp" => Proto::Udp,
            p => {
                return Err(bad(format!(
                    "PortBindings {key}: protocol {p:?} is not tcp or udp"
                )))
            }
        };
        let container_port: u16 = port
            .parse()
            .map_err(|_| bad(format!("PortBindings {key}: invalid port")))?;
        let bindings = bindings.clone().unwrap_or_default();
        let one =
            |host_ip: Option<String>, host_port: Option<String>| -> anyhow::Result<PortMapping> {
                let host_port = match host_port.as_deref().unwrap_or("") {
                    "" => 0,
                    p => p
                        .parse()
                        .map_err(|_| bad(format!("PortBindings {key}: invalid host port {p:?}")))?,
                };
                let host_ip = host_ip.unwrap_or_default();
                if !host_ip.is_empty() && host_ip.parse::<std::net::IpAddr>().is_err() {
                    return Err(bad(format!(
                        "PortBindings {key}: invalid host IP {host_ip:?}"
                    )));
                }
                Ok(PortMapping {
                    host_ip,
                    host_port,
                    container_port,
                    protocol,
                })
            };
        if bindings.is_empty() {
            out.push(one(None, None)?);
        }
        for b in bindings {
            out.push(one(b.host_ip, b.host_port)?);
        }
    }
    Ok(out)
}

/// NetworkMode plus NetworkingConfig's endpoints (aliases, static addresses).
fn network_of(paths: &Paths, b: &ContainerCreateBody, h: &HostConfig) -> anyhow::Result<Network> {
    if b.network_disabled == Some(true) {
        return Ok(Network::None);
    }
    let mode = h.network_mode.clone().unwrap_or_default();
    let endpoints = b
        .networking_config
        .as_ref()
        .and_then(|n| n.endpoints_config.clone())
        .unwrap_or_default();
    let given: Vec<String> = match mode.as_str() {
        "" | "default" | "bridge" => {
            // Only endpoints on user networks: those networks (docker-compose names them here).
            endpoints
                .keys()
                .filter(|k| *k != "bridge")
                .cloned()
                .collect()
        }
        m => vec![m.to_string()],
    };
    let mut net = crate::cli::create::network_mode_of(paths, &given, &[], None, None, None)?;
    if let Network::Bridge(list) = &mut net {
        for (name, ep) in &endpoints {
            let nets = crate::network::config::NetworkStore::open(&paths.root)?;
            let Ok(found) = nets.find(name) else {
                if name == "bridge" {
                    continue;
                }
                return Err(status(
                    StatusCode::NOT_FOUND,
                    format!("network {name} not found"),
                ));
            };
            let w = match list.iter_mut().position(|w| w.network == found.name) {
                Some(i) => &mut list[i],
                None => {
                    list.push(NetAttach {
                        network: found.name.clone(),
                        ..Default::default()
                    });
                    list.last_mut().expect("pushed")
                }
            };
            for a in ep.aliases.iter().flatten() {
                if !w.aliases.contains(a) {
                    w.aliases.push(a.clone());
                }
            }
            if let Some(ipam) = &ep.ipam_config {
                for ip in [&ipam.ipv4_address, &ipam.ipv6_address]
                    .into_iter()
                    .flatten()
                {
                    if !ip.is_empty() {
                        w.ips.push(
                            ip.parse()
                                .map_err(|_| bad(format!("invalid IPAMConfig address {ip:?}")))?,
                        );
                    }
                }
            }
            if let Some(mac) = ep.mac_address.as_deref().filter(|m| !m.is_empty()) {
                w.mac = Some(crate::network::parse_mac(mac)?);
            }
        }
    }
    Ok(net)
}

/// Limits where cgroups can enforce them; otherwise a warning per limit asked for.
fn resources_of(h: &HostConfig, warnings: &mut Vec<String>) -> crate::runtime::cgroups::Resources {
    let mut r = crate::runtime::cgroups::Resources::default();
    let pos = |v: Option<i64>| v.filter(|x| *x > 0);
    r.memory = pos(h.memory).map(|m| m as u64);
    r.memory_reservation = pos(h.memory_reservation).map(|m| m as u64);
    r.memory_swap = h.memory_swap.filter(|s| *s != 0);
    r.cpu_shares = pos(h.cpu_shares).map(|s| s as u64);
    r.cpu_period = pos(h.cpu_period).map(|p| p as u64);
    r.cpu_quota = pos(h.cpu_quota);
    if let Some(n) = pos(h.nano_cpus) {
        r.cpu_period = Some(100_000);
        r.cpu_quota = Some(n / 10_000);
    }
    r.cpuset_cpus = h.cpuset_cpus.clone().filter(|s| !s.is_empty());
    r.cpuset_mems = h.cpuset_mems.clone().filter(|s| !s.is_empty());
    r.pids_limit = pos(h.pids_limit);
    r.blkio_weight = h.blkio_weight.filter(|w| *w > 0);
    r.parent = h.cgroup_parent.clone().filter(|p| !p.is_empty());
    if !r.is_empty() && !crate::runtime::cgroups::enforceable() {
        warnings.push(
            "resource limits were not applied: cgroups are not delegated to your user on this \
             machine (run as root, or on a cgroup v2 system with systemd delegation)"
                .into(),
        );
        return crate::runtime::cgroups::Resources::default();
    }
    r
}
