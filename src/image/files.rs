//! Reading a container's or an image's files from inside the user namespace (the
//! `internal-pack` helper), so owners come out as the container sees them: `export` (a tar of the
//! whole tree), `diff` (what changed), two images compared.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

use super::pack::Change;
use super::store::{ImageRecord, Store};
use crate::state::{Container, ContainerStore};
use crate::storage::Paths;
use crate::userns::helper::{needs_userns, spawn_mapped};
use crate::userns::IdMapping;

/// Run `skiff internal-pack ARGS` inside the container's mapping; its stdout goes to `out`.
pub(crate) fn run_pack(
    mapping: &IdMapping,
    args: Vec<OsString>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("finding the skiff executable")?;
    let mut cmd = Command::new(exe);
    cmd.arg("internal-pack").args(args).stderr(Stdio::piped());
    if needs_userns(mapping) {
        cmd.arg("--userns");
    }
    let mut child = spawn_mapped(cmd, mapping)?;
    drop(child.stdin.take());
    let mut stderr = child.stderr.take().expect("piped");
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut stdout = child.stdout.take().expect("piped");
    let copied = std::io::copy(&mut stdout, out);
    // Our side failed (a full disk): the helper, blocked on a full pipe, must not be waited
    // for: close the pipe and stop it.
    drop(stdout);
    if copied.is_err() {
        let _ = child.kill();
    }
    let status = child.wait()?;
    let err = err.join().unwrap_or_default();
    if let Err(e) = copied {
        bail!("writing the packed layer: {e}");
    }
    if !status.success() {
        let why = err.trim();
        bail!("{}", why.strip_prefix("Error: ").unwrap_or(why));
    }
    Ok(())
}

pub(crate) fn lowers_of(c: &Container) -> Vec<PathBuf> {
    c.spec.layers.iter().rev().cloned().collect()
}

/// The changes of a container against its image (`diff`).
pub fn container_changes(store: &ContainerStore, c: &Container) -> anyhow::Result<Vec<Change>> {
    let mut args: Vec<OsString> = vec!["--mode".into(), "diff".into(), "--dir".into()];
    args.push(store.path(&c.id).join("upper").into());
    for l in lowers_of(c) {
        args.push("--lower".into());
        args.push(l.into());
    }
    let mut buf = Vec::new();
    run_pack(&c.spec.mapping, args, &mut buf)?;
    Ok(serde_json::from_slice(&buf)?)
}

/// What an image's top layer changed against the layers below it.
pub fn image_changes(store: &Store, img: &ImageRecord) -> anyhow::Result<Vec<Change>> {
    let Some((top, below)) = img.layers.split_last() else {
        return Ok(Vec::new());
    };
    let mut args: Vec<OsString> = vec!["--mode".into(), "diff".into(), "--dir".into()];
    args.push(store.layer_diff(top).into());
    for l in below.iter().rev() {
        args.push("--lower".into());
        args.push(store.layer_diff(l).into());
    }
    let mut buf = Vec::new();
    run_pack(&IdMapping::for_current_user()?, args, &mut buf)?;
    Ok(serde_json::from_slice(&buf)?)
}

/// What changed from image `a` to image `b` (`diff IMAGE IMAGE`).
pub fn images_compared(
    paths: &Paths,
    store: &Store,
    a: &ImageRecord,
    b: &ImageRecord,
) -> anyhow::Result<Vec<Change>> {
    let mnt = paths
        .runroot
        .join(format!("compare-{}", std::process::id()));
    std::fs::create_dir_all(&mnt)?;
    let mut args: Vec<OsString> = vec![
        "--mode".into(),
        "compare".into(),
        "--dir".into(),
        mnt.clone().into(),
        "--mnt".into(),
        mnt.clone().into(),
    ];
    for (flag, img) in [("--a-layer", a), ("--b-layer", b)] {
        for l in img.layers.iter().rev() {
            args.push(flag.into());
            args.push(store.layer_diff(l).into());
        }
    }
    let mut buf = Vec::new();
    let r = run_pack(&IdMapping::for_current_user()?, args, &mut buf);
    let _ = std::fs::remove_dir(mnt.join("a"));
    let _ = std::fs::remove_dir(mnt.join("b"));
    let _ = std::fs::remove_dir(&mnt);
    r?;
    Ok(serde_json::from_slice(&buf)?)
}

/// The container's whole root filesystem as a tar on `out`.
pub fn export(store: &ContainerStore, c: &Container, out: &mut dyn Write) -> anyhow::Result<()> {
    if c.spec.rootfs.is_some() {
        bail!(
            "{}: its root is the directory {}; archive that directly",
            c.name,
            c.image
        );
    }
    let mnt = store.run_path(&c.id).join("export");
    std::fs::create_dir_all(&mnt)?;
    let mut args: Vec<OsString> = vec!["--mode".into(), "tree".into(), "--dir".into()];
    args.push(store.path(&c.id).join("upper").into());
    for l in lowers_of(c) {
        args.push("--lower".into());
        args.push(l.into());
    }
    args.push("--mnt".into());
    args.push(mnt.clone().into());
    let r = run_pack(&c.spec.mapping, args, out);
    let _ = std::fs::remove_dir(&mnt);
    r.with_context(|| format!("exporting {}", c.name))
}
