//! `skiff system ...`

use clap::{Args, Subcommand};

use super::GlobalOpts;

#[derive(Debug, Args)]
pub struct SystemArgs {
    #[command(subcommand)]
    pub command: SystemCommand,
}

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Display information about the host (same as `skiff info`)
    Info(super::info::InfoArgs),
}

pub fn run(g: &GlobalOpts, a: SystemArgs) -> anyhow::Result<i32> {
    match a.command {
        SystemCommand::Info(i) => super::info::run(g, i),
    }
}
