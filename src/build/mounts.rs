//! `RUN --mount=...`: cache dirs kept between builds (in the store, not in /tmp, so reboots and
//! tmp cleaners leave them), secrets (`--secret id=,src=|env=`; bound read-only, never in a
//! layer), bind mounts from the context, and tmpfs. The mount targets are left out of the step's
//! layer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::runtime::spec::UserMount;

/// A build secret (`--secret id=ID,src=PATH` or `env=NAME`).
#[derive(Debug, Clone)]
pub enum Secret {
    File(PathBuf),
    Env(String),
}

/// `--secret id=ID,src=PATH|env=NAME` (also `type=file|env`).
pub fn parse_secret(s: &str) -> anyhow::Result<(String, Secret)> {
    let mut id = None;
    let mut src = None;
    let mut env = None;
    for kv in s.split(',') {
        match kv.split_once('=') {
            Some(("id", v)) => id = Some(v.to_string()),
            Some(("src" | "source", v)) => src = Some(PathBuf::from(v)),
            Some(("env", v)) => env = Some(v.to_string()),
            Some(("type", "file" | "env")) => {}
            _ => bail!("invalid --secret {s:?}: use id=ID,src=PATH or id=ID,env=NAME"),
        }
    }
    let id = id.ok_or_else(|| anyhow::anyhow!("invalid --secret {s:?}: id= is required"))?;
    match (src, env) {
        (Some(p), None) => {
            if !p.is_file() {
                bail!("--secret {id}: {} is not a file", p.display());
            }
            Ok((id, Secret::File(p)))
        }
        (None, Some(e)) => Ok((id, Secret::Env(e))),
        (None, None) => {
            // docker: id alone means the environment variable of that name
            Ok((id.clone(), Secret::Env(id)))
        }
        _ => bail!("invalid --secret {s:?}: src= or env=, not both"),
    }
}

/// What one RUN's `--mount` flags become.
#[derive(Default)]
pub struct RunMounts {
    pub mounts: Vec<UserMount>,
    /// Targets to leave out of the step's layer.
    pub exclude: Vec<String>,
    /// Files written for env secrets, removed after the step.
    pub temp_files: Vec<PathBuf>,
    /// Locks held for `sharing=locked` caches during the step.
    pub locks: Vec<crate::storage::LockGuard>,
}

impl Drop for RunMounts {
    fn drop(&mut self) {
        for f in &self.temp_files {
            let _ = std::fs::remove_file(f);
        }
    }
}

fn opts(spec: &str) -> BTreeMap<String, String> {
    spec.split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect()
}

