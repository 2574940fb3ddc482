//! `skiff system ...`

use clap::{Args, Subcommand};

use super::GlobalOpts;

#[derive(Debug, Args)]
pub struct SystemArgs {
    #[command(subcommand)]
    pub command: SystemCommand,
}

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Display information about the host (same as `skiff info`)
    Info(super::info::InfoArgs),
    /// Check the store for leftovers of interrupted operations and broken references
    Check(CheckArgs),
    /// Remove every image, layer and container in the store
    Reset(ResetArgs),
    /// Show the disk space images, containers and volumes use
    Df(DfArgs),
    /// Remove stopped containers, dangling (or, with -a, unused) images and, with --volumes,
    /// unused volumes
    Prune(PruneArgs),
    /// Serve the Docker Engine API (docker CLI, compose, Testcontainers) on a socket until idle
    Service(ServiceArgs),
}

#[derive(Debug, Args)]
pub struct ServiceArgs {
    /// Where to listen: unix:///PATH, or tcp://127.0.0.1:PORT (default:
    /// unix://$XDG_RUNTIME_DIR/skiff/skiff.sock, a 0600 socket in a 0700 directory).
    #[arg(value_name = "URI")]
    pub uri: Option<String>,
    /// Exit after SECONDS without a connection (0: never).
    #[arg(
        short = 't',
        long = "time",
        default_value_t = 5,
        value_name = "SECONDS"
    )]
    pub time: u64,
    /// Print the default socket's URI (for DOCKER_HOST) and exit.
    #[arg(long)]
    pub print_socket: bool,
    /// Allow a tcp:// address other than loopback (unauthenticated: anyone who reaches it
    /// controls your containers).
    #[arg(long)]
    pub allow_remote: bool,
    /// Allowed CORS origins (podman's flag; skiff sends no CORS headers, browsers are refused).
    #[arg(long, value_name = "ORIGINS")]
    pub cors: Option<String>,
}

