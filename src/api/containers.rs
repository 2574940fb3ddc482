//! `/containers/...`: list, inspect, start/stop/restart/kill, wait, remove, rename, pause,
//! prune, top, resize (logs and attach: `hijack`; archive, export, changes, stats: `files`).

use std::time::Duration;

use hyper::StatusCode;
use serde_json::{json, Value};

use super::http::{blocking, empty, ok_json, status, streamed, ApiError, ApiResult, Filters};
use super::Call;
use crate::cli::format::now_unix;
use crate::cli::ps::effective;
use crate::state::{Container, ContainerStore, Status};
use crate::storage::Paths;

pub fn store(paths: &Paths) -> anyhow::Result<ContainerStore> {
    Ok(ContainerStore::open(&paths.root, &paths.runroot)?)
}

/// The container `input` names, or 404 (`No such container: X`, as docker says it).
pub fn find(paths: &Paths, input: &str) -> anyhow::Result<Container> {
    store(paths)?.find(input).map_err(|e| match e {
        crate::state::store::StateError::NotFound(_) => {
            status(StatusCode::NOT_FOUND, format!("No such container: {input}"))
        }
        e => e.into(),
    })
}

/// docker's `Ports` of a list entry.
fn ports(c: &Container) -> Value {
    if !c.process_alive() {
        return json!([]);
    }
    crate::cli::port::ports_of(c)
        .iter()
        .map(|m| {
            let mut p = json!({"PrivatePort": m.container_port, "Type": m.protocol.as_str()});
            if m.host_port != 0 {
                p["PublicPort"] = json!(m.host_port);
                p["IP"] = json!(if m.host_ip.is_empty() {
                    "0.0.0.0"
                } else {
                    &m.host_ip
                });
            }
            p
        })
        .collect()
}

/// docker's state words: an initialized container (`skiff init`) is "created" there.
fn docker_state(c: &Container) -> (String, String) {
    match effective(c) {
        (s, _) if s == "initialized" => ("created".into(), "Created".into()),
        other => other,
    }
}

fn summary(c: &Container) -> Value {
    let (state, status) = docker_state(c);
    let inspect = crate::cli::inspect::container_json(c);
    json!({
        "Id": c.id,
        "Names": [format!("/{}", c.name)],
        "Image": c.image,
        "ImageID": c.image_id,
        "Command": c.spec.args.join(" "),
        "Created": c.created,
        "Ports": ports(c),
        "Labels": c.labels,
        "State": state,
        "Status": status,
        "HostConfig": {"NetworkMode": c.spec.network.name()},
        "NetworkSettings": {"Networks": inspect["NetworkSettings"]["Networks"]},
        "Mounts": inspect["Mounts"],
    })
}

