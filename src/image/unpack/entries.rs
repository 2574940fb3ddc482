//! Creating one tar entry at a time inside the layer directory, every lookup confined to it by
//! openat2(RESOLVE_IN_ROOT).

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, XattrFlags};
use rustix::io::Errno;

use super::fsops::{ioerr, open_dir_here, remove_at, times, xattrs};
use super::{UnpackError, UnpackOptions, UnpackReport};

const RESOLVE: ResolveFlags = ResolveFlags::IN_ROOT.union(ResolveFlags::NO_MAGICLINKS);
const WHITEOUT_PREFIX: &str = ".wh.";
const OPAQUE_MARKER: &str = ".wh..wh..opq";

pub(super) struct Unpacker {
    root: OwnedFd,
    opts: UnpackOptions,
    pub(super) report: UnpackReport,
    /// Directories whose mtime must be set once all their entries are written.
    dir_times: Vec<(PathBuf, u64)>,
    /// The directories on the way to the last entry's parent: `chain[i]` is the directory named by
    /// the first i+1 components of `chain_path`. Tar streams list a directory's entries together, so
    /// this hits almost always, and it holds at most one descriptor per level of the path, however
    /// many directories the layer has. Dropped whenever an entry removes something, so a cached fd
    /// always is the directory its path names now.
    chain: Vec<OwnedFd>,
    chain_path: Vec<OsString>,
    copy_buf: Vec<u8>,
}

/// Normalise a tar path: drop `.`, leading `/`; keep `..` (resolved safely by openat2 IN_ROOT).
fn clean(p: &Path) -> PathBuf {
    p.components()
        .filter(|c| {
            !matches!(
                c,
                Component::CurDir | Component::RootDir | Component::Prefix(_)
            )
        })
        .collect()
}

impl Unpacker {
    pub(super) fn new(dest: &Path, opts: UnpackOptions) -> Result<Unpacker, UnpackError> {
        let root = rustix::fs::open(
            dest,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| UnpackError::Root {
            path: dest.to_path_buf(),
            source: ioerr(e),
        })?;
        Ok(Unpacker {
            root,
            opts,
            report: UnpackReport::default(),
            dir_times: Vec::new(),
            chain: Vec::new(),
            chain_path: Vec::new(),
            copy_buf: vec![0; 128 * 1024],
        })
    }

    pub(super) fn entry<R: Read>(&mut self, mut e: tar::Entry<R>) -> Result<(), UnpackError> {
        let raw_path = e.path().map_err(UnpackError::Read)?.into_owned();
        let path = clean(&raw_path);
        let err = |op: &'static str| {
            let p = path.clone();
            move |source: io::Error| UnpackError::Entry {
                path: p,
                op,
                source,
            }
        };
        let header = e.header().clone();
        let kind = header.entry_type();
        if matches!(
            kind,
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader | tar::EntryType::GNULongName
        ) {
            return Ok(());
        }
        self.report.entries += 1;
        let mode = header.mode().map_err(err("reading mode"))? & 0o7777;
        let uid = header.uid().map_err(err("reading uid"))?;
        let gid = header.gid().map_err(err("reading gid"))?;
        let mtime = header.mtime().unwrap_or(0);

