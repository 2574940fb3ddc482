//! `save`: images from the store into an archive or directory that other tools load:
//! docker-archive (docker's legacy layout: `manifest.json`, `<diffid>/layer.tar`, several images
//! in one file), oci-archive and oci-dir (an OCI image layout; the layers as the store keeps them,
//! the pulled manifest reused when it is OCI already), docker-dir (containers/image's `dir:`).

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{bail, Context};
use serde_json::json;

use super::archive::{self, Compression};
use super::manifest::{self, Descriptor};
use super::store::{ImageRecord, LayerRecord, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    DockerArchive,
    OciArchive,
    OciDir,
    DockerDir,
}

impl Format {
    pub fn parse(s: &str) -> anyhow::Result<Format> {
        Ok(match s {
            "docker-archive" => Format::DockerArchive,
            "oci-archive" => Format::OciArchive,
            "oci-dir" => Format::OciDir,
            "docker-dir" => Format::DockerDir,
            other => bail!(
                "invalid --format {other:?}: docker-archive, oci-archive, oci-dir or docker-dir"
            ),
        })
    }

    pub fn is_dir(self) -> bool {
        matches!(self, Format::OciDir | Format::DockerDir)
    }
}

/// One image to save and the name it is saved under.
pub struct Item {
    pub image: ImageRecord,
    pub name: Option<String>,
}

/// The image `n` names, saved under that name when it names the image rather than its id.
pub fn item_for(idx: &super::store::Index, n: &str, search: &[String]) -> anyhow::Result<Item> {
    let image = super::store::find(idx, n, search)?.clone();
    let name = image
        .names
        .iter()
        .find(|x| {
            super::reference::parse(n)
                .map(|p| p.reference.name() == **x)
                .unwrap_or(false)
        })
        .cloned();
    Ok(Item { image, name })
}

/// Where the bytes of an entry come from.
enum Source<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
    /// A layer blob, decompressed on the way (docker-archive wants plain tars).
    Plain(&'a Path, Compression),
}

/// A tar being written, or a directory.
enum Sink {
    Tar(tar::Builder<Box<dyn Write>>),
    Dir(std::path::PathBuf),
}

