//! `kube generate`: containers and pods as Kubernetes objects (a Pod, or a Deployment, DaemonSet
//! or Job around the pod template, and a Service for the published ports), built with
//! k8s-openapi's types and written as YAML with sorted keys and no empty fields, so the output
//! diffs well. What a `kube play` recorded (volumes, mounts, ports) is given back as written.

use std::collections::BTreeMap;

use anyhow::bail;
use k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    Capabilities, Container as KContainer, ContainerPort, EmptyDirVolumeSource, EnvVar, ExecAction,
    HTTPGetAction, HostAlias, HostPathVolumeSource, PersistentVolumeClaimVolumeSource, Pod,
    PodSpec, PodTemplateSpec, Probe, ResourceRequirements, SecurityContext, Service, ServicePort,
    ServiceSpec, TCPSocketAction, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;

pub use super::emit::{claim, tidy, to_yaml};

use crate::state::pod::Pod as SkiffPod;
use crate::state::Container;

pub struct GenerateOptions {
    pub kind: String,
    pub replicas: Option<i32>,
    pub service: bool,
}

/// One pod to describe: its name, labels, hostname, members (infra excluded) and the container
/// holding its network (ports, /etc/hosts entries).
pub struct PodView {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub hostname: Option<String>,
    pub members: Vec<Container>,
    pub net_holder: Option<Container>,
    /// The pod's own name prefix of its containers' names (`POD-`).
    pub prefix: String,
}

impl PodView {
    pub fn of_pod(p: &SkiffPod, members: Vec<Container>) -> PodView {
        let (infra, rest): (Vec<_>, Vec<_>) = members
            .into_iter()
            .partition(|c| Some(&c.id) == p.infra_id.as_ref());
        PodView {
            name: p.name.clone(),
            labels: p.labels.clone(),
            hostname: (p.hostname != p.name).then(|| p.hostname.clone()),
            members: rest,
            net_holder: infra.into_iter().next(),
            prefix: format!("{}-", p.name),
        }
    }

    pub fn of_container(c: Container) -> PodView {
        PodView {
            name: format!("{}-pod", c.name),
            labels: BTreeMap::new(),
            hostname: None,
            net_holder: Some(c.clone()),
            members: vec![c],
            prefix: String::new(),
        }
    }
}

/// A DNS-1123 label from any text (volume and port names).
fn dns_label(s: &str) -> String {
    let mut out: String = s
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    let out = out.trim_matches('-').to_string();
    let mut out: String = out.chars().take(55).collect();
    if out.is_empty() {
        out = "v".into();
    }
    out.trim_end_matches('-').to_string()
}

