//! Layers written by skiff itself (commit, import, build): a tar written to a file in the
//! store's tmp dir while its sha256 (the diff id) is computed, then stored like a pulled layer.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::Digest;

use super::archive;
use super::files::run_pack;
use super::ingest::{BlobInfo, Ingest};
use super::store::Store;
use crate::state::{Container, ContainerStore};
use crate::storage::Paths;
use crate::userns::IdMapping;

/// A file that hashes (sha256) and counts what is written to it.
pub(crate) struct HashedFile {
    pub(crate) file: std::io::BufWriter<std::fs::File>,
    pub(crate) hasher: sha2::Sha256,
    pub(crate) n: u64,
}

impl Write for HashedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.n += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

pub(crate) fn tmp_file(paths: &Paths, what: &str) -> anyhow::Result<PathBuf> {
    let dir = paths.root.join("tmp");
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join(format!(
        "{what}-{}-{}",
        std::process::id(),
        crate::state::names::random_id()
    )))
}

pub(crate) struct Remove(pub(crate) PathBuf);
impl Drop for Remove {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A tar file in the store's tmp dir as a stored layer; returns its diff id and size.
pub(crate) fn store_layer(
    paths: &Paths,
    store: &Store,
    tar: &Path,
    diff_id: &str,
    size: u64,
    what: &str,
) -> anyhow::Result<()> {
    let mapping = IdMapping::for_current_user()?;
    let ingest = Ingest::new(store, &mapping)?;
    let blob = BlobInfo {
        digest: diff_id.to_string(),
        size,
        media_type: archive::TAR_LAYER.into(),
    };
    let _ = paths;
    ingest.layer_from_file(tar, &blob, diff_id, what)?;
    Ok(())
}

/// A layer in the store made from what `write` writes (a tar); returns its diff id.
pub(crate) fn layer_from_writer(
    paths: &Paths,
    store: &Store,
    what: &str,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<String> {
    let tar = tmp_file(paths, "layer")?;
    let _cleanup = Remove(tar.clone());
    let mut out = HashedFile {
        file: std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tar)?),
        hasher: sha2::Sha256::new(),
        n: 0,
    };
    write(&mut out)?;
    out.flush()?;
    let diff_id = format!("sha256:{}", super::unpack::hex(&out.hasher.finalize()));
    store_layer(paths, store, &tar, &diff_id, out.n, what)?;
    Ok(diff_id)
}

/// An image's whole file system (`layers`, bottom first) as a tar stream into `out`
/// (`build --output`, and `layer_of_tree`).
pub fn write_tree(
    paths: &Paths,
    store: &Store,
    layers: &[String],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mnt = paths.runroot.join(format!("tree-{}", std::process::id()));
    std::fs::create_dir_all(&mnt)?;
    let mut args: Vec<OsString> = vec!["--mode".into(), "tree".into()];
    let mut top_first = layers.iter().rev();
    let top = top_first
        .next()
        .ok_or_else(|| anyhow::anyhow!("an image without layers has no file system to write"))?;
    args.push("--dir".into());
    args.push(store.layer_diff(top).into());
    for l in top_first {
        args.push("--lower".into());
        args.push(store.layer_diff(l).into());
    }
    args.push("--mnt".into());
    args.push(mnt.clone().into());
    let r = run_pack(&IdMapping::for_current_user()?, args, out);
    let _ = std::fs::remove_dir(&mnt);
    r
}

/// An image's whole file system (`layers`, bottom first) as one layer (`build --squash-all`).
pub(crate) fn layer_of_tree(
    paths: &Paths,
    store: &Store,
    layers: &[String],
) -> anyhow::Result<String> {
    layer_from_writer(paths, store, "the squashed image", |out| {
        write_tree(paths, store, layers, out)
    })
}

/// What `top` (layers, bottom first) changed over `base` (a prefix of it), as one layer
/// (`build --squash`).
pub(crate) fn layer_of_delta(
    paths: &Paths,
    store: &Store,
    base: &[String],
    top: &[String],
) -> anyhow::Result<String> {
    let mnt = paths.runroot.join(format!("delta-{}", std::process::id()));
    std::fs::create_dir_all(&mnt)?;
    let r = layer_from_writer(paths, store, "the squashed layers", |out| {
        let mut args: Vec<OsString> = vec![
            "--mode".into(),
            "delta".into(),
            "--dir".into(),
            mnt.clone().into(),
            "--mnt".into(),
            mnt.clone().into(),
        ];
        for (flag, list) in [("--a-layer", base), ("--b-layer", top)] {
            for l in list.iter().rev() {
                args.push(flag.into());
                args.push(store.layer_diff(l).into());
            }
        }
        run_pack(&IdMapping::for_current_user()?, args, out)
    });
    let _ = std::fs::remove_dir(mnt.join("a"));
    let _ = std::fs::remove_dir(mnt.join("b"));
    let _ = std::fs::remove_dir(&mnt);
    r
}

/// The container's changes (its upper dir) as a layer in the store; returns its diff id.
pub(crate) fn layer_of_container(
    paths: &Paths,
    store: &Store,
    cstore: &ContainerStore,
    c: &Container,
    exclude: &[String],
    clamp_mtime: Option<u64>,
) -> anyhow::Result<String> {
    layer_from_writer(paths, store, &format!("the changes of {}", c.name), |out| {
        let mut args: Vec<OsString> = vec![
            "--mode".into(),
            "layer".into(),
            "--dir".into(),
            cstore.path(&c.id).join("upper").into(),
        ];
        for e in exclude {
            args.push("--exclude".into());
            args.push(e.into());
        }
        if let Some(t) = clamp_mtime {
            args.push("--clamp-mtime".into());
            args.push(t.to_string().into());
        }
        run_pack(&c.spec.mapping, args, out)
    })
}
