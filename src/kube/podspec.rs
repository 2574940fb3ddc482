//! One Kubernetes container of a pod as the engine's `ContainerRequest`: image (pulled per
//! imagePullPolicy with imagePullSecrets' credentials), command/args, env (with `$(VAR)`,
//! valueFrom and envFrom; secret values go through skiff's secret store, never into the record),
//! workingDir, mounts, securityContext, resources, restart policy and grace period.

use std::collections::BTreeMap;

use anyhow::bail;
use k8s_openapi::api::core::v1::{Container, EnvVar};

pub use super::images::ensure_image;
use super::volumes::Source;
use super::{Manifest, Workload};
use crate::image::store::{ImageRecord, Store};
use crate::runtime::create::{ContainerRequest, ImageSource};
use crate::runtime::spec;
use crate::storage::Paths;

/// What the pod around a container gives it.
pub struct PodCtx<'a> {
    pub paths: &'a Paths,
    pub store: &'a Store,
    pub manifest: &'a Manifest,
    pub w: &'a Workload,
    pub pod: &'a crate::state::pod::Pod,
    pub member: &'a crate::runtime::pod::Membership,
    pub sources: &'a BTreeMap<String, Source>,
    pub pod_ip: Option<String>,
    pub log_driver: String,
    pub log_opt: Vec<String>,
    pub annotations: BTreeMap<String, String>,
    pub warnings: &'a mut Vec<String>,
}

/// A Kubernetes quantity (`128Mi`, `1G`, `500m`, `1.5`) in base units (bytes, cores).
pub fn quantity(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024f64.powi(4),
        s if s.starts_with('e') || s.starts_with('E') => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * mult)
}

