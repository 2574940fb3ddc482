//! The engine's pods: `create` makes the pod record and its infra container (skiff itself holds
//! the shared namespaces: no pause image, nothing executed), `join` tells a new container what it
//! shares with its pod. Front ends (the CLI, later kube play) go through these.

use std::collections::BTreeMap;

use anyhow::bail;

use super::create::{ContainerRequest, ImageSource};
use crate::network::{NetConfig, Network};
use crate::state::pod::{Pod, PodStore};
use crate::state::ContainerStore;
use crate::storage::Paths;

pub struct PodRequest {
    pub name: Option<String>,
    pub hostname: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// net, ipc, uts, pid, cgroup (podman's default: cgroup, ipc, net, uts).
    pub share: Vec<String>,
    pub infra: bool,
    pub infra_name: Option<String>,
    pub infra_command: Vec<String>,
    pub network: Network,
    pub net: NetConfig,
    pub create_command: Vec<String>,
    pub cgroup_parent: Option<String>,
    pub replace: bool,
    /// Given to every container of the pod.
    pub volumes: Vec<String>,
    pub volumes_from: Vec<String>,
    pub devices: Vec<String>,
    /// The infra container's own settings (`--sysctl`, `--shm-size`, `--security-opt`, `--pid`,
    /// `--uts`, `--no-hosts`, `--infra-conmon-pidfile`).
    pub infra_opts: super::spec::Options,
    pub infra_conmon_pidfile: Option<std::path::PathBuf>,
}

pub const DEFAULT_SHARE: &[&str] = &["cgroup", "ipc", "net", "uts"];

/// Make the pod (and its infra container, created, not started).
pub fn create(paths: &Paths, req: PodRequest) -> anyhow::Result<Pod> {
    for s in &req.share {
        if !["net", "ipc", "uts", "pid", "cgroup", "none"].contains(&s.as_str()) {
            bail!("invalid --share {s:?}: use net, ipc, uts, pid, cgroup or none");
        }
    }
    if !req.infra && (!req.net.ports.is_empty() || req.network.attachments().len() > 1) {
        bail!("a pod without an infra container (--infra=false) cannot publish ports or join networks: its containers do");
    }
    let pods = PodStore::open(&paths.root)?;
    let _g = pods.lock()?;
    if let Some(n) = &req.name {
        if !crate::state::names::valid(n) {
            bail!("invalid pod name {n:?}: use letters, digits and _ . - (starting with a letter or digit)");
        }
        if req.replace {
            if let Ok(old) = pods.find(n) {
                if old.name == *n {
                    remove(paths, &old, true)?;
                }
            }
        }
    }
    let taken: Vec<String> = pods.list()?.into_iter().map(|p| p.name).collect();
    let name = req
        .name
        .clone()
        .unwrap_or_else(|| crate::state::names::generate(|n| taken.iter().any(|t| t == n)));
    let id = crate::state::names::random_id();
    let share: Vec<String> = req.share.iter().filter(|s| *s != "none").cloned().collect();
    let mut pod = Pod {
        id: id.clone(),
        name: name.clone(),
        created: crate::cli::format::now_unix(),
        labels: req.labels.clone(),
        hostname: req.hostname.clone().unwrap_or_else(|| name.clone()),
        share,
        infra_id: None,
        infra_command: req.infra_command.clone(),
        create_command: req.create_command.clone(),
        cgroup_parent: req.cgroup_parent.clone(),
        volumes: req.volumes.clone(),
        volumes_from: req.volumes_from.clone(),
        devices: req.devices.clone(),
    };
    pods.insert(&pod)?;
    if req.infra {
        let made = make_infra(paths, &pods, &pod, req);
        match made {
            Ok(infra_id) => {
                pod.infra_id = Some(infra_id);
                pods.save(&pod)?;
            }
            Err(e) => {
                let _ = pods.remove(&id);
                return Err(e);
            }
        }
    }
    Ok(pod)
}

