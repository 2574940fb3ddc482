//! `skiff commit`, `export`, `import`, `diff`: images from containers and tarballs, and what a
//! container changed.

use std::path::PathBuf;

use clap::Args;

use super::GlobalOpts;
use crate::image::commit::{self, CommitOptions};
use crate::state::ContainerStore;

#[derive(Debug, Args)]
pub struct CommitArgs {
    /// Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL,
    /// USER, VOLUME, WORKDIR (e.g. --change 'CMD=/app --serve').
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Commit message (the history entry's comment).
    #[arg(short, long)]
    pub message: Option<String>,
    /// Author.
    #[arg(short, long)]
    pub author: Option<String>,
    /// Pause the container while its files are read (default true).
    #[arg(short, long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub pause: bool,
    /// Image format: oci (default) or docker.
    #[arg(short, long, default_value = "oci", value_name = "FORMAT")]
    pub format: String,
    /// One layer holding the whole file system, instead of one more layer on the image's.
    #[arg(short, long)]
    pub squash: bool,
    /// The container's volume mount points become VOLUMEs of the image (their data does not).
    #[arg(long)]
    pub include_volumes: bool,
    /// Write the image id to FILE.
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Print only the image id.
    #[arg(short, long)]
    pub quiet: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Name of the new image (default: none, only its id).
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to FILE (default: stdout, unless it is a terminal).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Apply a Dockerfile instruction (as with commit).
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Commit message.
    #[arg(short, long)]
    pub message: Option<String>,
    /// Print only the image id.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub platform: super::pull::PlatformArgs,
    /// A root filesystem tarball: FILE, URL, or - for stdin (gzip and zstd are recognised).
    #[arg(value_name = "FILE|URL|-")]
    pub source: String,
    /// Name of the new image.
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// json: {"changed": [...], "added": [...], "deleted": [...]}.
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    /// A container (its changes to its image) or an image (its top layer's).
    #[arg(value_name = "CONTAINER|IMAGE")]
    pub name: Option<String>,
    /// A second image: what changed from the first to it.
    #[arg(value_name = "IMAGE")]
    pub other: Option<String>,
}

fn write_out(
    output: Option<&PathBuf>,
    f: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match output {
        Some(p) => {
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(p)
                    .map_err(|e| anyhow::anyhow!("creating {}: {e}", p.display()))?,
            );
            f(&mut file)?;
            use std::io::Write;
            file.flush()?;
            Ok(())
        }
        None => {
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() {
                anyhow::bail!(
                    "refusing to write a tar archive to a terminal: use -o FILE or redirect stdout"
                );
            }
            let mut out = std::io::stdout().lock();
            f(&mut out)
        }
    }
}

pub fn commit(g: &GlobalOpts, a: CommitArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let docker = match a.format.as_str() {
        "oci" => false,
        "docker" => true,
        other => anyhow::bail!("invalid --format {other:?}: oci or docker"),
    };
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let c = cstore.find(&a.container)?;
    let img = commit::commit(
        &paths,
        &cstore,
        &c,
        a.image.as_deref(),
        &CommitOptions {
            changes: a.change.clone(),
            message: a.message.clone(),
            author: a.author.clone(),
            pause: a.pause,
            docker,
            squash: a.squash,
            include_volumes: a.include_volumes,
        },
    )?;
    let hex = crate::image::store::hex_of(&img.id).to_string();
    if let Some(f) = &a.iidfile {
        std::fs::write(f, &img.id)
            .map_err(|e| anyhow::anyhow!("writing --iidfile {}: {e}", f.display()))?;
    }
    super::output::print_text(&format!("{hex}\n"))?;
    Ok(0)
}

pub fn export(g: &GlobalOpts, a: ExportArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let c = cstore.find(&a.container)?;
    write_out(a.output.as_ref(), |out| commit::export(&cstore, &c, out))?;
    Ok(0)
}

pub fn import(g: &GlobalOpts, a: ImportArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let source = (a.source != "-").then_some(a.source.as_str());
    if source.is_none() {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            anyhow::bail!("import -: give the tarball on stdin");
        }
    }
    let img = commit::import(
        &paths,
        source,
        a.reference.as_deref(),
        &a.change,
        a.message.as_deref(),
        &a.platform.platform()?,
    )?;
    super::output::print_text(&format!("{}\n", crate::image::store::hex_of(&img.id)))?;
    Ok(0)
}

pub fn diff(g: &GlobalOpts, a: DiffArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let store = crate::image::store::Store::open(&paths.root)?;
    let search = crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries();
    let image = |n: &str| -> anyhow::Result<crate::image::store::ImageRecord> {
        Ok(crate::image::store::find(&store.load()?, n, &search)
            .map_err(|_| anyhow::anyhow!("{n}: no such container or image"))?
            .clone())
    };
    if let (Some(n), Some(o)) = (&a.name, &a.other) {
        let changes = commit::images_compared(&paths, &store, &image(n)?, &image(o)?)?;
        return print_changes(&changes, a.format.as_deref());
    }
    let changes = match (&a.name, a.latest.latest) {
        (None, true) => {
            commit::container_changes(&cstore, &super::targets::one(&cstore, None, true)?)?
        }
        (Some(n), false) => match cstore.find(n) {
            Ok(c) => commit::container_changes(&cstore, &c)?,
            Err(_) => commit::image_changes(&store, &image(n)?)?,
        },
        (None, false) => anyhow::bail!("name a container or image, or use --latest"),
        (Some(_), true) => anyhow::bail!("--latest and a name cannot be combined"),
    };
    print_changes(&changes, a.format.as_deref())
}

fn print_changes(
    changes: &[crate::image::pack::Change],
    format: Option<&str>,
) -> anyhow::Result<i32> {
    let out = match format {
        None => changes
            .iter()
            .map(|c| format!("{} {}\n", c.kind, c.path))
            .collect::<String>(),
        Some("json") => {
            let pick = |k: char| -> Vec<&str> {
                changes
                    .iter()
                    .filter(|c| c.kind == k)
                    .map(|c| c.path.as_str())
                    .collect()
            };
            serde_json::to_string_pretty(&serde_json::json!({
                "changed": pick('C'), "added": pick('A'), "deleted": pick('D'),
            }))? + "\n"
        }
        Some(other) => anyhow::bail!("invalid --format {other:?}: json"),
    };
    super::output::print_text(&out)?;
    Ok(0)
}
