//! Command-line definitions (clap derive: the single source for parsing, --help, man pages and
//! completions) and dispatch. One file per command; each handler returns the exit code.

pub mod attach;
pub mod build;
pub mod buildflags;
pub mod checkpoint;
pub mod checkpoint_archive;
pub mod clone;
pub mod commit;
pub mod completion;
pub mod container;
pub mod cp;
pub mod create;
pub mod docs;
pub mod events;
pub mod exec;
pub mod format;
pub mod generate;
pub mod image;
pub mod images;
pub mod info;
pub mod inspect;
pub mod internal;
pub mod kube;
pub mod lifecycle;
pub mod login;
pub mod logs;
pub mod manifest;
pub mod mount;
pub mod mounts;
pub mod network;
pub mod output;
pub mod parse;
pub mod pod;
pub mod podcreate;
pub mod podps;
pub mod port;
pub mod ps;
pub mod pull;
pub mod push;
pub mod resources;
pub mod run;
pub mod runflags;
pub mod search;
pub mod secret;
pub mod system;
pub mod targets;
pub mod template;
pub mod top;
pub mod transfer;
pub mod unshare;
pub mod userns;
pub mod version;
pub mod volume;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::storage::Paths;

/// `skiff --help`'s first line.
pub const ABOUT: &str = "Rootless, daemonless containers";
/// `skiff --help`'s description.
pub const LONG_ABOUT: &str =
    "skiff runs OCI containers as an ordinary user: no daemon, no root, no docker group.\n\
     It pulls images from registries, unpacks them into a store under your home and forks \
     containers itself inside a user namespace.";

/// The whole command line (man pages, completions, `--help`). skiff parses its arguments with
/// `parse::parse`, which builds only the subcommand that runs.
#[derive(Debug, Parser)]
#[command(
    name = "skiff",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalOpts {
    /// Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage).
    #[arg(long, global = true, value_name = "DIR", env = "SKIFF_ROOT")]
    pub root: Option<PathBuf>,
    /// Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in
    /// $TMPDIR, /dev/shm or /tmp).
    #[arg(long, global = true, value_name = "DIR", env = "SKIFF_RUNROOT")]
    pub runroot: Option<PathBuf>,
    /// Messages to show on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Warn, value_name = "LEVEL")]
    pub log_level: LogLevel,
    /// Where events go: file (the default) or none; journald is taken as file.
    #[arg(
        long,
        global = true,
        value_name = "BACKEND",
        env = "SKIFF_EVENTS_BACKEND"
    )]
    pub events_backend: Option<String>,
    /// Print nothing on stdout.
    #[arg(long, global = true)]
    pub noout: bool,
    /// Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so.
    #[arg(long, global = true, value_name = "MANAGER")]
    pub cgroup_manager: Option<String>,
    /// Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it).
    #[arg(long, global = true, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    /// Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured.
    #[arg(long, global = true, value_name = "OPTION")]
    pub storage_opt: Vec<String>,
    /// OCI runtime to use: skiff is its own runtime (accepted and said so).
    #[arg(long, global = true, value_name = "PATH")]
    pub runtime: Option<String>,
    /// Flags for the OCI runtime (accepted and said so: skiff is its own runtime).
    #[arg(long, global = true, value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
    /// Directory for temporary state (accepted and said so: skiff keeps its state in --runroot).
    #[arg(long, global = true, value_name = "DIR")]
    pub tmpdir: Option<PathBuf>,
    /// Also log to syslog (accepted and said so: skiff logs to stderr).
    #[arg(long, global = true)]
    pub syslog: bool,
    /// OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win).
    #[arg(long, global = true, value_name = "DIR")]
    pub hooks_dir: Vec<PathBuf>,
}

