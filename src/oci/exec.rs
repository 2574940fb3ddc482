//! `exec`: a new process in a running container. Join its namespaces (user first, mount last),
//! its cgroups, fork (a joined pid namespace applies to children), apply the process's
//! attributes as the init did, and exec; wait for it unless `--detach`.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::Path;

use anyhow::{anyhow, bail, Context};
use oci_spec::runtime::{LinuxNamespaceType, Process, Spec};

use super::cli::{ExecArgs, Log};
use super::state::{self, Status};

fn process_of(a: &ExecArgs, config: &Spec) -> anyhow::Result<Process> {
    if let Some(p) = &a.process {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("--process {}", p.display()))?;
        let proc: Process =
            serde_json::from_str(&text).map_err(|e| anyhow!("--process {}: {e}", p.display()))?;
        if proc.args().as_ref().is_none_or(|x| x.is_empty()) {
            bail!("--process {}: args is empty", p.display());
        }
        return Ok(proc);
    }
    if a.command.is_empty() {
        bail!("exec needs a command (or --process FILE)");
    }
    let mut p = config.process().clone().unwrap_or_default();
    p.set_args(Some(a.command.clone()));
    let mut env = p.env().clone().unwrap_or_default();
    env.extend(a.env.iter().cloned());
    p.set_env(Some(env));
    if let Some(cwd) = &a.cwd {
        p.set_cwd(cwd.into());
    }
    p.set_terminal(Some(a.tty));
    if a.no_new_privs {
        p.set_no_new_privileges(Some(true));
    }
    if let Some(u) = &a.user {
        let (uid, gid) = u.split_once(':').unwrap_or((u, "0"));
        let mut user = p.user().clone();
        user.set_uid(
            uid.parse()
                .map_err(|_| anyhow!("--user {u}: use UID[:GID]"))?,
        );
        user.set_gid(
            gid.parse()
                .map_err(|_| anyhow!("--user {u}: use UID[:GID]"))?,
        );
        if !a.additional_gids.is_empty() {
            user.set_additional_gids(Some(a.additional_gids.clone()));
        }
        p.set_user(user);
    }
    if !a.caps.is_empty() {
        let mut caps = p.capabilities().clone().unwrap_or_default();
        let extra: oci_spec::runtime::Capabilities =
            serde_json::from_value(serde_json::json!(a.caps)).map_err(|e| anyhow!("--cap: {e}"))?;
        let add = |s: &Option<oci_spec::runtime::Capabilities>| -> Option<oci_spec::runtime::Capabilities> {
            let mut v = s.clone().unwrap_or_default();
            v.extend(extra.iter().cloned());
            Some(v)
        };
        caps.set_bounding(add(caps.bounding()));
        caps.set_effective(add(caps.effective()));
        caps.set_permitted(add(caps.permitted()));
        p.set_capabilities(Some(caps));
    }
    Ok(p)
}

