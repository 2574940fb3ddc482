//! Container records under `--root/containers/<id>/container.json`, each changed under its own
//! flock with tmp+rename, plus a store-wide lock for creating (name uniqueness) and listing.

use std::path::{Path, PathBuf};

use crate::storage::{atomic::write_atomic_nosync, LockGuard, LockMode};

use super::record::Container;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{op} {path}")]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("parsing container record {path}: {source}")]
    Corrupt {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error(transparent)]
    Lock(#[from] crate::storage::lock::LockError),
    #[error(transparent)]
    Write(#[from] crate::storage::atomic::AtomicWriteError),
    #[error("no container with name or ID \"{0}\" found: no such container")]
    NotFound(String),
    #[error("{input}: ambiguous container id prefix, matches {count} containers")]
    Ambiguous { input: String, count: usize },
    #[error(
        "the container name \"{name}\" is already in use by {id}; remove that container \
         (`skiff rm -f {name}`) or choose another name (--replace removes it for you)"
    )]
    NameInUse { name: String, id: String },
}

fn io(op: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StateError {
    let path = path.to_path_buf();
    move |source| StateError::Io { op, path, source }
}

pub struct ContainerStore {
    pub dir: PathBuf,
    pub rundir: PathBuf,
}

impl ContainerStore {
    pub fn open(root: &Path, runroot: &Path) -> Result<ContainerStore, StateError> {
        let dir = root.join("containers");
        let rundir = runroot.join("containers");
        for d in [&dir, &rundir] {
            std::fs::create_dir_all(d).map_err(io("creating", d))?;
        }
        Ok(ContainerStore { dir, rundir })
    }

    /// The runroot (volatile state: run dirs, the events log).
    pub fn runroot(&self) -> &Path {
        self.rundir.parent().unwrap_or(&self.rundir)
    }

    /// Persistent dir of one container (record, overlay upper/work).
    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }

    /// Volatile dir of one container (generated /etc files, rootfs mountpoint, sockets).
    pub fn run_path(&self, id: &str) -> PathBuf {
        self.rundir.join(id)
    }

    fn record_path(&self, id: &str) -> PathBuf {
        self.path(id).join("container.json")
    }

    /// Store-wide lock: held exclusively while creating or removing (names stay unique).
    pub fn lock_all(&self, mode: LockMode) -> Result<LockGuard, StateError> {
        Ok(LockGuard::acquire(&self.dir.join(".lock"), mode)?)
    }

    /// Per-container lock: held while reading-modifying-writing its record.
    pub fn lock(&self, id: &str, mode: LockMode) -> Result<LockGuard, StateError> {
        Ok(LockGuard::acquire(&self.path(id).join(".lock"), mode)?)
    }

    /// A container's start lock (an flock on its dir itself): its starter holds it exclusively until
    /// the record says how the start went, a remover holds it shared while it removes. A removal
    /// so waits for a start under way (whose network helper it would otherwise miss), and a start
    /// after a removal finds no container. `None`: the container is gone.
    pub fn start_lock(&self, id: &str, mode: LockMode) -> Result<Option<LockGuard>, StateError> {
        self.start_lock_with(id, |p| LockGuard::acquire_dir(p, mode).map(Some))
    }

    /// `start_lock` without waiting: `None` also while a start is under way.
    pub fn try_start_lock(
        &self,
        id: &str,
        mode: LockMode,
    ) -> Result<Option<LockGuard>, StateError> {
        self.start_lock_with(id, |p| LockGuard::try_acquire_dir(p, mode))
    }

    fn start_lock_with(
        &self,
        id: &str,
        take: impl FnOnce(&Path) -> Result<Option<LockGuard>, crate::storage::lock::LockError>,
    ) -> Result<Option<LockGuard>, StateError> {
        if self.gone(id) {
            return Ok(None);
        }
        // Checked again once held: a removal that held it may have just finished.
        match take(&self.path(id)) {
            Ok(g) => Ok(g.filter(|_| !self.gone(id))),
            Err(_) if self.gone(id) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The record is gone (removed by `rm`, or by its supervisor after an `--rm` run).
    pub fn gone(&self, id: &str) -> bool {
        !self.record_path(id).exists()
    }

    pub fn load(&self, id: &str) -> Result<Container, StateError> {
        let p = self.record_path(id);
        let b = std::fs::read(&p).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                StateError::NotFound(id.to_string())
            } else {
                io("reading", &p)(e)
            }
        })?;
        serde_json::from_slice(&b).map_err(|source| StateError::Corrupt { path: p, source })
    }

    /// Replace the record (tmp + rename: a killed skiff leaves the old or the new record).
    pub fn save(&self, c: &Container) -> Result<(), StateError> {
        let data = serde_json::to_vec_pretty(c).expect("record serialises");
        write_atomic_nosync(&self.record_path(&c.id), &data)?;
        Ok(())
    }

    /// Create the dirs and first record of a new container; fails when the name is taken. The
    /// caller holds `lock_all(Exclusive)`.
    /// An empty name is replaced by a generated one that no container uses (chosen under the same
    /// lock, from the same listing, as the uniqueness check).
    pub fn create(&self, c: &mut Container) -> Result<(), StateError> {
        let all = self.list()?;
        if c.name.is_empty() {
            c.name = super::names::generate(|n| all.iter().any(|o| o.name == n));
        } else if let Some(other) = all.into_iter().find(|o| o.name == c.name) {
            return Err(StateError::NameInUse {
                name: c.name.clone(),
                id: other.id,
            });
        }
        let p = self.path(&c.id);
        for d in [
            p.join("upper"),
            p.join("work"),
            self.run_path(&c.id).join("rootfs"),
        ] {
            std::fs::create_dir_all(&d).map_err(io("creating", &d))?;
        }
        // The upper dir is the container's `/`: mode 555, as podman makes it.
        let upper = p.join("upper");
        std::fs::set_permissions(&upper, std::os::unix::fs::PermissionsExt::from_mode(0o555))
            .map_err(io("setting the mode of", &upper))?;
        self.save(c)
    }

    /// Every container with a readable record (ids whose record is missing or torn are skipped:
    /// a create in progress or a removal half done).
    pub fn list(&self) -> Result<Vec<Container>, StateError> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir).map_err(io("listing", &self.dir))? {
            let e = e.map_err(io("listing", &self.dir))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.len() == 64 {
                if let Ok(c) = self.load(&name) {
                    out.push(c);
                }
            }
        }
        out.sort_by(|a, b| {
            (b.created, b.created_nanos)
                .cmp(&(a.created, a.created_nanos))
                .then(a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// Resolve a name, full id or unique id prefix.
    pub fn find(&self, input: &str) -> Result<Container, StateError> {
        let all = self.list()?;
        if let Some(c) = all.iter().find(|c| c.name == input || c.id == input) {
            return Ok(c.clone());
        }
        let hits: Vec<&Container> = all.iter().filter(|c| c.id.starts_with(input)).collect();
        match hits.len() {
            1 if !input.is_empty() => Ok(hits[0].clone()),
            0 | 1 => Err(StateError::NotFound(input.to_string())),
            n => Err(StateError::Ambiguous {
                input: input.to_string(),
                count: n,
            }),
        }
    }

    /// Image ids that some container uses (`rmi` refuses to remove those).
    pub fn images_in_use(&self) -> Result<Vec<(String, String)>, StateError> {
        Ok(self
            .list()?
            .into_iter()
            .map(|c| (c.image_id, c.name))
            .collect())
    }
}
