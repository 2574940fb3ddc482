//! The container side: what the cloned child does between clone() and exec. It waits for its id
//! maps, builds the root filesystem, becomes the container user with the configured security, and
//! execs the command. Any failure is reported to the parent over the sync socket, which closes on
//! a successful exec (CLOEXEC).

use std::ffi::CString;
use std::os::fd::{AsRawFd, BorrowedFd, RawFd};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use nix::sys::signal::{SigSet, SigmaskHow};

use super::plan::Op;
use super::spec::Spec;
use super::user;
use crate::error::{EXIT_NOT_EXECUTABLE, EXIT_NOT_FOUND, EXIT_SKIFF};

/// Messages on the sync socket. Parent -> child: `M` maps written, `G` go (after the pty is set
/// up). Child -> parent: `F` + fd (pty master), `E` + code byte + message (failure).
pub const MAPPED: u8 = b'M';
pub const GO: u8 = b'G';
pub const FAILED: u8 = b'E';
/// `skiff init`: the container is ready to run its command; it waits for GO.
pub const HELD: u8 = b'H';

pub struct ChildArgs<'a> {
    pub spec: &'a Spec,
    pub ops: &'a [Op],
    pub rootfs: PathBuf,
    pub sock: RawFd,
    /// stdin/stdout/stderr for a non-tty container (already the right fds in this process).
    pub stdin_null: bool,
    /// The root is already mounted (fuse-overlayfs, by the parent).
    pub premounted: bool,
    /// `skiff init`: say HELD once everything is prepared and wait for GO before the command.
    pub hold: bool,
    /// The container's seccomp, compiled by the parent before the clone.
    pub seccomp: Option<&'a crate::oci::seccomp::Filters>,
}

/// Runs in the cloned child. Returns only on failure (the exit code), after telling the parent why.
pub fn child_main(a: ChildArgs<'_>) -> i32 {
    let sock = crate::sys::borrow_raw(a.sock);
    let (code, err) = match run(&a, sock) {
        Ok(never) => match never {},
        Err((code, e)) => (code, e),
    };
    let mut msg = vec![FAILED, code as u8];
    msg.extend_from_slice(format!("{err:#}").as_bytes());
    let _ = nix::unistd::write(sock, &msg);
    code
}

enum Never {}

/// A pod's infra container: bring up loopback, tell the parent we are "running" (the sync socket
/// closes as on exec), then hold the namespaces until asked to stop. Returns only on failure.
fn infra(a: &ChildArgs<'_>, spec: &super::spec::Spec) -> (i32, anyhow::Error) {
    if spec.network.own_netns() {
        if let Err(e) = crate::sys::loopback_up() {
            return (EXIT_SKIFF, anyhow!("bringing up lo: {e}"));
        }
    }
    // The pod's namespaced sysctls: /proc/sys shows the namespaces of whoever writes it.
    for (k, v) in &spec.sysctls {
        if let Err(e) = std::fs::write(format!("/proc/sys/{}", k.replace('.', "/")), v) {
            return (EXIT_SKIFF, anyhow!("--sysctl {k}={v}: {e}"));
        }
    }
    let mut stop = SigSet::empty();
    for s in [
        nix::sys::signal::Signal::SIGTERM,
        nix::sys::signal::Signal::SIGINT,
        nix::sys::signal::Signal::SIGHUP,
        nix::sys::signal::Signal::SIGQUIT,
    ] {
        stop.add(s);
    }
    // As pid 1 of its pid namespace it would ignore these without a handler: wait for them.
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&stop), None);
    // Nothing inherited stays open (the sync socket closes as on exec; the CLI's readiness pipe
    // must reach EOF).
    let _ = a.sock;
    crate::sys::close_inherited_except(&[]);
    // What starting touched of the heap goes back: it sleeps from now on.
    crate::sys::trim_memory();
    let _ = stop.wait();
    crate::sys::exit_now(0)
}

