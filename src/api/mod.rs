//! The Docker Engine API on a user socket (`skiff system service`): the docker CLI, compose and
//! Testcontainers talk to skiff as they would to dockerd. No daemon state of its own: every handler
//! calls the engine's typed functions on the same store the CLI uses, so `skiff ps` and `docker ps`
//! see the same containers. The service exits after `--time` idle seconds (podman's behaviour), or
//! is started on demand by systemd socket activation.

pub mod build;
pub mod containers;
pub mod create;
pub mod exec;
pub mod files;
pub mod helper;
pub mod hijack;
pub mod http;
pub mod images;
pub mod networks;
pub mod server;
pub mod system;
pub mod volumes;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};

use crate::storage::Paths;
use http::{ApiError, ApiResult, Query};

/// The API version advertised (Docker CLI 29 refuses servers below 1.44), and the oldest one
/// whose paths are accepted.
pub const API_VERSION: &str = "1.47";
pub const MIN_API_VERSION: &str = "1.24";

/// What the handlers share.
pub struct Service {
    pub paths: Paths,
    /// Open connections and hijacked streams; the idle clock runs while there are none.
    active: AtomicUsize,
    last: Mutex<Instant>,
    /// Exec instances made by `exec create` and not yet removed.
    pub execs: Mutex<HashMap<String, exec::Session>>,
}

impl Service {
    pub fn new(paths: Paths) -> Arc<Service> {
        Arc::new(Service {
            paths,
            active: AtomicUsize::new(0),
            last: Mutex::new(Instant::now()),
            execs: Mutex::new(HashMap::new()),
        })
    }
    /// Seconds since the last connection or stream ended, or None while one is open.
    pub fn idle_for(&self) -> Option<std::time::Duration> {
        if self.active.load(Ordering::SeqCst) > 0 {
            return None;
        }
        Some(self.last.lock().map(|l| l.elapsed()).unwrap_or_default())
    }
}

/// Held while a connection or a hijacked stream is open.
pub struct Active(Arc<Service>);

impl Active {
    pub fn new(svc: &Arc<Service>) -> Active {
        svc.active.fetch_add(1, Ordering::SeqCst);
        Active(svc.clone())
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        if let Ok(mut l) = self.0.last.lock() {
            *l = Instant::now();
        }
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One request as the handlers see it: the path's segments (version prefix removed, each
/// percent-decoded), the query, and the request itself for its body and upgrade.
pub struct Call {
    pub svc: Arc<Service>,
    pub method: Method,
    pub query: Query,
    pub req: Request<Incoming>,
}

impl Call {
    pub fn body(self) -> Incoming {
        self.req.into_body()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.req.headers().get(name).and_then(|v| v.to_str().ok())
    }
    pub fn paths(&self) -> Paths {
        self.svc.paths.clone()
    }
}

/// Split the path, strip `/vX.Y`, and refuse `..`/`.` segments (before and after decoding).
pub fn segments(path: &str) -> Result<Vec<String>, ApiError> {
    let mut segs: Vec<String> = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        let s = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| ApiError::bad(format!("invalid path {path:?}: not UTF-8")))?
            .into_owned();
        if s == ".." || s == "." || s.contains('\0') {
            return Err(ApiError::bad(format!(
                "invalid path {path:?}: `.` and `..` segments are not allowed"
            )));
        }
        segs.push(s);
    }
    if let Some(v) = segs.first().and_then(|s| s.strip_prefix('v')) {
        if v.split('.').count() == 2 && v.split('.').all(|p| p.parse::<u32>().is_ok()) {
            if version_key(v) < version_key(MIN_API_VERSION) {
                return Err(ApiError::bad(format!(
                    "client version {v} is too old. Minimum supported API version is \
                     {MIN_API_VERSION}, please upgrade your client to a newer version"
                )));
            }
            if version_key(v) > version_key(API_VERSION) {
                return Err(ApiError::bad(format!(
                    "client version {v} is too new. Maximum supported API version is \
                     {API_VERSION}"
                )));
            }
            segs.remove(0);
        }
    }
    Ok(segs)
}

