//! Manifest lists (multi-platform images): made locally from images in the store or on
//! registries, annotated, and pushed as an OCI image index or a Docker manifest list (the local
//! images first, each under its digest, then the list under its tag). Kept in
//! `<root>/manifests/<sha256 of the name>.json`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::manifest::{self, Platform};
use super::registries::RegistriesConf;
use super::registry::{Access, Registries};
use super::store::{find, Store};
use crate::storage::{LockGuard, LockMode, Paths};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// The image in the local store, when it came from there (pushed with the list).
    #[serde(default)]
    pub image_id: Option<String>,
    /// Where it came from: a local name or id, or a registry reference.
    pub source: String,
    pub digest: String,
    pub size: u64,
    pub media_type: String,
    pub platform: Platform,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct List {
    pub name: String,
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
}

fn dir(paths: &Paths) -> PathBuf {
    paths.root.join("manifests")
}

fn file(paths: &Paths, name: &str) -> PathBuf {
    dir(paths).join(format!(
        "{}.json",
        super::archive::sha256_hex(name.as_bytes())
    ))
}

/// A list name as stored: `mylist` -> `localhost/mylist:latest` (as podman names local things).
pub fn full_name(name: &str) -> anyhow::Result<String> {
    let p = super::reference::parse(name)?;
    if p.short {
        let tag = p.reference.tag.clone().unwrap_or_else(|| "latest".into());
        let path = p.path.split(':').next().unwrap_or(&p.path).to_string();
        return Ok(format!("localhost/{path}:{tag}"));
    }
    Ok(p.reference.name())
}

fn lock(paths: &Paths) -> anyhow::Result<LockGuard> {
    std::fs::create_dir_all(dir(paths))?;
    Ok(LockGuard::acquire(
        &paths.root.join("locks/manifests.lock"),
        LockMode::Exclusive,
    )?)
}

pub fn load(paths: &Paths, name: &str) -> anyhow::Result<List> {
    let full = full_name(name)?;
    let b = std::fs::read(file(paths, &full)).map_err(|_| {
        anyhow::anyhow!("{name}: no such manifest list (`skiff manifest create {name}` makes one)")
    })?;
    serde_json::from_slice(&b).with_context(|| format!("reading manifest list {full}"))
}

pub fn exists(paths: &Paths, name: &str) -> anyhow::Result<bool> {
    Ok(file(paths, &full_name(name)?).exists())
}

fn save(paths: &Paths, l: &List) -> anyhow::Result<()> {
    crate::storage::atomic::write_atomic(&file(paths, &l.name), &serde_json::to_vec_pretty(l)?)?;
    Ok(())
}

pub fn create(paths: &Paths, name: &str, amend: bool) -> anyhow::Result<List> {
    let _g = lock(paths)?;
    let full = full_name(name)?;
    if file(paths, &full).exists() {
        if amend {
            return load(paths, name);
        }
        bail!("{full}: a manifest list of that name exists (use --amend to add to it)");
    }
    let l = List {
        name: full,
        ..Default::default()
    };
    save(paths, &l)?;
    Ok(l)
}

pub fn remove(paths: &Paths, name: &str) -> anyhow::Result<()> {
    let _g = lock(paths)?;
    let f = file(paths, &full_name(name)?);
    std::fs::remove_file(&f).map_err(|_| anyhow::anyhow!("{name}: no such manifest list"))
}

/// What `add` takes besides the image.
#[derive(Default)]
pub struct AddOptions {
    pub all: bool,
    pub platform: Platform,
    pub set_os: bool,
    pub set_arch: bool,
    pub annotations: BTreeMap<String, String>,
    pub access: Access,
}

