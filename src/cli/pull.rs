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

// `--tls-verify`, `--cert-dir`: how to reach a registry. (No doc comment on flattened flag
// groups: with deferred subcommands it would replace the command's about.)
#[derive(Debug, Args, Clone, Default)]
pub struct TlsArgs {
    /// Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and
    /// unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback).
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true"
    )]
    pub tls_verify: Option<bool>,
    /// Use the CA certificates (*.crt) in DIR for the registry.
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<std::path::PathBuf>,
}

// The registry flags of every command that pulls.
#[derive(Debug, Args, Clone, Default)]
pub struct RegistryArgs {
    #[command(flatten)]
    pub tls: TlsArgs,
    /// Read credentials from FILE only (auth.json format).
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Credentials for the registry: USER:PASSWORD.
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
    /// Docker's content trust; podman ignores it, and so does skiff.
    #[arg(long)]
    pub disable_content_trust: bool,
}

impl RegistryArgs {
    pub fn access(&self) -> anyhow::Result<crate::image::registry::Access> {
        use crate::image::registry::Access;
        Ok(Access {
            tls_verify: self.tls.tls_verify,
            cert_dir: self.tls.cert_dir.clone(),
            authfile: self.authfile.clone(),
            creds: self
                .creds
                .as_deref()
                .map(Access::parse_creds)
                .transpose()
                .map_err(|e| anyhow::anyhow!(e))?,
        })
    }
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print only the image id.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub platform: PlatformArgs,
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// Pull every tag of the repository.
    #[arg(short, long)]
    pub all_tags: bool,
    /// Image to pull: NAME[:TAG|@DIGEST], e.g. alpine, docker.io/library/nginx:1.27,
    /// localhost:5000/app@sha256:...
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn run(g: &GlobalOpts, a: PullArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let opts = PullOptions {
        platform: a.platform.platform()?,
        quiet: a.quiet,
        access: a.registry.access()?,
    };
    let names = if a.all_tags {
        crate::image::pull::all_tags(&paths, &a.image, &opts)?
    } else {
        vec![a.image.clone()]
    };
    for name in names {
        let rec = pull(&paths, &name, &opts)?;
        super::output::print_text(&format!("{}\n", crate::image::store::hex_of(&rec.id)))?;
    }
    Ok(0)
}
