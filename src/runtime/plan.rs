//! Pure: the list of mount operations that build a container's root filesystem, as data. The
//! container init carries it out in one small loop (rootfs.rs); tests check the list itself.

use std::path::PathBuf;

use super::spec::Spec;

/// A step of the plan. The OCI parts (`Mount`, `Devices`, `DevLinks`, `Paths`) are carried out
/// by the runtime's own code (`oci::mounts`, `oci::devices`), as skiff-runtime does for a
/// bundle; the rest is what the runtime spec has no field for (the root's overlay or bind and
/// the user mounts' copy-up, `:U` and `:O`, stated in the config's `io.skiff.*` annotations).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A directory bound as `/` (`--rootfs DIR`): writes land in DIR.
    RootBind { source: PathBuf },
    /// The overlay that becomes `/` (`volatile`: its upper layer is never synced).
    Overlay {
        lower: Vec<PathBuf>,
        upper: PathBuf,
        work: PathBuf,
        volatile: bool,
    },
    /// `mounts[index]` of the config, as any OCI runtime mounts it.
    Mount {
        index: usize,
        mount: oci_spec::runtime::Mount,
    },
    /// The runtime spec's default devices in /dev (bound from the host's: a user namespace
    /// cannot make device nodes).
    Devices,
    /// The runtime spec's /dev links (and /dev/ptmx into the container's devpts).
    DevLinks,
    /// A bind mount or volume the user asked for (read-only is applied after pivot_root, once
    /// `:U` has chowned). A new volume is first filled with what the image has there (docker's
    /// copy-up); `:O` mounts an overlay with `scratch` as upper and work dirs.
    User {
        mount: super::spec::UserMount,
        scratch: PathBuf,
    },
    /// After pivot_root: make a user mount read-only.
    ReadOnlyPath { path: String },
    /// After pivot_root, last: `linux.maskedPaths` (files get /dev/null, dirs an empty read-only
    /// tmpfs), `linux.readonlyPaths` and `root.readonly`.
    Paths {
        masked: Vec<String>,
        readonly: Vec<String>,
        root_readonly: bool,
    },
}

impl Op {
    /// Runs after pivot_root (paths are then plain container paths).
    pub fn after_pivot(&self) -> bool {
        matches!(self, Op::ReadOnlyPath { .. } | Op::Paths { .. })
    }

    /// Where a mount of this step comes from and goes, for bind mounts (the config's, the
    /// default devices and the user's).
    pub fn binds(&self) -> Vec<(PathBuf, String)> {
        match self {
            Op::Mount { mount, .. } if is_bind(mount) => vec![(
                mount.source().clone().unwrap_or_default(),
                mount.destination().to_string_lossy().into_owned(),
            )],
            Op::Devices => DEVICES
                .iter()
                .map(|d| (PathBuf::from(format!("/dev/{d}")), format!("/dev/{d}")))
                .collect(),
            Op::User { mount, .. } if mount.tmpfs.is_none() => {
                vec![(mount.source.clone(), mount.target.clone())]
            }
            _ => Vec::new(),
        }
    }
}

/// A bind mount (by its type or its options).
pub fn is_bind(m: &oci_spec::runtime::Mount) -> bool {
    m.typ().as_deref().unwrap_or("bind") == "bind"
        || m.options()
            .iter()
            .flatten()
            .any(|o| o == "bind" || o == "rbind")
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
    /// The store's layer of mount points (`mountpoint_layer`), below the image's layers.
    pub stubs: Option<PathBuf>,
}