pub fn exec(root: &Path, a: &ExecArgs, _log: &Log) -> anyhow::Result<i32> {
    let r = state::load(root, &a.id)?;
    let s = state::status(root, &r);
    match s {
        Status::Running | Status::Created => {}
        Status::Paused if a.ignore_paused => {}
        _ => bail!("cannot exec in container {:?}: it is {}", a.id, s.as_str()),
    }
    let text = std::fs::read_to_string(&r.config)
        .with_context(|| format!("reading {}", r.config.display()))?;
    let config: Spec =
        serde_json::from_str(&text).map_err(|e| anyhow!("{}: {e}", r.config.display()))?;
    let process = process_of(a, &config)?;
    let console: Option<OwnedFd> = match (&a.console_socket, process.terminal().unwrap_or(false)) {
        (Some(p), true) => Some(
            std::os::unix::net::UnixStream::connect(p)
                .with_context(|| format!("--console-socket {}", p.display()))?
                .into(),
        ),
        _ => None,
    };
    // The pid file's directory, opened while host paths still resolve (before the setns).
    let pid_dir = match &a.pid_file {
        Some(p) => {
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = p
                .file_name()
                .ok_or_else(|| anyhow!("--pid-file {}: not a file name", p.display()))?
                .to_os_string();
            let dir = rustix::fs::open(
                parent,
                rustix::fs::OFlags::PATH
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .map_err(|e| anyhow!("--pid-file {}: {e}", p.display()))?;
            Some((dir, name))
        }
        None => None,
    };
    let set_groups = std::fs::read_to_string(format!("/proc/{}/setgroups", r.pid))
        .map(|s| s.trim() != "deny")
        .unwrap_or(true);
    let filters = match config.linux().as_ref().and_then(|l| l.seccomp().clone()) {
        Some(s) => Some(super::seccomp::build(&s)?),
        None => None,
    };
    // Open every namespace first (after joining the mount namespace /proc is the container's).
    let order = [
        LinuxNamespaceType::User,
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Network,
        LinuxNamespaceType::Pid,
        LinuxNamespaceType::Cgroup,
        LinuxNamespaceType::Time,
        LinuxNamespaceType::Mount,
    ];
    let mut fds = Vec::new();
    for typ in order {
        let name = super::config::proc_name(typ);
        let theirs = format!("/proc/{}/ns/{name}", r.pid);
        let same = std::fs::read_link(&theirs).ok()
            == std::fs::read_link(format!("/proc/self/ns/{name}")).ok();
        if same {
            continue;
        }
        let f = std::fs::File::open(&theirs).with_context(|| format!("opening {theirs}"))?;
        fds.push((typ, f));
    }
    for d in &r.cgroups {
        let _ = std::fs::write(d.join("cgroup.procs"), std::process::id().to_string());
    }
    for (typ, f) in &fds {
        nix::sched::setns(f.as_fd(), super::config::clone_flag(*typ))
            .map_err(|e| anyhow!("joining the container's {typ:?} namespace: {e}"))?;
        if *typ == LinuxNamespaceType::User {
            crate::runtime::init::become_root()?;
        }
    }
    drop(fds);
    let (rd, wr) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?;
    let console_raw = console.as_ref().map(|c| c.as_raw_fd());
    let preserve = a.preserve_fds;
    let rd_raw = rd.as_raw_fd();
    let pid = crate::sys::fork_child(|| {
        crate::sys::close_in_child(rd_raw);
        let result = (|| -> anyhow::Result<()> {
            let _ = nix::unistd::setsid();
            if process.terminal().unwrap_or(false) {
                super::init::terminal(console_raw, &process)?;
            }
            super::process::rlimits(&process)?;
            std::env::set_current_dir(process.cwd())
                .with_context(|| format!("process.cwd {}", process.cwd().display()))?;
            super::process::become_user(&process, filters.as_ref(), set_groups)?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = nix::unistd::write(&wr, format!("{e:#}").as_bytes());
            return 126;
        }
        let args = process.args().clone().unwrap_or_default();
        let env = process.env().clone().unwrap_or_default();
        let (code, err) = crate::runtime::init::exec(&args, &env, preserve);
        let _ = nix::unistd::write(&wr, format!("{err:#}").as_bytes());
        code
    })
    .map_err(|e| anyhow!("starting the process: {e}"))?;
    drop(wr);
    drop(console);
    // The pipe closes on a successful exec; a message means it failed.
    let mut msg = String::new();
    use std::io::Read;
    let _ = std::fs::File::from(rd).read_to_string(&mut msg);
    if !msg.is_empty() {
        let _ = nix::sys::wait::waitpid(pid, None);
        bail!("exec in {:?}: {msg}", a.id);
    }
    if let Some((dir, name)) = &pid_dir {
        let tmp = format!("{}.skiff-tmp", name.to_string_lossy());
        let f = rustix::fs::openat(
            dir,
            &tmp,
            rustix::fs::OFlags::WRONLY
                | rustix::fs::OFlags::CREATE
                | rustix::fs::OFlags::TRUNC
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::from_raw_mode(0o644),
        )
        .map_err(|e| anyhow!("--pid-file: {e}"))?;
        rustix::io::write(&f, pid.as_raw().to_string().as_bytes())
            .map_err(|e| anyhow!("--pid-file: {e}"))?;
        rustix::fs::renameat(dir, &tmp, dir, name.as_os_str())
            .map_err(|e| anyhow!("--pid-file: {e}"))?;
    }
    if a.detach {
        return Ok(0);
    }
    loop {
        match nix::sys::wait::waitpid(pid, None) {
            Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => return Ok(c),
            Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
            Err(nix::Error::EINTR) | Ok(_) => continue,
            Err(e) => return Err(anyhow!("waiting for the process: {e}")),
        }
    }
}
