//! A container's log: podman's log drivers. `k8s-file` (the default) writes one record per line,
//! `2024-01-01T00:00:00.000000000Z stdout F text` (a line cut by a full buffer is `P`, partial),
//! rotated at `max-size` into `PATH.1` .. `PATH.N` (`max-file`) between whole records, so no line
//! is lost or split; `journald` sends each line to the journal; `none` keeps nothing;
//! `passthrough` gives the container the caller's own stdio (foreground only).

use std::io::Write;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::state::ContainerStore;

const JOURNAL_SOCKET: &str = "/run/systemd/journal/socket";

/// `--log-driver` and `--log-opt`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogConfig {
    /// k8s-file (also the empty default), journald, none, passthrough.
    #[serde(default)]
    pub driver: String,
    /// `path=`: the log file instead of the container's dir.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// `max-size=`: rotate when the file would grow past this many bytes.
    #[serde(default)]
    pub max_size: Option<u64>,
    /// `max-file=`: rotated files kept (default 1).
    #[serde(default)]
    pub max_file: Option<u32>,
    /// `tag=`: the journal's SYSLOG_IDENTIFIER (default: the container's short id).
    #[serde(default)]
    pub tag: Option<String>,
}

impl LogConfig {
    /// From `--log-driver` and `--log-opt KEY=VALUE`s, checked.
    pub fn parse(driver: &str, opts: &[String], detached: bool) -> anyhow::Result<LogConfig> {
        let driver = match driver {
            "" | "k8s-file" => "k8s-file",
            "journald" => {
                if !Path::new(JOURNAL_SOCKET).exists() {
                    anyhow::bail!(
                        "--log-driver journald: systemd-journald is not running here (no \
                         {JOURNAL_SOCKET}); use k8s-file"
                    );
                }
                "journald"
            }
            "none" => "none",
            "passthrough" => {
                if detached {
                    anyhow::bail!(
                        "--log-driver passthrough gives the container skiff's own stdio: it works \
                         in the foreground only, not with -d"
                    );
                }
                "passthrough"
            }
            other => anyhow::bail!(
                "invalid --log-driver {other:?}: k8s-file, journald, none or passthrough"
            ),
        };
        let mut c = LogConfig {
            driver: driver.into(),
            ..Default::default()
        };
        for o in opts {
            let (k, v) = o
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("invalid --log-opt {o:?}: use KEY=VALUE"))?;
            match k {
                "path" => {
                    if !v.starts_with('/') {
                        anyhow::bail!("--log-opt path={v}: give an absolute path");
                    }
                    c.path = Some(PathBuf::from(v));
                }
                "max-size" => {
                    let n = super::specflags::parse_size(v)
                        .filter(|n| *n >= 1024)
                        .ok_or_else(|| {
                            anyhow::anyhow!("--log-opt max-size={v}: a size of at least 1k")
                        })?;
                    c.max_size = Some(n);
                }
                "max-file" => {
                    let n: u32 = v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        anyhow::anyhow!("--log-opt max-file={v}: a number of at least 1")
                    })?;
                    c.max_file = Some(n);
                }
                "tag" => c.tag = Some(v.to_string()),
                other => {
                    anyhow::bail!("invalid --log-opt {other:?}: path, max-size, max-file or tag")
                }
            }
        }
        Ok(c)
    }
}

/// The log file of a container.
pub fn log_path(store: &ContainerStore, id: &str, config: &LogConfig) -> PathBuf {
    config
        .path
        .clone()
        .unwrap_or_else(|| store.path(id).join("ctr.log"))
}

/// The files of a log, oldest first: `PATH.N` .. `PATH.1`, `PATH`.
pub fn log_files(path: &Path) -> Vec<PathBuf> {
    let mut rotated: Vec<(u32, PathBuf)> = Vec::new();
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
        let prefix = format!("{}.", name.to_string_lossy());
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if let Some(k) = n.strip_prefix(&prefix).and_then(|k| k.parse::<u32>().ok()) {
                rotated.push((k, e.path()));
            }
        }
    }
    rotated.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out: Vec<PathBuf> = rotated.into_iter().map(|(_, p)| p).collect();
    out.push(path.to_path_buf());
    out
}

