//! Secrets (podman's `file` driver): `<root>/secrets/<id>/data` (0600, in a 0700 dir) and
//! `secret.json` with the name, id and labels. A container record names the secrets it uses, never
//! their data: the data is read when the container starts.

use std::collections::BTreeMap;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Secret {
    #[serde(rename = "ID")]
    pub id: String,
    pub name: String,
    pub driver: String,
    pub created_at: i64,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

pub struct SecretStore {
    dir: PathBuf,
}

/// The largest secret podman takes (512 KiB).
const MAX_SIZE: usize = 512 * 1024;

impl SecretStore {
    pub fn open(root: &Path) -> anyhow::Result<SecretStore> {
        let dir = root.join("secrets");
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .with_context(|| format!("creating {}", dir.display()))?;
        Ok(SecretStore { dir })
    }

    pub fn list(&self) -> anyhow::Result<Vec<Secret>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir)?.flatten() {
            if let Ok(b) = std::fs::read(e.path().join("secret.json")) {
                if let Ok(s) = serde_json::from_slice::<Secret>(&b) {
                    out.push(s);
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// By name, full id or unique id prefix.
    pub fn find(&self, input: &str) -> anyhow::Result<Secret> {
        let all = self.list()?;
        if let Some(s) = all.iter().find(|s| s.name == input || s.id == input) {
            return Ok(s.clone());
        }
        let hits: Vec<&Secret> = all.iter().filter(|s| s.id.starts_with(input)).collect();
        match hits.as_slice() {
            [one] if !input.is_empty() => Ok((*one).clone()),
            _ => anyhow::bail!(
                "no secret with name or id {input:?}: create it with `skiff secret create {input} FILE`"
            ),
        }
    }

    pub fn create(
        &self,
        name: &str,
        data: &[u8],
        labels: BTreeMap<String, String>,
        replace: bool,
    ) -> anyhow::Result<Secret> {
        if !super::volume::valid_name(name) || name.len() > 253 {
            anyhow::bail!(
                "invalid secret name {name:?}: use letters, digits and _ . - (starting with a letter \
                 or digit)"
            );
        }
        if data.is_empty() || data.len() > MAX_SIZE {
            anyhow::bail!("secret {name}: the data must be 1 byte to 512 KiB");
        }
        if let Ok(old) = self.find(name) {
            if old.name == name {
                if !replace {
                    anyhow::bail!("secret name {name} is in use (--replace replaces it)");
                }
                self.remove(&old.id)?;
            }
        }
        let id = crate::state::names::random_id()[..25].to_string();
        let dir = self.dir.join(&id);
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .with_context(|| format!("creating {}", dir.display()))?;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dir.join("data"))?;
        std::io::Write::write_all(&mut f, data)?;
        let s = Secret {
            id,
            name: name.to_string(),
            driver: "file".into(),
            created_at: crate::cli::format::now_unix(),
            labels,
        };
        crate::storage::atomic::write_atomic(&dir.join("secret.json"), &serde_json::to_vec(&s)?)?;
        Ok(s)
    }

    pub fn data(&self, id: &str) -> anyhow::Result<Vec<u8>> {
        std::fs::read(self.dir.join(id).join("data"))
            .with_context(|| format!("reading secret {id} (was it removed?)"))
    }

    pub fn remove(&self, id: &str) -> anyhow::Result<()> {
        let dir = self.dir.join(id);
        std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))
    }
}

/// A secret a container uses (`--secret NAME[,type=mount|env][,target=][,uid=,gid=,mode=]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretRef {
    pub id: String,
    pub name: String,
    /// true: an environment variable named `target`; false: a file at `target`.
    pub env: bool,
    pub target: String,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
}

impl SecretRef {
    pub fn parse(store: &SecretStore, spec: &str) -> anyhow::Result<SecretRef> {
        let mut parts = spec.split(',');
        let name = parts.next().unwrap_or_default();
        let s = store.find(name)?;
        let mut r = SecretRef {
            id: s.id,
            name: s.name.clone(),
            env: false,
            target: String::new(),
            uid: 0,
            gid: 0,
            mode: 0o444,
        };
        let bad = |why: &str| anyhow::anyhow!("invalid --secret {spec:?}: {why}");
        for p in parts {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| bad("options are KEY=VALUE"))?;
            match k {
                "type" => match v {
                    "mount" => r.env = false,
                    "env" => r.env = true,
                    _ => return Err(bad("type is mount or env")),
                },
                "target" => r.target = v.to_string(),
                "uid" => r.uid = v.parse().map_err(|_| bad("uid is a number"))?,
                "gid" => r.gid = v.parse().map_err(|_| bad("gid is a number"))?,
                "mode" => r.mode = u32::from_str_radix(v, 8).map_err(|_| bad("mode is octal"))?,
                _ => return Err(bad("options: type, target, uid, gid, mode")),
            }
        }
        if r.target.is_empty() {
            r.target = if r.env {
                s.name
            } else {
                format!("/run/secrets/{}", s.name)
            };
        } else if !r.env && !r.target.starts_with('/') {
            r.target = format!("/run/secrets/{}", r.target);
        }
        if !r.env && r.target.split('/').any(|c| c == "..") {
            return Err(bad("the target may not contain .."));
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_find_refs_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let st = SecretStore::open(dir.path()).unwrap();
        let s = st
            .create("db-pass", b"hunter2", BTreeMap::new(), false)
            .unwrap();
        assert!(st.create("db-pass", b"x", BTreeMap::new(), false).is_err());
        assert_eq!(st.data(&s.id).unwrap(), b"hunter2");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("secrets").join(&s.id).join("data"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let r = SecretRef::parse(&st, "db-pass").unwrap();
        assert_eq!((r.env, r.target.as_str()), (false, "/run/secrets/db-pass"));
        let r = SecretRef::parse(&st, "db-pass,type=env,target=PASS").unwrap();
        assert_eq!((r.env, r.target.as_str()), (true, "PASS"));
        let r = SecretRef::parse(&st, "db-pass,target=x,mode=0400,uid=1000").unwrap();
        assert_eq!(
            (r.target.as_str(), r.mode, r.uid),
            ("/run/secrets/x", 0o400, 1000)
        );
        assert!(SecretRef::parse(&st, "db-pass,target=/a/../b").is_err());
        assert!(SecretRef::parse(&st, "nosuch").is_err());
        st.remove(&s.id).unwrap();
        assert!(st.list().unwrap().is_empty());
    }
}