/// Ask before a prune: `MESSAGE\nAre you sure you want to continue? [y/N]`. Without a terminal an
/// EOF answers no, as with docker: scripts pass --force.
pub fn confirm(message: &str) -> anyhow::Result<bool> {
    use std::io::{BufRead, Write};
    eprint!("{message}\nAre you sure you want to continue? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let yes = matches!(line.trim(), "y" | "Y" | "yes");
    if !yes {
        eprintln!();
    }
    Ok(yes)
}

/// Say once on stderr that a flag podman scripts pass was accepted but has no effect here, and why.
/// A warning said once per process.
pub fn warn_once(text: &str) {
    use std::sync::Mutex;
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !said.iter().any(|f| f == text) {
        said.push(text.to_string());
        eprintln!("Warning: {text}");
    }
}

pub fn ignored(flag: &str, why: &str) {
    use std::sync::Mutex;
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !said.iter().any(|f| f == flag) {
        said.push(flag.to_string());
        eprintln!("Warning: {flag} is accepted and ignored: {why}");
    }
}

impl GlobalOpts {
    /// Storage paths from flags and environment, created if missing.
    pub fn paths(&self) -> anyhow::Result<Paths> {
        Ok(Paths::resolve(
            self.root.as_deref(),
            self.runroot.as_deref(),
        )?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl LogLevel {
    pub fn as_filter(self) -> &'static str {
        match self {
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        }
    }
}

/// Subcommands' arguments are built only for the subcommand that runs (`defer`): building all of
/// them (about 1,500 arguments) cost every invocation about a millisecond.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Display information about the host and what skiff can do on it
    Info(info::InfoArgs),
    /// Display the skiff version
    Version(version::VersionArgs),
    /// Generate shell completion scripts
    Completion(completion::CompletionArgs),
    /// Manage skiff itself
    System(system::SystemArgs),
    /// Pull an image from a registry
    Pull(pull::PullArgs),
    /// Run a command in a new container
    Run(run::RunArgs),
    /// Create a container without starting it
    Create(run::CreateArgs),
    /// Start a created or exited container
    Start(run::StartArgs),
    /// Initialize containers: prepare them without running their command (start runs it)
    Init(run::InitArgs),
    /// List containers
    Ps(ps::PsArgs),
    /// Show a container's output
    Logs(logs::LogsArgs),
    /// Stop containers (stop signal, then SIGKILL after a timeout)
    Stop(lifecycle::StopArgs),
    /// Send a signal to containers
    Kill(lifecycle::KillArgs),
    /// Remove containers
    Rm(lifecycle::RmArgs),
    /// Run a command in a running container
    Exec(exec::ExecArgs),
    /// Copy files between a running container and the host
    Cp(cp::CpArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(container::WaitArgs),
    /// Show a container's processes
    Top(top::TopArgs),
    /// Run containers' healthchecks
    Healthcheck(container::HealthcheckArgs),
    /// Show containers' resource use
    Stats(top::StatsArgs),
    /// Pause all processes of containers
    Pause(top::PauseArgs),
    /// Resume paused containers
    Unpause(top::PauseArgs),
    /// Attach to a running detached container's output and input
    Attach(attach::AttachArgs),
    /// Rename a container
    Rename(container::RenameArgs),
    /// List a container's published ports
    Port(port::PortArgs),
    /// Show events: containers created, started, died, removed; images pulled and removed
    Events(events::EventsArgs),
    /// Restart containers
    Restart(container::RestartArgs),
    /// Manage containers
    Container(container::ContainerArgs),
    /// List images
    Images(images::ImagesArgs),
    /// Manage images
    Image(image::ImageArgs),
    /// Remove images
    Rmi(image::RmiArgs),
    /// Add names to an image
    Tag(image::TagArgs),
    /// Display details of containers or images as JSON
    Inspect(container::InspectArgs),
    /// Manage volumes
    Volume(volume::VolumeArgs),
    /// Manage bridge networks
    Network(network::NetworkArgs),
    /// Manage pods
    Pod(pod::PodArgs),
    /// Manage secrets
    Secret(secret::SecretArgs),
    /// Generate systemd units or Kubernetes YAML
    Generate(generate::GenerateArgs),
    /// Play, take down and generate Kubernetes YAML
    Kube(kube::KubeArgs),
    /// Create pods from Kubernetes YAML
    Play(kube::PlayCmdArgs),
    /// Run a command in a user namespace with the store's id mapping (as root there)
    Unshare(unshare::UnshareArgs),
    /// Mount containers' root filesystems (as root, or inside `skiff unshare`)
    Mount(mount::MountArgs),
    /// Unmount containers' root filesystems
    #[command(alias = "umount")]
    Unmount(mount::UnmountArgs),
    /// Push an image to a registry
    Push(push::PushArgs),
    /// Build an image from a Containerfile
    Build(build::BuildArgs),
    /// Manage the build cache
    Builder(build::BuilderArgs),
    /// Manage multi-platform manifest lists
    Manifest(manifest::ManifestArgs),
    /// Create an image from a container's changes
    Commit(commit::CommitArgs),
    /// Export a container's files as a tar archive
    Export(commit::ExportArgs),
    /// Create an image from a root filesystem tarball
    Import(commit::ImportArgs),
    /// Show what a container changed (or an image's top layer)
    Diff(commit::DiffArgs),
    /// Save images to an archive (docker-archive, oci-archive) or directory
    Save(transfer::SaveArgs),
    /// Load images from an archive (docker-archive, oci-archive; gzip or zstd too)
    Load(transfer::LoadArgs),
    /// Search registries for images, or list a repository's tags
    Search(search::SearchArgs),
    /// Log in to a registry
    Login(login::LoginArgs),
    /// Log out of a registry
    Logout(login::LogoutArgs),
    #[command(hide = true, name = "internal-unpack")]
    InternalUnpack(internal::UnpackArgs),
    #[command(hide = true, name = "internal-pack")]
    InternalPack(internal::PackArgs),
    #[command(hide = true, name = "internal-rm")]
    InternalRm(internal::RmArgs),
    #[command(hide = true, name = "internal-supervise")]
    InternalSupervise(internal::SuperviseArgs),
    #[command(hide = true, name = "internal-netns-holder")]
    InternalNetnsHolder,
    #[command(hide = true, name = "internal-userns-pause")]
    InternalUsernsPause,
    #[command(hide = true, name = "internal-dns")]
    InternalDns(internal::DnsArgs),
    #[command(hide = true, name = "internal-build")]
    InternalBuild,
    #[command(hide = true, name = "internal-op")]
    InternalOp,
}

impl GlobalOpts {
    /// Act on the global flags podman scripts pass: the ones skiff honours take effect, the others
    /// are said to be ignored, once.
    fn apply(&self) -> anyhow::Result<()> {
        match self.events_backend.as_deref() {
            None | Some("file") | Some("none") => {}
            Some("journald") => ignored(
                "--events-backend=journald",
                "skiff keeps events in its file (skiff events reads them)",
            ),
            Some(other) => {
                anyhow::bail!("invalid --events-backend {other:?}: file, journald or none")
            }
        }
        if let Some(b) = &self.events_backend {
            // The supervisors inherit it: events caused later follow the same choice.
            std::env::set_var("SKIFF_EVENTS_BACKEND", b);
        }
        if self.noout {
            let null = std::fs::OpenOptions::new().write(true).open("/dev/null")?;
            nix::unistd::dup2_stdout(&null)?;
        }
        match self.cgroup_manager.as_deref() {
            None | Some("cgroupfs") => {}
            Some("systemd") => ignored(
                "--cgroup-manager=systemd",
                "skiff manages its cgroups through cgroupfs",
            ),
            Some(other) => anyhow::bail!("invalid --cgroup-manager {other:?}: cgroupfs or systemd"),
        }
        match self.storage_driver.as_deref() {
            None | Some("overlay") => {}
            Some(other) => anyhow::bail!(
                "--storage-driver {other}: skiff stores images with overlay only (native, or \
                 fuse-overlayfs where the kernel refuses it)"
            ),
        }
        for o in &self.storage_opt {
            match o.split_once('=') {
                Some(("overlay.mount_program" | "mount_program", p))
                    if p.ends_with("fuse-overlayfs") =>
                {
                    std::env::set_var("SKIFF_OVERLAY", "fuse-overlayfs");
                }
                _ => ignored(
                    &format!("--storage-opt {o}"),
                    "skiff's overlay store takes no such option",
                ),
            }
        }
        if self.runtime.is_some() || !self.runtime_flag.is_empty() {
            ignored("--runtime/--runtime-flag", "skiff runs containers itself");
        }
        if self.tmpdir.is_some() {
            ignored("--tmpdir", "skiff keeps its volatile state in --runroot");
        }
        if self.syslog {
            ignored("--syslog", "skiff writes its messages to stderr");
        }
        crate::runtime::hooksdir::set_global_dirs(self.hooks_dir.clone());
        Ok(())
    }
}

/// Run the parsed command; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let g = &cli.global;
    g.apply()?;
    match cli.command {
        Command::Info(a) => info::run(g, a),
        Command::Version(a) => version::run(a),
        Command::Completion(a) => completion::run(a),
        Command::System(a) => system::run(g, a),
        Command::Pull(a) => pull::run(g, a),
        Command::Run(a) => run::run(g, a),
        Command::Create(a) => run::create(g, a),
        Command::Start(a) => run::start(g, a),
        Command::Init(a) => run::init(g, a),
        Command::Images(a) => images::run(g, a),
        Command::Image(a) => image::run(g, a),
        Command::Rmi(a) => image::run_rmi(g, a),
        Command::Tag(a) => image::run_tag(g, a),
        Command::Inspect(a) => container::inspect(g, a),
        Command::Wait(a) => container::wait(g, a),
        Command::Exec(a) => exec::run(g, a),
        Command::Cp(a) => cp::run(g, a),
        Command::Top(a) => top::top(g, a),
        Command::Healthcheck(a) => container::healthcheck(g, a),
        Command::Stats(a) => top::stats(g, a),
        Command::Pause(a) => top::pause(g, a, true),
        Command::Unpause(a) => top::pause(g, a, false),
        Command::Rename(a) => container::rename(g, a),
        Command::Port(a) => port::run(g, a),
        Command::Events(a) => events::run(g, a),
        Command::Attach(a) => attach::run(g, a),
        Command::Restart(a) => container::restart(g, a),
        Command::Container(a) => container::run(g, a),
        Command::Volume(a) => volume::run(g, a),
        Command::Network(a) => network::run(g, a),
        Command::Pod(a) => pod::run(g, a),
        Command::InternalNetnsHolder => crate::network::rootless::holder_main(),
        Command::InternalUsernsPause => crate::userns::pause::main(),
        Command::InternalDns(a) => crate::network::dns::serve_main(a.records_of, a.holder),
        Command::Secret(a) => secret::run(g, a),
        Command::Generate(a) => generate::run(g, a),
        Command::Kube(a) => kube::run(g, a),
        Command::Play(a) => kube::play_cmd(g, a),
        Command::Unshare(a) => unshare::run(g, a),
        Command::Search(a) => search::run(g, a),
        Command::Push(a) => push::run(g, a),
        Command::Build(a) => build::run(g, a),
        Command::Builder(a) => build::builder(g, a),
        Command::Manifest(a) => manifest::run(g, a),
        Command::Commit(a) => commit::commit(g, a),
        Command::Export(a) => commit::export(g, a),
        Command::Import(a) => commit::import(g, a),
        Command::Diff(a) => commit::diff(g, a),
        Command::Save(a) => transfer::save(g, a),
        Command::Load(a) => transfer::load(g, a),
        Command::Mount(a) => mount::mount(g, a),
        Command::Unmount(a) => mount::unmount(g, a),
        Command::Login(a) => login::login(g, a),
        Command::Logout(a) => login::logout(g, a),
        Command::InternalUnpack(a) => internal::unpack(a),
        Command::InternalRm(a) => internal::rm(a),
        Command::InternalPack(a) => internal::pack(a),
        Command::InternalSupervise(a) => internal::supervise(g, a),
        Command::InternalBuild => crate::api::build::helper_main(&g.paths()?),
        Command::InternalOp => crate::api::helper::main(&g.paths()?),
        Command::Ps(a) => ps::run(g, a),
        Command::Logs(a) => logs::run(g, a),
        Command::Stop(a) => lifecycle::stop(g, a),
        Command::Kill(a) => lifecycle::kill(g, a),
        Command::Rm(a) => lifecycle::rm(g, a),
    }
}

/// The clap command tree (for docs, completions and tests).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_consistent() {
        super::command().debug_assert();
    }
}
