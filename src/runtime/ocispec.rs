//! A skiff container as an OCI runtime spec (runtime-spec 1.2, `oci-spec` types), derived from
//! its Spec and its mount plan: what `inspect --format '{{.OCIConfig}}'` shows and `container
//! export-spec` writes. The root is the container's mounted rootfs; the overlay that makes it
//! (the engine's job, not a runtime's) is named in annotations.

use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use anyhow::Context;
use serde_json::{json, Value};

use super::plan::Dirs;
use super::spec::Spec;
use super::user::ExecUser;

/// The container's filesystem (the source of its mount plan) into the config.
fn filesystem(fs: &super::ocimounts::Filesystem, out: &mut Value) {
    let mounts = &fs.mounts;
    out["mounts"] = serde_json::to_value(mounts).unwrap_or_default();
    out["linux"]["maskedPaths"] = fs.masked.clone().into();
    out["linux"]["readonlyPaths"] = fs.readonly.clone().into();
    if fs.root_readonly {
        out["root"]["readonly"] = true.into();
    }
    if let Some(p) = &fs.root_path {
        out["root"]["path"] = p.display().to_string().into();
    }
    for (k, v) in &fs.annotations {
        out["annotations"][k] = v.clone().into();
    }
}

/// The runtime-spec version of the configs skiff writes.
pub const EXPORT_VERSION: &str = "1.1.0";

/// skiff's limits as the OCI `linux.resources`: what the container's cgroup gets written from
/// (one translation to cgroup files, `oci::resources`, for skiff and skiff-runtime alike).
pub fn linux_resources(r: &super::cgroups::Resources) -> oci_spec::runtime::LinuxResources {
    serde_json::from_value(resources(r)).unwrap_or_default()
}

