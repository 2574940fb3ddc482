//! `skiff pod create|ps|inspect|start|stop|restart|kill|pause|unpause|rm|prune|exists|top|stats|
//! logs`: groups of containers sharing an infra container's namespaces, podman's flags and JSON.

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::{podcreate, podps, GlobalOpts};
use crate::state::pod::{Pod, PodStore};
use crate::state::{Container, ContainerStore};

#[derive(Debug, Args)]
pub struct PodArgs {
    #[command(subcommand)]
    pub command: PodCommand,
}

#[derive(Debug, Subcommand)]
pub enum PodCommand {
    /// Create a pod (and its infra container)
    Create(Box<podcreate::CreateArgs>),
    /// List pods
    #[command(alias = "ls", alias = "list")]
    Ps(podps::PsArgs),
    /// Display pods' details as JSON
    Inspect(InspectArgs),
    /// Start pods (the infra container first)
    Start(Targets),
    /// Stop pods (their containers, then the infra)
    Stop(StopArgs),
    /// Restart pods
    Restart(Targets),
    /// Send a signal to the containers of pods
    Kill(KillArgs),
    /// Pause the containers of pods
    Pause(Targets),
    /// Resume the containers of pods
    Unpause(Targets),
    /// Remove pods with their containers
    Rm(RmArgs),
    /// Remove every stopped pod
    Prune(PruneArgs),
    /// Exit 0 when the pod exists, 1 when not
    Exists(ExistsArgs),
    /// Show the processes of a pod's containers
    Top(OnePod),
    /// Show the resource use of pods' containers
    Stats(Targets),
    /// Show the output of a pod's containers
    Logs(LogsArgs),
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[arg(short, long)]
    pub format: Option<String>,
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "POD")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct Targets {
    /// Every pod.
    #[arg(short, long)]
    pub all: bool,
    /// The latest pod.
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "POD")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    #[command(flatten)]
    pub t: Targets,
    /// Seconds the containers get before SIGKILL.
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// No error for pods that do not exist.
    #[arg(short, long)]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct KillArgs {
    #[command(flatten)]
    pub t: Targets,
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    #[command(flatten)]
    pub t: Targets,
    /// Stop running containers first.
    #[arg(short, long)]
    pub force: bool,
    /// No error for pods that do not exist.
    #[arg(short, long)]
    pub ignore: bool,
    /// With --force: seconds the containers get to stop.
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    #[arg(value_name = "POD")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct OnePod {
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "POD", required_unless_present = "latest")]
    pub name: Option<String>,
    #[arg(value_name = "DESCRIPTOR")]
    pub descriptors: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only this container of the pod.
    #[arg(short, long, value_name = "CONTAINER")]
    pub container: Option<String>,
    #[arg(short, long)]
    pub follow: bool,
    #[arg(long, value_name = "N")]
    pub tail: Option<String>,
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    #[arg(short, long)]
    pub timestamps: bool,
    #[arg(long)]
    pub color: bool,
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "POD", required_unless_present = "latest")]
    pub name: Option<String>,
}

pub(crate) struct Ctx {
    pub(crate) paths: crate::storage::Paths,
    pub(crate) pods: PodStore,
    pub(crate) cstore: ContainerStore,
}

impl Ctx {
    pub(crate) fn members(&self, pod: &Pod) -> anyhow::Result<Vec<Container>> {
        let mut v: Vec<Container> = self
            .cstore
            .list()?
            .into_iter()
            .filter(|c| c.pod.as_deref() == Some(pod.id.as_str()))
            .collect();
        v.sort_by_key(|c| (c.created, c.created_nanos));
        Ok(v)
    }

    fn select(&self, t: &Targets) -> anyhow::Result<Vec<Pod>> {
        let all = self.pods.list()?;
        if t.all {
            return Ok(all);
        }
        if t.latest {
            return Ok(all.into_iter().last().into_iter().collect());
        }
        if t.names.is_empty() {
            bail!("give the pods to act on (or --all, --latest)");
        }
        t.names.iter().map(|n| self.pods.find(n)).collect()
    }
}

pub(crate) fn is_infra(pod: &Pod, c: &Container) -> bool {
    pod.infra_id.as_deref() == Some(c.id.as_str())
}

pub(crate) fn state_word(c: &Container) -> &'static str {
    use crate::state::Status;
    match c.state.status {
        Status::Running if c.process_alive() => "running",
        Status::Paused if c.process_alive() => "paused",
        Status::Created => "created",
        _ => "exited",
    }
}

pub(crate) fn status_of(pod: &Pod, members: &[Container]) -> &'static str {
    let states: Vec<(bool, bool, &str)> = members
        .iter()
        // Init containers run to completion: they do not make a pod degraded.
        .map(|c| {
            (
                is_infra(pod, c) || c.init_ctr.is_some(),
                c.process_alive(),
                state_word(c),
            )
        })
        .collect();
    crate::runtime::pod::status(&states)
}

