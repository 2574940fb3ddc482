//! `skiff image ...`, and the top-level shortcuts that share its handlers (`rmi`, `tag`, `inspect`).

use clap::{Args, Subcommand};

use super::format::render_rows;
use super::output::print_text;
use super::GlobalOpts;
use crate::image::inspect::{history_rows, inspect};
use crate::image::manage::{self, PartialRemoval, Removed};
use crate::image::registries::RegistriesConf;
use crate::image::store::{find, Store};
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct ImageArgs {
    #[command(subcommand)]
    pub command: ImageCommand,
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List images
    #[command(alias = "list")]
    Ls(super::images::ImagesArgs),
    /// Pull an image from a registry
    Pull(super::pull::PullArgs),
    /// Display an image's details as JSON
    Inspect(InspectArgs),
    /// Show the history of an image
    History(HistoryArgs),
    /// Remove images
    Rm(RmiArgs),
    /// Add names to an image
    Tag(TagArgs),
    /// Remove unused images
    Prune(PruneArgs),
    /// Show an image's layers as a tree
    Tree(TreeArgs),
    /// Push an image to a registry
    Push(super::push::PushArgs),
    /// Build an image from a Containerfile
    Build(Box<super::build::BuildArgs>),
    /// Exit 0 when the image is in the store, 1 when not
    Exists {
        #[arg(value_name = "IMAGE")]
        image: String,
    },
    /// Save images to an archive or directory
    Save(super::transfer::SaveArgs),
    /// Load images from an archive
    Load(super::transfer::LoadArgs),
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Go template applied to each result, or json.
    #[arg(short, long)]
    pub format: Option<String>,
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Show the images built on this one (that share all of its layers) instead.
    #[arg(long)]
    pub whatrequires: bool,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Do not truncate ids and commands.
    #[arg(long)]
    pub no_trunc: bool,
    /// Show only ids.
    #[arg(short, long)]
    pub quiet: bool,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

#[derive(Debug, Args)]
pub struct RmiArgs {
    /// Remove images with several names by id, and keep going past errors.
    #[arg(short, long)]
    pub force: bool,
    /// Remove all images.
    #[arg(short, long)]
    pub all: bool,
    /// Ignore images that do not exist.
    #[arg(short, long)]
    pub ignore: bool,
    /// Keep dangling parent images (skiff stores none: accepted).
    #[arg(long)]
    pub no_prune: bool,
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
    #[arg(required = true, value_name = "TARGET_NAME")]
    pub targets: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove every image, not only dangling ones.
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
    /// Only the images that pass these filters: label=KEY[=VALUE], label!=..., until=TIME.
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Also images that other tools put in the store (skiff's store has none: accepted).
    #[arg(long)]
    pub external: bool,
}

pub fn run(g: &GlobalOpts, a: ImageArgs) -> anyhow::Result<i32> {
    match a.command {
        ImageCommand::Ls(x) => super::images::run(g, x),
        ImageCommand::Pull(x) => super::pull::run(g, x),
        ImageCommand::Inspect(x) => run_inspect(g, x),
        ImageCommand::Tree(x) => run_tree(g, x),
        ImageCommand::History(x) => run_history(g, x),
        ImageCommand::Rm(x) => run_rmi(g, x),
        ImageCommand::Tag(x) => run_tag(g, x),
        ImageCommand::Prune(x) => run_prune(g, x),
        ImageCommand::Push(x) => super::push::run(g, x),
        ImageCommand::Build(x) => super::build::run(g, *x),
        ImageCommand::Exists { image } => {
            let paths = g.paths()?;
            let store = Store::open(&paths.root)?;
            let search =
                crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries();
            let found = crate::image::store::find(&store.load()?, &image, &search).is_ok();
            Ok(if found { 0 } else { 1 })
        }
        ImageCommand::Save(x) => super::transfer::save(g, x),
        ImageCommand::Load(x) => super::transfer::load(g, x),
    }
}

pub fn run_inspect(g: &GlobalOpts, a: InspectArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let idx = {
        let _g = store.lock_images(LockMode::Shared)?;
        store.load()?
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for name in &a.images {
        match find(&idx, name, &search) {
            Ok(img) => out.push(inspect(&store, img)?),
            Err(e) => errors.push(e.to_string()),
        }
    }
    match a.format.as_deref() {
        None | Some("json") => print_text(&(serde_json::to_string_pretty(&out)? + "\n"))?,
        Some(f) => print_text(&render_rows(&out, Some(f), "", &[])?)?,
    }
    if !errors.is_empty() {
        anyhow::bail!("{}", errors.join("\n"));
    }
    Ok(0)
}

fn run_history(g: &GlobalOpts, a: HistoryArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let idx = store.load()?;
    let img = find(&idx, &a.image, &search)?;
    let rows = history_rows(&store, img, a.no_trunc)?;
    let fmt = if a.quiet {
        Some("{{.ID}}")
    } else {
        a.format.as_deref()
    };
    let out = render_rows(
        &rows,
        fmt,
        "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        &[("CreatedSince", "CREATED"), ("CreatedBy", "CREATED BY")],
    )?;
    print_text(&out)?;
    Ok(0)
}

pub fn run_rmi(g: &GlobalOpts, a: RmiArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let mut inputs = a.images.clone();
    if a.all {
        let store = Store::open(&paths.root)?;
        inputs = store.load()?.images.iter().map(|i| i.id.clone()).collect();
    } else if inputs.is_empty() {
        anyhow::bail!("image name or id must be specified (or use --all)");
    }
    if a.ignore {
        let store = Store::open(&paths.root)?;
        let idx = store.load()?;
        let search =
            crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries();
        inputs.retain(|i| crate::image::store::find(&idx, i, &search).is_ok());
        if inputs.is_empty() {
            return Ok(0);
        }
    }
    let show = |events: &[Removed]| -> anyhow::Result<()> {
        let mut s = String::new();
        for e in events {
            match e {
                Removed::Untagged(n) => s.push_str(&format!("Untagged: {n}\n")),
                Removed::Deleted(id) => s.push_str(&format!("Deleted: {id}\n")),
            }
        }
        print_text(&s)
    };
    match manage::remove(&paths, &inputs, a.force || a.all) {
        Ok(events) => {
            show(&events)?;
            Ok(0)
        }
        Err(e) => {
            if let Some(p) = e.downcast_ref::<PartialRemoval>() {
                show(&p.0)?;
            }
            Err(e)
        }
    }
}

/// podman's `image tree`: the image, then one line per layer, bottom first.
pub fn run_tree(g: &GlobalOpts, a: TreeArgs) -> anyhow::Result<i32> {
    use crate::image::progress::human_size;
    use crate::image::store::hex_of;
    let paths = g.paths()?;
    let store = Store::open(&paths.root)?;
    let search = crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries();
    let idx = store.load()?;
    let img = find(&idx, &a.image, &search)?;
    let short = |d: &str| hex_of(d)[..12].to_string();
    let mut out = format!(
        "Image ID: {}\nTags:     [{}]\nSize:     {}\n",
        short(&img.id),
        img.names.join(" "),
        human_size(img.size)
    );
    if a.whatrequires {
        out.push_str("Image Layers\n");
        let children: Vec<_> = idx
            .images
            .iter()
            .filter(|o| o.id != img.id && o.layers.starts_with(&img.layers))
            .collect();
        for (i, c) in children.iter().enumerate() {
            let branch = if i + 1 == children.len() {
                "└──"
            } else {
                "├──"
            };
            out.push_str(&format!(
                "{branch} ID: {} Size: {} Top Layer of: [{}]\n",
                short(c.layers.last().map(String::as_str).unwrap_or(&c.id)),
                human_size(c.size),
                c.names.join(" ")
            ));
        }
    } else {
        out.push_str("Image Layers\n");
        for (i, l) in img.layers.iter().enumerate() {
            let last = i + 1 == img.layers.len();
            let size = store.layer_record(l).map(|r| r.size).unwrap_or(0);
            // Other images whose top layer this is.
            let tops: Vec<String> = idx
                .images
                .iter()
                .filter(|o| o.layers.last() == Some(l))
                .flat_map(|o| o.names.clone())
                .collect();
            let mut line = format!(
                "{} ID: {} Size: {}",
                if last { "└──" } else { "├──" },
                short(l),
                human_size(size)
            );
            if !tops.is_empty() {
                line.push_str(&format!(" Top Layer of: [{}]", tops.join(" ")));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    print_text(&out)?;
    Ok(0)
}

pub fn run_tag(g: &GlobalOpts, a: TagArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    manage::tag(&paths, &a.image, &a.targets)?;
    Ok(0)
}

fn run_prune(g: &GlobalOpts, a: PruneArgs) -> anyhow::Result<i32> {
    if !a.force {
        let what = if a.all {
            "all images not used by containers"
        } else {
            "all dangling images"
        };
        if !super::confirm(&format!("WARNING! This command removes {what}."))? {
            return Ok(0);
        }
    }
    let paths = g.paths()?;
    let gone = manage::prune(&paths, a.all, &a.filter)?;
    print_text(&gone.iter().map(|id| format!("{id}\n")).collect::<String>())?;
    Ok(0)
}
