//! A container's filesystem as the OCI runtime spec states it (`mounts` in order, `maskedPaths`,
//! `readonlyPaths`, `root.readonly`, and annotations for what the spec has no field for: the
//! overlay that makes the root, the user mounts' volume copy-up, `:U` and `:O`). This is the
//! source of skiff's mount plan: `plan_of` derives the plan the container's child executes, and
//! `ocispec::generate` writes the same mounts into the config it exports.

use std::collections::BTreeMap;
use std::path::PathBuf;

use nix::mount::MsFlags;
use oci_spec::runtime::{Mount, MountBuilder};
use serde::{Deserialize, Serialize};

use super::plan::{secrets_dir, Dirs, Op, MASKED, NOTIFY_SOCKET, READ_ONLY};
use super::spec::{Spec, UserMount};

pub const LOWERDIR: &str = "io.skiff.rootfs.overlay.lowerdir";
pub const UPPERDIR: &str = "io.skiff.rootfs.overlay.upperdir";
pub const WORKDIR: &str = "io.skiff.rootfs.overlay.workdir";
/// "true": the root overlay is mounted `volatile` (`--rm`: its writes go with the container).
pub const VOLATILE: &str = "io.skiff.rootfs.overlay.volatile";
/// `--rootfs DIR`: the root is DIR itself (root.path), bound, not an overlay.
pub const ROOT_BIND: &str = "io.skiff.rootfs.bind";
/// The user's bind mounts and volumes (JSON): what skiff does beyond a plain bind.
pub const USER_MOUNTS: &str = "io.skiff.mounts.user";

/// A container's filesystem, in the runtime spec's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Filesystem {
    /// `--rootfs DIR` (the root is DIR); None: the overlay of the annotations.
    pub root_path: Option<PathBuf>,
    pub root_readonly: bool,
    pub mounts: Vec<Mount>,
    pub masked: Vec<String>,
    pub readonly: Vec<String>,
    pub annotations: BTreeMap<String, String>,
}

/// What a user mount is beyond its bind (the annotation `USER_MOUNTS`, one per user bind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserExtra {
    pub destination: String,
    /// The named volume behind it (filled from the image on first use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// The source is a regular file.
    #[serde(default)]
    pub file: bool,
    /// `:U`: chowned to the container's user.
    #[serde(default)]
    pub chown: bool,
    /// `:O`: an overlay over the source, writes to `scratch`.
    #[serde(default)]
    pub overlay: bool,
    #[serde(default)]
    pub scratch: PathBuf,
}

fn mount(dest: &str, typ: &str, source: impl Into<PathBuf>, options: Vec<String>) -> Mount {
    MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source.into())
        .options(options)
        .build()
        .expect("every field given")
}

fn kernel_fs(typ: &str, dest: &str, options: &[&str], data: &str) -> Mount {
    let mut o: Vec<String> = options.iter().map(|s| s.to_string()).collect();
    o.extend(
        data.split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    );
    mount(dest, typ, typ, o)
}

fn bind(source: impl Into<PathBuf>, dest: &str, readonly: bool) -> Mount {
    let mut o = vec!["rbind".to_string(), "rprivate".to_string()];
    if readonly {
        o.push("ro".into());
    }
    mount(dest, "bind", source, o)
}

