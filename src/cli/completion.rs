//! `skiff completion SHELL`: print (or write) a completion script generated from the clap tree.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// Shell to generate the script for.
    #[arg(value_parser = ["bash", "zsh", "fish"])]
    pub shell: String,
    /// Write the script to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

pub fn run(a: CompletionArgs) -> anyhow::Result<i32> {
    let shell: Shell = a.shell.parse().map_err(|e: String| anyhow::anyhow!(e))?;
    let script = super::docs::completion(shell);
    match a.file {
        Some(f) => {
            std::fs::write(&f, script).with_context(|| format!("writing {}", f.display()))?
        }
        None => super::output::print_text(&String::from_utf8_lossy(&script))?,
    }
    Ok(0)
}
