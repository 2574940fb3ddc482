//! `skiff exec`: join every namespace of a running container (user first, which gives us the
//! capabilities to join the rest), fork into its pid namespace, and run the command as the
//! container's (or the given) user with the container's security settings. An intermediate
//! process stays outside the pid namespace to forward signals and pass the exit status back.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};

use super::init::{self, FAILED, GO};
use super::spawn::Started;
use super::user;
use crate::error::{Coded, EXIT_SKIFF};
use crate::state::Container;

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ExecOptions {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub privileged: bool,
    /// Descriptors 3..3+N of the caller passed on to the command (`--preserve-fds`).
    pub preserve_fds: u32,
    /// `exec -d`: the command gets /dev/null for stdio and its own session, so that nothing waits
    /// on the caller's stdout for it.
    pub detach: bool,
    /// Descriptors to become the command's stdin, stdout and stderr (instead of the caller's),
    /// for a caller that relays them (the API's exec).
    pub stdio: Option<[std::os::fd::RawFd; 3]>,
}

const NAMESPACES: &[(&str, CloneFlags)] = &[
    ("user", CloneFlags::CLONE_NEWUSER),
    ("mnt", CloneFlags::CLONE_NEWNS),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("net", CloneFlags::CLONE_NEWNET),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("pid", CloneFlags::CLONE_NEWPID),
];

/// Start the command in `c`; returns the intermediate process and the pty master (with -t).
pub fn start(c: &Container, o: &ExecOptions) -> anyhow::Result<Started> {
    if !c.process_alive() {
        anyhow::bail!("{}: the container is not running", c.name);
    }
    if c.state.status == crate::state::Status::Initialized {
        anyhow::bail!(
            "{}: can only create exec sessions on running containers: the container is \
             initialized (`skiff start {}` runs it)",
            c.name,
            c.name
        );
    }
    // Env secrets are not in the record: the container's own process has them (as podman's
    // exec sees them).
    let with_secrets;
    let c = if c.spec.secrets.iter().any(|s| s.env) {
        let mut x = c.clone();
        let raw = std::fs::read(format!("/proc/{}/environ", c.state.pid)).unwrap_or_default();
        for kv in raw.split(|b| *b == 0) {
            let kv = String::from_utf8_lossy(kv);
            if let Some((k, _)) = kv.split_once('=') {
                if c.spec.secrets.iter().any(|s| s.env && s.target == k) {
                    x.spec.env.retain(|e| e.split('=').next() != Some(k));
                    x.spec.env.push(kv.to_string());
                }
            }
        }
        with_secrets = x;
        &with_secrets
    } else {
        c
    };
    let ns = super::procs::namespaces(c.state.pid, NAMESPACES)?;
    // The pid could have been recycled between the check and the opens: check again.
    if !c.process_alive() {
        anyhow::bail!("{}: the container stopped", c.name);
    }
    let (parent_sock, child_sock) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    let relayed = super::spawn::relayed();
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&relayed), None)?;
    let parent_raw = parent_sock.as_raw_fd();
    let child_raw = child_sock.as_raw_fd();
    let pid = crate::sys::fork_child(|| {
        crate::sys::close_in_child(parent_raw);
        let sock = crate::sys::borrow_raw(child_raw);
        if o.detach {
            // Nothing of the caller's stdio stays open (`$(skiff exec -d C cmd)` returns at
            // once), and the caller's terminal signals do not reach it.
            let _ = nix::unistd::setsid();
            crate::sys::stdio_to_null();
        }
        if let Some(fds) = o.stdio {
            for (i, fd) in fds.iter().enumerate() {
                let _ = crate::sys::dup2_raw(*fd, i as i32);
            }
        }
        match intermediate(c, o, &ns, child_raw) {
            Ok(code) => code,
            Err(e) => {
                let mut msg = vec![FAILED, EXIT_SKIFF as u8];
                msg.extend_from_slice(format!("{e:#}").as_bytes());
                let _ = nix::unistd::write(sock, &msg);
                EXIT_SKIFF
            }
        }
    })?;
    drop(child_sock);
    drop(ns);
    let mut master = None;
    loop {
        let (msg, fd) = crate::sys::recv_with_fd(parent_sock.as_fd())
            .map_err(|e| anyhow!("waiting for exec: {e}"))?;
        match msg.first() {
            None => break,
            Some(b'F') => {
                let m = fd.ok_or_else(|| anyhow!("exec sent no terminal"))?;
                if let Some(ws) = crate::sys::get_winsize(0) {
                    crate::sys::set_winsize(m.as_raw_fd(), &ws);
                }
                master = Some(m);
                nix::unistd::write(&parent_sock, &[GO])?;
            }
            Some(&FAILED) => {
                let code = msg.get(1).copied().unwrap_or(125) as i32;
                let text = String::from_utf8_lossy(msg.get(2..).unwrap_or_default()).into_owned();
                let _ = nix::sys::wait::waitpid(pid, None);
                return Err(Coded::new(code, text).into());
            }
            Some(other) => anyhow::bail!("unexpected message {other} from exec"),
        }
    }
    Ok(Started {
        pid,
        master,
        fuse: None,
        net: Default::default(),
        mounts: None,
    })
}