fn run(a: &ChildArgs<'_>, sock: BorrowedFd<'_>) -> Result<Never, (i32, anyhow::Error)> {
    let setup = |e: anyhow::Error| (EXIT_SKIFF, e);
    // Signals the parent blocked for itself must not stay blocked in the container.
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
    let mut b = [0u8; 1];
    if nix::unistd::read(sock, &mut b) != Ok(1) || b[0] != MAPPED {
        return Err(setup(anyhow!("the parent did not map our user namespace")));
    }
    become_root().map_err(setup)?;
    let spec = a.spec;
    if !spec.uts_host {
        nix::unistd::sethostname(&spec.hostname)
            .map_err(|e| setup(anyhow!("setting hostname: {e}")))?;
    }
    if spec.infra {
        return Err(infra(a, spec));
    }
    super::rootfs::prepare(a.ops, &a.rootfs, a.premounted).map_err(setup)?;
    super::rootfs::pivot(&a.rootfs).map_err(setup)?;
    // Best effort, as in podman: an image without a writable /etc still runs.
    for u in spec.add_user.iter().chain(&spec.extra_users) {
        let _ = add_user(u);
    }
    if spec.passwd {
        let _ = add_passwd_entry(spec);
    }
    for s in spec
        .secrets
        .iter()
        .filter(|s| !s.env && (s.uid != 0 || s.gid != 0))
    {
        std::os::unix::fs::chown(&s.target, Some(s.uid), Some(s.gid))
            .map_err(|e| setup(anyhow!("secret {} to {}:{}: {e}", s.name, s.uid, s.gid)))?;
    }
    // `:U` mounts belong to the container's user: chown before they may turn read-only.
    if spec.mounts.iter().any(|m| m.chown) {
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let group = std::fs::read_to_string("/etc/group").unwrap_or_default();
        let u = user::resolve(&spec.user, &spec.group_add, &passwd, &group)
            .map_err(|e| setup(anyhow!("resolving user {:?}: {e}", spec.user)))?;
        for m in spec.mounts.iter().filter(|m| m.chown) {
            chown_tree(Path::new(&m.target), u.uid, u.gid)
                .map_err(|e| setup(anyhow!("chown of {} (:U): {e}", m.target)))?;
        }
    }
    // Before /proc/sys turns read-only.
    for (k, v) in &spec.sysctls {
        // The UTS files of /proc/sys belong to the host's root: the syscall works in our namespace.
        let r = if k == "kernel.domainname" {
            crate::sys::set_domainname(v).map_err(std::io::Error::from)
        } else {
            std::fs::write(format!("/proc/sys/{}", k.replace('.', "/")), v)
        };
        r.map_err(|e| setup(anyhow!("--sysctl {k}={v}: {e}")))?;
    }
    super::rootfs::finish(a.ops).map_err(setup)?;
    if spec.network.own_netns() {
        crate::sys::loopback_up().map_err(|e| setup(anyhow!("bringing up lo: {e}")))?;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let group = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let u = user::resolve(&spec.user, &spec.group_add, &passwd, &group)
        .map_err(|e| setup(anyhow!("resolving user {:?}: {e}", spec.user)))?;
    // From here on the container's process is its OCI `process`, as its exported config says.
    let process = super::ocispec::process(spec, &u).map_err(setup)?;
    if std::fs::metadata(&spec.cwd).is_err() {
        std::fs::create_dir_all(&spec.cwd)
            .map_err(|e| setup(anyhow!("creating working directory {}: {e}", spec.cwd)))?;
        let _ = std::os::unix::fs::chown(&spec.cwd, Some(u.uid), Some(u.gid));
    }

    if a.hold {
        // What exec would close goes now: we may wait long, and skiff's pipes (the CLI's
        // readiness pipe among them) must not stay open in us meanwhile.
        close_cloexec_except(a.sock);
        let _ = nix::unistd::write(sock, &[HELD]);
        if nix::unistd::read(sock, &mut b) != Ok(1) || b[0] != GO {
            return Err(setup(anyhow!(
                "skiff went away before the container was started"
            )));
        }
    }
    if spec.tty {
        setup_tty(sock).map_err(setup)?;
    } else {
        // A session of its own, as runc and crun give every container: the caller's terminal
        // signals reach it only through skiff's relay, and CRIU can checkpoint it (a session
        // leader outside its pid namespace cannot be dumped).
        let _ = nix::unistd::setsid();
        if a.stdin_null {
            let null = std::fs::File::open("/dev/null")
                .map_err(|e| setup(anyhow!("opening /dev/null: {e}")))?;
            nix::unistd::dup2_stdin(&null).map_err(|e| setup(anyhow!("dup2: {e}")))?;
        }
    }

    crate::oci::process::apply_in_cwd(&process, a.seccomp, sets_groups(spec)).map_err(setup)?;

    if let Some(p) = &spec.personality {
        crate::sys::set_personality(p == "LINUX32")
            .map_err(|e| setup(anyhow!("--personality {p}: {e}")))?;
    }
    if spec.die_with_parent {
        // (after the last change of ids, which clears it) A build step dies with its build.
        let _ =
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    }
    let args = process.args().clone().unwrap_or_default();
    let env = process.env().clone().unwrap_or_default();
    if spec.init {
        return run_init(&args, &env, spec.preserve_fds, sock);
    }
    Err(exec(&args, &env, spec.preserve_fds))
}

/// Close every descriptor marked close-on-exec except `keep`, as an exec would.
fn close_cloexec_except(keep: RawFd) {
    let fds: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    for fd in fds.into_iter().filter(|fd| *fd > 2 && *fd != keep) {
        let b = crate::sys::borrow_raw(fd);
        if rustix::io::fcntl_getfd(b).is_ok_and(|f| f.contains(rustix::io::FdFlags::CLOEXEC)) {
            crate::sys::close_in_child(fd);
        }
    }
}

/// setgroups works unless the user namespace maps a single id (it is denied there).
pub(crate) fn sets_groups(spec: &Spec) -> bool {
    spec.mapping.kind != crate::userns::idmap::MappingKind::SingleId
}

/// setresuid/setresgid to 0 in the user namespace just entered or made.
pub(crate) fn become_root() -> anyhow::Result<()> {
    let root = nix::unistd::Uid::from_raw(0);
    let rootg = nix::unistd::Gid::from_raw(0);
    nix::unistd::setresgid(rootg, rootg, rootg)
        .map_err(|e| anyhow!("becoming root in the user namespace: {e}"))?;
    nix::unistd::setresuid(root, root, root)
        .map_err(|e| anyhow!("becoming root in the user namespace: {e}"))?;
    Ok(())
}

/// Append `u` to the container's /etc/passwd and /etc/group where no entry has its id (nor its
/// name): `id -un`, `whoami`, git and $HOME then work with `--userns=keep-id`. Runs as the
/// container's root after pivot_root, so it can only touch the container's own files.
fn add_user(u: &super::spec::AddedUser) -> std::io::Result<()> {
    fn append_unless(path: &str, id: u32, name: &str, line: String) -> std::io::Result<()> {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let taken = text.lines().any(|l| {
            let f: Vec<&str> = l.split(':').collect();
            f.first() == Some(&name) || f.get(2) == Some(&id.to_string().as_str())
        });
        if taken {
            return Ok(());
        }
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o644)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)?;
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        f.write_all(format!("{sep}{line}\n").as_bytes())
    }
    append_unless(
        "/etc/passwd",
        u.uid,
        &u.name,
        format!(
            "{}:*:{}:{}:{}:{}:/bin/sh",
            u.name, u.uid, u.gid, u.name, u.home
        ),
    )?;
    append_unless(
        "/etc/group",
        u.gid,
        &u.group,
        format!("{}:x:{}:", u.group, u.gid),
    )
}