#[derive(Debug, Args)]
pub struct DfArgs {
    /// One line per image, container and volume.
    #[arg(short, long)]
    pub verbose: bool,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Every image no container uses, not only dangling ones.
    #[arg(short, long)]
    pub all: bool,
    /// Unused volumes too.
    #[arg(long)]
    pub volumes: bool,
    /// Only what passes these filters: label=KEY[=VALUE], label!=..., until=TIME.
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Remove what is broken or left over.
    #[arg(short, long)]
    pub repair: bool,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(g: &GlobalOpts, a: SystemArgs) -> anyhow::Result<i32> {
    match a.command {
        SystemCommand::Info(i) => super::info::run(g, i),
        SystemCommand::Check(c) => check(g, c),
        SystemCommand::Reset(r) => reset(g, r),
        SystemCommand::Df(d) => df(g, d),
        SystemCommand::Prune(p) => prune(g, p),
        SystemCommand::Service(s) => service(g, s),
    }
}

fn service(g: &GlobalOpts, a: ServiceArgs) -> anyhow::Result<i32> {
    use crate::api::server;
    let paths = g.paths()?;
    let default = format!(
        "unix://{}",
        server::default_socket(&paths.runroot).display()
    );
    if a.print_socket {
        super::output::print_text(&format!("{default}\n"))?;
        return Ok(0);
    }
    if a.cors.is_some() {
        super::ignored("--cors", "skiff answers no cross-origin requests");
    }
    let at = server::parse_uri(a.uri.as_deref().unwrap_or(&default), a.allow_remote)?;
    let idle = (a.time > 0).then(|| std::time::Duration::from_secs(a.time));
    server::run(crate::api::Service::new(paths), at, idle)?;
    Ok(0)
}

fn df(g: &GlobalOpts, a: DfArgs) -> anyhow::Result<i32> {
    use crate::image::progress::human_size;
    use serde_json::json;
    let paths = g.paths()?;
    let istore = crate::image::store::Store::open(&paths.root)?;
    let images = istore.load()?.images;
    let cstore = crate::state::ContainerStore::open(&paths.root, &paths.runroot)?;
    let containers = cstore.list()?;
    let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
    let volumes = vstore.list()?;
    let used_images: Vec<&str> = containers.iter().map(|c| c.image_id.as_str()).collect();
    let img_size: u64 = images.iter().map(|i| i.size).sum();
    let img_free: u64 = images
        .iter()
        .filter(|i| !used_images.contains(&i.id.as_str()))
        .map(|i| i.size)
        .sum();
    let ctr_sizes: Vec<u64> = containers
        .iter()
        .map(|c| super::container::dir_size(&cstore.path(&c.id).join("upper")))
        .collect();
    let ctr_free: u64 = containers
        .iter()
        .zip(&ctr_sizes)
        .filter(|(c, _)| !c.process_alive())
        .map(|(_, s)| *s)
        .sum();
    let vol_sizes: Vec<u64> = volumes
        .iter()
        .map(|v| super::container::dir_size(&v.mountpoint))
        .collect();
    let vol_free: u64 = volumes
        .iter()
        .zip(&vol_sizes)
        .filter(|(v, _)| crate::state::volume::VolumeStore::users(&containers, &v.name).is_empty())
        .map(|(_, s)| *s)
        .sum();
    let pct = |free: u64, total: u64| (free * 100).checked_div(total).unwrap_or(0);
    let active_c = containers.iter().filter(|c| c.process_alive()).count();
    let active_v = volumes
        .iter()
        .filter(|v| !crate::state::volume::VolumeStore::users(&containers, &v.name).is_empty())
        .count();
    let active_i = images
        .iter()
        .filter(|i| used_images.contains(&i.id.as_str()))
        .count();
    let ctr_total: u64 = ctr_sizes.iter().sum();
    let vol_total: u64 = vol_sizes.iter().sum();
    let rows = vec![
        json!({"Type": "Images", "Total": images.len(), "Active": active_i, "Size": human_size(img_size),
               "RawSize": img_size, "Reclaimable": format!("{} ({}%)", human_size(img_free), pct(img_free, img_size)), "RawReclaimable": img_free}),
        json!({"Type": "Containers", "Total": containers.len(), "Active": active_c, "Size": human_size(ctr_total),
               "RawSize": ctr_total, "Reclaimable": format!("{} ({}%)", human_size(ctr_free), pct(ctr_free, ctr_total)), "RawReclaimable": ctr_free}),
        json!({"Type": "Local Volumes", "Total": volumes.len(), "Active": active_v, "Size": human_size(vol_total),
               "RawSize": vol_total, "Reclaimable": format!("{} ({}%)", human_size(vol_free), pct(vol_free, vol_total)), "RawReclaimable": vol_free}),
    ];
    if a.verbose {
        let mut out = String::from("Images space usage:\n\n");
        let mut lines = vec!["REPOSITORY\tTAG\tIMAGE ID\tSIZE\tCONTAINERS".to_string()];
        for i in &images {
            let (repo, tag) = i
                .names
                .first()
                .and_then(|n| n.rsplit_once(':'))
                .unwrap_or(("<none>", "<none>"));
            let n = containers.iter().filter(|c| c.image_id == i.id).count();
            let id = crate::image::store::hex_of(&i.id);
            lines.push(format!(
                "{repo}\t{tag}\t{}\t{}\t{n}",
                &id[..12],
                human_size(i.size)
            ));
        }
        out.push_str(&super::format::tabwrite(&lines));
        out.push_str("\nContainers space usage:\n\n");
        let mut lines = vec!["CONTAINER ID\tIMAGE\tSIZE\tSTATUS\tNAMES".to_string()];
        for (c, s) in containers.iter().zip(&ctr_sizes) {
            let (_, status) = super::ps::effective(c);
            lines.push(format!(
                "{}\t{}\t{}\t{status}\t{}",
                c.short_id(),
                c.image,
                human_size(*s),
                c.name
            ));
        }
        out.push_str(&super::format::tabwrite(&lines));
        out.push_str("\nLocal Volumes space usage:\n\n");
        let mut lines = vec!["VOLUME NAME\tLINKS\tSIZE".to_string()];
        for (v, s) in volumes.iter().zip(&vol_sizes) {
            let links = crate::state::volume::VolumeStore::users(&containers, &v.name).len();
            lines.push(format!("{}\t{links}\t{}", v.name, human_size(*s)));
        }
        out.push_str(&super::format::tabwrite(&lines));
        super::output::print_text(&out)?;
        return Ok(0);
    }
    let out = super::format::render_rows(
        &rows,
        a.format.as_deref(),
        "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
        &[],
    )?;
    super::output::print_text(&out)?;
    Ok(0)
}

fn prune(g: &GlobalOpts, a: PruneArgs) -> anyhow::Result<i32> {
    if !a.force {
        let mut what = String::from("WARNING! This command removes:\n\t- all stopped containers\n");
        if a.volumes {
            what.push_str("\t- all volumes not used by at least one container\n");
        }
        what.push_str(if a.all {
            "\t- all images without at least one container associated with them"
        } else {
            "\t- all dangling images"
        });
        if !super::confirm(&what)? {
            return Ok(0);
        }
    }
    let paths = g.paths()?;
    let cstore = crate::state::ContainerStore::open(&paths.root, &paths.runroot)?;
    let mut out = String::new();
    let containers = super::container::prune_containers(&cstore, &a.filter)?;
    if !containers.is_empty() {
        out.push_str("Deleted Containers\n");
        out.extend(containers.iter().map(|c| format!("{c}\n")));
    }
    if a.volumes {
        let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
        let volumes = super::volume::prune_volumes(&vstore, &cstore, &a.filter)?;
        if !volumes.is_empty() {
            out.push_str("Deleted Volumes\n");
            out.extend(volumes.iter().map(|v| format!("{v}\n")));
        }
    }
    let images = crate::image::manage::prune(&paths, a.all, &a.filter)?;
    if !images.is_empty() {
        out.push_str("Deleted Images\n");
        out.extend(images.iter().map(|i| format!("{i}\n")));
    }
    super::output::print_text(&out)?;
    Ok(0)
}

fn check(g: &GlobalOpts, a: CheckArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let mut findings = crate::image::manage::check(&paths, a.repair)?;
    findings.extend(orphan_helpers(&paths, a.repair)?);
    let mut out = String::new();
    for f in &findings {
        match &f.path {
            Some(p) => out.push_str(&format!("{}: {}\n", f.what, p.display())),
            None => out.push_str(&format!("{}\n", f.what)),
        }
    }
    super::output::print_text(&out)?;
    if findings.is_empty() {
        eprintln!("No problems found");
        Ok(0)
    } else if a.repair {
        eprintln!("Repaired {} problems", findings.len());
        Ok(0)
    } else {
        anyhow::bail!(
            "{} problems found; run `skiff system check --repair` to fix them",
            findings.len()
        )
    }
}

/// Network helpers of removed containers (see `network::helper::orphans`); with `repair`, stopped.
fn orphan_helpers(
    paths: &crate::storage::Paths,
    repair: bool,
) -> anyhow::Result<Vec<crate::image::manage::Finding>> {
    let cstore = crate::state::ContainerStore::open(&paths.root, &paths.runroot)?;
    let orphans = crate::network::helper::orphans(&cstore.rundir, |id| !cstore.gone(id));
    Ok(orphans
        .into_iter()
        .map(|(pid, pidfile)| {
            if repair {
                crate::network::helper::kill_recorded(pid);
            }
            crate::image::manage::Finding {
                what: format!("network helper (pasta, pid {pid}) of a removed container"),
                path: Some(pidfile),
            }
        })
        .collect())
}

fn reset(g: &GlobalOpts, a: ResetArgs) -> anyhow::Result<i32> {
    use std::io::BufRead;
    let paths = g.paths()?;
    if !a.force {
        eprint!(
            "WARNING! This removes all images, layers and containers in {} and {}.\n\
             Are you sure you want to continue? [y/N] ",
            paths.root.display(),
            paths.runroot.display()
        );
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        if !matches!(line.trim(), "y" | "Y" | "yes") {
            return Ok(0);
        }
    }
    crate::userns::pause::stop(&paths.runroot);
    let mapping = crate::userns::IdMapping::for_current_user()?;
    let mut doomed = Vec::new();
    for dir in [&paths.root, &paths.runroot] {
        if let Ok(rd) = std::fs::read_dir(dir) {
            doomed.extend(rd.flatten().map(|e| e.path()));
        }
    }
    crate::userns::helper::remove_paths(&mapping, &doomed)?;
    Ok(0)
}
