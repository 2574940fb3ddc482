//! A container's files and figures: `archive` (docker cp: HEAD stat, GET a tar, PUT a tar),
//! `export`, `changes`, `stats` (from /proc, as `skiff stats`).

use std::io::Read;
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use hyper::StatusCode;
use serde_json::{json, Value};

use super::containers::{find, store};
use super::http::{blocking, empty, ok_json, status, streamed, ApiError, ApiResult};
use super::Call;
use crate::runtime::copy::{CopyOptions, Direction};

fn tmpdir(paths: &crate::storage::Paths) -> anyhow::Result<tempfile::TempDir> {
    let dir = paths.root.join("tmp");
    std::fs::create_dir_all(&dir)?;
    Ok(tempfile::tempdir_in(&dir)?)
}

fn path_arg(call: &Call) -> Result<String, ApiError> {
    let p = call
        .query
        .get("path")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::bad("archive needs ?path= (a path in the container)"))?;
    if !p.starts_with('/') {
        return Ok(format!("/{p}"));
    }
    Ok(p.to_string())
}

/// Copy `path` out of the container into a fresh temporary directory; the copy and its stat.
fn fetch(
    paths: &crate::storage::Paths,
    id: &str,
    path: &str,
) -> anyhow::Result<(tempfile::TempDir, std::path::PathBuf, Value)> {
    let c = find(paths, id)?;
    let cstore = store(paths)?;
    let tmp = tmpdir(paths)?;
    let base = std::path::Path::new(path.trim_end_matches('/'))
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "root".into());
    let host = tmp.path().join(&base);
    let opts = CopyOptions {
        archive: false,
        overwrite: true,
    };
    let _ = &cstore;
    super::helper::run(
        paths,
        &super::helper::Op::Copy {
            container: c.id.clone(),
            dir: Direction::Out {
                container: path.to_string(),
                host: host.clone(),
            },
            opts,
        },
    )
    .map_err(|e| match e.downcast_ref::<super::http::Status>() {
        Some(s) if s.0 == StatusCode::NOT_FOUND => status(
            StatusCode::NOT_FOUND,
            format!("Could not find the file {path} in container {id}"),
        ),
        _ => e,
    })?;
    let md = std::fs::symlink_metadata(&host)?;
    use std::os::unix::fs::MetadataExt;
    let mut mode = md.mode() & 0o7777;
    // Go's os.FileMode bits, as docker's CLI reads them.
    if md.is_dir() {
        mode |= 1 << 31;
    } else if md.file_type().is_symlink() {
        mode |= 1 << 27;
    }
    let stat = json!({
        "name": base.to_string_lossy(),
        "size": md.len(),
        "mode": mode,
        "mtime": crate::cli::format::rfc3339(md.mtime()),
        "linkTarget": std::fs::read_link(&host).map(|l| l.to_string_lossy().into_owned()).unwrap_or_default(),
    });
    Ok((tmp, host, stat))
}

fn stat_header(v: &Value) -> String {
    base64::engine::general_purpose::STANDARD.encode(serde_json::to_vec(v).unwrap_or_default())
}

/// HEAD (the stat only) and GET (a tar of the path, its base name at the root).
pub async fn archive_get(call: Call, id: &str) -> ApiResult {
    let path = path_arg(&call)?;
    let head = call.method == hyper::Method::HEAD;
    let paths = call.paths();
    let id = id.to_string();
    let (tmp, host, stat) = blocking(move || fetch(&paths, &id, &path)).await?;
    let header = stat_header(&stat);
    if head {
        let mut r = empty(StatusCode::OK);
        r.headers_mut().insert(
            "X-Docker-Container-Path-Stat",
            header
                .parse()
                .map_err(|_| ApiError::bad("unrepresentable stat"))?,
        );
        return Ok(r);
    }
    let (feed, mut resp) = streamed(StatusCode::OK, "application/x-tar");
    resp.headers_mut().insert(
        "X-Docker-Container-Path-Stat",
        header
            .parse()
            .map_err(|_| ApiError::bad("unrepresentable stat"))?,
    );
    std::thread::spawn(move || {
        let (r, w) = match std::io::pipe() {
            Ok(p) => p,
            Err(_) => return,
        };
        let name = host
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let writer = std::thread::spawn(move || {
            let mut b = tar::Builder::new(w);
            b.follow_symlinks(false);
            let res = if host.is_dir() {
                b.append_dir_all(&name, &host)
            } else {
                b.append_path_with_name(&host, &name)
            };
            let _ = res.and_then(|_| b.finish());
            drop(tmp);
        });
        let mut r = r;
        let mut buf = vec![0u8; 128 * 1024];
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 || !feed.send(Bytes::copy_from_slice(&buf[..n])) {
                break;
            }
        }
        drop(r);
        let _ = writer.join();
    });
    Ok(resp)
}

