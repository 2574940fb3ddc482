//! `kube play|down|generate` (also `play kube`, `generate kube`): flags to the kube module's
//! options, manifests read from a file, stdin or a URL within a size budget, results printed
//! as podman prints them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{ArgAction, Args, Subcommand};

use super::GlobalOpts;
use crate::kube::generate::{GenerateOptions, PodView};
use crate::kube::play::PlayOptions;
use crate::kube::Manifest;

#[derive(Debug, Args)]
pub struct KubeArgs {
    #[command(subcommand)]
    pub command: KubeCommand,
}

#[derive(Debug, Subcommand)]
pub enum KubeCommand {
    /// Create pods, volumes and secrets from Kubernetes YAML and start them
    Play(Box<PlayArgs>),
    /// Remove what `kube play` made from the same YAML
    Down(DownArgs),
    /// Describe containers, pods and volumes as Kubernetes YAML
    Generate(KubeGenerateArgs),
}

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// Add an annotation to the pods' containers (KEY=VALUE).
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    #[command(flatten)]
    pub registry: super::pull::RegistryArgs,
    /// Build the images whose directory (named like the image, in --context-dir) has a
    /// Containerfile or Dockerfile, before playing.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub build: Option<bool>,
    /// Where --build looks for image directories (default: the YAML file's directory).
    #[arg(long, value_name = "DIR")]
    pub context_dir: Option<PathBuf>,
    /// A YAML file of ConfigMaps the manifest refers to (repeatable, or comma-separated).
    #[arg(long, value_name = "FILE", value_delimiter = ',')]
    pub configmap: Vec<PathBuf>,
    /// Static IP address for each pod, in order (bridge networks).
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub ip: Vec<String>,
    /// Static MAC address for each pod, in order (bridge networks).
    #[arg(long, value_name = "MAC", value_delimiter = ',')]
    pub mac_address: Vec<String>,
    /// Logging driver of the containers.
    #[arg(long, default_value = "k8s-file", value_name = "DRIVER")]
    pub log_driver: String,
    /// Logging driver options.
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// The pods' network (default: the default bridge network, where pods resolve each other
    /// by name).
    #[arg(long, value_name = "NETWORK")]
    pub network: Vec<String>,
    /// Do not write /etc/hosts in the pods' containers.
    #[arg(long)]
    pub no_hosts: bool,
    /// Say less while pulling.
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove the pods of the same objects first, then play.
    #[arg(long)]
    pub replace: bool,
    /// Directory of seccomp profiles for Localhost profiles (not used: skiff's default profile).
    #[arg(long, value_name = "DIR")]
    pub seccomp_profile_root: Option<PathBuf>,
    /// Start the pods after creating them (--start=false: create only).
    #[arg(long, default_value_t = true, action = ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub start: bool,
    /// User namespace of the pods (only the store's mapping: a pod shares one).
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Pods per Deployment, instead of its replicas.
    #[arg(long, value_name = "N")]
    pub replicas: Option<u32>,
    /// Publish the ports of the Services on the host (port, or nodePort where given).
    #[arg(long, alias = "service-ports")]
    pub publish_all: bool,
    /// Wait is podman's for --rm service containers; skiff's play returns when pods run.
    #[arg(short, long)]
    pub wait: bool,
    /// The YAML: a file, `-` for stdin, or an http(s) URL.
    #[arg(value_name = "FILE|URL|-")]
    pub file: String,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    /// Also remove the volumes of PersistentVolumeClaims that play created.
    #[arg(long)]
    pub force: bool,
    /// The YAML: a file, `-` for stdin, or an http(s) URL.
    #[arg(value_name = "FILE|URL|-")]
    pub file: String,
}

#[derive(Debug, Args)]
pub struct KubeGenerateArgs {
    /// Write the YAML to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<PathBuf>,
    /// Add a Service for the published ports.
    #[arg(short, long)]
    pub service: bool,
    /// The kind: pod, deployment, daemonset or job.
    #[arg(short = 't', long = "type", default_value = "pod", value_name = "KIND")]
    pub kind: String,
    /// Replicas of a Deployment.
    #[arg(short, long, value_name = "N")]
    pub replicas: Option<i32>,
    /// Containers, pods or volumes.
    #[arg(value_name = "CONTAINER|POD|VOLUME", required = true)]
    pub names: Vec<String>,
}

