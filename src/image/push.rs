//! Pushing an image: each layer's blob as the store keeps it (recompressed only when another
//! compression is asked for, once per layer, cached beside it), skipped when the registry has it,
//! mounted from another repository of the same registry when skiff knows one that has it, else
//! uploaded from disk with resume; then the config and the manifest (the pulled one, byte for byte,
//! when nothing changed; converted for `--format`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use futures_util::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::archive::{self, Compression};
use super::manifest;
use super::progress::{human_size, Progress};
use super::reference::{self, Reference};
use super::registries::RegistriesConf;
use super::registry::{Access, Registries, Remote};
use super::store::{find, ImageRecord, LayerRecord, Store};
use crate::storage::{LockMode, Paths};

/// Layers uploaded at the same time.
const PARALLEL: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    Docker,
}

pub struct PushOptions {
    pub access: Access,
    /// None: keep the image's own manifest format.
    pub format: Option<ManifestFormat>,
    /// None: the layers as stored (plain layers get gzip).
    pub compression: Option<Compression>,
    pub compression_level: Option<i32>,
    pub quiet: bool,
    /// Put the manifest under its digest instead of a tag (an image of a manifest list).
    pub by_digest: bool,
}

/// What a push put on the registry.
pub struct Pushed {
    pub digest: String,
    pub size: u64,
    pub media_type: String,
}

/// One blob to push.
#[derive(Clone)]
pub(crate) struct Blob {
    pub(crate) path: PathBuf,
    pub(crate) digest: String,
    pub(crate) size: u64,
    pub(crate) compression: Compression,
}

#[derive(Serialize, Deserialize)]
struct Cached {
    digest: String,
    size: u64,
}

/// The blob of `rec` in compression `want`: the stored one, or a copy made once and kept.
pub(crate) fn blob_for(
    store: &Store,
    rec: &LayerRecord,
    want: Option<Compression>,
    level: Option<i32>,
) -> anyhow::Result<Blob> {
    let stored = store.layer_blob(&rec.diff_id).ok_or_else(|| {
        anyhow::anyhow!(
            "layer {} was stored by an older skiff without its blob: pull the image again to push it",
            super::progress::short_digest(&rec.diff_id)
        )
    })?;
    let have = archive::compression_of(rec.media_type.as_deref().unwrap_or(archive::GZIP_LAYER));
    let want = match want {
        Some(w) => w,
        None if have == Compression::None => Compression::Gzip,
        None => have,
    };
    if want == have {
        return Ok(Blob {
            path: stored,
            digest: rec.digest.clone(),
            size: rec.compressed_size,
            compression: have,
        });
    }
    let ext = match want {
        Compression::Gzip => "gz",
        Compression::Zstd => "zst",
        Compression::None => "tar",
    };
    let dir = store.layer_dir(&rec.diff_id);
    let path = dir.join(format!("blob.{ext}"));
    let meta = dir.join(format!("blob.{ext}.json"));
    if let Some(c) = std::fs::read(&meta)
        .ok()
        .and_then(|b| serde_json::from_slice::<Cached>(&b).ok())
        .filter(|_| path.exists())
    {
        return Ok(Blob {
            path,
            digest: c.digest,
            size: c.size,
            compression: want,
        });
    }
    let tmp = dir.join(format!(".blob.{ext}.{}", std::process::id()));
    let (digest, size) = recompress(&stored, have, &tmp, want, level).with_context(|| {
        format!(
            "compressing layer {}",
            super::progress::short_digest(&rec.diff_id)
        )
    })?;
    std::fs::rename(&tmp, &path)?;
    crate::storage::atomic::write_atomic(
        &meta,
        &serde_json::to_vec(&Cached {
            digest: digest.clone(),
            size,
        })?,
    )?;
    Ok(Blob {
        path,
        digest,
        size,
        compression: want,
    })
}

