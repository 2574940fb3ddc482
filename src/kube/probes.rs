//! Kubernetes probes as skiff's health checks: exec runs in the container, httpGet and tcpSocket
//! connect from inside its network namespace; initialDelaySeconds, periodSeconds, timeoutSeconds
//! and failureThreshold keep their meaning. A failing liveness probe restarts the container.

use anyhow::bail;
use k8s_openapi::api::core::v1::{Container, LifecycleHandler, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::runtime::health::{Health, NetProbe};

/// A named or numbered port of the container.
fn port_of(c: &Container, p: &IntOrString) -> anyhow::Result<u16> {
    match p {
        IntOrString::Int(n) if (1..=65535).contains(n) => Ok(*n as u16),
        IntOrString::Int(n) => bail!("container {}: probe port {n} is out of range", c.name),
        IntOrString::String(name) => c
            .ports
            .iter()
            .flatten()
            .find(|cp| cp.name.as_deref() == Some(name.as_str()))
            .map(|cp| cp.container_port as u16)
            .or_else(|| name.parse().ok())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "container {}: probe port {name:?} names no port of the container",
                    c.name
                )
            }),
    }
}

pub fn to_health(c: &Container, p: &Probe, on_failure: &str) -> anyhow::Result<Health> {
    let secs = |v: Option<i32>, d: i32| (v.unwrap_or(d).max(0) as u64) * 1000;
    let (test, net) = if let Some(e) = &p.exec {
        let cmd = e.command.clone().unwrap_or_default();
        if cmd.is_empty() {
            bail!("container {}: an exec probe needs a command", c.name);
        }
        (cmd, None)
    } else if let Some(h) = &p.http_get {
        if h.scheme
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("https"))
        {
            bail!("container {}: httpGet probes with scheme HTTPS are not supported (use HTTP or an exec probe)", c.name);
        }
        let headers = h
            .http_headers
            .iter()
            .flatten()
            .map(|x| (x.name.clone(), x.value.clone()))
            .collect();
        (
            Vec::new(),
            Some(NetProbe {
                port: port_of(c, &h.port)?,
                host: h.host.clone(),
                http_path: Some(
                    h.path
                        .clone()
                        .filter(|p| !p.is_empty())
                        .unwrap_or_else(|| "/".into()),
                ),
                headers,
            }),
        )
    } else if let Some(t) = &p.tcp_socket {
        (
            Vec::new(),
            Some(NetProbe {
                port: port_of(c, &t.port)?,
                host: t.host.clone(),
                http_path: None,
                headers: Vec::new(),
            }),
        )
    } else {
        bail!(
            "container {}: a probe needs exec, httpGet or tcpSocket (grpc is not supported)",
            c.name
        );
    };
    Ok(Health {
        test,
        interval_ms: secs(p.period_seconds, 10).max(1000),
        timeout_ms: secs(p.timeout_seconds, 1).max(1000),
        start_period_ms: secs(p.initial_delay_seconds, 0),
        retries: p.failure_threshold.unwrap_or(3).max(1) as u32,
        on_failure: on_failure.to_string(),
        net,
    })
}

/// A lifecycle hook (exec, httpGet, tcpSocket or sleep) as a one-shot check.
fn hook(c: &Container, h: &LifecycleHandler, what: &str) -> anyhow::Result<Health> {
    let p = Probe {
        exec: h.exec.clone(),
        http_get: h.http_get.clone(),
        tcp_socket: h.tcp_socket.clone(),
        timeout_seconds: Some(30),
        failure_threshold: Some(1),
        ..Default::default()
    };
    if let Some(s) = &h.sleep {
        // Kubernetes' sleep action: the container's own `sleep`.
        return to_health(
            c,
            &Probe {
                exec: Some(k8s_openapi::api::core::v1::ExecAction {
                    command: Some(vec!["sleep".into(), s.seconds.to_string()]),
                }),
                timeout_seconds: Some(s.seconds.max(0) as i32 + 5),
                failure_threshold: Some(1),
                ..Default::default()
            },
            "",
        );
    }
    to_health(c, &p, "").map_err(|e| anyhow::anyhow!("lifecycle {what}: {e:#}"))
}

/// Readiness and startup probes, postStart and preStop hooks.
pub fn others(c: &Container) -> anyhow::Result<crate::runtime::checks::Probes> {
    let lc = c.lifecycle.clone().unwrap_or_default();
    Ok(crate::runtime::checks::Probes {
        readiness: c
            .readiness_probe
            .as_ref()
            .map(|p| to_health(c, p, ""))
            .transpose()?,
        startup: c
            .startup_probe
            .as_ref()
            .map(|p| to_health(c, p, ""))
            .transpose()?,
        post_start: lc
            .post_start
            .as_ref()
            .map(|h| hook(c, h, "postStart"))
            .transpose()?,
        pre_stop: lc
            .pre_stop
            .as_ref()
            .map(|h| hook(c, h, "preStop"))
            .transpose()?,
    })
}

/// The liveness probe as the container's healthcheck (restart when it fails).
pub fn liveness(c: &Container) -> anyhow::Result<Option<Health>> {
    c.liveness_probe
        .as_ref()
        .map(|p| to_health(c, p, "restart"))
        .transpose()
}
