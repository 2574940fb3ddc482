//! `skiff push` (also `image push`): an image from the store to a registry.

use clap::Args;

use super::pull::RegistryArgs;
use super::GlobalOpts;
use crate::image::push::{self, ManifestFormat, PushOptions};

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Manifest format: oci or v2s2 (docker); default: the image's own.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Layer compression: gzip or zstd (default: as stored; plain layers get gzip).
    #[arg(long, value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// Compression level (gzip 0-9, zstd 1-19).
    #[arg(long, value_name = "LEVEL")]
    pub compression_level: Option<i32>,
    /// Accepted for podman's scripts (layers are compressed unless stored plain and pushed so).
    #[arg(long)]
    pub compress: bool,
    /// Write the manifest digest to FILE.
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<std::path::PathBuf>,
    /// Push without signatures (skiff stores none: always true).
    #[arg(long)]
    pub remove_signatures: bool,
    /// Sign with this key (skiff does not sign images: refused).
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
    /// Sign with this sigstore private key (skiff does not sign images: refused).
    #[arg(long, value_name = "FILE")]
    pub sign_by_sigstore_private_key: Option<std::path::PathBuf>,
    /// The passphrase of the signing key (refused with the signing flags).
    #[arg(long, value_name = "FILE")]
    pub sign_passphrase_file: Option<std::path::PathBuf>,
    /// Print nothing but errors and the digest.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// The image (name or id).
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Where to push: [docker://]REGISTRY/REPOSITORY[:TAG] (default: the image's name).
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
}

pub fn run(g: &GlobalOpts, a: PushArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    if a.sign_by.is_some() {
        anyhow::bail!("--sign-by: skiff does not sign images; push unsigned, or sign with skopeo");
    }
    if a.sign_by_sigstore_private_key.is_some() || a.sign_passphrase_file.is_some() {
        anyhow::bail!(
            "--sign-by-sigstore-private-key/--sign-passphrase-file: skiff does not sign images; \
             push unsigned and sign the pushed digest with cosign (`cosign sign --key FILE IMAGE@DIGEST`)"
        );
    }
    let format = match a.format.as_deref() {
        None => None,
        Some("oci") => Some(ManifestFormat::Oci),
        Some("v2s2" | "docker") => Some(ManifestFormat::Docker),
        Some(other) => anyhow::bail!("invalid --format {other:?}: oci or v2s2"),
    };
    let opts = PushOptions {
        access: a.registry.access()?,
        format,
        compression: a
            .compression_format
            .as_deref()
            .map(push::parse_compression)
            .transpose()?,
        compression_level: a.compression_level,
        quiet: a.quiet,
        by_digest: false,
    };
    let digest = push::push(&paths, &a.image, a.destination.as_deref(), &opts)?;
    if let Some(f) = &a.digestfile {
        std::fs::write(f, &digest)
            .map_err(|e| anyhow::anyhow!("writing --digestfile {}: {e}", f.display()))?;
    }
    super::output::print_text(&format!("{digest}\n"))?;
    Ok(0)
}