/// A writer that hashes and counts what it passes on.
struct Hashing<W> {
    inner: W,
    hasher: sha2::Sha256,
    n: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.n += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// `src` (compressed as `from`) re-encoded as `to` into `dst`; zstd uses every core.
fn recompress(
    src: &Path,
    from: Compression,
    dst: &Path,
    to: Compression,
    level: Option<i32>,
) -> anyhow::Result<(String, u64)> {
    use sha2::Digest;
    let mut input = archive::decoder(
        std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(src)?),
        from,
    )?;
    let out = Hashing {
        inner: std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dst)?),
        hasher: sha2::Sha256::new(),
        n: 0,
    };
    let out = match to {
        Compression::Gzip => {
            // In parallel blocks joined into one gzip member (pigz's way): every core works.
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            super::pgzip::compress(
                &mut input,
                out,
                level.unwrap_or(6).clamp(0, 9) as u32,
                threads,
            )?
        }
        Compression::Zstd => {
            let mut enc = zstd::stream::write::Encoder::new(out, level.unwrap_or(3))?;
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u32;
            let _ = enc.multithread(threads);
            std::io::copy(&mut input, &mut enc)?;
            enc.finish()?
        }
        Compression::None => {
            let mut out = out;
            std::io::copy(&mut input, &mut out)?;
            out
        }
    };
    let mut out = out;
    out.flush()?;
    let digest = format!("sha256:{}", super::unpack::hex(&out.hasher.finalize()));
    Ok((digest, out.n))
}

fn layer_type(c: Compression, docker: bool) -> &'static str {
    match (c, docker) {
        (Compression::Gzip, true) => archive::DOCKER_GZIP_LAYER,
        (Compression::None, true) => "application/vnd.docker.image.rootfs.diff.tar",
        (c, _) => archive::layer_media_type(c),
    }
}

/// The manifest to push and its media type.
fn manifest_for(
    store: &Store,
    img: &ImageRecord,
    blobs: &[Blob],
    format: Option<ManifestFormat>,
) -> anyhow::Result<(Vec<u8>, String)> {
    let raw = store.manifest_raw(&img.id)?;
    let stored_format = if img.manifest_media_type == manifest::DOCKER_MANIFEST {
        ManifestFormat::Docker
    } else {
        ManifestFormat::Oci
    };
    let want = format.unwrap_or(stored_format);
    if want == stored_format {
        if let Ok(m) = serde_json::from_slice::<manifest::Manifest>(&raw) {
            if m.layers.len() == blobs.len()
                && m.layers
                    .iter()
                    .zip(blobs)
                    .all(|(d, b)| d.digest == b.digest)
            {
                return Ok((raw, img.manifest_media_type.clone()));
            }
        }
    }
    let docker = want == ManifestFormat::Docker;
    if docker && blobs.iter().any(|b| b.compression == Compression::Zstd) {
        bail!("--format v2s2 cannot carry zstd layers: push with --compression-format gzip, or --format oci");
    }
    let config = store.config_raw(&img.id)?;
    let layers: Vec<_> = blobs
        .iter()
        .map(|b| json!({ "mediaType": layer_type(b.compression, docker), "digest": b.digest, "size": b.size }))
        .collect();
    let (mt, config_mt) = if docker {
        (manifest::DOCKER_MANIFEST, archive::DOCKER_CONFIG)
    } else {
        (manifest::OCI_MANIFEST, archive::OCI_CONFIG)
    };
    let body = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": mt,
        "config": { "mediaType": config_mt, "digest": img.id, "size": config.len() },
        "layers": layers,
    }))?;
    Ok((body, mt.to_string()))
}

/// Where each blob was last seen per registry (pulls and pushes), for cross-repository mounts.
#[derive(Default, Serialize, Deserialize)]
struct Seen {
    #[serde(default)]
    registries: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
}

fn seen_path(store: &Store) -> PathBuf {
    store.root.join("images/blob-locations.json")
}

