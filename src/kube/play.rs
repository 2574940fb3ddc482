//! `kube play`: each Pod, Deployment replica, DaemonSet and Job becomes a skiff pod (infra holding
//! the shared namespaces, on the default bridge network so pods resolve each other by name) with
//! its volumes, init containers and containers made through the engine, then started. Claims
//! become named volumes; Services publish their ports when asked. What was made is recorded per
//! object for `kube down`.

use std::collections::BTreeMap;

use anyhow::Context;
use k8s_openapi::api::core::v1::Service;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::record::{PlayStore, Played};
use super::{Manifest, Workload};
use crate::network::PortMapping;
use crate::runtime::pod::PodRequest;
use crate::storage::Paths;

#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    pub replace: bool,
    pub start: bool,
    /// `--network`: empty = the default bridge network.
    pub network: Vec<String>,
    /// `--ip`/`--mac-address`: one per pod, in order.
    pub ips: Vec<String>,
    pub macs: Vec<String>,
    pub log_driver: String,
    pub log_opt: Vec<String>,
    /// `--publish-all`/`--service-ports`: Services' ports published on the host.
    pub publish_services: bool,
    pub replicas: Option<u32>,
    pub annotations: BTreeMap<String, String>,
    pub no_hosts: bool,
    pub access: crate::image::registry::Access,
}

/// What one play made, for the caller to print.
#[derive(Debug, Default)]
pub struct Report {
    pub pods: Vec<(String, String)>,
    pub containers: Vec<String>,
    pub volumes: Vec<String>,
    pub secrets: Vec<String>,
    /// Host ports published so far.
    pub ports: Vec<PortMapping>,
}

/// The network pods play on unless `--network` says otherwise (podman's name).
pub const KUBE_NETWORK: &str = "podman-default-kube-network";

const CHARS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// Kubernetes-style name suffixes: `n` characters of its safe alphabet, from `seed` bytes.
fn suffix(seed: &[u8], n: usize) -> String {
    seed.iter()
        .take(n)
        .map(|b| CHARS[*b as usize % CHARS.len()] as char)
        .collect()
}

fn random_suffix(n: usize) -> String {
    let id = crate::state::names::random_id();
    let bytes: Vec<u8> = id
        .as_bytes()
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap_or("0"), 16).unwrap_or(0))
        .collect();
    suffix(&bytes, n)
}

/// Pod names as Kubernetes makes them: a Pod's own name; `NAME-HASH-XXXXX` for a Deployment
/// (HASH from the pod template); `NAME-XXXXX` for a DaemonSet or Job.
fn pod_names(w: &Workload, replicas: u32) -> Vec<String> {
    match w.kind.as_str() {
        "Pod" => vec![w.name.clone()],
        "Deployment" => {
            use sha2::Digest;
            let template = serde_json::to_vec(&w.spec).unwrap_or_default();
            let hash = sha2::Sha256::digest(&template);
            let h = suffix(&hash, 10);
            (0..replicas)
                .map(|_| format!("{}-{h}-{}", w.name, random_suffix(5)))
                .collect()
        }
        _ => vec![format!("{}-{}", w.name, random_suffix(5))],
    }
}

