//! `skiff version`

use clap::Args;

use super::output::{print_json, print_text, Format};
use crate::system::info;

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Output format: text or json.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(a: VersionArgs) -> anyhow::Result<i32> {
    let v = info::version();
    match a.format {
        Format::Json => print_json(&v)?,
        Format::Text => print_text(&format!(
            "Version:      {}\nOS/Arch:      {}\n",
            v.version, v.os_arch
        ))?,
    }
    Ok(0)
}
