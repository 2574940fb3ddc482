//! Checkpoint archives (`checkpoint --export`, `restore --import`) and checkpoint images
//! (`checkpoint --create-image`, `restore IMAGE`).
//!
//! The archive, podman's layout: `config.dump` (the container's record), `checkpoint/` (CRIU's
//! images and skiff's notes), `rootfs-diff.tar` (the root filesystem's changes, as an image layer)
//! and `volumes/NAME.tar` (named volumes' content); zstd, gzip or plain. An archive is untrusted:
//! its members are plain files under plain names, the layer tars go through the image unpacker,
//! and the mounts CRIU is told about are the new container's own, never paths the archive names.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{anyhow, bail, Context};

use super::GlobalOpts;
use crate::runtime::checkpoint as ck;
use crate::state::record::State;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::{LockMode, Paths};

/// The label of a checkpoint image: the checkpointed container's name (podman's annotation).
pub const IMAGE_LABEL: &str = "io.podman.annotations.checkpoint.name";
const CONFIG: &str = "config.dump";
const ROOTFS: &str = "rootfs-diff.tar";

pub struct ExportOpts {
    pub compress: String,
    pub rootfs: bool,
    pub volumes: bool,
    /// Export the pre-checkpoint (`-P`) instead of the checkpoint.
    pub pre: bool,
}

pub struct ImportOpts {
    pub name: Option<String>,
    pub previous: Option<PathBuf>,
    pub rootfs: bool,
    pub volumes: bool,
}

/// Write the checkpoint of `c` (with its root filesystem changes and volumes) to `file`.
pub fn export(
    store: &ContainerStore,
    c: &Container,
    file: &Path,
    o: &ExportOpts,
) -> anyhow::Result<()> {
    let out = std::fs::File::create(file)
        .with_context(|| format!("creating the checkpoint archive {}", file.display()))?;
    let w: Box<dyn Write> = match o.compress.as_str() {
        "zstd" => Box::new(zstd::Encoder::new(out, 3)?.auto_finish()),
        "gzip" => Box::new(flate2::write::GzEncoder::new(
            out,
            flate2::Compression::default(),
        )),
        _ => Box::new(out),
    };
    let mut tar = tar::Builder::new(w);
    tar.mode(tar::HeaderMode::Deterministic);
    let mut rec = c.clone();
    rec.state = State {
        status: Status::Exited,
        checkpointed: true,
        checkpointed_at: c.state.checkpointed_at,
        ..State::new()
    };
    append_bytes(&mut tar, CONFIG, &serde_json::to_vec_pretty(&rec)?)?;
    let (dir, name) = if o.pre {
        (store.path(&c.id).join(ck::PRE_DIR), ck::PRE_DIR)
    } else {
        (ck::dir(store, &c.id), ck::DIR)
    };
    append_files(&mut tar, &dir, name)?;
    let tmp = tempfile::tempdir_in(store.dir.parent().unwrap_or(&store.dir))?;
    if o.rootfs && !o.pre {
        let layer = tmp.path().join(ROOTFS);
        crate::image::pack::pack_clamped(
            &store.path(&c.id).join("upper"),
            &[],
            None,
            std::io::BufWriter::new(std::fs::File::create(&layer)?),
        )
        .context("packing the root filesystem's changes")?;
        tar.append_path_with_name(&layer, ROOTFS)?;
    }
    if o.volumes && !o.pre {
        for m in &c.spec.mounts {
            let Some(v) = &m.volume else { continue };
            let t = tmp.path().join(format!("{v}.tar"));
            crate::image::pack::pack_clamped(
                &m.source,
                &[],
                None,
                std::io::BufWriter::new(std::fs::File::create(&t)?),
            )
            .with_context(|| format!("packing volume {v}"))?;
            tar.append_path_with_name(&t, format!("volumes/{v}.tar"))?;
        }
    }
    tar.into_inner()?.flush()?;
    Ok(())
}

fn append_bytes<W: Write>(
    tar: &mut tar::Builder<W>,
    name: &str,
    data: &[u8],
) -> anyhow::Result<()> {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o600);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(crate::cli::format::now_unix().max(0) as u64);
    h.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut h, name, data)?;
    Ok(())
}

/// The regular files of `dir` (CRIU's images: flat, no subdirectories) as `name/FILE`.
fn append_files<W: Write>(tar: &mut tar::Builder<W>, dir: &Path, name: &str) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for e in entries {
        let e = e?;
        if e.file_type()?.is_file() {
            tar.append_path_with_name(e.path(), Path::new(name).join(e.file_name()))?;
        }
    }
    Ok(())
}

