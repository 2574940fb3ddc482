//! The container record: what was asked for (the spec), and what happened (state).

use serde::{Deserialize, Serialize};

use crate::runtime::spec::Spec;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    /// `skiff init`: everything prepared, the command not yet run (waits for `start`).
    Initialized,
    Running,
    Paused,
    Stopped,
    Exited,
}

impl Status {
    /// Its supervisor has made the container's process: running, or initialized and held.
    pub fn is_started(self) -> bool {
        matches!(self, Status::Running | Status::Initialized)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Initialized => "initialized",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stopped => "stopped",
            Status::Exited => "exited",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    pub status: Status,
    /// Host pid of the container's first process while it runs.
    #[serde(default)]
    pub pid: i32,
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// Unix seconds.
    #[serde(default)]
    pub started_at: Option<i64>,
    #[serde(default)]
    pub finished_at: Option<i64>,
    /// Why the container could not start, when it could not.
    #[serde(default)]
    pub error: Option<String>,
    /// The supervisor of a detached container.
    #[serde(default)]
    pub supervisor_pid: i32,
    /// Start time (clock ticks since boot, /proc/PID/stat field 22) of `pid`, so that a recycled
    /// pid is never mistaken for the container.
    #[serde(default)]
    pub pid_start: u64,
    /// `stop`/`rm` asked for the exit: no restart policy applies.
    #[serde(default)]
    pub stop_requested: bool,
    /// The stop is a restart's (`restart`, `pod restart`, the API's): an `--rm` container is kept
    /// for the start that follows, as docker and podman do. Cleared by that start.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restarting: bool,
    #[serde(default)]
    pub restart_count: u32,
    /// starting, healthy or unhealthy (None without a healthcheck).
    #[serde(default)]
    pub health_status: Option<String>,
    #[serde(default)]
    pub failing_streak: u32,
    /// Published ports as bound while it runs (random host ports resolved).
    #[serde(default)]
    pub ports: Vec<crate::network::PortMapping>,
    /// Its bridge network attachments while it runs (addresses, interfaces).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<crate::network::attach::Link>,
    /// pasta or slirp4netns serving its network namespace.
    #[serde(default)]
    pub net_helper_pid: i32,
    /// fuse-overlayfs serving its root (where native overlay is refused).
    #[serde(default)]
    pub fuse_pid: i32,
    /// Its readiness probe's verdict, and whether its startup probe has passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_ok: Option<bool>,
    /// Its own cgroup while it runs (resource limits).
    #[serde(default)]
    pub cgroup: Option<crate::runtime::cgroups::Cgroup>,
    /// The kernel's OOM killer ended it (its memory limit).
    #[serde(default)]
    pub oom_killed: bool,
    /// Checkpointed (CRIU) and not restored since: `container restore` brings it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub checkpointed: bool,
    /// Unix seconds of the last checkpoint and the last restore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpointed_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_at: Option<i64>,
}

impl State {
    pub fn new() -> State {
        State {
            status: Status::Created,
            pid: 0,
            exit_code: None,
            started_at: None,
            finished_at: None,
            error: None,
            supervisor_pid: 0,
            pid_start: 0,
            stop_requested: false,
            restarting: false,
            restart_count: 0,
            health_status: None,
            failing_streak: 0,
            ports: Vec::new(),
            networks: Vec::new(),
            net_helper_pid: 0,
            fuse_pid: 0,
            ready: None,
            started_ok: None,
            cgroup: None,
            oom_killed: false,
            checkpointed: false,
            checkpointed_at: None,
            restored_at: None,
        }
    }
}

impl Default for State {
    fn default() -> State {
        State::new()
    }
}

/// Start time of a process (field 22 of /proc/PID/stat), None when it does not exist.
pub fn process_start(pid: i32) -> Option<u64> {
    if pid <= 0 {
        return None;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state); a zombie has already exited.
    if fields.first() == Some(&"Z") {
        return None;
    }
    fields.get(19)?.parse().ok()
}

impl Container {
    /// The container's first process still runs (and is the one we started).
    pub fn process_alive(&self) -> bool {
        self.state.pid > 0
            && process_start(self.state.pid).is_some_and(|s| s == self.state.pid_start)
    }

