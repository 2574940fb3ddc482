//! Images from containers and tarballs: `commit` (the container's upper dir becomes a layer on
//! top of its image), `import` (a root filesystem tarball becomes a one-layer image), and the
//! container-side readers `export` (its files as a tar) and `diff` (its changes). Files are read
//! by a helper inside the user namespace, so owners come out as the container sees them.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde_json::{json, Value};
use sha2::Digest;

use super::archive;
use super::store::{ImageRecord, Store};
use crate::state::{Container, ContainerStore, Status};
use crate::storage::{LockMode, Paths};

pub use super::files::{container_changes, export, image_changes, images_compared};
pub(crate) use super::files::{lowers_of, run_pack};
pub(crate) use super::layerfile::{
    layer_from_writer, layer_of_container, layer_of_delta, layer_of_tree, store_layer, tmp_file,
    HashedFile, Remove,
};

pub struct CommitOptions {
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    pub pause: bool,
    /// Docker's manifest and config media types instead of OCI's.
    pub docker: bool,
    /// One layer with the whole file system instead of one more layer on the image's.
    pub squash: bool,
    /// The container's volume mount points become the image's VOLUMEs.
    pub include_volumes: bool,
}

/// Container args back into the image's Entrypoint and Cmd.
fn split_command(image_entrypoint: &[String], args: &[String]) -> (Value, Value) {
    if !image_entrypoint.is_empty() && args.starts_with(image_entrypoint) {
        (
            json!(image_entrypoint),
            json!(args[image_entrypoint.len()..]),
        )
    } else {
        (Value::Null, json!(args))
    }
}

pub(crate) fn now_rfc3339() -> String {
    crate::cli::format::rfc3339(crate::cli::format::now_unix())
}

/// Make the image: config JSON edited (or built), one more layer, a manifest over the blobs.
pub(crate) fn finish_image(
    store: &Store,
    config: Value,
    layers: &[String],
    names: Vec<String>,
    docker: bool,
) -> anyhow::Result<ImageRecord> {
    finish_image_annotated(store, config, layers, names, docker, &Default::default())
}

/// `finish_image`, with manifest annotations (`build --annotation`).
pub(crate) fn finish_image_annotated(
    store: &Store,
    mut config: Value,
    layers: &[String],
    names: Vec<String>,
    docker: bool,
    annotations: &std::collections::BTreeMap<String, String>,
) -> anyhow::Result<ImageRecord> {
    config["rootfs"] = json!({ "type": "layers", "diff_ids": layers });
    let config_bytes = serde_json::to_vec(&config)?;
    let id = format!("sha256:{}", archive::sha256_hex(&config_bytes));
    let mut descs = Vec::new();
    let mut size = 0;
    for d in layers {
        let rec = store
            .layer_record(d)
            .ok_or_else(|| anyhow::anyhow!("layer {d} is missing from the store"))?;
        size += rec.size;
        let mt = rec
            .media_type
            .clone()
            .unwrap_or_else(|| archive::GZIP_LAYER.into());
        descs.push(json!({ "mediaType": mt, "digest": rec.digest, "size": rec.compressed_size }));
    }
    let (mt, cmt) = if docker {
        (super::manifest::DOCKER_MANIFEST, archive::DOCKER_CONFIG)
    } else {
        (super::manifest::OCI_MANIFEST, archive::OCI_CONFIG)
    };
    let mut manifest_v = json!({
        "schemaVersion": 2,
        "mediaType": mt,
        "config": { "mediaType": cmt, "digest": id, "size": config_bytes.len() },
        "layers": descs,
    });
    if !annotations.is_empty() {
        manifest_v["annotations"] = json!(annotations);
    }
    let manifest = serde_json::to_vec(&manifest_v)?;
    let rec = ImageRecord {
        id,
        names,
        digests: Vec::new(),
        manifest_digest: format!("sha256:{}", archive::sha256_hex(&manifest)),
        manifest_media_type: mt.into(),
        layers: layers.to_vec(),
        size,
        created: config["created"].as_str().map(str::to_string),
        stored_at: crate::cli::format::now_unix() as u64,
    };
    Ok(store.put_image(rec, &manifest, &config_bytes)?)
}

pub(crate) fn names_for(reference: Option<&str>) -> anyhow::Result<Vec<String>> {
    Ok(match reference {
        None => Vec::new(),
        Some(r) => {
            // A bare name gets localhost/ as podman gives it (not docker.io: it was never there).
            let p = super::reference::parse(r)?;
            let name = if p.short {
                let path = p.path.clone();
                let tag = p.reference.tag.clone().unwrap_or_else(|| "latest".into());
                let path = path.split(':').next().unwrap_or(&path).to_string();
                format!("localhost/{path}:{tag}")
            } else {
                p.reference.name()
            };
            vec![name]
        }
    })
}