/// The filesystem of a container with this Spec (its dirs from `dirs`).
pub fn of(spec: &Spec, dirs: &Dirs) -> Filesystem {
    let mut annotations = BTreeMap::new();
    match &spec.rootfs {
        Some(_) => {
            annotations.insert(ROOT_BIND.to_string(), "true".to_string());
        }
        None => {
            let lower: Vec<String> = spec
                .layers
                .iter()
                .rev()
                .chain(dirs.stubs.as_ref())
                .map(|p| p.display().to_string())
                .collect();
            annotations.insert(LOWERDIR.into(), lower.join(":"));
            annotations.insert(UPPERDIR.into(), dirs.upper.display().to_string());
            annotations.insert(WORKDIR.into(), dirs.work.display().to_string());
            if spec.volatile_root {
                annotations.insert(VOLATILE.into(), "true".into());
            }
        }
    }
    let nsn = ["nosuid", "nodev", "noexec"];
    let mut m = Vec::new();
    // With the host's pid namespace, a new proc cannot be mounted from a user namespace: the
    // host's is bound instead (as podman does rootless).
    m.push(if spec.pid_host {
        bind("/proc", "/proc", false)
    } else {
        kernel_fs("proc", "/proc", &nsn, "")
    });
    m.push(kernel_fs(
        "tmpfs",
        "/dev",
        &["nosuid", "strictatime"],
        "mode=755,size=65536k",
    ));
    // gid=5 (tty) only when that id is mapped; with a single-id mapping it is not.
    let tty_gid = if spec.mapping.host_gid(5).is_some() {
        ",gid=5"
    } else {
        ""
    };
    m.push(kernel_fs(
        "devpts",
        "/dev/pts",
        &["nosuid", "noexec"],
        &format!("newinstance,ptmxmode=0666,mode=0620{tty_gid}"),
    ));
    match spec.ipc.as_str() {
        "none" => {}
        "host" => m.push(bind("/dev/shm", "/dev/shm", false)),
        _ => m.push(kernel_fs(
            "tmpfs",
            "/dev/shm",
            &nsn,
            &format!(
                "mode=1777,size={}k",
                spec.shm_size.unwrap_or(64 << 20) / 1024
            ),
        )),
    }
    for d in &spec.devices {
        m.push(bind(&d.host, &d.container, d.readonly));
    }
    // With the host's IPC namespace there is no mqueue of our own to mount (it belongs to the
    // host's user namespace).
    if spec.ipc != "host" {
        m.push(kernel_fs("mqueue", "/dev/mqueue", &nsn, ""));
    }
    let mut sys = nsn.to_vec();
    if !spec.privileged {
        sys.push("ro");
    }
    m.push(kernel_fs("sysfs", "/sys", &sys, ""));
    let etc_files = |m: &mut Vec<Mount>, under: &str| {
        for f in ["hosts", "hostname", "resolv.conf"] {
            if f == "hosts" && spec.no_hosts {
                continue;
            }
            m.push(bind(dirs.etc.join(f), &format!("{under}/etc/{f}"), false));
        }
    };
    etc_files(&mut m, "");
    let tmpfs = |dest: &str, data: &str| kernel_fs("tmpfs", dest, &["nosuid", "nodev"], data);
    if spec.read_only_tmpfs {
        for d in ["/tmp", "/var/tmp", "/run"] {
            if !spec.tmpfs.iter().any(|t| t.path == d) {
                m.push(tmpfs(d, "mode=1777"));
            }
        }
    }
    for t in &spec.tmpfs {
        let data = if t.options.is_empty() {
            "mode=1777"
        } else {
            t.options.as_str()
        };
        m.push(tmpfs(&t.path, data));
    }
    for dir in &spec.chrootdirs {
        etc_files(&mut m, dir);
    }
    if let Some(zone) = &spec.localtime {
        m.push(bind(zone, "/etc/localtime", true));
    }
    // After any tmpfs on /run, which would hide them.
    m.push(bind(
        dirs.etc.join(".containerenv"),
        "/run/.containerenv",
        true,
    ));
    if let Some(sock) = &spec.notify_socket {
        m.push(bind(sock, NOTIFY_SOCKET, false));
    }
    let mut readonly = Vec::new();
    for s in spec.secrets.iter().filter(|s| !s.env) {
        // Read-only after pivot_root, once its owner (uid=, gid=) is set.
        m.push(bind(secrets_dir(dirs).join(&s.id), &s.target, false));
        readonly.push(s.target.clone());
    }
    let mut extras = Vec::new();
    for (i, u) in spec.mounts.iter().enumerate() {
        if let Some(data) = &u.tmpfs {
            m.push(tmpfs(&u.target, data));
            continue;
        }
        let mut o = vec![
            "rbind".to_string(),
            u.propagation.clone().unwrap_or_else(|| "rprivate".into()),
        ];
        if u.readonly {
            o.push("ro".into());
        }
        m.push(mount(&u.target, "bind", &u.source, o));
        extras.push(UserExtra {
            destination: u.target.clone(),
            volume: u.volume.clone(),
            file: u.file,
            chown: u.chown,
            overlay: u.overlay,
            scratch: dirs
                .etc
                .parent()
                .map(|p| p.join(format!("mount-{i}")))
                .unwrap_or_default(),
        });
    }
    if !extras.is_empty() {
        annotations.insert(
            USER_MOUNTS.into(),
            serde_json::to_string(&extras).expect("serialisable"),
        );
    }
    let (masked, ro_paths) = if spec.privileged {
        (Vec::new(), Vec::new())
    } else {
        (
            MASKED.iter().map(|p| p.to_string()).collect(),
            READ_ONLY.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        )
    };
    readonly.extend(ro_paths);
    Filesystem {
        root_path: spec.rootfs.clone(),
        root_readonly: spec.read_only,
        mounts: m,
        masked,
        readonly,
        annotations,
    }
}

