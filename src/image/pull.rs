//! Pulling an image: resolve the reference (short names through the search registries, mirrors
//! first), fetch and verify the manifest (choosing a platform from an index), then stream every
//! missing layer straight into an unpack helper inside the user namespace, several at once, and
//! publish layers and the image only when complete and verified.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context};
use futures_util::{StreamExt, TryStreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::manifest::{self, Descriptor, Document, ImageConfig, Manifest, Platform};
use super::platform;
use super::progress::{human_size, short_digest, Progress};
use super::reference::{self, Reference};
use super::registries::RegistriesConf;
use super::registry::{Registries, Remote};
use super::store::{ImageRecord, LayerRecord, Store};
use super::unpack::UnpackReport;
use crate::storage::{LockGuard, LockMode, Paths};
use crate::userns::IdMapping;

/// The low-speed limit of layer downloads: at least LOW_SPEED bytes/s over LOW_SPEED_TIME.
const LOW_SPEED: u64 = 1024;
const LOW_SPEED_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// Layers downloaded and unpacked at the same time.
const PARALLEL_LAYERS: usize = 4;

pub struct PullOptions {
    pub platform: Platform,
    pub quiet: bool,
    /// `--tls-verify`, `--cert-dir`, `--authfile`, `--creds`.
    pub access: super::registry::Access,
}

/// Pull `input` into the store. Runs its own single-threaded async runtime and shuts it down (with
/// all its threads) before returning, so callers may fork afterwards.
pub fn pull(paths: &Paths, input: &str, opts: &PullOptions) -> anyhow::Result<ImageRecord> {
    pull_with(paths, input, opts, true)
}

/// `pull`; with `own_signals` false (the API service, which owns the process's signals) SIGINT
/// and SIGTERM are left alone and the pull ends only with its caller.
pub fn pull_with(
    paths: &Paths,
    input: &str,
    opts: &PullOptions,
    own_signals: bool,
) -> anyhow::Result<ImageRecord> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    // Ctrl-C or SIGTERM drop the pull where it stands: every unfinished layer kills its helper and
    // removes its `.tmp-` dir on the way out (see `Unpacking`), and finished layers stay.
    let result = rt.block_on(async {
        let interrupted = async {
            use tokio::signal::unix::{signal, SignalKind};
            if !own_signals {
                return std::future::pending().await;
            }
            let (mut int, mut term) = match (
                signal(SignalKind::interrupt()),
                signal(SignalKind::terminate()),
            ) {
                (Ok(i), Ok(t)) => (i, t),
                _ => return std::future::pending().await,
            };
            tokio::select! {
                _ = int.recv() => ("SIGINT", libc::SIGINT),
                _ = term.recv() => ("SIGTERM", libc::SIGTERM),
            }
        };
        tokio::select! {
            r = pull_async(paths, input, opts) => r,
            (name, sig) = interrupted => Err(anyhow::Error::new(crate::error::Coded::new(
                128 + sig,
                format!("{input}: pull interrupted by {name}; unfinished layers were removed"),
            ))),
        }
    });
    drop(rt);
    if own_signals {
        crate::sys::default_signal_action(nix::sys::signal::Signal::SIGINT);
        crate::sys::default_signal_action(nix::sys::signal::Signal::SIGTERM);
    }
    if let Ok(rec) = &result {
        let id = crate::image::store::hex_of(&rec.id);
        crate::state::events::image(&paths.runroot, "pull", id, input);
    }
    result
}

