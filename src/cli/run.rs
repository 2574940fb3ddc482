//! `skiff run`, `skiff create`, `skiff start --attach`: one set of container flags, one path from
//! flags to a stored container, one foreground runner.

use clap::{Args, ValueEnum};

use super::pull::PlatformArgs;
use super::GlobalOpts;
use crate::image::pull::{pull, PullOptions};
use crate::image::registries::RegistriesConf;
use crate::image::store::{find, Store};
use crate::network::Network;
use crate::runtime::container;
use crate::runtime::spec;
use crate::state::names;
use crate::state::record::State;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::{LockMode, Paths};
use crate::userns::IdMapping;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PullPolicy {
    /// Pull only when the image is not in the store.
    #[default]
    Missing,
    /// Always pull (layers already present are not fetched again).
    Always,
    /// Never pull; fail when the image is missing.
    Never,
    /// Pull when the registry has a different image for the name.
    Newer,
}

#[derive(Debug, Args, Clone)]
pub struct ContainerArgs {
    /// Name of the container (default: a generated one).
    #[arg(long)]
    pub name: Option<String>,
    /// Replace a container with the same name.
    #[arg(long)]
    pub replace: bool,
    /// Keep stdin open.
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal.
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables (NAME=VALUE, or NAME to pass the host's value).
    #[arg(short, long, value_name = "NAME[=VALUE]")]
    pub env: Vec<String>,
    /// Read environment variables from a file (NAME=VALUE lines).
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<String>,
    /// Pass the whole host environment.
    #[arg(long)]
    pub env_host: bool,
    /// Override the image's entrypoint ("" clears it; a JSON array is split).
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Working directory inside the container.
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User to run as: name|uid[:group|gid].
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Additional groups for the container process.
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Container host name (default: the short id).
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Mount the root filesystem read-only.
    #[arg(long)]
    pub read_only: bool,
    /// With --read-only, mount tmpfs on /tmp, /var/tmp and /run.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub read_only_tmpfs: bool,
    /// Mount a tmpfs: /path[:options].
    #[arg(long, value_name = "PATH[:OPTS]")]
    pub tmpfs: Vec<String>,
    /// Add a capability (NET_ADMIN, ALL, ...).
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability (NET_RAW, ALL, ...).
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give all capabilities, no seccomp, no masked paths.
    #[arg(long)]
    pub privileged: bool,
    /// Security options: seccomp=unconfined|PROFILE.json, no-new-privileges.
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Network mode: pasta (default when installed), slirp4netns, none, host or container:NAME.
    #[arg(
        long,
        alias = "net",
        default_value = "",
        hide_default_value = true,
        value_name = "MODE"
    )]
    pub network: String,
    /// Mount a host path or named volume: HOST_PATH|NAME:CONTAINER_PATH[:ro|rw|z|Z], or a new
    /// anonymous volume: CONTAINER_PATH.
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    pub volumes: Vec<String>,
    /// Mount: type=bind|volume|tmpfs,source=,target=[,readonly][,tmpfs-size=][,tmpfs-mode=].
    #[arg(long = "mount", value_name = "MOUNT")]
    pub mounts: Vec<String>,
    /// Mount every bind and volume of another container: CONTAINER[:ro|rw].
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// Publish a container port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp].
    #[arg(short = 'p', long = "publish", value_name = "PORTS")]
    pub publish: Vec<String>,
    /// Publish every port the image exposes on a free host port.
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// DNS server for the container's resolv.conf.
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domain.
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// DNS resolver option (e.g. ndots:2).
    #[arg(long = "dns-option", alias = "dns-opt", value_name = "OPT")]
    pub dns_option: Vec<String>,
    /// Add an /etc/hosts entry: NAME:IP (IP may be host-gateway).
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// Resource limits: NAME=SOFT[:HARD], e.g. nofile=1024:2048.
    #[arg(long, value_name = "LIMIT")]
    pub ulimit: Vec<String>,
    /// Run an init as PID 1 that forwards signals and reaps zombies.
    #[arg(long)]
    pub init: bool,
    /// umask of the container process (octal).
    #[arg(long)]
    pub umask: Option<String>,
    /// User namespace: keep-id[:uid=N,gid=N] (your ids unchanged inside) or host (the default).
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// UID map CONTAINER:HOST:SIZE, HOST counted in your default mapping (0 = you).
    #[arg(long, value_name = "MAP")]
    pub uidmap: Vec<String>,
    /// GID map CONTAINER:HOST:SIZE, HOST counted in your default mapping (0 = you).
    #[arg(long, value_name = "MAP")]
    pub gidmap: Vec<String>,
    /// Set environment variables with ${NAME} replaced by their values (e.g. PATH=/opt:${PATH}).
    #[arg(long, value_name = "NAME=VALUE")]
    pub env_merge: Vec<String>,
    /// Drop an environment variable the image sets.
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Drop every environment variable the image sets.
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Pass the host's proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub http_proxy: bool,
    /// Time zone of the container: a zone name (Europe/Paris) or `local` (the host's).
    #[arg(long, value_name = "TIMEZONE")]
    pub tz: Option<String>,
    /// Keep the image's /etc/hosts instead of generating one.
    #[arg(long)]
    pub no_hosts: bool,
    /// Size of /dev/shm (e.g. 64m, 1g).
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Execution domain: LINUX or LINUX32.
    #[arg(long, value_name = "PERSONA")]
    pub personality: Option<String>,
    /// Tune the container's OOM preference (-1000 to 1000; lowering needs privileges).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// Make a host device available: HOST[:CONTAINER][:PERMS] (e.g. /dev/fuse).
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Set a namespaced kernel parameter: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, ...).
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Seconds `stop` waits for this container before SIGKILL (default 10).
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Kill the container after it ran this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// Pass N more descriptors (3 to 3+N-1) of the caller to the container process.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Signal to stop the container with.
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Restart policy for detached containers: no, on-failure[:N], always, unless-stopped.
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Set a label (KEY=VALUE).
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Healthcheck command (shell form, or a JSON array).
    #[arg(long, value_name = "CMD")]
    pub health_cmd: Option<String>,
    /// Time between healthchecks (e.g. 30s).
    #[arg(long, value_name = "DURATION")]
    pub health_interval: Option<String>,
    /// Failures in a row before the container is unhealthy.
    #[arg(long, value_name = "N")]
    pub health_retries: Option<u32>,
    /// Time after start during which failures do not count.
    #[arg(long, value_name = "DURATION")]
    pub health_start_period: Option<String>,
    /// Time a check may take.
    #[arg(long, value_name = "DURATION")]
    pub health_timeout: Option<String>,
    /// Disable the image's healthcheck.
    #[arg(long)]
    pub no_healthcheck: bool,
    /// Write the container id to FILE (which must not exist).
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<std::path::PathBuf>,
    /// When to pull the image.
    #[arg(long, value_enum, default_value_t = PullPolicy::Missing)]
    pub pull: PullPolicy,
    /// Do not print pull progress.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub platform: PlatformArgs,
    #[command(flatten)]
    pub registry: super::pull::RegistryArgs,
    /// Image to run.
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Command and arguments (default: the image's).
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Run in the background and print the container id.
    #[arg(short, long)]
    pub detach: bool,
    /// Remove the container when it exits.
    #[arg(long)]
    pub rm: bool,
    /// Forward signals received by skiff to the container.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub c: ContainerArgs,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Remove the container when it exits.
    #[arg(long)]
    pub rm: bool,
    #[command(flatten)]
    pub c: ContainerArgs,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Attach to the container's output and wait for it.
    #[arg(short, long)]
    pub attach: bool,
    /// Attach stdin too.
    #[arg(short, long)]
    pub interactive: bool,
    /// Forward signals to the container.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    /// Start every container that is not running.
    #[arg(long)]
    pub all: bool,
    /// Start the containers that pass these filters (as in `ps --filter`).
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Keys that detach an attached session (accepted; use `skiff attach` to detach from a
    /// running container).
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// Resolve the image (pulling per policy) and store a new container; returns its id.
fn create_container(paths: &Paths, a: &ContainerArgs, auto_remove: bool) -> anyhow::Result<String> {
    let network = match Network::parse(&a.network)? {
        None => Network::default_mode()?,
        Some(Network::Container(target)) => {
            let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
            let t = cstore.find(&target)?;
            Network::Container(t.id)
        }
        Some(n) => n,
    };
    let mut ports = Vec::new();
    for p in &a.publish {
        ports.extend(crate::network::portspec::parse(p).map_err(|e| anyhow::anyhow!(e))?);
    }
    for h in &a.add_host {
        crate::network::etc::parse_add_host(h).map_err(|e| anyhow::anyhow!(e))?;
    }
    for d in &a.dns {
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
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let existing = {
        let _g = store.lock_images(LockMode::Shared)?;
        find(&store.load()?, &a.image, &search).ok().cloned()
    };
    let pull_opts = || -> anyhow::Result<PullOptions> {
        Ok(PullOptions {
            platform: a.platform.platform()?,
            quiet: a.quiet,
            access: a.registry.access()?,
        })
    };
    let image = match (a.pull, existing) {
        (PullPolicy::Never, None) => {
            anyhow::bail!(
                "{}: image not known, and --pull=never forbids pulling it",
                a.image
            )
        }
        (PullPolicy::Missing | PullPolicy::Never, Some(img)) => img,
        _ => pull(paths, &a.image, &pull_opts()?)?,
    };
    let config = store.config(&image.id)?;
    if a.publish_all {
        let keys: Vec<String> = config
            .config
            .exposed_ports
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
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
    for l in &a.labels {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    for (k, v) in config.config.labels.iter().flatten() {
        labels.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let health = crate::runtime::health::from_flags(
        a.health_cmd.as_deref(),
        a.health_interval.as_deref(),
        a.health_timeout.as_deref(),
        a.health_start_period.as_deref(),
        a.health_retries,
        a.no_healthcheck,
        config.config.healthcheck.as_ref(),
    )?;
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
    let mut mounts = super::mounts::resolve(&vstore, &a.volumes, &a.mounts, &image_volumes)?;
    for from in &a.volumes_from {
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
        command: a.command.clone(),
        entrypoint: a.entrypoint.clone(),
        env: a.env.clone(),
        env_files: a.env_file.clone(),
        env_host: a.env_host,
        workdir: a.workdir.clone(),
        user,
        group_add: a.group_add.clone(),
        hostname: a.hostname.clone(),
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
            dns: a.dns.clone(),
            dns_search: a.dns_search.clone(),
            dns_options: a.dns_option.clone(),
            add_hosts: a.add_host.clone(),
        },
        ulimits: a.ulimit.clone(),
        init: a.init,
        umask: a.umask.clone(),
        stop_signal: a.stop_signal.clone(),
        preserve_fds: a.preserve_fds,
        env_merge: a.env_merge.clone(),
        unsetenv: a.unsetenv.clone(),
        unsetenv_all: a.unsetenv_all,
        http_proxy: a.http_proxy,
        tz: a.tz.clone(),
        no_hosts: a.no_hosts,
        shm_size: a.shm_size.clone(),
        personality: a.personality.clone(),
        oom_score_adj: a.oom_score_adj,
        devices: a.device.clone(),
        sysctls: a.sysctl.clone(),
        stop_timeout: a.stop_timeout,
        timeout: a.timeout.filter(|t| *t > 0),
    };
    let layers: Vec<std::path::PathBuf> =
        image.layers.iter().map(|l| store.layer_diff(l)).collect();
    // Another mapping needs the layers with their owners moved (made once, then reused).
    let layers = {
        let _g = store.lock_images(LockMode::Shared)?;
        crate::image::mapped::layers_for(&layers, &default_mapping, &mapping)?
    };
    let spec = spec::build(&config.config, &opts, layers, mapping, &id[..12], &host_env)?;
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
    // Empty: the store generates a free name under its lock.
    let name = a.name.clone().unwrap_or_default();
    let mut c = Container {
        id: id.clone(),
        name,
        image: a.image.clone(),
        image_id: image.id.clone(),
        image_name: crate::image::store::name_for(&image, &a.image),
        image_digest: image.manifest_digest.clone(),
        created: now.as_secs() as i64,
        created_nanos: now.subsec_nanos(),
        spec,
        state: State::new(),
        auto_remove,
        restart_policy: a.restart.clone().filter(|p| p != "no"),
        labels,
        health,
    };
    if let Some(f) = &a.cidfile {
        if f.exists() {
            anyhow::bail!(
                "--cidfile {}: the file exists; remove it first",
                f.display()
            );
        }
    }
    container::create(&cstore, &mut c, a.replace)?;
    if let Some(f) = &a.cidfile {
        std::fs::write(f, &id)
            .map_err(|e| anyhow::anyhow!("writing --cidfile {}: {e}", f.display()))?;
    }
    Ok(id)
}

pub fn run(g: &GlobalOpts, a: RunArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let id = create_container(&paths, &a.c, a.rm)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    if a.detach {
        // The supervisor keeps them for the container (every other descriptor of ours stays
        // close-on-exec).
        for fd in 3..3 + a.c.preserve_fds.min(65536) as i32 {
            let _ = crate::sys::set_cloexec(fd, false);
        }
        start_detached(&paths, &id)?;
        super::output::print_text(&format!("{id}\n"))?;
        return Ok(0);
    }
    container::run_foreground(&cstore, &id, a.sig_proxy)
}

/// Start the container under its own supervisor (skiff re-executed, in a new session) and wait
/// until the container runs, or report why it did not.
pub fn start_detached(paths: &Paths, id: &str) -> anyhow::Result<()> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe()?;
    let mut child = Command::new(exe)
        .arg("--root")
        .arg(&paths.root)
        .arg("--runroot")
        .arg(&paths.runroot)
        .arg("internal-supervise")
        .arg(id)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut msg = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut msg)?;
    match msg.first() {
        Some(&crate::runtime::supervisor::READY_OK) => Ok(()),
        Some(b'E') => {
            let code = msg.get(1).copied().unwrap_or(125) as i32;
            let _ = child.wait();
            Err(crate::error::Coded::new(
                code,
                String::from_utf8_lossy(&msg[2.min(msg.len())..]).into_owned(),
            )
            .into())
        }
        _ => {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.wait();
            anyhow::bail!(
                "the container's supervisor failed to start it: {}",
                err.trim()
            )
        }
    }
}

pub fn create(g: &GlobalOpts, a: CreateArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let id = create_container(&paths, &a.c, a.rm)?;
    super::output::print_text(&format!("{id}\n"))?;
    Ok(0)
}

pub fn start(g: &GlobalOpts, a: StartArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    if a.detach_keys.as_deref().is_some_and(|k| !k.is_empty()) {
        super::ignored(
            "--detach-keys",
            "start --attach runs in the foreground; start detached and use `skiff attach` to \
             detach and re-attach",
        );
    }
    let sel = super::targets::Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &[],
        filters: &a.filter,
        ignore: false,
    };
    let running = |c: &Container| c.state.status == Status::Running && c.process_alive();
    let targets = super::targets::select(&cstore, &sel, |c| !running(c))?;
    if a.attach && targets.len() != 1 {
        anyhow::bail!("start --attach takes exactly one container");
    }
    let mut failed = super::targets::Failures::new();
    for t in targets {
        let result = (|| -> anyhow::Result<Option<i32>> {
            let c = t.found?;
            if running(&c) {
                anyhow::bail!("{}: the container is already running", t.shown);
            }
            if a.interactive && !c.spec.stdin {
                let mut c2 = c.clone();
                c2.spec.stdin = true;
                cstore.save(&c2)?;
            }
            if a.attach {
                return Ok(Some(container::run_foreground(
                    &cstore,
                    &c.id,
                    a.sig_proxy,
                )?));
            }
            start_detached(&paths, &c.id)?;
            Ok(None)
        })();
        match result {
            Ok(Some(code)) => return Ok(code),
            Ok(None) => super::output::print_line(&t.shown)?,
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    failed.into_result()
}
