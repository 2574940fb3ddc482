//! Pure: the list of mount operations that build a container's root filesystem, as data. The
//! container init carries it out in one small loop (rootfs.rs); tests check the list itself.

use std::path::PathBuf;

use nix::mount::MsFlags;

use super::spec::Spec;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// A directory bound as `/` (`--rootfs DIR`): writes land in DIR.
    RootBind { source: PathBuf },
    /// The overlay that becomes `/`.
    Overlay {
        lower: Vec<PathBuf>,
        upper: PathBuf,
        work: PathBuf,
    },
    /// A kernel filesystem at a container path (a directory, created when missing).
    Fs {
        fstype: &'static str,
        target: &'static str,
        flags: MsFlags,
        data: String,
    },
    /// sysfs read-only; where the kernel refuses (no own network namespace), a read-only bind of
    /// the host's /sys.
    Sysfs { flags: MsFlags },
    /// A host file or directory bound onto a container path (created when missing).
    Bind {
        source: PathBuf,
        target: String,
        file: bool,
        readonly: bool,
    },
    /// A tmpfs the user asked for (`--tmpfs`, read-only-tmpfs dirs).
    Tmpfs { target: String, data: String },
    /// A bind mount or volume the user asked for (read-only is applied after pivot_root, once
    /// `:U` has chowned). A new volume is first filled with what the image has there (docker's
    /// copy-up); `:O` mounts an overlay with `scratch` as upper and work dirs.
    User {
        mount: super::spec::UserMount,
        scratch: PathBuf,
    },
    /// After pivot_root: make a user mount read-only.
    ReadOnlyPath { path: String },
    Symlink {
        link: &'static str,
        target: &'static str,
    },
    /// After pivot_root: hide a path (files get /dev/null, dirs an empty read-only tmpfs).
    Mask { path: &'static str },
    /// After pivot_root: make a path read-only.
    ReadOnly { path: &'static str },
    /// After pivot_root: make `/` read-only.
    RootReadOnly,
}

impl Op {
    /// Runs after pivot_root (paths are then plain container paths).
    pub fn after_pivot(&self) -> bool {
        matches!(
            self,
            Op::Mask { .. } | Op::ReadOnly { .. } | Op::ReadOnlyPath { .. } | Op::RootReadOnly
        )
    }
}

/// Where `--sdnotify container` puts the host's notify socket.
pub const NOTIFY_SOCKET: &str = "/run/notify/notify.sock";

/// Hidden from containers (docker's and podman's list).
pub const MASKED: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
    "/sys/devices/virtual/powercap",
];

/// Read-only in containers.
pub const READ_ONLY: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Host devices bound into /dev.
pub const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom", "tty"];

pub struct Dirs {
    pub upper: PathBuf,
    pub work: PathBuf,
    /// Where the generated hosts, hostname and resolv.conf live.
    pub etc: PathBuf,
}

/// Where a container's secrets are written for its run (beside its generated /etc files).
pub fn secrets_dir(dirs: &Dirs) -> PathBuf {
    dirs.etc.with_file_name("secrets")
}

