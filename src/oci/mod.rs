//! `skiff-runtime`: skiff as an OCI runtime with runc's command line. Its one input is a bundle's
//! `config.json` (the OCI runtime spec, `oci-spec` types); its state lives under `--root`, one
//! directory per container. No process stays behind between commands: `create` leaves the
//! container's init waiting on a fifo, `start` opens it (runc's model, which conmon relies on).

pub(crate) mod bpf;
mod cgroups;
mod cli;
mod config;
mod create;
pub(crate) mod devices;
mod exec;
pub mod hooks;
mod idmap;
mod init;
pub(crate) mod mounts;
mod ops;
pub(crate) mod process;
pub mod resources;
pub(crate) mod seccomp;
mod state;

pub use cli::{main, Cli};
pub use config::OCI_VERSION;

/// Parse and check a config.json text as `create` does (the field named in every refusal).
pub fn check_config(text: &str) -> anyhow::Result<oci_spec::runtime::Spec> {
    config::parse(text)
}

/// The name under which the skiff binary acts as the runtime (a hard or symbolic link).
pub const RUNTIME_NAME: &str = "skiff-runtime";
