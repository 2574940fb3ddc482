//! `create` (and the first half of `run`): the runtime side. Clone the container's init, give it
//! its id maps and cgroups, run the prestart/createRuntime hooks when it asks, record the
//! container once the init waits on its fifo. Every failure kills the init and removes what was
//! made, so a failed create leaves nothing behind.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use nix::sched::CloneFlags;
use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
use oci_spec::runtime::{LinuxIdMapping, LinuxNamespaceType, Spec};

use super::cli::{CreateArgs, Log};
use super::config::{self, Bundle};
use super::init::{self, ChildArgs};
use super::state::{self, Record, Status};
use crate::userns::idmap::{IdMap, IdMapping, MappingKind};

pub fn send(fd: std::os::fd::BorrowedFd<'_>, tag: u8, payload: &[u8]) -> anyhow::Result<()> {
    let mut msg = Vec::with_capacity(payload.len() + 1);
    msg.push(tag);
    msg.extend_from_slice(payload);
    nix::sys::socket::send(fd.as_raw_fd(), &msg, nix::sys::socket::MsgFlags::empty())
        .map_err(|e| anyhow!("talking to the container's init: {e}"))?;
    Ok(())
}

/// One message: (tag, payload). EOF is tag 0.
pub fn recv(fd: std::os::fd::BorrowedFd<'_>) -> anyhow::Result<(u8, Vec<u8>)> {
    let mut buf = vec![0u8; 65536];
    let n = loop {
        match nix::sys::socket::recv(
            fd.as_raw_fd(),
            &mut buf,
            nix::sys::socket::MsgFlags::empty(),
        ) {
            Ok(n) => break n,
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(anyhow!("talking to the container's init: {e}")),
        }
    };
    if n == 0 {
        return Ok((0, Vec::new()));
    }
    Ok((buf[0], buf[1..n].to_vec()))
}

fn mapping(spec: &Spec) -> anyhow::Result<Option<IdMapping>> {
    let linux = spec.linux().as_ref();
    let new_user = linux
        .and_then(|l| l.namespaces().as_ref())
        .is_some_and(|ns| {
            ns.iter()
                .any(|n| n.typ() == LinuxNamespaceType::User && n.path().is_none())
        });
    if !new_user {
        return Ok(None);
    }
    let conv = |m: &Option<Vec<LinuxIdMapping>>| -> Vec<IdMap> {
        m.iter()
            .flatten()
            .map(|x| IdMap {
                container_id: x.container_id(),
                host_id: x.host_id(),
                size: x.size(),
            })
            .collect()
    };
    let linux = linux.expect("a user namespace entry implies linux");
    let uids = conv(linux.uid_mappings());
    let gids = conv(linux.gid_mappings());
    if uids.is_empty() || gids.is_empty() {
        bail!("linux.uidMappings and linux.gidMappings are needed with a new user namespace");
    }
    let me = nix::unistd::geteuid();
    let kind = if me.is_root() {
        MappingKind::Root
    } else if uids.len() == 1
        && uids[0].host_id == me.as_raw()
        && uids[0].size == 1
        && gids.len() == 1
        && gids[0].host_id == nix::unistd::getegid().as_raw()
        && gids[0].size == 1
    {
        MappingKind::SingleId
    } else {
        MappingKind::SubIds
    };
    Ok(Some(IdMapping { uids, gids, kind }))
}

/// What create leaves to its caller: the record, and the init when the caller is `run`.
pub struct Created {
    pub pid: nix::unistd::Pid,
}