/// The inode of `p`, 0 when it does not exist.
fn inode(p: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).map(|m| m.ino()).unwrap_or(0)
}

/// The files of a log with their inodes, oldest first, from two identical listings in a row (a
/// rotation renames files while we list them).
fn stable_listing(path: &Path) -> Vec<(PathBuf, u64)> {
    let snap = || {
        log_files(path)
            .into_iter()
            .map(|p| {
                let i = inode(&p);
                (p, i)
            })
            .collect::<Vec<_>>()
    };
    let mut a = snap();
    for _ in 0..50 {
        let b = snap();
        if a == b {
            break;
        }
        a = b;
    }
    a
}

/// The log file that follows the one with inode `after` (the oldest file with `None`, or when
/// `after` was rotated away), opened and checked to be the file listed. `None` when `after` is the
/// current file, or when the log has no file yet.
pub fn open_after(path: &Path, after: Option<u64>) -> Option<std::fs::File> {
    use std::os::unix::fs::MetadataExt;
    for _ in 0..40 {
        let list = stable_listing(path);
        let next = match after {
            Some(ino) => list
                .iter()
                .position(|(_, i)| *i == ino)
                .map_or(0, |k| k + 1),
            None => 0,
        };
        let (p, want) = list.get(next)?;
        if *want != 0 {
            if let Ok(f) = std::fs::File::open(p) {
                if f.metadata().is_ok_and(|m| m.ino() == *want) {
                    return Some(f);
                }
            }
        } else if after.is_none() && list.len() == 1 {
            // No file at all yet.
            return None;
        }
        // Renamed or being replaced as we looked (a rotation): look again.
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    None
}

/// `file` is no longer the log's current file: a rotation renamed it and its writer moved on, so
/// nothing more will be written to it.
pub fn is_rotated(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.ino() != b.ino(),
        _ => false,
    }
}

/// Reads a k8s-file log from its oldest file on, following it across rotations: every record
/// once, in order, even while the writer renames files under it.
pub struct LogFollower {
    path: PathBuf,
    file: Option<std::fs::File>,
    pos: u64,
}

impl LogFollower {
    pub fn new(path: &Path) -> Self {
        LogFollower {
            path: path.to_path_buf(),
            file: open_after(path, None),
            pos: 0,
        }
    }

    /// What was written since the last call: whole records only, unless `partial` (the writer
    /// is gone, so a last line without its newline is all there will be).
    pub fn poll(&mut self, partial: bool) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        use std::os::unix::fs::MetadataExt;
        let mut out = Vec::new();
        loop {
            if self.file.is_none() {
                self.file = open_after(&self.path, None);
            }
            let Some(file) = self.file.as_mut() else {
                return Ok(out);
            };
            // Checked before reading: a rotated file is final, so what we read is all of it.
            let done = is_rotated(file, &self.path);
            file.seek(SeekFrom::Start(self.pos))?;
            let mut more = Vec::new();
            file.read_to_end(&mut more)?;
            if done {
                out.extend_from_slice(&more);
                self.pos += more.len() as u64;
                match open_after(&self.path, Some(file.metadata()?.ino())) {
                    Some(next) => {
                        self.file = Some(next);
                        self.pos = 0;
                        continue;
                    }
                    None => return Ok(out),
                }
            }
            let complete = if partial {
                more.len()
            } else {
                more.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)
            };
            out.extend_from_slice(&more[..complete]);
            self.pos += complete as u64;
            return Ok(out);
        }
    }
}

enum Sink {
    File {
        /// Opened at the first record: a container that prints nothing costs no file.
        file: Option<std::fs::File>,
        path: PathBuf,
        size: u64,
        max_size: Option<u64>,
        max_file: u32,
    },
    Journal {
        sock: UnixDatagram,
        fields: String,
    },
    Discard,
}

