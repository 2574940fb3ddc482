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
    /// Check the store for leftovers of interrupted operations and broken references
    Check(CheckArgs),
    /// Remove every image, layer and container in the store
    Reset(ResetArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Remove what is broken or left over.
    #[arg(short, long)]
    pub repair: bool,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(g: &GlobalOpts, a: SystemArgs) -> anyhow::Result<i32> {
    match a.command {
        SystemCommand::Info(i) => super::info::run(g, i),
        SystemCommand::Check(c) => check(g, c),
        SystemCommand::Reset(r) => reset(g, r),
    }
}

fn check(g: &GlobalOpts, a: CheckArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let findings = crate::image::manage::check(&paths, a.repair)?;
    let mut out = String::new();
    for f in &findings {
        match &f.path {
            Some(p) => out.push_str(&format!("{}: {}\n", f.what, p.display())),
            None => out.push_str(&format!("{}\n", f.what)),
        }
    }
    super::output::print_text(&out)?;
    if findings.is_empty() {
        eprintln!("No problems found");
        Ok(0)
    } else if a.repair {
        eprintln!("Repaired {} problems", findings.len());
        Ok(0)
    } else {
        anyhow::bail!(
            "{} problems found; run `skiff system check --repair` to fix them",
            findings.len()
        )
    }
}

fn reset(g: &GlobalOpts, a: ResetArgs) -> anyhow::Result<i32> {
    use std::io::BufRead;
    let paths = g.paths()?;
    if !a.force {
        eprint!(
            "WARNING! This removes all images, layers and containers in {} and {}.\n\
             Are you sure you want to continue? [y/N] ",
            paths.root.display(),
            paths.runroot.display()
        );
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        if !matches!(line.trim(), "y" | "Y" | "yes") {
            return Ok(0);
        }
    }
    let mapping = crate::userns::IdMapping::for_current_user()?;
    let mut doomed = Vec::new();
    for dir in [&paths.root, &paths.runroot] {
        if let Ok(rd) = std::fs::read_dir(dir) {
            doomed.extend(rd.flatten().map(|e| e.path()));
        }
    }
    crate::userns::helper::remove_paths(&mapping, &doomed)?;
    Ok(0)
}
