//! All integration tests share this one test binary (fast to link, one harness).

mod util;

mod apache;
mod api;
mod build;
mod build_options;
mod checkpoint;
mod cli;
mod commands;
mod commit;
mod compat;
mod compose;
mod crash;
mod flags;
mod hostile;
mod info;
mod isolation;
mod kube;
mod lifecycle;
mod network;
mod networks;
mod oci_runtime;
mod podman_script;
mod pull;
mod push;
mod reliability;
mod run;
mod testbed;
mod transfer;
mod unpack;
mod userns;
mod volumes;
