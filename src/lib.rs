#![recursion_limit = "256"]
//! skiff: a rootless, daemonless, single-user container tool.
//!
//! The data flow is one way: `cli` parses -> `image` ensures the image -> `runtime` builds a spec and a
//! plan -> `supervisor` carries it out -> `state` records it. All `unsafe` lives in `sys`.
#![deny(unsafe_code)]

pub mod api;
pub mod build;
pub mod cli;
pub mod error;
pub mod image;
pub mod kube;
pub mod network;
pub mod oci;
pub mod runtime;
pub mod state;
pub mod storage;
pub mod sys;
pub mod system;
pub mod userns;

#[cfg(test)]
mod fuzz_tests;