fn version_key(v: &str) -> (u32, u32) {
    let mut it = v.split('.').map(|p| p.parse().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

/// Dispatch on method and path. Image names keep their slashes (`/images/a/b:1/json`).
pub async fn route(call: Call, segs: Vec<String>) -> ApiResult {
    use Method as M;
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let m = call.method.clone();
    match (&m, s.as_slice()) {
        (&M::GET | &M::HEAD, ["_ping"]) => system::ping(call),
        (&M::GET, ["version"]) => system::version(call).await,
        (&M::GET, ["info"]) => system::info(call).await,
        (&M::GET, ["events"]) => system::events(call),
        (&M::GET, ["system", "df"]) => system::df(call).await,
        (&M::POST, ["auth"]) => system::auth(call).await,

        (&M::GET, ["containers", "json"]) => containers::list(call).await,
        (&M::POST, ["containers", "create"]) => create::create(call).await,
        (&M::POST, ["containers", "prune"]) => containers::prune(call).await,
        (&M::GET, ["containers", id, "json"]) => containers::inspect(call, id).await,
        (&M::POST, ["containers", id, "start"]) => containers::start(call, id).await,
        (&M::POST, ["containers", id, "stop"]) => containers::stop(call, id, false).await,
        (&M::POST, ["containers", id, "restart"]) => containers::stop(call, id, true).await,
        (&M::POST, ["containers", id, "kill"]) => containers::kill(call, id).await,
        (&M::POST, ["containers", id, "wait"]) => containers::wait(call, id).await,
        (&M::DELETE, ["containers", id]) => containers::remove(call, id).await,
        (&M::GET, ["containers", id, "logs"]) => hijack::logs(call, id).await,
        (&M::POST, ["containers", id, "attach"]) => hijack::attach(call, id).await,
        (&M::POST, ["containers", id, "resize"]) => containers::resize(call, id).await,
        (&M::GET, ["containers", id, "top"]) => containers::top(call, id).await,
        (&M::GET, ["containers", id, "stats"]) => files::stats(call, id).await,
        (&M::POST, ["containers", id, "rename"]) => containers::rename(call, id).await,
        (&M::POST, ["containers", id, "pause"]) => containers::pause(call, id, true).await,
        (&M::POST, ["containers", id, "unpause"]) => containers::pause(call, id, false).await,
        (&M::GET, ["containers", id, "changes"]) => files::changes(call, id).await,
        (&M::GET, ["containers", id, "export"]) => files::export(call, id).await,
        (&M::GET | &M::HEAD, ["containers", id, "archive"]) => files::archive_get(call, id).await,
        (&M::PUT, ["containers", id, "archive"]) => files::archive_put(call, id).await,
        (&M::POST, ["containers", id, "exec"]) => exec::create(call, id).await,
        (&M::POST, ["exec", id, "start"]) => exec::start(call, id).await,
        (&M::POST, ["exec", id, "resize"]) => exec::resize(call, id).await,
        (&M::GET, ["exec", id, "json"]) => exec::inspect(call, id).await,

        (&M::GET, ["images", "json"]) => images::list(call).await,
        (&M::POST, ["images", "create"]) => images::pull(call).await,
        (&M::POST, ["images", "load"]) => images::load(call).await,
        (&M::GET, ["images", "get"]) => images::save(call, Vec::new()).await,
        (&M::POST, ["images", "prune"]) => images::prune(call).await,
        (&M::GET, ["images", "search"]) => Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "image search is not offered by the API socket: use `skiff search TERM`",
        )),
        (&M::GET, ["images", name @ .., "json"]) if !name.is_empty() => {
            images::inspect(call, &name.join("/")).await
        }
        (&M::GET, ["images", name @ .., "history"]) if !name.is_empty() => {
            images::history(call, &name.join("/")).await
        }
        (&M::GET, ["images", name @ .., "get"]) if !name.is_empty() => {
            images::save(call, vec![name.join("/")]).await
        }
        (&M::POST, ["images", name @ .., "tag"]) if !name.is_empty() => {
            images::tag(call, &name.join("/")).await
        }
        (&M::POST, ["images", name @ .., "push"]) if !name.is_empty() => {
            images::push(call, &name.join("/")).await
        }
        (&M::DELETE, ["images", name @ ..]) if !name.is_empty() => {
            images::remove(call, &name.join("/")).await
        }
        (&M::POST, ["build"]) => images::build(call).await,
        (&M::POST, ["commit"]) => images::commit(call).await,

        (&M::GET, ["networks"]) => networks::list(call).await,
        (&M::POST, ["networks", "create"]) => networks::create(call).await,
        (&M::POST, ["networks", "prune"]) => networks::prune(call).await,
        (&M::GET, ["networks", id]) => networks::inspect(call, id).await,
        (&M::DELETE, ["networks", id]) => networks::remove(call, id).await,
        (&M::POST, ["networks", id, "connect"]) => networks::connect(call, id, true).await,
        (&M::POST, ["networks", id, "disconnect"]) => networks::connect(call, id, false).await,

        (&M::GET, ["volumes"]) => volumes::list(call).await,
        (&M::POST, ["volumes", "create"]) => volumes::create(call).await,
        (&M::POST, ["volumes", "prune"]) => volumes::prune(call).await,
        (&M::GET, ["volumes", name]) => volumes::inspect(call, name).await,
        (&M::DELETE, ["volumes", name]) => volumes::remove(call, name).await,

        (_, ["swarm" | "nodes" | "services" | "tasks" | "secrets" | "configs", ..]) => {
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "This node is not a swarm manager: skiff runs containers on one machine (swarm \
                 endpoints are not offered)",
            ))
        }
        (_, ["session"]) => Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "BuildKit sessions are not offered: build with DOCKER_BUILDKIT=0 (the classic \
             /build endpoint)",
        )),
        _ => Err(ApiError::not_found(format!(
            "page not found: {} /{} is not an endpoint of the Docker Engine API that skiff serves",
            m,
            segs.join("/")
        ))),
    }
}
