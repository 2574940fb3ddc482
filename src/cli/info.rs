//! `skiff info`

use clap::Args;

use super::output::{print_json, print_text, Format};
use super::GlobalOpts;
use crate::system::info;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Output format: text or json.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(g: &GlobalOpts, a: InfoArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let report = info::gather(&paths);
    match a.format {
        Format::Json => print_json(&report)?,
        Format::Text => print_text(&info::render_text(&report))?,
    }
    Ok(0)
}