/// Labels match a Service's selector.
fn selects(s: &Service, labels: &BTreeMap<String, String>) -> bool {
    let sel = s
        .spec
        .as_ref()
        .and_then(|sp| sp.selector.clone())
        .unwrap_or_default();
    !sel.is_empty() && sel.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// hostPorts of the pod's containers, then (when asked) the ports of the Services selecting it.
/// A host port serves one pod: a Service's port goes to the first pod it selects (with a
/// warning for the others); a container's hostPort taken by an earlier pod is an error.
fn pod_ports(
    m: &Manifest,
    w: &Workload,
    publish: bool,
    taken: &mut Vec<PortMapping>,
) -> anyhow::Result<Vec<PortMapping>> {
    let mut out: Vec<PortMapping> = Vec::new();
    let mut add = |spec: String, service: Option<&str>| -> anyhow::Result<()> {
        for p in crate::network::portspec::parse(&spec).map_err(|e| anyhow::anyhow!(e))? {
            let clash = |o: &PortMapping| o.host_port == p.host_port && o.protocol == p.protocol;
            if taken.iter().any(clash) {
                match service {
                    Some(s) => crate::cli::warn_once(&format!(
                        "Service {s}: host port {}/{} is published on one pod only (the first it selects): one machine has one such port",
                        p.host_port,
                        p.protocol.as_str()
                    )),
                    None => anyhow::bail!(
                        "{} {}: hostPort {} is taken by an earlier pod of this play: on one machine a hostPort serves one pod (drop hostPort, or use one replica)",
                        w.kind,
                        w.name,
                        p.host_port
                    ),
                }
                continue;
            }
            if !out.iter().any(clash) {
                taken.push(p.clone());
                out.push(p);
            }
        }
        Ok(())
    };
    let proto = |p: Option<&String>| {
        p.map(|s| s.to_ascii_lowercase())
            .unwrap_or_else(|| "tcp".into())
    };
    for c in &w.spec.containers {
        for p in c.ports.iter().flatten() {
            if let Some(hp) = p.host_port.filter(|h| *h > 0) {
                let ip = p
                    .host_ip
                    .clone()
                    .map(|i| format!("{i}:"))
                    .unwrap_or_default();
                add(
                    format!(
                        "{ip}{hp}:{}/{}",
                        p.container_port,
                        proto(p.protocol.as_ref())
                    ),
                    None,
                )?;
            }
        }
    }
    if publish {
        let labels = w.meta.labels.clone().unwrap_or_default();
        for s in m.services.iter().filter(|s| selects(s, &labels)) {
            for sp in s
                .spec
                .as_ref()
                .and_then(|x| x.ports.clone())
                .unwrap_or_default()
            {
                let target = match &sp.target_port {
                    None => sp.port,
                    Some(IntOrString::Int(n)) => *n,
                    Some(IntOrString::String(name)) => w
                        .spec
                        .containers
                        .iter()
                        .flat_map(|c| c.ports.iter().flatten())
                        .find(|p| p.name.as_deref() == Some(name.as_str()))
                        .map(|p| p.container_port)
                        .with_context(|| {
                            format!(
                                "Service {}: targetPort {name:?} names no container port",
                                s.metadata.name.clone().unwrap_or_default()
                            )
                        })?,
                };
                let host = sp.node_port.filter(|n| *n > 0).unwrap_or(sp.port);
                let sname = s.metadata.name.clone().unwrap_or_default();
                add(
                    format!("{host}:{target}/{}", proto(sp.protocol.as_ref())),
                    Some(&sname),
                )?;
            }
        }
    }
    Ok(out)
}

/// Play the manifest. On bridge networks the user's network namespace is made ready in a thread
/// while the pods are prepared (its pasta takes tens of milliseconds); it goes again if the play
/// leaves nothing attached to it.
pub fn play(paths: &Paths, m: &Manifest, o: &PlayOptions) -> anyhow::Result<Report> {
    let bridged = m
        .workloads
        .iter()
        .any(|w| !w.spec.host_network.unwrap_or(false));
    let uses_bridge = o.network.is_empty()
        || o.network.iter().all(|n| {
            !matches!(
                n.as_str(),
                "host" | "none" | "pasta" | "slirp4netns" | "private"
            ) && !n.starts_with("container:")
                && !n.starts_with("ns:")
                && !n.starts_with("pasta:")
                && !n.starts_with("slirp4netns:")
        });
    let warming = (o.start && bridged && uses_bridge).then(|| {
        let runroot = paths.runroot.clone();
        std::thread::spawn(move || crate::network::attach::warm(&runroot, true))
    });
    let mut warm = Warm(warming, false);
    let result = play_all(paths, m, o, &mut warm);
    warm.join();
    if warm.1 {
        crate::network::attach::settle(&paths.runroot);
    }
    result
}

/// The warming thread, joined before anything forks (init containers run from this process),
/// and whether it ran.
pub struct Warm(Option<std::thread::JoinHandle<anyhow::Result<()>>>, bool);

impl Warm {
    pub fn join(&mut self) {
        if let Some(h) = self.0.take() {
            // Its errors are the supervisor's to report: it sets the namespace up again.
            let _ = h.join();
            self.1 = true;
        }
    }
}

fn play_all(
    paths: &Paths,
    m: &Manifest,
    o: &PlayOptions,
    warm: &mut Warm,
) -> anyhow::Result<Report> {
    let plays = PlayStore::open(&paths.root)?;
    let mut report = Report::default();
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    // Claims first: a pod that mounts one finds it; an existing volume is reused.
    for p in &m.pvcs {
        let name = p.metadata.name.clone().unwrap_or_default();
        let (_, new) =
            vstore.ensure(&name, p.metadata.labels.clone().unwrap_or_default(), false)?;
        let mut rec = plays
            .load("PersistentVolumeClaim", &name)
            .unwrap_or(Played {
                kind: "PersistentVolumeClaim".into(),
                name: name.clone(),
                ..Default::default()
            });
        if new && !rec.volumes.contains(&name) {
            rec.volumes.push(name.clone());
        }
        plays.save(&rec)?;
        report.volumes.push(name);
    }
    for s in &m.services {
        let name = s.metadata.name.clone().unwrap_or_default();
        let spec = s.spec.clone().unwrap_or_default();
        plays.save(&Played {
            kind: "Service".into(),
            name,
            service: Some(serde_json::json!({
                "type": spec.type_.unwrap_or_else(|| "ClusterIP".into()),
                "selector": spec.selector.unwrap_or_default(),
                "ports": spec.ports.unwrap_or_default(),
                "published": o.publish_services,
            })),
            ..Default::default()
        })?;
    }
    for w in &m.workloads {
        if let Some(old) = plays.load(&w.kind, &w.name) {
            if o.replace {
                super::down::remove_played(paths, &old, false)?;
                plays.remove(&w.kind, &w.name);
            } else {
                anyhow::bail!(
                    "{} {} was played already (pods {}): use --replace, or `skiff kube down` first",
                    w.kind,
                    w.name,
                    old.pods.len()
                );
            }
        }
        let replicas = match w.kind.as_str() {
            "Deployment" => o.replicas.unwrap_or(w.replicas),
            _ => 1,
        };
        let mut rec = Played {
            kind: w.kind.clone(),
            name: w.name.clone(),
            ..Default::default()
        };
        let mut result = Ok(());
        for name in pod_names(w, replicas) {
            result = play_pod(paths, m, w, &name, o, &mut rec, &mut report, warm);
            if result.is_err() {
                break;
            }
        }
        if let Err(e) = result {
            // A failed play leaves nothing of the object behind.
            let _ = super::down::remove_played(paths, &rec, false);
            return Err(e);
        }
        plays.save(&rec)?;
    }
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn play_pod(
    paths: &Paths,
    m: &Manifest,
    w: &Workload,
    name: &str,
    o: &PlayOptions,
    rec: &mut Played,
    report: &mut Report,
    warm: &mut Warm,
) -> anyhow::Result<()> {
    let store = crate::image::store::Store::open(&paths.root)?;
    let locate = |path: String, e: anyhow::Error| -> anyhow::Error {
        super::Located {
            what: m.what.clone(),
            doc: w.doc,
            object: format!("{} {}", w.kind, w.name),
            line: w.node.line_of(&path),
            path,
            msg: format!("{e:#}"),
        }
        .into()
    };
    // Images first: nothing is made for a pod whose image cannot be had.
    let mut images = Vec::new();
    let all: Vec<(&str, usize, &k8s_openapi::api::core::v1::Container)> = w
        .spec
        .init_containers
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, c)| ("initContainers", i, c))
        .chain(
            w.spec
                .containers
                .iter()
                .enumerate()
                .map(|(i, c)| ("containers", i, c)),
        )
        .collect();
    for (list, i, c) in &all {
        let img = super::podspec::ensure_image(paths, &store, m, &w.spec, c, &o.access)
            .map_err(|e| locate(format!("{}.{list}[{i}].image", w.spec_path), e))?;
        images.push(img);
    }
    let network = if w.spec.host_network.unwrap_or(false) {
        crate::network::Network::Host
    } else {
        let given = if o.network.is_empty() {
            // As podman 4.4+: a network of its own with DNS, where pods find each other by name
            // (the default network has no DNS).
            let nets = crate::network::config::NetworkStore::open(&paths.root)?;
            if !nets.exists(KUBE_NETWORK) {
                let req = crate::network::config::NetworkRequest {
                    name: Some(KUBE_NETWORK.into()),
                    ..Default::default()
                };
                nets.create(req, true)?;
            }
            vec![KUBE_NETWORK.to_string()]
        } else {
            o.network.clone()
        };
        let k = report.pods.len();
        let ip = o.ips.get(k).map(String::as_str);
        let mac = o.macs.get(k).map(String::as_str);
        let (ip4, ip6) = match ip {
            Some(i) if i.contains(':') => (None, Some(i)),
            other => (other, None),
        };
        crate::cli::create::network_mode_of(paths, &given, &[], ip4, ip6, mac)?
    };
    let dns = w.spec.dns_config.clone().unwrap_or_default();
    let mut add_hosts = Vec::new();
    for h in w.spec.host_aliases.iter().flatten() {
        for n in h.hostnames.iter().flatten() {
            add_hosts.push(format!("{n}:{}", h.ip));
        }
    }
    let mut share: Vec<String> = crate::runtime::pod::DEFAULT_SHARE
        .iter()
        .map(|s| s.to_string())
        .collect();
    if w.spec.share_process_namespace.unwrap_or(false) {
        share.push("pid".into());
    }
    let psc = w.spec.security_context.clone().unwrap_or_default();
    let mut labels = w.meta.labels.clone().unwrap_or_default();
    labels.insert("io.skiff.kube.kind".into(), w.kind.clone());
    labels.insert("io.skiff.kube.name".into(), w.name.clone());
    let infra_opts = crate::runtime::spec::Options {
        sysctls: psc
            .sysctls
            .iter()
            .flatten()
            .map(|s| format!("{}={}", s.name, s.value))
            .collect(),
        no_hosts: o.no_hosts,
        pid: w.spec.host_pid.unwrap_or(false).then(|| "host".into()),
        ipc: w.spec.host_ipc.unwrap_or(false).then(|| "host".into()),
        ..Default::default()
    };
    let pod = crate::runtime::pod::create(
        paths,
        PodRequest {
            name: Some(name.to_string()),
            hostname: w.spec.hostname.clone(),
            labels,
            share,
            infra: true,
            infra_name: Some(format!("{name}-infra")),
            infra_command: Vec::new(),
            network,
            net: crate::network::NetConfig {
                ports: pod_ports(m, w, o.publish_services, &mut report.ports)
                    .map_err(|e| locate(w.spec_path.clone(), e))?,
                dns: dns.nameservers.unwrap_or_default(),
                dns_search: dns.searches.unwrap_or_default(),
                dns_options: dns
                    .options
                    .unwrap_or_default()
                    .into_iter()
                    .map(|x| match x.value {
                        Some(v) => format!("{}:{v}", x.name.unwrap_or_default()),
                        None => x.name.unwrap_or_default(),
                    })
                    .collect(),
                add_hosts,
            },
            create_command: vec!["skiff".into(), "kube".into(), "play".into()],
            cgroup_parent: None,
            replace: false,
            volumes: Vec::new(),
            volumes_from: Vec::new(),
            devices: Vec::new(),
            infra_opts,
            infra_conmon_pidfile: None,
        },
    )
    .map_err(|e| locate("metadata.name".into(), e))?;
    rec.pods.push(pod.id.clone());
    report.pods.push((pod.id.clone(), pod.name.clone()));
    let pod_dir = PlayStore::pod_dir(&paths.root, &pod.id);
    let mem_dir = PlayStore::pod_dir(&paths.runroot, &pod.id);
    rec.dirs.push(pod_dir.clone());
    rec.dirs.push(mem_dir.clone());
    let mut made = super::volumes::Made::default();
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    let sources = super::volumes::materialize(
        m,
        w.spec.volumes.as_deref().unwrap_or_default(),
        &pod_dir,
        &mem_dir,
        &vstore,
        &mut made,
        |i, e| locate(format!("{}.volumes[{i}]", w.spec_path), e),
    );
    rec.volumes.extend(made.volumes);
    let sources = sources?;
    let member = crate::runtime::pod::join(&pod, false, false)?;
    // status.podIP is known once the infra holds the network: start it first when asked for.
    let wants_ip = all.iter().any(|(_, _, c)| {
        c.env.iter().flatten().any(|e| {
            e.value_from
                .as_ref()
                .and_then(|v| v.field_ref.as_ref())
                .is_some_and(|f| f.field_path.starts_with("status.podIP"))
        })
    });
    let mut pod_ip = None;
    if wants_ip && o.start {
        warm.join();
        if let Some(infra) = &pod.infra_id {
            crate::runtime::launch::start_detached(paths, infra)?;
            let cstore = crate::state::ContainerStore::open(&paths.root, &paths.runroot)?;
            let c = cstore.load(infra)?;
            pod_ip = c
                .state
                .networks
                .iter()
                .flat_map(|l| l.ips.iter())
                .find(|i| i.addr().is_ipv4())
                .map(|i| i.addr().to_string());
        }
    }
    // Otherwise the infra starts (network namespace, pasta, DNS: the slow part) while the
    // containers are made.
    let mut infra_starting = None;
    if o.start && pod_ip.is_none() {
        if let Some(infra) = &pod.infra_id {
            infra_starting = Some(crate::runtime::launch::spawn_supervisor(
                paths, infra, false,
            )?);
        }
    }
    let mut warnings = Vec::new();
    let mut ctx = super::podspec::PodCtx {
        paths,
        store: &store,
        manifest: m,
        w,
        pod: &pod,
        member: &member,
        sources: &sources,
        pod_ip,
        log_driver: o.log_driver.clone(),
        log_opt: o.log_opt.clone(),
        annotations: o.annotations.clone(),
        warnings: &mut warnings,
    };
    let mut made_all = Ok(());
    for ((list, i, c), img) in all.iter().zip(images) {
        let made = super::podspec::request(&mut ctx, c, *list == "initContainers", img)
            .and_then(|(req, secrets)| {
                rec.secrets.extend(secrets);
                crate::runtime::create::create(paths, &store, req)
            })
            .map_err(|e| locate(format!("{}.{list}[{i}]", w.spec_path), e));
        match made {
            Ok(c) => report.containers.push(c.id),
            Err(e) => {
                made_all = Err(e);
                break;
            }
        }
    }
    warm.join();
    if let Some(child) = infra_starting {
        crate::runtime::launch::await_started(child)
            .with_context(|| format!("starting pod {}", pod.name))?;
    }
    made_all?;
    for wn in warnings {
        crate::cli::warn_once(&wn);
    }
    if o.start {
        crate::runtime::pod::start(paths, &pod)
            .with_context(|| format!("starting pod {}", pod.name))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_style_names() {
        let s = random_suffix(5);
        assert_eq!(s.len(), 5);
        assert!(s.bytes().all(|b| CHARS.contains(&b)));
        assert_eq!(suffix(&[0, 1, 26, 27], 4), "bc9b");
    }
}
