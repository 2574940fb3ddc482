//! `skiff container clone`: a new container with an existing one's configuration (optionally
//! another name, image and resource limits); the original can be removed and the copy started.

use clap::Args;

use super::resources::ResourceArgs;
use super::GlobalOpts;
use crate::image::pull::{pull, PullOptions};
use crate::image::registries::RegistriesConf;
use crate::image::store::{find, Store};
use crate::runtime::cgroups::Resources;
use crate::runtime::container;
use crate::state::record::State;
use crate::state::{names, Container, ContainerStore};
use crate::storage::LockMode;
use crate::userns::IdMapping;

#[derive(Debug, Args)]
pub struct CloneArgs {
    /// Remove the original container once the clone exists.
    #[arg(long)]
    pub destroy: bool,
    /// With --destroy: remove the original even when it is running.
    #[arg(short, long)]
    pub force: bool,
    /// Name of the clone (also the second argument; default: the original's name + "-clone").
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Start the clone (detached).
    #[arg(long)]
    pub run: bool,
    /// Pod to put the clone in (skiff has no pods yet: refused unless it is the original's).
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Resource limits that replace the original's.
    #[command(flatten)]
    pub resources: ResourceArgs,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Name of the clone.
    #[arg(value_name = "NAME")]
    pub new_name: Option<String>,
    /// Image for the clone (the configuration stays the original's).
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

/// The limits given on the command line replace the same limits of the original; the others stay.
fn merge(old: &Resources, new: Resources) -> Resources {
    fn pick<T>(new: Option<T>, old: &Option<T>) -> Option<T>
    where
        T: Clone,
    {
        new.or_else(|| old.clone())
    }
    fn list<T: Clone>(new: Vec<T>, old: &[T]) -> Vec<T> {
        if new.is_empty() {
            old.to_vec()
        } else {
            new
        }
    }
    Resources {
        memory: pick(new.memory, &old.memory),
        memory_reservation: pick(new.memory_reservation, &old.memory_reservation),
        memory_swap: pick(new.memory_swap, &old.memory_swap),
        memory_swappiness: pick(new.memory_swappiness, &old.memory_swappiness),
        oom_kill_disable: new.oom_kill_disable || old.oom_kill_disable,
        cpu_shares: pick(new.cpu_shares, &old.cpu_shares),
        cpu_quota: pick(new.cpu_quota, &old.cpu_quota),
        cpu_period: pick(new.cpu_period, &old.cpu_period),
        cpu_rt_period: pick(new.cpu_rt_period, &old.cpu_rt_period),
        cpu_rt_runtime: pick(new.cpu_rt_runtime, &old.cpu_rt_runtime),
        cpuset_cpus: pick(new.cpuset_cpus, &old.cpuset_cpus),
        cpuset_mems: pick(new.cpuset_mems, &old.cpuset_mems),
        pids_limit: pick(new.pids_limit, &old.pids_limit),
        blkio_weight: pick(new.blkio_weight, &old.blkio_weight),
        blkio_weight_device: list(new.blkio_weight_device, &old.blkio_weight_device),
        device_read_bps: list(new.device_read_bps, &old.device_read_bps),
        device_write_bps: list(new.device_write_bps, &old.device_write_bps),
        device_read_iops: list(new.device_read_iops, &old.device_read_iops),
        device_write_iops: list(new.device_write_iops, &old.device_write_iops),
        conf: list(new.conf, &old.conf),
        parent: pick(new.parent, &old.parent),
    }
}

/// `NAME-clone`, then `NAME-clone1`, ... as podman names clones.
fn clone_name(store: &ContainerStore, original: &str) -> anyhow::Result<String> {
    let taken: Vec<String> = store.list()?.into_iter().map(|c| c.name).collect();
    let base = format!("{original}-clone");
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    Ok(name)
}

pub fn run(g: &GlobalOpts, a: CloneArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let orig = cstore.find(&a.container)?;
    if a.force && !a.destroy {
        anyhow::bail!("--force only goes with --destroy (it removes a running original)");
    }
    if let Some(p) = &a.pod {
        anyhow::bail!("--pod {p}: skiff has no pods yet; clone without --pod");
    }
    let name = match (&a.name, &a.new_name) {
        (Some(x), Some(y)) if x != y => {
            anyhow::bail!("the clone's name is given twice ({x} and {y}): give one")
        }
        (Some(n), _) | (None, Some(n)) => n.clone(),
        (None, None) => clone_name(&cstore, &orig.name)?,
    };
    if !names::valid(&name) {
        anyhow::bail!(
            "invalid container name {name:?}: use letters, digits and _ . - (starting with a letter or digit)"
        );
    }
    let id = names::random_id();
    let mut spec = orig.spec.clone();
    spec.resources = merge(&orig.spec.resources, a.resources.resources()?);
    // The default host name is the container's short id: the clone gets its own.
    let old_host = &orig.id[..12];
    if spec.hostname == old_host {
        spec.hostname = id[..12].to_string();
        for e in spec.env.iter_mut() {
            if *e == format!("HOSTNAME={old_host}") {
                *e = format!("HOSTNAME={}", &id[..12]);
            }
        }
    }
    // Anonymous volumes belong to one container: the clone gets fresh ones.
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    for m in spec.mounts.iter_mut() {
        let Some(v) = m.volume.clone() else { continue };
        if vstore.get(&v).is_ok_and(|v| v.anonymous) {
            let fresh = names::random_id();
            let (nv, _) = vstore.ensure(&fresh, Default::default(), true)?;
            if m.tmpfs.is_none() {
                m.source = nv.mountpoint;
            }
            m.volume = Some(fresh);
        }
    }
    let mut image = (
        orig.image.clone(),
        orig.image_id.clone(),
        orig.image_name.clone(),
        orig.image_digest.clone(),
    );
    if let Some(reference) = &a.image {
        let store = Store::open(&paths.root)?;
        let search = RegistriesConf::load(&paths.config)?.search_registries();
        let known = {
            let _g = store.lock_images(LockMode::Shared)?;
            find(&store.load()?, reference, &search).ok().cloned()
        };
        let img = match known {
            Some(i) => i,
            None => pull(
                &paths,
                reference,
                &PullOptions {
                    platform: crate::image::manifest::Platform::host(),
                    quiet: false,
                    access: Default::default(),
                },
            )?,
        };
        let layers: Vec<_> = img.layers.iter().map(|l| store.layer_diff(l)).collect();
        spec.layers = {
            let _g = store.lock_images(LockMode::Shared)?;
            crate::image::mapped::layers_for(
                &layers,
                &IdMapping::for_current_user()?,
                &spec.mapping,
            )?
        };
        image = (
            reference.clone(),
            img.id.clone(),
            crate::image::store::name_for(&img, reference),
            img.manifest_digest.clone(),
        );
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let mut c = Container {
        id: id.clone(),
        name,
        image: image.0,
        image_id: image.1,
        image_name: image.2,
        image_digest: image.3,
        created: now.as_secs() as i64,
        created_nanos: now.subsec_nanos(),
        spec,
        state: State::new(),
        create_command: std::env::args().collect(),
        ..orig.clone()
    };
    let running = orig.process_alive();
    if a.destroy && running && !a.force {
        anyhow::bail!(
            "{} is running: stop it first, or use --destroy --force",
            orig.name
        );
    }
    container::create(&cstore, &mut c, false)?;
    if a.destroy {
        if running {
            super::lifecycle::stop_one(&cstore, &orig, 0)?;
        }
        let latest = cstore.load(&orig.id)?;
        container::remove(&cstore, &latest)?;
    }
    if a.run {
        super::run::start_requirements(&paths, &cstore, &id)?;
        super::run::start_detached(&paths, &id)?;
    }
    super::output::print_text(&format!("{id}\n"))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_limits_replace_the_originals_and_the_rest_stay() {
        let old = Resources {
            memory: Some(64 << 20),
            cpu_shares: Some(512),
            device_read_bps: vec![("8:0".into(), 1)],
            ..Default::default()
        };
        let new = Resources {
            memory: Some(128 << 20),
            ..Default::default()
        };
        let m = merge(&old, new);
        assert_eq!(m.memory, Some(128 << 20));
        assert_eq!(m.cpu_shares, Some(512));
        assert_eq!(m.device_read_bps, vec![("8:0".to_string(), 1)]);
    }
}