impl Filesystem {
    /// The filesystem an OCI runtime spec states (what `plan_of` needs of it).
    pub fn from_oci(spec: &oci_spec::runtime::Spec) -> Filesystem {
        let linux = spec.linux().as_ref();
        let annotations: BTreeMap<String, String> = spec
            .annotations()
            .clone()
            .unwrap_or_default()
            .into_iter()
            .collect();
        let root = spec.root().as_ref();
        Filesystem {
            root_path: root
                .map(|r| r.path().clone())
                .filter(|_| annotations.contains_key(ROOT_BIND)),
            root_readonly: root.and_then(|r| r.readonly()).unwrap_or(false),
            mounts: spec.mounts().clone().unwrap_or_default(),
            masked: linux
                .and_then(|l| l.masked_paths().clone())
                .unwrap_or_default(),
            readonly: linux
                .and_then(|l| l.readonly_paths().clone())
                .unwrap_or_default(),
            annotations,
        }
    }
}

/// The mount plan the container's child executes, derived from `fs`.
pub fn plan_of(fs: &Filesystem) -> Vec<Op> {
    let mut ops = Vec::with_capacity(fs.mounts.len() + 32);
    match &fs.root_path {
        Some(dir) if fs.annotations.contains_key(ROOT_BIND) => ops.push(Op::RootBind {
            source: dir.clone(),
        }),
        _ => {
            let get = |k: &str| fs.annotations.get(k).cloned().unwrap_or_default();
            ops.push(Op::Overlay {
                lower: get(LOWERDIR)
                    .split(':')
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from)
                    .collect(),
                upper: get(UPPERDIR).into(),
                work: get(WORKDIR).into(),
                volatile: get(VOLATILE) == "true",
            });
        }
    }
    let extras: Vec<UserExtra> = fs
        .annotations
        .get(USER_MOUNTS)
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    let mut user_ro = Vec::new();
    for (index, m) in fs.mounts.iter().enumerate() {
        let dest = m.destination().to_string_lossy().into_owned();
        let extra = extras.iter().find(|x| x.destination == dest);
        match extra {
            Some(x) if super::plan::is_bind(m) => {
                let opts =
                    crate::oci::mounts::parse_options(m.options().as_deref().unwrap_or_default());
                let readonly = opts.flags.contains(MsFlags::MS_RDONLY);
                let propagation = m
                    .options()
                    .iter()
                    .flatten()
                    .find(|o| crate::oci::mounts::propagation(o).is_some())
                    .filter(|p| *p != "rprivate")
                    .cloned();
                ops.push(Op::User {
                    mount: UserMount {
                        source: m.source().clone().unwrap_or_default(),
                        target: dest.clone(),
                        readonly,
                        file: x.file,
                        tmpfs: None,
                        volume: x.volume.clone(),
                        chown: x.chown,
                        overlay: x.overlay,
                        propagation,
                    },
                    scratch: x.scratch.clone(),
                });
                if readonly {
                    user_ro.push(Op::ReadOnlyPath { path: dest });
                }
            }
            _ => {
                let typ = m.typ().as_deref().unwrap_or("bind");
                ops.push(Op::Mount {
                    index,
                    mount: m.clone(),
                });
                if dest == "/dev" && typ == "tmpfs" {
                    ops.push(Op::Devices);
                }
                if dest == "/dev/pts" {
                    ops.push(Op::DevLinks);
                }
            }
        }
    }
    // After pivot_root: the user's read-only mounts (once `:U` has chowned them), then the
    // masked and read-only paths and a read-only root.
    ops.extend(user_ro);
    ops.push(Op::Paths {
        masked: fs.masked.clone(),
        readonly: fs.readonly.clone(),
        root_readonly: fs.root_readonly,
    });
    ops
}
