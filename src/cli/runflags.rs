//! The flags of `run` and `create` (podman's names and meanings), declared once: `run.rs` turns
//! them into a container.

use clap::{Args, ValueEnum};

use super::pull::PlatformArgs;

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
    /// Network mode: pasta (default when installed), slirp4netns, none, host, container:NAME, or
    /// bridge networks: NAME[,NAME...] or NAME:alias=A,ip=IP,mac=MAC (repeatable; bridge and
    /// podman mean the default network).
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Run in this pod (NAME or id), or in a new one: new:NAME (which gets the network and
    /// ports given here).
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Run in the pod whose id this file holds.
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<std::path::PathBuf>,
    /// Another name the container answers to on its bridge networks.
    #[arg(long = "network-alias", value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// Its IPv4 address on its (first) bridge network.
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Its IPv6 address on its (first) bridge network.
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// Its MAC address on its (first) bridge network.
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
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
    /// Give the container a secret: NAME[,type=mount|env][,target=PATH|VAR][,uid=,gid=,mode=]
    /// (default: a file at /run/secrets/NAME).
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// Log driver: k8s-file (the default), journald, none, or passthrough (foreground only: the
    /// container writes to skiff's own stdout and stderr).
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Log options: path=FILE, max-size=SIZE, max-file=N (rotated files kept), tag=NAME.
    #[arg(long, value_name = "KEY=VALUE")]
    pub log_opt: Vec<String>,
    /// PID namespace: private (its own, the default) or host.
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace: private (its own host name, the default) or host.
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// IPC namespace: private or shareable (its own, the default), host, or none (no /dev/shm).
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// Dirs inside the container treated as chroots: they get /etc/hosts, /etc/hostname and
    /// /etc/resolv.conf too.
    #[arg(long, value_name = "DIR")]
    pub chrootdirs: Vec<String>,
    /// Seccomp policy: default (skiff's profile or --security-opt seccomp=); image (a profile
    /// named in the image) is accepted and said so.
    #[arg(long, default_value = "default", value_name = "POLICY")]
    pub seccomp_policy: String,
    /// Path of the init binary for --init (skiff's init is built in: accepted and said so).
    #[arg(long, value_name = "PATH")]
    pub init_path: Option<String>,
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
    /// Read labels from a file (KEY=VALUE lines).
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<String>,
    /// Set an annotation (KEY=VALUE), shown by inspect.
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Expose a port (PORT[/tcp|udp], or a range) for --publish-all, beside the image's.
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// What to do with the image's VOLUMEs: bind (anonymous volumes), tmpfs or ignore.
    #[arg(long, value_name = "MODE", default_value = "bind")]
    pub image_volume: String,
    /// Start these containers first (comma-separated names or ids) when they are not running.
    #[arg(long, value_name = "CONTAINERS")]
    pub requires: Vec<String>,
    /// Write the container's PID (on the host) to FILE when it starts.
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<std::path::PathBuf>,
    /// Write the PID of the process that watches the container (skiff's supervisor, or skiff in
    /// the foreground) to FILE.
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// Add these host users to the container's /etc/passwd (and their group to /etc/group).
    #[arg(long, value_name = "USER")]
    pub hostuser: Vec<String>,
    /// Add an /etc/passwd entry for --user when the image has none (podman's default).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub passwd: bool,
    /// The /etc/passwd entry to add for --user: $USERNAME, $UID, $GID, $NAME, $HOME expand.
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// Map the container's ids through this user's /etc/subuid range (only your own).
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Map the container's groups through this user's /etc/subgid range (only your own).
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
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
    /// What to do once the container is unhealthy: none, kill, restart or stop.
    #[arg(long, default_value = "none", value_name = "ACTION")]
    pub health_on_failure: String,
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
    /// The first argument is a directory holding a root filesystem, not an image (PATH:O: an
    /// overlay over it keeps the directory unchanged).
    #[arg(long)]
    pub rootfs: bool,
    /// Run systemd (or init) as the command: true (when the command is systemd or /sbin/init),
    /// always, false. Mounts tmpfs on /run, /run/lock, /tmp, /var/log/journal, sets
    /// container=skiff and stops with SIGRTMIN+3.
    #[arg(long, default_value = "true", value_name = "MODE")]
    pub systemd: String,
    /// With systemd's NOTIFY_SOCKET: conmon (skiff says READY=1 once the container runs),
    /// container (the container gets the socket and says it itself), healthy (READY=1 once the
    /// healthcheck passes), ignore.
    #[arg(long, default_value = "conmon", value_name = "MODE")]
    pub sdnotify: String,
    /// GPUs to add, as CDI devices (`all` = nvidia.com/gpu=all).
    #[arg(long, value_name = "GPUS")]
    pub gpus: Vec<String>,
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
    #[command(flatten)]
    pub platform: PlatformArgs,
    #[command(flatten)]
    pub registry: super::pull::RegistryArgs,
    /// The image, then the command and its arguments (default: the image's). Everything after
    /// the image belongs to the command, as with podman (`run IMAGE sh -c ...`).
    #[arg(
        value_name = "IMAGE [COMMAND [ARG...]]",
        required = true,
        num_args = 1..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub image_and_command: Vec<String>,
}

impl ContainerArgs {
    pub fn image(&self) -> &str {
        &self.image_and_command[0]
    }

    pub fn command(&self) -> &[String] {
        &self.image_and_command[1..]
    }
}