/// What a tar sent to the API may hold in all (files at their full size, sparse ones too):
/// beyond it the request is refused before anything is written.
pub const MAX_TAR_CONTENT: u64 = 16 << 30;

/// Count an entry of an untrusted tar against `MAX_TAR_CONTENT`.
pub fn count_entry<R: std::io::Read>(e: &tar::Entry<'_, R>, total: &mut u64) -> Result<(), String> {
    let h = e.header();
    let size = h
        .as_gnu()
        .filter(|_| h.entry_type() == tar::EntryType::GNUSparse)
        .and_then(|g| g.real_size().ok())
        .unwrap_or(0)
        .max(e.size());
    *total = total.saturating_add(size);
    if *total > MAX_TAR_CONTENT {
        return Err(format!(
            "the archive holds more than {} GiB (at entry {}): refused",
            MAX_TAR_CONTENT >> 30,
            e.path()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ));
    }
    Ok(())
}

/// PUT: a tar extracted (into a private temporary directory first, entries checked by the tar
/// crate: no `..`, no absolute paths, no writes through symlinks) and copied into the
/// container's directory `path`.
pub async fn archive_put(call: Call, id: &str) -> ApiResult {
    let path = path_arg(&call)?;
    let overwrite = !call.query.flag("noOverwriteDirNonDir");
    let archive = call.query.flag("copyUIDGID");
    let paths = call.paths();
    let idc = id.to_string();
    let spool = super::images::spool_body(&paths, call.body()).await?;
    blocking(move || {
        let c = find(&paths, &idc)?;
        let cstore = store(&paths)?;
        let tmp = tmpdir(&paths)?;
        let mut ar = tar::Archive::new(std::fs::File::open(spool.path())?);
        ar.set_preserve_permissions(true);
        ar.set_overwrite(true);
        ar.set_unpack_xattrs(false);
        let mut total = 0u64;
        for entry in ar.entries()? {
            let mut e = entry
                .map_err(|e| status(StatusCode::BAD_REQUEST, format!("reading the tar: {e}")))?;
            count_entry(&e, &mut total).map_err(|m| status(StatusCode::BAD_REQUEST, m))?;
            let p = e
                .path()
                .map_err(|e| status(StatusCode::BAD_REQUEST, format!("tar entry: {e}")))?
                .into_owned();
            if p.is_absolute()
                || p.components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
            {
                return Err(status(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "tar entry {}: paths must stay inside the archive",
                        p.display()
                    ),
                ));
            }
            match e.header().entry_type() {
                tar::EntryType::Block | tar::EntryType::Char => {
                    return Err(status(
                        StatusCode::BAD_REQUEST,
                        format!(
                            "tar entry {}: device nodes cannot be copied in",
                            p.display()
                        ),
                    ));
                }
                _ => {}
            }
            if !e.unpack_in(tmp.path()).map_err(|x| {
                status(
                    StatusCode::BAD_REQUEST,
                    format!("tar entry {}: {x}", p.display()),
                )
            })? {
                return Err(status(
                    StatusCode::BAD_REQUEST,
                    format!("tar entry {}: outside the archive", p.display()),
                ));
            }
        }
        for entry in std::fs::read_dir(tmp.path())? {
            let entry = entry?;
            let _ = &cstore;
            super::helper::run(
                &paths,
                &super::helper::Op::Copy {
                    container: c.id.clone(),
                    dir: Direction::In {
                        host: entry.path(),
                        container: format!("{}/", path.trim_end_matches('/')),
                    },
                    opts: CopyOptions { archive, overwrite },
                },
            )?;
        }
        Ok(())
    })
    .await?;
    Ok(empty(StatusCode::OK))
}

pub async fn export(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let idc = id.to_string();
    let c = blocking(move || find(&paths, &idc)).await?;
    let paths = call.paths();
    let (feed, resp) = streamed(StatusCode::OK, "application/x-tar");
    std::thread::spawn(move || {
        struct W<'a>(&'a super::http::Feed);
        impl std::io::Write for W<'_> {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                if self.0.send(Bytes::copy_from_slice(b)) {
                    Ok(b.len())
                } else {
                    Err(std::io::ErrorKind::BrokenPipe.into())
                }
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        if let Ok(cstore) = store(&paths) {
            let _ = crate::image::commit::export(&cstore, &c, &mut W(&feed));
        }
    });
    Ok(resp)
}