/// Read a manifest from a file, stdin or a URL, within the size budget.
fn read_source(src: &str) -> anyhow::Result<String> {
    use crate::kube::yaml::read_limited;
    if src == "-" {
        return read_limited(std::io::stdin().lock(), "stdin");
    }
    if src.starts_with("http://") || src.starts_with("https://") {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        return rt.block_on(async {
            let client = reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(60))
                .build()?;
            let mut resp = client
                .get(src)
                .send()
                .await
                .map_err(|e| anyhow::anyhow!("fetching {src}: {e}"))?;
            if !resp.status().is_success() {
                anyhow::bail!("fetching {src}: the server answered {}", resp.status());
            }
            let mut buf = Vec::new();
            while let Some(chunk) = resp.chunk().await? {
                buf.extend_from_slice(&chunk);
                if buf.len() > crate::kube::yaml::MAX_BYTES {
                    break;
                }
            }
            read_limited(&buf[..], src)
        });
    }
    let f = std::fs::File::open(src).map_err(|e| anyhow::anyhow!("{src}: {e}"))?;
    read_limited(f, src)
}

/// The manifest; `check`: its references too (a play needs them, a down only names).
fn parse(src: &str, configmaps: &[PathBuf], check: bool) -> anyhow::Result<Manifest> {
    let text = read_source(src)?;
    let mut m = Manifest::parse_unchecked(&text, src)?;
    for f in configmaps {
        let what = f.display().to_string();
        let t = read_source(&what)?;
        m.add_configmaps(&t, &what)?;
    }
    if check {
        m.check()?;
    }
    for w in &m.warnings {
        eprintln!("Warning: {w}");
    }
    Ok(m)
}

/// `--build`: images whose directory holds a Containerfile are built first.
fn build_images(paths: &crate::storage::Paths, m: &Manifest, a: &PlayArgs) -> anyhow::Result<()> {
    let dir = a.context_dir.clone().unwrap_or_else(|| {
        std::path::Path::new(&a.file)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| PathBuf::from("."))
    });
    let mut done: Vec<String> = Vec::new();
    for w in &m.workloads {
        for c in w
            .spec
            .init_containers
            .iter()
            .flatten()
            .chain(&w.spec.containers)
        {
            let image = c.image.clone().unwrap_or_default();
            let base = image.rsplit('/').next().unwrap_or_default();
            let base = base.split([':', '@']).next().unwrap_or_default();
            let ctx = dir.join(base);
            let file = ["Containerfile", "Dockerfile"]
                .iter()
                .map(|f| ctx.join(f))
                .find(|f| f.is_file());
            if base.is_empty() || done.contains(&image) || file.is_none() {
                continue;
            }
            done.push(image.clone());
            let o = crate::build::BuildOptions {
                context: ctx.clone(),
                file,
                tags: vec![image.clone()],
                pull: "missing".into(),
                quiet: a.quiet,
                layers: true,
                access: a.registry.access()?,
                ..Default::default()
            };
            crate::build::build(paths, &o).map_err(|e| {
                anyhow::anyhow!("--build: building {image} from {}: {e:#}", ctx.display())
            })?;
        }
    }
    Ok(())
}

fn play(g: &GlobalOpts, a: PlayArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    if let Some(u) = a.userns.as_deref().filter(|u| !matches!(*u, "" | "host")) {
        anyhow::bail!(
            "--userns={u}: a pod's containers share one user namespace, the store's mapping; play without --userns"
        );
    }
    if a.seccomp_profile_root.is_some() {
        super::ignored(
            "--seccomp-profile-root",
            "Localhost seccomp profiles are not used; skiff's default profile applies",
        );
    }
    if a.wait {
        super::ignored("--wait", "kube play returns once the pods run");
    }
    let m = parse(&a.file, &a.configmap, true)?;
    if a.build == Some(true) {
        build_images(&paths, &m, &a)?;
    }
    let mut annotations = BTreeMap::new();
    for kv in &a.annotation {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        annotations.insert(k.to_string(), v.to_string());
    }
    let o = PlayOptions {
        replace: a.replace,
        start: a.start,
        network: a.network.clone(),
        ips: a.ip.clone(),
        macs: a.mac_address.clone(),
        log_driver: a.log_driver.clone(),
        log_opt: a.log_opt.clone(),
        publish_services: a.publish_all,
        replicas: a.replicas,
        annotations,
        no_hosts: a.no_hosts,
        access: a.registry.access()?,
    };
    let r = crate::kube::play::play(&paths, &m, &o)?;
    let mut out = String::new();
    if !r.volumes.is_empty() {
        out.push_str("Volumes:\n");
        for v in &r.volumes {
            out.push_str(&format!("{v}\n"));
        }
    }
    for (id, _) in &r.pods {
        out.push_str(&format!("Pod:\n{id}\n"));
    }
    if !r.containers.is_empty() {
        out.push_str("Containers:\n");
        for c in &r.containers {
            out.push_str(&format!("{c}\n"));
        }
    }
    super::output::print_text(&out)?;
    Ok(0)
}

