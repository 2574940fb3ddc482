//! `kube down`: for each object of the manifest, what `kube play` recorded is removed: its pods
//! (members stopped together within their grace periods, then removed), the secrets behind
//! their env, their volume directories; with `--force` also the claims' volumes the play
//! created. Objects already gone are skipped quietly.

use super::record::{PlayStore, Played};
use super::Manifest;
use crate::state::pod::PodStore;
use crate::state::ContainerStore;
use crate::storage::Paths;

#[derive(Debug, Default)]
pub struct Report {
    pub pods: Vec<String>,
    pub volumes: Vec<String>,
}

/// Stop every member of the pods at once (each within its own grace period), then remove them.
fn remove_pods(paths: &Paths, ids: &[String]) -> anyhow::Result<Vec<String>> {
    let pods = PodStore::open(&paths.root)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let found: Vec<_> = ids.iter().filter_map(|id| pods.find(id).ok()).collect();
    let mut running = Vec::new();
    for p in &found {
        for c in crate::runtime::pod::members(&cstore, p)? {
            if c.process_alive() && Some(&c.id) != p.infra_id.as_ref() {
                running.push(c);
            }
        }
    }
    // preStop hooks fork into the containers: here, before the threads, each within its grace.
    let mut graces = Vec::new();
    for c in running.iter_mut() {
        let t = crate::runtime::checks::pre_stop(c, c.spec.stop_timeout.unwrap_or(10));
        c.probes.pre_stop = None;
        graces.push(t);
    }
    std::thread::scope(|s| {
        for (c, t) in running.iter().zip(graces) {
            let cstore = &cstore;
            s.spawn(move || {
                let _ = crate::cli::lifecycle::stop_one(cstore, c, t);
            });
        }
    });
    let mut removed = Vec::new();
    for p in found {
        crate::runtime::pod::remove(paths, &p, true)?;
        removed.push(p.name);
    }
    Ok(removed)
}

/// Remove what one play of an object made (`force`: its claims' volumes too).
pub fn remove_played(paths: &Paths, rec: &Played, force: bool) -> anyhow::Result<Report> {
    let mut report = Report {
        pods: remove_pods(paths, &rec.pods)?,
        ..Default::default()
    };
    let secrets = crate::state::secret::SecretStore::open(&paths.root)?;
    for s in &rec.secrets {
        let _ = secrets.remove(s);
    }
    for d in &rec.dirs {
        if d.exists() {
            crate::storage::remove_tree(d)?;
        }
    }
    if force && !rec.volumes.is_empty() {
        let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
        let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
        for v in &rec.volumes {
            if vstore.get(v).is_ok() {
                vstore.remove(&cstore, v, false)?;
                report.volumes.push(v.clone());
            }
        }
    }
    Ok(report)
}

pub fn down(paths: &Paths, m: &Manifest, force: bool) -> anyhow::Result<Report> {
    let plays = PlayStore::open(&paths.root)?;
    let mut report = Report::default();
    let mut objects: Vec<(String, String)> = m
        .workloads
        .iter()
        .map(|w| (w.kind.clone(), w.name.clone()))
        .collect();
    for p in &m.pvcs {
        objects.push((
            "PersistentVolumeClaim".into(),
            p.metadata.name.clone().unwrap_or_default(),
        ));
    }
    for s in &m.services {
        objects.push((
            "Service".into(),
            s.metadata.name.clone().unwrap_or_default(),
        ));
    }
    for (kind, name) in objects {
        let Some(rec) = plays.load(&kind, &name) else {
            continue;
        };
        let r = remove_played(paths, &rec, force)?;
        report.pods.extend(r.pods);
        report.volumes.extend(r.volumes);
        // A claim's record stays until its volume goes (`--force`): the next play reuses it.
        if kind != "PersistentVolumeClaim" || force {
            plays.remove(&kind, &name);
        }
    }
    Ok(report)
}
