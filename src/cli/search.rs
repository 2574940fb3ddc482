//! `skiff search`: images in registries (Docker Hub's search, a v2 registry's catalog) or the tags
//! of one repository.

use clap::Args;

use super::format::render_rows_opt;
use super::pull::RegistryArgs;
use super::GlobalOpts;
use crate::image::search::{self, Filters, SearchOptions};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Also show the STARS, OFFICIAL and AUTOMATED columns (docker's layout).
    #[arg(long)]
    pub compatible: bool,
    /// Keep results that pass: stars=N, is-official[=BOOL], is-automated[=BOOL].
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Go template for each result, or json.
    #[arg(long)]
    pub format: Option<String>,
    /// Most results per registry (default 25).
    #[arg(long, default_value_t = 25, value_name = "N")]
    pub limit: usize,
    /// List the tags of the repository TERM names.
    #[arg(long)]
    pub list_tags: bool,
    /// Do not shorten descriptions.
    #[arg(long)]
    pub no_trunc: bool,
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// What to look for: TERM (in the search registries), REGISTRY/TERM, or REGISTRY/ (all).
    #[arg(value_name = "TERM")]
    pub term: String,
}

pub fn run(g: &GlobalOpts, a: SearchArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let opts = SearchOptions {
        limit: if a.limit == 0 { 25 } else { a.limit },
        filters: Filters::parse(&a.filter)?,
        access: a.registry.access()?,
    };
    let (found, row) = if a.list_tags {
        if !a.filter.is_empty() {
            anyhow::bail!("--filter does not go with --list-tags");
        }
        (
            search::list_tags(&paths, &a.term, &opts)?,
            "{{.Name}}\t{{.Tag}}",
        )
    } else if a.compatible {
        (
            search::search(&paths, &a.term, &opts)?,
            "{{.Name}}\t{{.Description}}\t{{.Stars}}\t{{.Official}}\t{{.Automated}}",
        )
    } else {
        (
            search::search(&paths, &a.term, &opts)?,
            "{{.Name}}\t{{.Description}}",
        )
    };
    let rows: Vec<serde_json::Value> = found
        .into_iter()
        .map(|mut f| {
            if !a.no_trunc && a.format.is_none() && f.description.chars().count() > 44 {
                f.description = f.description.chars().take(41).collect::<String>() + "...";
            }
            serde_json::to_value(f).unwrap_or_default()
        })
        .collect();
    if rows.is_empty() && a.format.is_none() {
        return Ok(0);
    }
    let out = render_rows_opt(
        &rows,
        a.format.as_deref(),
        row,
        &[
            ("Name", "NAME"),
            ("Tag", "TAG"),
            ("Description", "DESCRIPTION"),
        ],
        false,
    )?;
    super::output::print_text(&out)?;
    Ok(0)
}
