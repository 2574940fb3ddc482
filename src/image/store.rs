//! The image store under `--root`:
//!
//! ```text
//! images/index.json            every image: id, names, digests, layers (atomic, under images.lock)
//! images/<id>/manifest.json    the manifest as pulled (raw bytes, digest-verified)
//! images/<id>/config.json      the image config (raw bytes; the image id is its digest)
//! layers/<diffid>/diff/        one unpacked layer, shared by every image that has it
//! layers/<diffid>/layer.json   its compressed digest, media type and sizes
//! layers/<diffid>/blob         the layer as distributed (the blob pulled, or the tar loaded or
//!                              committed), for push and save: like containerd's content store
//! layers/<diffid>/blob.gz      a gzip copy made once for push/save when `blob` is uncompressed
//! layers/.tmp-<diffid>/        a layer being unpacked (under locks/layer-<diffid>.lock)
//! locks/                       flock files (never removed)
//! ```
//!
//! A layer or image appears by one rename, only when complete; a process killed at any instant
//! leaves at most a `.tmp-*` dir or an unreferenced image dir, which the next pull or
//! `skiff system check --repair` removes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::storage::atomic::write_atomic;
use crate::storage::{remove_tree, LockGuard, LockMode};

use super::manifest::ImageConfig;
use super::reference;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{op} {path}")]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("parsing {path}: {source}")]
    Corrupt {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error(transparent)]
    Lock(#[from] crate::storage::lock::LockError),
    #[error(transparent)]
    Write(#[from] crate::storage::atomic::AtomicWriteError),
    #[error("{0}: image not known; pull it first or check `skiff images`")]
    UnknownImage(String),
    #[error("{input}: ambiguous image id prefix, matches {count} images; give more characters")]
    Ambiguous { input: String, count: usize },
}

fn io_err(op: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io { op, path, source }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImageRecord {
    /// sha256:... of the config blob.
    pub id: String,
    /// Tagged names, fully qualified (`docker.io/library/busybox:latest`).
    #[serde(default)]
    pub names: Vec<String>,
    /// `registry/repo@sha256:...` of the manifest as pulled.
    #[serde(default)]
    pub digests: Vec<String>,
    pub manifest_digest: String,
    pub manifest_media_type: String,
    /// Layer diff ids, bottom first.
    pub layers: Vec<String>,
    /// Sum of the uncompressed layer sizes.
    pub size: u64,
    /// Config `created`, RFC 3339.
    #[serde(default)]
    pub created: Option<String>,
    /// Unix seconds when this image was stored.
    pub stored_at: u64,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Index {
    #[serde(default)]
    pub images: Vec<ImageRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayerRecord {
    pub diff_id: String,
    /// The compressed blob it came from.
    pub digest: String,
    pub compressed_size: u64,
    pub size: u64,
    /// The blob's media type (gzip, zstd or plain tar); None for layers stored before blobs
    /// were kept.
    #[serde(default)]
    pub media_type: Option<String>,
}

pub struct Store {
    pub root: PathBuf,
}

pub fn hex_of(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

impl Store {
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        for d in ["images", "layers", "locks"] {
            let p = root.join(d);
            std::fs::create_dir_all(&p).map_err(io_err("creating", &p))?;
        }
        Ok(Store {
            root: root.to_path_buf(),
        })
    }

    fn index_path(&self) -> PathBuf {
        self.root.join("images/index.json")
    }

    /// Lock for the image index (shared to read, exclusive to change).
    pub fn lock_images(&self, mode: LockMode) -> Result<LockGuard, StoreError> {
        Ok(LockGuard::acquire(
            &self.root.join("locks/images.lock"),
            mode,
        )?)
    }

    /// Held shared by every pull for its whole duration, exclusively by `system check`, so the
    /// checker never mistakes an in-flight pull's temp dir for a leftover.
    pub fn lock_store(&self, mode: LockMode) -> Result<LockGuard, StoreError> {
        Ok(LockGuard::acquire(
            &self.root.join("locks/store.lock"),
            mode,
        )?)
    }

    pub fn layer_lock_path(&self, diff_id: &str) -> PathBuf {
        self.root
            .join(format!("locks/layer-{}.lock", hex_of(diff_id)))
    }

    pub fn load(&self) -> Result<Index, StoreError> {
        let p = self.index_path();
        match std::fs::read(&p) {
            Ok(b) => {
                serde_json::from_slice(&b).map_err(|source| StoreError::Corrupt { path: p, source })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(io_err("reading", &p)(e)),
        }
    }

    pub fn save(&self, idx: &Index) -> Result<(), StoreError> {
        let mut data = serde_json::to_vec_pretty(idx).expect("index serialises");
        data.push(b'\n');
        write_atomic(&self.index_path(), &data)?;
        Ok(())
    }

    pub fn layer_dir(&self, diff_id: &str) -> PathBuf {
        self.root.join("layers").join(hex_of(diff_id))
    }

    /// The unpacked content of a layer (an overlay lowerdir).
    pub fn layer_diff(&self, diff_id: &str) -> PathBuf {
        self.layer_dir(diff_id).join("diff")
    }

    pub fn layer_tmp(&self, diff_id: &str) -> PathBuf {
        self.root
            .join("layers")
            .join(format!(".tmp-{}", hex_of(diff_id)))
    }

    /// The layer as distributed, when the store has it (layers pulled by older skiff versions
    /// have only their unpacked content).
    pub fn layer_blob(&self, diff_id: &str) -> Option<PathBuf> {
        let p = self.layer_dir(diff_id).join("blob");
        p.exists().then_some(p)
    }

    pub fn has_layer(&self, diff_id: &str) -> bool {
        self.layer_dir(diff_id).join("layer.json").exists()
    }

    pub fn layer_record(&self, diff_id: &str) -> Option<LayerRecord> {
        let b = std::fs::read(self.layer_dir(diff_id).join("layer.json")).ok()?;
        serde_json::from_slice(&b).ok()
    }

    /// Publish the temp dir of a finished layer (the caller holds its layer lock).
    pub fn publish_layer(&self, rec: &LayerRecord) -> Result<(), StoreError> {
        let tmp = self.layer_tmp(&rec.diff_id);
        let json = serde_json::to_vec_pretty(rec).expect("layer record serialises");
        write_atomic(&tmp.join("layer.json"), &json)?;
        let dst = self.layer_dir(&rec.diff_id);
        std::fs::rename(&tmp, &dst).map_err(io_err("publishing layer", &dst))?;
        if let Ok(d) = std::fs::File::open(self.root.join("layers")) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    pub fn image_dir(&self, id: &str) -> PathBuf {
        self.root.join("images").join(hex_of(id))
    }

    pub fn config(&self, id: &str) -> Result<ImageConfig, StoreError> {
        let p = self.image_dir(id).join("config.json");
        let b = std::fs::read(&p).map_err(io_err("reading", &p))?;
        serde_json::from_slice(&b).map_err(|source| StoreError::Corrupt { path: p, source })
    }

    pub fn config_raw(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let p = self.image_dir(id).join("config.json");
        std::fs::read(&p).map_err(io_err("reading", &p))
    }

    pub fn manifest_raw(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let p = self.image_dir(id).join("manifest.json");
        std::fs::read(&p).map_err(io_err("reading", &p))
    }

    /// Write an image's blobs and add it to the index, moving `name` from any other image.
    pub fn put_image(
        &self,
        mut rec: ImageRecord,
        manifest: &[u8],
        config: &[u8],
    ) -> Result<ImageRecord, StoreError> {
        // Under the images lock, so the temp dir name can be fixed: a leftover from a killed pull
        // of the same image is simply replaced.
        let _g = self.lock_images(LockMode::Exclusive)?;
        let dir = self.image_dir(&rec.id);
        if !dir.join("config.json").exists() {
            let tmp = self
                .root
                .join("images")
                .join(format!(".tmp-{}", hex_of(&rec.id)));
            let _ = remove_tree(&tmp);
            std::fs::create_dir_all(&tmp).map_err(io_err("creating", &tmp))?;
            write_atomic(&tmp.join("manifest.json"), manifest)?;
            write_atomic(&tmp.join("config.json"), config)?;
            let _ = remove_tree(&dir);
            std::fs::rename(&tmp, &dir).map_err(io_err("storing image", &dir))?;
        }
        let mut idx = self.load()?;
        for other in idx.images.iter_mut().filter(|i| i.id != rec.id) {
            other.names.retain(|n| !rec.names.contains(n));
        }
        if let Some(existing) = idx.images.iter_mut().find(|i| i.id == rec.id) {
            for n in rec.names.drain(..) {
                if !existing.names.contains(&n) {
                    existing.names.push(n);
                }
            }
            for d in rec.digests.drain(..) {
                if !existing.digests.contains(&d) {
                    existing.digests.push(d);
                }
            }
            existing.stored_at = rec.stored_at;
            rec = existing.clone();
        } else {
            idx.images.push(rec.clone());
        }
        self.save(&idx)?;
        Ok(rec)
    }

    /// Layers that no image references (candidates for removal).
    pub fn unreferenced_layers(&self, idx: &Index) -> Result<Vec<String>, StoreError> {
        let used: BTreeSet<&str> = idx
            .images
            .iter()
            .flat_map(|i| i.layers.iter().map(|l| hex_of(l)))
            .collect();
        let dir = self.root.join("layers");
        let mut out = Vec::new();
        for e in std::fs::read_dir(&dir).map_err(io_err("listing", &dir))? {
            let e = e.map_err(io_err("listing", &dir))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !used.contains(name.as_str()) {
                out.push(format!("sha256:{name}"));
            }
        }
        Ok(out)
    }

    /// Remove layers nobody references, each under its layer lock (a pull in progress holds it).
    pub fn remove_layers(&self, layers: &[String]) -> Result<usize, StoreError> {
        let mut n = 0;
        for l in layers {
            if let Some(_g) = LockGuard::try_acquire(&self.layer_lock_path(l), LockMode::Exclusive)?
            {
                let d = self.layer_dir(l);
                remove_tree(&d).map_err(io_err("removing layer", &d))?;
                n += 1;
            }
        }
        Ok(n)
    }
}

/// Resolve what a user typed (name, short name, id, id prefix, name@digest) to an image.
pub fn find<'a>(
    idx: &'a Index,
    input: &str,
    search: &[String],
) -> Result<&'a ImageRecord, StoreError> {
    let unknown = || StoreError::UnknownImage(input.to_string());
    let hex_input = input.strip_prefix("sha256:").unwrap_or(input);
    // Full id or unique id prefix (at least 3 hex digits, like podman).
    if hex_input.len() >= 3 && hex_input.bytes().all(|b| b.is_ascii_hexdigit()) {
        let hits: Vec<&ImageRecord> = idx
            .images
            .iter()
            .filter(|i| hex_of(&i.id).starts_with(hex_input))
            .collect();
        match hits.len() {
            1 => return Ok(hits[0]),
            0 => {}
            n if hex_input.len() < 64 => {
                return Err(StoreError::Ambiguous {
                    input: input.to_string(),
                    count: n,
                })
            }
            _ => return Ok(hits[0]),
        }
    }
    let parsed = reference::parse(input).map_err(|_| unknown())?;
    let r = &parsed.reference;
    let matches = |i: &&ImageRecord, full: &reference::Reference| -> bool {
        match (&full.tag, &full.digest) {
            (_, Some(d)) => {
                i.digests.contains(&format!("{}@{}", full.repo_name(), d))
                    || i.manifest_digest == *d
                        && i.names
                            .iter()
                            .any(|n| n.starts_with(&format!("{}:", full.repo_name())))
            }
            (Some(_), None) => i.names.contains(&full.name()),
            (None, None) => false,
        }
    };
    if !parsed.short {
        return idx
            .images
            .iter()
            .find(|i| matches(i, r))
            .ok_or_else(unknown);
    }
    // Short name: the search registries in order, then `localhost/`, then any registry.
    for reg in search.iter().map(String::as_str).chain(["localhost"]) {
        let full = r.on_registry(reg, &parsed.path);
        if let Some(i) = idx.images.iter().find(|i| matches(i, &full)) {
            return Ok(i);
        }
    }
    let suffix_tag = r.tag.as_ref().map(|t| format!("/{}:{t}", parsed.path));
    idx.images
        .iter()
        .find(|i| {
            suffix_tag
                .as_ref()
                .is_some_and(|s| i.names.iter().any(|n| n.ends_with(s.as_str())))
                || r.digest.as_ref().is_some_and(|d| {
                    i.digests
                        .iter()
                        .any(|x| x.ends_with(&format!("/{}@{d}", parsed.path)))
                })
        })
        .ok_or_else(unknown)
}

/// The full name `input` means for `img` (podman's `ImageName`): `busybox` resolved to
/// `docker.io/library/busybox:latest`, a digest reference kept as `repo@digest`, an id to the
/// image's first name.
pub fn name_for(img: &ImageRecord, input: &str) -> String {
    let Ok(parsed) = reference::parse(input) else {
        return img
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| input.to_string());
    };
    let r = &parsed.reference;
    if r.digest.is_some() {
        return if parsed.short {
            img.digests
                .iter()
                .find(|d| d.contains(&format!("/{}@", parsed.path)))
                .cloned()
                .unwrap_or_else(|| input.to_string())
        } else {
            r.to_string()
        };
    }
    let tag = r.tag.as_deref().unwrap_or("latest");
    let want = format!("/{}:{tag}", parsed.path);
    img.names
        .iter()
        .find(|n| **n == r.name() || (parsed.short && n.ends_with(&want)))
        .or(img.names.first())
        .cloned()
        .unwrap_or_else(|| input.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: format!("sha256:{id}"),
            names: names.iter().map(|s| s.to_string()).collect(),
            digests: vec![format!("quay.io/a/b@sha256:{}", "d".repeat(64))],
            manifest_digest: format!("sha256:{}", "d".repeat(64)),
            manifest_media_type: String::new(),
            layers: vec![],
            size: 0,
            created: None,
            stored_at: 0,
        }
    }

    #[test]
    fn finds_by_name_short_name_id_and_digest() {
        let a = "a".repeat(64);
        let b = format!("ab{}", "b".repeat(62));
        let idx = Index {
            images: vec![
                rec(&a, &["docker.io/library/busybox:latest"]),
                rec(&b, &["127.0.0.1:5000/httpd:latest", "quay.io/a/b:v1"]),
            ],
        };
        let s = vec!["docker.io".to_string()];
        assert_eq!(find(&idx, "busybox", &s).unwrap().id, format!("sha256:{a}"));
        assert_eq!(
            find(&idx, "docker.io/busybox:latest", &s).unwrap().id,
            format!("sha256:{a}")
        );
        assert_eq!(find(&idx, "httpd", &s).unwrap().id, format!("sha256:{b}"));
        assert_eq!(
            find(&idx, "127.0.0.1:5000/httpd", &s).unwrap().id,
            format!("sha256:{b}")
        );
        assert_eq!(find(&idx, "abb", &s).unwrap().id, format!("sha256:{b}"));
        assert!(matches!(
            find(&idx, "a", &s),
            Err(StoreError::UnknownImage(_))
        ));
        assert!(find(&idx, "aaa", &s).is_ok());
        assert!(find(&idx, "httpd:v2", &s).is_err());
        assert!(find(&idx, "nginx", &s).is_err());
        let by_digest = format!("quay.io/a/b@sha256:{}", "d".repeat(64));
        assert!(find(&idx, &by_digest, &s).is_ok());
    }

    #[test]
    fn ambiguous_prefix_is_an_error() {
        let idx = Index {
            images: vec![
                rec(&"a".repeat(64), &[]),
                rec(&format!("aaa{}", "c".repeat(61)), &[]),
            ],
        };
        assert!(matches!(
            find(&idx, "aaa", &[]),
            Err(StoreError::Ambiguous { .. })
        ));
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn the_full_name_an_input_means() {
        let img = ImageRecord {
            id: format!("sha256:{}", "a".repeat(64)),
            names: vec![
                "docker.io/library/busybox:latest".into(),
                "reg:5000/x/busybox:1".into(),
            ],
            digests: vec![format!("reg:5000/x/busybox@sha256:{}", "d".repeat(64))],
            manifest_digest: format!("sha256:{}", "d".repeat(64)),
            manifest_media_type: String::new(),
            layers: vec![],
            size: 0,
            created: None,
            stored_at: 0,
        };
        assert_eq!(
            name_for(&img, "busybox"),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(name_for(&img, "busybox:1"), "reg:5000/x/busybox:1");
        assert_eq!(
            name_for(&img, "reg:5000/x/busybox:1"),
            "reg:5000/x/busybox:1"
        );
        assert_eq!(
            name_for(&img, "aaaaaaaaaaaa"),
            "docker.io/library/busybox:latest"
        );
        let d = format!("reg:5000/x/busybox@sha256:{}", "d".repeat(64));
        assert_eq!(name_for(&img, &d), d);
    }
}