impl Sink {
    fn add(&mut self, name: &str, size: u64, src: Source<'_>) -> anyhow::Result<()> {
        match self {
            Sink::Tar(b) => {
                let mut h = tar::Header::new_ustar();
                h.set_size(size);
                h.set_mode(0o644);
                h.set_mtime(0);
                h.set_entry_type(tar::EntryType::Regular);
                match src {
                    Source::Bytes(d) => b.append_data(&mut h, name, d)?,
                    Source::File(p) => b.append_data(&mut h, name, File::open(p)?)?,
                    Source::Plain(p, c) => {
                        let mut counted = Counted {
                            inner: archive::decoder(std::io::BufReader::new(File::open(p)?), c)?,
                            n: 0,
                        };
                        b.append_data(&mut h, name, &mut counted)?;
                        if counted.n != size {
                            bail!(
                                "layer {}: its blob unpacks to {} bytes, the store says {size}",
                                p.display(),
                                counted.n
                            );
                        }
                    }
                }
            }
            Sink::Dir(d) => {
                let dst = d.join(name);
                if let Some(parent) = dst.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                match src {
                    Source::Bytes(b) => std::fs::write(&dst, b)?,
                    Source::File(p) => {
                        if std::fs::hard_link(p, &dst).is_err() {
                            std::fs::copy(p, &dst)?;
                        }
                    }
                    Source::Plain(p, c) => {
                        let mut r = archive::decoder(std::io::BufReader::new(File::open(p)?), c)?;
                        std::io::copy(&mut r, &mut File::create(&dst)?)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn dir(&mut self, name: &str) -> anyhow::Result<()> {
        if let Sink::Tar(b) = self {
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(tar::EntryType::Directory);
            h.set_mode(0o755);
            h.set_size(0);
            h.set_mtime(0);
            b.append_data(&mut h, name, std::io::empty())?;
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        if let Sink::Tar(b) = self {
            let mut w = b.into_inner()?;
            w.flush()?;
        }
        Ok(())
    }
}

/// A reader that counts what passed.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
}

fn layers_of(
    store: &Store,
    img: &ImageRecord,
) -> anyhow::Result<Vec<(LayerRecord, std::path::PathBuf)>> {
    img.layers
        .iter()
        .map(|d| {
            let rec = store.layer_record(d).ok_or_else(|| {
                anyhow::anyhow!("layer {d} of {} is missing from the store", img.id)
            })?;
            let blob = store.layer_blob(d).ok_or_else(|| {
                anyhow::anyhow!(
                    "layer {} of {} was stored by an older skiff without its blob: pull the \
                     image again (`skiff pull`) to save or push it",
                    super::progress::short_digest(d),
                    img.names.first().map_or(img.id.as_str(), String::as_str)
                )
            })?;
            Ok((rec, blob))
        })
        .collect()
}

/// `--compress`: plain layers gzipped (made once per layer and kept, as for push).
fn compressed(
    store: &Store,
    layers: Vec<(LayerRecord, std::path::PathBuf)>,
) -> anyhow::Result<Vec<(LayerRecord, std::path::PathBuf)>> {
    layers
        .into_iter()
        .map(|(mut rec, path)| {
            if archive::compression_of(rec.media_type.as_deref().unwrap_or("")) != Compression::None
            {
                return Ok((rec, path));
            }
            let b = super::push::blob_for(store, &rec, Some(Compression::Gzip), None)?;
            rec.digest = b.digest;
            rec.compressed_size = b.size;
            rec.media_type = Some(archive::GZIP_LAYER.into());
            Ok((rec, b.path))
        })
        .collect()
}

/// Write `items` in `format` to `out` (a file or directory path; None: stdout).
pub fn save(
    store: &Store,
    items: &[Item],
    format: Format,
    out: Option<&Path>,
    compress: bool,
) -> anyhow::Result<()> {
    let mut sink = match (format.is_dir(), out) {
        (true, Some(d)) => {
            std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
            Sink::Dir(d.to_path_buf())
        }
        (true, None) => bail!("--format {format:?} writes a directory: give it with -o DIR"),
        (false, Some(f)) => Sink::Tar(tar::Builder::new(Box::new(
            std::io::BufWriter::with_capacity(
                1 << 20,
                File::create(f).with_context(|| format!("creating {}", f.display()))?,
            ),
        ))),
        (false, None) => {
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() {
                bail!("refusing to write an image archive to a terminal: use -o FILE or redirect stdout");
            }
            Sink::Tar(tar::Builder::new(Box::new(
                std::io::BufWriter::with_capacity(1 << 20, std::io::stdout()),
            )))
        }
    };
    match format {
        Format::DockerArchive => docker_archive(store, items, &mut sink)?,
        Format::OciArchive | Format::OciDir => oci_layout(store, items, &mut sink, compress)?,
        Format::DockerDir => docker_dir(store, items, &mut sink, compress)?,
    }
    sink.finish()
}

fn docker_archive(store: &Store, items: &[Item], sink: &mut Sink) -> anyhow::Result<()> {
    let mut manifest = Vec::new();
    let mut written = std::collections::BTreeSet::new();
    for it in items {
        let config = store.config_raw(&it.image.id)?;
        let config_name = format!("{}.json", super::store::hex_of(&it.image.id));
        if written.insert(config_name.clone()) {
            sink.add(&config_name, config.len() as u64, Source::Bytes(&config))?;
        }
        let mut layer_names = Vec::new();
        for (rec, blob) in layers_of(store, &it.image)? {
            let hex = super::store::hex_of(&rec.diff_id).to_string();
            let name = format!("{hex}/layer.tar");
            if written.insert(name.clone()) {
                sink.dir(&format!("{hex}/"))?;
                let c = archive::compression_of(rec.media_type.as_deref().unwrap_or(""));
                sink.add(&name, rec.size, Source::Plain(&blob, c))?;
            }
            layer_names.push(name);
        }
        let tags: Vec<String> = match &it.name {
            Some(n) => vec![n.clone()],
            None => it.image.names.clone(),
        };
        manifest.push(json!({ "Config": config_name, "RepoTags": tags, "Layers": layer_names }));
    }
    let m = serde_json::to_vec(&manifest)?;
    sink.add("manifest.json", m.len() as u64, Source::Bytes(&m))
}

/// The image's manifest as an OCI manifest over the store's blobs: the stored one when it is
/// OCI and names exactly those blobs, else a new one.
fn oci_manifest(
    store: &Store,
    img: &ImageRecord,
    layers: &[(LayerRecord, std::path::PathBuf)],
) -> anyhow::Result<Vec<u8>> {
    let raw = store.manifest_raw(&img.id)?;
    if let Ok(m) = serde_json::from_slice::<manifest::Manifest>(&raw) {
        let same = m.layers.len() == layers.len()
            && m.layers
                .iter()
                .zip(layers)
                .all(|(d, (r, _))| d.digest == r.digest);
        if same && img.manifest_media_type == manifest::OCI_MANIFEST {
            return Ok(raw);
        }
    }
    let config = store.config_raw(&img.id)?;
    let descs: Vec<Descriptor> = layers
        .iter()
        .map(|(r, _)| Descriptor {
            media_type: oci_layer_type(r.media_type.as_deref().unwrap_or(archive::GZIP_LAYER)),
            digest: r.digest.clone(),
            size: r.compressed_size,
            platform: None,
            annotations: None,
            urls: None,
        })
        .collect();
    Ok(serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": manifest::OCI_MANIFEST,
        "config": { "mediaType": archive::OCI_CONFIG, "digest": img.id, "size": config.len() },
        "layers": descs,
    }))?)
}

/// Docker's layer media types in OCI terms.
pub fn oci_layer_type(t: &str) -> String {
    archive::layer_media_type(archive::compression_of(t)).to_string()
}

fn oci_layout(
    store: &Store,
    items: &[Item],
    sink: &mut Sink,
    compress: bool,
) -> anyhow::Result<()> {
    let layout = br#"{"imageLayoutVersion":"1.0.0"}"#;
    sink.add("oci-layout", layout.len() as u64, Source::Bytes(layout))?;
    sink.dir("blobs/")?;
    sink.dir("blobs/sha256/")?;
    let mut written = std::collections::BTreeSet::new();
    let mut index = Vec::new();
    for it in items {
        let mut layers = layers_of(store, &it.image)?;
        if compress {
            layers = compressed(store, layers)?;
        }
        let config = store.config_raw(&it.image.id)?;
        let m = oci_manifest(store, &it.image, &layers)?;
        let m_digest = format!("sha256:{}", archive::sha256_hex(&m));
        let mut add = |digest: &str, size: u64, src: Source<'_>| -> anyhow::Result<()> {
            let name = format!("blobs/sha256/{}", super::store::hex_of(digest));
            if written.insert(name.clone()) {
                sink.add(&name, size, src)?;
            }
            Ok(())
        };
        add(&it.image.id, config.len() as u64, Source::Bytes(&config))?;
        for (rec, blob) in &layers {
            add(&rec.digest, rec.compressed_size, Source::File(blob))?;
        }
        add(&m_digest, m.len() as u64, Source::Bytes(&m))?;
        let name = it.name.clone().or_else(|| it.image.names.first().cloned());
        let mut d = json!({
            "mediaType": manifest::OCI_MANIFEST,
            "digest": m_digest,
            "size": m.len(),
        });
        if let Some(n) = name {
            d["annotations"] = json!({
                "org.opencontainers.image.ref.name": n,
                "io.containerd.image.name": n,
            });
        }
        index.push(d);
    }
    let idx = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": manifest::OCI_INDEX,
        "manifests": index,
    }))?;
    sink.add("index.json", idx.len() as u64, Source::Bytes(&idx))
}

