//! From `run`/`create` flags to a stored container: the image resolved (pulled per policy), the
//! flags checked and turned into the runtime's spec, containers.conf's defaults applied, the record
//! written. One path for `run`, `create` and everything that will create containers from flags.

use super::runflags::{ContainerArgs, PullPolicy};
use crate::image::pull::{pull, PullOptions};
use crate::image::registries::RegistriesConf;
use crate::image::store::{find, Store};
use crate::network::Network;
use crate::runtime::create::{ContainerRequest, ImageSource};
use crate::runtime::spec;
use crate::state::names;
use crate::state::ContainerStore;
use crate::storage::{LockMode, Paths};
use crate::userns::IdMapping;

/// `--expose PORT[-END][/PROTO]` as exposed-port keys (`80/tcp`).
fn expose_keys(e: &str) -> anyhow::Result<Vec<String>> {
    let (ports, proto) = e.split_once('/').unwrap_or((e, "tcp"));
    if !matches!(proto, "tcp" | "udp") {
        anyhow::bail!("invalid --expose {e:?}: the protocol is tcp or udp");
    }
    let bad = || anyhow::anyhow!("invalid --expose {e:?}: use PORT[-END][/tcp|udp]");
    let (lo, hi) = match ports.split_once('-') {
        Some((l, h)) => (
            l.parse::<u16>().map_err(|_| bad())?,
            h.parse::<u16>().map_err(|_| bad())?,
        ),
        None => {
            let p = ports.parse::<u16>().map_err(|_| bad())?;
            (p, p)
        }
    };
    if lo == 0 || hi < lo {
        return Err(bad());
    }
    Ok((lo..=hi).map(|p| format!("{p}/{proto}")).collect())
}

/// `KEY=VALUE` lines of --label-file (blank lines and `#` comments skipped).
fn read_label_files(files: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| anyhow::anyhow!("reading --label-file {f}: {e}"))?;
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    Ok(out)
}

/// Host accounts for --hostuser, as the host's /etc/passwd has them.
fn host_users(names: &[String]) -> anyhow::Result<Vec<spec::AddedUser>> {
    names
        .iter()
        .map(|n| {
            let u = match n.parse::<u32>() {
                Ok(uid) => nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))?,
                Err(_) => nix::unistd::User::from_name(n)?,
            }
            .ok_or_else(|| anyhow::anyhow!("--hostuser {n}: no such user on this host"))?;
            let group = nix::unistd::Group::from_gid(u.gid)
                .ok()
                .flatten()
                .map_or_else(|| u.name.clone(), |g| g.name);
            Ok(spec::AddedUser {
                name: u.name,
                uid: u.uid.as_raw(),
                gid: u.gid.as_raw(),
                group,
                home: u.dir.to_string_lossy().into_owned(),
            })
        })
        .collect()
}

/// `--rootfs DIR[:O]`: the directory (absolute) and whether an overlay keeps it unchanged.
fn rootfs_dir(arg: &str) -> anyhow::Result<(std::path::PathBuf, bool)> {
    let (path, overlay) = match arg.strip_suffix(":O") {
        Some(p) => (p, true),
        None => (arg, false),
    };
    let dir = std::path::absolute(path).map_err(|e| anyhow::anyhow!("--rootfs {path}: {e}"))?;
    if !dir.is_dir() {
        anyhow::bail!("--rootfs {path}: not a directory (give an exploded root filesystem)");
    }
    Ok((dir, overlay))
}

/// The image a container is created from: found in the store or pulled, per --pull.
fn resolve_image(
    paths: &Paths,
    store: &Store,
    a: &ContainerArgs,
) -> anyhow::Result<crate::image::store::ImageRecord> {
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let existing = {
        let _g = store.lock_images(LockMode::Shared)?;
        find(&store.load()?, a.image(), &search).ok().cloned()
    };
    let pull_opts = || -> anyhow::Result<PullOptions> {
        Ok(PullOptions {
            platform: a.platform.platform()?,
            quiet: a.quiet,
            access: a.registry.access()?,
        })
    };
    Ok(match (a.pull, existing) {
        (PullPolicy::Never, None) => {
            anyhow::bail!(
                "{}: image not known, and --pull=never forbids pulling it",
                a.image()
            )
        }
        (PullPolicy::Missing | PullPolicy::Never, Some(img)) => img,
        _ => pull(paths, a.image(), &pull_opts()?)?,
    })
}

