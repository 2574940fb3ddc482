//! The container's init between clone() and exec: namespaces, id maps (asked of the parent),
//! mounts, hooks, pivot_root, terminal, process attributes; then it waits on the exec fifo until
//! `start` and execs the process. Errors before the wait go to the parent over the sync socket.

use std::os::fd::{AsFd, AsRawFd};
use std::path::Path;

use anyhow::{anyhow, Context};
use nix::sched::CloneFlags;
use oci_spec::runtime::{LinuxNamespaceType, Spec};

use super::config;
use super::create::{recv, send};

pub struct ChildArgs<'a> {
    pub spec: &'a Spec,
    pub bundle: &'a Path,
    pub rootfs: &'a Path,
    pub sync: i32,
    /// The exec fifo, opened read-write by the runtime.
    pub fifo: i32,
    pub console: Option<i32>,
    /// Cloned into a new user namespace (the parent writes its maps when asked).
    pub new_user: bool,
    pub set_groups: bool,
    pub no_pivot: bool,
    pub preserve_fds: u32,
    /// The parent's end of the socket pair, closed here.
    pub parent_sock: i32,
    /// Detached idmapped mounts prepared by the runtime, by mount index.
    pub idmapped: &'a [(usize, i32)],
}

pub fn child_main(a: &ChildArgs<'_>) -> i32 {
    crate::sys::close_in_child(a.parent_sock);
    let sync = crate::sys::borrow_raw(a.sync);
    match run(a) {
        Ok(()) => 0,
        Err(e) => {
            // When the runtime is gone it has reported its own error already.
            let _ = send(sync, b'E', format!("{e:#}").as_bytes());
            1
        }
    }
}

fn wait_for(sync: std::os::fd::BorrowedFd<'_>, want: u8) -> anyhow::Result<Vec<u8>> {
    let (tag, payload) = recv(sync)?;
    if tag != want {
        anyhow::bail!(
            "the runtime went away (expected {:?}, got {tag})",
            want as char
        );
    }
    Ok(payload)
}

fn join_paths(spec: &Spec) -> anyhow::Result<()> {
    let namespaces = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    for (i, ns) in namespaces.iter().enumerate() {
        let Some(p) = ns.path() else { continue };
        let typ = ns.typ();
        if typ == LinuxNamespaceType::Pid || typ == LinuxNamespaceType::User {
            continue;
        }
        let f = std::fs::File::open(p)
            .with_context(|| format!("linux.namespaces[{i}].path {}", p.display()))?;
        nix::sched::setns(f.as_fd(), config::clone_flag(typ)).map_err(|e| {
            anyhow!(
                "linux.namespaces[{i}]: joining {} ({typ:?}): {e}",
                p.display()
            )
        })?;
    }
    Ok(())
}