fn docker_dir(
    store: &Store,
    items: &[Item],
    sink: &mut Sink,
    compress: bool,
) -> anyhow::Result<()> {
    let [it] = items else {
        bail!("--format docker-dir holds one image: save one image per directory");
    };
    let mut layers = layers_of(store, &it.image)?;
    if compress {
        layers = compressed(store, layers)?;
    }
    let config = store.config_raw(&it.image.id)?;
    // Docker's manifest when every layer is gzip (its only compressed layer type), else OCI's.
    let docker = layers.iter().all(|(r, _)| {
        archive::compression_of(r.media_type.as_deref().unwrap_or("")) == Compression::Gzip
    });
    let m = if docker {
        let descs: Vec<_> = layers
            .iter()
            .map(|(r, _)| json!({ "mediaType": archive::DOCKER_GZIP_LAYER, "digest": r.digest, "size": r.compressed_size }))
            .collect();
        serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": manifest::DOCKER_MANIFEST,
            "config": { "mediaType": archive::DOCKER_CONFIG, "digest": it.image.id, "size": config.len() },
            "layers": descs,
        }))?
    } else {
        oci_manifest(store, &it.image, &layers)?
    };
    let version = b"Directory Transport Version: 1.1\n";
    sink.add("version", version.len() as u64, Source::Bytes(version))?;
    sink.add(
        super::store::hex_of(&it.image.id),
        config.len() as u64,
        Source::Bytes(&config),
    )?;
    for (rec, blob) in &layers {
        sink.add(
            super::store::hex_of(&rec.digest),
            rec.compressed_size,
            Source::File(blob),
        )?;
    }
    sink.add("manifest.json", m.len() as u64, Source::Bytes(&m))
}