/// Writes a container's output to its log driver.
pub struct LogWriter {
    sink: Sink,
    pending: [Vec<u8>; 2],
}

impl LogWriter {
    pub fn open_with(
        path: &Path,
        config: &LogConfig,
        id: &str,
        name: &str,
    ) -> std::io::Result<LogWriter> {
        let sink = match config.driver.as_str() {
            "none" | "passthrough" => Sink::Discard,
            "journald" => {
                let sock = UnixDatagram::unbound()?;
                sock.connect(JOURNAL_SOCKET)?;
                let tag = config
                    .tag
                    .clone()
                    .unwrap_or_else(|| id.chars().take(12).collect());
                Sink::Journal {
                    sock,
                    fields: format!(
                        "CONTAINER_ID_FULL={id}\nCONTAINER_ID={}\nCONTAINER_NAME={name}\n\
                         SYSLOG_IDENTIFIER={tag}\n",
                        &id[..id.len().min(12)]
                    ),
                }
            }
            _ => {
                // Writable now (the error belongs to the start), created at the first record.
                if let Some(dir) = path.parent() {
                    if !dir.is_dir() {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            format!("no directory {}", dir.display()),
                        ));
                    }
                }
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                Sink::File {
                    file: None,
                    path: path.to_path_buf(),
                    size,
                    max_size: config.max_size,
                    max_file: config.max_file.unwrap_or(1),
                }
            }
        };
        Ok(LogWriter {
            sink,
            pending: [Vec::new(), Vec::new()],
        })
    }

    /// `stream` 0 = stdout, 1 = stderr.
    pub fn write(&mut self, stream: usize, data: &[u8]) {
        if matches!(self.sink, Sink::Discard) {
            return;
        }
        self.pending[stream].extend_from_slice(data);
        let mut records: Vec<(bool, Vec<u8>)> = Vec::new();
        while let Some(pos) = self.pending[stream].iter().position(|b| *b == b'\n') {
            let mut line: Vec<u8> = self.pending[stream].drain(..=pos).collect();
            line.pop();
            records.push((false, line));
        }
        if self.pending[stream].len() >= 16 * 1024 {
            records.push((true, std::mem::take(&mut self.pending[stream])));
        }
        for (partial, line) in records {
            self.emit(stream, partial, &line);
        }
    }

    fn emit(&mut self, stream: usize, partial: bool, line: &[u8]) {
        let name = if stream == 0 { "stdout" } else { "stderr" };
        match &mut self.sink {
            Sink::Discard => {}
            Sink::Journal { sock, fields } => {
                // The native protocol: KEY=VALUE lines; a message with newlines would need the
                // binary form, and a log line has none.
                let mut msg = fields.clone().into_bytes();
                msg.extend_from_slice(b"MESSAGE=");
                msg.extend_from_slice(line);
                msg.extend_from_slice(
                    format!("\nPRIORITY={}\n", if stream == 0 { 6 } else { 3 }).as_bytes(),
                );
                let _ = sock.send(&msg);
            }
            Sink::File {
                file,
                path,
                size,
                max_size,
                max_file,
            } => {
                let mut rec = format!(
                    "{} {name} {} ",
                    crate::cli::format::rfc3339_nanos_now(),
                    if partial { "P" } else { "F" }
                )
                .into_bytes();
                rec.extend_from_slice(line);
                rec.push(b'\n');
                if max_size.is_some_and(|m| *size > 0 && *size + rec.len() as u64 > m) {
                    if let Ok(f) = rotate(path, *max_file) {
                        *file = Some(f);
                        *size = 0;
                    }
                }
                if file.is_none() {
                    *file = std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(&*path)
                        .ok();
                }
                if let Some(f) = file {
                    if f.write_all(&rec).is_ok() {
                        *size += rec.len() as u64;
                    }
                }
            }
        }
    }

    /// Write what is left of unterminated lines (as partial records).
    pub fn flush_partial(&mut self) {
        for stream in 0..2 {
            if !self.pending[stream].is_empty() {
                let part = std::mem::take(&mut self.pending[stream]);
                self.emit(stream, true, &part);
            }
        }
    }
}

