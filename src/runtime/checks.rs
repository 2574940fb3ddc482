//! The checks a supervisor runs on its container, each on its own clock: the healthcheck
//! (liveness), Kubernetes' readiness and startup probes and its postStart hook. A startup probe
//! holds the others back until it passes and kills the container when it keeps failing; a
//! readiness probe records whether the container is ready; a postStart hook runs once at start
//! and kills the container when it fails.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::health::{self, Health};
use crate::state::{Container, ContainerStore};

/// The probes and hooks of a container besides its healthcheck (from `kube play`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<Health>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup: Option<Health>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_start: Option<Health>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_stop: Option<Health>,
}

impl Probes {
    pub fn is_empty(&self) -> bool {
        *self == Probes::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Liveness,
    Readiness,
    Startup,
    PostStart,
}

struct Check {
    kind: Kind,
    h: Health,
    next: Instant,
    failures: u32,
}

/// What the supervisor does after a round of checks.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    None,
    /// Kill the container; `restart`: whatever its restart policy says.
    Kill {
        restart: bool,
    },
    /// Stop it (signal, grace period) as `stop` would.
    Stop,
}

pub struct Checks {
    c: Container,
    list: Vec<Check>,
    began: Instant,
    started: bool,
    /// `--sdnotify healthy`: READY=1 once, at the first passing healthcheck.
    told_healthy: bool,
}

fn after(ms: u64) -> Duration {
    Duration::from_millis(ms.max(100))
}

impl Checks {
    pub fn new(c: &crate::state::Container, began: Instant) -> Checks {
        let mut list = Vec::new();
        let p = &c.probes;
        if let Some(h) = &p.post_start {
            list.push(Check {
                kind: Kind::PostStart,
                h: h.clone(),
                next: began,
                failures: 0,
            });
        }
        if let Some(h) = &p.startup {
            let first = began + Duration::from_millis(h.start_period_ms);
            list.push(Check {
                kind: Kind::Startup,
                h: h.clone(),
                next: first,
                failures: 0,
            });
        }
        if let Some(h) = &c.health {
            list.push(Check {
                kind: Kind::Liveness,
                h: h.clone(),
                next: began + after(h.interval_ms),
                failures: 0,
            });
        }
        if let Some(h) = &p.readiness {
            let first = began + Duration::from_millis(h.start_period_ms);
            list.push(Check {
                kind: Kind::Readiness,
                h: h.clone(),
                next: first,
                failures: 0,
            });
        }
        Checks {
            c: c.clone(),
            started: p.startup.is_none(),
            list,
            began,
            told_healthy: false,
        }
    }

    pub fn container(&self) -> &Container {
        &self.c
    }

    /// When the next check is due.
    pub fn next_wake(&self) -> Option<Instant> {
        self.list
            .iter()
            .filter(|k| self.started || matches!(k.kind, Kind::Startup | Kind::PostStart))
            .map(|k| k.next)
            .min()
    }

    /// Run the checks that are due (single-threaded callers: a check forks).
    pub fn run_due(&mut self, store: &ContainerStore) -> Action {
        let now = Instant::now();
        let mut action = Action::None;
        let mut i = 0;
        while i < self.list.len() {
            let due = self.list[i].next <= now
                && (self.started || matches!(self.list[i].kind, Kind::Startup | Kind::PostStart));
            if !due {
                i += 1;
                continue;
            }
            let ok = health::check(&self.c, &self.list[i].h);
            let k = &mut self.list[i];
            k.next = Instant::now() + after(k.h.interval_ms);
            match k.kind {
                Kind::PostStart => {
                    self.list.remove(i);
                    if !ok {
                        tracing::info!(container = %self.c.name, "postStart hook failed: killing");
                        return Action::Kill { restart: false };
                    }
                    continue;
                }
                Kind::Startup => {
                    if ok {
                        self.started = true;
                        let _ = record_ready(store, &self.c.id, None, Some(true));
                        let now = Instant::now();
                        for o in self.list.iter_mut() {
                            if o.kind != Kind::Startup {
                                o.next = o.next.max(now);
                            }
                        }
                        self.list.remove(i);
                        continue;
                    }
                    k.failures += 1;
                    if k.failures >= k.h.retries {
                        tracing::info!(container = %self.c.name, "startup probe failed: killing");
                        return Action::Kill { restart: false };
                    }
                }
                Kind::Readiness => {
                    if ok {
                        k.failures = 0;
                        let _ = record_ready(store, &self.c.id, Some(true), None);
                    } else {
                        k.failures += 1;
                        if k.failures >= k.h.retries {
                            let _ = record_ready(store, &self.c.id, Some(false), None);
                        }
                    }
                }
                Kind::Liveness => {
                    let in_start =
                        self.began.elapsed() < Duration::from_millis(k.h.start_period_ms);
                    let status = health::record(store, &self.c.id, ok, in_start);
                    if status.as_deref().ok() == Some("healthy")
                        && self.c.spec.sdnotify == "healthy"
                        && !self.told_healthy
                    {
                        self.told_healthy = true;
                        super::notify::ready(std::process::id());
                    }
                    if status.as_deref().ok() == Some("unhealthy") {
                        action = match k.h.on_failure.as_str() {
                            "kill" => Action::Kill { restart: false },
                            "restart" => Action::Kill { restart: true },
                            "stop" => Action::Stop,
                            _ => Action::None,
                        };
                    }
                }
            }
            i += 1;
        }
        action
    }
}

/// Record readiness (`ready`) and a passed startup probe (`started`).
fn record_ready(
    store: &ContainerStore,
    id: &str,
    ready: Option<bool>,
    started: Option<bool>,
) -> anyhow::Result<()> {
    let _l = store.lock(id, crate::storage::LockMode::Exclusive)?;
    let mut c = store.load(id)?;
    if ready.is_some() {
        c.state.ready = ready;
    }
    if started.is_some() {
        c.state.started_ok = started;
    }
    Ok(store.save(&c)?)
}

/// Ready: running, its startup probe passed (if any), its readiness probe passing (if any).
pub fn is_ready(c: &Container) -> bool {
    c.process_alive()
        && (c.probes.startup.is_none() || c.state.started_ok == Some(true))
        && (c.probes.readiness.is_none() || c.state.ready == Some(true))
}

/// Run the preStop hook, if any, within `grace` seconds; returns the seconds left.
pub fn pre_stop(c: &Container, grace: u64) -> u64 {
    let Some(h) = &c.probes.pre_stop else {
        return grace;
    };
    if !c.process_alive() {
        return grace;
    }
    let t0 = Instant::now();
    let mut h = h.clone();
    h.timeout_ms = grace.max(1) * 1000;
    let _ = health::check(c, &h);
    grace.saturating_sub(t0.elapsed().as_secs())
}
