//! The OCI seccomp object compiled to classic BPF (`oci::bpf`, a search tree over syscall
//! numbers). A filter has a single match action, while OCI rules each carry their own: we build
//! one filter per distinct action and let the kernel combine them (it returns the most
//! restrictive verdict of all installed filters):
//! - the base filter answers every listed syscall (under its conditions) with ALLOW and anything
//!   else with `defaultAction`;
//! - one filter per other action answers its rules with that action and anything else with ALLOW.
//!
//! Actions are seccompiler's type; SCMP_ACT_NOTIFY (which it lacks) is carried as a TRACE with a
//! marker value and returned as SECCOMP_RET_USER_NOTIF.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail};
use oci_spec::runtime::{
    LinuxSeccomp, LinuxSeccompAction, LinuxSeccompFilterFlag, LinuxSeccompOperator,
};
use seccompiler::SeccompAction;

use super::bpf::{Cond, Op, Rules};
use crate::runtime::seccomp::nr;

const NOTIFY_MARK: u32 = 0xfeed;
const RET_USER_NOTIF: u32 = 0x7fc0_0000;

/// Compiled filters, in install order, each with whether it is the notify filter.
pub struct Filters {
    pub programs: Vec<(Vec<libc::sock_filter>, bool)>,
    pub flags: u32,
    pub warnings: Vec<String>,
}

fn action(a: LinuxSeccompAction, errno: Option<u32>) -> anyhow::Result<SeccompAction> {
    Ok(match a {
        LinuxSeccompAction::ScmpActAllow => SeccompAction::Allow,
        LinuxSeccompAction::ScmpActErrno => {
            SeccompAction::Errno(errno.unwrap_or(libc::EPERM as u32))
        }
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => {
            SeccompAction::KillThread
        }
        LinuxSeccompAction::ScmpActKillProcess => SeccompAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => SeccompAction::Trap,
        LinuxSeccompAction::ScmpActLog => SeccompAction::Log,
        LinuxSeccompAction::ScmpActTrace => SeccompAction::Trace(errno.unwrap_or(0)),
        LinuxSeccompAction::ScmpActNotify => SeccompAction::Trace(NOTIFY_MARK),
    })
}

fn condition(
    index: usize,
    op: LinuxSeccompOperator,
    value: u64,
    two: Option<u64>,
) -> anyhow::Result<Cond> {
    if index > 5 {
        bail!("argument index {index} is out of range (0-5)");
    }
    let (op, value) = match op {
        LinuxSeccompOperator::ScmpCmpNe => (Op::Ne, value),
        LinuxSeccompOperator::ScmpCmpLt => (Op::Lt, value),
        LinuxSeccompOperator::ScmpCmpLe => (Op::Le, value),
        LinuxSeccompOperator::ScmpCmpEq => (Op::Eq, value),
        LinuxSeccompOperator::ScmpCmpGe => (Op::Ge, value),
        LinuxSeccompOperator::ScmpCmpGt => (Op::Gt, value),
        // libseccomp: (arg & value) == valueTwo.
        LinuxSeccompOperator::ScmpCmpMaskedEq => (Op::MaskedEq(value), two.unwrap_or(0)),
    };
    Ok(Cond {
        arg: index as u8,
        op,
        value,
    })
}

/// A rule for `n`: None (no conditions) matches always and outranks conditional ones.
fn add(rules: &mut Rules, n: i64, rule: Option<Vec<Cond>>) {
    match (rules.get_mut(&n), rule) {
        (Some(None), _) => {}
        (Some(Some(v)), Some(r)) => v.push(r),
        (_, None) => {
            rules.insert(n, None);
        }
        (None, Some(r)) => {
            rules.insert(n, Some(vec![r]));
        }
    }
}

/// The kernel's return value for an action (notify is carried as a marked TRACE until here).
fn verdict(a: &SeccompAction) -> u32 {
    if *a == SeccompAction::Trace(NOTIFY_MARK) {
        RET_USER_NOTIF
    } else {
        u32::from(a.clone())
    }
}

fn compile(
    rules: Rules,
    mismatch: SeccompAction,
    matched: SeccompAction,
) -> anyhow::Result<Vec<libc::sock_filter>> {
    super::bpf::compile(&rules, verdict(&mismatch), verdict(&matched))
        .map_err(|e| anyhow!("linux.seccomp: {e}"))
}

