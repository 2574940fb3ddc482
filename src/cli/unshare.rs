//! `skiff unshare [COMMAND...]`: run a command (your shell by default) in a user namespace with the
//! store's id mapping and a mount namespace of its own, as root there, as `podman unshare` does:
//! the way to look at or change files that belong to your subordinate ids (`chown`, `rm -rf` of a
//! container's files). CONTAINERS_GRAPHROOT and CONTAINERS_RUNROOT name the store.

use std::os::unix::process::CommandExt;

use clap::Args;

use super::GlobalOpts;
use crate::userns::IdMapping;

#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// Also join the rootless network namespace (skiff has none: each container has its own).
    #[arg(long)]
    pub rootless_netns: bool,
    /// The command and its arguments (default: $SHELL, else /bin/sh).
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

pub fn run(g: &GlobalOpts, a: UnshareArgs) -> anyhow::Result<i32> {
    if a.rootless_netns {
        anyhow::bail!(
            "--rootless-netns: skiff has no shared network namespace (each container has its \
             own); enter one with `skiff exec CONTAINER ...`"
        );
    }
    if nix::unistd::geteuid().is_root() {
        anyhow::bail!("skiff unshare is for unprivileged users: root needs no user namespace");
    }
    let paths = g.paths()?;
    let mapping = IdMapping::for_current_user()?;
    let mut argv = a.command.clone();
    if argv.is_empty() {
        argv.push(std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into()));
    }
    let code =
        crate::userns::enter::run_in_userns(&mapping, nix::sched::CloneFlags::CLONE_NEWNS, || {
            let err = std::process::Command::new(&argv[0])
                .args(&argv[1..])
                .env("CONTAINERS_GRAPHROOT", &paths.root)
                .env("CONTAINERS_RUNROOT", &paths.runroot)
                // skiff run in here uses the same store (`skiff mount` needs this namespace).
                .env("SKIFF_ROOT", &paths.root)
                .env("SKIFF_RUNROOT", &paths.runroot)
                .exec();
            eprintln!("Error: running {}: {err}", argv[0]);
            if err.kind() == std::io::ErrorKind::NotFound {
                crate::error::EXIT_NOT_FOUND
            } else {
                crate::error::EXIT_NOT_EXECUTABLE
            }
        })?;
    Ok(code)
}
