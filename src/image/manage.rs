//! Changing what is in the store: tag, untag/remove, prune, and the consistency check. Layers are
//! removed (inside the user namespace: their files belong to subordinate ids) when no image uses
//! them any more.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{bail, Context};

use super::reference;
use super::registries::RegistriesConf;
use super::store::{find, hex_of, Index, Store};
use crate::state::{Container, ContainerStore, Status};
use crate::storage::{LockMode, Paths};
use crate::userns::helper::remove_paths;
use crate::userns::IdMapping;

/// What a removal did, in podman's words.
#[derive(Debug, PartialEq, Eq)]
pub enum Removed {
    Untagged(String),
    Deleted(String),
}

/// The name under which `target` is stored: short names go to `localhost/` (as podman tags them).
pub fn tag_name(target: &str) -> anyhow::Result<String> {
    let p = reference::parse(target)?;
    if p.reference.digest.is_some() {
        bail!("{target}: a tag cannot contain a digest");
    }
    let r = if p.short {
        p.reference.on_registry("localhost", &p.path)
    } else {
        p.reference
    };
    Ok(r.name())
}

pub fn tag(paths: &Paths, source: &str, targets: &[String]) -> anyhow::Result<()> {
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let names: Vec<String> = targets
        .iter()
        .map(|t| tag_name(t))
        .collect::<anyhow::Result<_>>()?;
    let _g = store.lock_images(LockMode::Exclusive)?;
    let mut idx = store.load()?;
    let id = find(&idx, source, &search)?.id.clone();
    for img in idx.images.iter_mut() {
        if img.id == id {
            for n in &names {
                if !img.names.contains(n) {
                    img.names.push(n.clone());
                }
            }
        } else {
            img.names.retain(|n| !names.contains(n));
        }
    }
    store.save(&idx)?;
    Ok(())
}

/// `rmi`: a name removes that name (and the image with its last name); an id removes the image,
/// which needs `force` when it still has several names (docker's rule).
pub fn remove(paths: &Paths, inputs: &[String], force: bool) -> anyhow::Result<Vec<Removed>> {
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let containers = ContainerStore::open(&paths.root, &paths.runroot)?;
    let mut events = Vec::new();
    let mut errors = Vec::new();
    {
        let _g = store.lock_images(LockMode::Exclusive)?;
        let mut idx = store.load()?;
        for input in inputs {
            let img = match find(&idx, input, &search) {
                Ok(i) => i.clone(),
                Err(e) => {
                    errors.push(format!("{e}"));
                    continue;
                }
            };
            let by_id = hex_of(&img.id).starts_with(input.strip_prefix("sha256:").unwrap_or(input));
            let named = (!by_id)
                .then(|| {
                    img.names
                        .iter()
                        .find(|n| name_matches(n, input, &search))
                        .cloned()
                })
                .flatten();
            let pos = idx.images.iter().position(|i| i.id == img.id).unwrap();
            match named {
                Some(n) if img.names.len() > 1 => {
                    idx.images[pos].names.retain(|x| *x != n);
                    events.push(Removed::Untagged(n));
                }
                _ => {
                    if by_id && img.names.len() > 1 && !force {
                        errors.push(format!(
                            "{input}: image is referenced in multiple repositories ({}); remove the names \
                             one by one or use --force",
                            img.names.join(", ")
                        ));
                        continue;
                    }
                    let users: Vec<Container> = containers
                        .list()?
                        .into_iter()
                        .filter(|c| c.image_id == img.id)
                        .collect();
                    if !users.is_empty() {
                        let shown: Vec<String> = users
                            .iter()
                            .map(|c| format!("{} ({})", c.name, c.short_id()))
                            .collect();
                        if !force {
                            errors.push(format!(
                                "{input}: image is in use by container {}; remove the container first \
                                 (`skiff rm`) or use --force to remove it too",
                                shown.join(", ")
                            ));
                            continue;
                        }
                        if let Some(running) =
                            users.iter().find(|c| c.state.status == Status::Running)
                        {
                            errors.push(format!(
                                "{input}: image is in use by running container {} ({}); stop it first",
                                running.name,
                                running.short_id()
                            ));
                            continue;
                        }
                        let _cl = containers.lock_all(LockMode::Exclusive)?;
                        for c in &users {
                            crate::runtime::container::remove(&containers, c)?;
                        }
                    }
                    for n in &img.names {
                        events.push(Removed::Untagged(n.clone()));
                    }
                    idx.images.remove(pos);
                    events.push(Removed::Deleted(hex_of(&img.id).to_string()));
                }
            }
        }
        store.save(&idx)?;
        gc(&store, &idx)?;
    }
    for e in &events {
        match e {
            Removed::Untagged(n) => crate::state::events::image(&paths.runroot, "untag", "", n),
            Removed::Deleted(id) => crate::state::events::image(&paths.runroot, "remove", id, ""),
        }
    }
    if !errors.is_empty() {
        let msg = errors.join("\n");
        if events.is_empty() {
            bail!("{msg}");
        }
        return Err(anyhow::Error::msg(msg).context(PartialRemoval(events)));
    }
    Ok(events)
}

/// Carried with the error when some removals worked and others did not, so they can be printed.
#[derive(Debug)]
pub struct PartialRemoval(pub Vec<Removed>);

impl std::fmt::Display for PartialRemoval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "some images were removed")
    }
}

