//! `skiff info`

use clap::Args;

use super::output::print_formatted;
use super::GlobalOpts;
use crate::system::info;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Output format: text, json, or a Go template (e.g. '{{.Host.Arch}}').
    #[arg(short, long, default_value = "text", value_name = "FORMAT")]
    pub format: String,
}

pub fn run(g: &GlobalOpts, a: InfoArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let report = info::gather(&paths);
    print_formatted(&a.format, &report, info::render_text)?;
    Ok(0)
}