/// The mount points every container has in its root (/proc, /dev, /sys and the /etc files and
/// /run/.containerenv skiff binds), as empty files and dirs: a layer of the store's own, below
/// every image's layers (an image's own entries win). Without it each start creates them in the
/// container's upper dir: an overlay copy-up of /etc and /run and a temp file and rename per file,
/// which on ext4 also means scanning for free inodes past the recently deleted ones of the last
/// `--rm`. Made once per store (`hosts`: with /etc/hosts; without for `--no-hosts`, which must
/// not show one); None when it cannot be made (each start then creates them).
pub fn mountpoint_layer(store_root: &std::path::Path, hosts: bool) -> Option<PathBuf> {
    let layer = store_root.join(if hosts {
        "mountpoints"
    } else {
        "mountpoints-nohosts"
    });
    let diff = layer.join("diff");
    if diff.join("run/.containerenv").is_file() {
        return Some(diff);
    }
    let tmp = layer.with_extension(format!("tmp-{}", std::process::id()));
    let made = (|| -> std::io::Result<()> {
        let _ = std::fs::remove_dir_all(&tmp);
        let d = tmp.join("diff");
        for dir in ["proc", "dev", "sys", "etc", "run"] {
            std::fs::create_dir_all(d.join(dir))?;
        }
        for f in [
            "etc/hosts",
            "etc/hostname",
            "etc/resolv.conf",
            "run/.containerenv",
        ] {
            if hosts || f != "etc/hosts" {
                std::fs::File::create(d.join(f))?;
            }
        }
        std::fs::rename(&tmp, &layer)
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    // Another start may have made it meanwhile (then the rename failed): either way, it is there.
    (made.is_ok() || diff.join("run/.containerenv").is_file()).then_some(diff)
}

/// Where a container's secrets are written for its run (beside its generated /etc files).
pub fn secrets_dir(dirs: &Dirs) -> PathBuf {
    dirs.etc.with_file_name("secrets")
}

/// The mount plan of a container with this Spec: derived from its filesystem in the OCI runtime
/// spec's terms (`ocimounts::of`), which is also what its exported config says.
pub fn plan(spec: &Spec, dirs: &Dirs) -> Vec<Op> {
    super::ocimounts::plan_of(&super::ocimounts::of(spec, dirs))
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
    use nix::mount::MsFlags;

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
            volatile_root: false,
        }
    }

    /// The plan is what the exported config.json says: read back with oci-spec, its mounts,
    /// masked and read-only paths and annotations give the same plan, for every family of
    /// options. (Checked, when the plan became derived from the OCI mounts, against the plan
    /// skiff made directly before: equal for these variants but for the secrets' read-only
    /// step, which moved among the steps after pivot_root.)
    #[test]
    fn the_plan_is_what_the_exported_oci_config_says() {
        use crate::runtime::spec::{Device, UserMount};
        let user = |target: &str| UserMount {
            source: format!("/h{target}").into(),
            target: target.into(),
            readonly: false,
            file: false,
            tmpfs: None,
            volume: None,
            chown: false,
            overlay: false,
            propagation: None,
        };
        let mut variants: Vec<Spec> = Vec::new();
        variants.push(spec());
        let mut s = spec();
        s.pid_host = true;
        s.ipc = "host".into();
        s.privileged = true;
        s.no_hosts = true;
        variants.push(s);
        let mut s = spec();
        s.ipc = "none".into();
        s.read_only = true;
        s.read_only_tmpfs = true;
        s.tmpfs = vec![Tmpfs {
            path: "/run".into(),
            options: "size=1m".into(),
        }];
        s.shm_size = Some(1 << 30);
        s.mapping = IdMapping::root();
        variants.push(s);
        let mut s = spec();
        s.devices = vec![Device {
            host: "/dev/null".into(),
            container: "/dev/fuse".into(),
            readonly: true,
        }];
        s.chrootdirs = vec!["/chroot".into()];
        s.localtime = Some("/usr/share/zoneinfo/UTC".into());
        s.notify_socket = Some("/run/user/1/notify.sock".into());
        s.secrets = vec![crate::state::secret::SecretRef {
            id: "abc".into(),
            name: "pw".into(),
            env: false,
            target: "/run/secrets/pw".into(),
            uid: 1,
            gid: 1,
            mode: 0o400,
        }];
        let mut ro = user("/ro");
        ro.readonly = true;
        let mut vol = user("/vol");
        vol.volume = Some("data".into());
        vol.chown = true;
        let mut ov = user("/ov");
        ov.overlay = true;
        let mut shared = user("/shared");
        shared.propagation = Some("rshared".into());
        let mut file = user("/f.txt");
        file.file = true;
        let mut tmp = user("/scratch");
        tmp.source = PathBuf::new();
        tmp.tmpfs = Some("size=2m".into());
        s.mounts = vec![ro, vol, ov, shared, file, tmp];
        variants.push(s);
        let mut s = spec();
        s.rootfs = Some("/exploded".into());
        variants.push(s);
        for (i, s) in variants.iter().enumerate() {
            let cfg = crate::runtime::ocispec::generate(
                s,
                &dirs(),
                std::path::Path::new("/c/rootfs"),
                None,
            )
            .unwrap();
            let back: oci_spec::runtime::Spec =
                serde_json::from_str(&serde_json::to_string(&cfg).unwrap()).unwrap();
            let derived = crate::runtime::ocimounts::plan_of(
                &crate::runtime::ocimounts::Filesystem::from_oci(&back),
            );
            assert_eq!(derived, plan(s, &dirs()), "variant {i} through config.json");
        }
    }

    fn dirs() -> Dirs {
        Dirs {
            upper: "/c/upper".into(),
            work: "/c/work".into(),
            etc: "/r/etc".into(),
            stubs: Some("/s/mountpoints/diff".into()),
        }
    }

    /// The target of an `Op::Mount` of type `fstype`.
    fn mounted(ops: &[Op], fstype: &str, target: &str) -> Option<usize> {
        ops.iter().position(|o| {
            matches!(o, Op::Mount { mount, .. }
                if mount.typ().as_deref() == Some(fstype)
                    && mount.destination() == std::path::Path::new(target))
        })
    }

    fn paths(ops: &[Op]) -> (&[String], &[String], bool) {
        match ops.last() {
            Some(Op::Paths {
                masked,
                readonly,
                root_readonly,
            }) => (masked, readonly, *root_readonly),
            other => panic!("the plan ends with {other:?}"),
        }
    }

    #[test]
    fn default_plan_shape() {
        let ops = plan(&spec(), &dirs());
        // Overlay first, with the top layer first in lowerdir order and the mount points last.
        assert_eq!(
            ops[0],
            Op::Overlay {
                lower: vec![
                    "/l/top".into(),
                    "/l/bottom".into(),
                    "/s/mountpoints/diff".into()
                ],
                upper: "/c/upper".into(),
                work: "/c/work".into(),
                volatile: false,
            }
        );
        // `--rm`: the same overlay, volatile (through the config's annotation).
        let mut rm = spec();
        rm.volatile_root = true;
        assert!(matches!(
            plan(&rm, &dirs())[0],
            Op::Overlay { volatile: true, .. }
        ));
        let proc_pos = mounted(&ops, "proc", "/proc").unwrap();
        let dev_pos = mounted(&ops, "tmpfs", "/dev").unwrap();
        let pts_pos = mounted(&ops, "devpts", "/dev/pts").unwrap();
        // The devices right after /dev, the links right after devpts.
        assert!(proc_pos < dev_pos && ops[dev_pos + 1] == Op::Devices);
        assert_eq!(ops[pts_pos + 1], Op::DevLinks);
        // Every mount index is the config's, in order.
        let indexes: Vec<usize> = ops
            .iter()
            .filter_map(|o| match o {
                Op::Mount { index, .. } => Some(*index),
                _ => None,
            })
            .collect();
        assert_eq!(indexes, (0..indexes.len()).collect::<Vec<_>>());
        // Single-id mapping: devpts without gid=5.
        let Op::Mount { mount, .. } = &ops[pts_pos] else {
            unreachable!()
        };
        assert!(!mount.options().iter().flatten().any(|o| o == "gid=5"));
        let (masked, readonly, root_ro) = paths(&ops);
        assert!(masked.iter().any(|p| p == "/proc/kcore"));
        assert!(readonly.iter().any(|p| p == "/proc/sys"));
        assert!(!root_ro);
        // Everything after pivot comes after everything before it.
        let first_after = ops.iter().position(Op::after_pivot).unwrap();
        assert!(ops[first_after..].iter().all(Op::after_pivot));
        // The bind mounts' sources, for checkpoint/restore.
        let binds: Vec<_> = ops.iter().flat_map(Op::binds).collect();
        assert!(binds.contains(&("/dev/null".into(), "/dev/null".into())));
        assert!(binds.contains(&("/r/etc/hosts".into(), "/etc/hosts".into())));
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
        assert!(paths(&ops).2, "root read-only");
        let tmpfs: Vec<&Op> = ops
            .iter()
            .filter(|o| {
                matches!(o, Op::Mount { mount, .. } if mount.typ().as_deref() == Some("tmpfs")
                && !mount.destination().starts_with("/dev"))
            })
            .collect();
        assert_eq!(tmpfs.len(), 3, "{tmpfs:?}");
        let run = &ops[mounted(&ops, "tmpfs", "/run").unwrap()];
        let Op::Mount { mount, .. } = run else {
            unreachable!()
        };
        let o = crate::oci::mounts::parse_options(mount.options().as_deref().unwrap_or_default());
        assert_eq!(o.flags, MsFlags::MS_NOSUID | MsFlags::MS_NODEV);
        assert_eq!(o.data, vec!["size=1m"]);
        s.privileged = true;
        let ops = plan(&s, &dirs());
        let (masked, readonly, _) = paths(&ops);
        assert!(masked.is_empty() && readonly.is_empty());
    }
}