/// Resolve the image (pulling per policy) and store a new container; returns its id.
pub fn create_container(
    paths: &Paths,
    a: &ContainerArgs,
    auto_remove: bool,
    remove_image: bool,
    detach: bool,
) -> anyhow::Result<String> {
    // Everything after the image is the command's, so an unknown flag lands here as the "image".
    if a.image().starts_with('-') {
        anyhow::bail!(
            "unknown flag: {} (`skiff run --help` lists the flags; flags go before the image)",
            a.image()
        );
    }
    for (flag, name) in [
        ("--subuidname", &a.subuidname),
        ("--subgidname", &a.subgidname),
    ] {
        if let Some(n) = name {
            // (the account lookup only when asked: NSS costs a start-up its milliseconds)
            let me = nix::unistd::User::from_uid(nix::unistd::getuid())
                .ok()
                .flatten()
                .map(|u| u.name)
                .unwrap_or_default();
            if *n != me && *n != nix::unistd::getuid().to_string() {
                anyhow::bail!(
                    "{flag} {n}: only your own subordinate range ({me}) can be used: newuidmap \
                     refuses another user's"
                );
            }
        }
    }
    match a.seccomp_policy.as_str() {
        "default" => {}
        "image" => super::ignored(
            "--seccomp-policy=image",
            "skiff uses its default profile or --security-opt seccomp=PROFILE",
        ),
        other => anyhow::bail!("invalid --seccomp-policy {other:?}: default or image"),
    }
    if let Some(s) = &a.stop_signal {
        super::lifecycle::parse_signal(s)?;
    }
    if a.init_path.is_some() {
        super::ignored("--init-path", "skiff's --init is built into skiff itself");
    }
    let requires = {
        let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
        let mut ids = Vec::new();
        for n in a
            .requires
            .iter()
            .flat_map(|r| r.split(','))
            .filter(|n| !n.is_empty())
        {
            ids.push(cstore.find(n)?.id);
        }
        ids
    };
    // podman's containers.conf: defaults for what the flags leave open.
    let conf = crate::system::containers_conf::ContainersConf::load()?.containers_defaults(a);
    let network = network_mode(paths, &conf.network, a)?;
    let mut ports = Vec::new();
    for p in &a.publish {
        ports.extend(crate::network::portspec::parse(p).map_err(|e| anyhow::anyhow!(e))?);
    }
    let (network, mut ports, member) = super::podcreate::membership(paths, a, network, ports)?;
    for h in &a.add_host {
        crate::network::etc::parse_add_host(h).map_err(|e| anyhow::anyhow!(e))?;
    }
    for d in &conf.dns {
        if d.parse::<std::net::IpAddr>().is_err() {
            anyhow::bail!("invalid --dns {d:?}: give the IP address of a DNS server");
        }
    }
    if let Some(n) = &a.name {
        if !names::valid(n) {
            anyhow::bail!("invalid container name {n:?}: use letters, digits and _ . - (starting with a letter or digit)");
        }
    }
    let store = Store::open(&paths.root)?;
    // --rootfs: the first argument is a directory, there is no image.
    let rootfs = a.rootfs.then(|| rootfs_dir(a.image())).transpose()?;
    let image = match &rootfs {
        Some(_) => None,
        None => Some(resolve_image(paths, &store, a)?),
    };
    let config = match &image {
        Some(i) => store.config(&i.id)?,
        None => Default::default(),
    };
    let mut exposed = Vec::new();
    for e in &a.expose {
        exposed.extend(expose_keys(e)?);
    }
    if a.publish_all {
        let mut keys: Vec<String> = config
            .config
            .exposed_ports
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        keys.extend(exposed.iter().cloned());
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
        anyhow::bail!(
            "ports cannot be published with --network {}: use the default network (pasta or \
             slirp4netns)",
            network.name()
        );
    }
    let default_mapping = IdMapping::for_current_user()?;
    let (mapping, keep_id) =
        super::userns::mapping(a.userns.as_deref(), &a.uidmap, &a.gidmap, &default_mapping)?;
    let user = a
        .user
        .clone()
        .or(keep_id.map(|(uid, gid)| format!("{uid}:{gid}")));
    let add_user = keep_id.and_then(|(uid, gid)| super::userns::host_account(uid, gid));
    if let Some(p) = &a.restart {
        if !crate::state::record::valid_restart_policy(p) {
            anyhow::bail!("invalid --restart {p:?}: no, on-failure[:N], always or unless-stopped");
        }
        if auto_remove && p != "no" {
            anyhow::bail!("--restart and --rm cannot be combined");
        }
    }
    let mut labels = std::collections::BTreeMap::new();
    for l in read_label_files(&a.label_file)?.iter().chain(&a.labels) {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    for (k, v) in config.config.labels.iter().flatten() {
        labels.entry(k.clone()).or_insert_with(|| v.clone());
    }
    if !matches!(
        a.health_on_failure.as_str(),
        "none" | "kill" | "restart" | "stop"
    ) {
        anyhow::bail!(
            "invalid --health-on-failure {:?}: none, kill, restart or stop",
            a.health_on_failure
        );
    }
    if a.health_on_failure == "restart" && a.restart.as_deref().is_some_and(|r| r != "no") {
        anyhow::bail!("--health-on-failure=restart and --restart cannot be combined");
    }
    let mut health = crate::runtime::health::from_flags(
        a.health_cmd.as_deref(),
        a.health_interval.as_deref(),
        a.health_timeout.as_deref(),
        a.health_start_period.as_deref(),
        a.health_retries,
        a.no_healthcheck,
        config.config.healthcheck.as_ref(),
    )?;
    if let Some(h) = health.as_mut() {
        h.on_failure = a.health_on_failure.clone();
    } else if a.health_on_failure != "none" {
        anyhow::bail!("--health-on-failure needs a healthcheck (--health-cmd, or the image's)");
    }
    let id = names::random_id();
    let host_env: Vec<(String, String)> = std::env::vars().collect();
    let image_volumes: Vec<String> = config
        .config
        .volumes
        .iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .collect();
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    let mut mounts = super::mounts::resolve(
        &vstore,
        &a.volumes
            .iter()
            .chain(member.iter().flat_map(|m| m.volumes.iter()))
            .cloned()
            .collect::<Vec<_>>(),
        &a.mounts,
        &image_volumes,
        super::mounts::ImageVolumes::parse(&a.image_volume)?,
    )?;
    for from in a
        .volumes_from
        .iter()
        .chain(member.iter().flat_map(|m| m.volumes_from.iter()))
    {
        let (name, mode) = from.split_once(':').unwrap_or((from, ""));
        if !matches!(mode, "" | "ro" | "rw") {
            anyhow::bail!("invalid --volumes-from {from:?}: use CONTAINER[:ro|rw]");
        }
        let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
        let other = cstore.find(name)?;
        for m in other.spec.mounts.iter().filter(|m| m.tmpfs.is_none()) {
            if mounts.iter().any(|x| x.target == m.target) {
                continue; // an explicit mount at the same path wins
            }
            let mut m = m.clone();
            if !mode.is_empty() {
                m.readonly = mode == "ro";
            }
            mounts.push(m);
        }
    }
    let opts = spec::Options {
        mounts,
        add_user,
        command: a.command().to_vec(),
        entrypoint: a.entrypoint.clone(),
        env: conf.env.clone(),
        env_files: a.env_file.clone(),
        env_host: a.env_host,
        workdir: a.workdir.clone(),
        user,
        group_add: a.group_add.clone(),
        // With the host's UTS namespace, its host name (the generated /etc/hostname agrees).
        hostname: a
            .hostname
            .clone()
            .or(member.as_ref().and_then(|m| m.hostname.clone()))
            .or_else(|| {
                (a.uts.as_deref() == Some("host"))
                    .then(|| nix::unistd::gethostname().ok()?.into_string().ok())
                    .flatten()
            }),
        tty: a.tty,
        interactive: a.interactive,
        read_only: a.read_only,
        read_only_tmpfs: a.read_only_tmpfs,
        tmpfs: a.tmpfs.clone(),
        cap_add: a.cap_add.clone(),
        cap_drop: a.cap_drop.clone(),
        privileged: a.privileged,
        security_opt: a.security_opt.clone(),
        network,
        net: crate::network::NetConfig {
            ports,
            dns: conf.dns.clone(),
            dns_search: conf.dns_search.clone(),
            dns_options: conf.dns_options.clone(),
            add_hosts: a.add_host.clone(),
        },
        ulimits: conf.ulimits.clone(),
        init: a.init,
        umask: a.umask.clone(),
        stop_signal: a.stop_signal.clone(),
        preserve_fds: a.preserve_fds,
        env_merge: a.env_merge.clone(),
        unsetenv: a.unsetenv.clone(),
        unsetenv_all: a.unsetenv_all,
        http_proxy: a.http_proxy,
        tz: conf.tz.clone(),
        no_hosts: a.no_hosts,
        shm_size: a.shm_size.clone(),
        personality: a.personality.clone(),
        oom_score_adj: a.oom_score_adj,
        devices: a
            .device
            .iter()
            .chain(member.iter().flat_map(|m| m.devices.iter()))
            .filter(|d| !crate::runtime::cdi::is_cdi_name(d))
            .cloned()
            .collect(),
        sysctls: a.sysctl.clone(),
        stop_timeout: a.stop_timeout,
        timeout: a.timeout.filter(|t| *t > 0),
        extra_users: host_users(&a.hostuser)?,
        passwd: a.passwd,
        passwd_entry: a.passwd_entry.clone(),
        resources: {
            let mut r = a.resources.resources()?;
            if r.pids_limit.is_none() {
                r.pids_limit = conf.pids_limit;
            }
            r
        },
        cgroupns_host: a.resources.cgroupns == "host",
        log: crate::runtime::logfile::LogConfig::parse(&conf.log_driver, &conf.log_opt, detach)?,
        secrets: if a.secret.is_empty() {
            Vec::new()
        } else {
            let st = crate::state::secret::SecretStore::open(&paths.root)?;
            a.secret
                .iter()
                .map(|s| crate::state::secret::SecretRef::parse(&st, s))
                .collect::<anyhow::Result<_>>()?
        },
        pid: a.pid.clone(),
        uts: a.uts.clone(),
        ipc: a.ipc.clone(),
        chrootdirs: a
            .chrootdirs
            .iter()
            .flat_map(|d| d.split(','))
            .map(str::to_string)
            .collect(),
    };
    let cdi: Vec<String> = a
        .device
        .iter()
        .filter(|d| crate::runtime::cdi::is_cdi_name(d))
        .cloned()
        .chain(crate::runtime::cdi::gpu_names(&a.gpus))
        .collect();
    let req = ContainerRequest {
        id: id.clone(),
        name: a.name.clone(),
        source: match (image, &rootfs) {
            (Some(i), _) => ImageSource::Image {
                record: i,
                config: Box::new(config.config),
                given: a.image().to_string(),
            },
            (None, Some((dir, overlay))) => ImageSource::Rootfs {
                dir: dir.clone(),
                overlay: *overlay,
            },
            (None, None) => anyhow::bail!("no image"),
        },
        opts,
        mapping,
        default_mapping,
        host_env,
        systemd: a.systemd.clone(),
        user_stop_signal: a.stop_signal.is_some(),
        cdi_devices: cdi,
        sdnotify: a.sdnotify.clone(),
        auto_remove,
        restart_policy: a.restart.clone().filter(|p| p != "no"),
        labels,
        annotations: a
            .annotation
            .iter()
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.to_string())
            })
            .collect(),
        health,
        remove_image,
        requires: requires
            .into_iter()
            .chain(member.as_ref().and_then(|m| m.requires.clone()))
            .collect(),
        pidfile: a.pidfile.clone(),
        conmon_pidfile: a.conmon_pidfile.clone(),
        create_command: std::env::args().collect(),
        replace: a.replace,
        die_with_parent: false,
        pod: member.as_ref().map(|m| m.pod_id.clone()),
        join_ns: member.map(|m| m.join_ns).unwrap_or_default(),
        infra: false,
        init_ctr: None,
        probes: Default::default(),
    };
    if let Some(f) = &a.cidfile {
        if f.exists() {
            anyhow::bail!(
                "--cidfile {}: the file exists; remove it first",
                f.display()
            );
        }
    }
    let c = crate::runtime::create::create(paths, &store, req)?;
    if let Some(f) = &a.cidfile {
        std::fs::write(f, &c.id)
            .map_err(|e| anyhow::anyhow!("writing --cidfile {}: {e}", f.display()))?;
    }
    Ok(c.id)
}

