//! A config's `process` applied to the calling process, shared by the container's init and by
//! `exec`: rlimits, oom_score_adj, the user with its groups and umask, the five capability sets,
//! no_new_privileges and seccomp, in runc's order.

use anyhow::{anyhow, Context};
use oci_spec::runtime::{Capabilities, Process};
use rustix::thread::{CapabilitySet, CapabilitySets};

use super::seccomp::Filters;

fn set_of(caps: &Option<Capabilities>) -> CapabilitySet {
    let names: Vec<String> = caps
        .iter()
        .flatten()
        .filter_map(|c| serde_json::to_value(c).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    // Capabilities this kernel does not have are left out (capset refuses unknown bits).
    crate::runtime::security::cap_set(&names) & known()
}

fn held() -> CapabilitySet {
    rustix::thread::capabilities(None)
        .map(|c| c.permitted)
        .unwrap_or(CapabilitySet::all())
}

/// Capabilities the process asks for that this runtime does not hold (to warn about).
pub fn missing_caps(p: &Process) -> Vec<String> {
    let Some(c) = p.capabilities() else {
        return Vec::new();
    };
    let want = set_of(c.bounding()) | set_of(c.effective()) | set_of(c.permitted());
    let missing = want & !held();
    crate::runtime::security::ALL_CAPS
        .iter()
        .enumerate()
        .filter(|(i, _)| missing.contains(CapabilitySet::from_bits_retain(1 << i)))
        .map(|(_, n)| n.to_string())
        .collect()
}

fn last_cap() -> u32 {
    // Read once per process (a container's setup asks several times).
    static LAST: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *LAST.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(40)
    })
}

fn known() -> CapabilitySet {
    let last = last_cap().min(63);
    CapabilitySet::from_bits_retain(if last >= 63 {
        u64::MAX
    } else {
        (1u64 << (last + 1)) - 1
    })
}

pub fn rlimits(p: &Process) -> anyhow::Result<()> {
    for r in p.rlimits().iter().flatten() {
        let name = serde_json::to_value(r.typ())?
            .as_str()
            .unwrap_or("")
            .to_string();
        let res = crate::runtime::init::rlimit_resource(&name)
            .ok_or_else(|| anyhow!("process.rlimits: {name} is not known here"))?;
        nix::sys::resource::setrlimit(res, r.soft(), r.hard()).map_err(|e| {
            let (_, hard_now) = nix::sys::resource::getrlimit(res).unwrap_or((0, 0));
            let why = if e == nix::Error::EPERM && r.hard() > hard_now {
                format!(": raising the hard limit above {hard_now} needs CAP_SYS_RESOURCE, which this runtime does not hold (ask for at most {hard_now}, e.g. podman run --ulimit nofile={hard_now}:{hard_now})")
            } else {
                String::new()
            };
            anyhow!(
                "process.rlimits {name} (soft {}, hard {}): {e}{why}",
                r.soft(),
                r.hard()
            )
        })?;
    }
    Ok(())
}

pub fn oom_score_adj(p: &Process) -> anyhow::Result<()> {
    if let Some(adj) = p.oom_score_adj() {
        std::fs::write("/proc/self/oom_score_adj", adj.to_string()).map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::PermissionDenied {
                " (lowering it below the current value needs CAP_SYS_RESOURCE, which this \
                 runtime does not hold)"
            } else {
                ""
            };
            anyhow!("process.oomScoreAdj (--oom-score-adj) {adj}: {e}{why}")
        })?;
    }
    Ok(())
}

/// The whole `process` but its cwd, terminal and command: rlimits, oom_score_adj, then the user
/// with its capabilities and seccomp (`become_user`).
pub fn apply(
    p: &Process,
    seccomp: Option<&Filters>,
    set_groups: bool,
) -> anyhow::Result<Option<std::os::fd::OwnedFd>> {
    rlimits(p)?;
    oom_score_adj(p)?;
    become_user(p, seccomp, set_groups)
}

/// `apply` with process.cwd entered in runc's and crun's order, for skiff-runtime's init and for
/// skiff's own containers and execs: before the user change (a directory the runtime may enter
/// but the user may not still becomes the working directory, as `-u nobody -w /root` does under
/// docker and podman), and again after it when only the user may enter it (a volume chowned to
/// the user on a root-squashing filesystem).
pub fn apply_in_cwd(
    p: &Process,
    seccomp: Option<&Filters>,
    set_groups: bool,
) -> anyhow::Result<Option<std::os::fd::OwnedFd>> {
    let cwd = p.cwd();
    let entered = std::env::set_current_dir(cwd);
    if let Err(e) = &entered {
        if e.kind() != std::io::ErrorKind::PermissionDenied {
            return Err(anyhow!(
                "entering the working directory {}: {e}",
                cwd.display()
            ));
        }
    }
    let listener = apply(p, seccomp, set_groups)?;
    if entered.is_err() {
        std::env::set_current_dir(cwd)
            .with_context(|| format!("entering the working directory {}", cwd.display()))?;
    }
    Ok(listener)
}