fn name_matches(name: &str, input: &str, search: &[String]) -> bool {
    let idx = Index {
        images: vec![super::store::ImageRecord {
            id: "sha256:0".into(),
            names: vec![name.to_string()],
            digests: vec![],
            manifest_digest: String::new(),
            manifest_media_type: String::new(),
            layers: vec![],
            size: 0,
            created: None,
            stored_at: 0,
        }],
    };
    find(&idx, input, search).is_ok()
}

/// `image prune`: dangling images (no names), or every image with `all`.
pub fn prune(paths: &Paths, all: bool, filters: &[String]) -> anyhow::Result<Vec<String>> {
    let store = Store::open(&paths.root)?;
    let in_use: Vec<String> = ContainerStore::open(&paths.root, &paths.runroot)?
        .list()?
        .into_iter()
        .map(|c| c.image_id)
        .collect();
    let _g = store.lock_images(LockMode::Exclusive)?;
    let mut idx = store.load()?;
    // `--filter label=`, `until=`: labels from the image config, age from its `created`.
    let mut chosen = std::collections::HashSet::new();
    for i in &idx.images {
        if !((all || i.names.is_empty()) && !in_use.contains(&i.id)) {
            continue;
        }
        if !filters.is_empty() {
            let labels = store
                .config(&i.id)
                .ok()
                .and_then(|c| c.config.labels)
                .unwrap_or_default()
                .into_iter()
                .collect();
            let created = i
                .created
                .as_deref()
                .and_then(crate::cli::format::parse_rfc3339)
                .unwrap_or(i.stored_at as i64);
            if !crate::cli::format::prune_filter_matches(filters, &labels, created)? {
                continue;
            }
        }
        chosen.insert(i.id.clone());
    }
    let (gone, keep): (Vec<_>, Vec<_>) = idx.images.drain(..).partition(|i| chosen.contains(&i.id));
    idx.images = keep;
    store.save(&idx)?;
    gc(&store, &idx)?;
    Ok(gone
        .into_iter()
        .map(|i| hex_of(&i.id).to_string())
        .collect())
}

/// Remove image dirs and layers that the index no longer references.
fn gc(store: &Store, idx: &Index) -> anyhow::Result<()> {
    let mapping = IdMapping::for_current_user()?;
    let ids: BTreeSet<&str> = idx.images.iter().map(|i| hex_of(&i.id)).collect();
    let dir = store.root.join("images");
    for e in std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type()?.is_dir() && !name.starts_with('.') && !ids.contains(name.as_str()) {
            crate::storage::remove_tree(&e.path())?;
        }
    }
    let unused = store.unreferenced_layers(idx)?;
    let mut doomed = Vec::new();
    let mut guards = Vec::new();
    for l in &unused {
        // A pull that is unpacking this layer right now holds its lock: leave it alone.
        if let Some(g) =
            crate::storage::LockGuard::try_acquire(&store.layer_lock_path(l), LockMode::Exclusive)?
        {
            guards.push(g);
            doomed.push(store.layer_dir(l));
        }
    }
    remove_paths(&mapping, &doomed)?;
    Ok(())
}

/// One finding of `system check`.
#[derive(Debug)]
pub struct Finding {
    pub what: String,
    pub path: Option<PathBuf>,
}

/// Look for leftovers of killed processes and broken references; with `repair`, fix them. Takes the
/// store lock exclusively, so it waits for pulls in progress.
pub fn check(paths: &Paths, repair: bool) -> anyhow::Result<Vec<Finding>> {
    let store = Store::open(&paths.root)?;
    let _s = store.lock_store(LockMode::Exclusive)?;
    let _g = store.lock_images(LockMode::Exclusive)?;
    let mut idx = store.load()?;
    let mut findings = Vec::new();
    let mut doomed = Vec::new();
    for sub in ["layers", "images"] {
        let dir = store.root.join(sub);
        for e in std::fs::read_dir(&dir)?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".tmp-") {
                findings.push(Finding {
                    what: format!(
                        "unfinished {} from an interrupted pull",
                        &sub[..sub.len() - 1]
                    ),
                    path: Some(e.path()),
                });
                doomed.push(e.path());
            } else if sub == "layers" && !e.path().join("layer.json").exists() {
                findings.push(Finding {
                    what: "layer without its record".into(),
                    path: Some(e.path()),
                });
                doomed.push(e.path());
            }
        }
    }
    // Archives and layer tars of a load, import or commit that was killed (they hold the store
    // lock shared while they run, so none is running now).
    if let Ok(rd) = std::fs::read_dir(store.root.join("tmp")) {
        for e in rd.flatten() {
            findings.push(Finding {
                what: "temporary file of an interrupted load, import or commit".into(),
                path: Some(e.path()),
            });
            doomed.push(e.path());
        }
    }
    let before = idx.images.len();
    idx.images.retain(|img| {
        let missing: Vec<&String> = img.layers.iter().filter(|l| !store.has_layer(l)).collect();
        let no_config = !store.image_dir(&img.id).join("config.json").exists();
        if !missing.is_empty() || no_config {
            findings.push(Finding {
                what: format!(
                    "image {} ({}) is missing {}",
                    &hex_of(&img.id)[..12.min(hex_of(&img.id).len())],
                    img.names.join(", "),
                    if no_config {
                        "its config".to_string()
                    } else {
                        format!("{} layers", missing.len())
                    }
                ),
                path: None,
            });
            false
        } else {
            true
        }
    });
    // Complete layers that no image uses (left by a failed pull, or shared with a removed image)
    // are a cache, not damage: `image prune` removes them.
    if repair {
        if idx.images.len() != before {
            store.save(&idx)?;
        }
        let mapping = IdMapping::for_current_user()?;
        remove_paths(&mapping, &doomed)?;
    }
    Ok(findings)
}