fn down(g: &GlobalOpts, a: DownArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let m = parse(&a.file, &[], false)?;
    let r = crate::kube::down::down(&paths, &m, a.force)?;
    let mut out = String::new();
    if !r.pods.is_empty() {
        out.push_str("Pods stopped:\n");
        for p in &r.pods {
            out.push_str(&format!("{p}\n"));
        }
        out.push_str("Pods removed:\n");
        for p in &r.pods {
            out.push_str(&format!("{p}\n"));
        }
    }
    if !r.volumes.is_empty() {
        out.push_str("Volumes removed:\n");
        for v in &r.volumes {
            out.push_str(&format!("{v}\n"));
        }
    }
    super::output::print_text(&out)?;
    Ok(0)
}

pub fn generate(g: &GlobalOpts, a: KubeGenerateArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = crate::state::ContainerStore::open(&paths.root, &paths.runroot)?;
    let pods = crate::state::pod::PodStore::open(&paths.root)?;
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    let store = crate::image::store::Store::open(&paths.root)?;
    let o = GenerateOptions {
        kind: a.kind.to_ascii_lowercase(),
        replicas: a.replicas,
        service: a.service,
    };
    if o.replicas.is_some() && o.kind != "deployment" {
        anyhow::bail!("--replicas is for --type deployment");
    }
    let mut docs = Vec::new();
    let mut claims = Vec::new();
    for n in &a.names {
        let view = if let Ok(p) = pods.find(n) {
            PodView::of_pod(&p, crate::runtime::pod::members(&cstore, &p)?)
        } else if let Ok(c) = cstore.find(n) {
            match c.pod.as_deref().and_then(|id| pods.find(id).ok()) {
                Some(p) => PodView::of_pod(&p, crate::runtime::pod::members(&cstore, &p)?),
                None => PodView::of_container(c),
            }
        } else if let Ok(v) = vstore.get(n) {
            claims.push(crate::kube::generate::claim(&v)?);
            continue;
        } else {
            anyhow::bail!("{n}: no such container, pod or volume");
        };
        docs.extend(crate::kube::generate::objects(&store, &view, &o)?);
    }
    claims.extend(docs);
    let text = crate::kube::generate::to_yaml(&claims)?;
    match &a.filename {
        Some(f) => {
            if f.exists() {
                anyhow::bail!(
                    "{}: the file exists; remove it or write elsewhere",
                    f.display()
                );
            }
            std::fs::write(f, text).map_err(|e| anyhow::anyhow!("writing {}: {e}", f.display()))?
        }
        None => super::output::print_text(&text)?,
    }
    Ok(0)
}

pub fn run(g: &GlobalOpts, a: KubeArgs) -> anyhow::Result<i32> {
    match a.command {
        KubeCommand::Play(p) => play(g, *p),
        KubeCommand::Down(d) => down(g, d),
        KubeCommand::Generate(k) => generate(g, k),
    }
}

#[derive(Debug, Args)]
pub struct PlayCmdArgs {
    #[command(subcommand)]
    pub command: PlayCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlayCommand {
    /// Create pods from Kubernetes YAML (as `kube play`)
    Kube(Box<PlayArgs>),
}

pub fn play_cmd(g: &GlobalOpts, a: PlayCmdArgs) -> anyhow::Result<i32> {
    let PlayCommand::Kube(p) = a.command;
    play(g, *p)
}
