//! `skiff run`, `skiff create`, `skiff start --attach`: one set of container flags, one path from
//! flags to a stored container, one foreground runner.

use clap::Args;

pub use super::runflags::{ContainerArgs, PullPolicy};

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

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Run in the background and print the container id.
    #[arg(short, long)]
    pub detach: bool,
    /// Remove the container when it exits.
    #[arg(long)]
    pub rm: bool,
    /// Remove the container and then its image when it exits (unless others use the image).
    #[arg(long)]
    pub rmi: bool,
    /// Keys that detach from a foreground container (accepted; run with -d and use `skiff
    /// attach`, which detaches with ctrl-p,ctrl-q).
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Forward signals received by skiff to the container.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    /// Show only these streams of a foreground container: stdin, stdout, stderr (the others are
    /// logged only; stdin needs -i).
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
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

/// Resolve the image (pulling per policy) and store a new container; returns its id.
fn create_container(
    paths: &Paths,
    a: &ContainerArgs,
    auto_remove: bool,
    remove_image: bool,
    detach: bool,
) -> anyhow::Result<String> {
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
    let network = match Network::parse(&conf.network)? {
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
    let image = match (a.pull, existing) {
        (PullPolicy::Never, None) => {
            anyhow::bail!(
                "{}: image not known, and --pull=never forbids pulling it",
                a.image()
            )
        }
        (PullPolicy::Missing | PullPolicy::Never, Some(img)) => img,
        _ => pull(paths, a.image(), &pull_opts()?)?,
    };
    let config = store.config(&image.id)?;
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
        &a.volumes,
        &a.mounts,
        &image_volumes,
        super::mounts::ImageVolumes::parse(&a.image_volume)?,
    )?;
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
        command: a.command().to_vec(),
        entrypoint: a.entrypoint.clone(),
        env: conf.env.clone(),
        env_files: a.env_file.clone(),
        env_host: a.env_host,
        workdir: a.workdir.clone(),
        user,
        group_add: a.group_add.clone(),
        // With the host's UTS namespace, its host name (the generated /etc/hostname agrees).
        hostname: a.hostname.clone().or_else(|| {
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
        devices: a.device.clone(),
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
        image: a.image().to_string(),
        image_id: image.id.clone(),
        image_name: crate::image::store::name_for(&image, a.image()),
        image_digest: image.manifest_digest.clone(),
        created: now.as_secs() as i64,
        created_nanos: now.subsec_nanos(),
        spec,
        state: State::new(),
        auto_remove,
        restart_policy: a.restart.clone().filter(|p| p != "no"),
        labels,
        health,
        annotations: a
            .annotation
            .iter()
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.to_string())
            })
            .collect(),
        remove_image,
        requires,
        pidfile: a.pidfile.clone(),
        conmon_pidfile: a.conmon_pidfile.clone(),
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
    let id = create_container(&paths, &a.c, a.rm || a.rmi, a.rmi, a.detach)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    if !a.detach && a.detach_keys.as_deref().is_some_and(|k| !k.is_empty()) {
        super::ignored(
            "--detach-keys",
            "a foreground container cannot be detached from; run it with -d and use `skiff \
             attach`",
        );
    }
    start_requirements(&paths, &cstore, &id)?;
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
    {
        let mute = attach_mute(&a.attach)?;
        container::run_foreground(&cstore, &id, a.sig_proxy, mute)
    }
}

/// `run --attach STREAM...`: which of stdout and stderr are not shown.
fn attach_mute(streams: &[String]) -> anyhow::Result<[bool; 2]> {
    if streams.is_empty() {
        return Ok([false, false]);
    }
    let mut shown = [false, false];
    for s in streams.iter().flat_map(|s| s.split(',')) {
        match s.to_ascii_lowercase().as_str() {
            "stdout" => shown[0] = true,
            "stderr" => shown[1] = true,
            "stdin" => {}
            other => anyhow::bail!("invalid --attach {other:?}: stdin, stdout or stderr"),
        }
    }
    Ok([!shown[0], !shown[1]])
}

/// `--requires`: start the containers this one needs, where they are not running.
fn start_requirements(paths: &Paths, store: &ContainerStore, id: &str) -> anyhow::Result<()> {
    let c = store.load(id)?;
    for dep in &c.requires {
        let d = store.find(dep).map_err(|_| {
            anyhow::anyhow!("{}: the container it requires ({dep}) was removed", c.name)
        })?;
        if !d.process_alive() {
            start_requirements(paths, store, &d.id)?;
            start_detached(paths, &d.id)?;
        }
    }
    Ok(())
}

/// Start the container under its own supervisor (skiff re-executed, in a new session) and wait
/// until the container runs, or report why it did not.
pub fn start_detached(paths: &Paths, id: &str) -> anyhow::Result<()> {
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    if store.load(id)?.spec.log.driver == "passthrough" {
        anyhow::bail!(
            "this container logs with --log-driver passthrough: it runs in the foreground only \
             (`skiff start --attach`)"
        );
    }
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
    let id = create_container(&paths, &a.c, a.rm, false, false)?;
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
            start_requirements(&paths, &cstore, &c.id)?;
            if a.attach {
                return Ok(Some(container::run_foreground(
                    &cstore,
                    &c.id,
                    a.sig_proxy,
                    [false, false],
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
