//! Seccomp for skiff's containers, in OCI terms: docker's default profile as an OCI seccomp
//! object, or a docker-format JSON profile from `--security-opt seccomp=FILE` read as one. Both
//! are compiled by the runtime's one compiler (`oci::seccomp`), as skiff-runtime compiles a
//! config's `linux.seccomp`, and loaded without forcing no_new_privs.

use oci_spec::runtime::LinuxSeccomp;
#[cfg(test)]
use seccompiler::TargetArch;

use super::spec::Seccomp;
use super::syscalls::SYSCALLS;
use crate::oci::seccomp::Filters;

/// The container's seccomp as the OCI object its config carries (None: unconfined).
pub fn oci(choice: &Seccomp) -> anyhow::Result<Option<LinuxSeccomp>> {
    let v = match choice {
        Seccomp::Unconfined => return Ok(None),
        Seccomp::Default => default_profile(),
        Seccomp::Profile(text) => {
            let mut v: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| anyhow::anyhow!("seccomp profile: not JSON: {e}"))?;
            docker_to_oci(&mut v);
            v
        }
    };
    serde_json::from_value(v)
        .map_err(|e| anyhow::anyhow!("seccomp profile: {e}"))
        .map(Some)
}

/// A docker-format profile is an OCI seccomp object plus fields a runtime ignores (`archMap`,
/// `comment`, `includes`/`excludes`) and the old single `name` of an entry.
fn docker_to_oci(v: &mut serde_json::Value) {
    let Some(o) = v.as_object_mut() else { return };
    o.remove("archMap");
    for e in o
        .get_mut("syscalls")
        .and_then(|s| s.as_array_mut())
        .into_iter()
        .flatten()
    {
        let Some(e) = e.as_object_mut() else { continue };
        if let Some(name) = e.remove("name") {
            let names = e
                .entry("names")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let Some(a) = names.as_array_mut() {
                a.push(name);
            }
        }
    }
}

/// The compiled filters of the container's seccomp (None: unconfined).
pub fn filters(choice: &Seccomp) -> anyhow::Result<Option<Filters>> {
    match oci(choice)? {
        Some(s) => crate::oci::seccomp::build(&s).map(Some),
        None => Ok(None),
    }
}

/// seccompiler's name of this architecture (the reference compiler of `oci::bpf`'s tests).
#[cfg(test)]
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

/// A syscall's number on this architecture (a profile names hundreds: a table, not a scan).
pub(crate) fn nr(name: &str) -> Option<i64> {
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<&'static str, i64>> =
        std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| SYSCALLS.iter().map(|(n, v)| (&n[4..], *v)).collect())
        .get(name)
        .copied()
}

/// Docker's default profile as an OCI seccomp object: the allow list, plus socket (not AF_VSOCK),
/// personality with the harmless values, clone without namespace flags, clone3 answering ENOSYS
/// (so libc falls back to clone, whose flags can be checked), ptrace (kernel >= 4.8 makes it
/// safe); everything else EPERM.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_compiles_and_names_resolve() {
        let f = filters(&Seccomp::Default).unwrap().unwrap();
        // The allow list (EPERM for the rest) and clone3's ENOSYS.
        assert_eq!(f.programs.len(), 2, "{}", f.warnings.join("; "));
        assert!(f.programs[0].0.len() > 100);
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        assert!(nr("read").is_some() && nr("clone3").is_some() && nr("nonsense").is_none());
        assert!(filters(&Seccomp::Unconfined).unwrap().is_none());
    }

    /// docker's profile as this compiler makes it: short, and its verdicts (all filters run,
    /// the strictest answer wins, as in the kernel).
    #[test]
    fn default_profile_verdicts() {
        use crate::oci::bpf::{run, AUDIT_ARCH};
        let f = filters(&Seccomp::Default).unwrap().unwrap();
        let len: usize = f.programs.iter().map(|(p, _)| p.len()).sum();
        eprintln!("docker's default profile: {len} instructions");
        assert!(len < 300, "{len} instructions");
        let verdict = |name: &str, args: [u64; 6]| {
            let n = nr(name).map(|n| n as u32).unwrap_or(0x4000_0000 | 3);
            let all: Vec<u32> = f
                .programs
                .iter()
                .map(|(p, _)| run(p, n, AUDIT_ARCH, &args))
                .collect();
            // Lower action values are stricter (kill < trap < errno < ... < allow).
            *all.iter().min_by_key(|v| *v & 0xffff_0000).unwrap()
        };
        let (allow, eperm, enosys) = (
            libc::SECCOMP_RET_ALLOW,
            libc::SECCOMP_RET_ERRNO | libc::EPERM as u32,
            libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32,
        );
        assert_eq!(verdict("read", [0; 6]), allow);
        assert_eq!(verdict("mount", [0; 6]), eperm);
        assert_eq!(verdict("x32 read", [0; 6]), eperm);
        assert_eq!(
            verdict("clone", [libc::SIGCHLD as u64, 0, 0, 0, 0, 0]),
            allow
        );
        let newuser = libc::CLONE_NEWUSER as u64 | libc::SIGCHLD as u64;
        assert_eq!(verdict("clone", [newuser, 0, 0, 0, 0, 0]), eperm);
        assert_eq!(verdict("clone3", [0; 6]), enosys);
        assert_eq!(verdict("personality", [0x0008, 0, 0, 0, 0, 0]), allow);
        assert_eq!(verdict("personality", [7, 0, 0, 0, 0, 0]), eperm);
        assert_eq!(
            verdict("socket", [libc::AF_INET as u64, 0, 0, 0, 0, 0]),
            allow
        );
        assert_eq!(
            verdict("socket", [libc::AF_VSOCK as u64, 0, 0, 0, 0, 0]),
            eperm
        );
        for (p, _) in &f.programs {
            assert_eq!(
                run(p, 0, 0x4000_0003, &[0; 6]),
                libc::SECCOMP_RET_KILL_PROCESS
            );
        }
    }

    #[test]
    fn docker_format_profiles() {
        let json = r#"{"defaultAction":"SCMP_ACT_ERRNO","archMap":[{"architecture":"SCMP_ARCH_X86_64"}],
            "syscalls":[
            {"names":["read","write","exit_group","no_such_call"],"action":"SCMP_ACT_ALLOW","comment":"x"},
            {"name":"getpid","action":"SCMP_ACT_ALLOW"},
            {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]}]}"#;
        let f = filters(&Seccomp::Profile(json.into())).unwrap().unwrap();
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        let oci = oci(&Seccomp::Profile(json.into())).unwrap().unwrap();
        assert!(oci.syscalls().as_ref().unwrap()[1]
            .names()
            .contains(&"getpid".to_string()));
        assert!(filters(&Seccomp::Profile("{".into())).is_err());
        let bad = r#"{"defaultAction":"SCMP_ACT_BOGUS"}"#;
        let e = filters(&Seccomp::Profile(bad.into())).err().unwrap();
        assert!(format!("{e:#}").contains("SCMP_ACT_BOGUS"), "{e:#}");
        // Rules with different actions each get a filter of their own.
        let two = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
            {"names":["read"],"action":"SCMP_ACT_ERRNO"},{"names":["write"],"action":"SCMP_ACT_KILL"}]}"#;
        assert_eq!(
            filters(&Seccomp::Profile(two.into()))
                .unwrap()
                .unwrap()
                .programs
                .len(),
            2
        );
    }
}
