//! The engine's one way to make a container: a typed `ContainerRequest` (what the CLI's flags,
//! a build's RUN step, and later kube play and the API describe) becomes a stored container: the
//! image's layers in the container's id mapping, the runtime spec, the devices and notify socket
//! checked, the record written. Front ends never go through CLI strings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::spec;
use crate::image::manifest::ContainerConfig;
use crate::image::store::{ImageRecord, Store};
use crate::state::record::State;
use crate::state::{Container, ContainerStore};
use crate::storage::{LockMode, Paths};
use crate::userns::IdMapping;

/// Where the container's root file system comes from.
pub enum ImageSource {
    /// An image in the store (with its config, and the name it was asked for by).
    Image {
        record: ImageRecord,
        config: Box<ContainerConfig>,
        given: String,
    },
    /// `--rootfs DIR[:O]`.
    Rootfs { dir: PathBuf, overlay: bool },
}

pub struct ContainerRequest {
    pub id: String,
    /// None: the store picks a free name.
    pub name: Option<String>,
    pub source: ImageSource,
    pub opts: spec::Options,
    /// The container's id mapping, and the store's (the layers are unpacked in it).
    pub mapping: IdMapping,
    pub default_mapping: IdMapping,
    /// The environment `--env NAME` and `--env-host` read.
    pub host_env: Vec<(String, String)>,
    /// `--systemd` mode, and whether a stop signal was given (systemd mode sets one otherwise).
    pub systemd: String,
    pub user_stop_signal: bool,
    /// CDI device names (`vendor.com/class=name`).
    pub cdi_devices: Vec<String>,
    pub sdnotify: String,
    pub auto_remove: bool,
    pub restart_policy: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub health: Option<super::health::Health>,
    pub remove_image: bool,
    pub requires: Vec<String>,
    pub pidfile: Option<PathBuf>,
    pub conmon_pidfile: Option<PathBuf>,
    pub create_command: Vec<String>,
    /// Replace a container of the same name.
    pub replace: bool,
    /// Killed when the process that starts it dies (a build step).
    pub die_with_parent: bool,
    /// The pod it joins (its id), and the pod's namespaces it shares besides the network.
    pub pod: Option<String>,
    pub join_ns: Vec<String>,
    /// A pod's infra container.
    pub infra: bool,
    /// A pod's init container: `always` (run at every pod start) or `once`.
    pub init_ctr: Option<String>,
    pub probes: super::checks::Probes,
}

impl ContainerRequest {
    /// A container the engine makes for itself (a build step, a pod's infra): the store's
    /// mapping, no systemd mode or notify socket, no restart, labels, health or pid files.
    pub fn internal(
        id: String,
        name: String,
        source: ImageSource,
        opts: spec::Options,
        mapping: IdMapping,
        create_command: Vec<String>,
    ) -> ContainerRequest {
        ContainerRequest {
            id,
            name: Some(name),
            source,
            opts,
            default_mapping: mapping.clone(),
            mapping,
            host_env: Vec::new(),
            systemd: "false".into(),
            user_stop_signal: false,
            cdi_devices: Vec::new(),
            sdnotify: "ignore".into(),
            auto_remove: false,
            restart_policy: None,
            labels: BTreeMap::new(),
            annotations: BTreeMap::new(),
            health: None,
            remove_image: false,
            requires: Vec::new(),
            pidfile: None,
            conmon_pidfile: None,
            create_command,
            replace: false,
            die_with_parent: false,
            pod: None,
            join_ns: Vec::new(),
            infra: false,
            init_ctr: None,
            probes: Default::default(),
        }
    }
}

