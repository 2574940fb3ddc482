//! All integration tests share this one test binary (fast to link, one harness).

mod util;

mod cli;
mod info;
mod lifecycle;
mod pull;
mod run;
mod testbed;
