//! Image archives on disk: a tar read by member name (an index of offsets, then seeks), compressed
//! archives and stdin spooled to a temp file first, and the helpers save and load share (media
//! types, compression sniffing, digests).

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sha2::Digest;

pub const GZIP_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const ZSTD_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
pub const TAR_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
pub const DOCKER_GZIP_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// JSON members (manifests, configs, indexes) larger than this are refused.
pub const MAX_JSON: u64 = 16 << 20;
/// Layers per image accepted from an archive.
pub const MAX_LAYERS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// What the first bytes say.
pub fn sniff(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

pub fn layer_media_type(c: Compression) -> &'static str {
    match c {
        Compression::None => TAR_LAYER,
        Compression::Gzip => GZIP_LAYER,
        Compression::Zstd => ZSTD_LAYER,
    }
}

/// The compression a layer media type names (docker's and OCI's).
pub fn compression_of(media_type: &str) -> Compression {
    if media_type.ends_with("gzip") {
        Compression::Gzip
    } else if media_type.ends_with("zstd") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    super::unpack::hex(&sha2::Sha256::digest(data))
}

/// A reader that decompresses what `c` says.
pub fn decoder<'a>(r: impl Read + 'a, c: Compression) -> anyhow::Result<Box<dyn Read + 'a>> {
    Ok(match c {
        Compression::None => Box::new(r),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(r)?),
    })
}

/// A tar file read by member name.
pub struct TarFile {
    file: File,
    path: PathBuf,
    members: HashMap<String, (u64, u64)>,
}

/// `./a/b` and `a/b` are the same member.
fn clean(name: &str) -> String {
    name.trim_start_matches("./")
        .trim_start_matches('/')
        .to_string()
}

impl TarFile {
    /// Index the members of the (uncompressed) tar at `path`. Errors name the file.
    pub fn open(path: &Path) -> anyhow::Result<TarFile> {
        let shown = path.display();
        let file = File::open(path).with_context(|| format!("opening {shown}"))?;
        let mut members = HashMap::new();
        let mut ar = tar::Archive::new(&file);
        let entries = ar
            .entries_with_seek()
            .with_context(|| format!("{shown}: not a tar archive"))?;
        let mut any = false;
        for e in entries {
            let e = e.with_context(|| format!("{shown}: not a tar archive, or truncated"))?;
            any = true;
            if e.header().entry_type().is_file() {
                let name = clean(&e.path()?.to_string_lossy());
                members.insert(name, (e.raw_file_position(), e.size()));
            }
        }
        if !any {
            bail!("{shown}: an empty archive (or not a tar archive)");
        }
        // A member that claims more than the file holds: truncated.
        let len = file.metadata()?.len();
        if let Some((n, _)) = members.iter().find(|(_, (off, size))| off + size > len) {
            bail!("{shown}: truncated archive (member {n} ends past the end of the file)");
        }
        Ok(TarFile {
            file,
            path: path.to_path_buf(),
            members,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.members.contains_key(&clean(name))
    }

    fn member(&self, name: &str) -> anyhow::Result<(u64, u64)> {
        self.members.get(&clean(name)).copied().ok_or_else(|| {
            anyhow::anyhow!(
                "{}: the archive has no member {name} (its manifest names it)",
                self.path.display()
            )
        })
    }

    /// A small member (JSON), whole.
    pub fn read(&self, name: &str) -> anyhow::Result<Vec<u8>> {
        let (off, size) = self.member(name)?;
        if size > MAX_JSON {
            bail!(
                "{}: member {name} is {size} bytes: too large for metadata",
                self.path.display()
            );
        }
        let mut f = &self.file;
        f.seek(SeekFrom::Start(off))?;
        let mut buf = vec![0u8; size as usize];
        f.read_exact(&mut buf)
            .with_context(|| format!("{}: reading {name}", self.path.display()))?;
        Ok(buf)
    }

    /// Copy a member into `dst`, returning its sha256 hex, size and compression.
    pub fn extract(&self, name: &str, dst: &Path) -> anyhow::Result<(String, u64, Compression)> {
        let (off, size) = self.member(name)?;
        let mut f = &self.file;
        f.seek(SeekFrom::Start(off))?;
        let mut src = f.take(size);
        let mut out = File::create(dst).with_context(|| format!("creating {}", dst.display()))?;
        let mut hasher = sha2::Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut head = Vec::new();
        let mut total = 0u64;
        loop {
            let n = src.read(&mut buf)?;
            if n == 0 {
                break;
            }
            if head.len() < 8 {
                head.extend_from_slice(&buf[..n.min(8)]);
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            total += n as u64;
        }
        if total != size {
            bail!("{}: member {name} is truncated", self.path.display());
        }
        Ok((super::unpack::hex(&hasher.finalize()), size, sniff(&head)))
    }
}

/// The archive at `input` (or stdin when None) as a plain tar file: a compressed archive or a
/// stream is first written, decompressed, to a temp file in `tmpdir` (removed on drop).
pub struct Spooled {
    pub path: PathBuf,
    temp: Option<PathBuf>,
}

impl Drop for Spooled {
    fn drop(&mut self) {
        if let Some(t) = &self.temp {
            let _ = std::fs::remove_file(t);
        }
    }
}

pub fn spool(input: Option<&Path>, tmpdir: &Path) -> anyhow::Result<Spooled> {
    let mut head = [0u8; 4];
    let (mut reader, shown): (Box<dyn Read>, String) = match input {
        Some(p) => {
            let mut f = File::open(p).with_context(|| format!("opening {}", p.display()))?;
            let n = f.read(&mut head)?;
            if sniff(&head[..n]) == Compression::None {
                return Ok(Spooled {
                    path: p.to_path_buf(),
                    temp: None,
                });
            }
            f.seek(SeekFrom::Start(0))?;
            (
                Box::new(std::io::BufReader::new(f)),
                p.display().to_string(),
            )
        }
        None => (Box::new(std::io::stdin().lock()), "stdin".into()),
    };
    // Peek at the stream's first bytes for its compression, then chain them back.
    let mut first = Vec::new();
    (&mut reader).take(4).read_to_end(&mut first)?;
    let c = sniff(&first);
    let chained = std::io::Cursor::new(first).chain(reader);
    let mut dec = decoder(chained, c)?;
    std::fs::create_dir_all(tmpdir)?;
    let tmp = tmpdir.join(format!(
        "archive-{}-{}",
        std::process::id(),
        crate::state::names::random_id()
    ));
    let spooled = Spooled {
        path: tmp.clone(),
        temp: Some(tmp.clone()),
    };
    let mut out = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    std::io::copy(&mut dec, &mut out)
        .with_context(|| format!("reading the archive from {shown}"))?;
    Ok(spooled)
}