/// Make the container and store it (status Created).
pub fn create(paths: &Paths, store: &Store, req: ContainerRequest) -> anyhow::Result<Container> {
    let empty = ContainerConfig::default();
    let (layers, config) = match &req.source {
        ImageSource::Image { record, config, .. } => {
            let layers: Vec<PathBuf> = record.layers.iter().map(|l| store.layer_diff(l)).collect();
            // Another mapping needs the layers with their owners moved (made once, then reused).
            let _g = store.lock_images(LockMode::Shared)?;
            (
                crate::image::mapped::layers_for(&layers, &req.default_mapping, &req.mapping)?,
                &**config,
            )
        }
        ImageSource::Rootfs { dir, .. } => (vec![dir.clone()], &empty),
    };
    let mut spec = spec::build(
        config,
        &req.opts,
        layers,
        req.mapping.clone(),
        &req.id[..12],
        &req.host_env,
    )?;
    if let ImageSource::Rootfs {
        dir,
        overlay: false,
    } = &req.source
    {
        spec.rootfs = Some(dir.clone());
    }
    super::specflags::apply_systemd(&mut spec, &req.systemd, req.user_stop_signal)?;
    super::cdi::apply(&mut spec, &req.cdi_devices)?;
    sdnotify(&mut spec, &req.sdnotify)?;
    spec.die_with_parent = req.die_with_parent;
    spec.volatile_root = req.auto_remove;
    spec.infra = req.infra;
    spec.join_ns = req.join_ns.clone();
    if !spec.infra && !spec.die_with_parent {
        let conf = crate::system::containers_conf::ContainersConf::load()?;
        let from_conf = conf.engine.hooks_dir.clone().unwrap_or_default();
        spec.hooks_dirs = super::hooksdir::dirs_for_new_container(&from_conf);
    }
    for d in &spec.devices {
        if std::fs::symlink_metadata(&d.host).is_err() {
            anyhow::bail!("--device {}: no such device on this host", d.host.display());
        }
    }
    if let Some(z) = &spec.localtime {
        if !z.exists() {
            anyhow::bail!(
                "--tz: no time zone {} on this host (install tzdata, or use --tz local)",
                z.display()
            );
        }
    }
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let (image, image_id, image_name, image_digest) = match &req.source {
        ImageSource::Image { record, given, .. } => (
            given.clone(),
            record.id.clone(),
            crate::image::store::name_for(record, given),
            record.manifest_digest.clone(),
        ),
        ImageSource::Rootfs { dir, .. } => (
            dir.display().to_string(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    let mut c = Container {
        id: req.id.clone(),
        // Empty: the store generates a free name under its lock.
        name: req.name.clone().unwrap_or_default(),
        image,
        image_id,
        image_name,
        image_digest,
        created: now.as_secs() as i64,
        created_nanos: now.subsec_nanos(),
        spec,
        state: State::new(),
        auto_remove: req.auto_remove,
        restart_policy: req.restart_policy,
        labels: req.labels,
        health: req.health,
        annotations: req.annotations,
        remove_image: req.remove_image,
        requires: req.requires,
        pidfile: req.pidfile,
        conmon_pidfile: req.conmon_pidfile,
        create_command: req.create_command,
        attach: Vec::new(),
        pod: req.pod,
        init_ctr: req.init_ctr,
        probes: req.probes,
    };
    super::container::create(&cstore, &mut c, req.replace)?;
    Ok(c)
}

/// `--sdnotify`: what to do with systemd's NOTIFY_SOCKET.
pub(crate) fn sdnotify(spec: &mut spec::Spec, mode: &str) -> anyhow::Result<()> {
    if !matches!(mode, "conmon" | "container" | "healthy" | "ignore") {
        anyhow::bail!("invalid --sdnotify {mode:?}: conmon, container, healthy or ignore");
    }
    spec.sdnotify = mode.to_string();
    if mode == "container" {
        if let Some(sock) = std::env::var_os("NOTIFY_SOCKET") {
            let p = std::path::PathBuf::from(&sock);
            if !p.is_absolute() {
                anyhow::bail!(
                    "--sdnotify=container: NOTIFY_SOCKET {} is not a path (abstract sockets \
                     cannot be passed into a container)",
                    p.display()
                );
            }
            spec.notify_socket = Some(p);
            spec.env.retain(|e| !e.starts_with("NOTIFY_SOCKET="));
            spec.env.push(format!(
                "NOTIFY_SOCKET={}",
                crate::runtime::plan::NOTIFY_SOCKET
            ));
        }
    }
    Ok(())
}