/// `--user UID[:GID]` that the image's /etc/passwd does not list gets an entry (`--passwd`), from
/// `--passwd-entry` or podman's default, so that `whoami` and $HOME work.
fn add_passwd_entry(spec: &Spec) -> std::io::Result<()> {
    let (user, group) = spec.user.split_once(':').unwrap_or((&spec.user, ""));
    let Ok(uid) = user.parse::<u32>() else {
        return Ok(()); // a name: it is either there or an error at start
    };
    let text = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    if text
        .lines()
        .any(|l| l.split(':').nth(2) == Some(uid.to_string().as_str()))
    {
        return Ok(());
    }
    let gid: u32 = group.parse().unwrap_or(uid);
    let template = spec
        .passwd_entry
        .as_deref()
        .unwrap_or("$USERNAME:*:$UID:$GID:$NAME:$HOME:/bin/sh");
    let line = template
        .replace("$USERNAME", &uid.to_string())
        .replace("$UID", &uid.to_string())
        .replace("$GID", &gid.to_string())
        .replace("$NAME", "container user")
        .replace("$HOME", &spec.cwd);
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW)
        .open("/etc/passwd")?;
    let sep = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    f.write_all(format!("{sep}{line}\n").as_bytes())
}

/// A resource by its ulimit name (`nofile`) or its OCI name (`RLIMIT_NOFILE`).
pub fn rlimit_resource(name: &str) -> Option<nix::sys::resource::Resource> {
    use nix::sys::resource::Resource;
    let short = name
        .strip_prefix("RLIMIT_")
        .unwrap_or(name)
        .to_ascii_lowercase();
    Some(match short.as_str() {
        "as" => Resource::RLIMIT_AS,
        "core" => Resource::RLIMIT_CORE,
        "cpu" => Resource::RLIMIT_CPU,
        "data" => Resource::RLIMIT_DATA,
        "fsize" => Resource::RLIMIT_FSIZE,
        "locks" => Resource::RLIMIT_LOCKS,
        "memlock" => Resource::RLIMIT_MEMLOCK,
        "msgqueue" => Resource::RLIMIT_MSGQUEUE,
        "nice" => Resource::RLIMIT_NICE,
        "nofile" => Resource::RLIMIT_NOFILE,
        "nproc" => Resource::RLIMIT_NPROC,
        "rss" => Resource::RLIMIT_RSS,
        "rtprio" => Resource::RLIMIT_RTPRIO,
        "rttime" => Resource::RLIMIT_RTTIME,
        "sigpending" => Resource::RLIMIT_SIGPENDING,
        "stack" => Resource::RLIMIT_STACK,
        _ => return None,
    })
}

