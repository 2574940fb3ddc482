//! runc's command line: global flags, subcommands, logging to `--log` in text or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "skiff-runtime",
    version,
    about = "skiff's OCI runtime, with runc's command line"
)]
pub struct Cli {
    /// Where container state is kept (default /run/skiff-runtime as root,
    /// $XDG_RUNTIME_DIR/skiff-runtime otherwise)
    #[arg(long, global = true)]
    pub root: Option<PathBuf>,
    /// Write the runtime's own messages to this file instead of stderr
    #[arg(long, global = true)]
    pub log: Option<PathBuf>,
    /// Format of --log: text or json
    #[arg(long = "log-format", global = true, default_value = "text")]
    pub log_format: String,
    /// Log debug messages too
    #[arg(long, global = true)]
    pub debug: bool,
    /// Accepted for runc compatibility: cgroups are managed through cgroupfs (said once when set)
    #[arg(long = "systemd-cgroup", global = true)]
    pub systemd_cgroup: bool,
    /// Global: accepted for runc compatibility (rootless is detected). With `spec`: write a
    /// config for a rootless container (the caller's ids mapped to root)
    #[arg(long, global = true, num_args = 0..=1, default_missing_value = "true", require_equals = false)]
    pub rootless: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct CreateArgs {
    /// The bundle directory (holding config.json)
    #[arg(long, short = 'b', default_value = ".")]
    pub bundle: PathBuf,
    /// Write the container init's pid here
    #[arg(long = "pid-file")]
    pub pid_file: Option<PathBuf>,
    /// Unix socket to send the terminal's master side to (process.terminal)
    #[arg(long = "console-socket")]
    pub console_socket: Option<PathBuf>,
    /// Use chroot-like MS_MOVE instead of pivot_root
    #[arg(long = "no-pivot")]
    pub no_pivot: bool,
    /// Do not create a new session keyring (accepted)
    #[arg(long = "no-new-keyring")]
    pub no_new_keyring: bool,
    /// Pass this many descriptors after stdio on to the container (3..3+N)
    #[arg(long = "preserve-fds", default_value_t = 0)]
    pub preserve_fds: u32,
    pub id: String,
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// A process.json describing the process (instead of the arguments)
    #[arg(long, short = 'p')]
    pub process: Option<PathBuf>,
    #[arg(long, short = 'd')]
    pub detach: bool,
    #[arg(long, short = 't')]
    pub tty: bool,
    #[arg(long = "pid-file")]
    pub pid_file: Option<PathBuf>,
    #[arg(long = "console-socket")]
    pub console_socket: Option<PathBuf>,
    /// Working directory in the container
    #[arg(long)]
    pub cwd: Option<String>,
    #[arg(long, short = 'e')]
    pub env: Vec<String>,
    /// uid[:gid]
    #[arg(long, short = 'u')]
    pub user: Option<String>,
    #[arg(long = "additional-gids", short = 'g')]
    pub additional_gids: Vec<u32>,
    #[arg(long = "cap", short = 'c')]
    pub caps: Vec<String>,
    #[arg(long = "no-new-privs")]
    pub no_new_privs: bool,
    #[arg(long = "preserve-fds", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Accepted for runc compatibility
    #[arg(long = "apparmor")]
    pub apparmor: Option<String>,
    #[arg(long = "process-label")]
    pub process_label: Option<String>,
    #[arg(long = "ignore-paused")]
    pub ignore_paused: bool,
    #[arg(long = "cgroup")]
    pub cgroup: Option<String>,
    pub id: String,
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a container from a bundle; its process waits for `start`
    Create(Box<CreateArgs>),
    /// Run the created container's process
    Start { id: String },
    /// Create and start, then wait for the container (unless --detach)
    Run {
        #[command(flatten)]
        create: Box<CreateArgs>,
        #[arg(long, short = 'd')]
        detach: bool,
        #[arg(long = "keep")]
        keep: bool,
    },
    /// Print the container's OCI state as JSON
    State { id: String },
    /// Send a signal (name or number, default SIGTERM) to the container's init (or all with --all)
    Kill {
        id: String,
        signal: Option<String>,
        #[arg(long, short = 'a')]
        all: bool,
    },
    /// Delete a stopped container (--force: a running one too)
    Delete {
        id: String,
        #[arg(long, short = 'f')]
        force: bool,
    },
    /// Run a new process in a running container
    Exec(Box<ExecArgs>),
    /// List the container's processes
    Ps {
        id: String,
        #[arg(long, short = 'f', default_value = "table")]
        format: String,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        ps_args: Vec<String>,
    },
    /// Freeze every process of the container
    Pause { id: String },
    /// Thaw a paused container
    Resume { id: String },
    /// Print the OCI features document (what this runtime supports)
    Features,
    /// Write a starting config.json into the bundle
    Spec {
        #[arg(long, short = 'b', default_value = ".")]
        bundle: PathBuf,
    },
    /// List containers
    #[command(alias = "ls")]
    List {
        #[arg(long, short = 'f', default_value = "table")]
        format: String,
        #[arg(long, short = 'q')]
        quiet: bool,
    },
}

/// The runtime's own log: stderr, or `--log` (runc writes JSON lines there for conmon/podman).
pub struct Log {
    file: Option<std::fs::File>,
    json: bool,
    debug: bool,
}

impl Log {
    fn open(cli: &Cli) -> Log {
        let file = cli.log.as_ref().and_then(|p| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .ok()
        });
        Log {
            file,
            json: cli.log_format == "json",
            debug: cli.debug,
        }
    }

    pub fn write(&self, level: &str, msg: &str) {
        if level == "debug" && !self.debug {
            return;
        }
        let time = chrono_now();
        let line = if self.json {
            serde_json::json!({"level": level, "msg": msg, "time": time}).to_string()
        } else {
            format!("skiff-runtime: {level}: {msg}")
        };
        match &self.file {
            Some(f) => {
                let mut w: &std::fs::File = f;
                let _ = writeln!(w, "{line}");
            }
            None => eprintln!("{}", line),
        }
        // runc prints errors on stderr as well when logging to a file: conmon shows those.
        if self.file.is_some() && level == "error" {
            eprintln!("skiff-runtime: {msg}");
        }
    }
}

fn chrono_now() -> String {
    crate::cli::format::rfc3339_nanos_now()
}

/// Entry point when the binary runs as `skiff-runtime`.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let log = Log::open(&cli);
    if cli.systemd_cgroup {
        log.write(
            "warning",
            "--systemd-cgroup: cgroups are managed through cgroupfs, not systemd",
        );
    }
    let root = cli.root.clone().unwrap_or_else(super::state::default_root);
    let rootless = matches!(cli.rootless.as_deref(), Some("true"));
    match super::ops::dispatch(&root, cli.command, rootless, &log) {
        Ok(code) => code,
        Err(e) => {
            log.write("error", &format!("{e:#}"));
            1
        }
    }
}