fn make_infra(
    paths: &Paths,
    pods: &PodStore,
    pod: &Pod,
    req: PodRequest,
) -> anyhow::Result<String> {
    let store = crate::image::store::Store::open(&paths.root)?;
    let mapping = crate::userns::idmap::IdMapping::for_current_user()?;
    let cid = crate::state::names::random_id();
    let opts = super::spec::Options {
        command: if req.infra_command.is_empty() {
            vec!["skiff-infra".into()]
        } else {
            req.infra_command.clone()
        },
        hostname: Some(pod.hostname.clone()),
        network: req.network.clone(),
        net: req.net.clone(),
        ..req.infra_opts.clone()
    };
    let infra_name = req
        .infra_name
        .clone()
        .unwrap_or_else(|| format!("{}-infra", &pod.id[..12]));
    let creq = ContainerRequest {
        conmon_pidfile: req.infra_conmon_pidfile.clone(),
        pod: Some(pod.id.clone()),
        infra: true,
        ..ContainerRequest::internal(
            cid.clone(),
            infra_name,
            ImageSource::Rootfs {
                dir: pods.infra_root(&pod.id)?,
                overlay: false,
            },
            opts,
            mapping,
            req.create_command.clone(),
        )
    };
    Ok(super::create::create(paths, &store, creq)?.id)
}

/// What a container joining `pod` gets: the infra's network (when shared), the other shared
/// namespaces, the pod's host name, and the infra as a requirement (started first).
pub struct Membership {
    pub pod_id: String,
    pub network: Option<Network>,
    pub join_ns: Vec<String>,
    pub hostname: Option<String>,
    pub requires: Option<String>,
    /// The pod's volumes and devices, for every member.
    pub volumes: Vec<String>,
    pub volumes_from: Vec<String>,
    pub devices: Vec<String>,
}

pub fn join(pod: &Pod, own_network: bool, own_ports: bool) -> anyhow::Result<Membership> {
    let mut m = Membership {
        pod_id: pod.id.clone(),
        network: None,
        join_ns: Vec::new(),
        hostname: None,
        requires: pod.infra_id.clone(),
        volumes: pod.volumes.clone(),
        volumes_from: pod.volumes_from.clone(),
        devices: pod.devices.clone(),
    };
    let Some(infra) = &pod.infra_id else {
        return Ok(m);
    };
    if pod.shares("net") {
        if own_network {
            bail!(
                "pod {} shares its network: its containers cannot have --network of their own \
                 (give the network to `skiff pod create --network`)",
                pod.name
            );
        }
        if own_ports {
            bail!(
                "pod {} shares its network: publish ports on the pod (`skiff pod create -p`), not \
                 on its containers",
                pod.name
            );
        }
        m.network = Some(Network::Container(infra.clone()));
        for ns in ["ipc", "uts", "pid"] {
            if pod.shares(ns) {
                m.join_ns.push(ns.to_string());
            }
        }
    } else if ["ipc", "uts", "pid"].iter().any(|n| pod.shares(n)) {
        bail!(
            "pod {}: sharing ipc, uts or pid without the network is not supported; add net to --share",
            pod.name
        );
    }
    if pod.shares("uts") {
        m.hostname = Some(pod.hostname.clone());
    }
    Ok(m)
}

