//! Kubernetes hand-off: manifests in (`play`, `down`) and out (`generate`). YAML is parsed by
//! `yaml` into k8s-openapi's types (API version pinned by the crate feature), checked here with
//! the document index, field path and line of every problem; `play` turns the pod specs into the
//! engine's pod and container requests, `down` removes what a play recorded.

pub mod down;
pub mod emit;
pub mod generate;
pub mod images;
pub mod play;
pub mod podspec;
pub mod probes;
pub mod record;
pub mod volumes;
pub mod yaml;

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Pod, PodSpec, Secret, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use yaml::Node;

/// A problem in one document, located.
#[derive(Debug)]
pub struct Located {
    pub what: String,
    pub doc: usize,
    pub object: String,
    pub path: String,
    pub line: u64,
    pub msg: String,
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: document {}", self.what, self.doc + 1)?;
        if !self.object.is_empty() {
            write!(f, " ({})", self.object)?;
        }
        if !self.path.is_empty() {
            write!(f, ", {}", self.path)?;
        }
        write!(f, " (line {}): {}", self.line, self.msg)
    }
}

impl std::error::Error for Located {}

/// What runs as pods: a Pod, or the pod template of a Deployment, DaemonSet or Job.
#[derive(Debug, Clone)]
pub struct Workload {
    pub kind: String,
    pub name: String,
    pub doc: usize,
    /// The path of the pod spec in the document (`spec` or `spec.template.spec`).
    pub spec_path: String,
    pub node: Node,
    pub meta: ObjectMeta,
    pub spec: PodSpec,
    pub replicas: u32,
    pub backoff_limit: Option<i32>,
}

#[derive(Debug, Default)]
pub struct Manifest {
    pub what: String,
    pub workloads: Vec<Workload>,
    pub configmaps: BTreeMap<String, ConfigMap>,
    pub secrets: BTreeMap<String, Secret>,
    pub pvcs: Vec<PersistentVolumeClaim>,
    pub services: Vec<Service>,
    /// Unknown kinds and fields, fields skiff cannot honour: said once each.
    pub warnings: Vec<String>,
}

/// Pod spec fields that are valid Kubernetes but mean nothing on one machine.
const NOT_HONOURED: &[&str] = &[
    "nodeSelector",
    "nodeName",
    "affinity",
    "tolerations",
    "topologySpreadConstraints",
    "priorityClassName",
    "priority",
    "schedulerName",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "runtimeClassName",
    "preemptionPolicy",
    "overhead",
    "readinessGates",
    "schedulingGates",
    "resourceClaims",
    "ephemeralContainers",
    "os",
    "dnsPolicy",
    "enableServiceLinks",
    "setHostnameAsFQDN",
    "activeDeadlineSeconds",
];

impl Manifest {
    pub fn parse(text: &str, what: &str) -> anyhow::Result<Manifest> {
        let m = Manifest::parse_unchecked(text, what)?;
        m.check()?;
        Ok(m)
    }

    /// Parsed and typed, references not yet checked (`--configmap` files come first).
    pub fn parse_unchecked(text: &str, what: &str) -> anyhow::Result<Manifest> {
        let docs = yaml::documents(text, what)?;
        let mut m = Manifest {
            what: what.to_string(),
            ..Default::default()
        };
        for (i, node) in docs.into_iter().enumerate() {
            m.add(i, node)?;
        }
        Ok(m)
    }

    fn located(&self, doc: usize, node: &Node, path: &str, msg: impl Into<String>) -> Located {
        Located {
            what: self.what.clone(),
            doc,
            object: object_name(node),
            path: path.to_string(),
            line: node.line_of(path),
            msg: msg.into(),
        }
    }

    fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(
        &mut self,
        i: usize,
        node: &Node,
    ) -> anyhow::Result<T> {
        let t: T = yaml::typed(node).map_err(|(path, line, msg)| Located {
            what: self.what.clone(),
            doc: i,
            object: object_name(node),
            path,
            line,
            msg,
        })?;
        let unknown = yaml::unknown_fields(node, &t);
        if !unknown.is_empty() {
            let list: Vec<String> = unknown
                .iter()
                .map(|(p, l)| format!("{p} (line {l})"))
                .collect();
            self.warnings.push(format!(
                "document {} ({}): unknown fields skipped: {}",
                i + 1,
                object_name(node),
                list.join(", ")
            ));
        }
        Ok(t)
    }

    fn add(&mut self, i: usize, node: Node) -> anyhow::Result<()> {
        let kind = node.str("kind").unwrap_or_default().to_string();
        if !matches!(node.kind, yaml::Kind::Map(_)) {
            return Err(self
                .located(
                    i,
                    &node,
                    "",
                    "a document must be a mapping with apiVersion and kind",
                )
                .into());
        }
        let name = |meta: &ObjectMeta| meta.name.clone().unwrap_or_default();
        match kind.as_str() {
            "Pod" => {
                let p: Pod = self.typed(i, &node)?;
                let spec = p.spec.clone().unwrap_or_default();
                self.workload(i, node, "Pod", p.metadata, spec, "spec", 1, None)?;
            }
            "Deployment" => {
                let d: Deployment = self.typed(i, &node)?;
                let s = d.spec.clone().unwrap_or_default();
                let meta = merged_meta(&d.metadata, s.template.metadata.as_ref());
                let r = s.replicas.unwrap_or(1).max(0) as u32;
                let spec = s.template.spec.clone().unwrap_or_default();
                self.workload(
                    i,
                    node,
                    "Deployment",
                    meta,
                    spec,
                    "spec.template.spec",
                    r,
                    None,
                )?;
            }
            "DaemonSet" => {
                let d: DaemonSet = self.typed(i, &node)?;
                let s = d.spec.clone().unwrap_or_default();
                let meta = merged_meta(&d.metadata, s.template.metadata.as_ref());
                let spec = s.template.spec.clone().unwrap_or_default();
                self.workload(
                    i,
                    node,
                    "DaemonSet",
                    meta,
                    spec,
                    "spec.template.spec",
                    1,
                    None,
                )?;
            }
            "Job" => {
                let j: Job = self.typed(i, &node)?;
                let s = j.spec.clone().unwrap_or_default();
                let meta = merged_meta(&j.metadata, s.template.metadata.as_ref());
                let spec = s.template.spec.clone().unwrap_or_default();
                let backoff = Some(s.backoff_limit.unwrap_or(6));
                self.workload(i, node, "Job", meta, spec, "spec.template.spec", 1, backoff)?;
            }
            "ConfigMap" => {
                let c: ConfigMap = self.typed(i, &node)?;
                self.configmaps.insert(name(&c.metadata), c);
            }
            "Secret" => {
                let s: Secret = self.typed(i, &node)?;
                self.secrets.insert(name(&s.metadata), s);
            }
            "PersistentVolumeClaim" => {
                let p: PersistentVolumeClaim = self.typed(i, &node)?;
                if !crate::state::volume::valid_name(&name(&p.metadata)) {
                    return Err(self
                        .located(
                            i,
                            &node,
                            "metadata.name",
                            "a claim's name becomes a volume name: letters, digits and _ . -",
                        )
                        .into());
                }
                self.pvcs.push(p);
            }
            "Service" => {
                let s: Service = self.typed(i, &node)?;
                self.services.push(s);
            }
            "" => {
                return Err(self
                    .located(i, &node, "kind", "the document has no kind")
                    .into());
            }
            other => self.warnings.push(format!(
                "document {} (line {}): kind {other} is not supported by skiff: skipped",
                i + 1,
                node.line
            )),
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn workload(
        &mut self,
        doc: usize,
        node: Node,
        kind: &str,
        meta: ObjectMeta,
        spec: PodSpec,
        spec_path: &str,
        replicas: u32,
        backoff_limit: Option<i32>,
    ) -> anyhow::Result<()> {
        let name = meta.name.clone().unwrap_or_default();
        if name.is_empty() || !crate::state::names::valid(&name) {
            return Err(self
                .located(
                    doc,
                    &node,
                    "metadata.name",
                    format!("{kind} needs a name of letters, digits, - and . (got {name:?})"),
                )
                .into());
        }
        if spec.containers.is_empty() {
            return Err(self
                .located(
                    doc,
                    &node,
                    &format!("{spec_path}.containers"),
                    "a pod needs at least one container",
                )
                .into());
        }
        let mut ignored = Vec::new();
        let mut sp = Some(&node);
        for seg in spec_path.split('.') {
            sp = sp.and_then(|n| n.get(seg));
        }
        for f in NOT_HONOURED {
            if let Some(n) = sp.and_then(|s| s.get(f)) {
                ignored.push(format!("{spec_path}.{f} (line {})", n.line));
            }
        }
        if !ignored.is_empty() {
            self.warnings.push(format!(
                "document {} ({kind} {name}): not honoured on one machine: {}",
                doc + 1,
                ignored.join(", ")
            ));
        }
        self.workloads.push(Workload {
            kind: kind.to_string(),
            name,
            doc,
            spec_path: spec_path.to_string(),
            node,
            meta,
            spec,
            replicas,
            backoff_limit,
        });
        Ok(())
    }

    /// What the types cannot say: images present, ports unique, references resolvable.
    pub fn check(&self) -> anyhow::Result<()> {
        for w in &self.workloads {
            let at = |path: String, msg: String| -> anyhow::Error {
                self.located(w.doc, &w.node, &path, msg).into()
            };
            let mut ports: Vec<(i32, String, String)> = Vec::new();
            let mut names: Vec<&str> = Vec::new();
            let all = w
                .spec
                .init_containers
                .iter()
                .flatten()
                .map(|c| ("initContainers", c))
                .enumerate()
                .chain(
                    w.spec
                        .containers
                        .iter()
                        .map(|c| ("containers", c))
                        .enumerate(),
                );
            for (ci, (list, c)) in all {
                let base = format!("{}.{list}[{ci}]", w.spec_path);
                if c.image.as_deref().unwrap_or_default().is_empty() {
                    return Err(at(
                        format!("{base}.image"),
                        format!("container {:?} has no image", c.name),
                    ));
                }
                if c.name.is_empty() || !crate::state::names::valid(&c.name) {
                    return Err(at(
                        format!("{base}.name"),
                        format!("invalid container name {:?}", c.name),
                    ));
                }
                if names.contains(&c.name.as_str()) {
                    return Err(at(
                        format!("{base}.name"),
                        format!("container name {} is used twice in the pod", c.name),
                    ));
                }
                names.push(&c.name);
                for (pi, p) in c.ports.iter().flatten().enumerate() {
                    let proto = p.protocol.clone().unwrap_or_else(|| "TCP".into());
                    let key = (p.container_port, proto.clone(), String::new());
                    if let Some(o) = ports.iter().find(|x| x.0 == key.0 && x.1 == key.1) {
                        return Err(at(
                            format!("{base}.ports[{pi}]"),
                            format!(
                                "port {}/{proto} is given twice in the pod (also in {})",
                                p.container_port, o.2
                            ),
                        ));
                    }
                    ports.push((p.container_port, proto, c.name.clone()));
                }
            }
            for (path, secret, name) in references(w) {
                let missing = if secret {
                    !self.secrets.contains_key(&name)
                } else {
                    !self.configmaps.contains_key(&name)
                };
                if missing {
                    let msg = if secret {
                        format!("Secret {name:?} is not in the manifest")
                    } else {
                        format!("ConfigMap {name:?} is not in the manifest (add it, or pass it with --configmap FILE)")
                    };
                    return Err(at(path, msg));
                }
            }
        }
        Ok(())
    }

    /// More ConfigMaps (`--configmap FILE`): only ConfigMap documents are taken from them.
    pub fn add_configmaps(&mut self, text: &str, what: &str) -> anyhow::Result<()> {
        let other = Manifest::parse_unchecked(text, what)?;
        if !other.workloads.is_empty() || !other.secrets.is_empty() || other.configmaps.is_empty() {
            anyhow::bail!("--configmap {what}: the file must hold ConfigMap documents only");
        }
        for (k, v) in other.configmaps {
            self.configmaps.entry(k).or_insert(v);
        }
        Ok(())
    }
}

/// The ConfigMaps and Secrets a pod spec needs (not the optional ones): (field path, is a
/// Secret, name).
fn references(w: &Workload) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    let mut need = |path: String, secret: bool, name: &str, optional: Option<bool>| {
        if !optional.unwrap_or(false) {
            out.push((path, secret, name.to_string()));
        }
    };
    let lists = [
        (
            "initContainers",
            w.spec.init_containers.as_deref().unwrap_or_default(),
        ),
        ("containers", &w.spec.containers[..]),
    ];
    for (list, cs) in lists {
        for (ci, c) in cs.iter().enumerate() {
            let base = format!("{}.{list}[{ci}]", w.spec_path);
            for (ei, e) in c.env.iter().flatten().enumerate() {
                let Some(vf) = &e.value_from else { continue };
                if let Some(r) = &vf.config_map_key_ref {
                    need(
                        format!("{base}.env[{ei}].valueFrom.configMapKeyRef.name"),
                        false,
                        &r.name,
                        r.optional,
                    );
                }
                if let Some(r) = &vf.secret_key_ref {
                    need(
                        format!("{base}.env[{ei}].valueFrom.secretKeyRef.name"),
                        true,
                        &r.name,
                        r.optional,
                    );
                }
            }
            for (ei, e) in c.env_from.iter().flatten().enumerate() {
                if let Some(r) = &e.config_map_ref {
                    need(
                        format!("{base}.envFrom[{ei}].configMapRef.name"),
                        false,
                        &r.name,
                        r.optional,
                    );
                }
                if let Some(r) = &e.secret_ref {
                    need(
                        format!("{base}.envFrom[{ei}].secretRef.name"),
                        true,
                        &r.name,
                        r.optional,
                    );
                }
            }
        }
    }
    for (vi, v) in w.spec.volumes.iter().flatten().enumerate() {
        let base = format!("{}.volumes[{vi}]", w.spec_path);
        if let Some(cm) = &v.config_map {
            need(
                format!("{base}.configMap.name"),
                false,
                &cm.name,
                cm.optional,
            );
        }
        if let Some(sv) = &v.secret {
            let n = sv.secret_name.clone().unwrap_or_default();
            need(format!("{base}.secret.secretName"), true, &n, sv.optional);
        }
    }
    out
}

/// `Kind name` of a document, for messages.
fn object_name(node: &Node) -> String {
    let kind = node.str("kind").unwrap_or_default();
    let name = node
        .get("metadata")
        .and_then(|m| m.str("name"))
        .unwrap_or_default();
    format!("{kind} {name}").trim().to_string()
}

/// A controller's pod metadata: the template's labels and annotations, the controller's name.
fn merged_meta(owner: &ObjectMeta, template: Option<&ObjectMeta>) -> ObjectMeta {
    let mut m = template.cloned().unwrap_or_default();
    m.name = owner.name.clone();
    m.namespace = owner.namespace.clone();
    let mut labels = owner.labels.clone().unwrap_or_default();
    labels.extend(m.labels.clone().unwrap_or_default());
    m.labels = (!labels.is_empty()).then_some(labels);
    m
}
