//! The container's capability sets and no_new_privs, applied by the init just before exec.

use rustix::thread::CapabilitySet;

use super::spec::{Options, SpecError};

/// Docker's default capability set.
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_AUDIT_WRITE",
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_MKNOD",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_RAW",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// All capability names the kernel knows (CAP_LAST_CAP as of Linux 6.x).
pub const ALL_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

fn cap_name(c: &str) -> Result<String, SpecError> {
    let up = c.trim().to_uppercase();
    let full = if up.starts_with("CAP_") {
        up
    } else {
        format!("CAP_{up}")
    };
    if ALL_CAPS.contains(&full.as_str()) {
        Ok(full)
    } else {
        Err(SpecError::BadCap(c.to_string()))
    }
}

/// The final capability list: docker's default set (or all with --privileged), then --cap-drop,
/// then --cap-add (`ALL` works for both).
pub fn capabilities(opts: &Options) -> Result<Vec<String>, SpecError> {
    let mut caps: Vec<String> = if opts.privileged {
        ALL_CAPS.iter().map(|s| s.to_string()).collect()
    } else {
        DEFAULT_CAPS.iter().map(|s| s.to_string()).collect()
    };
    for d in &opts.cap_drop {
        if d.eq_ignore_ascii_case("all") {
            caps.clear();
        } else {
            let n = cap_name(d)?;
            caps.retain(|c| *c != n);
        }
    }
    for a in &opts.cap_add {
        if a.eq_ignore_ascii_case("all") {
            caps = ALL_CAPS.iter().map(|s| s.to_string()).collect();
        } else {
            let n = cap_name(a)?;
            if !caps.contains(&n) {
                caps.push(n);
            }
        }
    }
    caps.sort_by_key(|c| ALL_CAPS.iter().position(|x| x == c));
    Ok(caps)
}

/// The bit of a capability name (ALL_CAPS is in kernel order).
pub(crate) fn cap_set(names: &[String]) -> CapabilitySet {
    let mut set = CapabilitySet::empty();
    for n in names {
        if let Some(i) = ALL_CAPS.iter().position(|c| c == n) {
            set |= CapabilitySet::from_bits_retain(1 << i);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capability_sets() {
        let mut o = Options::default();
        assert_eq!(capabilities(&o).unwrap().len(), DEFAULT_CAPS.len());
        o.cap_drop = vec!["net_raw".into(), "CAP_MKNOD".into()];
        o.cap_add = vec!["SYS_ADMIN".into()];
        let c = capabilities(&o).unwrap();
        assert!(c.contains(&"CAP_SYS_ADMIN".to_string()));
        assert!(!c.contains(&"CAP_NET_RAW".to_string()));
        o.cap_drop = vec!["all".into()];
        o.cap_add = vec!["chown".into()];
        assert_eq!(capabilities(&o).unwrap(), ["CAP_CHOWN"]);
        o.cap_add = vec!["bogus".into()];
        assert!(capabilities(&o).is_err());
        let p = Options {
            privileged: true,
            ..Default::default()
        };
        assert_eq!(capabilities(&p).unwrap().len(), ALL_CAPS.len());
    }

    #[test]
    fn capability_bits() {
        let s = cap_set(&["CAP_CHOWN".into(), "CAP_SYS_ADMIN".into()]);
        assert_eq!(s.bits(), 1 | (1 << 21));
    }
}