/// `$(VAR)` references to variables defined before (Kubernetes' expansion; `$$(X)` escapes).
pub fn expand(value: &str, env: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(a) = after.strip_prefix("$(") {
            out.push_str("$(");
            rest = a;
        } else if let Some(a) = after.strip_prefix('(') {
            match a.find(')') {
                Some(j) => {
                    let name = &a[..j];
                    match env.iter().rev().find(|(k, _)| k == name) {
                        Some((_, v)) => out.push_str(v),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = &a[j + 1..];
                }
                None => {
                    out.push('$');
                    rest = after;
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Env of a container, in Kubernetes' order (envFrom, then env), `$(VAR)` expanded. Secret
/// values become skiff secrets (returned with the env refs); the rest are plain `K=V`.
fn environment(
    ctx: &mut PodCtx<'_>,
    c: &Container,
    ctr_id: &str,
    secrets: &mut Vec<crate::state::secret::SecretRef>,
    made_secrets: &mut Vec<String>,
) -> anyhow::Result<Vec<String>> {
    let m = ctx.manifest;
    let mut env: Vec<(String, String)> = Vec::new();
    let mut secret_env: Vec<(String, Vec<u8>)> = Vec::new();
    for e in c.env_from.iter().flatten() {
        let prefix = e.prefix.clone().unwrap_or_default();
        if let Some(r) = &e.config_map_ref {
            if let Some(cm) = m.configmaps.get(&r.name) {
                for (k, v) in cm.data.iter().flatten() {
                    env.push((format!("{prefix}{k}"), v.clone()));
                }
            }
        }
        if let Some(r) = &e.secret_ref {
            if let Some(s) = m.secrets.get(&r.name) {
                for (k, v) in super::volumes::secret_data(s) {
                    secret_env.push((format!("{prefix}{k}"), v));
                }
            }
        }
    }
    for EnvVar {
        name,
        value,
        value_from,
    } in c.env.iter().flatten()
    {
        if let Some(v) = value {
            let v = expand(v, &env);
            env.push((name.clone(), v));
            continue;
        }
        let Some(vf) = value_from else {
            env.push((name.clone(), String::new()));
            continue;
        };
        if let Some(r) = &vf.config_map_key_ref {
            let v = m
                .configmaps
                .get(&r.name)
                .and_then(|cm| cm.data.as_ref()?.get(&r.key).cloned());
            match v {
                Some(v) => env.push((name.clone(), v)),
                None if r.optional.unwrap_or(false) => {}
                None => bail!("env {name}: key {:?} is not in ConfigMap {}", r.key, r.name),
            }
        } else if let Some(r) = &vf.secret_key_ref {
            let v = m
                .secrets
                .get(&r.name)
                .and_then(|s| super::volumes::secret_data(s).remove(&r.key));
            match v {
                Some(v) => secret_env.push((name.clone(), v)),
                None if r.optional.unwrap_or(false) => {}
                None => bail!("env {name}: key {:?} is not in Secret {}", r.key, r.name),
            }
        } else if let Some(f) = &vf.field_ref {
            let meta = &ctx.w.meta;
            let p = f.field_path.as_str();
            let label = |map: &Option<BTreeMap<String, String>>, pre: &str| {
                let key = p
                    .strip_prefix(pre)?
                    .strip_prefix("['")?
                    .strip_suffix("']")?;
                map.as_ref()?.get(key).cloned()
            };
            let v = match p {
                "metadata.name" => Some(ctx.pod.name.clone()),
                "metadata.namespace" => Some(meta.namespace.clone().unwrap_or_else(|| "default".into())),
                "metadata.uid" => Some(ctx.pod.id.clone()),
                "spec.nodeName" | "status.hostIP" => Some(
                    nix::unistd::gethostname()
                        .ok()
                        .and_then(|h| h.into_string().ok())
                        .unwrap_or_default(),
                ),
                "spec.serviceAccountName" => Some("default".into()),
                "status.podIP" | "status.podIPs" => Some(ctx.pod_ip.clone().unwrap_or_default()),
                _ if p.starts_with("metadata.labels") => label(&meta.labels, "metadata.labels"),
                _ if p.starts_with("metadata.annotations") => {
                    label(&meta.annotations, "metadata.annotations")
                }
                _ => bail!("env {name}: fieldRef {p:?} is not supported (metadata.name, metadata.namespace, metadata.labels['K'], metadata.annotations['K'], status.podIP)"),
            };
            env.push((name.clone(), v.unwrap_or_default()));
        } else if let Some(r) = &vf.resource_field_ref {
            let res = c.resources.as_ref();
            let q = res
                .and_then(|r2| {
                    let (kind, key) = r.resource.split_once('.')?;
                    let map = if kind == "limits" {
                        &r2.limits
                    } else {
                        &r2.requests
                    };
                    map.as_ref()?.get(key).cloned()
                })
                .map(|q| q.0)
                .unwrap_or_default();
            env.push((name.clone(), q));
        }
    }
    let sstore = crate::state::secret::SecretStore::open(&ctx.paths.root)?;
    for (k, v) in secret_env {
        if v.is_empty() {
            env.push((k, String::new()));
            continue;
        }
        let sname = format!(
            "kube-{}-{}",
            &ctr_id[..12],
            k.replace(
                |c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '.' && c != '-',
                "_"
            )
        );
        let mut labels = BTreeMap::new();
        labels.insert("io.skiff.kube.pod".to_string(), ctx.pod.name.clone());
        let s = sstore.create(&sname, &v, labels, true)?;
        made_secrets.push(s.id.clone());
        secrets.push(crate::state::secret::SecretRef {
            id: s.id,
            name: sname,
            env: true,
            target: k,
            uid: 0,
            gid: 0,
            mode: 0o400,
        });
    }
    Ok(env.into_iter().map(|(k, v)| format!("{k}={v}")).collect())
}

/// The request for container `c` (an init container when `init`). Returns it with the skiff
/// secrets made for its env.
pub fn request(
    ctx: &mut PodCtx<'_>,
    c: &Container,
    init: bool,
    image: ImageRecord,
) -> anyhow::Result<(ContainerRequest, Vec<String>)> {
    let spec = &ctx.w.spec;
    let id = crate::state::names::random_id();
    let mut secrets = Vec::new();
    let mut made_secrets = Vec::new();
    let env = environment(ctx, c, &id, &mut secrets, &mut made_secrets)?;
    let config = ctx.store.config(&image.id)?;
    let vstore = crate::state::volume::VolumeStore::open(&ctx.paths.root)?;
    let mounts = super::volumes::mounts(c, ctx.sources, &vstore)?;
    let psc = spec.security_context.clone().unwrap_or_default();
    let sc = c.security_context.clone().unwrap_or_default();
    let uid = sc.run_as_user.or(psc.run_as_user);
    let gid = sc.run_as_group.or(psc.run_as_group);
    let user = match (uid, gid) {
        (Some(u), Some(g)) => Some(format!("{u}:{g}")),
        (Some(u), None) => Some(u.to_string()),
        (None, Some(g)) => Some(format!(
            "{}:{g}",
            config
                .config
                .user
                .clone()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| "0".into())
                .split(':')
                .next()
                .unwrap_or("0")
        )),
        (None, None) => None,
    };
    if sc.run_as_non_root.or(psc.run_as_non_root).unwrap_or(false) {
        let effective = user
            .clone()
            .or(config.config.user.clone())
            .unwrap_or_default();
        let u = effective.split(':').next().unwrap_or_default();
        if u.is_empty() || u == "0" || u == "root" {
            bail!(
                "container {}: runAsNonRoot is set but it would run as root (set runAsUser, or \
                 use an image with a non-root USER)",
                c.name
            );
        }
    }
    let mut security_opt = Vec::new();
    if sc.allow_privilege_escalation == Some(false) {
        security_opt.push("no-new-privileges".to_string());
    }
    match sc
        .seccomp_profile
        .as_ref()
        .or(psc.seccomp_profile.as_ref())
        .map(|p| p.type_.as_str())
    {
        Some("Unconfined") => security_opt.push("seccomp=unconfined".into()),
        Some("Localhost") => ctx.warnings.push(format!(
            "container {}: seccompProfile Localhost is not honoured (skiff's default profile is used)",
            c.name
        )),
        _ => {}
    }
    let caps = sc.capabilities.clone().unwrap_or_default();
    let mut group_add: Vec<String> = psc
        .supplemental_groups
        .iter()
        .flatten()
        .map(|g| g.to_string())
        .collect();
    if let Some(fs) = psc.fs_group {
        group_add.push(fs.to_string());
    }
    let limits = c
        .resources
        .as_ref()
        .and_then(|r| r.limits.clone())
        .unwrap_or_default();
    let mut resources = crate::runtime::cgroups::Resources::default();
    let mut annotations = ctx.annotations.clone();
    annotations.extend(ctx.w.meta.annotations.clone().unwrap_or_default());
    // What a later `kube generate` gives back as it was written.
    let keep = |a: &mut BTreeMap<String, String>, k: &str, v: serde_json::Value| {
        if !v.is_null() {
            a.insert(format!("io.skiff.kube.{k}"), v.to_string());
        }
    };
    keep(
        &mut annotations,
        "volumeMounts",
        serde_json::to_value(&c.volume_mounts)?,
    );
    keep(
        &mut annotations,
        "ports",
        serde_json::to_value(c.ports.clone().unwrap_or_default())?,
    );
    keep(
        &mut annotations,
        "volumes",
        serde_json::to_value(&spec.volumes)?,
    );
    if !limits.is_empty() {
        let rec: Vec<String> = limits.iter().map(|(k, v)| format!("{k}={}", v.0)).collect();
        annotations.insert("io.skiff.kube.limits".into(), rec.join(","));
        if crate::runtime::cgroups::enforceable() {
            if let Some(m) = limits.get("memory").and_then(|q| quantity(&q.0)) {
                resources.memory = Some(m as u64);
            }
            if let Some(cpu) = limits.get("cpu").and_then(|q| quantity(&q.0)) {
                resources.cpu_period = Some(100_000);
                resources.cpu_quota = Some((cpu * 100_000.0) as i64);
            }
        } else {
            ctx.warnings.push(format!(
                "container {}: resources.limits recorded, not enforced: cgroups are not delegated to your user here",
                c.name
            ));
        }
    }
    let restart = match (ctx.w.kind.as_str(), spec.restart_policy.as_deref()) {
        _ if init => None,
        // A failed Job is tried again up to backoffLimit times (Kubernetes makes new pods for
        // restartPolicy Never; here the same container runs again, as for OnFailure).
        ("Job", _) => match ctx.w.backoff_limit.unwrap_or(6) {
            n if n > 0 => Some(format!("on-failure:{n}")),
            _ => None,
        },
        (_, None | Some("Always")) => Some("always".to_string()),
        (_, Some("OnFailure")) => Some("on-failure".to_string()),
        (_, Some("Never")) => None,
        (_, Some(other)) => bail!("invalid restartPolicy {other:?}: Always, OnFailure or Never"),
    };
    let opts = spec::Options {
        mounts,
        command: c.args.clone().unwrap_or_default(),
        entrypoint: c
            .command
            .as_ref()
            .map(|cmd| serde_json::to_string(cmd).unwrap_or_default()),
        env,
        workdir: c.working_dir.clone().filter(|w| !w.is_empty()),
        user,
        group_add,
        hostname: ctx
            .member
            .hostname
            .clone()
            .or(Some(ctx.pod.hostname.clone())),
        tty: c.tty.unwrap_or(false),
        interactive: c.stdin.unwrap_or(false),
        read_only: sc.read_only_root_filesystem.unwrap_or(false),
        cap_add: caps.add.clone().unwrap_or_default(),
        cap_drop: caps.drop.clone().unwrap_or_default(),
        privileged: sc.privileged.unwrap_or(false),
        security_opt,
        network: ctx
            .member
            .network
            .clone()
            .unwrap_or(crate::network::Network::Pasta),
        http_proxy: false,
        stop_timeout: spec
            .termination_grace_period_seconds
            .map(|s| s.max(0) as u64),
        resources,
        log: crate::runtime::logfile::LogConfig::parse(&ctx.log_driver, &ctx.log_opt, true)?,
        secrets,
        ..Default::default()
    };
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in config.config.labels.iter().flatten() {
        labels.insert(k.clone(), v.clone());
    }
    let health = super::probes::liveness(c)?;
    let probes = super::probes::others(c)?;
    let req = ContainerRequest {
        name: Some(format!("{}-{}", ctx.pod.name, c.name)),
        restart_policy: restart,
        labels,
        annotations,
        health,
        requires: ctx.member.requires.clone().into_iter().collect(),
        pod: Some(ctx.pod.id.clone()),
        join_ns: ctx.member.join_ns.clone(),
        init_ctr: init.then(|| "always".to_string()),
        probes,
        ..ContainerRequest::internal(
            id,
            String::new(),
            ImageSource::Image {
                record: image,
                config: Box::new(config.config),
                given: c.image.clone().unwrap_or_default(),
            },
            opts,
            crate::userns::IdMapping::for_current_user()?,
            vec!["skiff".into(), "kube".into(), "play".into()],
        )
    };
    Ok((req, made_secrets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_and_expansion() {
        assert_eq!(quantity("128Mi"), Some(128.0 * 1024.0 * 1024.0));
        assert_eq!(quantity("500m"), Some(0.5));
        assert_eq!(quantity("1G"), Some(1e9));
        assert_eq!(quantity("2"), Some(2.0));
        assert_eq!(quantity("1e3"), Some(1000.0));
        assert_eq!(quantity("x"), None);
        let env = vec![("A".to_string(), "1".to_string())];
        assert_eq!(expand("x$(A)y", &env), "x1y");
        assert_eq!(expand("$(B)", &env), "$(B)");
        assert_eq!(expand("$$(A)", &env), "$(A)");
        assert_eq!(expand("cost $5", &env), "cost $5");
    }
}