pub fn plan(spec: &Spec, dirs: &Dirs) -> Vec<Op> {
    let nosuid_nodev_noexec = MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
    let mut ops = vec![
        match &spec.rootfs {
            Some(dir) => Op::RootBind {
                source: dir.clone(),
            },
            None => Op::Overlay {
                lower: spec.layers.iter().rev().cloned().collect(),
                upper: dirs.upper.clone(),
                work: dirs.work.clone(),
            },
        },
        // With the host's pid namespace, a new proc cannot be mounted from a user namespace:
        // the host's is bound instead (as podman does rootless).
        if spec.pid_host {
            Op::Bind {
                source: PathBuf::from("/proc"),
                target: "/proc".into(),
                file: false,
                readonly: false,
            }
        } else {
            Op::Fs {
                fstype: "proc",
                target: "/proc",
                flags: nosuid_nodev_noexec,
                data: String::new(),
            }
        },
        Op::Fs {
            fstype: "tmpfs",
            target: "/dev",
            flags: MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
            data: "mode=755,size=65536k".into(),
        },
    ];
    for d in DEVICES {
        ops.push(Op::Bind {
            source: PathBuf::from("/dev").join(d),
            target: format!("/dev/{d}"),
            file: true,
            readonly: false,
        });
    }
    // gid=5 (tty) only when that id is mapped; with a single-id mapping it is not.
    let tty_gid = if spec.mapping.host_gid(5).is_some() {
        ",gid=5"
    } else {
        ""
    };
    ops.push(Op::Fs {
        fstype: "devpts",
        target: "/dev/pts",
        flags: MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
        data: format!("newinstance,ptmxmode=0666,mode=0620{tty_gid}"),
    });
    for (link, target) in [
        ("/dev/ptmx", "pts/ptmx"),
        ("/dev/fd", "/proc/self/fd"),
        ("/dev/stdin", "/proc/self/fd/0"),
        ("/dev/stdout", "/proc/self/fd/1"),
        ("/dev/stderr", "/proc/self/fd/2"),
        ("/dev/core", "/proc/kcore"),
    ] {
        ops.push(Op::Symlink { link, target });
    }
    match spec.ipc.as_str() {
        "none" => {}
        "host" => ops.push(Op::Bind {
            source: PathBuf::from("/dev/shm"),
            target: "/dev/shm".into(),
            file: false,
            readonly: false,
        }),
        _ => ops.push(Op::Fs {
            fstype: "tmpfs",
            target: "/dev/shm",
            flags: nosuid_nodev_noexec,
            data: format!(
                "mode=1777,size={}k",
                spec.shm_size.unwrap_or(64 << 20) / 1024
            ),
        }),
    }
    for d in &spec.devices {
        ops.push(Op::Bind {
            source: d.host.clone(),
            target: d.container.clone(),
            file: true,
            readonly: d.readonly,
        });
    }
    // With the host's IPC namespace there is no mqueue of our own to mount (it belongs to the
    // host's user namespace).
    if spec.ipc != "host" {
        ops.push(Op::Fs {
            fstype: "mqueue",
            target: "/dev/mqueue",
            flags: nosuid_nodev_noexec,
            data: String::new(),
        });
    }
    let mut sys_flags = nosuid_nodev_noexec;
    if !spec.privileged {
        sys_flags |= MsFlags::MS_RDONLY;
    }
    ops.push(Op::Sysfs { flags: sys_flags });
    for f in ["hosts", "hostname", "resolv.conf"] {
        if f == "hosts" && spec.no_hosts {
            continue;
        }
        ops.push(Op::Bind {
            source: dirs.etc.join(f),
            target: format!("/etc/{f}"),
            file: true,
            readonly: false,
        });
    }
    if spec.read_only_tmpfs {
        for d in ["/tmp", "/var/tmp", "/run"] {
            if !spec.tmpfs.iter().any(|t| t.path == d) {
                ops.push(Op::Tmpfs {
                    target: d.into(),
                    data: "mode=1777".into(),
                });
            }
        }
    }
    for t in &spec.tmpfs {
        let data = if t.options.is_empty() {
            "mode=1777".to_string()
        } else {
            t.options.clone()
        };
        ops.push(Op::Tmpfs {
            target: t.path.clone(),
            data,
        });
    }
    for dir in &spec.chrootdirs {
        for f in ["hosts", "hostname", "resolv.conf"] {
            if f == "hosts" && spec.no_hosts {
                continue;
            }
            ops.push(Op::Bind {
                source: dirs.etc.join(f),
                target: format!("{dir}/etc/{f}"),
                file: true,
                readonly: false,
            });
        }
    }
    if let Some(zone) = &spec.localtime {
        ops.push(Op::Bind {
            source: zone.clone(),
            target: "/etc/localtime".into(),
            file: true,
            readonly: true,
        });
    }
    // After any tmpfs on /run, which would hide them.
    ops.push(Op::Bind {
        source: dirs.etc.join(".containerenv"),
        target: "/run/.containerenv".into(),
        file: true,
        readonly: true,
    });
    if let Some(sock) = &spec.notify_socket {
        ops.push(Op::Bind {
            source: sock.clone(),
            target: NOTIFY_SOCKET.into(),
            file: true,
            readonly: false,
        });
    }
    for s in spec.secrets.iter().filter(|s| !s.env) {
        // Read-only after pivot_root, once its owner (uid=, gid=) is set.
        ops.push(Op::Bind {
            source: secrets_dir(dirs).join(&s.id),
            target: s.target.clone(),
            file: true,
            readonly: false,
        });
        ops.push(Op::ReadOnlyPath {
            path: s.target.clone(),
        });
    }
    let mut user_ro = Vec::new();
    for (i, m) in spec.mounts.iter().enumerate() {
        match &m.tmpfs {
            Some(data) => ops.push(Op::Tmpfs {
                target: m.target.clone(),
                data: data.clone(),
            }),
            None => {
                ops.push(Op::User {
                    mount: m.clone(),
                    scratch: dirs
                        .etc
                        .parent()
                        .map(|p| p.join(format!("mount-{i}")))
                        .unwrap_or_default(),
                });
                if m.readonly {
                    user_ro.push(Op::ReadOnlyPath {
                        path: m.target.clone(),
                    });
                }
            }
        }
    }
    if !spec.privileged {
        ops.extend(MASKED.iter().map(|p| Op::Mask { path: p }));
        ops.extend(READ_ONLY.iter().map(|p| Op::ReadOnly { path: p }));
    }
    ops.extend(user_ro);
    if spec.read_only {
        ops.push(Op::RootReadOnly);
    }
    ops
}

