//! Seccomp: docker's default profile compiled with seccompiler, or a docker-format JSON profile
//! from `--security-opt seccomp=FILE`, loaded without forcing no_new_privs.

use std::collections::BTreeMap;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

use super::spec::Seccomp;
use super::syscalls::SYSCALLS;

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

/// seccompiler's instructions as the kernel's `sock_filter`s.
pub fn raw(program: &BpfProgram) -> Vec<libc::sock_filter> {
    program
        .iter()
        .map(|i| libc::sock_filter {
            code: i.code,
            jt: i.jt,
            jf: i.jf,
            k: i.k,
        })
        .collect()
}

/// Load a filter; no_new_privs is left as the spec says (see `sys::install_seccomp`).
pub fn apply(program: &BpfProgram) -> Result<(), SeccompError> {
    crate::sys::install_seccomp(&raw(program))
        .map_err(|e| SeccompError::Compile(format!("loading the filter: {e}")))
}

pub(crate) fn arch() -> TargetArch {
    if cfg!(target_arch = "aarch64") {
        TargetArch::aarch64
    } else {
        TargetArch::x86_64
    }
}

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

pub(crate) fn nr(name: &str) -> Option<i64> {
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

/// Docker's default profile (as `default_filter` compiles it) as an OCI seccomp object, for the
/// container's OCI spec.
pub fn default_profile() -> serde_json::Value {
    let mut allowed: Vec<String> = SYSCALLS
        .iter()
        .map(|(name, _)| name[4..].to_string())
        .filter(|n| !DEFAULT_ALLOW_EXCLUDED.contains(&n.as_str()))
        .collect();
    for extra in ["ptrace", "arch_prctl", "modify_ldt"] {
        if nr(extra).is_some() && !allowed.iter().any(|a| a == extra) {
            allowed.push(extra.to_string());
        }
    }
    allowed.sort();
    let arg = |index: u32, value: u64, two: u64, op: &str| serde_json::json!({"index": index, "value": value, "valueTwo": two, "op": op});
    let mut syscalls = vec![serde_json::json!({"names": allowed, "action": "SCMP_ACT_ALLOW"})];
    syscalls.push(
        serde_json::json!({"names": ["socket"], "action": "SCMP_ACT_ALLOW",
        "args": [arg(0, libc::AF_VSOCK as u64, 0, "SCMP_CMP_NE")]}),
    );
    for v in [0x0u64, 0x0008, 0x20000, 0x20008, 0xffff_ffff] {
        syscalls.push(
            serde_json::json!({"names": ["personality"], "action": "SCMP_ACT_ALLOW",
            "args": [arg(0, v, 0, "SCMP_CMP_EQ")]}),
        );
    }
    syscalls.push(
        serde_json::json!({"names": ["clone"], "action": "SCMP_ACT_ALLOW",
        "args": [arg(0, 0x7E02_0000, 0, "SCMP_CMP_MASKED_EQ")]}),
    );
    syscalls.push(
        serde_json::json!({"names": ["clone3"], "action": "SCMP_ACT_ERRNO",
        "errnoRet": libc::ENOSYS}),
    );
    serde_json::json!({
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": libc::EPERM,
        "architectures": [if cfg!(target_arch = "aarch64") { "SCMP_ARCH_AARCH64" } else { "SCMP_ARCH_X86_64" }],
        "syscalls": syscalls,
    })
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
}
