//! `skiff save` and `skiff load` (also under `skiff image`): images to and from archives that
//! docker, podman and skopeo read and write.

use std::path::PathBuf;

use clap::Args;

use super::GlobalOpts;
use crate::image::registries::RegistriesConf;
use crate::image::save::{self, Format, Item};
use crate::image::store::Store;
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Write to FILE (a directory with oci-dir and docker-dir); default: stdout, unless it is a
    /// terminal.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// docker-archive (default), oci-archive, oci-dir or docker-dir.
    #[arg(long, default_value = "docker-archive", value_name = "FORMAT")]
    pub format: String,
    /// Several images in one docker-archive (docker-archive holds several anyway).
    #[arg(short, long)]
    pub multi_image_archive: bool,
    /// Compress plain layers (gzip) in oci-dir, oci-archive and docker-dir; layers stored
    /// compressed stay as they are.
    #[arg(long)]
    pub compress: bool,
    /// Accepted for podman's scripts: docker-archive layers are plain tars already.
    #[arg(long)]
    pub uncompressed: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read the archive from FILE (default: stdin); gzip and zstd are recognised.
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn save(g: &GlobalOpts, a: SaveArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let format = Format::parse(&a.format)?;
    if a.images.len() > 1 && format != Format::DockerArchive && format != Format::OciArchive {
        anyhow::bail!(
            "--format {} holds one image: save one image per directory",
            a.format
        );
    }
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let items: Vec<Item> = {
        let _g = store.lock_images(LockMode::Shared)?;
        let idx = store.load()?;
        a.images
            .iter()
            .map(|n| save::item_for(&idx, n, &search))
            .collect::<anyhow::Result<_>>()?
    };
    save::save(&store, &items, format, a.output.as_deref(), a.compress)?;
    Ok(0)
}

pub fn load(g: &GlobalOpts, a: LoadArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    if a.input.is_none() {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            anyhow::bail!("no archive: give it with -i FILE or on stdin");
        }
    }
    let loaded = crate::image::load::load(&paths, a.input.as_deref())?;
    if !a.quiet {
        let mut out = String::new();
        for l in &loaded {
            if l.names.is_empty() {
                out.push_str(&format!("Loaded image: {}\n", l.id));
            }
            for n in &l.names {
                out.push_str(&format!("Loaded image: {n}\n"));
            }
        }
        super::output::print_text(&out)?;
    }
    Ok(0)
}
