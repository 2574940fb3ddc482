//! `skiff pull`

use clap::Args;

use super::GlobalOpts;
use crate::image::manifest::Platform;
use crate::image::pull::{pull, PullOptions};

#[derive(Debug, Args, Clone, Default)]
pub struct PlatformArgs {
    /// Pull the image for this platform (os/arch[/variant]) instead of the host's.
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// Override the architecture of the image to pull.
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Override the OS of the image to pull.
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Override the architecture variant of the image to pull.
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

impl PlatformArgs {
    pub fn platform(&self) -> anyhow::Result<Platform> {
        let base = match &self.platform {
            Some(p) => Platform::parse(p)?,
            None => Platform::host(),
        };
        Ok(base.with_overrides(
            self.os.as_deref(),
            self.arch.as_deref(),
            self.variant.as_deref(),
        ))
    }
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print only the image id.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub platform: PlatformArgs,
    /// Image to pull: NAME[:TAG|@DIGEST], e.g. alpine, docker.io/library/nginx:1.27,
    /// localhost:5000/app@sha256:...
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn run(g: &GlobalOpts, a: PullArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let rec = pull(
        &paths,
        &a.image,
        &PullOptions {
            platform: a.platform.platform()?,
            quiet: a.quiet,
        },
    )?;
    super::output::print_text(&format!("{}\n", crate::image::store::hex_of(&rec.id)))?;
    Ok(0)
}