/// A pty from the container's own devpts: the master goes to the parent, the slave becomes our
/// controlling terminal and stdio. Waits for the parent's go (it sets the window size first).
pub fn setup_tty(sock: BorrowedFd<'_>) -> anyhow::Result<()> {
    use rustix::fs::{Mode, OFlags};
    let master = rustix::fs::open(
        "/dev/ptmx",
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .context("opening /dev/ptmx")?;
    let n = crate::sys::unlock_pty(master.as_raw_fd()).context("unlocking the pty")?;
    let slave = rustix::fs::open(
        format!("/dev/pts/{n}"),
        OFlags::RDWR | OFlags::NOCTTY,
        Mode::empty(),
    )
    .with_context(|| format!("opening /dev/pts/{n}"))?;
    crate::sys::send_fd(sock, master.as_raw_fd()).context("sending the pty to skiff")?;
    drop(master);
    let mut b = [0u8; 1];
    if nix::unistd::read(sock, &mut b) != Ok(1) || b[0] != GO {
        anyhow::bail!("skiff went away while setting up the terminal");
    }
    nix::unistd::setsid().context("setsid")?;
    crate::sys::set_controlling_tty(slave.as_raw_fd())
        .context("setting the controlling terminal")?;
    nix::unistd::dup2_stdin(&slave)?;
    nix::unistd::dup2_stdout(&slave)?;
    nix::unistd::dup2_stderr(&slave)?;
    Ok(())
}

/// execvpe with docker's errors: 127 when the command is not found, 126 when it cannot run.
pub fn exec(args: &[String], env: &[String], preserve_fds: u32) -> (i32, anyhow::Error) {
    let path_var = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(super::spec::DEFAULT_PATH);
    let cmd = &args[0];
    let candidates: Vec<PathBuf> = if cmd.contains('/') {
        vec![PathBuf::from(cmd)]
    } else {
        path_var
            .split(':')
            .filter(|d| !d.is_empty())
            .map(|d| Path::new(d).join(cmd))
            .collect()
    };
    if cmd.contains('/') && std::fs::metadata(cmd).is_ok_and(|m| m.is_dir()) {
        return (
            EXIT_NOT_EXECUTABLE,
            anyhow!("{cmd}: is a directory, not a program"),
        );
    }
    let Some(path) = candidates
        .iter()
        .find(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()))
        .cloned()
    else {
        let what = if cmd.contains('/') {
            format!("{cmd}: no such file or directory")
        } else {
            format!("executable file `{cmd}` not found in $PATH")
        };
        return (EXIT_NOT_FOUND, anyhow!("{what}"));
    };
    let cstr = |s: &str| CString::new(s).unwrap_or_else(|_| CString::new("?").unwrap());
    let argv: Vec<CString> = args.iter().map(|a| cstr(a)).collect();
    let envp: Vec<CString> = env.iter().map(|e| cstr(e)).collect();
    let cpath = cstr(&path.to_string_lossy());
    let err = crate::sys::execve(&cpath, &argv, &envp, preserve_fds);
    let code = match err {
        nix::Error::ENOENT => EXIT_NOT_FOUND,
        _ => EXIT_NOT_EXECUTABLE,
    };
    (
        code,
        anyhow!("{}: {}", path.display(), err.desc().to_lowercase()),
    )
}