/// Add an image (local, or `docker://` / a reference on a registry) to the list; returns the
/// digests added.
pub fn add(paths: &Paths, list: &str, image: &str, o: &AddOptions) -> anyhow::Result<Vec<String>> {
    let mut entries = Vec::new();
    let remote_ref = image.strip_prefix("docker://");
    let store = Store::open(&paths.root)?;
    let conf = RegistriesConf::load(&paths.config)?;
    let local = match remote_ref {
        Some(_) => None,
        None => {
            let _g = store.lock_images(LockMode::Shared)?;
            find(&store.load()?, image, &conf.search_registries())
                .ok()
                .cloned()
        }
    };
    if let Some(img) = local {
        let cfg = store.config(&img.id)?;
        let raw = store.manifest_raw(&img.id)?;
        entries.push(Entry {
            image_id: Some(img.id.clone()),
            source: image.to_string(),
            digest: img.manifest_digest.clone(),
            size: raw.len() as u64,
            media_type: img.manifest_media_type.clone(),
            platform: Platform {
                architecture: cfg.architecture.clone(),
                os: cfg.os.clone(),
                variant: cfg.variant.clone(),
            },
            annotations: BTreeMap::new(),
        });
    } else {
        let name = remote_ref.unwrap_or(image);
        let r = super::reference::parse(name)?.reference;
        let registries = Registries::new(conf, &paths.config).with_access(o.access.clone());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let mut last = None;
        for ep in registries.endpoints(&r)? {
            let remote = registries.remote(&ep, &r)?;
            let got = rt.block_on(async {
                let m = remote.manifest(&r, None).await?;
                let doc = manifest::parse(&m.body, m.content_type.as_deref(), &r.to_string())?;
                let mut found = Vec::new();
                match doc {
                    manifest::Document::Index(idx) => {
                        let want = Platform::host();
                        for d in &idx.manifests {
                            let p = d.platform.clone().unwrap_or_default();
                            if p.os == "unknown" {
                                continue; // attestations
                            }
                            if o.all
                                || super::platform::choose(std::slice::from_ref(d), &want).is_some()
                            {
                                found.push(Entry {
                                    image_id: None,
                                    source: name.to_string(),
                                    digest: d.digest.clone(),
                                    size: d.size,
                                    media_type: d.media_type.clone(),
                                    platform: p,
                                    annotations: BTreeMap::new(),
                                });
                            }
                        }
                    }
                    manifest::Document::Manifest(man) => {
                        let cfg: super::manifest::ImageConfig = serde_json::from_slice(
                            &remote.blob_bytes(&r, &man.config.digest).await?,
                        )?;
                        found.push(Entry {
                            image_id: None,
                            source: name.to_string(),
                            digest: m.digest.clone(),
                            size: m.body.len() as u64,
                            media_type: man
                                .media_type
                                .clone()
                                .unwrap_or_else(|| manifest::OCI_MANIFEST.into()),
                            platform: Platform {
                                architecture: cfg.architecture,
                                os: cfg.os,
                                variant: cfg.variant,
                            },
                            annotations: BTreeMap::new(),
                        });
                    }
                }
                anyhow::Ok(found)
            });
            match got {
                Ok(v) => {
                    entries = v;
                    last = None;
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        if let Some(e) = last {
            return Err(e.context(format!(
                "{image}: not in the store, and not found on its registry"
            )));
        }
    }
    if entries.is_empty() {
        bail!("{image}: nothing to add (no image for this platform; --all adds every one)");
    }
    for e in entries.iter_mut() {
        if o.set_os {
            e.platform.os = o.platform.os.clone();
        }
        if o.set_arch {
            e.platform.architecture = o.platform.architecture.clone();
        }
        if o.platform.variant.is_some() {
            e.platform.variant = o.platform.variant.clone();
        }
        e.annotations.extend(o.annotations.clone());
    }
    let _g = lock(paths)?;
    let mut l = load(paths, list)?;
    let added: Vec<String> = entries.iter().map(|e| e.digest.clone()).collect();
    for e in entries {
        l.entries.retain(|x| x.digest != e.digest);
        l.entries.push(e);
    }
    save(paths, &l)?;
    Ok(added)
}

/// Change an entry's platform or annotations (`manifest annotate`).
pub fn annotate(
    paths: &Paths,
    list: &str,
    digest: &str,
    platform: Option<Platform>,
    annotations: BTreeMap<String, String>,
    list_level: bool,
) -> anyhow::Result<()> {
    let _g = lock(paths)?;
    let mut l = load(paths, list)?;
    if list_level {
        l.annotations.extend(annotations);
        return save(paths, &l);
    }
    let e = l
        .entries
        .iter_mut()
        .find(|e| e.digest == digest || e.digest.trim_start_matches("sha256:").starts_with(digest))
        .ok_or_else(|| {
            anyhow::anyhow!("{list} has no image {digest} (see `skiff manifest inspect {list}`)")
        })?;
    if let Some(p) = platform {
        if !p.os.is_empty() {
            e.platform.os = p.os;
        }
        if !p.architecture.is_empty() {
            e.platform.architecture = p.architecture;
        }
        if p.variant.is_some() {
            e.platform.variant = p.variant;
        }
    }
    e.annotations.extend(annotations);
    save(paths, &l)
}

/// The list as an index document: OCI's (default) or Docker's manifest list.
pub fn index_json(l: &List, docker: bool) -> serde_json::Value {
    let manifests: Vec<_> = l
        .entries
        .iter()
        .map(|e| {
            let mut d = json!({
                "mediaType": e.media_type,
                "digest": e.digest,
                "size": e.size,
                "platform": e.platform,
            });
            if !e.annotations.is_empty() {
                d["annotations"] = json!(e.annotations);
            }
            d
        })
        .collect();
    let mut v = json!({
        "schemaVersion": 2,
        "mediaType": if docker { manifest::DOCKER_LIST } else { manifest::OCI_INDEX },
        "manifests": manifests,
    });
    if !l.annotations.is_empty() && !docker {
        v["annotations"] = json!(l.annotations);
    }
    v
}

/// Push the list's local images (under their digests) and then the list to `dest`.
pub fn push(
    paths: &Paths,
    list: &str,
    dest: &str,
    docker: bool,
    opts: &super::push::PushOptions,
) -> anyhow::Result<String> {
    let mut l = load(paths, list)?;
    let d = super::reference::parse(dest.strip_prefix("docker://").unwrap_or(dest))?.reference;
    for e in l.entries.iter_mut() {
        match &e.image_id {
            Some(id) => {
                let pushed = super::push::push_image(
                    paths,
                    id,
                    Some(&d.repo_name()),
                    &super::push::PushOptions {
                        by_digest: true,
                        access: opts.access.clone(),
                        format: opts.format,
                        compression: opts.compression,
                        compression_level: opts.compression_level,
                        quiet: opts.quiet,
                    },
                )?;
                e.digest = pushed.digest;
                e.size = pushed.size;
                e.media_type = pushed.media_type;
            }
            None => {
                let src = super::reference::parse(&e.source)?.reference;
                if src.registry != d.registry || src.repository != d.repository {
                    bail!(
                        "{} is on {}, not in {}: a list can only point at manifests in its own \
                         repository; copy it there first (`skiff pull` it and add the local image)",
                        e.digest,
                        src.repo_name(),
                        d.repo_name()
                    );
                }
            }
        }
    }
    let body = serde_json::to_vec(&index_json(&l, docker))?;
    let mt = if docker {
        manifest::DOCKER_LIST
    } else {
        manifest::OCI_INDEX
    };
    let conf = RegistriesConf::load(&paths.config)?;
    let registries = Registries::new(conf, &paths.config).with_access(opts.access.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let tag = d.tag.clone().unwrap_or_else(|| "latest".into());
    let mut errors = Vec::new();
    for ep in registries.endpoints(&d)? {
        let remote = registries.remote(&ep, &d)?;
        match rt.block_on(remote.put_manifest(&d, &tag, &body, mt)) {
            Ok(digest) => return Ok(digest),
            Err(e) => errors.push(e.to_string()),
        }
    }
    bail!("pushing the list {}: {}", l.name, errors.join("; "))
}