/// `PATH.(N-1)` -> `PATH.N`, ..., `PATH` -> `PATH.1`; a new, empty `PATH`.
fn rotate(path: &Path, max_file: u32) -> std::io::Result<std::fs::File> {
    let numbered = |n: u32| {
        let mut s = path.as_os_str().to_os_string();
        s.push(format!(".{n}"));
        PathBuf::from(s)
    };
    let _ = std::fs::remove_file(numbered(max_file));
    for n in (1..max_file).rev() {
        let _ = std::fs::rename(numbered(n), numbered(n + 1));
    }
    std::fs::rename(path, numbered(1))?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_keeps_every_line_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let config = LogConfig::parse(
            "k8s-file",
            &["max-size=1k".into(), "max-file=100".into()],
            true,
        )
        .unwrap();
        let mut w = LogWriter::open_with(&path, &config, "id", "name").unwrap();
        for i in 0..200 {
            w.write(i % 2, format!("line {i:03}\n").as_bytes());
        }
        w.flush_partial();
        let files = log_files(&path);
        assert!(files.len() > 5, "{files:?}");
        let mut lines = Vec::new();
        for f in &files {
            assert!(std::fs::metadata(f).unwrap().len() <= 1024);
            for l in std::fs::read_to_string(f).unwrap().lines() {
                lines.push(l.rsplit(' ').next().unwrap().to_string());
            }
        }
        let want: Vec<String> = (0..200).map(|i| format!("{i:03}")).collect();
        assert_eq!(lines, want);
        // max-file bounds the rotated files.
        let two = LogConfig::parse("", &["max-size=1k".into(), "max-file=2".into()], true).unwrap();
        let p2 = dir.path().join("two.log");
        let mut w = LogWriter::open_with(&p2, &two, "id", "name").unwrap();
        for i in 0..200 {
            w.write(0, format!("line {i:03}\n").as_bytes());
        }
        assert_eq!(log_files(&p2).len(), 3);
        assert!(LogConfig::parse("passthrough", &[], true).is_err());
        assert!(LogConfig::parse("k8s-file", &["max-size=1".into()], true).is_err());
        assert!(LogConfig::parse("gelf", &[], false).is_err());
    }

    /// A reader walking the chain while the writer rotates under it sees every line once, in
    /// order (the CI race: a file read, written to and rotated before the rotation was noticed).
    #[test]
    fn follower_keeps_up_with_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let config =
            LogConfig::parse("", &["max-size=1k".into(), "max-file=1000".into()], true).unwrap();
        let mut w = LogWriter::open_with(&path, &config, "id", "n").unwrap();
        w.write(0, b"line 00000\n");
        let n = 4000;
        let writer = std::thread::spawn(move || {
            for i in 1..n {
                w.write(0, format!("line {i:05}\n").as_bytes());
                if i % 50 == 0 {
                    std::thread::yield_now();
                }
            }
        });
        let mut follower = LogFollower::new(&path);
        let mut got = Vec::new();
        let mut last = std::time::Instant::now();
        while last.elapsed() < std::time::Duration::from_secs(1) {
            let more = follower.poll(false).unwrap();
            if !more.is_empty() {
                last = std::time::Instant::now();
            }
            got.extend(more);
        }
        writer.join().unwrap();
        let text = String::from_utf8(got).unwrap();
        let seen: Vec<&str> = text
            .lines()
            .map(|l| l.rsplit(' ').next().unwrap())
            .collect();
        let want: Vec<String> = (0..n).map(|i| format!("{i:05}")).collect();
        assert_eq!(seen.len(), want.len());
        assert!(seen.iter().zip(&want).all(|(a, b)| a == b));
    }
}