/// `restore --import FILE`: a new container from the archive, checkpointed and ready to restore.
pub fn import(
    paths: &Paths,
    store: &ContainerStore,
    file: &Path,
    o: &ImportOpts,
) -> anyhow::Result<Container> {
    let tmp = tempfile::tempdir_in(&paths.root).context("creating a work dir in the store")?;
    unpack_archive(file, tmp.path())?;
    let pre = match &o.previous {
        Some(p) => {
            let d = tmp.path().join("previous");
            std::fs::create_dir(&d)?;
            unpack_archive(p, &d)?;
            Some(d.join(ck::PRE_DIR))
        }
        None => None,
    };
    import_dir(paths, store, tmp.path(), pre.as_deref(), o)
}

/// The archive's members, checked, into the empty dir `dest`: regular files and dirs only, under
/// plain relative names.
fn unpack_archive(file: &Path, dest: &Path) -> anyhow::Result<()> {
    let mut f = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let mut magic = [0u8; 4];
    let n = f.read(&mut magic)?;
    drop(f);
    let f = std::fs::File::open(file)?;
    let r: Box<dyn Read> = match &magic[..n] {
        [0x28, 0xb5, 0x2f, 0xfd] => Box::new(zstd::Decoder::new(f)?),
        [0x1f, 0x8b, ..] => Box::new(flate2::read::GzDecoder::new(f)),
        _ => Box::new(f),
    };
    let bad = |what: String| anyhow!("{}: not a checkpoint archive: {what}", file.display());
    let mut ar = tar::Archive::new(r);
    for entry in ar.entries().map_err(|e| bad(e.to_string()))? {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let path = entry.path().map_err(|e| bad(e.to_string()))?.into_owned();
        let plain = path.components().all(|c| matches!(c, Component::Normal(_)))
            && path.components().count() <= 2;
        if !plain {
            return Err(bad(format!(
                "member {} is not a plain name",
                path.display()
            )));
        }
        let target = dest.join(&path);
        match entry.header().entry_type() {
            tar::EntryType::Directory => std::fs::create_dir_all(&target)?,
            tar::EntryType::Regular => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let mut out = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)
                    .map_err(|e| bad(format!("member {}: {e}", path.display())))?;
                std::io::copy(&mut entry, &mut out)?;
            }
            other => {
                return Err(bad(format!(
                    "member {} is a {other:?}, not a file",
                    path.display()
                )))
            }
        }
    }
    if !dest.join(CONFIG).is_file() || !dest.join(ck::DIR).is_dir() {
        return Err(bad(format!("it has no {CONFIG} and {}/", ck::DIR)));
    }
    Ok(())
}

/// A new container from an unpacked archive in `dir`.
fn import_dir(
    paths: &Paths,
    store: &ContainerStore,
    dir: &Path,
    previous: Option<&Path>,
    o: &ImportOpts,
) -> anyhow::Result<Container> {
    let old: Container = serde_json::from_slice(&std::fs::read(dir.join(CONFIG))?)
        .with_context(|| format!("reading the archive's {CONFIG}"))?;
    let images = crate::image::store::Store::open(&paths.root)?.load()?;
    if !images.images.iter().any(|i| i.id == old.image_id) {
        bail!(
            "the checkpoint's image {} ({}) is not in the local store: pull it first (skiff pull \
             {})",
            old.image,
            old.image_id,
            old.image
        );
    }
    // The archive's configuration is the container's, except what would reach into this
    // host beyond it: a host dir as its root, and hook dirs (programs run as root here).
    if let Some(r) = &old.spec.rootfs {
        bail!(
            "the archive's container runs from the host directory {} (--rootfs): skiff imports \
             only containers of an image",
            r.display()
        );
    }
    let mut c = old.clone();
    c.spec.hooks_dirs.clear();
    c.id = crate::state::names::random_id();
    c.name = o.name.clone().unwrap_or(old.name.clone());
    c.created = crate::cli::format::now_unix();
    c.state = State {
        status: Status::Exited,
        checkpointed: true,
        checkpointed_at: old.state.checkpointed_at,
        ..State::new()
    };
    // Host files of the machine it came from are not ours to write.
    c.pidfile = None;
    c.conmon_pidfile = None;
    c.auto_remove = false;
    let volumes = crate::state::volume::VolumeStore::open(&paths.root)?;
    let mut fill = Vec::new();
    for m in c.spec.mounts.iter_mut() {
        if let Some(v) = &m.volume {
            let (vol, created) = volumes.ensure(v, BTreeMap::new(), false)?;
            m.source = vol.mountpoint.clone();
            if created {
                fill.push((v.clone(), vol.mountpoint));
            } else if o.volumes && dir.join(format!("volumes/{v}.tar")).is_file() {
                eprintln!(
                    "warning: volume {v} exists: kept as it is, not replaced by the archive's"
                );
            }
        } else if m.tmpfs.is_none() {
            eprintln!(
                "note: the imported container {} binds the host path {} at {}",
                c.name,
                m.source.display(),
                m.target
            );
        }
    }
    crate::runtime::container::create(store, &mut c, false)?;
    let made = (|| -> anyhow::Result<()> {
        let unpack = |tar: &Path, dest: &Path| -> anyhow::Result<()> {
            let f = std::fs::File::open(tar)?;
            crate::image::unpack::unpack_stream(
                std::io::BufReader::new(f),
                dest,
                crate::image::unpack::UnpackOptions {
                    single_id: false,
                    mapped_ids: u32::MAX as u64,
                },
            )
            .with_context(|| format!("unpacking {}", tar.display()))?;
            Ok(())
        };
        if o.rootfs && dir.join(ROOTFS).is_file() {
            unpack(&dir.join(ROOTFS), &store.path(&c.id).join("upper"))?;
        }
        if o.volumes {
            for (v, dest) in &fill {
                let t = dir.join(format!("volumes/{v}.tar"));
                if t.is_file() {
                    unpack(&t, dest)?;
                }
            }
        }
        let target = ck::dir(store, &c.id);
        copy_files(&dir.join(ck::DIR), &target)?;
        if let Some(p) = previous {
            copy_files(p, &store.path(&c.id).join(ck::PRE_DIR))?;
            let _ = std::fs::remove_file(target.join("parent"));
            std::os::unix::fs::symlink(format!("../{}", ck::PRE_DIR), target.join("parent"))?;
        }
        rebase_mounts(store, &c, &target)
    })();
    if let Err(e) = made {
        let _g = store.lock_all(LockMode::Exclusive)?;
        let _ = crate::runtime::container::remove(store, &c);
        return Err(e);
    }
    crate::state::events::container(store.runroot(), &c, "create", None);
    Ok(c)
}