/// `commit`: a new image from the container's changes.
pub fn commit(
    paths: &Paths,
    cstore: &ContainerStore,
    c: &Container,
    reference: Option<&str>,
    opts: &CommitOptions,
) -> anyhow::Result<ImageRecord> {
    if c.spec.rootfs.is_some() {
        bail!(
            "{}: a --rootfs container has no image to commit onto",
            c.name
        );
    }
    let running = c.state.status == Status::Running && c.process_alive();
    if running && !opts.pause {
        bail!(
            "{} is running: commit pauses it while reading its files (the default), or stop it \
             first; --pause=false would record files as they change",
            c.name
        );
    }
    let names = names_for(reference)?;
    let store = Store::open(&paths.root)?;
    let _store_guard = store.lock_store(LockMode::Shared)?;
    let base_raw = if c.image_id.is_empty() {
        None
    } else {
        Some(store.config_raw(&c.image_id).with_context(|| {
            format!(
                "{}: its image {} is no longer in the store",
                c.name, c.image
            )
        })?)
    };
    // Pause (SIGSTOP every process) while the upper dir is read.
    let procs: Vec<i32> = if running {
        crate::runtime::procs::list(c.state.pid)
            .iter()
            .map(|p| p.pid)
            .collect()
    } else {
        Vec::new()
    };
    for p in &procs {
        let _ = crate::sys::kill_raw(*p, libc::SIGSTOP);
    }
    let tar = tmp_file(paths, "commit")?;
    let _cleanup = Remove(tar.clone());
    let packed = (|| -> anyhow::Result<(String, u64)> {
        let mut out = HashedFile {
            file: std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tar)?),
            hasher: sha2::Sha256::new(),
            n: 0,
        };
        let mut args: Vec<OsString> = vec![
            "--mode".into(),
            if opts.squash { "tree" } else { "layer" }.into(),
            "--dir".into(),
            cstore.path(&c.id).join("upper").into(),
        ];
        let mnt = cstore.run_path(&c.id).join("squash");
        if opts.squash {
            std::fs::create_dir_all(&mnt)?;
            for l in lowers_of(c) {
                args.push("--lower".into());
                args.push(l.into());
            }
            args.push("--mnt".into());
            args.push(mnt.clone().into());
        }
        let r = run_pack(&c.spec.mapping, args, &mut out);
        let _ = std::fs::remove_dir(&mnt);
        r?;
        out.flush()?;
        Ok((
            format!("sha256:{}", super::unpack::hex(&out.hasher.finalize())),
            out.n,
        ))
    })();
    for p in &procs {
        let _ = crate::sys::kill_raw(*p, libc::SIGCONT);
    }
    let (diff_id, size) = packed.with_context(|| format!("reading the changes of {}", c.name))?;
    store_layer(
        paths,
        &store,
        &tar,
        &diff_id,
        size,
        &format!("the changes of {}", c.name),
    )?;

    let mut config: Value = match &base_raw {
        Some(b) => serde_json::from_slice(b)?,
        None => json!({ "architecture": std::env::consts::ARCH, "os": "linux", "config": {} }),
    };
    let cfg = config["config"]
        .as_object_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    let mut cfg = cfg;
    let entrypoint: Vec<String> = cfg
        .get("Entrypoint")
        .and_then(|e| serde_json::from_value(e.clone()).ok())
        .unwrap_or_default();
    let (ep, cmd) = split_command(&entrypoint, &c.spec.args);
    cfg.insert("Entrypoint".into(), ep);
    cfg.insert("Cmd".into(), cmd);
    let env: Vec<&String> = c
        .spec
        .env
        .iter()
        .filter(|e| !e.starts_with("HOSTNAME=") && !e.starts_with("container="))
        .collect();
    cfg.insert("Env".into(), json!(env));
    cfg.insert("WorkingDir".into(), json!(c.spec.cwd));
    if !c.spec.user.is_empty() {
        cfg.insert("User".into(), json!(c.spec.user));
    }
    if !c.labels.is_empty() {
        cfg.insert("Labels".into(), json!(c.labels));
    }
    if opts.include_volumes {
        for m in c.spec.mounts.iter().filter(|m| m.volume.is_some()) {
            super::changes::apply(&mut cfg, &format!("VOLUME={}", m.target))?;
        }
    }
    for ch in &opts.changes {
        super::changes::apply(&mut cfg, ch)?;
    }
    config["config"] = Value::Object(cfg);
    let created = now_rfc3339();
    config["created"] = json!(created);
    if let Some(a) = &opts.author {
        config["author"] = json!(a);
    }
    let mut history = config["history"].as_array().cloned().unwrap_or_default();
    if opts.squash {
        // The old layers are gone into the new one: their history entries made no layer now.
        for h in history.iter_mut() {
            h["empty_layer"] = json!(true);
        }
    }
    let mut h = json!({ "created": created, "created_by": c.create_command.join(" ") });
    if let Some(m) = &opts.message {
        h["comment"] = json!(m);
    }
    if let Some(a) = &opts.author {
        h["author"] = json!(a);
    }
    history.push(h);
    config["history"] = json!(history);
    let mut layers: Vec<String> = if opts.squash {
        Vec::new()
    } else {
        config["rootfs"]["diff_ids"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    layers.push(diff_id);
    finish_image(&store, config, &layers, names, opts.docker)
}

/// `import`: a root filesystem tarball (file, URL or stdin; gzip/zstd too) as a one-layer image.
pub fn import(
    paths: &Paths,
    source: Option<&str>,
    reference: Option<&str>,
    changes: &[String],
    message: Option<&str>,
    platform: &super::manifest::Platform,
) -> anyhow::Result<ImageRecord> {
    let names = names_for(reference)?;
    let store = Store::open(&paths.root)?;
    let _store_guard = store.lock_store(LockMode::Shared)?;
    let tmpdir = paths.root.join("tmp");
    // A URL is downloaded first.
    let downloaded = match source {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
            let f = tmp_file(paths, "download")?;
            download(u, &f)?;
            Some(Remove(f))
        }
        _ => None,
    };
    let input: Option<PathBuf> = match (&downloaded, source) {
        (Some(d), _) => Some(d.0.clone()),
        (None, Some("-")) | (None, None) => None,
        (None, Some(p)) => Some(PathBuf::from(p)),
    };
    let spooled = archive::spool(input.as_deref(), &tmpdir)?;
    let shown = source.unwrap_or("stdin");
    // It must be a tar (the unpacker checks every entry; this gives the clear error first).
    archive::TarFile::open(&spooled.path)
        .map_err(|e| anyhow::anyhow!("{shown}: not a tar archive of a root filesystem ({e:#})"))?;
    let (hex, size) = {
        let mut f = std::fs::File::open(&spooled.path)?;
        let mut h = sha2::Sha256::new();
        let n = std::io::copy(&mut f, &mut HashingSink(&mut h))?;
        (super::unpack::hex(&h.finalize()), n)
    };
    let diff_id = format!("sha256:{hex}");
    // The layer file must live in the store's tmp dir (it is hard-linked into the layer).
    let tar = if spooled.path.starts_with(&tmpdir) {
        spooled.path.clone()
    } else {
        let t = tmp_file(paths, "import")?;
        std::fs::copy(&spooled.path, &t)?;
        t
    };
    let _cleanup = (!spooled.path.starts_with(&tmpdir)).then(|| Remove(tar.clone()));
    store_layer(
        paths,
        &store,
        &tar,
        &diff_id,
        size,
        &format!("the tarball {shown}"),
    )?;
    let mut cfg = serde_json::Map::new();
    for ch in changes {
        super::changes::apply(&mut cfg, ch)?;
    }
    let created = now_rfc3339();
    let mut h = json!({ "created": created, "created_by": format!("/bin/sh -c #(nop) ADD file:{hex} in /") });
    if let Some(m) = message {
        h["comment"] = json!(m);
    }
    let mut config = json!({
        "architecture": platform.architecture,
        "os": platform.os,
        "created": created,
        "config": cfg,
        "history": [h],
    });
    if let Some(v) = &platform.variant {
        config["variant"] = json!(v);
    }
    finish_image(&store, config, &[diff_id], names, false)
}

struct HashingSink<'a>(&'a mut sha2::Sha256);
impl Write for HashingSink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) fn download(url: &str, dst: &Path) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        use futures_util::StreamExt;
        use tokio::io::AsyncWriteExt;
        let resp = reqwest::Client::builder()
            .user_agent(concat!("skiff/", env!("CARGO_PKG_VERSION")))
            .build()?
            .get(url)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .with_context(|| format!("downloading {url}"))?;
        let mut f = tokio::fs::File::create(dst).await?;
        let mut s = resp.bytes_stream();
        while let Some(chunk) = s.next().await {
            f.write_all(&chunk.with_context(|| format!("downloading {url}"))?)
                .await?;
        }
        f.flush().await?;
        Ok(())
    })
}