/// Become the process's user with its capabilities; seccomp goes in while we may still load it
/// (before the uid change unless no_new_privileges is set, as runc does). Returns the notify
/// listener's descriptor when the filter has one.
pub fn become_user(
    p: &Process,
    seccomp: Option<&Filters>,
    set_groups: bool,
) -> anyhow::Result<Option<std::os::fd::OwnedFd>> {
    let caps = p.capabilities().as_ref();
    // A capability this runtime does not hold itself cannot be granted (docker's --privileged
    // gives what the daemon holds): the sets are cut to ours, said by `missing_caps` beforehand.
    let held = held();
    let set_of = |c: &Option<Capabilities>| set_of(c) & held;
    let bounding = caps
        .map(|c| set_of(c.bounding()))
        .unwrap_or(CapabilitySet::empty());
    for i in 0..=last_cap().min(63) {
        let c = CapabilitySet::from_bits_retain(1 << i);
        if !bounding.contains(c) {
            match rustix::thread::remove_capability_from_bounding_set(c) {
                Ok(()) | Err(rustix::io::Errno::INVAL) => {}
                Err(e) => {
                    return Err(anyhow!(
                        "process.capabilities.bounding: dropping a capability: {e}"
                    ))
                }
            }
        }
    }
    let nnp = p.no_new_privileges().unwrap_or(false);
    let mut listener = None;
    let mut seccomp_done = false;
    if let Some(f) = seccomp {
        if !nnp {
            listener = super::seccomp::install(f)?;
            seccomp_done = true;
        }
    }
    let u = p.user();
    if let Some(mask) = u.umask() {
        nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(mask));
    }
    rustix::thread::set_keep_capabilities(true)
        .context("keeping capabilities across the uid change")?;
    let mut groups: Vec<nix::unistd::Gid> = u
        .additional_gids()
        .iter()
        .flatten()
        .map(|g| nix::unistd::Gid::from_raw(*g))
        .collect();
    groups.dedup();
    if set_groups {
        nix::unistd::setgroups(&groups).map_err(|e| {
            anyhow!(
                "process.user.additionalGids {:?}: setgroups: {e}",
                u.additional_gids()
            )
        })?;
    }
    let gid = nix::unistd::Gid::from_raw(u.gid());
    let uid = nix::unistd::Uid::from_raw(u.uid());
    nix::unistd::setresgid(gid, gid, gid)
        .map_err(|e| anyhow!("process.user.gid {}: {e} (is it mapped?)", u.gid()))?;
    nix::unistd::setresuid(uid, uid, uid)
        .map_err(|e| anyhow!("process.user.uid {}: {e} (is it mapped?)", u.uid()))?;
    rustix::thread::set_keep_capabilities(false).ok();
    let sets = CapabilitySets {
        effective: caps
            .map(|c| set_of(c.effective()))
            .unwrap_or(CapabilitySet::empty()),
        permitted: caps
            .map(|c| set_of(c.permitted()))
            .unwrap_or(CapabilitySet::empty()),
        inheritable: caps
            .map(|c| set_of(c.inheritable()))
            .unwrap_or(CapabilitySet::empty()),
    };
    rustix::thread::set_capabilities(None, sets)
        .map_err(|e| anyhow!("process.capabilities: capset: {e}"))?;
    let ambient = caps
        .map(|c| set_of(c.ambient()))
        .unwrap_or(CapabilitySet::empty());
    for i in 0..64 {
        let c = CapabilitySet::from_bits_retain(1 << i);
        if ambient.contains(c) {
            // The kernel refuses an ambient capability that is not permitted and inheritable.
            let _ = rustix::thread::configure_capability_in_ambient_set(c, true);
        }
    }
    if nnp {
        rustix::thread::set_no_new_privs(true).context("process.noNewPrivileges")?;
    }
    if let Some(f) = seccomp {
        if !seccomp_done {
            listener = super::seccomp::install(f)?;
        }
    }
    Ok(listener)
}