pub fn inspect_json(pod: &Pod, members: &[Container]) -> Value {
    json!({
        "Id": pod.id,
        "Name": pod.name,
        "Created": super::format::rfc3339(pod.created),
        "CreateCommand": pod.create_command,
        "ExitPolicy": "continue",
        "State": status_of(pod, members),
        "Hostname": pod.hostname,
        "Labels": pod.labels,
        "CreateCgroup": false,
        "CgroupParent": pod.cgroup_parent.clone().unwrap_or_default(),
        "CreateInfra": pod.infra_id.is_some(),
        "InfraContainerID": pod.infra_id.clone().unwrap_or_default(),
        "SharedNamespaces": pod.share,
        "NumContainers": members.len(),
        "Containers": members.iter().map(|c| json!({
            "Id": c.id,
            "Name": c.name,
            "State": state_word(c),
            "Ready": crate::runtime::checks::is_ready(c),
        })).collect::<Vec<_>>(),
    })
}

pub fn run(g: &GlobalOpts, a: PodArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let ctx = Ctx {
        pods: PodStore::open(&paths.root)?,
        cstore: ContainerStore::open(&paths.root, &paths.runroot)?,
        paths,
    };
    match a.command {
        PodCommand::Create(c) => podcreate::create(&ctx.paths, *c),
        PodCommand::Ps(p) => podps::ps(&ctx, p),
        PodCommand::Inspect(i) => {
            let mut pods = Vec::new();
            if i.latest {
                pods.extend(ctx.pods.list()?.into_iter().last());
            }
            for n in &i.names {
                pods.push(ctx.pods.find(n)?);
            }
            if pods.is_empty() {
                bail!("give the pods to inspect (or --latest)");
            }
            let out: Vec<Value> = pods
                .iter()
                .map(|p| Ok(inspect_json(p, &ctx.members(p)?)))
                .collect::<anyhow::Result<_>>()?;
            match i.format.as_deref() {
                None | Some("json") if out.len() == 1 => super::output::print_json(&out[0])?,
                None | Some("json") => super::output::print_json(&out)?,
                Some(f) => {
                    super::output::print_text(&super::format::render_rows(&out, Some(f), "", &[])?)?
                }
            }
            Ok(0)
        }
        PodCommand::Start(t) => each(&ctx, &t, |p| start(&ctx, p)),
        PodCommand::Stop(s) => {
            if s.ignore {
                let known: Vec<String> =
                    s.t.names
                        .iter()
                        .filter(|n| ctx.pods.find(n).is_ok())
                        .cloned()
                        .collect();
                let t = Targets {
                    names: known,
                    ..s.t
                };
                if t.names.is_empty() && !t.all && !t.latest {
                    return Ok(0);
                }
                return each(&ctx, &t, |p| stop(&ctx, p, s.time));
            }
            each(&ctx, &s.t, |p| stop(&ctx, p, s.time))
        }
        PodCommand::Restart(t) => each(&ctx, &t, |p| {
            stop_members(&ctx, p, None, true)?;
            start(&ctx, p)
        }),
        PodCommand::Kill(k) => {
            let sig = super::lifecycle::parse_signal(&k.signal)?;
            each(&ctx, &k.t, |p| {
                for c in ctx
                    .members(p)?
                    .iter()
                    .filter(|c| !is_infra(p, c) && c.process_alive())
                {
                    crate::sys::kill_raw(c.state.pid, sig)
                        .with_context(|| format!("signalling {}", c.name))?;
                }
                for c in ctx.members(p)?.iter().filter(|c| !is_infra(p, c)) {
                    super::lifecycle::killed_wait(&ctx.cstore, c, sig)?;
                }
                Ok(())
            })
        }
        PodCommand::Pause(t) => pause(g, &ctx, &t, true),
        PodCommand::Unpause(t) => pause(g, &ctx, &t, false),
        PodCommand::Rm(r) => {
            let mut failed = Vec::new();
            let pods: Vec<Pod> = if r.t.all || r.t.latest {
                ctx.select(&r.t)?
            } else {
                let mut v = Vec::new();
                for n in &r.t.names {
                    match ctx.pods.find(n) {
                        Ok(p) => v.push(p),
                        Err(_) if r.ignore => {}
                        Err(e) => failed.push(format!("{e:#}")),
                    }
                }
                v
            };
            for p in pods {
                if r.force {
                    if let Some(t) = r.time {
                        stop(&ctx, &p, Some(t))?;
                    }
                }
                match crate::runtime::pod::remove(&ctx.paths, &p, r.force) {
                    Ok(_) => super::output::print_line(&p.id)?,
                    Err(e) => failed.push(format!("{e:#}")),
                }
            }
            if !failed.is_empty() {
                bail!("{}", failed.join("\n"));
            }
            Ok(0)
        }
        PodCommand::Prune(p) => {
            if !p.force && !super::confirm("WARNING! This will remove all stopped/exited pods.")? {
                return Ok(0);
            }
            for pod in ctx.pods.list()? {
                let members = ctx.members(&pod)?;
                if members
                    .iter()
                    .all(|c| !c.process_alive() || is_infra(&pod, c))
                    && members
                        .iter()
                        .any(|c| !is_infra(&pod, c) || !c.process_alive())
                {
                    crate::runtime::pod::remove(&ctx.paths, &pod, true)?;
                    super::output::print_line(&pod.id)?;
                }
            }
            Ok(0)
        }
        PodCommand::Exists(e) => Ok(if ctx.pods.find(&e.name).is_ok() { 0 } else { 1 }),
        PodCommand::Top(t) => {
            let pod = match (&t.name, t.latest) {
                (Some(n), _) => ctx.pods.find(n)?,
                (None, _) => ctx.pods.list()?.into_iter().last().context("no pods")?,
            };
            for c in ctx
                .members(&pod)?
                .iter()
                .filter(|c| !is_infra(&pod, c) && c.process_alive())
            {
                super::top::top(
                    g,
                    super::top::TopArgs {
                        latest: false,
                        container: Some(c.id.clone()),
                        descriptors: t.descriptors.clone(),
                    },
                )?;
            }
            Ok(0)
        }
        PodCommand::Stats(t) => {
            let mut names = Vec::new();
            for p in ctx.select(&t)? {
                names.extend(
                    ctx.members(&p)?
                        .into_iter()
                        .filter(|c| !is_infra(&p, c) && c.process_alive())
                        .map(|c| c.id),
                );
            }
            if names.is_empty() {
                return Ok(0);
            }
            super::top::stats(
                g,
                super::top::StatsArgs {
                    no_stream: true,
                    format: None,
                    all: false,
                    interval: 1,
                    latest: false,
                    no_reset: false,
                    no_trunc: false,
                    containers: names,
                },
            )
        }
        PodCommand::Logs(l) => logs(g, &ctx, l),
    }
}