/// `pull --all-tags`: the full names of every tag of `input`'s repository, from the first
/// registry (and endpoint) that lists them.
pub fn all_tags(paths: &Paths, input: &str, opts: &PullOptions) -> anyhow::Result<Vec<String>> {
    let parsed = reference::parse(input)?;
    // (parse fills in `latest`: look at what was typed)
    let last = input.rsplit('/').next().unwrap_or(input);
    if last.contains(':') || input.contains('@') {
        bail!("{input}: give a repository without a tag or digest with --all-tags");
    }
    let conf = RegistriesConf::load(&paths.config)?;
    let registries = Registries::new(conf, &paths.config).with_access(opts.access.clone());
    let candidates: Vec<Reference> = if parsed.short {
        let regs = registries.conf.search_registries();
        regs.iter()
            .map(|reg| parsed.reference.on_registry(reg, &parsed.path))
            .collect()
    } else {
        vec![parsed.reference.clone()]
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let mut errors = Vec::new();
    for r in &candidates {
        for ep in registries.endpoints(r)? {
            let remote = registries.remote(&ep, r)?;
            match rt.block_on(remote.tags(r)) {
                Ok(mut tags) => {
                    tags.sort();
                    return Ok(tags
                        .into_iter()
                        .map(|t| format!("{}:{t}", r.repo_name()))
                        .collect());
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
    }
    bail!(
        "{input}: could not list its tags:\n  {}",
        errors.join("\n  ")
    )
}

struct Ctx<'a> {
    store: Store,
    mapping: IdMapping,
    progress: Progress,
    exe: PathBuf,
    opts: &'a PullOptions,
}

async fn pull_async(paths: &Paths, input: &str, opts: &PullOptions) -> anyhow::Result<ImageRecord> {
    let parsed = reference::parse(input)?;
    let conf = RegistriesConf::load(&paths.config)?;
    let registries = Registries::new(conf, &paths.config).with_access(opts.access.clone());
    let store = Store::open(&paths.root)?;
    let _store_guard = store.lock_store(LockMode::Shared)?;
    let mapping = IdMapping::for_current_user()?;
    let ctx = Ctx {
        store,
        mapping,
        progress: Progress::detect(opts.quiet),
        exe: std::env::current_exe().context("finding the skiff executable")?,
        opts,
    };

    let candidates: Vec<Reference> = if parsed.short {
        registries
            .conf
            .search_registries()
            .iter()
            .map(|reg| parsed.reference.on_registry(reg, &parsed.path))
            .collect()
    } else {
        vec![parsed.reference.clone()]
    };
    let mut errors = Vec::new();
    for r in &candidates {
        // Once per name, as podman says it (a loopback registry has two endpoints: HTTPS, HTTP).
        ctx.progress.message(&format!("Trying to pull {r}..."));
        for ep in registries.endpoints(r)? {
            let remote = registries.remote(&ep, r)?;
            match remote.manifest(r, None).await {
                Ok(m) => return pull_from(&ctx, &remote, r, m).await,
                Err(e) => {
                    tracing::debug!(error = %e, "pull candidate failed");
                    errors.push(e.to_string());
                }
            }
        }
    }
    if errors.len() == 1 {
        bail!("{}", errors.remove(0));
    }
    bail!(
        "{input}: could not pull from any registry:\n  {}",
        errors.join("\n  ")
    )
}

async fn pull_from(
    ctx: &Ctx<'_>,
    remote: &Remote,
    r: &Reference,
    top: super::registry::RawManifest,
) -> anyhow::Result<ImageRecord> {
    let (body, top_digest) = (top.body, top.digest);
    let mut digests = vec![format!("{}@{}", r.repo_name(), top_digest)];
    let (manifest, manifest_body, manifest_digest) = match manifest::parse(
        &body,
        None,
        &r.to_string(),
    )? {
        Document::Manifest(m) => (m, body, top_digest),
        Document::Index(idx) => {
            let want = &ctx.opts.platform;
            let chosen = platform::choose(&idx.manifests, want).ok_or_else(|| {
                let have: Vec<String> = idx
                    .manifests
                    .iter()
                    .filter_map(|d| d.platform.as_ref().map(|p| p.to_string()))
                    .filter(|p| !p.starts_with("unknown"))
                    .collect();
                anyhow!(
                    "{r}: no image for platform {want} (the index has {}); choose one with --platform",
                    have.join(", ")
                )
            })?;
            let child = remote.manifest(r, Some(&chosen.digest)).await?;
            match manifest::parse(&child.body, Some(&chosen.media_type), &r.to_string())? {
                Document::Manifest(m) => {
                    digests.push(format!("{}@{}", r.repo_name(), child.digest));
                    (m, child.body, child.digest)
                }
                Document::Index(_) => bail!("{r}: nested image indexes are not supported"),
            }
        }
    };
    ctx.progress.message("Getting image source signatures");
    let config_bytes = remote.blob_bytes(r, &manifest.config.digest).await?;
    let config: ImageConfig = serde_json::from_slice(&config_bytes)
        .with_context(|| format!("{r}: parsing image config {}", manifest.config.digest))?;
    check_layers(r, &manifest, &config)?;

    let layers: Vec<(&Descriptor, &String)> = manifest
        .layers
        .iter()
        .zip(&config.rootfs.diff_ids)
        .collect();
    let results: Vec<LayerRecord> = futures_util::stream::iter(layers)
        .map(|(desc, diff_id)| ensure_layer(ctx, remote, r, desc, diff_id))
        .buffered(PARALLEL_LAYERS)
        .try_collect()
        .await?;
    let cp = ctx
        .progress
        .blob("config", &manifest.config.digest, manifest.config.size);
    cp.finish("done");
    ctx.progress
        .message("Writing manifest to image destination");

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let rec = ImageRecord {
        id: manifest.config.digest.clone(),
        names: r.tag.as_ref().map(|_| vec![r.name()]).unwrap_or_default(),
        digests,
        manifest_digest,
        manifest_media_type: manifest
            .media_type
            .clone()
            .unwrap_or_else(|| manifest::OCI_MANIFEST.into()),
        layers: config.rootfs.diff_ids.clone(),
        size: results.iter().map(|l| l.size).sum(),
        created: config.created.clone(),
        stored_at: now,
    };
    Ok(ctx.store.put_image(rec, &manifest_body, &config_bytes)?)
}

fn check_layers(r: &Reference, m: &Manifest, c: &ImageConfig) -> anyhow::Result<()> {
    // (overlayfs stacks at most ~500 lower dirs; docker refuses over 127 layers on build)
    if m.layers.len() > super::archive::MAX_LAYERS {
        bail!(
            "{r}: the manifest lists {} layers, more than the {} skiff takes: refused",
            m.layers.len(),
            super::archive::MAX_LAYERS
        );
    }
    if m.layers.len() != c.rootfs.diff_ids.len() {
        bail!(
            "{r}: the manifest lists {} layers but the config has {} diff ids",
            m.layers.len(),
            c.rootfs.diff_ids.len()
        );
    }
    for d in m
        .layers
        .iter()
        .map(|l| &l.digest)
        .chain(c.rootfs.diff_ids.iter())
    {
        reference::validate_digest(d)
            .map_err(|why| anyhow!("{r}: bad layer digest {d:?}: {why}"))?;
    }
    Ok(())
}

/// Make sure one layer is in the store: present already, done by a concurrent pull (we wait on its
/// lock), or downloaded and unpacked now.
async fn ensure_layer(
    ctx: &Ctx<'_>,
    remote: &Remote,
    r: &Reference,
    desc: &Descriptor,
    diff_id: &str,
) -> anyhow::Result<LayerRecord> {
    let bp = ctx.progress.blob("blob", &desc.digest, desc.size);
    let existing = |store: &Store| store.layer_record(diff_id);
    if let Some(rec) = existing(&ctx.store) {
        bp.finish("skipped: already exists");
        return Ok(rec);
    }
    let lock_path = ctx.store.layer_lock_path(diff_id);
    let _guard = loop {
        if let Some(g) = LockGuard::try_acquire(&lock_path, LockMode::Exclusive)? {
            break g;
        }
        bp.message("waiting for another pull of this layer");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    if let Some(rec) = existing(&ctx.store) {
        bp.finish("skipped: already exists");
        return Ok(rec);
    }
    let mut attempt = 0;
    loop {
        let mut unpacking = Unpacking::new(ctx, diff_id);
        match fetch_and_unpack(ctx, remote, r, desc, diff_id, &bp, &mut unpacking).await {
            Ok(report) => {
                let rec = LayerRecord {
                    diff_id: diff_id.to_string(),
                    digest: desc.digest.clone(),
                    compressed_size: desc.size,
                    size: report.size,
                    media_type: Some(desc.media_type.clone()),
                };
                ctx.store.publish_layer(&rec)?;
                unpacking.published();
                bp.finish(&format!("done ({})", human_size(desc.size)));
                return Ok(rec);
            }
            Err(e) => {
                drop(unpacking);
                if attempt < 2 && is_transient(&e) {
                    attempt += 1;
                    tracing::info!(layer = short_digest(&desc.digest), error = %format!("{e:#}"), "retrying layer");
                    tokio::time::sleep(std::time::Duration::from_millis(500 << attempt)).await;
                    continue;
                }
                bp.finish("failed");
                return Err(e);
            }
        }
    }
}

/// A network hiccup mid-stream, not a verification or unpack failure.
fn is_transient(e: &anyhow::Error) -> bool {
    let s = format!("{e:#}");
    !(s.contains("digest")
        || s.contains("layer entry")
        || s.contains("diff id")
        || s.contains("unpack helper"))
        && (s.contains("connection")
            || s.contains("timed out")
            || s.contains("reset")
            || s.contains("error decoding response body"))
}

async fn fetch_and_unpack(
    ctx: &Ctx<'_>,
    remote: &Remote,
    r: &Reference,
    desc: &Descriptor,
    diff_id: &str,
    bp: &super::progress::BlobProgress,
    unpacking: &mut Unpacking<'_>,
) -> anyhow::Result<UnpackReport> {
    // Left by a pull that was killed: start over.
    crate::userns::helper::remove_paths(&ctx.mapping, std::slice::from_ref(&unpacking.tmp))?;
    let dest = unpacking.tmp.join("diff");
    std::fs::create_dir_all(&dest).with_context(|| format!("creating {}", dest.display()))?;

    let (_len, mut stream) = remote.blob_stream(r, &desc.digest).await?;
    let child = unpacking.child.insert(spawn_unpacker(ctx, &dest)?);
    let stdin = tokio::process::ChildStdin::from_std(child.stdin.take().unwrap())?;
    let mut stdout = tokio::process::ChildStdout::from_std(child.stdout.take().unwrap())?;
    let mut stderr = tokio::process::ChildStderr::from_std(child.stderr.take().unwrap())?;
    set_pipe_size(&stdin);

    // The blob is kept beside the unpacked layer, for push and save.
    let mut blob = tokio::fs::File::create(unpacking.tmp.join("blob"))
        .await
        .with_context(|| format!("creating {}", unpacking.tmp.join("blob").display()))?;
    let feed = async {
        use sha2::Digest;
        let mut stdin = stdin;
        let mut hasher = sha2::Sha256::new();
        let mut size = 0u64;
        // A registry that stalls or drips (curl's low-speed limit): under LOW_SPEED bytes/s
        // over a whole LOW_SPEED_TIME window stops the download.
        let mut window = (std::time::Instant::now(), 0u64);
        let slow = || {
            Feed::Source(anyhow!(
                "{r}: downloading layer {}: the registry sent less than {} KiB/s for {} s: \
                 giving up",
                desc.digest,
                LOW_SPEED >> 10,
                LOW_SPEED_TIME.as_secs()
            ))
        };
        loop {
            let Ok(next) = tokio::time::timeout(LOW_SPEED_TIME, stream.next()).await else {
                return Err(slow());
            };
            let Some(chunk) = next else { break };
            let chunk = chunk.map_err(|e| {
                Feed::Source(anyhow!("{r}: downloading layer {}: {e}", desc.digest))
            })?;
            window.1 += chunk.len() as u64;
            if window.0.elapsed() >= LOW_SPEED_TIME {
                if window.1 < LOW_SPEED * LOW_SPEED_TIME.as_secs() {
                    return Err(slow());
                }
                window = (std::time::Instant::now(), 0);
            }
            hasher.update(&chunk);
            size += chunk.len() as u64;
            // More than the descriptor says: a lying or endless stream, stopped here.
            if size > desc.size {
                return Err(Feed::Source(anyhow!(
                    "{r}: layer {} is longer than its descriptor's {} bytes: the registry sent \
                     more, refused",
                    desc.digest,
                    desc.size
                )));
            }
            stdin.write_all(&chunk).await.map_err(Feed::HelperGone)?;
            blob.write_all(&chunk)
                .await
                .map_err(|e| Feed::Source(anyhow!("writing the layer blob into the store: {e}")))?;
            bp.inc(chunk.len() as u64);
        }
        // Verify before the helper sees EOF: on a mismatch it is killed with the stream unfinished,
        // and nothing is published.
        let actual = format!("sha256:{}", super::unpack::hex(&hasher.finalize()));
        if size != desc.size {
            return Err(Feed::Source(anyhow!(
                "{r}: layer {} is {size} bytes, its descriptor says {}: refused",
                desc.digest,
                desc.size
            )));
        }
        if actual != desc.digest {
            return Err(Feed::Source(anyhow!(
                "{r}: layer {} does not match its digest (got {actual})",
                desc.digest
            )));
        }
        drop(stdin);
        blob.flush()
            .await
            .map_err(|e| Feed::Source(anyhow!("writing the layer blob into the store: {e}")))?;
        Ok::<(), Feed>(())
    };
    let mut out = String::new();
    let mut err = String::new();
    let (fed, _, _) = tokio::join!(
        feed,
        stdout.read_to_string(&mut out),
        stderr.read_to_string(&mut err)
    );
    if matches!(fed, Err(Feed::Source(_))) {
        let _ = child.kill();
    }
    // Its stdout and stderr are closed: it has exited or is about to.
    let status = child.wait().context("waiting for the unpack helper")?;
    unpacking.child = None;
    match fed {
        // We stopped feeding it (download or digest failure) and killed it: ours is the story.
        Err(Feed::Source(e)) => return Err(e),
        // The helper stopped reading: its own error says why (an entry it could not create).
        Err(Feed::HelperGone(e)) if status.success() => {
            bail!(
                "unpacking layer {}: the unpack helper stopped reading its input ({e}) but \
                 reported success",
                short_digest(&desc.digest)
            )
        }
        _ if !status.success() => {
            let why = err.trim();
            let why = why.strip_prefix("Error: ").unwrap_or(why);
            if why.is_empty() {
                bail!(
                    "unpacking layer {}: the unpack helper failed without a message ({status})",
                    short_digest(&desc.digest)
                );
            }
            bail!("unpacking layer {}: {why}", short_digest(&desc.digest));
        }
        _ => {}
    }
    let report: UnpackReport = serde_json::from_str(out.trim())
        .with_context(|| format!("reading the unpack helper's report {out:?}"))?;
    if report.diff_id != diff_id {
        bail!(
            "{r}: layer {} unpacks to content {} but the image config says diff id {diff_id}",
            desc.digest,
            report.diff_id
        );
    }
    if report.chown_skipped > 0 {
        tracing::warn!(
            "layer {}: {} files keep the owner root because this user has no subordinate id range \
             (see `skiff info`)",
            short_digest(&desc.digest),
            report.chown_skipped
        );
    }
    Ok(report)
}

/// A layer being unpacked into its `.tmp-` dir. Dropped before it is published (a failed attempt,
/// or the pull future dropped on Ctrl-C), it kills and reaps the helper and removes the dir, so a
/// failed pull leaves nothing behind.
struct Unpacking<'a> {
    ctx: &'a Ctx<'a>,
    tmp: PathBuf,
    child: Option<std::process::Child>,
    published: bool,
}

impl<'a> Unpacking<'a> {
    fn new(ctx: &'a Ctx<'a>, diff_id: &str) -> Self {
        Unpacking {
            ctx,
            tmp: ctx.store.layer_tmp(diff_id),
            child: None,
            published: false,
        }
    }

    /// The dir was renamed into the store: nothing to clean up.
    fn published(mut self) {
        self.published = true;
    }
}

impl Drop for Unpacking<'_> {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if self.published {
            return;
        }
        if let Err(e) =
            crate::userns::helper::remove_paths(&self.ctx.mapping, std::slice::from_ref(&self.tmp))
        {
            tracing::warn!(
                "could not remove the unfinished layer {}: {e:#} (`skiff system check --repair` \
                 removes it)",
                self.tmp.display()
            );
        }
    }
}

/// Why feeding the unpack helper stopped early.
enum Feed {
    /// The download failed or did not match its digest.
    Source(anyhow::Error),
    /// The helper closed its input: it failed, and its stderr has the reason.
    HelperGone(std::io::Error),
}

fn spawn_unpacker(ctx: &Ctx<'_>, dest: &Path) -> anyhow::Result<std::process::Child> {
    super::ingest::spawn_unpacker(&ctx.exe, &ctx.mapping, dest)
}

/// A 1 MiB pipe: fewer wake-ups between the downloader and the unpacker.
fn set_pipe_size(fd: &impl std::os::fd::AsFd) {
    let _ = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_SETPIPE_SZ(1 << 20));
}
