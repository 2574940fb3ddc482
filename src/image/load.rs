//! `load`: images from an archive into the store. docker-archive in both layouts (legacy:
//! `manifest.json`, `<id>/layer.tar`; Docker 25+: the same `manifest.json` pointing into an OCI
//! layout's `blobs/`) and oci-archive (`index.json`, one or several images, names from the
//! `org.opencontainers.image.ref.name` / `io.containerd.image.name` annotations). The archive may
//! be gzip or zstd compressed, or come on stdin. Every layer goes through the pull's unpacker and
//! its diff id is checked; every OCI blob is checked against its digest.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context};
use serde::Deserialize;

use super::archive::{self, TarFile, MAX_LAYERS};
use super::ingest::{BlobInfo, Ingest};
use super::manifest::{Descriptor, ImageConfig, Manifest};
use super::store::{ImageRecord, Store};
use crate::storage::{LockMode, Paths};
use crate::userns::IdMapping;

/// One image loaded: its id and the names it got.
pub struct Loaded {
    pub id: String,
    pub names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerItem {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OciIndex {
    manifests: Vec<Descriptor>,
}

/// A reference as stored: `busybox:latest` -> `docker.io/library/busybox:latest`.
fn full_name(n: &str) -> Option<String> {
    let p = super::reference::parse(n).ok()?;
    p.reference.tag.as_ref()?;
    Some(p.reference.name())
}

pub fn load(paths: &Paths, input: Option<&Path>) -> anyhow::Result<Vec<Loaded>> {
    let store = Store::open(&paths.root)?;
    let _store_guard = store.lock_store(LockMode::Shared)?;
    let tmpdir = paths.root.join("tmp");
    let spooled = archive::spool(input, &tmpdir)?;
    let tar = TarFile::open(&spooled.path).map_err(|e| {
        anyhow::anyhow!(
            "{e:#} (load takes docker-archive and oci-archive files, as `skiff save` and \
             `podman save` write them)"
        )
    })?;
    let mapping = IdMapping::for_current_user()?;
    let ingest = Ingest::new(&store, &mapping)?;
    let cx = Cx {
        tar: &tar,
        store: &store,
        ingest: &ingest,
        tmpdir: &tmpdir,
    };
    if tar.has("manifest.json") {
        let items: Vec<DockerItem> = serde_json::from_slice(&tar.read("manifest.json")?)
            .context("the archive's manifest.json is not a docker-archive manifest")?;
        items.iter().map(|i| cx.docker_item(i)).collect()
    } else if tar.has("index.json") {
        let idx: OciIndex = serde_json::from_slice(&tar.read("index.json")?)
            .context("the archive's index.json is not an OCI image index")?;
        let mut out: Vec<Loaded> = Vec::new();
        for d in &idx.manifests {
            let loaded = cx.oci_manifest(d)?;
            match out.iter_mut().find(|l| l.id == loaded.id) {
                Some(l) => l.names.extend(loaded.names),
                None => out.push(loaded),
            }
        }
        Ok(out)
    } else {
        bail!(
            "{}: neither a docker-archive (manifest.json) nor an oci-archive (index.json)",
            input.map_or("stdin".into(), |p| p.display().to_string())
        )
    }
}

struct Cx<'a> {
    tar: &'a TarFile,
    store: &'a Store,
    ingest: &'a Ingest<'a>,
    tmpdir: &'a Path,
}

/// A temp file removed on drop.
struct Temp(PathBuf);
impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Cx<'_> {
    fn temp(&self) -> anyhow::Result<Temp> {
        std::fs::create_dir_all(self.tmpdir)?;
        Ok(Temp(self.tmpdir.join(format!(
            "blob-{}-{}",
            std::process::id(),
            crate::state::names::random_id()
        ))))
    }

    fn config(&self, bytes: &[u8], what: &str) -> anyhow::Result<ImageConfig> {
        serde_json::from_slice(bytes).with_context(|| format!("{what} is not an image config"))
    }