        let (parent_path, name) = match (path.parent(), path.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_os_string()),
            _ => {
                // The layer root itself ("./"): only its metadata applies.
                if kind.is_dir() {
                    let root = self.root.try_clone().map_err(err("dup root"))?;
                    self.set_owner(&root, OsStr::new(""), uid, gid, &path)?;
                    self.dir_times.push((PathBuf::new(), mtime));
                }
                return Ok(());
            }
        };
        if name == ".." {
            return Err(UnpackError::Entry {
                path,
                op: "entry names a parent directory",
                source: io::Error::from(io::ErrorKind::InvalidInput),
            });
        }
        let parent = self
            .parent(&parent_path)
            .map_err(err("creating parent directories"))?;
        let name_bytes = name.as_bytes();

        // Whiteouts.
        if name_bytes == OPAQUE_MARKER.as_bytes() {
            let dir = rustix::fs::openat(
                &parent,
                ".",
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(ioerr)
            .map_err(err("opening opaque directory"))?;
            for attr in ["user.overlay.opaque", "user.fuseoverlayfs.opaque"] {
                rustix::fs::fsetxattr(&dir, attr, b"y", XattrFlags::empty())
                    .map_err(ioerr)
                    .map_err(err("marking directory opaque"))?;
            }
            return Ok(());
        }
        if let Some(hidden) = name_bytes.strip_prefix(WHITEOUT_PREFIX.as_bytes()) {
            let hidden = OsStr::from_bytes(hidden);
            self.remove_existing(&parent, hidden)
                .map_err(err("replacing entry with whiteout"))?;
            rustix::fs::mknodat(&parent, hidden, FileType::CharacterDevice, Mode::empty(), 0)
                .map_err(ioerr)
                .map_err(err("creating whiteout device"))?;
            return Ok(());
        }

        match kind {
            tar::EntryType::Directory => {
                match rustix::fs::mkdirat(&parent, name.as_os_str(), Mode::from_raw_mode(0o700)) {
                    Ok(()) => {}
                    Err(Errno::EXIST) => {
                        let st = rustix::fs::statat(
                            &parent,
                            name.as_os_str(),
                            AtFlags::SYMLINK_NOFOLLOW,
                        )
                        .map_err(ioerr)
                        .map_err(err("stat"))?;
                        if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
                            self.remove_existing(&parent, &name)
                                .map_err(err("replacing entry"))?;
                            rustix::fs::mkdirat(
                                &parent,
                                name.as_os_str(),
                                Mode::from_raw_mode(0o700),
                            )
                            .map_err(ioerr)
                            .map_err(err("mkdir"))?;
                        }
                    }
                    Err(e) => return Err(err("mkdir")(ioerr(e))),
                }
                self.set_owner(&parent, &name, uid, gid, &path)?;
                rustix::fs::chmodat(
                    &parent,
                    name.as_os_str(),
                    Mode::from_raw_mode(mode),
                    AtFlags::empty(),
                )
                .map_err(ioerr)
                .map_err(err("chmod"))?;
                self.set_xattrs_path(&parent, &name, &mut e, &path)?;
                self.dir_times.push((path.clone(), mtime));
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                // A sparse entry expands to its real size as it is read: bounded like a layer.
                if let Some(real) = header.as_gnu().and_then(|g| g.real_size().ok()) {
                    if kind == tar::EntryType::GNUSparse && real > super::MAX_LAYER_SIZE {
                        return Err(UnpackError::Entry {
                            path,
                            op: "sparse file larger than a layer may be (64 GiB)",
                            source: io::Error::other("refused"),
                        });
                    }
                }
                self.remove_existing(&parent, &name)
                    .map_err(err("replacing entry"))?;
                let fd = rustix::fs::openat(
                    &parent,
                    name.as_os_str(),
                    OFlags::CREATE
                        | OFlags::EXCL
                        | OFlags::WRONLY
                        | OFlags::NOFOLLOW
                        | OFlags::CLOEXEC,
                    Mode::from_raw_mode(mode & 0o777),
                )
                .map_err(ioerr)
                .map_err(err("create"))?;
                let mut file = std::fs::File::from(fd);
                // Runs of zeros become holes (sparse entries keep theirs; no disk for nothing).
                let mut len = 0u64;
                let mut holes = false;
                loop {
                    let n = match e.read(&mut self.copy_buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(x) if x.kind() == io::ErrorKind::Interrupted => continue,
                        Err(x) => return Err(UnpackError::Read(x)),
                    };
                    let chunk = &self.copy_buf[..n];
                    if n == self.copy_buf.len() && chunk.iter().all(|b| *b == 0) {
                        io::Seek::seek(&mut file, io::SeekFrom::Current(n as i64))
                            .map_err(err("seek"))?;
                        holes = true;
                    } else {
                        io::Write::write_all(&mut file, chunk).map_err(err("write"))?;
                    }
                    len += n as u64;
                }
                if holes {
                    file.set_len(len).map_err(err("truncate"))?;
                }
                if uid != 0 || gid != 0 {
                    self.chown_fd(&file, uid, gid, &path)?;
                }
                if mode & 0o7000 != 0 || uid != 0 || gid != 0 {
                    rustix::fs::fchmod(&file, Mode::from_raw_mode(mode))
                        .map_err(ioerr)
                        .map_err(err("chmod"))?;
                }
                self.set_xattrs_fd(&file, &mut e, &path)?;
                rustix::fs::futimens(&file, &times(mtime))
                    .map_err(ioerr)
                    .map_err(err("utimes"))?;
            }
            tar::EntryType::Symlink => {
                let target = e
                    .link_name()
                    .map_err(err("reading link target"))?
                    .ok_or_else(|| {
                        err("symlink without target")(io::ErrorKind::InvalidData.into())
                    })?
                    .into_owned();
                self.remove_existing(&parent, &name)
                    .map_err(err("replacing entry"))?;
                rustix::fs::symlinkat(target.as_os_str(), &parent, name.as_os_str())
                    .map_err(ioerr)
                    .map_err(err("symlink"))?;
                self.set_owner(&parent, &name, uid, gid, &path)?;
                rustix::fs::utimensat(
                    &parent,
                    name.as_os_str(),
                    &times(mtime),
                    AtFlags::SYMLINK_NOFOLLOW,
                )
                .map_err(ioerr)
                .map_err(err("utimes"))?;
            }
            tar::EntryType::Link => {
                let target = e
                    .link_name()
                    .map_err(err("reading link target"))?
                    .ok_or_else(|| {
                        err("hardlink without target")(io::ErrorKind::InvalidData.into())
                    })?
                    .into_owned();
                let target = clean(&target);
                let (tparent, tname) = match (target.parent(), target.file_name()) {
                    (Some(p), Some(n)) => (p.to_path_buf(), n.to_os_string()),
                    _ => {
                        return Err(err("hardlink to the layer root")(
                            io::ErrorKind::InvalidData.into(),
                        ))
                    }
                };
                if tname == ".." {
                    return Err(err("hardlink target names a parent directory")(
                        io::ErrorKind::InvalidData.into(),
                    ));
                }
                let tdir = self
                    .resolve_dir(&tparent)
                    .map_err(err("resolving hardlink target"))?;
                self.remove_existing(&parent, &name)
                    .map_err(err("replacing entry"))?;
                rustix::fs::linkat(
                    &tdir,
                    tname.as_os_str(),
                    &parent,
                    name.as_os_str(),
                    AtFlags::empty(),
                )
                .map_err(ioerr)
                .map_err(err("hardlink"))?;
            }
            tar::EntryType::Fifo => {
                self.remove_existing(&parent, &name)
                    .map_err(err("replacing entry"))?;
                rustix::fs::mknodat(
                    &parent,
                    name.as_os_str(),
                    FileType::Fifo,
                    Mode::from_raw_mode(mode & 0o777),
                    0,
                )
                .map_err(ioerr)
                .map_err(err("mkfifo"))?;
                self.set_owner(&parent, &name, uid, gid, &path)?;
            }
            tar::EntryType::Char | tar::EntryType::Block => {
                tracing::debug!(path = %path.display(), "skipping device node (not creatable in a user namespace)");
                self.report.devices_skipped += 1;
            }
            other => {
                tracing::debug!(path = %path.display(), kind = ?other, "skipping unsupported tar entry type");
            }
        }
        Ok(())
    }

    /// The directory `rel` inside the layer, created (0755, like tar) where missing.
    fn parent(&mut self, rel: &Path) -> io::Result<OwnedFd> {
        if rel.components().any(|c| c == Component::ParentDir) {
            // `..` is resolved against the layer root by the kernel; not worth caching.
            return self.parent_uncached(rel);
        }
        let comps: Vec<&OsStr> = rel.components().map(|c| c.as_os_str()).collect();
        let keep = self
            .chain_path
            .iter()
            .zip(&comps)
            .take_while(|(a, b)| a.as_os_str() == **b)
            .count();
        self.chain.truncate(keep);
        self.chain_path.truncate(keep);
        for (i, name) in comps.iter().enumerate().skip(keep) {
            let fd = {
                let base = self.chain.last().unwrap_or(&self.root);
                match open_dir_here(base, name) {
                    Ok(fd) => fd,
                    Err(Errno::NOENT) => {
                        rustix::fs::mkdirat(base, *name, Mode::from_raw_mode(0o755))
                            .map_err(ioerr)?;
                        open_dir_here(base, name).map_err(ioerr)?
                    }
                    // A symlink: resolve the whole prefix from the layer root, as the kernel would
                    // for a path inside the container.
                    Err(Errno::LOOP) => {
                        let prefix: PathBuf = comps[..=i].iter().collect();
                        self.resolve_dir(&prefix)?
                    }
                    Err(e) => return Err(ioerr(e)),
                }
            };
            self.chain.push(fd);
            self.chain_path.push(name.to_os_string());
        }
        match self.chain.last() {
            Some(fd) => fd.try_clone(),
            None => self.root.try_clone(),
        }
    }

    /// `parent` for paths with `..`: resolved from the layer root each time, created where missing.
    fn parent_uncached(&self, rel: &Path) -> io::Result<OwnedFd> {
        match self.resolve_dir(rel) {
            Ok(fd) => Ok(fd),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let mut cur = self.root.try_clone()?;
                for comp in rel.components() {
                    let c = comp.as_os_str();
                    cur = match rustix::fs::openat2(
                        &cur,
                        c,
                        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                        Mode::empty(),
                        RESOLVE,
                    ) {
                        Ok(fd) => fd,
                        Err(Errno::NOENT) => {
                            rustix::fs::mkdirat(&cur, c, Mode::from_raw_mode(0o755))
                                .map_err(ioerr)?;
                            rustix::fs::openat2(
                                &cur,
                                c,
                                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                                Mode::empty(),
                                RESOLVE,
                            )
                            .map_err(ioerr)?
                        }
                        Err(e) => return Err(ioerr(e)),
                    };
                }
                Ok(cur)
            }
            Err(e) => Err(e),
        }
    }

    /// Directory descriptors held between entries (for tests of the bound).
    #[cfg(test)]
    pub(super) fn cached_dirs(&self) -> usize {
        self.chain.len()
    }

    /// Something in the layer was removed: a cached directory may be gone or renamed away.
    fn forget_chain(&mut self) {
        self.chain.clear();
        self.chain_path.clear();
    }

    /// Resolve `rel` as a directory with the layer dir as root (symlinks followed, but confined).
    fn resolve_dir(&self, rel: &Path) -> io::Result<OwnedFd> {
        let p: &Path = if rel.as_os_str().is_empty() {
            Path::new(".")
        } else {
            rel
        };
        rustix::fs::openat2(
            &self.root,
            p,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            RESOLVE,
        )
        .map_err(ioerr)
    }

    /// Remove whatever `name` is in `parent` (a file, link, or a whole directory tree), if anything.
    fn remove_existing(&mut self, parent: &OwnedFd, name: &OsStr) -> io::Result<()> {
        match rustix::fs::unlinkat(parent, name, AtFlags::empty()) {
            Err(Errno::NOENT) => Ok(()),
            Ok(()) => {
                // It may have been a symlink that a cached directory was reached through.
                self.forget_chain();
                Ok(())
            }
            Err(Errno::ISDIR) | Err(Errno::PERM) => {
                self.forget_chain();
                remove_at(parent, name)
            }
            Err(e) => Err(ioerr(e)),
        }
    }

    fn check_mapped(&self, uid: u64, gid: u64, path: &Path) -> Result<bool, UnpackError> {
        let max = self.opts.mapped_ids;
        if uid < max && gid < max {
            return Ok(true);
        }
        if self.opts.single_id {
            return Ok(false);
        }
        Err(UnpackError::Unmapped {
            path: path.to_path_buf(),
            uid,
            gid,
            mapped: max,
        })
    }

    fn set_owner(
        &mut self,
        parent: &OwnedFd,
        name: &OsStr,
        uid: u64,
        gid: u64,
        path: &Path,
    ) -> Result<(), UnpackError> {
        if uid == 0 && gid == 0 {
            return Ok(());
        }
        if !self.check_mapped(uid, gid, path)? {
            self.report.chown_skipped += 1;
            return Ok(());
        }
        let flags = if name.is_empty() {
            AtFlags::EMPTY_PATH
        } else {
            AtFlags::SYMLINK_NOFOLLOW
        };
        rustix::fs::chownat(
            parent,
            name,
            Some(rustix::fs::Uid::from_raw(uid as u32)),
            Some(rustix::fs::Gid::from_raw(gid as u32)),
            flags,
        )
        .map_err(|e| UnpackError::Entry {
            path: path.to_path_buf(),
            op: "chown",
            source: ioerr(e),
        })
    }

    fn chown_fd(
        &mut self,
        fd: &impl AsFd,
        uid: u64,
        gid: u64,
        path: &Path,
    ) -> Result<(), UnpackError> {
        if !self.check_mapped(uid, gid, path)? {
            self.report.chown_skipped += 1;
            return Ok(());
        }
        rustix::fs::fchown(
            fd,
            Some(rustix::fs::Uid::from_raw(uid as u32)),
            Some(rustix::fs::Gid::from_raw(gid as u32)),
        )
        .map_err(|e| UnpackError::Entry {
            path: path.to_path_buf(),
            op: "chown",
            source: ioerr(e),
        })
    }

    fn set_xattrs_fd<R: Read>(
        &mut self,
        fd: &impl AsFd,
        e: &mut tar::Entry<R>,
        path: &Path,
    ) -> Result<(), UnpackError> {
        for (k, v) in xattrs(e) {
            if let Err(err) = rustix::fs::fsetxattr(fd, k.as_str(), &v, XattrFlags::empty()) {
                tracing::debug!(path = %path.display(), xattr = %k, error = %err, "xattr not kept");
            }
        }
        Ok(())
    }

    fn set_xattrs_path<R: Read>(
        &mut self,
        parent: &OwnedFd,
        name: &OsStr,
        e: &mut tar::Entry<R>,
        path: &Path,
    ) -> Result<(), UnpackError> {
        let attrs = xattrs(e);
        if attrs.is_empty() {
            return Ok(());
        }
        let fd = rustix::fs::openat(
            parent,
            name,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|x| UnpackError::Entry {
            path: path.to_path_buf(),
            op: "open for xattrs",
            source: ioerr(x),
        })?;
        for (k, v) in attrs {
            if let Err(err) = rustix::fs::fsetxattr(&fd, k.as_str(), &v, XattrFlags::empty()) {
                tracing::debug!(path = %path.display(), xattr = %k, error = %err, "xattr not kept");
            }
        }
        Ok(())
    }

    /// Directory mtimes last: writing entries into a directory changes its mtime.
    pub(super) fn finish(&mut self) -> Result<(), UnpackError> {
        for (p, mtime) in std::mem::take(&mut self.dir_times).into_iter().rev() {
            let target: &Path = if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &p
            };
            if let Ok(fd) = rustix::fs::openat2(
                &self.root,
                target,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
                RESOLVE,
            ) {
                let _ = rustix::fs::utimensat(&fd, "", &times(mtime), AtFlags::EMPTY_PATH);
            }
        }
        Ok(())
    }
}