pub fn create(root: &Path, a: &CreateArgs, log: &Log) -> anyhow::Result<Created> {
    state::check_id(&a.id)?;
    let bundle = config::load(&a.bundle)?;
    std::fs::create_dir_all(root)
        .with_context(|| format!("creating the state root {}", root.display()))?;
    // Private, as runc's: the init never needs to reach into it (it inherits the exec fifo).
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o700));
    let dir = state::dir(root, &a.id);
    match std::fs::create_dir(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "container {:?} already exists: pick another id or `delete` it first",
            a.id
        ),
        Err(e) => return Err(anyhow!("creating {}: {e}", dir.display())),
    }
    let mut made_cgroups = Vec::new();
    let mut child_pid = None;
    let result = create_in(root, a, &bundle, log, &mut made_cgroups, &mut child_pid);
    if result.is_err() {
        if let Some(pid) = child_pid {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(pid, None);
        }
        super::cgroups::remove(&made_cgroups);
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn create_in(
    root: &Path,
    a: &CreateArgs,
    bundle: &Bundle,
    log: &Log,
    made_cgroups: &mut Vec<PathBuf>,
    child_pid: &mut Option<nix::unistd::Pid>,
) -> anyhow::Result<Created> {
    let spec = &bundle.spec;
    let terminal = spec
        .process()
        .as_ref()
        .and_then(|p| p.terminal())
        .unwrap_or(false);
    let linux = spec.linux().clone().unwrap_or_default();
    let namespaces = linux.namespaces().clone().unwrap_or_default();
    let rootless = super::state::rootless();
    let map = mapping(spec)?;
    if !nix::unistd::geteuid().is_root() && map.is_none() {
        bail!("rootless containers need a new user namespace: add {{\"type\": \"user\"}} with linux.uidMappings/gidMappings (`skiff-runtime spec --rootless` writes such a config)");
    }
    let fifo = state::fifo(root, &a.id);
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600))
        .with_context(|| format!("creating {}", fifo.display()))?;
    // Opened here (O_RDWR never blocks on a fifo) and inherited by the init, which reads `start`'s
    // byte from it: the init needs no access to the state directory, which stays private.
    let fifo_fd: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .with_context(|| format!("opening {}", fifo.display()))?
        .into();
    let console: Option<OwnedFd> = match (&a.console_socket, terminal) {
        (Some(p), true) => Some(
            std::os::unix::net::UnixStream::connect(p)
                .with_context(|| format!("--console-socket {}: cannot connect", p.display()))?
                .into(),
        ),
        (Some(_), false) => bail!("--console-socket was given but process.terminal is false"),
        _ => None,
    };
    let (parent_sock, child_sock) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .context("socketpair")?;
    // A user and a pid namespace to join are entered here, the user one first: setns(pid)
    // applies to our next child, and a new pid namespace belongs to the user namespace we are in.
    for want in [LinuxNamespaceType::User, LinuxNamespaceType::Pid] {
        for ns in &namespaces {
            if let (t, Some(p)) = (ns.typ(), ns.path()) {
                if t == want {
                    let f = std::fs::File::open(p)
                        .with_context(|| format!("opening {}", p.display()))?;
                    nix::sched::setns(f.as_fd(), config::clone_flag(t))
                        .map_err(|e| anyhow!("joining the {t:?} namespace {}: {e}", p.display()))?;
                }
            }
        }
    }
    // A new time namespace with offsets: made here too (it applies to children, before any runs).
    if namespaces
        .iter()
        .any(|n| n.typ() == LinuxNamespaceType::Time && n.path().is_none())
    {
        nix::sched::unshare(CloneFlags::from_bits_retain(libc::CLONE_NEWTIME))
            .map_err(|e| anyhow!("creating the time namespace: {e}"))?;
        let mut lines = String::new();
        for (clock, off) in linux.time_offsets().iter().flatten() {
            lines.push_str(&format!(
                "{clock} {} {}\n",
                off.secs().unwrap_or(0),
                off.nanosecs().unwrap_or(0)
            ));
        }
        if !lines.is_empty() {
            std::fs::write("/proc/self/timens_offsets", lines).context("linux.timeOffsets")?;
        }
    }
    // Idmapped mounts are made here, in the host's mount namespace, and handed to the init.
    let idmapped = super::idmap::prepare(spec, &bundle.dir)?;
    let idmapped_raw: Vec<(usize, i32)> = idmapped
        .iter()
        .map(|(i, fd)| (*i, fd.as_raw_fd()))
        .collect();
    let new_pid = namespaces
        .iter()
        .any(|n| n.typ() == LinuxNamespaceType::Pid && n.path().is_none());
    let mut flags = CloneFlags::empty();
    if new_pid {
        flags |= CloneFlags::CLONE_NEWPID;
    }
    // A new user namespace is made by the clone itself, so that the new pid namespace (and
    // every namespace the init unshares) belongs to it: /proc can then be mounted inside.
    if map.is_some() {
        flags |= CloneFlags::CLONE_NEWUSER;
    }
    let child_raw = child_sock.as_raw_fd();
    let console_raw = console.as_ref().map(|c| c.as_raw_fd());
    let args = ChildArgs {
        spec,
        bundle: &bundle.dir,
        rootfs: &bundle.rootfs,
        sync: child_raw,
        fifo: fifo_fd.as_raw_fd(),
        console: console_raw,
        new_user: map.is_some(),
        set_groups: map.as_ref().is_none_or(|m| m.kind != MappingKind::SingleId),
        no_pivot: a.no_pivot,
        preserve_fds: a.preserve_fds,
        parent_sock: parent_sock.as_raw_fd(),
        idmapped: &idmapped_raw,
    };
    let pid = crate::sys::clone_child(flags, || init::child_main(&args))
        .map_err(|e| anyhow!("starting the container's init: {e}"))?;
    *child_pid = Some(pid);
    drop(child_sock);
    drop(console);
    drop(fifo_fd);
    drop(idmapped);
    let sync = parent_sock.as_fd();
    let warn = |m: &str| log.write("warning", m);
    *made_cgroups = super::cgroups::setup(
        &a.id,
        linux.cgroups_path().as_deref(),
        linux.resources().as_ref(),
        linux.devices().as_deref().unwrap_or(&[]),
        pid.as_raw(),
        &warn,
    )?;
    let annotations = spec.annotations().clone().unwrap_or_default();
    let mut record = Record {
        id: a.id.clone(),
        pid: pid.as_raw(),
        start_time: 0,
        bundle: bundle.dir.clone(),
        created: crate::cli::format::rfc3339_nanos_now(),
        annotations,
        cgroups: made_cgroups.clone(),
        config: state::dir(root, &a.id).join("config.json"),
        rootless,
        paused: false,
    };
    // The config as created: later edits of the bundle's copy must not affect the container.
    std::fs::write(&record.config, serde_json::to_vec(spec)?)
        .with_context(|| format!("writing {}", record.config.display()))?;
    send(sync, b'g', b"")?;
    loop {
        let (tag, payload) = recv(sync)?;
        match tag {
            b'M' => {
                let m = map
                    .as_ref()
                    .ok_or_else(|| anyhow!("the init asked for id maps it should not need"))?;
                m.apply(pid.as_raw())
                    .map_err(|e| anyhow!("linux.uidMappings/gidMappings: {e}"))?;
                send(sync, b'm', b"")?;
            }
            b'H' => {
                let st = state::oci_state(&record, Status::Created);
                // runtime-tools checks for "created" here (runc and crun pass that).
                if let Some(h) = spec.hooks() {
                    super::hooks::run_all("prestart", h.prestart().as_deref().unwrap_or(&[]), &st)?;
                    super::hooks::run_all(
                        "createRuntime",
                        h.create_runtime().as_deref().unwrap_or(&[]),
                        &st,
                    )?;
                }
                send(sync, b'h', st.to_string().as_bytes())?;
            }
            b'W' => log.write("warning", &String::from_utf8_lossy(&payload)),
            b'R' => break,
            b'E' => bail!("{}", String::from_utf8_lossy(&payload)),
            0 => {
                let status =
                    nix::sys::wait::waitpid(pid, Some(nix::sys::wait::WaitPidFlag::WNOHANG));
                bail!("the container's init ended before it was ready ({status:?})");
            }
            other => bail!("unexpected message {other} from the container's init"),
        }
    }
    record.start_time = state::start_time(pid.as_raw())
        .ok_or_else(|| anyhow!("the container's init ended before it was recorded"))?;
    state::save(root, &record)?;
    if let Some(p) = &a.pid_file {
        write_pid_file(p, pid.as_raw())?;
    }
    Ok(Created { pid })
}

pub fn write_pid_file(p: &Path, pid: i32) -> anyhow::Result<()> {
    let tmp = p.with_extension("skiff-tmp");
    std::fs::write(&tmp, pid.to_string()).with_context(|| format!("--pid-file {}", p.display()))?;
    std::fs::rename(&tmp, p).with_context(|| format!("--pid-file {}", p.display()))?;
    Ok(())
}
