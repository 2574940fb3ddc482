//! Running containers: spec building (pure), the mount plan (pure), and the code that carries them
//! out: clone into namespaces, root filesystem, security, exec, and the foreground relay.

pub mod attach;
pub mod cdi;
pub mod cgroups;
pub mod checkpoint;
pub mod checks;
pub mod container;
pub mod copy;
pub mod create;
pub mod env;
pub mod etcfiles;
pub mod exec;
pub mod fuse;
pub mod health;
pub mod hold;
pub mod hooksdir;
pub mod init;
pub mod launch;
pub mod logfile;
pub mod mountinfo;
pub mod notify;
pub mod ocimounts;
pub mod ocispec;
pub mod plan;
pub mod pod;
pub mod procs;
pub mod restore;
pub mod rootfs;
pub mod seccomp;
pub mod security;
pub mod spawn;
pub mod spec;
pub mod specflags;
pub mod supervisor;
pub mod syscalls;
pub mod user;