/// `--init`: stay pid 1, run the command as our child, forward signals to it, reap every zombie,
/// and exit with the command's status.
fn run_init(
    args: &[String],
    env: &[String],
    preserve_fds: u32,
    sock: BorrowedFd<'_>,
) -> Result<Never, (i32, anyhow::Error)> {
    use nix::sys::signal::Signal;
    use nix::sys::wait::{waitpid, WaitStatus};
    let mut mask = SigSet::all();
    mask.remove(Signal::SIGKILL);
    mask.remove(Signal::SIGSTOP);
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&mask), None)
        .map_err(|e| (EXIT_SKIFF, e.into()))?;
    let child = crate::sys::fork_child(|| {
        let _ =
            nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
        let (code, e) = exec(args, env, preserve_fds);
        eprintln!("skiff-init: {e:#}");
        code
    })
    .map_err(|e| (EXIT_SKIFF, e.into()))?;
    // The command's process reports a failed exec on the socket itself, or closes it by exec'ing:
    // our copy must go so that the parent sees that close.
    crate::sys::close_in_child(sock.as_raw_fd());
    loop {
        let sig = mask.wait().map_err(|e| (EXIT_SKIFF, e.into()))?;
        if sig == Signal::SIGCHLD {
            loop {
                match waitpid(None, Some(nix::sys::wait::WaitPidFlag::WNOHANG)) {
                    Ok(WaitStatus::Exited(pid, code)) if pid == child => std::process::exit(code),
                    Ok(WaitStatus::Signaled(pid, s, _)) if pid == child => {
                        std::process::exit(128 + s as i32)
                    }
                    Ok(WaitStatus::StillAlive) | Err(_) => break,
                    Ok(_) => continue,
                }
            }
        } else {
            let _ = nix::sys::signal::kill(child, sig);
        }
    }
}

/// lchown a tree without following symlinks.
fn chown_tree(p: &Path, uid: u32, gid: u32) -> std::io::Result<()> {
    std::os::unix::fs::lchown(p, Some(uid), Some(gid))?;
    if std::fs::symlink_metadata(p)?.is_dir() {
        for e in std::fs::read_dir(p)? {
            chown_tree(&e?.path(), uid, gid)?;
        }
    }
    Ok(())
}