fn resources(r: &super::cgroups::Resources) -> Value {
    let mut v = json!({});
    let mut mem = json!({});
    if let Some(m) = r.memory {
        mem["limit"] = m.into();
    }
    if let Some(m) = r.memory_reservation {
        mem["reservation"] = m.into();
    }
    if let Some(m) = r.memory_swap {
        mem["swap"] = m.into();
    }
    if let Some(m) = r.memory_swappiness {
        mem["swappiness"] = m.into();
    }
    if r.oom_kill_disable {
        mem["disableOOMKiller"] = true.into();
    }
    if mem != json!({}) {
        v["memory"] = mem;
    }
    let mut cpu = json!({});
    if let Some(x) = r.cpu_shares {
        cpu["shares"] = x.into();
    }
    if let Some(x) = r.cpu_quota {
        cpu["quota"] = x.into();
    }
    if let Some(x) = r.cpu_period {
        cpu["period"] = x.into();
    }
    if let Some(x) = r.cpu_rt_period {
        cpu["realtimePeriod"] = x.into();
    }
    if let Some(x) = r.cpu_rt_runtime {
        cpu["realtimeRuntime"] = x.into();
    }
    if let Some(x) = &r.cpuset_cpus {
        cpu["cpus"] = x.clone().into();
    }
    if let Some(x) = &r.cpuset_mems {
        cpu["mems"] = x.clone().into();
    }
    if cpu != json!({}) {
        v["cpu"] = cpu;
    }
    if let Some(p) = r.pids_limit {
        v["pids"] = json!({"limit": p});
    }
    let dev = |list: &[(String, u64)]| -> Vec<Value> {
        list.iter().filter_map(|(d, rate)| {
            let (ma, mi) = d.split_once(':')?;
            Some(json!({"major": ma.parse::<i64>().ok()?, "minor": mi.parse::<i64>().ok()?, "rate": rate}))
        }).collect()
    };
    let mut bio = json!({});
    if let Some(w) = r.blkio_weight {
        bio["weight"] = w.into();
    }
    let weights: Vec<Value> = r
        .blkio_weight_device
        .iter()
        .filter_map(|(d, w)| {
            let (ma, mi) = d.split_once(':')?;
            Some(json!({"major": ma.parse::<i64>().ok()?, "minor": mi.parse::<i64>().ok()?, "weight": w}))
        })
        .collect();
    if !weights.is_empty() {
        bio["weightDevice"] = weights.into();
    }
    for (key, list) in [
        ("throttleReadBpsDevice", &r.device_read_bps),
        ("throttleWriteBpsDevice", &r.device_write_bps),
        ("throttleReadIOPSDevice", &r.device_read_iops),
        ("throttleWriteIOPSDevice", &r.device_write_iops),
    ] {
        if !list.is_empty() {
            bio[key] = dev(list).into();
        }
    }
    if bio != json!({}) {
        v["blockIO"] = bio;
    }
    if !r.conf.is_empty() {
        v["unified"] = r
            .conf
            .iter()
            .map(|(k, x)| (k.clone(), Value::from(x.clone())))
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    v
}

/// `process.capabilities` for these caps and uid (see `process`).
pub fn capabilities(caps: &[String], uid: u32) -> Value {
    let eff: &[String] = if uid == 0 { caps } else { &[] };
    json!({"bounding": caps, "effective": eff, "permitted": eff, "inheritable": [], "ambient": []})
}

/// The container's process in OCI terms, for its user (resolved in its root): what every start
/// and exec applies (`oci::process::apply`, as skiff-runtime applies a config's `process`) and
/// the exported config states. Docker's rule: root keeps the capabilities, other users only the
/// bounding set; none inheritable (CVE-2022-27649). Open files default to the hard limit (at most
/// 1048576) as in podman, not a login session's soft 1024, which caps a server at ~1000 clients.
pub fn process(spec: &Spec, user: &ExecUser) -> anyhow::Result<oci_spec::runtime::Process> {
    let mut rlimits: Vec<Value> = spec
        .rlimits
        .iter()
        .map(|r| {
            let name = r.resource.to_uppercase();
            json!({"type": format!("RLIMIT_{}", name.trim_start_matches("RLIMIT_")),
                   "soft": r.soft, "hard": r.hard})
        })
        .collect();
    if !spec.rlimits.iter().any(|r| r.resource == "nofile") {
        use nix::sys::resource::{getrlimit, Resource};
        if let Ok((_, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
            let n = hard.min(1 << 20);
            rlimits.push(json!({"type": "RLIMIT_NOFILE", "soft": n, "hard": n}));
        }
    }
    let mut env = spec.env.clone();
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push(format!("HOME={}", user.home));
    }
    let mut p = json!({
        "terminal": spec.tty,
        "user": {"uid": user.uid, "gid": user.gid, "additionalGids": user.groups, "umask": spec.umask},
        "args": spec.args, "env": env, "cwd": spec.cwd,
        "capabilities": capabilities(&spec.caps, user.uid),
        "rlimits": rlimits,
        "noNewPrivileges": spec.no_new_privileges,
    });
    if let Some(adj) = spec.oom_score_adj {
        p["oomScoreAdj"] = adj.into();
    }
    serde_json::from_value(p).context("the container's process (ulimit or capability names)")
}

/// The OCI spec of a container with this Spec, plan dirs and resolved user (None: uid 0).
pub fn generate(
    spec: &Spec,
    dirs: &Dirs,
    rootfs: &Path,
    user: Option<&ExecUser>,
) -> anyhow::Result<oci_spec::runtime::Spec> {
    let root = ExecUser {
        uid: 0,
        gid: 0,
        groups: Vec::new(),
        home: "/root".into(),
    };
    let process = serde_json::to_value(process(spec, user.unwrap_or(&root))?)?;
    let mut namespaces = vec![json!({"type": "mount"}), json!({"type": "user"})];
    if !spec.pid_host {
        namespaces.push(json!({"type": "pid"}));
    }
    if !spec.uts_host {
        namespaces.push(json!({"type": "uts"}));
    }
    if spec.ipc != "host" {
        namespaces.push(json!({"type": "ipc"}));
    }
    if !spec.cgroupns_host {
        namespaces.push(json!({"type": "cgroup"}));
    }
    if !matches!(spec.network, crate::network::Network::Host) {
        namespaces.push(json!({"type": "network"}));
    }
    let map = |m: &[crate::userns::idmap::IdMap]| -> Vec<Value> {
        m.iter()
            .map(|x| json!({"containerID": x.container_id, "hostID": x.host_id, "size": x.size}))
            .collect()
    };
    let mut devices = Vec::new();
    for d in &spec.devices {
        let md =
            std::fs::metadata(&d.host).with_context(|| format!("device {}", d.host.display()))?;
        let ft = md.file_type();
        let typ = if ft.is_block_device() {
            "b"
        } else if ft.is_char_device() {
            "c"
        } else {
            continue;
        };
        let rdev = md.rdev();
        devices.push(json!({"path": d.container, "type": typ, "major": nix::sys::stat::major(rdev), "minor": nix::sys::stat::minor(rdev), "fileMode": md.mode() & 0o7777, "uid": 0, "gid": 0}));
    }
    let mut v = json!({
        // 1.1.0: what skiff's configs use (nothing of 1.2 but idmapped mounts, which it does
        // not make), and what runtimes in use today (crun 1.8) accept.
        "ociVersion": EXPORT_VERSION,
        "root": {"path": rootfs, "readonly": false},
        "hostname": spec.hostname,
        "process": process,
        "linux": {
            "namespaces": namespaces,
            "uidMappings": map(&spec.mapping.uids),
            "gidMappings": map(&spec.mapping.gids),
            "sysctl": spec.sysctls.iter().cloned().collect::<std::collections::BTreeMap<String, String>>(),
            "devices": devices,
            "resources": resources(&spec.resources),
        },
        "annotations": {},
    });
    if let Some(s) = super::seccomp::oci(&spec.seccomp)? {
        v["linux"]["seccomp"] = serde_json::to_value(s)?;
    }
    if let Some(p) = &spec.personality {
        v["linux"]["personality"] =
            json!({"domain": if p.contains("32") { "LINUX32" } else { "LINUX" }});
    }
    filesystem(&super::ocimounts::of(spec, dirs), &mut v);
    serde_json::from_value(v).context("building the OCI spec")
}

/// The container as an OCI runtime spec (`inspect .OCIConfig`, `container export-spec`): the
/// user resolved against the container's own /etc/passwd and /etc/group (its upper layer first,
/// then the image's layers, top down); its /etc files made when it never ran.
pub fn of_container(
    store: &crate::state::ContainerStore,
    c: &crate::state::Container,
) -> anyhow::Result<oci_spec::runtime::Spec> {
    // The /etc files it binds are made at start: a config of a container never started names
    // them too, so that any runtime can run it.
    if !store.run_path(&c.id).join("etc").join("hosts").exists() {
        super::etcfiles::write_etc(store, c)?;
    }
    let dirs = Dirs {
        upper: store.path(&c.id).join("upper"),
        work: store.path(&c.id).join("work"),
        etc: store.run_path(&c.id).join("etc"),
        stubs: store
            .dir
            .parent()
            .and_then(|r| super::plan::mountpoint_layer(r, !c.spec.no_hosts)),
    };
    let rootfs = store.run_path(&c.id).join("rootfs");
    let read = |file: &str| -> String {
        let mut places = vec![c.spec.rootfs.clone().unwrap_or_else(|| dirs.upper.clone())];
        places.extend(c.spec.layers.iter().rev().cloned());
        places
            .iter()
            .find_map(|d| std::fs::read_to_string(d.join(file)).ok())
            .unwrap_or_default()
    };
    let user = super::user::resolve(
        &c.spec.user,
        &c.spec.group_add,
        &read("etc/passwd"),
        &read("etc/group"),
    )
    .map_err(|e| anyhow::anyhow!("user {:?}: {e}", c.spec.user))?;
    generate(&c.spec, &dirs, &rootfs, Some(&user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_container_becomes_a_valid_oci_spec() {
        let mut spec = super::super::plan::tests_spec();
        spec.caps = vec!["CAP_CHOWN".into()];
        let dirs = Dirs {
            upper: "/c/upper".into(),
            work: "/c/work".into(),
            etc: "/c/etc".into(),
            stubs: None,
        };
        let s = generate(&spec, &dirs, Path::new("/c/rootfs"), None).unwrap();
        let v = serde_json::to_value(&s).unwrap();
        // It passes the runtime's own checks, and carries the plan and the security settings.
        crate::oci::check_config(&v.to_string()).unwrap();
        let dests: Vec<&str> = v["mounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["destination"].as_str().unwrap())
            .collect();
        assert!(
            dests.contains(&"/proc") && dests.contains(&"/dev"),
            "{dests:?}"
        );
        assert!(v["linux"]["maskedPaths"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/proc/kcore"));
        assert_eq!(v["linux"]["seccomp"]["defaultAction"], "SCMP_ACT_ERRNO");
        assert!(v["process"]["capabilities"]["bounding"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "CAP_CHOWN"));
        assert_eq!(
            v["annotations"]["io.skiff.rootfs.overlay.upperdir"],
            "/c/upper"
        );
    }
}