pub fn build(s: &LinuxSeccomp) -> anyhow::Result<Filters> {
    let default = action(s.default_action(), s.default_errno_ret())?;
    let mut warnings = Vec::new();
    let mut base: Rules = BTreeMap::new();
    let mut by_action: Vec<(SeccompAction, Rules)> = Vec::new();
    for (i, sc) in s.syscalls().iter().flatten().enumerate() {
        let act = action(sc.action(), sc.errno_ret())?;
        let conds = sc
            .args()
            .iter()
            .flatten()
            .map(|a| condition(a.index(), a.op(), a.value(), a.value_two()))
            .collect::<anyhow::Result<Vec<_>>>()
            .map_err(|e| anyhow!("linux.seccomp.syscalls[{i}].args: {e}"))?;
        let rule = (!conds.is_empty()).then_some(conds);
        for name in sc.names() {
            let Some(n) = nr(name) else {
                // runc and crun skip names the kernel or libseccomp does not know.
                warnings.push(format!("linux.seccomp: unknown syscall {name:?} skipped"));
                continue;
            };
            if act == default {
                continue;
            }
            add(&mut base, n, rule.clone());
            if act != SeccompAction::Allow {
                let slot = match by_action.iter().position(|(a, _)| *a == act) {
                    Some(p) => p,
                    None => {
                        by_action.push((act.clone(), BTreeMap::new()));
                        by_action.len() - 1
                    }
                };
                add(&mut by_action[slot].1, n, rule.clone());
            }
        }
    }
    let mut programs = Vec::new();
    if default != SeccompAction::Allow {
        programs.push((
            compile(base, default.clone(), SeccompAction::Allow)?,
            default == SeccompAction::Trace(NOTIFY_MARK),
        ));
    }
    for (act, rules) in by_action {
        let notify = act == SeccompAction::Trace(NOTIFY_MARK);
        programs.push((compile(rules, SeccompAction::Allow, act)?, notify));
    }
    // Notify filters last (so the listener fd belongs to the last one installed).
    programs.sort_by_key(|(_, n)| *n);
    if programs.iter().filter(|(_, n)| *n).count() > 1 {
        bail!("linux.seccomp: SCMP_ACT_NOTIFY as the default action and in rules at once is not supported");
    }
    let mut flags = 0u32;
    for f in s.flags().iter().flatten() {
        flags |= match f {
            LinuxSeccompFilterFlag::SeccompFilterFlagLog => 2,
            LinuxSeccompFilterFlag::SeccompFilterFlagTsync => 1,
            LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow => 4,
            LinuxSeccompFilterFlag::SeccompFilterFlagWaitKillableRecv => 32,
        };
    }
    if programs.iter().any(|(_, n)| *n) && s.listener_path().is_none() {
        bail!("linux.seccomp: SCMP_ACT_NOTIFY needs listenerPath (a unix socket to receive the notify fd)");
    }
    Ok(Filters {
        programs,
        flags,
        warnings,
    })
}

/// Install the filters; returns the notify listener fd when there is a notify filter.
pub fn install(f: &Filters) -> anyhow::Result<Option<std::os::fd::OwnedFd>> {
    let mut listener = None;
    for (prog, notify) in &f.programs {
        let flags = if *notify { f.flags | 8 } else { f.flags };
        let fd = crate::sys::install_seccomp_flags(prog, flags)
            .map_err(|e| anyhow!("loading the seccomp filter: {e}"))?;
        if *notify {
            listener = fd;
        }
    }
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(json: serde_json::Value) -> anyhow::Result<Filters> {
        build(&serde_json::from_value(json).unwrap())
    }

    #[test]
    fn several_actions_become_several_filters() {
        let f = filters(serde_json::json!({
            "defaultAction": "SCMP_ACT_ALLOW",
            "syscalls": [
                {"names": ["getcwd"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
                {"names": ["chmod"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                {"names": ["personality"], "action": "SCMP_ACT_KILL_PROCESS", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
                {"names": ["no_such_syscall"], "action": "SCMP_ACT_ERRNO"}
            ]
        }))
        .unwrap();
        assert_eq!(f.programs.len(), 3);
        assert_eq!(f.warnings.len(), 1);
    }

    #[test]
    fn notify_is_patched_and_needs_a_listener() {
        let json = serde_json::json!({
            "defaultAction": "SCMP_ACT_ALLOW",
            "listenerPath": "/run/l.sock",
            "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]
        });
        let f = filters(json.clone()).unwrap();
        let (prog, notify) = f.programs.last().unwrap();
        assert!(*notify);
        assert!(prog.iter().any(|i| i.code == 0x06 && i.k == RET_USER_NOTIF));
        assert!(!prog
            .iter()
            .any(|i| i.code == 0x06 && i.k == libc::SECCOMP_RET_TRACE | NOTIFY_MARK));
        let mut no_listener = json;
        no_listener.as_object_mut().unwrap().remove("listenerPath");
        assert!(filters(no_listener).is_err());
    }

    #[test]
    fn unknown_actions_are_refused() {
        let bad: Result<LinuxSeccomp, _> =
            serde_json::from_value(serde_json::json!({"defaultAction": "SCMP_ACT_NOPE"}));
        assert!(bad.is_err());
    }
}