/// Remove a pod: its containers (running ones killed when `force`), the infra last.
pub fn remove(paths: &Paths, pod: &Pod, force: bool) -> anyhow::Result<Vec<String>> {
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let members: Vec<_> = cstore
        .list()?
        .into_iter()
        .filter(|c| c.pod.as_deref() == Some(pod.id.as_str()))
        .collect();
    let running: Vec<&str> = members
        .iter()
        .filter(|c| c.process_alive() && Some(&c.id) != pod.infra_id.as_ref())
        .map(|c| c.name.as_str())
        .collect();
    if !force && !running.is_empty() {
        bail!(
            "pod {} has running containers ({}): stop the pod first (`skiff pod stop {}`), or use \
             `skiff pod rm -f`",
            pod.name,
            running.join(", "),
            pod.name
        );
    }
    let mut removed = Vec::new();
    let mut order = members;
    // Members first, the infra last.
    order.sort_by_key(|c| Some(&c.id) == pod.infra_id.as_ref());
    for c in order {
        // A start under way ends first (see `ContainerStore::start_lock`).
        let starting = cstore.start_lock(&c.id, crate::storage::LockMode::Shared)?;
        let Some(c) = starting.as_ref().and_then(|_| cstore.load(&c.id).ok()) else {
            removed.push(c.id.clone());
            continue;
        };
        if c.process_alive() {
            super::container::request_stop(&cstore, &c.id)?;
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(c.state.pid),
                nix::sys::signal::Signal::SIGKILL,
            );
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while cstore.load(&c.id).is_ok_and(|l| l.process_alive())
                && std::time::Instant::now() < deadline
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            // The supervisor records the exit; wait for it so the removal does not race it.
            while cstore.load(&c.id).is_ok_and(|l| l.supervisor_alive())
                && std::time::Instant::now() < deadline
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        let _g = cstore.lock_all(crate::storage::LockMode::Exclusive)?;
        if let Ok(latest) = cstore.load(&c.id) {
            super::container::remove(&cstore, &latest)?;
            super::container::remove_anonymous_volumes(&cstore, &latest)?;
        }
        removed.push(c.id.clone());
    }
    let pods = PodStore::open(&paths.root)?;
    pods.remove(&pod.id)?;
    pods.remove_dir(&pod.id);
    Ok(removed)
}

/// podman's pod status from its containers' states.
pub fn status(states: &[(bool, bool, &str)]) -> &'static str {
    // (is infra, running, status word)
    let members: Vec<_> = states.iter().filter(|s| !s.0).collect();
    let running = members.iter().filter(|s| s.1).count();
    let paused = members.iter().filter(|s| s.2 == "paused").count();
    if members.is_empty() {
        return if states.iter().any(|s| s.1) {
            "Running"
        } else {
            "Created"
        };
    }
    if paused == members.len() {
        "Paused"
    } else if running == members.len() {
        "Running"
    } else if running > 0 {
        "Degraded"
    } else if members.iter().all(|s| s.2 == "created") {
        "Created"
    } else if members.iter().any(|s| s.2 == "exited") {
        "Exited"
    } else {
        "Stopped"
    }
}

/// The pod's containers, oldest first.
pub fn members(cstore: &ContainerStore, pod: &Pod) -> anyhow::Result<Vec<crate::state::Container>> {
    let mut v: Vec<_> = cstore
        .list()?
        .into_iter()
        .filter(|c| c.pod.as_deref() == Some(pod.id.as_str()))
        .collect();
    v.sort_by_key(|c| (c.created, c.created_nanos));
    Ok(v)
}

/// Start the pod: the infra first (members join its namespaces), then the init containers, each
/// run to completion in creation order, then the other members.
pub fn start(paths: &Paths, p: &Pod) -> anyhow::Result<()> {
    use anyhow::Context;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let mut members = members(&cstore, p)?;
    let infra = |c: &crate::state::Container| Some(&c.id) == p.infra_id.as_ref();
    members.sort_by_key(|c| (!infra(c), c.init_ctr.is_none()));
    let mut rest = Vec::new();
    for c in members {
        if c.process_alive() {
            continue;
        }
        if let Some(kind) = &c.init_ctr {
            let code = super::container::run_foreground(&cstore, &c.id, false, [true, true])
                .with_context(|| format!("running init container {}", c.name))?;
            if code != 0 {
                bail!(
                    "init container {} exited with {code}: the pod's other containers were not \
                     started (`skiff logs {}` shows why)",
                    c.name,
                    c.name
                );
            }
            if kind == "once" {
                let _g = cstore.lock_all(crate::storage::LockMode::Exclusive)?;
                if let Ok(latest) = cstore.load(&c.id) {
                    super::container::remove(&cstore, &latest)?;
                }
            }
            continue;
        }
        if infra(&c) {
            // Its members join its namespaces: it runs before they start.
            super::launch::start_detached(paths, &c.id)
                .with_context(|| format!("starting {}", c.name))?;
        } else {
            rest.push(c.id.clone());
        }
    }
    // The other members start together.
    super::launch::start_many(paths, &rest)
}