/// `--network` (repeatable) with `--network-alias`, `--ip`, `--ip6` and `--mac-address` applied to
/// the first bridge network; network names checked (and ids resolved to names).
fn network_mode(
    paths: &crate::storage::Paths,
    given: &[String],
    a: &ContainerArgs,
) -> anyhow::Result<Network> {
    network_mode_of(
        paths,
        given,
        &a.network_alias,
        a.ip.as_deref(),
        a.ip6.as_deref(),
        a.mac_address.as_deref(),
    )
}

/// The same from its parts (`pod create` has them too).
pub fn network_mode_of(
    paths: &crate::storage::Paths,
    given: &[String],
    network_alias: &[String],
    ip: Option<&str>,
    ip6: Option<&str>,
    mac_address: Option<&str>,
) -> anyhow::Result<Network> {
    let mut modes = Vec::new();
    for g in given {
        modes.push(Network::parse(g)?);
    }
    let mut network = match modes.len() {
        0 => None,
        1 => modes.pop().expect("one"),
        _ => {
            let mut all = Vec::new();
            for m in modes {
                match m {
                    Some(Network::Bridge(v)) => all.extend(v),
                    other => anyhow::bail!(
                        "--network {}: only bridge networks can be combined with other networks",
                        other.map(|o| o.name()).unwrap_or_else(|| "default".into())
                    ),
                }
            }
            Some(Network::Bridge(all))
        }
    };
    if let Some(Network::Container(target)) = &network {
        let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
        network = Some(Network::Container(cstore.find(target)?.id));
    }
    let extras =
        !network_alias.is_empty() || ip.is_some() || ip6.is_some() || mac_address.is_some();
    match &mut network {
        Some(Network::Bridge(list)) => {
            let nets = crate::network::config::NetworkStore::open(&paths.root)?;
            for w in list.iter_mut() {
                w.network = nets.find(&w.network)?.name;
            }
            let mut seen = std::collections::BTreeSet::new();
            for w in list.iter() {
                if !seen.insert(w.network.clone()) {
                    anyhow::bail!("--network {}: given twice", w.network);
                }
            }
            let first = list.first_mut().expect("parse gives at least one network");
            first.aliases.extend(network_alias.iter().cloned());
            for ip in ip.iter().chain(&ip6) {
                first.ips.push(
                    ip.parse()
                        .map_err(|_| anyhow::anyhow!("invalid --ip {ip:?}: give an IP address"))?,
                );
            }
            if let Some(m) = mac_address {
                first.mac = Some(crate::network::parse_mac(m)?);
            }
        }
        other if extras => anyhow::bail!(
            "--network-alias, --ip, --ip6 and --mac-address need a bridge network (--network \
             NAME), not --network {}",
            other
                .as_ref()
                .map(|o| o.name())
                .unwrap_or_else(|| "default".into())
        ),
        _ => {}
    }
    match network {
        Some(n) => Ok(n),
        None => Network::default_mode(),
    }
}
