//! On-disk layout and the primitives every store uses: XDG paths, flock guards, atomic writes.

pub mod atomic;
pub mod lock;
pub mod paths;
pub mod remove;
pub mod trash;

pub use atomic::write_atomic;
pub use lock::{LockGuard, LockMode};
pub use paths::Paths;
pub use remove::{open_dir, remove_tree};