/// Outside the container's pid namespace: join the namespaces, fork the command into it, relay
/// signals to it and exit with its status.
fn intermediate(
    c: &Container,
    o: &ExecOptions,
    ns: &[(OwnedFd, CloneFlags)],
    sock: i32,
) -> anyhow::Result<i32> {
    for (fd, flag) in ns {
        nix::sched::setns(fd.as_fd(), *flag)
            .with_context(|| format!("joining the container's {flag:?} namespace"))?;
    }
    let mut all = SigSet::all();
    all.remove(Signal::SIGKILL);
    all.remove(Signal::SIGSTOP);
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&all), None)?;
    let child = crate::sys::fork_child(|| {
        let _ =
            nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
        let s = crate::sys::borrow_raw(sock);
        let (code, e) = match command(c, o, sock) {
            Ok(never) => match never {},
            Err(x) => x,
        };
        let mut msg = vec![FAILED, code as u8];
        msg.extend_from_slice(format!("{e:#}").as_bytes());
        let _ = nix::unistd::write(s, &msg);
        code
    })?;
    crate::sys::close_in_child(sock);
    loop {
        let sig = all.wait()?;
        if sig == Signal::SIGCHLD {
            use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
            match waitpid(child, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(_, code)) => return Ok(code),
                Ok(WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
                _ => {}
            }
        } else {
            let _ = nix::sys::signal::kill(child, sig);
        }
    }
}

enum Never {}

/// Inside every namespace of the container: become its user and exec.
fn command(c: &Container, o: &ExecOptions, sock: i32) -> Result<Never, (i32, anyhow::Error)> {
    let setup = |e: anyhow::Error| (EXIT_SKIFF, e);
    let root = nix::unistd::Uid::from_raw(0);
    let rootg = nix::unistd::Gid::from_raw(0);
    nix::unistd::setresgid(rootg, rootg, rootg).map_err(|e| setup(e.into()))?;
    nix::unistd::setresuid(root, root, root).map_err(|e| setup(e.into()))?;
    let spec = &c.spec;
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let group = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let who = o.user.clone().unwrap_or_else(|| spec.user.clone());
    let u = user::resolve(&who, &spec.group_add, &passwd, &group)
        .map_err(|e| setup(anyhow!("resolving user {who:?}: {e}")))?;
    // The container's OCI process with this exec's command, user, environment and directory.
    let mut process = super::ocispec::process(spec, &u).map_err(setup)?;
    let mut env = process.env().clone().unwrap_or_default();
    for e in &o.env {
        let key = e.split('=').next().unwrap_or(e);
        env.retain(|x| x.split('=').next() != Some(key));
        if e.contains('=') {
            env.push(e.clone());
        } else if let Ok(v) = std::env::var(e) {
            env.push(format!("{e}={v}"));
        }
    }
    if o.tty && !env.iter().any(|e| e.starts_with("TERM=")) {
        env.push("TERM=xterm".into());
    }
    let cwd = o.workdir.clone().unwrap_or_else(|| spec.cwd.clone());
    if o.tty {
        init::setup_tty(crate::sys::borrow_raw(sock)).map_err(setup)?;
    } else if !o.interactive {
        let null = std::fs::File::open("/dev/null").map_err(|e| setup(e.into()))?;
        nix::unistd::dup2_stdin(&null).map_err(|e| setup(e.into()))?;
    }
    if o.privileged {
        let all: Vec<String> = super::security::ALL_CAPS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let caps = super::ocispec::capabilities(&all, u.uid);
        process.set_capabilities(Some(
            serde_json::from_value(caps).map_err(|e| setup(e.into()))?,
        ));
    }
    process.set_env(Some(env));
    process.set_args(Some(o.args.clone()));
    process.set_cwd(cwd.clone().into());
    let seccomp = super::seccomp::filters(&spec.seccomp).map_err(setup)?;
    crate::oci::process::apply_in_cwd(&process, seccomp.as_ref(), init::sets_groups(spec))
        .map_err(setup)?;
    let env = process.env().clone().unwrap_or_default();
    Err(init::exec(&o.args, &env, o.preserve_fds))
}
