//! Unpack one layer (a tar stream, possibly gzip or zstd compressed) into a directory, as an overlay
//! lower layer: whiteouts become 0/0 character devices, opaque markers become the
//! `user.overlay.opaque` xattr (userxattr form, plus fuse-overlayfs' own name).
//!
//! The layer is untrusted. Every path is resolved with openat2(RESOLVE_IN_ROOT) against the layer
//! directory, so `..`, absolute paths, absolute or relative symlinks and hardlink targets can never
//! reach outside it: the kernel treats the layer directory as `/` for every lookup. Entries are then
//! created relative to that resolved parent with *at() calls that do not follow the final component.

mod entries;
mod fsops;

pub(crate) use fsops::remove_at;

use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use entries::Unpacker;

#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("reading the layer stream")]
    Read(#[source] io::Error),
    #[error("layer entry {path:?}: {op}")]
    Entry {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error(
        "layer entry {path:?} is owned by {uid}:{gid}, outside the {mapped} ids mapped for this user; \
         give the user a larger range in /etc/subuid and /etc/subgid (65536 ids is the usual size)"
    )]
    Unmapped {
        path: PathBuf,
        uid: u64,
        gid: u64,
        mapped: u64,
    },
    #[error("opening the layer directory {path}")]
    Root {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Layer compression, sniffed from the stream's first bytes (media types lie: "foreign" layers,
/// uncompressed blobs labelled gzip).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

pub fn sniff(head: &[u8]) -> Compression {
    match head {
        [0x1f, 0x8b, ..] => Compression::Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
        _ => Compression::None,
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct UnpackReport {
    /// sha256 of the uncompressed tar: the layer's diff id.
    pub diff_id: String,
    /// Uncompressed size in bytes.
    pub size: u64,
    pub entries: u64,
    /// Entries whose owner could not be set (single-id mapping).
    pub chown_skipped: u64,
    /// Device nodes skipped (cannot be created in a user namespace).
    pub devices_skipped: u64,
}

#[derive(Debug, Clone, Copy)]
pub struct UnpackOptions {
    /// Owners other than 0 cannot be set (single-id mapping): keep going and count them.
    pub single_id: bool,
    /// How many container ids are mapped (for the error message).
    pub mapped_ids: u64,
}

/// Decompression bomb caps: a layer may not decompress to more than `MAX_LAYER_SIZE`, nor, past
/// `RATIO_FLOOR` bytes, to more than `MAX_RATIO` times what was read of its compressed stream.
/// Real layers compress 2-10x; only a file of zeros gets near 1000x.
pub const MAX_LAYER_SIZE: u64 = 64 << 30;
pub const RATIO_FLOOR: u64 = 256 << 20;
pub const MAX_RATIO: u64 = 100;
/// What may follow a tar's end marker (tar pads to its record size, 10 KiB by default).
const TRAILER_MAX: u64 = 1 << 20;

/// Counts the compressed bytes read.
struct Counting<R> {
    inner: R,
    count: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Decompress, hash and unpack `input` into `dest` (an existing, empty directory).
pub fn unpack_stream(
    input: impl Read,
    dest: &Path,
    opts: UnpackOptions,
) -> Result<UnpackReport, UnpackError> {
    let compressed = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let input = Counting {
        inner: input,
        count: compressed.clone(),
    };
    let mut buffered = BufReader::with_capacity(256 * 1024, input);
    let head = buffered.fill_buf().map_err(UnpackError::Read)?;
    let tar_stream: Box<dyn Read> = match sniff(head) {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => {
            Box::new(zstd::stream::read::Decoder::with_buffer(buffered).map_err(UnpackError::Read)?)
        }
        Compression::None => Box::new(buffered),
    };
    let mut hashing = HashingReader {
        inner: tar_stream,
        hasher: Sha256::new(),
        count: 0,
        compressed: Some(compressed),
    };
    let mut u = Unpacker::new(dest, opts)?;
    {
        let mut archive = tar::Archive::new(&mut hashing);
        let entries = archive.entries().map_err(UnpackError::Read)?;
        for entry in entries {
            let entry = entry.map_err(UnpackError::Read)?;
            u.entry(entry)?;
        }
    }
    // The diff id covers the whole tar, including the zero blocks after the end marker (a
    // record's padding: kilobytes; more is a stream that does not end, refused).
    io::copy(&mut (&mut hashing).take(TRAILER_MAX), &mut io::sink()).map_err(UnpackError::Read)?;
    let mut more = [0u8; 1];
    if hashing.read(&mut more).map_err(UnpackError::Read)? > 0 {
        return Err(UnpackError::Read(io::Error::other(format!(
            "more than {} KiB of data after the end of the tar archive: refused",
            TRAILER_MAX >> 10
        ))));
    }
    u.finish()?;
    let digest = hashing.hasher.finalize();
    u.report.diff_id = format!("sha256:{}", hex(&digest));
    u.report.size = hashing.count;
    Ok(u.report)
}

pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
    /// The compressed bytes read so far (None: not compressed, no ratio to watch).
    compressed: Option<std::rc::Rc<std::cell::Cell<u64>>>,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        let inp = self
            .compressed
            .as_ref()
            .map_or(self.count, |c| c.get().max(1));
        if self.count > MAX_LAYER_SIZE
            || (self.count > RATIO_FLOOR && self.count > inp.saturating_mul(MAX_RATIO))
        {
            return Err(io::Error::other(format!(
                "the layer decompresses to more than {} MiB from {} KiB of its compressed stream \
                 (over {MAX_RATIO}x, or over {} GiB in all): refused as a decompression bomb",
                self.count >> 20,
                inp >> 10,
                MAX_LAYER_SIZE >> 30
            )));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
