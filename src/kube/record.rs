//! What a `kube play` made, per manifest object (`<root>/kube/played/KIND-NAME.json`): the pods,
//! the secrets behind secret env vars, the directories of emptyDir/configMap/secret volumes and
//! the claims' volumes it created, so `kube down` removes exactly those.

use std::path::PathBuf;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::storage::LockGuard;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Played {
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub pods: Vec<String>,
    #[serde(default)]
    pub secrets: Vec<String>,
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
    #[serde(default)]
    pub volumes: Vec<String>,
    /// A Service: its type, selector and ports, as given.
    #[serde(default)]
    pub service: Option<serde_json::Value>,
}

pub struct PlayStore {
    dir: PathBuf,
}

impl PlayStore {
    pub fn open(root: &std::path::Path) -> anyhow::Result<PlayStore> {
        let dir = root.join("kube").join("played");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(PlayStore { dir })
    }

    /// The directory for a pod's volume files.
    pub fn pod_dir(root: &std::path::Path, pod_id: &str) -> PathBuf {
        root.join("kube").join("pods").join(pod_id)
    }

    pub fn lock(&self) -> anyhow::Result<LockGuard> {
        Ok(LockGuard::acquire(
            &self.dir.join(".lock"),
            crate::storage::LockMode::Exclusive,
        )?)
    }

    fn path(&self, kind: &str, name: &str) -> PathBuf {
        self.dir.join(format!("{kind}-{name}.json"))
    }

    pub fn load(&self, kind: &str, name: &str) -> Option<Played> {
        let text = std::fs::read(self.path(kind, name)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    pub fn save(&self, p: &Played) -> anyhow::Result<()> {
        crate::storage::write_atomic(&self.path(&p.kind, &p.name), &serde_json::to_vec_pretty(p)?)?;
        Ok(())
    }

    pub fn remove(&self, kind: &str, name: &str) {
        let _ = std::fs::remove_file(self.path(kind, name));
    }

    pub fn list(&self) -> Vec<Played> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            if e.path().extension().is_some_and(|x| x == "json") {
                if let Ok(t) = std::fs::read(e.path()) {
                    if let Ok(p) = serde_json::from_slice(&t) {
                        out.push(p);
                    }
                }
            }
        }
        out
    }
}
