//! User namespaces: the user's subordinate id ranges, the id mapping built from them, the setuid
//! helpers that install it, and running work inside a freshly mapped namespace.

pub mod enter;
pub mod helper;
pub mod helpers;
pub mod idmap;
pub mod pause;
pub mod subid;

pub use enter::run_in_userns;
pub use idmap::{IdMap, IdMapping};

/// True inside a user namespace other than the host's (`skiff unshare`): uid 0 there is the user,
/// not the host's root.
pub fn in_child_namespace() -> bool {
    std::fs::read_to_string("/proc/self/uid_map")
        .map(|m| m.split_whitespace().collect::<Vec<_>>() != ["0", "0", "4294967295"])
        .unwrap_or(false)
}

/// The host's root: root's store (/var/lib/skiff) and powers. Root inside `skiff unshare` is not.
pub fn host_root() -> bool {
    rustix::process::geteuid().is_root() && !in_child_namespace()
}
