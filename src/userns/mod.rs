//! User namespaces: the user's subordinate id ranges, the id mapping built from them, the setuid
//! helpers that install it, and running work inside a freshly mapped namespace.

pub mod enter;
pub mod helper;
pub mod helpers;
pub mod idmap;
pub mod subid;

pub use enter::run_in_userns;
pub use idmap::{IdMap, IdMapping};
