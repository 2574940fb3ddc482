//! `skiff manifest ...`: multi-platform manifest lists (OCI image index, Docker manifest list).

use std::collections::BTreeMap;

use clap::{Args, Subcommand};

use super::pull::RegistryArgs;
use super::GlobalOpts;
use crate::image::manifest::Platform;
use crate::image::manifest_list as ml;

#[derive(Debug, Args)]
pub struct ManifestArgs {
    #[command(subcommand)]
    pub command: ManifestCommand,
}

#[derive(Debug, Args)]
pub struct PlatformEdit {
    /// Set the architecture.
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Set the OS.
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Set the architecture variant.
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Annotation KEY=VALUE.
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
}

impl PlatformEdit {
    fn annotations(&self) -> anyhow::Result<BTreeMap<String, String>> {
        self.annotation
            .iter()
            .map(|a| {
                a.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .ok_or_else(|| anyhow::anyhow!("invalid --annotation {a:?}: use KEY=VALUE"))
            })
            .collect()
    }
}

#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Create a manifest list (optionally with images)
    Create {
        /// Add every image of an image index given.
        #[arg(long)]
        all: bool,
        /// Add to the list if it exists.
        #[arg(short, long)]
        amend: bool,
        #[command(flatten)]
        registry: RegistryArgs,
        #[arg(value_name = "LIST")]
        list: String,
        #[arg(value_name = "IMAGE")]
        images: Vec<String>,
    },
    /// Add an image (local, or docker://REFERENCE) to a manifest list
    Add {
        /// Add every image of an image index.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        edit: PlatformEdit,
        #[command(flatten)]
        registry: RegistryArgs,
        #[arg(value_name = "LIST")]
        list: String,
        #[arg(value_name = "IMAGE")]
        image: String,
    },
    /// Set the platform or annotations of an image in a list
    Annotate {
        #[command(flatten)]
        edit: PlatformEdit,
        /// Annotate the list itself rather than an image.
        #[arg(long)]
        index: bool,
        #[arg(value_name = "LIST")]
        list: String,
        #[arg(value_name = "DIGEST")]
        digest: Option<String>,
    },
    /// Show a manifest list as JSON
    Inspect {
        #[arg(value_name = "LIST")]
        list: String,
    },
    /// Push a manifest list and its local images
    Push {
        /// Push the images in the list too (always, for the local ones).
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
        all: bool,
        /// Format: oci (default) or v2s2.
        #[arg(short, long, value_name = "FORMAT")]
        format: Option<String>,
        /// Remove the list from local storage once pushed.
        #[arg(long)]
        rm: bool,
        /// Write the list's digest to FILE.
        #[arg(long, value_name = "FILE")]
        digestfile: Option<std::path::PathBuf>,
        /// Print nothing but errors and the digest.
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        registry: RegistryArgs,
        #[arg(value_name = "LIST")]
        list: String,
        /// Where to push (default: the list's name).
        #[arg(value_name = "DESTINATION")]
        destination: Option<String>,
    },
    /// Remove manifest lists
    Rm {
        #[arg(required = true, value_name = "LIST")]
        lists: Vec<String>,
    },
    /// Exit 0 when the manifest list exists, 1 when not
    Exists {
        #[arg(value_name = "LIST")]
        list: String,
    },
}

pub fn run(g: &GlobalOpts, a: ManifestArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    match a.command {
        ManifestCommand::Create {
            all,
            amend,
            registry,
            list,
            images,
        } => {
            let l = ml::create(&paths, &list, amend)?;
            for i in &images {
                ml::add(
                    &paths,
                    &list,
                    i,
                    &ml::AddOptions {
                        all,
                        access: registry.access()?,
                        ..Default::default()
                    },
                )?;
            }
            let _ = l;
            super::output::print_text(&format!("{}\n", ml::full_name(&list)?))?;
            Ok(0)
        }
        ManifestCommand::Add {
            all,
            edit,
            registry,
            list,
            image,
        } => {
            let o = ml::AddOptions {
                all,
                platform: Platform {
                    architecture: edit.arch.clone().unwrap_or_default(),
                    os: edit.os.clone().unwrap_or_default(),
                    variant: edit.variant.clone(),
                },
                set_os: edit.os.is_some(),
                set_arch: edit.arch.is_some(),
                annotations: edit.annotations()?,
                access: registry.access()?,
            };
            let added = ml::add(&paths, &list, &image, &o)?;
            super::output::print_text(&(added.join("\n") + "\n"))?;
            Ok(0)
        }
        ManifestCommand::Annotate {
            edit,
            index,
            list,
            digest,
        } => {
            let platform = (edit.arch.is_some() || edit.os.is_some() || edit.variant.is_some())
                .then(|| Platform {
                    architecture: edit.arch.clone().unwrap_or_default(),
                    os: edit.os.clone().unwrap_or_default(),
                    variant: edit.variant.clone(),
                });
            let digest = match (&digest, index) {
                (Some(d), _) => d.clone(),
                (None, true) => String::new(),
                (None, false) => anyhow::bail!("name the image's digest, or use --index"),
            };
            ml::annotate(&paths, &list, &digest, platform, edit.annotations()?, index)?;
            super::output::print_text(&format!("{}\n", ml::full_name(&list)?))?;
            Ok(0)
        }
        ManifestCommand::Inspect { list } => {
            let l = ml::load(&paths, &list)?;
            super::output::print_text(
                &(serde_json::to_string_pretty(&ml::index_json(&l, false))? + "\n"),
            )?;
            Ok(0)
        }
        ManifestCommand::Push {
            all: _,
            format,
            rm,
            digestfile,
            quiet,
            registry,
            list,
            destination,
        } => {
            let docker = match format.as_deref() {
                None | Some("oci") => false,
                Some("v2s2" | "docker") => true,
                Some(other) => anyhow::bail!("invalid --format {other:?}: oci or v2s2"),
            };
            let dest = match destination {
                Some(d) => d,
                None => ml::full_name(&list)?,
            };
            let opts = crate::image::push::PushOptions {
                access: registry.access()?,
                format: docker.then_some(crate::image::push::ManifestFormat::Docker),
                compression: None,
                compression_level: None,
                quiet,
                by_digest: true,
            };
            let digest = ml::push(&paths, &list, &dest, docker, &opts)?;
            if let Some(f) = digestfile {
                std::fs::write(&f, &digest)
                    .map_err(|e| anyhow::anyhow!("writing --digestfile {}: {e}", f.display()))?;
            }
            if rm {
                ml::remove(&paths, &list)?;
            }
            super::output::print_text(&format!("{digest}\n"))?;
            Ok(0)
        }
        ManifestCommand::Rm { lists } => {
            let mut failed = super::targets::Failures::new();
            for l in &lists {
                match ml::remove(&paths, l) {
                    Ok(()) => super::output::print_line(l)?,
                    Err(e) => failed.push(1, &e),
                }
            }
            failed.into_result()
        }
        ManifestCommand::Exists { list } => Ok(if ml::exists(&paths, &list)? { 0 } else { 1 }),
    }
}