/// A plain spec for other modules' tests.
#[cfg(test)]
pub(crate) fn tests_spec() -> Spec {
    tests::spec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::spec::{Network, Seccomp, Tmpfs};
    use crate::userns::IdMapping;

    pub(super) fn spec() -> Spec {
        Spec {
            args: vec!["true".into()],
            env: vec![],
            cwd: "/".into(),
            user: String::new(),
            group_add: vec![],
            hostname: "h".into(),
            tty: false,
            stdin: false,
            layers: vec!["/l/bottom".into(), "/l/top".into()],
            read_only: false,
            read_only_tmpfs: false,
            tmpfs: vec![],
            caps: vec![],
            privileged: false,
            no_new_privileges: false,
            seccomp: Seccomp::Default,
            network: Network::None,
            net: Default::default(),
            mounts: Vec::new(),
            add_user: None,
            rlimits: vec![],
            init: false,
            mapping: IdMapping::single(1000, 1000),
            umask: 0o022,
            stop_signal: None,
            preserve_fds: 0,
            no_hosts: false,
            shm_size: None,
            personality: None,
            oom_score_adj: None,
            devices: vec![],
            sysctls: vec![],
            stop_timeout: None,
            timeout: None,
            localtime: None,
            extra_users: vec![],
            passwd: false,
            passwd_entry: None,
            resources: Default::default(),
            cgroupns_host: false,
            pid_host: false,
            uts_host: false,
            ipc: String::new(),
            chrootdirs: vec![],
            log: Default::default(),
            secrets: vec![],
            rootfs: None,
            sdnotify: String::new(),
            notify_socket: None,
            die_with_parent: false,
            infra: false,
            join_ns: Vec::new(),
            hooks_dirs: Vec::new(),
        }
    }

    fn dirs() -> Dirs {
        Dirs {
            upper: "/c/upper".into(),
            work: "/c/work".into(),
            etc: "/r/etc".into(),
        }
    }

    #[test]
    fn default_plan_shape() {
        let ops = plan(&spec(), &dirs());
        // Overlay first, with the top layer first in lowerdir order.
        assert_eq!(
            ops[0],
            Op::Overlay {
                lower: vec!["/l/top".into(), "/l/bottom".into()],
                upper: "/c/upper".into(),
                work: "/c/work".into()
            }
        );
        let proc_pos = ops
            .iter()
            .position(|o| matches!(o, Op::Fs { fstype: "proc", .. }))
            .unwrap();
        let dev_pos = ops
            .iter()
            .position(|o| matches!(o, Op::Fs { target: "/dev", .. }))
            .unwrap();
        let null_pos = ops
            .iter()
            .position(|o| matches!(o, Op::Bind { target, .. } if target == "/dev/null"))
            .unwrap();
        assert!(proc_pos < dev_pos && dev_pos < null_pos);
        // Single-id mapping: devpts without gid=5.
        assert!(ops.iter().any(
            |o| matches!(o, Op::Fs { fstype: "devpts", data, .. } if !data.contains("gid=5"))
        ));
        assert!(ops.contains(&Op::Mask {
            path: "/proc/kcore"
        }));
        assert!(ops.contains(&Op::ReadOnly { path: "/proc/sys" }));
        assert!(!ops.contains(&Op::RootReadOnly));
        // Everything after pivot comes after everything before it.
        let first_after = ops.iter().position(Op::after_pivot).unwrap();
        assert!(ops[first_after..].iter().all(Op::after_pivot));
    }

    #[test]
    fn read_only_privileged_and_tmpfs() {
        let mut s = spec();
        s.read_only = true;
        s.read_only_tmpfs = true;
        s.tmpfs = vec![Tmpfs {
            path: "/run".into(),
            options: "size=1m".into(),
        }];
        let ops = plan(&s, &dirs());
        assert_eq!(ops.last(), Some(&Op::RootReadOnly));
        let tmpfs: Vec<&Op> = ops
            .iter()
            .filter(|o| matches!(o, Op::Tmpfs { .. }))
            .collect();
        assert_eq!(tmpfs.len(), 3, "{tmpfs:?}");
        assert!(ops.contains(&Op::Tmpfs {
            target: "/run".into(),
            data: "size=1m".into()
        }));
        s.privileged = true;
        let ops = plan(&s, &dirs());
        assert!(!ops
            .iter()
            .any(|o| matches!(o, Op::Mask { .. } | Op::ReadOnly { .. })));
    }
}