    fn docker_item(&self, item: &DockerItem) -> anyhow::Result<Loaded> {
        let config_bytes = self.tar.read(&item.config)?;
        let config = self.config(&config_bytes, &item.config)?;
        let diff_ids = &config.rootfs.diff_ids;
        if item.layers.len() != diff_ids.len() || item.layers.len() > MAX_LAYERS {
            bail!(
                "{}: the manifest lists {} layers, the config {} diff ids",
                item.config,
                item.layers.len(),
                diff_ids.len()
            );
        }
        let mut descs = Vec::new();
        let mut size = 0;
        for (path, diff_id) in item.layers.iter().zip(diff_ids) {
            let t = self.temp()?;
            let (hex, len, c) = self.tar.extract(path, &t.0)?;
            let blob = BlobInfo {
                digest: format!("sha256:{hex}"),
                size: len,
                media_type: archive::layer_media_type(c).into(),
            };
            let rec =
                self.ingest
                    .layer_from_file(&t.0, &blob, diff_id, &format!("layer {path}"))?;
            size += rec.size;
            descs.push(Descriptor {
                media_type: rec.media_type.clone().unwrap_or(blob.media_type),
                digest: rec.digest.clone(),
                size: rec.compressed_size,
                platform: None,
                annotations: None,
                urls: None,
            });
        }
        let id = format!("sha256:{}", archive::sha256_hex(&config_bytes));
        let manifest = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": super::manifest::OCI_MANIFEST,
            "config": {
                "mediaType": archive::OCI_CONFIG,
                "digest": id,
                "size": config_bytes.len(),
            },
            "layers": descs,
        });
        let manifest_bytes = serde_json::to_vec(&manifest)?;
        let names: Vec<String> = item
            .repo_tags
            .iter()
            .flatten()
            .filter_map(|n| full_name(n))
            .collect();
        self.put(id, names, &manifest_bytes, &config_bytes, &config, size)
    }

    fn blob_path(d: &Descriptor) -> anyhow::Result<String> {
        let (alg, hex) = d
            .digest
            .split_once(':')
            .ok_or_else(|| anyhow::anyhow!("invalid digest {:?}", d.digest))?;
        if alg != "sha256" || hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("unsupported or invalid digest {:?}", d.digest);
        }
        Ok(format!("blobs/sha256/{hex}"))
    }

    /// A verified small blob.
    fn oci_blob(&self, d: &Descriptor) -> anyhow::Result<Vec<u8>> {
        let path = Self::blob_path(d)?;
        let bytes = self.tar.read(&path)?;
        if format!("sha256:{}", archive::sha256_hex(&bytes)) != d.digest {
            bail!("blob {path} does not match its digest {}", d.digest);
        }
        Ok(bytes)
    }

    fn oci_manifest(&self, d: &Descriptor) -> anyhow::Result<Loaded> {
        let bytes = self.oci_blob(d)?;
        let mut names: Vec<String> = d
            .annotations
            .iter()
            .flatten()
            .filter(|(k, _)| {
                *k == "io.containerd.image.name" || *k == "org.opencontainers.image.ref.name"
            })
            .filter_map(|(_, v)| full_name(v))
            .collect();
        names.dedup();
        let doc = super::manifest::parse(&bytes, Some(&d.media_type), &d.digest)?;
        let manifest: Manifest = match doc {
            super::manifest::Document::Manifest(m) => m,
            super::manifest::Document::Index(idx) => {
                let want = super::manifest::Platform::host();
                let chosen = super::platform::choose(&idx.manifests, &want).ok_or_else(|| {
                    anyhow::anyhow!("{}: no image for {want} in the archive's index", d.digest)
                })?;
                let mut l = self.oci_manifest(&chosen.clone())?;
                l.names.extend(names);
                return Ok(l);
            }
        };
        let config_bytes = self.oci_blob(&manifest.config)?;
        let config = self.config(&config_bytes, &manifest.config.digest)?;
        let diff_ids = &config.rootfs.diff_ids;
        if manifest.layers.len() != diff_ids.len() || manifest.layers.len() > MAX_LAYERS {
            bail!(
                "{}: the manifest lists {} layers, the config {} diff ids",
                d.digest,
                manifest.layers.len(),
                diff_ids.len()
            );
        }
        let mut size = 0;
        for (l, diff_id) in manifest.layers.iter().zip(diff_ids) {
            let path = Self::blob_path(l)?;
            if let Some(rec) = self.store.layer_record(diff_id) {
                size += rec.size;
                continue;
            }
            let t = self.temp()?;
            let (hex, len, _) = self.tar.extract(&path, &t.0)?;
            if format!("sha256:{hex}") != l.digest || len != l.size {
                bail!(
                    "layer {path} does not match its digest {} ({len} bytes)",
                    l.digest
                );
            }
            let blob = BlobInfo {
                digest: l.digest.clone(),
                size: len,
                media_type: l.media_type.clone(),
            };
            let rec =
                self.ingest
                    .layer_from_file(&t.0, &blob, diff_id, &format!("layer {path}"))?;
            size += rec.size;
        }
        self.put(
            manifest.config.digest.clone(),
            names,
            &bytes,
            &config_bytes,
            &config,
            size,
        )
    }

    fn put(
        &self,
        id: String,
        names: Vec<String>,
        manifest: &[u8],
        config_bytes: &[u8],
        config: &ImageConfig,
        size: u64,
    ) -> anyhow::Result<Loaded> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let manifest_digest = format!("sha256:{}", archive::sha256_hex(manifest));
        let media_type = serde_json::from_slice::<serde_json::Value>(manifest)
            .ok()
            .and_then(|v| v["mediaType"].as_str().map(str::to_string))
            .unwrap_or_else(|| super::manifest::OCI_MANIFEST.into());
        let rec = ImageRecord {
            id: id.clone(),
            names: names.clone(),
            digests: Vec::new(),
            manifest_digest,
            manifest_media_type: media_type,
            layers: config.rootfs.diff_ids.clone(),
            size,
            created: config.created.clone(),
            stored_at: now,
        };
        self.store.put_image(rec, manifest, config_bytes)?;
        Ok(Loaded { id, names })
    }
}