/// Turn the `--mount` values of one RUN into mounts.
pub fn run_mounts(
    specs: &[String],
    root: &Path,
    context: &Path,
    secrets: &BTreeMap<String, Secret>,
    workdir: &str,
    stage_tree: &mut dyn FnMut(&str) -> anyhow::Result<PathBuf>,
) -> anyhow::Result<RunMounts> {
    let mut out = RunMounts::default();
    for spec in specs {
        let o = opts(spec);
        let kind = o.get("type").map(String::as_str).unwrap_or("bind");
        let target = o
            .get("target")
            .or_else(|| o.get("dst"))
            .or_else(|| o.get("destination"))
            .cloned();
        let abs = |t: &str| {
            if t.starts_with('/') {
                t.to_string()
            } else {
                format!("{}/{t}", workdir.trim_end_matches('/'))
            }
        };
        match kind {
            "cache" => {
                let target = abs(&target
                    .ok_or_else(|| anyhow::anyhow!("--mount={spec}: target= is required"))?);
                let id = o.get("id").cloned().unwrap_or_else(|| target.clone());
                let dir = root
                    .join("build-cache-mounts")
                    .join(crate::image::archive::sha256_hex(id.as_bytes()));
                std::fs::create_dir_all(&dir)?;
                if o.get("sharing").map(String::as_str) == Some("locked") {
                    out.locks.push(crate::storage::LockGuard::acquire(
                        &dir.with_extension("lock"),
                        crate::storage::LockMode::Exclusive,
                    )?);
                }
                out.exclude.push(target.clone());
                out.mounts.push(UserMount {
                    source: dir,
                    target,
                    readonly: false,
                    ..Default::default()
                });
            }
            "secret" => {
                let id = o
                    .get("id")
                    .cloned()
                    .or_else(|| {
                        target.as_ref().and_then(|t| {
                            Path::new(t)
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                        })
                    })
                    .ok_or_else(|| anyhow::anyhow!("--mount={spec}: id= is required"))?;
                let target = abs(&target.unwrap_or_else(|| format!("/run/secrets/{id}")));
                let required = o.get("required").is_some_and(|v| v == "true");
                let source = match secrets.get(&id) {
                    Some(Secret::File(p)) => p.clone(),
                    Some(Secret::Env(e)) => {
                        let v = std::env::var(e).unwrap_or_default();
                        let f = root
                            .join("tmp")
                            .join(format!("secret-{}", crate::state::names::random_id()));
                        std::fs::create_dir_all(root.join("tmp"))?;
                        std::fs::write(&f, v)?;
                        out.temp_files.push(f.clone());
                        f
                    }
                    None if required => bail!("--mount={spec}: no --secret with id {id} was given"),
                    None => continue,
                };
                out.exclude.push(target.clone());
                out.mounts.push(UserMount {
                    source,
                    target,
                    readonly: true,
                    file: true,
                    ..Default::default()
                });
            }
            "tmpfs" => {
                let target = abs(&target
                    .ok_or_else(|| anyhow::anyhow!("--mount={spec}: target= is required"))?);
                let size = o
                    .get("size")
                    .map(|s| format!(",size={s}"))
                    .unwrap_or_default();
                out.exclude.push(target.clone());
                out.mounts.push(UserMount {
                    target,
                    tmpfs: Some(format!("mode=1777{size}")),
                    ..Default::default()
                });
            }
            "bind" => {
                let target = abs(&target
                    .ok_or_else(|| anyhow::anyhow!("--mount={spec}: target= is required"))?);
                let src = o
                    .get("source")
                    .or_else(|| o.get("src"))
                    .cloned()
                    .unwrap_or_default();
                let rel = super::copy::normalize_rel(&src)
                    .ok_or_else(|| anyhow::anyhow!("--mount={spec}: source outside its root"))?;
                let real = match o.get("from") {
                    // From another stage or image: its whole file system, made once as a layer
                    // (inside a store layer nothing is followed out of it).
                    Some(f) => {
                        let full = stage_tree(f)?.join(rel);
                        if std::fs::symlink_metadata(&full).is_err() {
                            bail!("--mount={spec}: {src} is not in {f}");
                        }
                        full
                    }
                    None => {
                        let full = context.join(rel);
                        let real = full.canonicalize().map_err(|e| {
                            anyhow::anyhow!("--mount={spec}: {}: {e}", full.display())
                        })?;
                        if !real.starts_with(context.canonicalize()?) {
                            bail!("--mount={spec}: source outside the build context");
                        }
                        real
                    }
                };
                let rw = o
                    .get("rw")
                    .or_else(|| o.get("readwrite"))
                    .is_some_and(|v| v == "true");
                out.exclude.push(target.clone());
                out.mounts.push(UserMount {
                    file: real.is_file(),
                    source: real,
                    target,
                    readonly: !rw,
                    // writes to a rw bind stay out of the context, as docker's
                    overlay: rw,
                    ..Default::default()
                });
            }
            other => bail!("--mount={spec}: type {other} (cache, secret, bind or tmpfs)"),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_mount_specs() {
        assert!(
            matches!(parse_secret("id=tok,env=TOKEN").unwrap().1, Secret::Env(e) if e == "TOKEN")
        );
        assert!(parse_secret("src=/x").is_err());
        let root = tempfile::tempdir().unwrap();
        let ctx = tempfile::tempdir().unwrap();
        std::fs::write(ctx.path().join("f"), "x").unwrap();
        let m = run_mounts(
            &[
                "type=cache,target=/root/.cache".into(),
                "type=bind,source=f,target=/in".into(),
            ],
            root.path(),
            ctx.path(),
            &BTreeMap::new(),
            "/",
            &mut |_| unreachable!(),
        )
        .unwrap();
        assert_eq!(m.mounts.len(), 2);
        assert_eq!(m.exclude, vec!["/root/.cache", "/in"]);
        assert!(m.mounts[1].readonly && m.mounts[1].file);
        let mut none = |_: &str| -> anyhow::Result<PathBuf> { bail!("no stages") };
        assert!(run_mounts(
            &["type=bind,source=../x,target=/y".into()],
            root.path(),
            ctx.path(),
            &BTreeMap::new(),
            "/",
            &mut none,
        )
        .is_err());
        assert!(run_mounts(
            &["type=secret,id=s,required=true".into()],
            root.path(),
            ctx.path(),
            &BTreeMap::new(),
            "/",
            &mut none,
        )
        .is_err());
    }
}