fn load_seen(store: &Store) -> Seen {
    std::fs::read(seen_path(store))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Push the image `source` to `dest` (default: its own name). Returns the manifest digest.
pub fn push(
    paths: &Paths,
    source: &str,
    dest: Option<&str>,
    opts: &PushOptions,
) -> anyhow::Result<String> {
    Ok(push_image(paths, source, dest, opts)?.digest)
}

/// `push`, with the size and media type of the manifest it wrote.
pub fn push_image(
    paths: &Paths,
    source: &str,
    dest: Option<&str>,
    opts: &PushOptions,
) -> anyhow::Result<Pushed> {
    let store = Store::open(&paths.root)?;
    let conf = RegistriesConf::load(&paths.config)?;
    let search = conf.search_registries();
    let img = {
        let _g = store.lock_images(LockMode::Shared)?;
        find(&store.load()?, source, &search)?.clone()
    };
    let target = match dest {
        Some(d) => d.strip_prefix("docker://").unwrap_or(d).to_string(),
        None => {
            let wanted = reference::parse(source).ok().map(|p| p.reference.name());
            match wanted.filter(|w| img.names.contains(w)).or_else(|| img.names.first().cloned()) {
                Some(n) => n,
                None => bail!("{source} has no name to push to: give a destination (`skiff push {source} REGISTRY/REPO:TAG`)"),
            }
        }
    };
    let parsed = reference::parse(&target)?;
    let r = parsed.reference;
    let layers: Vec<LayerRecord> = img
        .layers
        .iter()
        .map(|d| {
            store
                .layer_record(d)
                .ok_or_else(|| anyhow::anyhow!("layer {d} is missing from the store"))
        })
        .collect::<anyhow::Result<_>>()?;
    // Compression happens here, before any upload, once per layer (then cached).
    let blobs: Vec<Blob> = layers
        .iter()
        .map(|l| blob_for(&store, l, opts.compression, opts.compression_level))
        .collect::<anyhow::Result<_>>()?;
    let (manifest_body, manifest_type) = manifest_for(&store, &img, &blobs, opts.format)?;
    let config = store.config_raw(&img.id)?;
    let registries = Registries::new(conf, &paths.config).with_access(opts.access.clone());
    let progress = Progress::detect(opts.quiet);
    let mut seen = load_seen(&store);
    // Repositories of this registry known to have a blob: from where images were pulled or pushed.
    let mut sources: BTreeSet<String> = BTreeSet::new();
    for d in &img.digests {
        if let Some((name, _)) = d.split_once('@') {
            if let Ok(p) = reference::parse(name) {
                if p.reference.registry == r.registry && p.reference.repository != r.repository {
                    sources.insert(p.reference.repository.clone());
                }
            }
        }
    }
    let mut known = seen
        .registries
        .get(&r.registry)
        .cloned()
        .unwrap_or_default();
    // Every image in the store that has one of these layers and came from (or went to) this
    // registry names a repository that has the blob: an image built on a pulled base mounts the
    // base's layers instead of uploading them.
    if let Ok(idx) = store.load() {
        for other in &idx.images {
            let repos: Vec<String> = other
                .digests
                .iter()
                .filter_map(|d| d.split_once('@'))
                .filter_map(|(name, _)| reference::parse(name).ok())
                .filter(|p| p.reference.registry == r.registry)
                .map(|p| p.reference.repository)
                .collect();
            if repos.is_empty() {
                continue;
            }
            for (l, b) in layers.iter().zip(&blobs) {
                if other.layers.contains(&l.diff_id) && b.digest == l.digest {
                    known
                        .entry(b.digest.clone())
                        .or_default()
                        .extend(repos.iter().cloned());
                }
            }
        }
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let mut errors = Vec::new();
    let mut pushed = None;
    progress.message("Getting image source signatures");
    for ep in registries.endpoints(&r)? {
        let remote = registries.remote(&ep, &r)?;
        let result = rt.block_on(push_to(
            &remote,
            &r,
            &blobs,
            &config,
            &img.id,
            &manifest_body,
            &manifest_type,
            &progress,
            &sources,
            &known,
            opts.by_digest,
        ));
        match result {
            Ok(d) => {
                pushed = Some(d);
                break;
            }
            Err(e) => {
                let unreachable = format!("{e:#}").contains("cannot reach");
                if !unreachable {
                    // The registry answered: its answer is the story, not the probes before it.
                    errors = vec![format!("{e:#}")];
                    break;
                }
                errors.push(format!("{e:#}"));
            }
        }
    }
    let Some(digest) = pushed else {
        bail!("{}", errors.join("\n  "));
    };
    // Remember what is where now, and the pushed digest (`images --digests`).
    let entry = seen.registries.entry(r.registry.clone()).or_default();
    for b in &blobs {
        entry
            .entry(b.digest.clone())
            .or_default()
            .insert(r.repository.clone());
    }
    let _ = crate::storage::atomic::write_atomic(&seen_path(&store), &serde_json::to_vec(&seen)?);
    let mut rec = img.clone();
    rec.names = Vec::new();
    rec.digests = vec![format!("{}@{digest}", r.repo_name())];
    store.put_image(rec, &store.manifest_raw(&img.id)?, &config)?;
    Ok(Pushed {
        digest,
        size: manifest_body.len() as u64,
        media_type: manifest_type,
    })
}

#[allow(clippy::too_many_arguments)]
async fn push_to(
    remote: &Remote,
    r: &Reference,
    blobs: &[Blob],
    config: &[u8],
    config_digest: &str,
    manifest_body: &[u8],
    manifest_type: &str,
    progress: &Progress,
    sources: &BTreeSet<String>,
    known: &BTreeMap<String, BTreeSet<String>>,
    by_digest: bool,
) -> anyhow::Result<String> {
    futures_util::stream::iter(blobs.iter())
        .map(|b| push_blob(remote, r, b, progress, sources, known))
        .buffer_unordered(PARALLEL)
        .try_collect::<Vec<()>>()
        .await?;
    let cp = progress.blob("config", config_digest, config.len() as u64);
    if remote.blob_exists(r, config_digest).await? {
        cp.finish("skipped: already exists");
    } else {
        remote.upload_bytes(r, config, config_digest).await?;
        cp.finish("done");
    }
    progress.message("Writing manifest to image destination");
    let tag = if by_digest {
        format!("sha256:{}", archive::sha256_hex(manifest_body))
    } else {
        r.tag.clone().unwrap_or_else(|| "latest".into())
    };
    Ok(remote
        .put_manifest(r, &tag, manifest_body, manifest_type)
        .await?)
}

async fn push_blob(
    remote: &Remote,
    r: &Reference,
    b: &Blob,
    progress: &Progress,
    sources: &BTreeSet<String>,
    known: &BTreeMap<String, BTreeSet<String>>,
) -> anyhow::Result<()> {
    let bp = progress.blob("blob", &b.digest, b.size);
    if remote.blob_exists(r, &b.digest).await? {
        bp.finish("skipped: already exists");
        return Ok(());
    }
    let mut from: Vec<&String> = known.get(&b.digest).into_iter().flatten().collect();
    from.extend(sources.iter());
    from.retain(|f| **f != r.repository);
    from.dedup();
    let mut session = None;
    if let Some(f) = from.first() {
        match remote.mount_blob(r, &b.digest, f).await? {
            None => {
                bp.finish(&format!("mounted from {f}"));
                return Ok(());
            }
            Some(loc) => session = Some(loc),
        }
    }
    let location = match session {
        Some(l) => l,
        None => remote.start_upload(r).await?,
    };
    let inc = |n: u64| bp.inc(n);
    remote
        .upload_file(r, location, &b.path, b.size, &b.digest, &inc)
        .await?;
    bp.finish(&format!("done ({})", human_size(b.size)));
    Ok(())
}

/// `--compression-format` as a Compression.
pub fn parse_compression(s: &str) -> anyhow::Result<Compression> {
    Ok(match s {
        "gzip" => Compression::Gzip,
        "zstd" | "zstd:chunked" => Compression::Zstd,
        other => bail!("invalid --compression-format {other:?}: gzip or zstd"),
    })
}