fn run(a: &ChildArgs<'_>) -> anyhow::Result<()> {
    let sync = crate::sys::borrow_raw(a.sync);
    let spec = a.spec;
    wait_for(sync, b'g')?;
    if a.new_user {
        send(sync, b'M', b"")?;
        wait_for(sync, b'm')?;
        crate::runtime::init::become_root()?;
    }
    // Namespaces to join (user and pid were joined by the parent before the clone).
    join_paths(spec)?;
    let namespaces = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    let mut flags = CloneFlags::empty();
    for ns in &namespaces {
        match ns.typ() {
            LinuxNamespaceType::User | LinuxNamespaceType::Pid | LinuxNamespaceType::Time => {}
            t if ns.path().is_none() => flags |= config::clone_flag(t),
            _ => {}
        }
    }
    nix::sched::unshare(flags).map_err(|e| anyhow!("creating namespaces {flags:?}: {e}"))?;
    let has = |t: LinuxNamespaceType| namespaces.iter().any(|n| n.typ() == t);
    if let Some(h) = spec.hostname().as_deref().filter(|h| !h.is_empty()) {
        if !has(LinuxNamespaceType::Uts) {
            anyhow::bail!("hostname {h:?} needs a UTS namespace: add {{\"type\": \"uts\"}} to linux.namespaces");
        }
        nix::unistd::sethostname(h).map_err(|e| anyhow!("hostname {h:?}: {e}"))?;
    }
    if let Some(d) = spec.domainname().as_deref().filter(|d| !d.is_empty()) {
        crate::sys::set_domainname(d).map_err(|e| anyhow!("domainname {d:?}: {e}"))?;
    }
    let in_userns = a.new_user || crate::userns::in_child_namespace();
    // Without a mount namespace of its own the container shares the host's mounts: nothing is
    // mounted (it would land on the host) and the rootfs is entered with chroot.
    let own_mounts = has(LinuxNamespaceType::Mount);
    if own_mounts {
        super::mounts::prepare_root(spec, a.rootfs)?;
        super::mounts::mount_all(spec, a.bundle, a.rootfs, in_userns, a.idmapped)?;
        super::devices::devices(spec, a.rootfs, in_userns)?;
    }
    send(sync, b'H', b"")?;
    let state_json = wait_for(sync, b'h')?;
    let mut state: serde_json::Value = serde_json::from_slice(&state_json).unwrap_or_default();
    if let Some(h) = spec.hooks() {
        std::env::set_current_dir(a.rootfs).ok();
        super::hooks::run_all(
            "createContainer",
            h.create_container().as_deref().unwrap_or(&[]),
            &state,
        )?;
    }
    // Handles to host paths we need after pivot_root.
    // The exec fifo from the runtime: `start` writes one byte into it.
    let fifo = std::fs::File::from(crate::sys::adopt_fd(a.fifo));
    let linux = spec.linux().clone().unwrap_or_default();
    let listener = match linux
        .seccomp()
        .as_ref()
        .and_then(|s| s.listener_path().clone())
    {
        Some(p) => Some(
            std::os::unix::net::UnixStream::connect(&p)
                .with_context(|| format!("linux.seccomp.listenerPath {}", p.display()))?,
        ),
        None => None,
    };
    if own_mounts {
        super::mounts::enter_root(a.rootfs, a.no_pivot)?;
        super::mounts::root_propagation(spec)?;
        sysctls(&linux)?;
        super::mounts::finish(spec)?;
    } else {
        std::env::set_current_dir(a.rootfs)
            .with_context(|| format!("entering {}", a.rootfs.display()))?;
        nix::unistd::chroot(".").map_err(|e| anyhow!("chroot into the rootfs: {e}"))?;
        std::env::set_current_dir("/")?;
        sysctls(&linux)?;
    }
    let _ = nix::unistd::setsid();
    let Some(process) = spec.process().as_ref() else {
        // Nothing to run: wait for `start` (which refuses such a container) and end.
        send(sync, b'R', b"")?;
        wait_start(&fifo);
        crate::sys::exit_now(1);
    };
    if process.terminal().unwrap_or(false) {
        terminal(a.console, process)?;
    }
    if let Some(p) = linux.personality() {
        let linux32 = serde_json::to_value(p.domain())
            .ok()
            .and_then(|v| v.as_str().map(|s| s == "LINUX32"))
            .unwrap_or(false);
        crate::sys::set_personality(linux32).map_err(|e| anyhow!("linux.personality: {e}"))?;
    }
    if process
        .apparmor_profile()
        .as_deref()
        .is_some_and(|p| !p.is_empty())
    {
        send(
            sync,
            b'W',
            b"process.apparmorProfile is not supported by skiff-runtime: ignored",
        )?;
    }
    if process
        .selinux_label()
        .as_deref()
        .is_some_and(|p| !p.is_empty())
    {
        send(
            sync,
            b'W',
            b"process.selinuxLabel is not supported by skiff-runtime: ignored",
        )?;
    }
    let filters = match linux.seccomp() {
        Some(s) => {
            let f = super::seccomp::build(s)?;
            for w in &f.warnings {
                send(sync, b'W', w.as_bytes())?;
            }
            Some(f)
        }
        None => None,
    };
    let missing = super::process::missing_caps(process);
    if !missing.is_empty() {
        let msg = format!("process.capabilities: this runtime does not hold {} itself, so the container cannot have it", missing.join(", "));
        send(sync, b'W', msg.as_bytes())?;
    }
    let notify = super::process::apply_in_cwd(process, filters.as_ref(), a.set_groups)?;
    if let (Some(fd), Some(sock)) = (notify, &listener) {
        let mut msg = serde_json::json!({
            "ociVersion": config::OCI_VERSION, "fds": ["seccompFd"], "pid": std::process::id(),
            "metadata": linux.seccomp().as_ref().and_then(|s| s.listener_metadata().clone()).unwrap_or_default(),
            "state": state.clone(),
        });
        msg["state"]["status"] = "creating".into();
        crate::sys::send_fd_with(sock.as_fd(), fd.as_raw_fd(), msg.to_string().as_bytes())
            .map_err(|e| {
                anyhow!(
                    "sending the seccomp listener to {:?}: {e}",
                    linux
                        .seccomp()
                        .as_ref()
                        .and_then(|s| s.listener_path().clone())
                )
            })?;
    }
    drop(listener);
    let env: Vec<String> = process.env().clone().unwrap_or_default();
    let args: Vec<String> = process.args().clone().unwrap_or_default();
    send(sync, b'R', b"")?;
    crate::sys::close_in_child(a.sync);
    wait_start(&fifo);
    drop(fifo);
    if let Some(h) = spec.hooks() {
        state["status"] = "running".into();
        if let Err(e) = super::hooks::run_all(
            "startContainer",
            h.start_container().as_deref().unwrap_or(&[]),
            &state,
        ) {
            eprintln!("skiff-runtime: {e:#}");
            crate::sys::exit_now(1);
        }
    }
    let (code, err) = crate::runtime::init::exec(&args, &env, a.preserve_fds);
    eprintln!("skiff-runtime: exec {}: {err:#}", args.join(" "));
    crate::sys::exit_now(code);
}

