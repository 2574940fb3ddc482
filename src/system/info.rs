//! `skiff info`: what skiff found on this host, and one actionable line for every problem.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use super::probe::{probe_overlay, OverlayProbe};
use crate::storage::Paths;
use crate::userns::helpers::{find_program, helper_privilege, Privilege};
use crate::userns::subid::{self, IdRange};
use crate::userns::IdMapping;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Info {
    pub host: Host,
    pub store: Store,
    pub version: Version,
    /// Everything that will stop a feature from working, each with its fix.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub kernel: String,
    pub os: String,
    pub arch: String,
    pub uid: u32,
    pub user: String,
    pub rootless: bool,
    pub user_namespaces: UserNamespaces,
    pub id_mappings: IdMappings,
    pub cgroups: Cgroups,
    pub network: Network,
    pub fuse_overlayfs: Helper,
    pub unprivileged_port_start: Option<u32>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserNamespaces {
    pub max_user_namespaces: Option<u64>,
    /// Debian's kernel.unprivileged_userns_clone, where the kernel has it.
    pub unprivileged_userns_clone: Option<bool>,
    /// Ubuntu's kernel.apparmor_restrict_unprivileged_userns, where the kernel has it.
    pub apparmor_restrict: Option<bool>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdMappings {
    pub subuid_ranges: Vec<IdRange>,
    pub subgid_ranges: Vec<IdRange>,
    pub newuidmap: Helper,
    pub newgidmap: Helper,
    pub mapping: Option<IdMapping>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Helper {
    pub path: Option<PathBuf>,
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privilege: Option<Privilege>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cgroups {
    /// "v2", "v1" or "hybrid" (v1 controllers with a v2 tree at /sys/fs/cgroup/unified).
    pub version: String,
    /// Whether this user may create cgroups (v2 delegation, or root).
    pub delegated: bool,
    pub controllers: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Network {
    pub pasta: Helper,
    pub slirp4netns: Helper,
    /// /dev/net/tun opens read-write for this user (pasta and slirp4netns need it).
    pub tun_accessible: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    pub graph_root: PathBuf,
    pub run_root: PathBuf,
    pub run_root_fallback: bool,
    pub config_dir: PathBuf,
    pub graph_driver: String,
    pub overlay: OverlayProbe,
    pub dev_fuse: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub version: String,
    pub os_arch: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub check: String,
    pub problem: String,
    pub fix: String,
}

pub fn version() -> Version {
    Version {
        version: env!("CARGO_PKG_VERSION").to_string(),
        os_arch: format!(
            "{}/{}",
            std::env::consts::OS,
            go_arch(std::env::consts::ARCH)
        ),
    }
}

/// The OCI/Go name of a Rust target architecture.
pub fn go_arch(arch: &str) -> &str {
    match arch {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// Gather everything. Runs the overlay probe (forks), so call it from a single-threaded process.
pub fn gather(paths: &Paths) -> Info {
    let uid = rustix::process::geteuid().as_raw();
    let user = subid::user_name(uid);
    let uname = rustix::system::uname();
    let subuids = subid::ranges_for(subid::SUBUID_FILE.as_ref(), &user, uid).unwrap_or_default();
    let subgids = subid::ranges_for(subid::SUBGID_FILE.as_ref(), &user, uid).unwrap_or_default();

    let host = Host {
        kernel: uname.release().to_string_lossy().into_owned(),
        os: os_name(),
        arch: go_arch(std::env::consts::ARCH).to_string(),
        uid,
        user: user.clone(),
        rootless: uid != 0,
        user_namespaces: UserNamespaces {
            max_user_namespaces: read_sysctl("user/max_user_namespaces"),
            unprivileged_userns_clone: read_sysctl::<u8>("kernel/unprivileged_userns_clone")
                .map(|v| v != 0),
            apparmor_restrict: read_sysctl::<u8>("kernel/apparmor_restrict_unprivileged_userns")
                .map(|v| v != 0),
        },
        id_mappings: IdMappings {
            subuid_ranges: subuids,
            subgid_ranges: subgids,
            newuidmap: setuid_helper("newuidmap"),
            newgidmap: setuid_helper("newgidmap"),
            mapping: IdMapping::for_current_user().ok(),
        },
        cgroups: cgroups(uid),
        network: Network {
            pasta: helper("pasta"),
            slirp4netns: helper("slirp4netns"),
            tun_accessible: std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/net/tun")
                .is_ok(),
        },
        fuse_overlayfs: helper("fuse-overlayfs"),
        unprivileged_port_start: read_sysctl("net/ipv4/ip_unprivileged_port_start"),
    };
    let scratch = paths.root.join(format!("probe-{}", std::process::id()));
    let overlay = probe_overlay(&scratch);
    let store = Store {
        graph_root: paths.root.clone(),
        run_root: paths.runroot.clone(),
        run_root_fallback: paths.runroot_fallback,
        config_dir: paths.config.clone(),
        graph_driver: if overlay.native_overlay {
            "overlay".into()
        } else {
            "fuse-overlayfs".into()
        },
        dev_fuse: std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/fuse")
            .is_ok(),
        overlay,
    };
    let problems = problems(&host, &store);
    Info {
        host,
        store,
        version: version(),
        problems,
    }
}

fn problems(h: &Host, s: &Store) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut add = |check: &str, problem: String, fix: String| {
        out.push(Problem {
            check: check.into(),
            problem,
            fix,
        })
    };
    let un = &h.user_namespaces;
    if un.max_user_namespaces == Some(0) {
        add(
            "user namespaces",
            "user.max_user_namespaces is 0: no user namespace can be created".into(),
            "as root: sysctl -w user.max_user_namespaces=28633 (persist it in /etc/sysctl.d/)"
                .into(),
        );
    }
    if un.unprivileged_userns_clone == Some(false) && h.rootless {
        add(
            "user namespaces",
            "kernel.unprivileged_userns_clone is 0: unprivileged users cannot create user namespaces"
                .into(),
            "as root: sysctl -w kernel.unprivileged_userns_clone=1".into(),
        );
    }
    if un.apparmor_restrict == Some(true) && h.rootless {
        add(
            "user namespaces",
            "AppArmor restricts unprivileged user namespaces".into(),
            "as root: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or add an AppArmor \
             profile for skiff that allows userns"
                .into(),
        );
    }
    let idm = &h.id_mappings;
    if h.rootless {
        if idm.subuid_ranges.is_empty() || idm.subgid_ranges.is_empty() {
            add(
                "subordinate ids",
                format!(
                    "no range for user {} in /etc/subuid or /etc/subgid: containers get a single id \
                     and images whose files belong to other users cannot be unpacked faithfully",
                    h.user
                ),
                format!(
                    "as root: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {}",
                    h.user
                ),
            );
        }
        for (name, hlp) in [("newuidmap", &idm.newuidmap), ("newgidmap", &idm.newgidmap)] {
            match (&hlp.path, hlp.privilege) {
                (None, _) => add(
                    "subordinate ids",
                    format!("{name} is not installed"),
                    "install the uidmap package (Debian/Ubuntu: apt-get install uidmap; Fedora: \
                     dnf install shadow-utils)"
                        .into(),
                ),
                (Some(p), Some(Privilege::None)) => add(
                    "subordinate ids",
                    format!(
                        "{} is neither setuid root nor has file capabilities",
                        p.display()
                    ),
                    format!("as root: chmod u+s {}", p.display()),
                ),
                _ => {}
            }
        }
    }
    if h.network.pasta.path.is_none() && h.network.slirp4netns.path.is_none() {
        add(
            "network",
            "neither pasta nor slirp4netns is installed: containers can have no outbound network"
                .into(),
            "install passt (provides pasta) or slirp4netns: apt-get install passt".into(),
        );
    }
    if !h.network.tun_accessible {
        add(
            "network",
            "/dev/net/tun cannot be opened read-write by this user: pasta and slirp4netns need it"
                .into(),
            "as root: chmod 0666 /dev/net/tun (the default on most distributions)".into(),
        );
    }
    if !s.overlay.native_overlay {
        let why = s.overlay.error.clone().unwrap_or_default();
        if h.fuse_overlayfs.path.is_some() && s.dev_fuse {
            add(
                "storage",
                format!("native overlayfs in a user namespace is unavailable ({why}); fuse-overlayfs will be used (slower)"),
                "use a kernel >= 5.11 and a store filesystem with user xattrs (ext4, xfs, btrfs, tmpfs >= 6.6)".into(),
            );
        } else {
            add(
                "storage",
                format!("native overlayfs in a user namespace is unavailable ({why}) and fuse-overlayfs is missing or /dev/fuse is not accessible"),
                "install fuse-overlayfs (apt-get install fuse-overlayfs), or move --root to a filesystem with user xattrs".into(),
            );
        }
    } else if !s.overlay.whiteouts {
        add(
            "storage",
            format!(
                "whiteout devices cannot be created in a user namespace ({}): deleted files in image \
                 layers cannot be represented",
                s.overlay.error.clone().unwrap_or_default()
            ),
            "use a kernel >= 5.8".into(),
        );
    }
    if !h.cgroups.delegated && h.rootless {
        add(
            "cgroups",
            format!(
                "cgroups {} without delegation to this user: resource limits (--memory, --cpus) are \
                 unavailable; top, stats and pause work from /proc",
                h.cgroups.version
            ),
            "boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1) and log in through systemd so \
             user@.service delegates a subtree"
                .into(),
        );
    }
    out
}

fn os_name() -> String {
    std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| "linux".into())
}

fn read_sysctl<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::fs::read_to_string(Path::new("/proc/sys").join(name))
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn helper(name: &str) -> Helper {
    let path = find_program(name);
    let version = path.as_ref().and_then(|p| program_version(p));
    Helper {
        path,
        version,
        privilege: None,
    }
}

fn setuid_helper(name: &str) -> Helper {
    let path = find_program(name);
    Helper {
        privilege: path.as_deref().map(helper_privilege),
        path,
        version: None,
    }
}

/// The first non-empty line of `prog --version`.
fn program_version(prog: &Path) -> Option<String> {
    let out = Command::new(prog).arg("--version").output().ok()?;
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

fn cgroups(uid: u32) -> Cgroups {
    const CGROUP2_MAGIC: i64 = 0x6367_7270;
    let is_v2 = |p: &str| rustix::fs::statfs(p).is_ok_and(|s| s.f_type == CGROUP2_MAGIC);
    let (version, tree) = if is_v2("/sys/fs/cgroup") {
        ("v2", Some(PathBuf::from("/sys/fs/cgroup")))
    } else if is_v2("/sys/fs/cgroup/unified") {
        ("hybrid", None)
    } else {
        ("v1", None)
    };
    let (delegated, controllers) = match tree {
        Some(root) => {
            let own = std::fs::read_to_string("/proc/self/cgroup")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("0::").map(str::to_string))
                })
                .unwrap_or_default();
            let dir = root.join(own.trim_start_matches('/'));
            let owned = std::fs::metadata(&dir).is_ok_and(|m| m.uid() == uid);
            let ctrls = std::fs::read_to_string(dir.join("cgroup.controllers"))
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            (uid == 0 || owned, ctrls)
        }
        None => (false, Vec::new()),
    };
    Cgroups {
        version: version.into(),
        delegated,
        controllers,
    }
}

/// Human-readable report, in the spirit of `podman info`.
pub fn render_text(info: &Info) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let h = &info.host;
    let opt = |p: &Option<PathBuf>| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "not found".into())
    };
    let ranges = |r: &[IdRange]| {
        if r.is_empty() {
            "none".to_string()
        } else {
            r.iter()
                .map(|r| {
                    format!(
                        "{}-{} ({})",
                        r.start,
                        r.start as u64 + r.count as u64 - 1,
                        r.count
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let _ = writeln!(s, "host:");
    let _ = writeln!(s, "  kernel: {}", h.kernel);
    let _ = writeln!(s, "  os: {}", h.os);
    let _ = writeln!(s, "  arch: {}", h.arch);
    let _ = writeln!(s, "  user: {} (uid {})", h.user, h.uid);
    let _ = writeln!(s, "  rootless: {}", h.rootless);
    let _ = writeln!(s, "  userNamespaces:");
    let un = &h.user_namespaces;
    let show = |v: Option<String>| v.unwrap_or_else(|| "n/a".into());
    let _ = writeln!(
        s,
        "    maxUserNamespaces: {}",
        show(un.max_user_namespaces.map(|v| v.to_string()))
    );
    let _ = writeln!(
        s,
        "    unprivilegedUsernsClone: {}",
        show(un.unprivileged_userns_clone.map(|v| v.to_string()))
    );
    let _ = writeln!(s, "  idMappings:");
    let idm = &h.id_mappings;
    let _ = writeln!(s, "    subuids: {}", ranges(&idm.subuid_ranges));
    let _ = writeln!(s, "    subgids: {}", ranges(&idm.subgid_ranges));
    for (name, hlp) in [("newuidmap", &idm.newuidmap), ("newgidmap", &idm.newgidmap)] {
        let privilege = match hlp.privilege {
            Some(Privilege::Setuid) => " (setuid)",
            Some(Privilege::FileCaps) => " (file capabilities)",
            Some(Privilege::None) => " (NOT setuid)",
            None => "",
        };
        let _ = writeln!(s, "    {name}: {}{privilege}", opt(&hlp.path));
    }
    if let Some(m) = &idm.mapping {
        let _ = writeln!(s, "    mapping: {:?}, {} uids", m.kind, m.uid_count());
    }
    let _ = writeln!(s, "  cgroups:");
    let _ = writeln!(s, "    version: {}", h.cgroups.version);
    let _ = writeln!(s, "    delegated: {}", h.cgroups.delegated);
    let _ = writeln!(s, "  network:");
    for (name, hlp) in [
        ("pasta", &h.network.pasta),
        ("slirp4netns", &h.network.slirp4netns),
    ] {
        let v = hlp
            .version
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        let _ = writeln!(s, "    {name}: {}{v}", opt(&hlp.path));
    }
    let _ = writeln!(s, "    tunAccessible: {}", h.network.tun_accessible);
    let _ = writeln!(
        s,
        "    unprivilegedPortStart: {}",
        show(h.unprivileged_port_start.map(|v| v.to_string()))
    );
    let st = &info.store;
    let _ = writeln!(s, "store:");
    let _ = writeln!(s, "  graphRoot: {}", st.graph_root.display());
    let fallback = if st.run_root_fallback {
        " (XDG_RUNTIME_DIR unusable: private fallback)"
    } else {
        ""
    };
    let _ = writeln!(s, "  runRoot: {}{fallback}", st.run_root.display());
    let _ = writeln!(s, "  configDir: {}", st.config_dir.display());
    let _ = writeln!(s, "  graphDriver: {}", st.graph_driver);
    let _ = writeln!(s, "  nativeOverlayInUserns: {}", st.overlay.native_overlay);
    let _ = writeln!(s, "  whiteoutsInUserns: {}", st.overlay.whiteouts);
    let _ = writeln!(s, "  fuseOverlayfs: {}", opt(&h.fuse_overlayfs.path));
    let _ = writeln!(s, "version:");
    let _ = writeln!(s, "  version: {}", info.version.version);
    let _ = writeln!(s, "  osArch: {}", info.version.os_arch);
    if info.problems.is_empty() {
        let _ = writeln!(s, "problems: none");
    } else {
        let _ = writeln!(s, "problems:");
        for p in &info.problems {
            let _ = writeln!(s, "  - [{}] {}", p.check, p.problem);
            let _ = writeln!(s, "    fix: {}", p.fix);
        }
    }
    s
}