fn annotation<T: serde::de::DeserializeOwned>(c: &Container, key: &str) -> Option<T> {
    serde_json::from_str(c.annotations.get(&format!("io.skiff.kube.{key}"))?).ok()
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

fn non_empty_map(m: BTreeMap<String, String>) -> Option<BTreeMap<String, String>> {
    (!m.is_empty()).then_some(m)
}

struct Volumes {
    list: Vec<Volume>,
}

impl Volumes {
    /// The pod volume for a mount (shared by containers mounting the same source).
    fn name_for(&mut self, m: &crate::runtime::spec::UserMount) -> String {
        let mut v = Volume::default();
        if m.tmpfs.is_some() {
            v.empty_dir = Some(EmptyDirVolumeSource {
                medium: Some("Memory".into()),
                ..Default::default()
            });
            v.name = dns_label(&format!("tmpfs{}", m.target));
        } else if let Some(n) = &m.volume {
            v.persistent_volume_claim = Some(PersistentVolumeClaimVolumeSource {
                claim_name: n.clone(),
                read_only: None,
            });
            v.name = dns_label(&format!("{n}-pvc"));
        } else {
            let p = m.source.display().to_string();
            v.host_path = Some(HostPathVolumeSource {
                path: p.clone(),
                type_: Some(if m.file { "File" } else { "Directory" }.into()),
            });
            v.name = dns_label(&format!("{p}-host"));
        }
        let same = |x: &Volume| {
            x.host_path == v.host_path
                && x.persistent_volume_claim == v.persistent_volume_claim
                && x.empty_dir.is_some() == v.empty_dir.is_some()
                && (v.empty_dir.is_none() || x.name == v.name)
        };
        if let Some(x) = self.list.iter().find(|x| same(x)) {
            return x.name.clone();
        }
        let base = v.name.clone();
        let mut i = 1;
        while self.list.iter().any(|x| x.name == v.name) {
            v.name = format!("{base}-{i}");
            i += 1;
        }
        let n = v.name.clone();
        self.list.push(v);
        n
    }
}

fn probe_of(h: &crate::runtime::health::Health) -> Probe {
    let secs = |ms: u64| Some((ms / 1000) as i32);
    let mut p = Probe {
        period_seconds: secs(h.interval_ms),
        timeout_seconds: secs(h.timeout_ms),
        initial_delay_seconds: secs(h.start_period_ms).filter(|s| *s > 0),
        failure_threshold: Some(h.retries as i32),
        ..Default::default()
    };
    match &h.net {
        Some(n) if n.http_path.is_some() => {
            p.http_get = Some(HTTPGetAction {
                path: n.http_path.clone(),
                port: IntOrString::Int(n.port as i32),
                host: n.host.clone(),
                ..Default::default()
            })
        }
        Some(n) => {
            p.tcp_socket = Some(TCPSocketAction {
                port: IntOrString::Int(n.port as i32),
                host: n.host.clone(),
            })
        }
        None => {
            p.exec = Some(ExecAction {
                command: Some(h.test.clone()),
            })
        }
    }
    p
}

/// A hook back as Kubernetes wrote it.
fn handler_of(h: &crate::runtime::health::Health) -> k8s_openapi::api::core::v1::LifecycleHandler {
    let p = probe_of(h);
    k8s_openapi::api::core::v1::LifecycleHandler {
        exec: p.exec,
        http_get: p.http_get,
        tcp_socket: p.tcp_socket,
        ..Default::default()
    }
}

fn container_of(
    store: &crate::image::store::Store,
    c: &Container,
    prefix: &str,
    ports: Vec<ContainerPort>,
    vols: &mut Volumes,
) -> KContainer {
    let config = store
        .config(&c.image_id)
        .map(|i| i.config)
        .unwrap_or_default();
    let image_entry = config.entrypoint.clone().unwrap_or_default();
    let image_cmd = config.cmd.clone().unwrap_or_default();
    let args = &c.spec.args;
    let (command, cargs) = if *args == [image_entry.clone(), image_cmd.clone()].concat() {
        (None, None)
    } else if !image_entry.is_empty() && args.starts_with(&image_entry) {
        (None, non_empty(args[image_entry.len()..].to_vec()))
    } else {
        (non_empty(args.clone()), None)
    };
    let image_env = config.env.clone().unwrap_or_default();
    let env: Vec<EnvVar> = c
        .spec
        .env
        .iter()
        .filter(|e| !image_env.contains(e))
        .filter_map(|e| e.split_once('='))
        .filter(|(k, _)| !matches!(*k, "HOSTNAME" | "container" | "TERM" | "PATH" | "HOME"))
        .map(|(k, v)| EnvVar {
            name: k.to_string(),
            value: Some(v.to_string()),
            value_from: None,
        })
        .collect();
    let mounts: Vec<VolumeMount> = match annotation::<Vec<VolumeMount>>(c, "volumeMounts") {
        Some(m) => m,
        None => {
            let mut v = Vec::new();
            for m in &c.spec.mounts {
                v.push(VolumeMount {
                    name: vols.name_for(m),
                    mount_path: m.target.clone(),
                    read_only: m.readonly.then_some(true),
                    ..Default::default()
                });
            }
            for t in &c.spec.tmpfs {
                let m = crate::runtime::spec::UserMount {
                    target: t.path.clone(),
                    tmpfs: Some(t.options.clone()),
                    ..Default::default()
                };
                v.push(VolumeMount {
                    name: vols.name_for(&m),
                    mount_path: t.path.clone(),
                    ..Default::default()
                });
            }
            v
        }
    };
    let default: Vec<String> = crate::runtime::security::DEFAULT_CAPS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let strip = |s: &String| s.trim_start_matches("CAP_").to_string();
    let mut add: Vec<String> = c
        .spec
        .caps
        .iter()
        .filter(|x| !default.contains(x))
        .map(strip)
        .collect();
    let mut drop: Vec<String> = default
        .iter()
        .filter(|x| !c.spec.caps.contains(x))
        .map(strip)
        .collect();
    add.sort();
    drop.sort();
    let (uid, gid) = match c.spec.user.split_once(':') {
        Some((u, g)) => (u.parse().ok(), g.parse().ok()),
        None => (c.spec.user.parse().ok(), None),
    };
    let image_user = config.user.clone().unwrap_or_default();
    let explicit_user = !c.spec.user.is_empty() && c.spec.user != image_user;
    let sc = SecurityContext {
        run_as_user: uid.filter(|_| explicit_user),
        run_as_group: gid.filter(|_| explicit_user),
        read_only_root_filesystem: c.spec.read_only.then_some(true),
        privileged: c.spec.privileged.then_some(true),
        allow_privilege_escalation: c.spec.no_new_privileges.then_some(false),
        capabilities: (!add.is_empty() || !drop.is_empty()).then(|| Capabilities {
            add: non_empty(add),
            drop: non_empty(drop),
        }),
        ..Default::default()
    };
    let r = &c.spec.resources;
    let mut limits = BTreeMap::new();
    if let Some(m) = r.memory {
        limits.insert("memory".to_string(), Quantity(m.to_string()));
    }
    if let (Some(q), Some(p)) = (r.cpu_quota, r.cpu_period) {
        if q > 0 && p > 0 {
            limits.insert(
                "cpu".to_string(),
                Quantity(format!("{}m", q * 1000 / p as i64)),
            );
        }
    }
    if let Some(rec) = c.annotations.get("io.skiff.kube.limits") {
        for kv in rec.split(',') {
            if let Some((k, v)) = kv.split_once('=') {
                limits
                    .entry(k.to_string())
                    .or_insert_with(|| Quantity(v.to_string()));
            }
        }
    }
    let image_wd = config
        .working_dir
        .clone()
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".into());
    KContainer {
        name: c.name.strip_prefix(prefix).unwrap_or(&c.name).to_string(),
        image: Some(c.image.clone()),
        command,
        args: cargs,
        env: non_empty(env),
        working_dir: (c.spec.cwd != image_wd).then(|| c.spec.cwd.clone()),
        ports: non_empty(ports),
        volume_mounts: non_empty(mounts),
        security_context: (sc != SecurityContext::default()).then_some(sc),
        resources: (!limits.is_empty()).then(|| ResourceRequirements {
            limits: Some(limits),
            ..Default::default()
        }),
        liveness_probe: c.health.as_ref().map(probe_of),
        readiness_probe: c.probes.readiness.as_ref().map(probe_of),
        startup_probe: c.probes.startup.as_ref().map(probe_of),
        lifecycle: (c.probes.post_start.is_some() || c.probes.pre_stop.is_some()).then(|| {
            k8s_openapi::api::core::v1::Lifecycle {
                post_start: c.probes.post_start.as_ref().map(handler_of),
                pre_stop: c.probes.pre_stop.as_ref().map(handler_of),
                ..Default::default()
            }
        }),
        stdin: c.spec.stdin.then_some(true),
        tty: c.spec.tty.then_some(true),
        ..Default::default()
    }
}

fn ports_of(holder: &Container) -> Vec<ContainerPort> {
    holder
        .spec
        .net
        .ports
        .iter()
        .map(|p| ContainerPort {
            container_port: p.container_port as i32,
            host_port: Some(p.host_port as i32),
            host_ip: (!p.host_ip.is_empty() && p.host_ip != "0.0.0.0").then(|| p.host_ip.clone()),
            protocol: (p.protocol.as_str() != "tcp")
                .then(|| p.protocol.as_str().to_ascii_uppercase()),
            ..Default::default()
        })
        .collect()
}

/// The Kubernetes objects for one pod view, as sorted JSON values.
pub fn objects(
    store: &crate::image::store::Store,
    v: &PodView,
    o: &GenerateOptions,
) -> anyhow::Result<Vec<Value>> {
    let mut vols = Volumes { list: Vec::new() };
    let holder_ports = v.net_holder.as_ref().map(ports_of).unwrap_or_default();
    let mut containers = Vec::new();
    let mut inits = Vec::new();
    let mut given_volumes: Option<Vec<Volume>> = None;
    for (i, c) in v.members.iter().enumerate() {
        let ports = annotation::<Vec<ContainerPort>>(c, "ports").unwrap_or_else(|| {
            if i == 0 {
                holder_ports.clone()
            } else {
                Vec::new()
            }
        });
        if let Some(vs) = annotation::<Vec<Volume>>(c, "volumes") {
            given_volumes = Some(vs);
        }
        let k = container_of(store, c, &v.prefix, ports, &mut vols);
        if c.init_ctr.is_some() {
            inits.push(k);
        } else {
            containers.push(k);
        }
    }
    if containers.is_empty() {
        bail!("pod {} has no containers to describe", v.name);
    }
    let policy = v
        .members
        .iter()
        .find(|c| c.init_ctr.is_none())
        .and_then(|c| c.restart_policy.clone());
    let restart = match (
        o.kind.as_str(),
        policy.as_deref().map(|p| p.split(':').next().unwrap_or(p)),
    ) {
        ("deployment" | "daemonset", _) => "Always",
        ("job", Some("on-failure" | "always" | "unless-stopped")) => "OnFailure",
        ("job", _) => "Never",
        (_, Some("always" | "unless-stopped")) => "Always",
        (_, Some("on-failure")) => "OnFailure",
        _ => "Never",
    };
    let add_hosts: Vec<HostAlias> = v
        .net_holder
        .iter()
        .flat_map(|h| h.spec.net.add_hosts.iter())
        .filter_map(|h| {
            let (n, ip) = h.split_once(':')?;
            Some(HostAlias {
                ip: ip.to_string(),
                hostnames: Some(vec![n.to_string()]),
            })
        })
        .collect();
    let grace = v
        .members
        .iter()
        .find_map(|c| c.spec.stop_timeout)
        .map(|t| t as i64);
    let mut volumes = given_volumes.unwrap_or_default();
    for x in vols.list {
        if !volumes.iter().any(|y| y.name == x.name) {
            volumes.push(x);
        }
    }
    let spec = PodSpec {
        containers,
        init_containers: non_empty(inits),
        restart_policy: Some(restart.to_string()),
        hostname: v.hostname.clone(),
        host_aliases: non_empty(add_hosts),
        volumes: non_empty(volumes),
        termination_grace_period_seconds: grace.filter(|g| *g != 10 && *g != 30),
        ..Default::default()
    };
    let mut labels: BTreeMap<String, String> = v
        .labels
        .iter()
        .filter(|(k, _)| !k.starts_with("io.skiff."))
        .map(|(k, x)| (k.clone(), x.clone()))
        .collect();
    // A lone container's own labels (`run --label`), not its image's, label the pod.
    if v.prefix.is_empty() {
        for c in &v.members {
            let image = store
                .config(&c.image_id)
                .ok()
                .and_then(|i| i.config.labels)
                .unwrap_or_default();
            for (k, x) in &c.labels {
                if !k.starts_with("io.skiff.") && image.get(k) != Some(x) {
                    labels.insert(k.clone(), x.clone());
                }
            }
        }
    }
    labels
        .entry("app".into())
        .or_insert_with(|| dns_label(&v.name));
    let mut annotations = BTreeMap::new();
    for c in &v.members {
        for (k, x) in &c.annotations {
            if !k.starts_with("io.skiff.") && !k.starts_with("io.podman.annotations") {
                annotations.insert(k.clone(), x.clone());
            }
        }
    }
    let meta = ObjectMeta {
        name: Some(v.name.clone()),
        labels: Some(labels.clone()),
        annotations: non_empty_map(annotations),
        ..Default::default()
    };
    let template = PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some(labels.clone()),
            annotations: meta.annotations.clone(),
            ..Default::default()
        }),
        spec: Some(spec.clone()),
    };
    let selector = LabelSelector {
        match_labels: Some(BTreeMap::from([("app".to_string(), labels["app"].clone())])),
        ..Default::default()
    };
    let main = match o.kind.as_str() {
        "pod" => serde_json::to_value(Pod {
            metadata: meta.clone(),
            spec: Some(spec),
            status: None,
        })?,
        "deployment" => serde_json::to_value(Deployment {
            metadata: meta.clone(),
            spec: Some(DeploymentSpec {
                replicas: Some(o.replicas.unwrap_or(1)),
                selector,
                template,
                ..Default::default()
            }),
            status: None,
        })?,
        "daemonset" => serde_json::to_value(DaemonSet {
            metadata: meta.clone(),
            spec: Some(DaemonSetSpec {
                selector,
                template,
                ..Default::default()
            }),
            status: None,
        })?,
        "job" => serde_json::to_value(Job {
            metadata: meta.clone(),
            spec: Some(JobSpec {
                template,
                ..Default::default()
            }),
            status: None,
        })?,
        other => bail!("invalid --type {other:?}: pod, deployment, daemonset or job"),
    };
    let mut out = vec![main];
    if o.service {
        let ports: Vec<ServicePort> = holder_ports
            .iter()
            .map(|p| ServicePort {
                name: Some(format!(
                    "{}-{}",
                    p.host_port.unwrap_or(p.container_port),
                    p.protocol
                        .clone()
                        .unwrap_or_else(|| "TCP".into())
                        .to_ascii_lowercase()
                )),
                port: p.host_port.unwrap_or(p.container_port),
                target_port: Some(IntOrString::Int(p.container_port)),
                protocol: p.protocol.clone(),
                ..Default::default()
            })
            .collect();
        if ports.is_empty() {
            bail!(
                "--service: pod {} publishes no ports (run it with -p)",
                v.name
            );
        }
        out.push(serde_json::to_value(Service {
            metadata: ObjectMeta {
                name: Some(dns_label(&v.name)),
                labels: Some(BTreeMap::from([("app".to_string(), labels["app"].clone())])),
                ..Default::default()
            },
            spec: Some(ServiceSpec {
                ports: Some(ports),
                selector: Some(BTreeMap::from([("app".to_string(), labels["app"].clone())])),
                type_: Some("ClusterIP".into()),
                ..Default::default()
            }),
            status: None,
        })?);
    }
    Ok(out.into_iter().map(tidy).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels() {
        assert_eq!(dns_label("/home/u/Data_1"), "home-u-data-1");
        assert_eq!(dns_label("///"), "v");
    }
}