    /// The supervisor of a detached container still runs.
    pub fn supervisor_alive(&self) -> bool {
        self.state.supervisor_pid > 0 && process_start(self.state.supervisor_pid).is_some()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Container {
    pub id: String,
    pub name: String,
    /// The image as the user named it.
    pub image: String,
    pub image_id: String,
    /// Unix seconds.
    pub created: i64,
    /// The image's full name as resolved at creation (`docker.io/library/busybox:latest`).
    #[serde(default)]
    pub image_name: String,
    /// Digest of the image's manifest.
    #[serde(default)]
    pub image_digest: String,
    /// The nanoseconds of `created`: orders containers made in the same second (`--latest`).
    #[serde(default)]
    pub created_nanos: u32,
    pub spec: Spec,
    pub state: State,
    /// Remove everything when the container exits.
    #[serde(default)]
    pub auto_remove: bool,
    /// `--restart`: no, on-failure[:N], always, unless-stopped.
    #[serde(default)]
    pub restart_policy: Option<String>,
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub health: Option<crate::runtime::health::Health>,
    /// `--annotation`.
    #[serde(default)]
    pub annotations: std::collections::BTreeMap<String, String>,
    /// `run --rmi`: the image goes too when the container is removed (unless others use it).
    #[serde(default)]
    pub remove_image: bool,
    /// `--requires`: ids of containers started first.
    #[serde(default)]
    pub requires: Vec<String>,
    /// `--pidfile`: where the container's host PID is written when it starts.
    #[serde(default)]
    pub pidfile: Option<std::path::PathBuf>,
    /// `--conmon-pidfile`: where the watching process's PID is written.
    #[serde(default)]
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// The command line that created it (`generate systemd --new` replays it).
    #[serde(default)]
    pub create_command: Vec<String>,
    /// `create --attach`: the streams `start --attach` shows (empty: all).
    #[serde(default)]
    pub attach: Vec<String>,
    /// The pod it belongs to (its id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// `create --init-ctr always|once`: run to completion when its pod starts, before the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_ctr: Option<String>,
    /// Readiness and startup probes, postStart and preStop hooks (`kube play`).
    #[serde(
        default,
        skip_serializing_if = "crate::runtime::checks::Probes::is_empty"
    )]
    pub probes: crate::runtime::checks::Probes,
}

/// Whether a container that exited with `code` restarts under `policy` after `count` restarts.
pub fn should_restart(policy: Option<&str>, code: i32, count: u32) -> bool {
    match policy.unwrap_or("no") {
        "always" | "unless-stopped" => true,
        p if p == "on-failure" || p.starts_with("on-failure:") => {
            let max: u32 = p
                .strip_prefix("on-failure:")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            code != 0 && (max == 0 || count < max)
        }
        _ => false,
    }
}

/// Validate a --restart value.
pub fn valid_restart_policy(p: &str) -> bool {
    matches!(p, "no" | "always" | "unless-stopped" | "on-failure")
        || p.strip_prefix("on-failure:")
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

impl Container {
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_policies() {
        assert!(!should_restart(None, 1, 0));
        assert!(!should_restart(Some("no"), 1, 0));
        assert!(should_restart(Some("always"), 0, 100));
        assert!(should_restart(Some("on-failure"), 1, 100));
        assert!(!should_restart(Some("on-failure"), 0, 0));
        assert!(should_restart(Some("on-failure:2"), 3, 1));
        assert!(!should_restart(Some("on-failure:2"), 3, 2));
        assert!(valid_restart_policy("on-failure:3") && !valid_restart_policy("sometimes"));
    }
}
