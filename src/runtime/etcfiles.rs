//! A container's generated files: /etc/hosts, hostname, resolv.conf and .containerenv in its
//! run dir (bound into it), and its secrets (files, or environment variables at start).

use std::path::Path;

use anyhow::Context;

use super::spec::Spec;
use crate::network::Network;
use crate::state::{Container, ContainerStore};

/// The generated /etc files of a container. With `--network container:X`, X's hosts and
/// resolv.conf (they share the network).
pub fn write_etc(store: &ContainerStore, c: &Container) -> anyhow::Result<std::path::PathBuf> {
    use crate::network::etc;
    let dir = store.run_path(&c.id).join("etc");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let h = &c.spec.hostname;
    let net = &c.spec.network;
    let (hosts, resolv) = match net {
        Network::Container(target) => {
            let t = store.find(target)?;
            let tdir = store.run_path(&t.id).join("etc");
            let mut hosts = std::fs::read_to_string(tdir.join("hosts")).unwrap_or_default();
            if let Some(pod) = &c.pod {
                hosts.push_str(&pod_hosts(store, pod, &t.id, &c.id)?);
            }
            (
                hosts,
                std::fs::read_to_string(tdir.join("resolv.conf")).unwrap_or_default(),
            )
        }
        Network::Bridge(_) => {
            let links = crate::network::attach::load(store.runroot(), &c.id)
                .map(|a| a.links)
                .unwrap_or_default();
            let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
            (
                etc::bridge_hosts(
                    h,
                    &c.name,
                    &c.spec.net,
                    &links,
                    crate::network::rootless::load(store.runroot())
                        .and_then(|hd| {
                            let r = std::fs::read_to_string(format!("/proc/{}/net/route", hd.pid));
                            etc::default_gateway(&r.unwrap_or_default())
                        })
                        .as_deref(),
                ),
                etc::bridge_resolv_conf(&host_resolv, &c.spec.net, &links),
            )
        }
        _ => {
            let route = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
            let gateway = etc::host_gateway(net, &route);
            let host_hosts = (*net == Network::Host)
                .then(|| std::fs::read_to_string("/etc/hosts").unwrap_or_default());
            let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
            (
                etc::hosts(
                    h,
                    &c.name,
                    &c.spec.net,
                    gateway.as_deref(),
                    host_hosts.as_deref(),
                ),
                etc::resolv_conf(&host_resolv, net, &c.spec.net),
            )
        }
    };
    std::fs::write(dir.join("hosts"), hosts)?;
    std::fs::write(dir.join("hostname"), format!("{h}\n"))?;
    std::fs::write(dir.join(".containerenv"), containerenv(c))?;
    std::fs::write(dir.join("resolv.conf"), resolv)?;
    Ok(dir)
}

/// The names of a pod's containers (they share its network: all at the loopback address), for the
/// /etc/hosts of each, whose running members' files are updated in place (same inode: binds see it).
fn pod_hosts(store: &ContainerStore, pod: &str, infra: &str, me: &str) -> anyhow::Result<String> {
    let members: Vec<Container> = store
        .list()?
        .into_iter()
        .filter(|o| o.pod.as_deref() == Some(pod) && o.id != infra)
        .collect();
    let names: Vec<&str> = members.iter().map(|o| o.name.as_str()).collect();
    let line = format!("127.0.1.1\t{}\n", names.join(" "));
    let base = std::fs::read_to_string(store.run_path(infra).join("etc/hosts")).unwrap_or_default();
    for o in members.iter().filter(|o| o.id != me && o.process_alive()) {
        let f = store.run_path(&o.id).join("etc/hosts");
        if f.exists() {
            let _ = std::fs::write(&f, format!("{base}{line}"));
        }
    }
    Ok(line)
}

/// `/run/.containerenv`, as podman writes it: how a process finds it runs in a container, which.
fn containerenv(c: &Container) -> String {
    let image = if c.image_name.is_empty() {
        &c.image
    } else {
        &c.image_name
    };
    format!(
        "engine=\"skiff-{}\"\nname=\"{}\"\nid=\"{}\"\nimage=\"{}\"\nimageid=\"{}\"\nrootless={}\n",
        env!("CARGO_PKG_VERSION"),
        c.name,
        c.id,
        image,
        crate::image::store::hex_of(&c.image_id),
        u8::from(!nix::unistd::geteuid().is_root()),
    )
}

/// The data of its file secrets, for this run (in the runroot, owner-only, bound read-only).
pub(crate) fn write_secrets(
    store: &ContainerStore,
    c: &Container,
    dir: &Path,
) -> anyhow::Result<()> {
    let files: Vec<_> = c.spec.secrets.iter().filter(|s| !s.env).collect();
    if files.is_empty() {
        return Ok(());
    }
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))?;
    let secrets = crate::state::secret::SecretStore::open(secret_root(store))?;
    for s in files {
        let path = dir.join(&s.id);
        let _ = std::fs::remove_file(&path);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("writing secret {}", s.name))?;
        std::io::Write::write_all(&mut f, &secrets.data(&s.id)?)?;
        f.set_permissions(std::fs::Permissions::from_mode(s.mode & 0o777))?;
    }
    Ok(())
}

/// The store root (the secrets live beside the containers).
fn secret_root(store: &ContainerStore) -> &Path {
    store.dir.parent().unwrap_or(&store.dir)
}

/// The spec to run: with the values of its env secrets, read now (never saved in the record).
pub(crate) fn with_secret_env(store: &ContainerStore, spec: &Spec) -> anyhow::Result<Option<Spec>> {
    if !spec.secrets.iter().any(|s| s.env) {
        return Ok(None);
    }
    let secrets = crate::state::secret::SecretStore::open(secret_root(store))?;
    let mut run = spec.clone();
    for s in spec.secrets.iter().filter(|s| s.env) {
        let value = String::from_utf8(secrets.data(&s.id)?)
            .map_err(|_| anyhow::anyhow!("secret {} is not text: mount it as a file", s.name))?;
        run.env
            .retain(|e| e.split('=').next() != Some(s.target.as_str()));
        run.env
            .push(format!("{}={}", s.target, value.trim_end_matches('\n')));
    }
    Ok(Some(run))
}