fn copy_files(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let e = e?;
        if e.file_type()?.is_file() {
            std::fs::copy(e.path(), to.join(e.file_name()))?;
        }
    }
    Ok(())
}

/// The checkpoint's external mounts, pointed at this container's own sources (its /etc files,
/// devices, volumes): never at the host paths the archive names.
fn rebase_mounts(store: &ContainerStore, c: &Container, images: &Path) -> anyhow::Result<()> {
    let mut meta = ck::read_meta(images)?;
    let (dirs, _) = crate::runtime::container::launch_dirs(store, c)?;
    let sources = crate::runtime::restore::mount_sources(&c.spec, &dirs);
    for m in meta.mounts.iter_mut() {
        m.source = sources.get(&m.target).cloned().ok_or_else(|| {
            anyhow!(
                "the checkpoint has a mount at {} that the container's configuration does not \
                 have: the archive is damaged",
                m.target
            )
        })?;
    }
    std::fs::write(
        images.join("skiff-checkpoint.json"),
        serde_json::to_vec_pretty(&meta)?,
    )?;
    Ok(())
}

/// `checkpoint --create-image NAME`: the archive's files as a one-layer local image, labelled
/// with the container's name.
pub fn create_image(
    g: &GlobalOpts,
    store: &ContainerStore,
    c: &Container,
    image: &str,
) -> anyhow::Result<()> {
    let paths = g.paths()?;
    let tmp = tempfile::tempdir_in(&paths.root)?;
    let file = tmp.path().join("checkpoint.tar");
    export(
        store,
        c,
        &file,
        &ExportOpts {
            compress: "none".into(),
            rootfs: true,
            volumes: true,
            pre: false,
        },
    )?;
    let label = format!("LABEL {IMAGE_LABEL}={}", c.name);
    crate::image::commit::import(
        &paths,
        Some(&file.display().to_string()),
        Some(image),
        &[label],
        Some("checkpoint"),
        &crate::image::manifest::Platform::host(),
    )
    .with_context(|| format!("creating the checkpoint image {image}"))?;
    Ok(())
}

/// `restore NAME` where NAME is a checkpoint image: a new container from it (None when NAME is
/// no such image).
pub fn from_image(
    paths: &Paths,
    store: &ContainerStore,
    name: &str,
    new_name: Option<String>,
) -> anyhow::Result<Option<Container>> {
    let images = crate::image::store::Store::open(&paths.root)?;
    let idx = images.load()?;
    let Ok(img) = crate::image::store::find(
        &idx,
        name,
        &crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries(),
    ) else {
        return Ok(None);
    };
    let config = images.config(&img.id)?;
    let labels = config.config.labels.clone().unwrap_or_default();
    if !labels.contains_key(IMAGE_LABEL) {
        bail!("{name} is an image, not a checkpoint image (made by `checkpoint --create-image`)");
    }
    let layer = img
        .layers
        .first()
        .ok_or_else(|| anyhow!("the checkpoint image {name} has no layer"))?;
    let dir = images.layer_diff(layer);
    import_dir(
        paths,
        store,
        &dir,
        None,
        &ImportOpts {
            name: new_name,
            previous: None,
            rootfs: true,
            volumes: true,
        },
    )
    .map(Some)
}
