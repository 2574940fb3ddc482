//! `skiff exec`

use clap::Args;

use super::GlobalOpts;
use crate::runtime::exec::{start, ExecOptions};
use crate::runtime::spawn::wait_foreground;
use crate::state::ContainerStore;

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Keep stdin open.
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal.
    #[arg(short, long)]
    pub tty: bool,
    /// Run in the background.
    #[arg(short, long)]
    pub detach: bool,
    /// Set environment variables (NAME=VALUE, or NAME to pass the host's value).
    #[arg(short, long, value_name = "NAME[=VALUE]")]
    pub env: Vec<String>,
    /// Read environment variables from a file (NAME=VALUE lines).
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<String>,
    /// Keys that detach from the process (accepted; an exec session cannot be detached from).
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Run in the latest created container (the first argument is then the command).
    #[arg(short, long)]
    pub latest: bool,
    /// User to run as: name|uid[:group|gid].
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory.
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Give the process all capabilities.
    #[arg(long)]
    pub privileged: bool,
    /// Pass N more descriptors (3 to 3+N-1) of the caller to the process.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Command and arguments.
    #[arg(
        required_unless_present = "latest",
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

pub fn run(g: &GlobalOpts, a: ExecArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    // With --latest the first word is the command.
    let (c, args) = if a.latest {
        let mut args = vec![a.container];
        args.extend(a.command);
        (super::targets::one(&store, None, true)?, args)
    } else {
        (store.find(&a.container)?, a.command)
    };
    if a.detach_keys.as_deref().is_some_and(|k| !k.is_empty()) {
        super::ignored(
            "--detach-keys",
            "an exec session cannot be detached from; use `skiff exec -d` to run in the background",
        );
    }
    let mut env = crate::runtime::spec::read_env_files(&a.env_file)?;
    env.extend(a.env);
    let opts = ExecOptions {
        args,
        env,
        user: a.user,
        workdir: a.workdir,
        tty: a.tty && !a.detach,
        interactive: a.interactive && !a.detach,
        privileged: a.privileged,
        preserve_fds: a.preserve_fds,
        detach: a.detach,
        stdio: None,
    };
    let started = start(&c, &opts)?;
    if a.detach {
        return Ok(0);
    }
    wait_foreground(started, true, Default::default(), None)
}
