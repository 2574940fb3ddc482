//! `skiff run`, `skiff create`, `skiff start`: the handlers (create.rs turns the flags into a
//! container), detached starts under a supervisor, and the foreground runner.

use clap::Args;

pub use super::runflags::{ContainerArgs, PullPolicy};

use super::create::create_container;
use super::GlobalOpts;
use crate::runtime::container;
use crate::state::{Container, ContainerStore, Status};

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Run in the background and print the container id.
    #[arg(short, long)]
    pub detach: bool,
    /// Remove the container when it exits.
    #[arg(long)]
    pub rm: bool,
    /// Remove the container and then its image when it exits (unless others use the image).
    #[arg(long)]
    pub rmi: bool,
    /// Keys that detach from a foreground container (accepted; run with -d and use `skiff
    /// attach`, which detaches with ctrl-p,ctrl-q).
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Forward signals received by skiff to the container.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    /// Show only these streams of a foreground container: stdin, stdout, stderr (the others are
    /// logged only; stdin needs -i).
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
    #[command(flatten)]
    pub c: ContainerArgs,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Remove the container when it exits.
    #[arg(long)]
    pub rm: bool,
    /// The streams `start --attach` shows: stdin, stdout, stderr (the others are logged only).
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
    /// An init container of its pod: always (run at every pod start) or once (removed after its
    /// first successful run); it runs to completion before the pod's other containers start.
    #[arg(long, value_name = "TYPE")]
    pub init_ctr: Option<String>,
    #[command(flatten)]
    pub c: ContainerArgs,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Attach to the container's output and wait for it.
    #[arg(short, long)]
    pub attach: bool,
    /// Attach stdin too.
    #[arg(short, long)]
    pub interactive: bool,
    /// Forward signals to the container.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    /// Start every container that is not running.
    #[arg(long)]
    pub all: bool,
    /// Start the containers that pass these filters (as in `ps --filter`).
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Keys that detach an attached session (accepted; use `skiff attach` to detach from a
    /// running container).
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Initialize every container that is created or exited.
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub containers: Vec<String>,
}

