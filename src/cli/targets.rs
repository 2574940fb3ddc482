//! Which containers a command acts on, as podman takes them: names or ids, `--all`, `--latest`,
//! `--cidfile`, and `--ignore` for the ones that are not there. The flags are declared here once and
//! flattened into each command that has them.

use std::path::PathBuf;

use clap::Args;

use crate::state::store::StateError;
use crate::state::{Container, ContainerStore};

// `-l/--latest`. (No doc comment on flattened flag groups: with deferred subcommands it
// would replace the command's about.)
#[derive(Debug, Args, Clone, Default)]
pub struct Latest {
    /// Act on the latest created container.
    #[arg(short, long)]
    pub latest: bool,
}

// `--cidfile` (repeatable), as written by `run --cidfile`.
#[derive(Debug, Args, Clone, Default)]
pub struct CidFiles {
    /// Read the container id from FILE (as written by `run --cidfile`).
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
}

/// What the user named.
pub struct Selection<'a> {
    pub names: &'a [String],
    pub all: bool,
    pub latest: bool,
    pub cidfiles: &'a [PathBuf],
    /// `--filter KEY=VALUE`: every container that passes them all (ps's filters).
    pub filters: &'a [String],
    /// Missing containers (and cidfiles) are skipped instead of being errors.
    pub ignore: bool,
}

impl<'a> Selection<'a> {
    /// Names, `--all` and `--latest` only (no cidfiles, filters or `--ignore`).
    pub fn named(names: &'a [String], all: bool, latest: bool) -> Self {
        Selection {
            names,
            all,
            latest,
            cidfiles: &[],
            filters: &[],
            ignore: false,
        }
    }
}

/// One container to act on, with what to print for it: the name as given, or the id where the
/// user gave none (`--all`, `--latest`, `--cidfile`), as podman prints them.
pub struct Target {
    pub shown: String,
    pub found: Result<Container, StateError>,
}

/// The containers `sel` names; `all_filter` picks which ones `--all` means (e.g. running only).
pub fn select(
    store: &ContainerStore,
    sel: &Selection<'_>,
    all_filter: impl Fn(&Container) -> bool,
) -> anyhow::Result<Vec<Target>> {
    let given = !sel.names.is_empty() || !sel.cidfiles.is_empty();
    if sel.all && (given || sel.latest) {
        anyhow::bail!("--all and container names, --latest or --cidfile cannot be combined");
    }
    if sel.latest && given {
        anyhow::bail!("--latest and container names or --cidfile cannot be combined");
    }
    let mut out = Vec::new();
    if sel.all {
        let mut all = store.list()?;
        all.retain(|c| all_filter(c));
        // Oldest first, as podman goes.
        all.reverse();
        return Ok(all
            .into_iter()
            .map(|c| Target {
                shown: c.id.clone(),
                found: Ok(c),
            })
            .collect());
    }
    if !sel.filters.is_empty() {
        if given || sel.latest {
            anyhow::bail!("--filter and container names, --latest or --cidfile cannot be combined");
        }
        let mut out = Vec::new();
        for c in store.list()?.into_iter().rev() {
            let (state, _) = super::ps::effective(&c);
            if super::ps::keep(&c, &state, sel.filters)? {
                out.push(Target {
                    shown: c.id.clone(),
                    found: Ok(c),
                });
            }
        }
        return Ok(out);
    }
    if sel.latest {
        let latest = store
            .list()?
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no containers: --latest has nothing to act on"))?;
        return Ok(vec![Target {
            shown: latest.id.clone(),
            found: Ok(latest),
        }]);
    }
    for f in sel.cidfiles {
        let id = match std::fs::read_to_string(f) {
            Ok(s) => s.trim().to_string(),
            Err(e) if sel.ignore && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => anyhow::bail!("reading --cidfile {}: {e}", f.display()),
        };
        out.push(Target {
            found: store.find(&id),
            shown: id,
        });
    }
    for n in sel.names {
        out.push(Target {
            shown: n.clone(),
            found: store.find(n),
        });
    }
    if sel.ignore {
        out.retain(|t| !matches!(t.found, Err(StateError::NotFound(_))));
    }
    if out.is_empty() && !sel.ignore {
        anyhow::bail!(
            "give at least one container name or id (or --all, --latest, --cidfile, --filter)"
        );
    }
    Ok(out)
}

/// Errors of several targets as one, with the exit code of the first (podman's `rm` exits 1 for a
/// missing container and 2 for a running one; everything else is 125).
pub struct Failures(Vec<(i32, String)>);

impl Failures {
    pub fn new() -> Self {
        Failures(Vec::new())
    }

    pub fn push(&mut self, code: i32, e: &anyhow::Error) {
        self.0.push((code, format!("{e:#}")));
    }

    pub fn into_result(self) -> anyhow::Result<i32> {
        let Some((code, _)) = self.0.first() else {
            return Ok(0);
        };
        let text: Vec<String> = self.0.iter().map(|(_, t)| t.clone()).collect();
        Err(crate::error::Coded::new(*code, text.join("\n")).into())
    }
}

impl Default for Failures {
    fn default() -> Self {
        Self::new()
    }
}

/// The one container a command names, or the latest one with `--latest`.
pub fn one(store: &ContainerStore, name: Option<&str>, latest: bool) -> anyhow::Result<Container> {
    match (name, latest) {
        (Some(n), false) => Ok(store.find(n)?),
        (None, true) => store
            .list()?
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no containers: --latest has nothing to act on")),
        (Some(_), true) => anyhow::bail!("--latest and a container name cannot be combined"),
        (None, false) => anyhow::bail!("give a container name or id (or --latest)"),
    }
}
