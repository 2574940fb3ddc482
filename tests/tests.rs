//! All integration tests share this one test binary (fast to link, one harness).

mod util;

mod cli;
mod info;
mod lifecycle;
mod network;
mod pull;
mod run;
mod testbed;
mod userns;
mod volumes;
