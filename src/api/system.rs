//! `/_ping`, `/version`, `/info`, `/events`, `/system/df`, `/auth`.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::http::{blocking, empty, ok_json, streamed, ApiError, ApiResult};
use super::{Call, API_VERSION, MIN_API_VERSION};
use crate::state::events::Event;
use crate::state::ContainerStore;

pub fn ping(call: Call) -> ApiResult {
    let mut r = if call.method == hyper::Method::HEAD {
        empty(StatusCode::OK)
    } else {
        super::http::full(StatusCode::OK, "text/plain; charset=utf-8", "OK")
    };
    r.headers_mut().insert(
        "Cache-Control",
        "no-cache, no-store, must-revalidate"
            .parse()
            .expect("static"),
    );
    r.headers_mut()
        .insert("Builder-Version", "1".parse().expect("static"));
    Ok(r)
}

fn kernel() -> String {
    nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub async fn version(_call: Call) -> ApiResult {
    let v = env!("CARGO_PKG_VERSION");
    let arch = crate::system::info::go_arch(std::env::consts::ARCH).to_string();
    ok_json(&json!({
        "Platform": {"Name": "skiff"},
        "Components": [{
            "Name": "Engine",
            "Version": v,
            "Details": {
                "ApiVersion": API_VERSION,
                "MinAPIVersion": MIN_API_VERSION,
                "Arch": arch,
                "Os": "linux",
                "KernelVersion": kernel(),
                "Experimental": "false",
            }
        }],
        "Version": v,
        "ApiVersion": API_VERSION,
        "MinAPIVersion": MIN_API_VERSION,
        "GitCommit": "",
        "GoVersion": "",
        "Os": "linux",
        "Arch": arch,
        "KernelVersion": kernel(),
        "Experimental": false,
        "BuildTime": "",
    }))
}

pub async fn info(call: Call) -> ApiResult {
    let paths = call.paths();
    let v = blocking(move || {
        let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
        let all = cstore.list()?;
        let (mut running, mut paused) = (0, 0);
        for c in &all {
            match crate::cli::ps::effective(c).0.as_str() {
                "running" => running += 1,
                "paused" => paused += 1,
                _ => {}
            }
        }
        let images = crate::image::store::Store::open(&paths.root)?.load()?.images.len();
        let cgv2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
        let mem = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| {
                m.lines()
                    .find(|l| l.starts_with("MemTotal:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            })
            .unwrap_or(0)
            * 1024;
        let os = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                    .map(|s| s.trim_matches('"').to_string())
            })
            .unwrap_or_else(|| "Linux".into());
        let rootless = !nix::unistd::geteuid().is_root();
        let mut security = vec!["name=seccomp,profile=default".to_string()];
        if rootless {
            security.push("name=rootless".into());
        }
        Ok(json!({
            "ID": format!("skiff-{}", nix::unistd::getuid()),
            "Containers": all.len(),
            "ContainersRunning": running,
            "ContainersPaused": paused,
            "ContainersStopped": all.len() - running - paused,
            "Images": images,
            "Driver": "overlay",
            "DriverStatus": [["Backing Filesystem", "overlay"]],
            "Plugins": {"Volume": ["local"], "Network": ["bridge", "host", "none"], "Log": ["k8s-file", "journald", "none", "passthrough"]},
            "MemoryLimit": true,
            "SwapLimit": false,
            "CpuCfsPeriod": true,
            "CpuCfsQuota": true,
            "CPUShares": true,
            "CPUSet": true,
            "PidsLimit": true,
            "IPv4Forwarding": true,
            "Debug": false,
            "NFd": std::fs::read_dir("/proc/self/fd").map(|d| d.count()).unwrap_or(0),
            "NGoroutines": 0,
            "SystemTime": crate::cli::format::rfc3339_nanos(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default()),
            "LoggingDriver": "k8s-file",
            "CgroupDriver": "cgroupfs",
            "CgroupVersion": if cgv2 { "2" } else { "1" },
            "NEventsListener": 0,
            "KernelVersion": kernel(),
            "OperatingSystem": os,
            "OSType": "linux",
            "Architecture": std::env::consts::ARCH,
            "NCPU": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            "MemTotal": mem,
            "IndexServerAddress": "https://index.docker.io/v1/",
            "RegistryConfig": {"IndexConfigs": {}, "InsecureRegistryCIDRs": ["127.0.0.0/8"], "Mirrors": []},
            "DockerRootDir": paths.root,
            "HttpProxy": std::env::var("HTTP_PROXY").or_else(|_| std::env::var("http_proxy")).unwrap_or_default(),
            "HttpsProxy": std::env::var("HTTPS_PROXY").or_else(|_| std::env::var("https_proxy")).unwrap_or_default(),
            "NoProxy": std::env::var("NO_PROXY").or_else(|_| std::env::var("no_proxy")).unwrap_or_default(),
            "Name": nix::unistd::gethostname().ok().and_then(|h| h.into_string().ok()).unwrap_or_default(),
            "Labels": [],
            "ExperimentalBuild": false,
            "ServerVersion": env!("CARGO_PKG_VERSION"),
            "Runtimes": {"skiff": {"path": std::env::current_exe().unwrap_or_default()}},
            "DefaultRuntime": "skiff",
            "Swarm": {"NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive", "ControlAvailable": false, "Error": "", "RemoteManagers": null},
            "LiveRestoreEnabled": false,
            "Isolation": "",
            "InitBinary": "",
            "SecurityOptions": security,
            "Warnings": [],
        }))
    })
    .await?;
    ok_json(&v)
}

/// Docker's event shape from skiff's log line.
fn docker_event(e: &Event) -> Value {
    let mut attrs = e.attributes.clone();
    if !e.name.is_empty() {
        attrs.entry("name".into()).or_insert_with(|| e.name.clone());
    }
    if let Some(code) = e.container_exit_code {
        attrs.insert("exitCode".into(), code.to_string());
    }
    let action = match e.status.as_str() {
        "remove" if e.kind == "container" => "destroy",
        s => s,
    };
    json!({
        "status": action,
        "id": e.id,
        "from": e.image,
        "Type": e.kind,
        "Action": action,
        "Actor": {"ID": e.id, "Attributes": attrs},
        "scope": "local",
        "time": (e.time_nano / 1_000_000_000) as i64,
        "timeNano": e.time_nano,
    })
}

/// Docker's event filters onto the CLI's (`event`, `type`, `container`, `image`, `label`).
fn event_filter(call: &Call) -> Result<crate::cli::events::Filter, ApiError> {
    let f = call.query.filters()?;
    f.only(&["event", "type", "container", "image", "label"])?;
    let pairs: Vec<String> = f
        .pairs()
        .into_iter()
        .map(|p| match p.split_once('=') {
            Some(("event", "destroy")) => "event=remove".to_string(),
            _ => p,
        })
        .collect();
    crate::cli::events::Filter::parse(&pairs).map_err(|e| ApiError::bad(format!("{e:#}")))
}

fn time_arg(call: &Call, k: &str) -> Result<Option<i128>, ApiError> {
    call.query
        .get(k)
        .filter(|s| !s.is_empty())
        .map(|s| {
            crate::cli::logs::parse_time(s)
                .map(|t| (t * 1e9) as i128)
                .map_err(|e| ApiError::bad(format!("invalid {k}: {e:#}")))
        })
        .transpose()
}

/// `/events`: from `since` (else from now) until `until` (else until the client leaves).
pub fn events(call: Call) -> ApiResult {
    let filter = event_filter(&call)?;
    let since = time_arg(&call, "since")?;
    let until = time_arg(&call, "until")?;
    let from = since.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i128)
            .unwrap_or(0)
    });
    let runroot = call.svc.paths.runroot.clone();
    let (feed, resp) = streamed(StatusCode::OK, "application/json");
    let active = super::Active::new(&call.svc);
    std::thread::spawn(move || {
        let _active = active;
        let now = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as i128)
                .unwrap_or(0)
        };
        let _ = crate::state::events::follow(&runroot, true, &mut |e| {
            if feed.closed() {
                return Ok(false);
            }
            // Past `until`: the log read so far was sent, stop at the first wait for more.
            if e.is_none() && until.is_some_and(|u| now() > u) {
                return Ok(false);
            }
            if let Some(e) = e {
                if e.time_nano >= from
                    && until.is_none_or(|u| e.time_nano <= u)
                    && filter.matches(e)
                    && !feed.send_json(&docker_event(e))
                {
                    return Ok(false);
                }
            }
            Ok(true)
        });
    });
    Ok(resp)
}

