//! The container's security settings, applied by the init just before exec: capability sets,
//! no_new_privs, and docker's default seccomp profile (compiled with seccompiler), or a docker-format
//! JSON profile from `--security-opt seccomp=FILE`.

use std::collections::BTreeMap;

use rustix::thread::{CapabilitySet, CapabilitySets};
use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

use super::spec::{Seccomp, ALL_CAPS};

/// The bit of a capability name (ALL_CAPS is in kernel order).
fn cap_set(names: &[String]) -> CapabilitySet {
    let mut set = CapabilitySet::empty();
    for n in names {
        if let Some(i) = ALL_CAPS.iter().position(|c| c == n) {
            set |= CapabilitySet::from_bits_retain(1 << i);
        }
    }
    set
}

/// Drop every capability not in `keep` from the bounding set (needs CAP_SETPCAP, which the init
/// has as root of its user namespace).
pub fn limit_bounding_set(keep: &[String]) -> std::io::Result<()> {
    let keep = cap_set(keep);
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(40);
    for i in 0..=last.min(63) {
        let c = CapabilitySet::from_bits_retain(1 << i);
        if !keep.contains(c) {
            match rustix::thread::remove_capability_from_bounding_set(c) {
                Ok(()) | Err(rustix::io::Errno::INVAL) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// After switching to the container user: root keeps `caps` effective, permitted and inheritable;
/// other users keep none (docker's behaviour), only the bounding set.
pub fn set_process_caps(caps: &[String], uid: u32) -> std::io::Result<()> {
    let set = if uid == 0 {
        cap_set(caps)
    } else {
        CapabilitySet::empty()
    };
    rustix::thread::set_capabilities(
        None,
        CapabilitySets {
            effective: set,
            permitted: set,
            inheritable: set,
        },
    )?;
    Ok(())
}

pub fn set_no_new_privs() -> std::io::Result<()> {
    rustix::thread::set_no_new_privs(true)?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    #[error("seccomp profile: {0}")]
    Profile(String),
    #[error("compiling the seccomp filter: {0}")]
    Compile(String),
}

/// The BPF program for the spec's choice, or None for unconfined.
pub fn seccomp_program(choice: &Seccomp) -> Result<Option<BpfProgram>, SeccompError> {
    match choice {
        Seccomp::Unconfined => Ok(None),
        Seccomp::Default => default_filter().map(Some),
        Seccomp::Profile(json) => profile_filter(json).map(Some),
    }
}

/// Load a filter; no_new_privs is left as the spec says (see `sys::install_seccomp`).
pub fn apply(program: &BpfProgram) -> Result<(), SeccompError> {
    let raw: Vec<libc::sock_filter> = program
        .iter()
        .map(|i| libc::sock_filter {
            code: i.code,
            jt: i.jt,
            jf: i.jf,
            k: i.k,
        })
        .collect();
    crate::sys::install_seccomp(&raw)
        .map_err(|e| SeccompError::Compile(format!("loading the filter: {e}")))
}

fn arch() -> TargetArch {
    if cfg!(target_arch = "aarch64") {
        TargetArch::aarch64
    } else {
        TargetArch::x86_64
    }
}

macro_rules! syscall_table {
    ($($name:ident),* $(,)?) => {
        /// (name, number) of every syscall skiff can name in a profile on this architecture.
        pub const SYSCALLS: &[(&str, i64)] = &[$((stringify!($name), libc::$name as i64)),*];
    };
}

// Docker's default allow list (moby profiles/seccomp/default.json), the names this libc knows on
// x86_64. Names are libc's SYS_* constants with the prefix kept for the macro.
syscall_table!(
    SYS_accept,
    SYS_accept4,
    SYS_access,
    SYS_adjtimex,
    SYS_alarm,
    SYS_bind,
    SYS_brk,
    SYS_capget,
    SYS_capset,
    SYS_chdir,
    SYS_chmod,
    SYS_chown,
    SYS_clock_adjtime,
    SYS_clock_getres,
    SYS_clock_gettime,
    SYS_clock_nanosleep,
    SYS_close,
    SYS_close_range,
    SYS_connect,
    SYS_copy_file_range,
    SYS_creat,
    SYS_dup,
    SYS_dup2,
    SYS_dup3,
    SYS_epoll_create,
    SYS_epoll_create1,
    SYS_epoll_ctl,
    SYS_epoll_pwait,
    SYS_epoll_pwait2,
    SYS_epoll_wait,
    SYS_eventfd,
    SYS_eventfd2,
    SYS_execve,
    SYS_execveat,
    SYS_exit,
    SYS_exit_group,
    SYS_faccessat,
    SYS_faccessat2,
    SYS_fadvise64,
    SYS_fallocate,
    SYS_fanotify_mark,
    SYS_fchdir,
    SYS_fchmod,
    SYS_fchmodat,
    SYS_fchown,
    SYS_fchownat,
    SYS_fcntl,
    SYS_fdatasync,
    SYS_fgetxattr,
    SYS_flistxattr,
    SYS_flock,
    SYS_fork,
    SYS_fremovexattr,
    SYS_fsetxattr,
    SYS_fstat,
    SYS_fstatfs,
    SYS_fsync,
    SYS_ftruncate,
    SYS_futex,
    SYS_futex_waitv,
    SYS_futimesat,
    SYS_getcpu,
    SYS_getcwd,
    SYS_getdents,
    SYS_getdents64,
    SYS_getegid,
    SYS_geteuid,
    SYS_getgid,
    SYS_getgroups,
    SYS_getitimer,
    SYS_getpeername,
    SYS_getpgid,
    SYS_getpgrp,
    SYS_getpid,
    SYS_getppid,
    SYS_getpriority,
    SYS_getrandom,
    SYS_getresgid,
    SYS_getresuid,
    SYS_getrlimit,
    SYS_get_robust_list,
    SYS_getrusage,
    SYS_getsid,
    SYS_getsockname,
    SYS_getsockopt,
    SYS_get_thread_area,
    SYS_gettid,
    SYS_gettimeofday,
    SYS_getuid,
    SYS_getxattr,
    SYS_inotify_add_watch,
    SYS_inotify_init,
    SYS_inotify_init1,
    SYS_inotify_rm_watch,
    SYS_io_cancel,
    SYS_ioctl,
    SYS_io_destroy,
    SYS_io_getevents,
    SYS_ioprio_get,
    SYS_ioprio_set,
    SYS_io_setup,
    SYS_io_submit,
    SYS_io_uring_enter,
    SYS_io_uring_register,
    SYS_io_uring_setup,
    SYS_kill,
    SYS_landlock_add_rule,
    SYS_landlock_create_ruleset,
    SYS_landlock_restrict_self,
    SYS_lchown,
    SYS_lgetxattr,
    SYS_link,
    SYS_linkat,
    SYS_listen,
    SYS_listxattr,
    SYS_llistxattr,
    SYS_lremovexattr,
    SYS_lseek,
    SYS_lsetxattr,
    SYS_lstat,
    SYS_madvise,
    SYS_membarrier,
    SYS_memfd_create,
    SYS_memfd_secret,
    SYS_mincore,
    SYS_mkdir,
    SYS_mkdirat,
    SYS_mknod,
    SYS_mknodat,
    SYS_mlock,
    SYS_mlock2,
    SYS_mlockall,
    SYS_mmap,
    SYS_mprotect,
    SYS_mq_getsetattr,
    SYS_mq_notify,
    SYS_mq_open,
    SYS_mq_timedreceive,
    SYS_mq_timedsend,
    SYS_mq_unlink,
    SYS_mremap,
    SYS_msgctl,
    SYS_msgget,
    SYS_msgrcv,
    SYS_msgsnd,
    SYS_msync,
    SYS_munlock,
    SYS_munlockall,
    SYS_munmap,
    SYS_name_to_handle_at,
    SYS_nanosleep,
    SYS_newfstatat,
    SYS_open,
    SYS_openat,
    SYS_openat2,
    SYS_pause,
    SYS_pidfd_open,
    SYS_pidfd_send_signal,
    SYS_pipe,
    SYS_pipe2,
    SYS_pkey_alloc,
    SYS_pkey_free,
    SYS_pkey_mprotect,
    SYS_poll,
    SYS_ppoll,
    SYS_prctl,
    SYS_pread64,
    SYS_preadv,
    SYS_preadv2,
    SYS_prlimit64,
    SYS_process_mrelease,
    SYS_pselect6,
    SYS_pwrite64,
    SYS_pwritev,
    SYS_pwritev2,
    SYS_read,
    SYS_readahead,
    SYS_readlink,
    SYS_readlinkat,
    SYS_readv,
    SYS_recvfrom,
    SYS_recvmmsg,
    SYS_recvmsg,
    SYS_remap_file_pages,
    SYS_removexattr,
    SYS_rename,
    SYS_renameat,
    SYS_renameat2,
    SYS_restart_syscall,
    SYS_rmdir,
    SYS_rseq,
    SYS_rt_sigaction,
    SYS_rt_sigpending,
    SYS_rt_sigprocmask,
    SYS_rt_sigqueueinfo,
    SYS_rt_sigreturn,
    SYS_rt_sigsuspend,
    SYS_rt_sigtimedwait,
    SYS_rt_tgsigqueueinfo,
    SYS_sched_getaffinity,
    SYS_sched_getattr,
    SYS_sched_getparam,
    SYS_sched_get_priority_max,
    SYS_sched_get_priority_min,
    SYS_sched_getscheduler,
    SYS_sched_rr_get_interval,
    SYS_sched_setaffinity,
    SYS_sched_setattr,
    SYS_sched_setparam,
    SYS_sched_setscheduler,
    SYS_sched_yield,
    SYS_seccomp,
    SYS_select,
    SYS_semctl,
    SYS_semget,
    SYS_semop,
    SYS_semtimedop,
    SYS_sendfile,
    SYS_sendmmsg,
    SYS_sendmsg,
    SYS_sendto,
    SYS_setfsgid,
    SYS_setfsuid,
    SYS_setgid,
    SYS_setgroups,
    SYS_setitimer,
    SYS_setpgid,
    SYS_setpriority,
    SYS_setregid,
    SYS_setresgid,
    SYS_setresuid,
    SYS_setreuid,
    SYS_setrlimit,
    SYS_set_robust_list,
    SYS_setsid,
    SYS_setsockopt,
    SYS_set_thread_area,
    SYS_set_tid_address,
    SYS_setuid,
    SYS_setxattr,
    SYS_shmat,
    SYS_shmctl,
    SYS_shmdt,
    SYS_shmget,
    SYS_shutdown,
    SYS_sigaltstack,
    SYS_signalfd,
    SYS_signalfd4,
    SYS_socketpair,
    SYS_splice,
    SYS_stat,
    SYS_statfs,
    SYS_statx,
    SYS_symlink,
    SYS_symlinkat,
    SYS_sync,
    SYS_sync_file_range,
    SYS_syncfs,
    SYS_sysinfo,
    SYS_tee,
    SYS_tgkill,
    SYS_time,
    SYS_timer_create,
    SYS_timer_delete,
    SYS_timer_getoverrun,
    SYS_timer_gettime,
    SYS_timer_settime,
    SYS_timerfd_create,
    SYS_timerfd_gettime,
    SYS_timerfd_settime,
    SYS_times,
    SYS_tkill,
    SYS_truncate,
    SYS_umask,
    SYS_uname,
    SYS_unlink,
    SYS_unlinkat,
    SYS_utime,
    SYS_utimensat,
    SYS_utimes,
    SYS_vfork,
    SYS_vmsplice,
    SYS_wait4,
    SYS_waitid,
    SYS_write,
    SYS_writev,
    SYS_arch_prctl,
    SYS_modify_ldt,
    SYS_ptrace,
    SYS_socket,
    SYS_personality,
    SYS_clone,
    SYS_clone3,
    SYS_chroot,
    SYS_mount,
    SYS_umount2,
    SYS_unshare,
    SYS_setns,
    SYS_pivot_root,
    SYS_sethostname,
    SYS_setdomainname,
    SYS_syslog,
    SYS_bpf,
    SYS_perf_event_open,
    SYS_fanotify_init,
    SYS_open_by_handle_at,
    SYS_reboot,
    SYS_kcmp,
    SYS_process_vm_readv,
    SYS_process_vm_writev,
    SYS_settimeofday,
    SYS_clock_settime,
    SYS_quotactl,
    SYS_acct,
    SYS_swapon,
    SYS_swapoff,
    SYS_keyctl,
    SYS_add_key,
    SYS_request_key,
    SYS_kexec_load,
    SYS_init_module,
    SYS_finit_module,
    SYS_delete_module,
    SYS_iopl,
    SYS_ioperm,
    SYS_lookup_dcookie,
    SYS_mbind,
    SYS_set_mempolicy,
    SYS_get_mempolicy,
    SYS_move_pages,
    SYS_userfaultfd,
    SYS_vhangup,
    SYS_uselib,
    SYS_ustat,
    SYS_sysfs,
    SYS_fsopen,
    SYS_fsconfig,
    SYS_fsmount,
    SYS_fspick,
    SYS_open_tree,
    SYS_move_mount,
    SYS_mount_setattr,
    SYS_pidfd_getfd
);

/// Allowed for everyone by docker's default profile (the rest of SYSCALLS is either conditional
/// below or allowed only with capabilities skiff does not grant by default).
const DEFAULT_ALLOW_EXCLUDED: &[&str] = &[
    "ptrace",
    "socket",
    "personality",
    "clone",
    "clone3",
    "chroot",
    "mount",
    "umount2",
    "unshare",
    "setns",
    "pivot_root",
    "sethostname",
    "setdomainname",
    "syslog",
    "bpf",
    "perf_event_open",
    "fanotify_init",
    "open_by_handle_at",
    "reboot",
    "kcmp",
    "process_vm_readv",
    "process_vm_writev",
    "settimeofday",
    "clock_settime",
    "quotactl",
    "acct",
    "swapon",
    "swapoff",
    "keyctl",
    "add_key",
    "request_key",
    "kexec_load",
    "init_module",
    "finit_module",
    "delete_module",
    "iopl",
    "ioperm",
    "lookup_dcookie",
    "mbind",
    "set_mempolicy",
    "get_mempolicy",
    "move_pages",
    "userfaultfd",
    "vhangup",
    "uselib",
    "ustat",
    "sysfs",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "open_tree",
    "move_mount",
    "mount_setattr",
    "pidfd_getfd",
];

fn nr(name: &str) -> Option<i64> {
    let full = format!("SYS_{name}");
    SYSCALLS.iter().find(|(n, _)| *n == full).map(|(_, v)| *v)
}

fn cond(arg: u8, op: SeccompCmpOp, value: u64) -> SeccompCondition {
    SeccompCondition::new(arg, SeccompCmpArgLen::Qword, op, value).expect("valid seccomp condition")
}

/// Docker's default profile: the allow list, plus socket (not AF_VSOCK), personality with the
/// harmless values, clone without namespace flags, clone3 answering ENOSYS (so libc falls back to
/// clone, whose flags can be checked), ptrace (kernel >= 4.8 makes it safe); everything else EPERM.
pub fn default_filter() -> Result<BpfProgram, SeccompError> {
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
    for (name, n) in SYSCALLS {
        let short = &name[4..];
        if !DEFAULT_ALLOW_EXCLUDED.contains(&short) {
            rules.insert(*n, vec![]);
        }
    }
    for allowed in ["ptrace", "arch_prctl", "modify_ldt"] {
        if let Some(n) = nr(allowed) {
            rules.insert(n, vec![]);
        }
    }
    let rule = |conds: Vec<SeccompCondition>| SeccompRule::new(conds).expect("valid seccomp rule");
    if let Some(n) = nr("socket") {
        rules.insert(
            n,
            vec![rule(vec![cond(0, SeccompCmpOp::Ne, libc::AF_VSOCK as u64)])],
        );
    }
    if let Some(n) = nr("personality") {
        rules.insert(
            n,
            [0x0u64, 0x0008, 0x20000, 0x20008, 0xffff_ffff]
                .into_iter()
                .map(|v| rule(vec![cond(0, SeccompCmpOp::Eq, v)]))
                .collect(),
        );
    }
    if let Some(n) = nr("clone") {
        // CLONE_NEWNS|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWCGROUP
        let ns_flags: u64 = 0x7E02_0000;
        rules.insert(
            n,
            vec![rule(vec![cond(0, SeccompCmpOp::MaskedEq(ns_flags), 0)])],
        );
    }
    let filter = SeccompFilter::new(
        rules,
        SeccompAction::Errno(libc::EPERM as u32),
        SeccompAction::Allow,
        arch(),
    )
    .map_err(|e| SeccompError::Compile(e.to_string()))?;
    filter
        .try_into()
        .map_err(|e: seccompiler::BackendError| SeccompError::Compile(e.to_string()))
}

/// The filter that answers ENOSYS for clone3 (installed after the main one; the kernel runs every
/// filter and the most restrictive answer wins: ERRNO(ENOSYS) beats ALLOW, and ERRNO values of
/// equal precedence come from the filter installed last).
pub fn clone3_enosys() -> Result<Option<BpfProgram>, SeccompError> {
    let Some(n) = nr("clone3") else {
        return Ok(None);
    };
    let mut rules = BTreeMap::new();
    rules.insert(n, vec![]);
    let filter = SeccompFilter::new(
        rules,
        SeccompAction::Allow,
        SeccompAction::Errno(libc::ENOSYS as u32),
        arch(),
    )
    .map_err(|e| SeccompError::Compile(e.to_string()))?;
    let p: BpfProgram = filter
        .try_into()
        .map_err(|e: seccompiler::BackendError| SeccompError::Compile(e.to_string()))?;
    Ok(Some(p))
}

/// A docker-format profile: `defaultAction`, and `syscalls[].names` with `action`. Argument
/// conditions (`args`) are honoured for SCMP_CMP_EQ/NE/MASKED_EQ; names this architecture lacks
/// are skipped, as libseccomp does.
pub fn profile_filter(json: &str) -> Result<BpfProgram, SeccompError> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Profile {
        default_action: String,
        #[serde(default)]
        default_errno_ret: Option<u32>,
        #[serde(default)]
        syscalls: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Entry {
        #[serde(default)]
        names: Vec<String>,
        #[serde(default)]
        name: Option<String>,
        action: String,
        #[serde(default)]
        args: Vec<Arg>,
        #[serde(default)]
        errno_ret: Option<u32>,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Arg {
        index: u8,
        value: u64,
        #[serde(default)]
        value_two: u64,
        op: String,
    }
    let p: Profile =
        serde_json::from_str(json).map_err(|e| SeccompError::Profile(e.to_string()))?;
    let action = |a: &str, errno: Option<u32>| -> Result<SeccompAction, SeccompError> {
        Ok(match a {
            "SCMP_ACT_ALLOW" => SeccompAction::Allow,
            "SCMP_ACT_ERRNO" => SeccompAction::Errno(errno.unwrap_or(libc::EPERM as u32)),
            "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => SeccompAction::KillThread,
            "SCMP_ACT_KILL_PROCESS" => SeccompAction::KillProcess,
            "SCMP_ACT_TRAP" => SeccompAction::Trap,
            "SCMP_ACT_LOG" => SeccompAction::Log,
            other => return Err(SeccompError::Profile(format!("unsupported action {other}"))),
        })
    };
    let default = action(&p.default_action, p.default_errno_ret)?;
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
    let mut match_action: Option<SeccompAction> = None;
    for e in &p.syscalls {
        let act = action(&e.action, e.errno_ret)?;
        if act == default {
            continue;
        }
        match &match_action {
            None => match_action = Some(act.clone()),
            Some(m) if *m != act => {
                return Err(SeccompError::Profile(format!(
                    "profiles may use one action besides the default (found {:?} and {:?})",
                    m, act
                )))
            }
            _ => {}
        }
        let conds: Vec<SeccompCondition> = e
            .args
            .iter()
            .map(|a| {
                let op = match a.op.as_str() {
                    "SCMP_CMP_EQ" => SeccompCmpOp::Eq,
                    "SCMP_CMP_NE" => SeccompCmpOp::Ne,
                    "SCMP_CMP_MASKED_EQ" => SeccompCmpOp::MaskedEq(a.value),
                    "SCMP_CMP_GE" => SeccompCmpOp::Ge,
                    "SCMP_CMP_GT" => SeccompCmpOp::Gt,
                    "SCMP_CMP_LE" => SeccompCmpOp::Le,
                    "SCMP_CMP_LT" => SeccompCmpOp::Lt,
                    other => {
                        return Err(SeccompError::Profile(format!("unsupported arg op {other}")))
                    }
                };
                let value = if a.op == "SCMP_CMP_MASKED_EQ" {
                    a.value_two
                } else {
                    a.value
                };
                SeccompCondition::new(a.index, SeccompCmpArgLen::Qword, op, value)
                    .map_err(|e| SeccompError::Profile(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        for name in e.names.iter().chain(e.name.iter()) {
            let Some(n) = nr(name) else { continue };
            if conds.is_empty() {
                // No conditions: the rule always matches.
                rules.insert(n, vec![]);
                continue;
            }
            let rule = SeccompRule::new(conds.clone())
                .map_err(|e| SeccompError::Profile(e.to_string()))?;
            match rules.get_mut(&n) {
                Some(v) if v.is_empty() => {} // already unconditional
                Some(v) => v.push(rule),
                None => {
                    rules.insert(n, vec![rule]);
                }
            }
        }
    }
    let filter = SeccompFilter::new(
        rules,
        default,
        match_action.unwrap_or(SeccompAction::Allow),
        arch(),
    )
    .map_err(|e| SeccompError::Compile(e.to_string()))?;
    filter
        .try_into()
        .map_err(|e: seccompiler::BackendError| SeccompError::Compile(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_compiles_and_names_resolve() {
        let p = default_filter().unwrap();
        assert!(p.len() > 100);
        assert!(nr("read").is_some() && nr("clone3").is_some() && nr("nonsense").is_none());
        assert!(clone3_enosys().unwrap().is_some());
    }

    #[test]
    fn docker_format_profiles() {
        let json = r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
            {"names":["read","write","exit_group","no_such_call"],"action":"SCMP_ACT_ALLOW"},
            {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]}]}"#;
        assert!(profile_filter(json).is_ok());
        assert!(profile_filter("{").is_err());
        let two = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
            {"names":["read"],"action":"SCMP_ACT_ERRNO"},{"names":["write"],"action":"SCMP_ACT_KILL"}]}"#;
        assert!(profile_filter(two).is_err());
    }

    #[test]
    fn capability_bits() {
        let s = cap_set(&["CAP_CHOWN".into(), "CAP_SYS_ADMIN".into()]);
        assert_eq!(s.bits(), 1 | (1 << 21));
    }
}
