//! Pods: a named group of containers that may share namespaces (network, ipc, uts) held by an
//! infra container. One JSON record per pod under `<root>/pods/`; the member containers carry the
//! pod's id in their own records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

use crate::storage::{LockGuard, LockMode};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pod {
    pub id: String,
    pub name: String,
    /// Unix seconds.
    pub created: i64,
    pub labels: BTreeMap<String, String>,
    pub hostname: String,
    /// Namespaces the members share with the infra container: net, ipc, uts (pid when asked).
    pub share: Vec<String>,
    /// The infra container's id (none with `--infra=false`).
    pub infra_id: Option<String>,
    /// What was asked for as the infra command (the infra process is skiff itself).
    pub infra_command: Vec<String>,
    pub create_command: Vec<String>,
    /// The pod's cgroup parent as given (recorded).
    pub cgroup_parent: Option<String>,
    /// `pod create -v/--volumes-from/--device`: given to every container of the pod.
    pub volumes: Vec<String>,
    pub volumes_from: Vec<String>,
    pub devices: Vec<String>,
}

impl Pod {
    pub fn shares(&self, ns: &str) -> bool {
        self.infra_id.is_some() && self.share.iter().any(|s| s == ns)
    }
}

pub struct PodStore {
    dir: PathBuf,
}

impl PodStore {
    pub fn open(root: &Path) -> anyhow::Result<PodStore> {
        let dir = root.join("pods");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(PodStore { dir })
    }

    pub fn lock(&self) -> anyhow::Result<LockGuard> {
        Ok(LockGuard::acquire(
            &self.dir.join(".lock"),
            LockMode::Exclusive,
        )?)
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    pub fn list(&self) -> anyhow::Result<Vec<Pod>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir)
            .with_context(|| format!("listing {}", self.dir.display()))?
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                if let Ok(pod) = std::fs::read(&p)
                    .map_err(anyhow::Error::from)
                    .and_then(|t| Ok(serde_json::from_slice::<Pod>(&t)?))
                {
                    out.push(pod);
                }
            }
        }
        out.sort_by_key(|p| p.created);
        Ok(out)
    }

    /// By name, full id or unique id prefix.
    pub fn find(&self, input: &str) -> anyhow::Result<Pod> {
        let all = self.list()?;
        if let Some(p) = all.iter().find(|p| p.name == input || p.id == input) {
            return Ok(p.clone());
        }
        let hits: Vec<&Pod> = all.iter().filter(|p| p.id.starts_with(input)).collect();
        match hits.as_slice() {
            [one] => Ok((*one).clone()),
            [] => bail!("no pod with name or ID {input} found: no such pod (see `skiff pod ps`)"),
            _ => bail!("pod id prefix {input} matches several pods; give more of it"),
        }
    }

    pub fn save(&self, p: &Pod) -> anyhow::Result<()> {
        crate::storage::atomic::write_atomic(&self.path(&p.id), &serde_json::to_vec_pretty(p)?)
            .with_context(|| format!("saving pod {}", p.name))
    }

    /// Record a new pod; its name must be free (the caller holds the lock).
    pub fn insert(&self, p: &Pod) -> anyhow::Result<()> {
        if self.list()?.iter().any(|o| o.name == p.name) {
            bail!(
                "pod {} already exists: choose another --name, or remove it (`skiff pod rm {}`)",
                p.name,
                p.name
            );
        }
        self.save(p)
    }

    pub fn remove(&self, id: &str) -> anyhow::Result<()> {
        match std::fs::remove_file(self.path(id)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("removing pod {id}")),
        }
    }

    /// An empty directory the infra container is rooted at (it never looks at it).
    pub fn infra_root(&self, id: &str) -> anyhow::Result<PathBuf> {
        let d = self.dir.join(id).join("infra-root");
        std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        Ok(d)
    }

    pub fn remove_dir(&self, id: &str) {
        let _ = std::fs::remove_dir_all(self.dir.join(id));
    }
}