pub async fn df(call: Call) -> ApiResult {
    let paths = call.paths();
    let v = blocking(move || {
        let mut images = super::images::summaries(&paths, &Default::default())?;
        let mut containers = super::containers::summaries(&paths, true, &Default::default())?;
        let mut volumes = super::volumes::all(&paths)?;
        let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
        let all = cstore.list()?;
        for i in images.iter_mut() {
            let id = i["Id"].as_str().unwrap_or("").to_string();
            i["Containers"] = json!(all.iter().filter(|c| c.image_id == id).count());
        }
        for c in containers.iter_mut() {
            let id = c["Id"].as_str().unwrap_or("").to_string();
            let size = crate::cli::container::dir_size(&cstore.path(&id).join("upper"));
            c["SizeRw"] = json!(size);
            c["SizeRootFs"] = json!(size);
        }
        for v in volumes.iter_mut() {
            let name = v["Name"].as_str().unwrap_or("").to_string();
            let mp = std::path::PathBuf::from(v["Mountpoint"].as_str().unwrap_or(""));
            v["UsageData"] = json!({
                "Size": crate::cli::container::dir_size(&mp),
                "RefCount": crate::state::volume::VolumeStore::users(&all, &name).len(),
            });
        }
        Ok(json!({
            "LayersSize": images.iter().map(|i| i["Size"].as_i64().unwrap_or(0)).sum::<i64>(),
            "Images": images,
            "Containers": containers,
            "Volumes": volumes,
            "BuildCache": [],
        }))
    })
    .await?;
    ok_json(&v)
}

#[derive(serde::Deserialize, serde::Serialize)]
struct AuthBody {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    username: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    password: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    serveraddress: String,
    #[serde(
        default,
        rename = "identitytoken",
        skip_serializing_if = "String::is_empty"
    )]
    identity_token: String,
    #[serde(default, rename = "auth", skip_serializing_if = "String::is_empty")]
    auth: String,
    #[serde(
        default,
        rename = "registrytoken",
        skip_serializing_if = "String::is_empty"
    )]
    registry_token: String,
}

/// `/auth` (docker login): check the credentials against the registry; the client stores them.
pub async fn auth(call: Call) -> ApiResult {
    let paths = call.paths();
    let b: AuthBody = super::http::read_json(call.body()).await?;
    blocking(move || {
        let creds = crate::image::auth::Credentials {
            username: b.username,
            password: b.password,
        };
        crate::cli::login::check(&paths, &b.serveraddress, &creds, None)
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::UNAUTHORIZED, e.message))?;
    ok_json(&json!({"Status": "Login Succeeded", "IdentityToken": ""}))
}
