//! `skiff version`

use clap::Args;

use super::output::print_formatted;
use crate::system::info;

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Output format: text, json, or a Go template (e.g. '{{.Client.Version}}', as with podman).
    #[arg(short, long, default_value = "text", value_name = "FORMAT")]
    pub format: String,
}

/// The version as podman's `version --format` templates see it (`.Client.Version`), and flat.
#[derive(serde::Serialize)]
struct Shown {
    #[serde(flatten)]
    flat: info::Version,
    #[serde(rename = "Client")]
    client: Client,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Client {
    version: String,
    os_arch: String,
    os: &'static str,
}

pub fn run(a: VersionArgs) -> anyhow::Result<i32> {
    let v = info::version();
    let shown = Shown {
        client: Client {
            version: v.version.clone(),
            os_arch: v.os_arch.clone(),
            os: std::env::consts::OS,
        },
        flat: v,
    };
    print_formatted(&a.format, &shown, |s| {
        format!(
            "Version:      {}\nOS/Arch:      {}\n",
            s.flat.version, s.flat.os_arch
        )
    })?;
    Ok(0)
}