/// linux.sysctl, written before /proc/sys is made read-only.
fn sysctls(linux: &oci_spec::runtime::Linux) -> anyhow::Result<()> {
    for (k, v) in linux.sysctl().iter().flatten() {
        let path = format!("/proc/sys/{}", k.replace('.', "/"));
        std::fs::write(&path, v).map_err(|e| anyhow!("linux.sysctl {k}={v}: {e}"))?;
    }
    Ok(())
}

/// Block until `start` writes its byte into the exec fifo.
fn wait_start(fifo: &std::fs::File) {
    let mut byte = [0u8; 1];
    loop {
        use std::io::Read;
        match (&*fifo).read(&mut byte) {
            Ok(1) => return,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => {
                eprintln!("skiff-runtime: waiting for start: {other:?}");
                crate::sys::exit_now(1);
            }
        }
    }
}

/// process.terminal: a pty from the container's devpts; the master goes to the console socket
/// (or, without one, the inherited terminal becomes the controlling one).
pub(super) fn terminal(
    console: Option<i32>,
    process: &oci_spec::runtime::Process,
) -> anyhow::Result<()> {
    let Some(sock) = console else {
        if nix::unistd::isatty(std::io::stdin()).unwrap_or(false) {
            crate::sys::set_controlling_tty(0).map_err(|e| anyhow!("taking the terminal: {e}"))?;
        }
        return Ok(());
    };
    let master = nix::pty::posix_openpt(
        nix::fcntl::OFlag::O_RDWR | nix::fcntl::OFlag::O_NOCTTY | nix::fcntl::OFlag::O_CLOEXEC,
    )
    .map_err(|e| anyhow!("process.terminal: opening /dev/ptmx: {e}"))?;
    nix::pty::grantpt(&master).ok();
    nix::pty::unlockpt(&master).map_err(|e| anyhow!("process.terminal: {e}"))?;
    let name = nix::pty::ptsname_r(&master).map_err(|e| anyhow!("process.terminal: {e}"))?;
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&name)
        .with_context(|| format!("opening {name}"))?;
    if let Some(b) = process.console_size() {
        let ws = libc::winsize {
            ws_row: b.height() as u16,
            ws_col: b.width() as u16,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        crate::sys::set_winsize(slave.as_raw_fd(), &ws);
    }
    crate::sys::send_fd(crate::sys::borrow_raw(sock), master.as_raw_fd())
        .map_err(|e| anyhow!("--console-socket: sending the terminal: {e}"))?;
    crate::sys::close_in_child(sock);
    drop(master);
    crate::sys::set_controlling_tty(slave.as_raw_fd())
        .map_err(|e| anyhow!("taking the terminal: {e}"))?;
    for fd in 0..3 {
        crate::sys::dup2_raw(slave.as_raw_fd(), fd)
            .map_err(|e| anyhow!("process.terminal: {e}"))?;
    }
    Ok(())
}
