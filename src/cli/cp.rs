//! `skiff cp SRC DEST`, one side `CONTAINER:PATH`.

use clap::Args;

use super::GlobalOpts;
use crate::runtime::copy::{copy, Direction};
use crate::state::ContainerStore;

#[derive(Debug, Args)]
pub struct CpArgs {
    /// Source: a host path or CONTAINER:PATH.
    #[arg(value_name = "SRC")]
    pub src: String,
    /// Destination: a host path or CONTAINER:PATH.
    #[arg(value_name = "DEST")]
    pub dest: String,
    /// Files copied into a container belong to its user (false: to its root).
    #[arg(short, long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub archive: bool,
    /// Let a directory replace a non-directory and the other way round.
    #[arg(long)]
    pub overwrite: bool,
}

/// `name:/path` -> (name, path); a host path containing ':' must start with / or . to be read as
/// a path (docker's rule).
fn split(s: &str) -> Option<(&str, &str)> {
    if s.starts_with('/') || s.starts_with('.') {
        return None;
    }
    s.split_once(':')
}

pub fn run(g: &GlobalOpts, a: CpArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let (name, dir) = match (split(&a.src), split(&a.dest)) {
        (Some((n, p)), None) => (
            n,
            Direction::Out {
                container: p.to_string(),
                host: a.dest.clone().into(),
            },
        ),
        (None, Some((n, p))) => (
            n,
            Direction::In {
                host: a.src.clone().into(),
                container: p.to_string(),
            },
        ),
        (Some(_), Some(_)) => {
            anyhow::bail!("copying between containers is not supported: copy to the host first")
        }
        (None, None) => anyhow::bail!("one of SRC and DEST must be CONTAINER:PATH"),
    };
    let c = store.find(name)?;
    let opts = crate::runtime::copy::CopyOptions {
        archive: a.archive,
        overwrite: a.overwrite,
    };
    copy(&store, &c, &dir, opts)?;
    Ok(0)
}