/// `skiff init`: prepare containers (namespaces, mounts, network, cgroup) without running their
/// command; `start` runs it. State `initialized`.
pub fn init(g: &GlobalOpts, a: InitArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    let can_init = |c: &Container| {
        matches!(
            c.state.status,
            Status::Created | Status::Exited | Status::Stopped
        ) && !c.process_alive()
            && !c.supervisor_alive()
    };
    let sel = super::targets::Selection::named(&a.containers, a.all, a.latest.latest);
    let mut failed = super::targets::Failures::new();
    for t in super::targets::select(&cstore, &sel, can_init)? {
        let result = (|| -> anyhow::Result<()> {
            let c = t.found?;
            if !can_init(&c) {
                return Err(crate::error::Coded::new(
                    125,
                    format!(
                        "container {} has already been created in runtime: container state \
                         improper",
                        c.id
                    ),
                )
                .into());
            }
            start_requirements(&paths, &cstore, &c.id)?;
            let child = crate::runtime::launch::spawn_supervisor(&paths, &c.id, true)?;
            crate::runtime::launch::await_started(child)
        })();
        match result {
            Ok(()) => super::output::print_line(&t.shown)?,
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    failed.into_result()
}

pub fn run(g: &GlobalOpts, a: RunArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let id = create_container(&paths, &a.c, a.rm || a.rmi, a.rmi, a.detach)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    if !a.detach && a.detach_keys.as_deref().is_some_and(|k| !k.is_empty()) {
        super::ignored(
            "--detach-keys",
            "a foreground container cannot be detached from; run it with -d and use `skiff \
             attach`",
        );
    }
    start_requirements(&paths, &cstore, &id)?;
    if a.detach {
        // The supervisor keeps them for the container (every other descriptor of ours stays
        // close-on-exec).
        for fd in 3..3 + a.c.preserve_fds.min(65536) as i32 {
            let _ = crate::sys::set_cloexec(fd, false);
        }
        start_detached(&paths, &id)?;
        super::output::print_text(&format!("{id}\n"))?;
        return Ok(0);
    }
    {
        let mute = attach_mute(&a.attach)?;
        // skiff exits when the container has: --rm's file removal need not hold it up.
        container::exits_after_run();
        container::run_foreground(&cstore, &id, a.sig_proxy, mute)
    }
}

/// `run --attach STREAM...`: which of stdout and stderr are not shown.
fn attach_mute(streams: &[String]) -> anyhow::Result<[bool; 2]> {
    if streams.is_empty() {
        return Ok([false, false]);
    }
    let mut shown = [false, false];
    for s in streams.iter().flat_map(|s| s.split(',')) {
        match s.to_ascii_lowercase().as_str() {
            "stdout" => shown[0] = true,
            "stderr" => shown[1] = true,
            "stdin" => {}
            other => anyhow::bail!("invalid --attach {other:?}: stdin, stdout or stderr"),
        }
    }
    Ok([!shown[0], !shown[1]])
}

pub(crate) use crate::runtime::launch::{start_detached, start_requirements};

pub fn create(g: &GlobalOpts, a: CreateArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    attach_mute(&a.attach)?;
    if let Some(t) = &a.init_ctr {
        if !matches!(t.as_str(), "always" | "once") {
            anyhow::bail!("invalid --init-ctr {t:?}: always or once");
        }
        if a.c.pod.is_none() && a.c.pod_id_file.is_none() {
            anyhow::bail!("--init-ctr needs --pod: init containers belong to a pod");
        }
    }
    let id = create_container(&paths, &a.c, a.rm, false, false)?;
    if !a.attach.is_empty() || a.init_ctr.is_some() {
        let store = ContainerStore::open(&paths.root, &paths.runroot)?;
        let _l = store.lock(&id, crate::storage::LockMode::Exclusive)?;
        let mut c = store.load(&id)?;
        c.attach = a.attach.clone();
        c.init_ctr = a.init_ctr.clone();
        store.save(&c)?;
    }
    super::output::print_text(&format!("{id}\n"))?;
    Ok(0)
}

pub fn start(g: &GlobalOpts, a: StartArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    if a.detach_keys.as_deref().is_some_and(|k| !k.is_empty()) {
        super::ignored(
            "--detach-keys",
            "start --attach runs in the foreground; start detached and use `skiff attach` to \
             detach and re-attach",
        );
    }
    let sel = super::targets::Selection {
        names: &a.containers,
        all: a.all,
        latest: a.latest.latest,
        cidfiles: &[],
        filters: &a.filter,
        ignore: false,
    };
    let running = |c: &Container| c.state.status == Status::Running && c.process_alive();
    let targets = super::targets::select(&cstore, &sel, |c| !running(c))?;
    if a.attach && targets.len() != 1 {
        anyhow::bail!("start --attach takes exactly one container");
    }
    let mut failed = super::targets::Failures::new();
    for t in targets {
        let result = (|| -> anyhow::Result<Option<i32>> {
            let c = t.found?;
            if running(&c) {
                anyhow::bail!("{}: the container is already running", t.shown);
            }
            if a.interactive && !c.spec.stdin {
                let mut c2 = c.clone();
                c2.spec.stdin = true;
                cstore.save(&c2)?;
            }
            if a.attach && c.state.status == Status::Initialized && c.supervisor_alive() {
                // Attached before it starts: all of its output comes through.
                let start = || crate::runtime::hold::request_start(&cstore, &c.id);
                let how = super::attach::AttachArgs {
                    no_stdin: !a.interactive,
                    detach_keys: String::new(),
                    sig_proxy: a.sig_proxy,
                    latest: Default::default(),
                    container: None,
                };
                return super::attach::attach_to(&cstore, &c, &how, start).map(Some);
            }
            start_requirements(&paths, &cstore, &c.id)?;
            if a.attach {
                return Ok(Some(container::run_foreground(
                    &cstore,
                    &c.id,
                    a.sig_proxy,
                    attach_mute(&c.attach)?,
                )?));
            }
            start_detached(&paths, &c.id)?;
            Ok(None)
        })();
        match result {
            Ok(Some(code)) => return Ok(code),
            Ok(None) => super::output::print_line(&t.shown)?,
            Err(e) => failed.push(crate::error::exit_code_of(&e), &e),
        }
    }
    failed.into_result()
}