fn each(ctx: &Ctx, t: &Targets, f: impl Fn(&Pod) -> anyhow::Result<()>) -> anyhow::Result<i32> {
    let mut failed = Vec::new();
    for p in ctx.select(t)? {
        match f(&p) {
            Ok(()) => super::output::print_line(&p.id)?,
            Err(e) => failed.push(format!("{}: {e:#}", p.name)),
        }
    }
    if !failed.is_empty() {
        bail!("{}", failed.join("\n"));
    }
    Ok(0)
}

fn start(ctx: &Ctx, p: &Pod) -> anyhow::Result<()> {
    crate::runtime::pod::start(&ctx.paths, p)
}

fn stop(ctx: &Ctx, p: &Pod, time: Option<u64>) -> anyhow::Result<()> {
    stop_members(ctx, p, time, false)
}

/// Stop the pod's running members, the infra container last; `restarting`: for a start that
/// follows (members made with `--rm` are kept).
fn stop_members(ctx: &Ctx, p: &Pod, time: Option<u64>, restarting: bool) -> anyhow::Result<()> {
    let mut members = ctx.members(p)?;
    members.sort_by_key(|c| is_infra(p, c));
    for c in members {
        if c.process_alive() {
            let t = time.or(c.spec.stop_timeout).unwrap_or(10);
            super::lifecycle::stop_with(&ctx.cstore, &c, t, restarting)?;
        }
    }
    Ok(())
}

fn pause(g: &GlobalOpts, ctx: &Ctx, t: &Targets, on: bool) -> anyhow::Result<i32> {
    for p in ctx.select(t)? {
        let names: Vec<String> = ctx
            .members(&p)?
            .into_iter()
            .filter(|c| !is_infra(&p, c) && c.process_alive())
            .map(|c| c.id)
            .collect();
        if !names.is_empty() {
            super::top::pause(
                g,
                super::top::PauseArgs {
                    all: false,
                    filter: Vec::new(),
                    latest: Default::default(),
                    cidfiles: Default::default(),
                    containers: names,
                },
                on,
            )?;
        }
        super::output::print_line(&p.id)?;
    }
    Ok(0)
}

fn logs(g: &GlobalOpts, ctx: &Ctx, l: LogsArgs) -> anyhow::Result<i32> {
    let pod = match &l.name {
        Some(n) => ctx.pods.find(n)?,
        None => ctx.pods.list()?.into_iter().last().context("no pods")?,
    };
    let members: Vec<Container> = ctx
        .members(&pod)?
        .into_iter()
        .filter(|c| !is_infra(&pod, c))
        .filter(|c| {
            l.container
                .as_ref()
                .is_none_or(|n| c.name == *n || c.id.starts_with(n.as_str()))
        })
        .collect();
    let args = |c: &Container| super::logs::LogsArgs {
        follow: l.follow,
        tail: l.tail.clone(),
        since: l.since.clone(),
        until: l.until.clone(),
        timestamps: l.timestamps,
        names: members.len() > 1,
        color: l.color,
        latest: Default::default(),
        container: Some(c.id.clone()),
    };
    if !l.follow {
        for c in &members {
            super::logs::run(g, args(c))?;
        }
        return Ok(0);
    }
    std::thread::scope(|s| {
        for c in &members {
            let a = args(c);
            s.spawn(move || super::logs::run(g, a));
        }
    });
    Ok(0)
}