/// Whether `c` passes docker's container filters: values of one key are alternatives, keys (and
/// several labels) must all match.
fn passes(c: &Container, f: &Filters, all: &[Container]) -> anyhow::Result<bool> {
    let (state, _) = docker_state(c);
    for (k, vals) in &f.0 {
        let one = |v: &str| -> anyhow::Result<bool> {
            Ok(match k.as_str() {
                "exited" => {
                    state == "exited"
                        && c.state.exit_code.map(|x| x.to_string()) == Some(v.to_string())
                }
                "health" => c.state.health_status.as_deref().unwrap_or("none") == v,
                "network" => {
                    c.spec.network.attachments().iter().any(|w| w.network == v)
                        || c.spec.network.name() == v
                }
                "volume" => c.spec.mounts.iter().any(|m| {
                    m.volume.as_deref() == Some(v)
                        || m.source == std::path::Path::new(v)
                        || m.target == v
                }),
                "before" | "since" => {
                    let other = all
                        .iter()
                        .find(|o| o.id.starts_with(v) || o.name == v)
                        .map(|o| o.created);
                    match other {
                        Some(t) if k == "before" => c.created < t,
                        Some(t) => c.created > t,
                        None => false,
                    }
                }
                "status" if v == "restarting" || v == "removing" || v == "dead" => state == v,
                "name" => c.name.contains(v.trim_start_matches('/')),
                _ => crate::cli::ps::keep(c, &state, &[format!("{k}={v}")])?,
            })
        };
        if k == "label" {
            for v in vals {
                if !one(v)? {
                    return Ok(false);
                }
            }
        } else {
            let mut any = false;
            for v in vals {
                any |= one(v)?;
            }
            if !any {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The list entries (newest first), running ones only unless `all`.
pub fn summaries(paths: &Paths, all: bool, f: &Filters) -> anyhow::Result<Vec<Value>> {
    let mut cs = store(paths)?.list()?;
    cs.sort_by_key(|c| std::cmp::Reverse(c.created));
    let mut out = Vec::new();
    for c in &cs {
        if c.spec.infra {
            continue;
        }
        let (state, _) = docker_state(c);
        if !all && state != "running" && state != "paused" && f.get("status").is_empty() {
            continue;
        }
        if passes(c, f, &cs)? {
            out.push(summary(c));
        }
    }
    Ok(out)
}

pub async fn list(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&[
        "ancestor", "before", "exited", "health", "id", "label", "name", "network", "since",
        "status", "volume",
    ])?;
    let all = call.query.flag("all");
    let limit = call.query.int("limit")?;
    let paths = call.paths();
    let mut v = blocking(move || summaries(&paths, all, &f)).await?;
    if let Some(n) = limit.filter(|n| *n > 0) {
        v.truncate(n as usize);
    }
    ok_json(&Value::Array(v))
}

/// docker's inspect: podman's compatible shape with docker's names (`/name`, `sha256:` ids).
pub fn inspect_json(c: &Container) -> Value {
    let mut v = crate::cli::inspect::container_json(c);
    v["Name"] = json!(format!("/{}", c.name));
    v["Image"] = json!(c.image_id);
    v["Driver"] = json!("overlay");
    v["Platform"] = json!("linux");
    v["LogPath"] = json!("");
    let exposed: serde_json::Map<String, Value> = crate::cli::port::ports_of(c)
        .iter()
        .map(|m| {
            (
                format!("{}/{}", m.container_port, m.protocol.as_str()),
                json!({}),
            )
        })
        .collect();
    v["Config"]["ExposedPorts"] = Value::Object(exposed);
    // docker's binding address for "all": 0.0.0.0 (clients print HostIp:HostPort).
    if let Some(Value::Object(ports)) = v.pointer_mut("/NetworkSettings/Ports") {
        for b in ports.values_mut().filter_map(Value::as_array_mut).flatten() {
            if b["HostIp"] == "" {
                b["HostIp"] = json!("0.0.0.0");
            }
        }
    }
    v["Config"]["Entrypoint"] = json!(null);
    v["Config"]["AttachStdin"] = json!(false);
    v["Config"]["AttachStdout"] = json!(false);
    v["Config"]["AttachStderr"] = json!(false);
    let state = &mut v["State"];
    if state["Status"] == "initialized" {
        state["Status"] = json!("created");
    }
    if state["Health"]["Status"] == "" {
        if let Value::Object(o) = state {
            o.remove("Health");
        }
    }
    v
}

pub async fn inspect(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let c = blocking(move || find(&paths, &id)).await?;
    ok_json(&inspect_json(&c))
}

fn running(c: &Container) -> bool {
    matches!(c.state.status, Status::Running | Status::Paused) && c.process_alive()
}

pub async fn start(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let started = blocking(move || {
        let c = find(&paths, &id)?;
        if running(&c) {
            return Ok(false);
        }
        let cstore = store(&paths)?;
        crate::runtime::launch::start_requirements(&paths, &cstore, &c.id)?;
        crate::runtime::launch::start_detached(&paths, &c.id)?;
        Ok(true)
    })
    .await?;
    Ok(empty(if started {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_MODIFIED
    }))
}

/// `stop` (304 when it does not run) and `restart`, within `t` seconds (else the
/// container's stop timeout).
pub async fn stop(call: Call, id: &str, restart: bool) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let t = call.query.int("t")?.filter(|t| *t >= 0).map(|t| t as u64);
    let done = blocking(move || {
        let c = find(&paths, &id)?;
        let cstore = store(&paths)?;
        let time = t.or(c.spec.stop_timeout).unwrap_or(10);
        if !running(&c) && !restart {
            return Ok(false);
        }
        crate::cli::lifecycle::stop_with(&cstore, &c, time, restart)?;
        if restart {
            crate::runtime::launch::start_requirements(&paths, &cstore, &c.id)?;
            crate::runtime::launch::start_detached(&paths, &c.id)?;
        }
        Ok(true)
    })
    .await?;
    Ok(empty(if done {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_MODIFIED
    }))
}

pub async fn kill(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let sig = call.query.get("signal").unwrap_or("SIGKILL").to_string();
    let sig =
        crate::cli::lifecycle::parse_signal(&sig).map_err(|e| ApiError::bad(format!("{e:#}")))?;
    blocking(move || {
        let c = find(&paths, &id)?;
        if !c.process_alive() {
            return Err(status(
                StatusCode::CONFLICT,
                format!(
                    "Cannot kill container: {id}: Container {} is not running",
                    c.id
                ),
            ));
        }
        let mut ev = crate::state::events::container_event(&c, "kill");
        ev.attributes.insert("signal".into(), sig.to_string());
        crate::state::events::record(&paths.runroot, &ev);
        crate::cli::lifecycle::signal(&c, sig)?;
        // docker's kill with SIGKILL returns once the container no longer runs.
        crate::cli::lifecycle::killed_wait(&store(&paths)?, &c, sig)
    })
    .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

/// The exit code a `died` event recorded for `id` (for a container removed before we saw it).
fn died_code(paths: &Paths, id: &str) -> Option<i32> {
    let mut code = None;
    let _ = crate::state::events::follow(&paths.runroot, false, &mut |e| {
        if let Some(e) = e {
            if e.id == id && e.status == "died" {
                code = e.container_exit_code;
            }
        }
        Ok(true)
    });
    code
}

/// `wait?condition=not-running|next-exit|removed`: the headers at once, the status when the
/// condition holds (docker's CLI sends it before `start`).
pub async fn wait(call: Call, id: &str) -> ApiResult {
    let condition = call
        .query
        .get("condition")
        .unwrap_or("not-running")
        .to_string();
    if !matches!(
        condition.as_str(),
        "not-running" | "next-exit" | "removed" | ""
    ) {
        return Err(ApiError::bad(format!(
            "invalid condition {condition:?}: not-running, next-exit or removed"
        )));
    }
    let paths = call.paths();
    let idc = id.to_string();
    let c = blocking(move || find(&paths, &idc)).await?;
    let paths = call.paths();
    let (feed, resp) = streamed(StatusCode::OK, "application/json");
    let active = super::Active::new(&call.svc);
    std::thread::spawn(move || {
        let _active = active;
        let cstore = match store(&paths) {
            Ok(s) => s,
            Err(_) => return,
        };
        let first_finish = c.state.finished_at;
        let first_restarts = c.state.restart_count;
        let mut last_code = c.state.exit_code;
        let mut ran = false;
        let code = loop {
            if feed.closed() {
                return;
            }
            let now = match cstore.load(&c.id) {
                Ok(now) => now,
                Err(_) => break last_code.or_else(|| died_code(&paths, &c.id)).unwrap_or(0),
            };
            let (state, _) = effective(&now);
            let ended = !matches!(state.as_str(), "running" | "paused" | "restarting");
            ran |=
                now.state.finished_at != first_finish || now.state.restart_count != first_restarts;
            if ended {
                last_code = now.state.exit_code.or(last_code);
            }
            let done = match condition.as_str() {
                "next-exit" => ended && ran,
                "removed" => false,
                _ => ended,
            };
            if done {
                break now.state.exit_code.unwrap_or(0);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        feed.send_json(&json!({"StatusCode": code, "Error": null}));
    });
    Ok(resp)
}

pub async fn remove(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let force = call.query.flag("force");
    let volumes = call.query.flag("v");
    if call.query.flag("link") {
        return Err(ApiError::bad(
            "links are a legacy feature skiff does not have (link=1)",
        ));
    }
    blocking(move || {
        let c = find(&paths, &id)?;
        let cstore = store(&paths)?;
        crate::cli::lifecycle::remove_container(&cstore, &c, force, None, volumes).map_err(|e| {
            if e.downcast_ref::<crate::cli::lifecycle::Running>().is_some() {
                status(
                    StatusCode::CONFLICT,
                    format!(
                        "You cannot remove a running container {}. Stop the container before \
                         attempting removal or force remove",
                        c.id
                    ),
                )
            } else {
                e
            }
        })
    })
    .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

pub async fn rename(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let name = call
        .query
        .get("name")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::bad("rename needs ?name=NEW"))?
        .to_string();
    blocking(move || {
        let c = find(&paths, &id)?;
        crate::cli::container::rename_one(&store(&paths)?, &c.id, &name)
    })
    .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

pub async fn pause(call: Call, id: &str, pause: bool) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    blocking(move || {
        let c = find(&paths, &id)?;
        crate::cli::top::pause_one(&store(&paths)?, &c.id, pause)
            .map_err(|e| status(StatusCode::CONFLICT, format!("{id}: {e:#}")))
    })
    .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

pub async fn prune(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["label", "label!", "until"])?;
    let paths = call.paths();
    let gone =
        blocking(move || crate::cli::container::prune_containers(&store(&paths)?, &f.pairs()))
            .await?;
    ok_json(&json!({"ContainersDeleted": gone, "SpaceReclaimed": 0}))
}

pub async fn top(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let args: Vec<String> = call
        .query
        .get("ps_args")
        .map(|a| {
            a.split([' ', ','])
                .filter(|s| !s.is_empty() && !s.starts_with('-'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let (titles, rows) = blocking(move || {
        let c = find(&paths, &id)?;
        if !c.process_alive() {
            return Err(status(
                StatusCode::CONFLICT,
                format!("Container {id} is not running"),
            ));
        }
        crate::cli::top::table(&c, &args)
            .map_err(|e| status(StatusCode::BAD_REQUEST, format!("{e:#}")))
    })
    .await?;
    ok_json(&json!({"Titles": titles, "Processes": rows}))
}

/// `resize`: the terminal size of a running container with a tty (through its supervisor).
pub async fn resize(call: Call, id: &str) -> ApiResult {
    let h = call.query.int("h")?.unwrap_or(0).clamp(0, 65535) as u16;
    let w = call.query.int("w")?.unwrap_or(0).clamp(0, 65535) as u16;
    let paths = call.paths();
    let id = id.to_string();
    blocking(move || {
        let c = find(&paths, &id)?;
        if !c.process_alive() {
            return Err(status(
                StatusCode::CONFLICT,
                format!("Container {id} is not running"),
            ));
        }
        if c.spec.tty && h > 0 && w > 0 {
            super::hijack::send_resize(&store(&paths)?, &c, h, w);
        }
        Ok(())
    })
    .await?;
    Ok(empty(StatusCode::OK))
}

/// Seconds since the epoch, for the fields that want them.
pub fn now() -> i64 {
    now_unix()
}
