//! Facts about the host that decide whether rootless containers can work, and how to fix them.

pub mod containers_conf;
pub mod info;
pub mod probe;