pub async fn changes(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let v = blocking(move || {
        let c = find(&paths, &id)?;
        let ch = crate::image::files::container_changes(&store(&paths)?, &c)?;
        Ok(ch
            .iter()
            .map(|x| json!({"Path": x.path, "Kind": match x.kind { 'C' => 0, 'A' => 1, _ => 2 }}))
            .collect::<Vec<_>>())
    })
    .await?;
    ok_json(&Value::Array(v))
}

/// One sample of docker's stats shape, from /proc (the cgroup's memory when there is one).
fn sample(c: &crate::state::Container) -> Value {
    let ps = crate::runtime::procs::list(c.state.pid);
    let ticks = crate::runtime::procs::clock_ticks().max(1);
    let cpu_ns: u64 = ps.iter().map(|p| p.cpu_ticks).sum::<u64>() * 1_000_000_000 / ticks;
    let system_ns = (crate::runtime::procs::uptime() * 1e9) as u64
        * std::thread::available_parallelism()
            .map(|n| n.get() as u64)
            .unwrap_or(1);
    let total = crate::cli::top::mem_total();
    let (mem, limit) = match c.state.cgroup.as_ref().and_then(|cg| cg.memory()) {
        Some((used, limit)) => (used, limit.min(total)),
        None => (ps.iter().map(|p| p.rss_bytes).sum(), total),
    };
    let (rx, tx) = crate::cli::top::net_io(c.state.pid);
    let (br, bw) = crate::cli::top::block_io(&ps);
    let ncpu = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    json!({
        "read": crate::cli::format::rfc3339_nanos(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default()),
        "name": format!("/{}", c.name),
        "id": c.id,
        "num_procs": 0,
        "pids_stats": {"current": ps.len()},
        "cpu_stats": {
            "cpu_usage": {"total_usage": cpu_ns, "usage_in_kernelmode": 0, "usage_in_usermode": cpu_ns},
            "system_cpu_usage": system_ns,
            "online_cpus": ncpu,
            "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
        },
        "memory_stats": {"usage": mem, "limit": limit, "stats": {}},
        "blkio_stats": {"io_service_bytes_recursive": [
            {"major": 0, "minor": 0, "op": "read", "value": br},
            {"major": 0, "minor": 0, "op": "write", "value": bw},
        ]},
        "networks": {"eth0": {"rx_bytes": rx, "tx_bytes": tx, "rx_packets": 0, "tx_packets": 0, "rx_errors": 0, "tx_errors": 0, "rx_dropped": 0, "tx_dropped": 0}},
    })
}

/// `stats?stream=&one-shot=`: samples with the previous one as `precpu_stats` (docker's CLI
/// computes CPU % from the two).
pub async fn stats(call: Call, id: &str) -> ApiResult {
    let stream = call
        .query
        .get("stream")
        .is_none_or(|s| s != "0" && s != "false");
    let one_shot = call.query.flag("one-shot");
    let paths = call.paths();
    let idc = id.to_string();
    let c = blocking(move || find(&paths, &idc)).await?;
    let (feed, resp) = streamed(StatusCode::OK, "application/json");
    let active = super::Active::new(&call.svc);
    std::thread::spawn(move || {
        let _active = active;
        let empty_pre =
            json!({"cpu_usage": {"total_usage": 0}, "system_cpu_usage": 0, "online_cpus": 0});
        let alive = |c: &crate::state::Container| c.process_alive();
        let mut pre: Option<Value> = None;
        if !one_shot && alive(&c) {
            pre = Some(sample(&c)["cpu_stats"].clone());
            std::thread::sleep(Duration::from_millis(500));
        }
        loop {
            let mut s = if alive(&c) {
                sample(&c)
            } else {
                json!({"name": format!("/{}", c.name), "id": c.id, "read": "0001-01-01T00:00:00Z", "pids_stats": {}, "cpu_stats": empty_pre.clone(), "memory_stats": {}, "blkio_stats": {}})
            };
            s["precpu_stats"] = pre.clone().unwrap_or_else(|| empty_pre.clone());
            pre = Some(s["cpu_stats"].clone());
            if !feed.send_json(&s) || !stream {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    Ok(resp)
}
