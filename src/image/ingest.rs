//! Layers from local files into the store (load, import, commit): the blob is kept as it came,
//! unpacked by the same helper as a pull (inside the user namespace, every entry resolved inside
//! the layer), its diff id checked, and published by one rename.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

use super::store::{LayerRecord, Store};
use super::unpack::UnpackReport;
use crate::storage::{LockGuard, LockMode};
use crate::userns::helper::{needs_userns, spawn_mapped};
use crate::userns::IdMapping;

/// The unpack helper for one layer into `dest`, stdin and stdout piped.
pub(crate) fn spawn_unpacker(
    exe: &Path,
    mapping: &IdMapping,
    dest: &Path,
) -> anyhow::Result<std::process::Child> {
    let mut cmd = Command::new(exe);
    cmd.arg("internal-unpack")
        .arg("--dest")
        .arg(dest)
        .arg("--mapped-ids")
        .arg(
            mapping
                .uid_count()
                .min(mapping.gids.iter().map(|m| m.size as u64).sum())
                .to_string(),
        )
        .stderr(Stdio::piped());
    if needs_userns(mapping) {
        cmd.arg("--userns");
    }
    if mapping.kind == crate::userns::idmap::MappingKind::SingleId {
        cmd.arg("--single-id");
    }
    Ok(spawn_mapped(cmd, mapping)?)
}

/// What `layer_from_file` needs besides the file.
pub struct Ingest<'a> {
    pub store: &'a Store,
    pub mapping: &'a IdMapping,
    pub exe: PathBuf,
}

/// A blob as it will be kept: its digest, size and media type (gzip, zstd or plain tar).
pub struct BlobInfo {
    pub digest: String,
    pub size: u64,
    pub media_type: String,
}

impl Ingest<'_> {
    pub fn new<'a>(store: &'a Store, mapping: &'a IdMapping) -> anyhow::Result<Ingest<'a>> {
        Ok(Ingest {
            store,
            mapping,
            exe: std::env::current_exe().context("finding the skiff executable")?,
        })
    }

    /// Put the layer in `src` (a blob described by `blob`, whose uncompressed tar must hash to
    /// `diff_id`) into the store, unless it is there already. `what` names it in errors.
    pub fn layer_from_file(
        &self,
        src: &Path,
        blob: &BlobInfo,
        diff_id: &str,
        what: &str,
    ) -> anyhow::Result<LayerRecord> {
        if let Some(rec) = self.store.layer_record(diff_id) {
            return Ok(rec);
        }
        let lock = self.store.layer_lock_path(diff_id);
        let _guard = LockGuard::acquire(&lock, LockMode::Exclusive)?;
        if let Some(rec) = self.store.layer_record(diff_id) {
            return Ok(rec);
        }
        let tmp = self.store.layer_tmp(diff_id);
        crate::userns::helper::remove_paths(self.mapping, std::slice::from_ref(&tmp))?;
        let result = self.unpack_into(&tmp, src, blob, diff_id, what);
        match result {
            Ok(rec) => {
                self.store.publish_layer(&rec)?;
                Ok(rec)
            }
            Err(e) => {
                let _ = crate::userns::helper::remove_paths(self.mapping, &[tmp]);
                Err(e)
            }
        }
    }

    fn unpack_into(
        &self,
        tmp: &Path,
        src: &Path,
        blob: &BlobInfo,
        diff_id: &str,
        what: &str,
    ) -> anyhow::Result<LayerRecord> {
        let dest = tmp.join("diff");
        std::fs::create_dir_all(&dest).with_context(|| format!("creating {}", dest.display()))?;
        let kept = tmp.join("blob");
        if std::fs::hard_link(src, &kept).is_err() {
            std::fs::copy(src, &kept).with_context(|| format!("copying {what} into the store"))?;
        }
        let mut child = spawn_unpacker(&self.exe, self.mapping, &dest)?;
        let mut stdin = child.stdin.take().expect("piped");
        let mut stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let feeder = {
            let kept = kept.clone();
            std::thread::spawn(move || -> std::io::Result<u64> {
                let mut f = std::fs::File::open(&kept)?;
                std::io::copy(&mut f, &mut stdin)
            })
        };
        let err_reader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let mut out = String::new();
        stdout.read_to_string(&mut out)?;
        let fed = feeder
            .join()
            .map_err(|_| anyhow::anyhow!("the feeder thread panicked"))?;
        let status = child.wait().context("waiting for the unpack helper")?;
        let err = err_reader.join().unwrap_or_default();
        if !status.success() {
            let why = err.trim();
            let why = why.strip_prefix("Error: ").unwrap_or(why);
            bail!("unpacking {what}: {why}");
        }
        if let Err(e) = fed {
            bail!("unpacking {what}: feeding the unpack helper: {e}");
        }
        let report: UnpackReport = serde_json::from_str(out.trim())
            .with_context(|| format!("reading the unpack helper's report {out:?}"))?;
        if report.diff_id != diff_id {
            bail!(
                "{what}: its content is {} but the image config says diff id {diff_id} (the \
                 archive is corrupt or was changed)",
                report.diff_id
            );
        }
        Ok(LayerRecord {
            diff_id: diff_id.to_string(),
            digest: blob.digest.clone(),
            compressed_size: blob.size,
            size: report.size,
            media_type: Some(blob.media_type.clone()),
        })
    }
}
