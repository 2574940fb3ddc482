//! Facts about the host that decide whether rootless containers can work, and how to fix them.

pub mod info;
pub mod probe;
