//! Named volumes: `<root>/volumes/<name>/_data` plus `volume.json`, created and removed under the
//! container store's lock, so that "in use" is decided against a stable list of containers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::{Container, ContainerStore};
use crate::storage::LockMode;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    pub name: String,
    pub driver: String,
    pub mountpoint: PathBuf,
    pub created_at: i64,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    pub scope: String,
    /// Made for an image VOLUME (removed with `rm -v`).
    #[serde(default)]
    pub anonymous: bool,
    /// `volume create --opt`: the local driver's mount options (type=tmpfs, device, o=).
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

impl Volume {
    /// A `type=tmpfs` volume: mounted as a fresh tmpfs with its `o=` options.
    pub fn tmpfs_options(&self) -> Option<String> {
        (self.options.get("type").map(String::as_str) == Some("tmpfs")).then(|| {
            self.options
                .get("o")
                .cloned()
                .unwrap_or_else(|| "mode=1777".into())
        })
    }
}

pub struct VolumeStore {
    dir: PathBuf,
}

/// docker's rule for volume names.
pub fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

impl VolumeStore {
    pub fn open(root: &Path) -> anyhow::Result<VolumeStore> {
        let dir = root.join("volumes");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(VolumeStore { dir })
    }

    fn record(&self, name: &str) -> PathBuf {
        self.dir.join(name).join("volume.json")
    }

    pub fn get(&self, name: &str) -> anyhow::Result<Volume> {
        let text = std::fs::read(self.record(name))
            .map_err(|_| anyhow::anyhow!("no such volume: {name}"))?;
        serde_json::from_slice(&text)
            .with_context(|| format!("reading volume {name}: the record is damaged"))
    }

    /// The volume `name`, created when missing (`-v name:/path` does that too).
    pub fn ensure(
        &self,
        name: &str,
        labels: BTreeMap<String, String>,
        anonymous: bool,
    ) -> anyhow::Result<(Volume, bool)> {
        if !valid_name(name) {
            anyhow::bail!(
                "invalid volume name {name:?}: use letters, digits and _ . - (starting with a \
                 letter or digit)"
            );
        }
        if let Ok(v) = self.get(name) {
            return Ok((v, false));
        }
        let dir = self.dir.join(name);
        let data = dir.join("_data");
        std::fs::create_dir_all(&data).with_context(|| format!("creating {}", data.display()))?;
        let v = Volume {
            name: name.to_string(),
            driver: "local".into(),
            mountpoint: data,
            created_at: crate::cli::format::now_unix(),
            labels,
            scope: "local".into(),
            anonymous,
            options: BTreeMap::new(),
        };
        crate::storage::write_atomic(&self.record(name), &serde_json::to_vec_pretty(&v)?)?;
        Ok((v, true))
    }

    pub fn list(&self) -> anyhow::Result<Vec<Volume>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir)?.flatten() {
            if let Some(n) = e.file_name().to_str() {
                if let Ok(v) = self.get(n) {
                    out.push(v);
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Containers (any state) that mount `name`.
    pub fn users(containers: &[Container], name: &str) -> Vec<String> {
        containers
            .iter()
            .filter(|c| {
                c.spec
                    .mounts
                    .iter()
                    .any(|m| m.volume.as_deref() == Some(name))
            })
            .map(|c| c.name.clone())
            .collect()
    }

    /// Remove a volume nobody uses (its files may belong to subordinate ids: removed inside the
    /// user namespace when we cannot).
    /// Record `volume create --opt` options of a new volume.
    pub fn set_options(&self, name: &str, options: BTreeMap<String, String>) -> anyhow::Result<()> {
        let mut v = self.get(name)?;
        v.options = options;
        let path = self.record(name);
        crate::storage::atomic::write_atomic(&path, &serde_json::to_vec_pretty(&v)?)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(())
    }

    pub fn remove(&self, cstore: &ContainerStore, name: &str, force: bool) -> anyhow::Result<()> {
        let _g = cstore.lock_all(LockMode::Exclusive)?;
        self.get(name)?;
        let containers = cstore.list()?;
        let users = Self::users(&containers, name);
        if !users.is_empty() {
            let using: Vec<&Container> = containers
                .iter()
                .filter(|c| users.contains(&c.name))
                .collect();
            let running: Vec<&str> = using
                .iter()
                .filter(|c| c.process_alive())
                .map(|c| c.name.as_str())
                .collect();
            if !force || !running.is_empty() {
                anyhow::bail!(
                    "volume {name} is in use by container(s) {}: remove them first (`skiff rm -f \
                     {}`){}",
                    users.join(", "),
                    users.join(" "),
                    if force {
                        ""
                    } else {
                        ", or use -f to remove stopped ones with it"
                    }
                );
            }
            for c in using {
                crate::runtime::container::remove(cstore, c)?;
            }
        }
        self.remove_dir(name)
    }

    pub fn remove_dir(&self, name: &str) -> anyhow::Result<()> {
        let dir = self.dir.join(name);
        let _ = std::fs::remove_file(dir.join("volume.json"));
        if crate::storage::remove_tree(&dir).is_err() {
            let mapping = crate::userns::IdMapping::for_current_user()?;
            crate::userns::helper::remove_paths(&mapping, std::slice::from_ref(&dir))?;
        }
        Ok(())
    }
}
