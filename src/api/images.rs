//! `/images/...`, `/build`, `/commit`: the image store in docker's shapes, pulls and pushes with
//! `X-Registry-Auth`, save/load tarballs, builds from a tar context.

use std::collections::BTreeMap;

use base64::Engine;
use hyper::StatusCode;
use serde_json::{json, Value};

use super::http::{blocking, ok_json, status, streamed, ApiError, ApiResult, Filters};
use super::Call;
use crate::image::registries::RegistriesConf;
use crate::image::store::{find, hex_of, ImageRecord, Store};
use crate::storage::{LockMode, Paths};

/// Docker's short form of a stored name: `docker.io/library/busybox:1` -> `busybox:1`.
pub fn familiar(n: &str) -> String {
    let n = n.strip_prefix("docker.io/").unwrap_or(n);
    n.strip_prefix("library/").unwrap_or(n).to_string()
}

fn unix(created: Option<&str>) -> i64 {
    created
        .and_then(crate::cli::format::parse_rfc3339)
        .unwrap_or(0)
}

fn image(paths: &Paths, input: &str) -> anyhow::Result<(Store, ImageRecord)> {
    let store = Store::open(&paths.root)?;
    let search = RegistriesConf::load(&paths.config)?.search_registries();
    let rec = {
        let _g = store.lock_images(LockMode::Shared)?;
        find(&store.load()?, input, &search)
            .map_err(|_| status(StatusCode::NOT_FOUND, format!("No such image: {input}")))?
            .clone()
    };
    Ok((store, rec))
}

fn summary(store: &Store, img: &ImageRecord) -> Value {
    let labels = store
        .config(&img.id)
        .ok()
        .and_then(|c| c.config.labels)
        .unwrap_or_default();
    json!({
        "Id": img.id,
        "ParentId": "",
        "RepoTags": img.names.iter().map(|n| familiar(n)).collect::<Vec<_>>(),
        "RepoDigests": img.digests.iter().map(|n| familiar(n)).collect::<Vec<_>>(),
        "Created": unix(img.created.as_deref()),
        "Size": img.size,
        "SharedSize": -1,
        "VirtualSize": img.size,
        "Labels": labels,
        "Containers": -1,
    })
}

pub fn summaries(paths: &Paths, f: &Filters) -> anyhow::Result<Vec<Value>> {
    let store = Store::open(&paths.root)?;
    let idx = {
        let _g = store.lock_images(LockMode::Shared)?;
        store.load()?
    };
    let mut imgs: Vec<&ImageRecord> = idx.images.iter().collect();
    imgs.sort_by_key(|i| std::cmp::Reverse(i.stored_at));
    let created_of = |r: &str| -> Option<i64> {
        let search = RegistriesConf::load(&paths.config)
            .ok()?
            .search_registries();
        find(&idx, r, &search)
            .ok()
            .map(|i| unix(i.created.as_deref()))
    };
    let mut out = Vec::new();
    for img in imgs {
        let labels = store
            .config(&img.id)
            .ok()
            .and_then(|c| c.config.labels)
            .unwrap_or_default();
        let created = unix(img.created.as_deref());
        let one = |k: &str, v: &str| -> bool {
            match k {
                "dangling" => img.names.is_empty() == (v == "true" || v == "1"),
                "label" => {
                    crate::cli::format::label_matches(&labels.clone().into_iter().collect(), v)
                }
                "reference" => img.names.iter().any(|n| {
                    let (repo, tag) = n.rsplit_once(':').unwrap_or((n, ""));
                    crate::cli::images::reference_matches(v, repo, tag)
                }),
                "before" => created_of(v).is_some_and(|t| created < t),
                "since" => created_of(v).is_some_and(|t| created > t),
                _ => false,
            }
        };
        if f.0.iter().all(|(k, vs)| {
            if k == "label" {
                vs.iter().all(|v| one(k, v))
            } else {
                vs.iter().any(|v| one(k, v))
            }
        }) {
            out.push(summary(&store, img));
        }
    }
    Ok(out)
}

pub async fn list(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["before", "dangling", "label", "reference", "since"])?;
    let paths = call.paths();
    let v = blocking(move || summaries(&paths, &f)).await?;
    ok_json(&Value::Array(v))
}

pub async fn inspect(call: Call, name: &str) -> ApiResult {
    let paths = call.paths();
    let name = name.to_string();
    let v = blocking(move || {
        let (store, rec) = image(&paths, &name)?;
        let mut v = crate::image::inspect::inspect(&store, &rec)?;
        v["Id"] = json!(rec.id);
        v["RepoTags"] = json!(rec.names.iter().map(|n| familiar(n)).collect::<Vec<_>>());
        v["RepoDigests"] = json!(rec.digests.iter().map(|n| familiar(n)).collect::<Vec<_>>());
        v["ContainerConfig"] = v["Config"].clone();
        v["DockerVersion"] = json!("");
        v["Metadata"] = json!({"LastTagTime": "0001-01-01T00:00:00Z"});
        if let Value::Object(o) = &mut v {
            o.remove("ID");
        }
        Ok(v)
    })
    .await?;
    ok_json(&v)
}

pub async fn history(call: Call, name: &str) -> ApiResult {
    let paths = call.paths();
    let name = name.to_string();
    let v = blocking(move || {
        let (store, rec) = image(&paths, &name)?;
        let config = store.config(&rec.id)?;
        let mut layers = rec.layers.iter();
        let mut rows: Vec<Value> = config
            .history
            .iter()
            .map(|h| {
                let size = if h.empty_layer {
                    0
                } else {
                    layers
                        .next()
                        .and_then(|l| store.layer_record(l))
                        .map(|r| r.size)
                        .unwrap_or(0)
                };
                json!({
                    "Id": "<missing>",
                    "Created": unix(h.created.as_deref()),
                    "CreatedBy": h.created_by.clone().unwrap_or_default(),
                    "Tags": Value::Null,
                    "Size": size,
                    "Comment": h.comment.clone().unwrap_or_default(),
                })
            })
            .collect();
        rows.reverse();
        if let Some(top) = rows.first_mut() {
            top["Id"] = json!(rec.id);
            top["Tags"] = json!(rec.names.iter().map(|n| familiar(n)).collect::<Vec<_>>());
        }
        Ok(rows)
    })
    .await?;
    ok_json(&Value::Array(v))
}

pub async fn tag(call: Call, name: &str) -> ApiResult {
    let repo = call
        .query
        .get("repo")
        .filter(|r| !r.is_empty())
        .ok_or_else(|| ApiError::bad("tag needs ?repo="))?
        .to_string();
    let target = match call.query.get("tag").filter(|t| !t.is_empty()) {
        Some(t) => format!("{repo}:{t}"),
        None => repo,
    };
    let paths = call.paths();
    let name = name.to_string();
    blocking(move || {
        image(&paths, &name)?;
        crate::image::manage::tag(&paths, &name, &[target])
            .map_err(|e| status(StatusCode::BAD_REQUEST, format!("{e:#}")))
    })
    .await?;
    Ok(super::http::empty(StatusCode::CREATED))
}

pub async fn remove(call: Call, name: &str) -> ApiResult {
    let force = call.query.flag("force");
    let paths = call.paths();
    let name = name.to_string();
    let done = blocking(move || {
        image(&paths, &name)?;
        crate::image::manage::remove(&paths, std::slice::from_ref(&name), force)
            .map_err(|e| status(StatusCode::CONFLICT, format!("{e:#}")))
    })
    .await?;
    let v: Vec<Value> = done
        .into_iter()
        .map(|r| match r {
            crate::image::manage::Removed::Untagged(n) => json!({"Untagged": familiar(&n)}),
            crate::image::manage::Removed::Deleted(id) => json!({"Deleted": id}),
        })
        .collect();
    ok_json(&Value::Array(v))
}

pub async fn prune(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["dangling", "label", "label!", "until"])?;
    let all = f.get("dangling").iter().any(|d| d == "false" || d == "0");
    let pairs: Vec<String> = f
        .pairs()
        .into_iter()
        .filter(|p| !p.starts_with("dangling="))
        .collect();
    let paths = call.paths();
    let gone = blocking(move || crate::image::manage::prune(&paths, all, &pairs)).await?;
    ok_json(&json!({
        "ImagesDeleted": gone.iter().map(|id| json!({"Deleted": id})).collect::<Vec<_>>(),
        "SpaceReclaimed": 0,
    }))
}

/// `X-Registry-Auth`: base64url JSON with username/password (or an identity token).
fn registry_auth(call: &Call) -> Result<Option<crate::image::auth::Credentials>, ApiError> {
    let Some(h) = call.header("X-Registry-Auth").filter(|h| !h.is_empty()) else {
        return Ok(None);
    };
    let raw = base64::engine::general_purpose::URL_SAFE
        .decode(h.trim())
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(h.trim()))
        .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(h.trim()))
        .map_err(|_| ApiError::bad("X-Registry-Auth: not base64"))?;
    let v: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    let user = v["username"].as_str().unwrap_or("").to_string();
    let pass = v["password"].as_str().unwrap_or("").to_string();
    if user.is_empty() && pass.is_empty() {
        return Ok(None);
    }
    Ok(Some(crate::image::auth::Credentials {
        username: user,
        password: pass,
    }))
}

fn progress_error(e: &str) -> Value {
    json!({"errorDetail": {"message": e}, "error": e})
}

/// `images/create?fromImage=&tag=` (a pull) with docker's JSON progress messages.
pub async fn pull(call: Call) -> ApiResult {
    if call.query.get("fromSrc").is_some_and(|s| !s.is_empty()) {
        return import(call).await;
    }
    let from = call
        .query
        .get("fromImage")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad("images/create needs fromImage (or fromSrc)"))?
        .to_string();
    let tag = call.query.get("tag").unwrap_or("").to_string();
    let reference = if tag.is_empty() {
        from.clone()
    } else if tag.starts_with("sha256:") {
        format!("{from}@{tag}")
    } else {
        format!("{from}:{tag}")
    };
    let creds = registry_auth(&call)?;
    let platform = match call.query.get("platform").filter(|p| !p.is_empty()) {
        None => crate::image::manifest::Platform::host(),
        Some(p) => crate::image::manifest::Platform::parse(p)
            .map_err(|e| ApiError::bad(format!("invalid platform {p:?}: {e}")))?,
    };
    let paths = call.paths();
    let (feed, resp) = streamed(StatusCode::OK, "application/json");
    let active = super::Active::new(&call.svc);
    std::thread::spawn(move || {
        let _active = active;
        feed.send_json(&json!({"status": format!("Pulling from {}", familiar(&from)), "id": if tag.is_empty() { "latest".to_string() } else { tag.clone() }}));
        let opts = crate::image::pull::PullOptions {
            platform,
            quiet: true,
            access: crate::image::registry::Access {
                creds,
                ..Default::default()
            },
        };
        match crate::image::pull::pull_with(&paths, &reference, &opts, false) {
            Ok(rec) => {
                if let Some(d) = rec.digests.first().and_then(|d| d.split('@').nth(1)) {
                    feed.send_json(&json!({"status": format!("Digest: {d}")}));
                }
                feed.send_json(&json!({"status": format!("Status: Downloaded newer image for {}", familiar(&crate::image::store::name_for(&rec, &reference)))}));
            }
            Err(e) => {
                feed.send_json(&progress_error(&format!("{e:#}")));
            }
        }
    });
    Ok(resp)
}

/// `images/create?fromSrc=-` (import of a root file system tarball in the body).
async fn import(call: Call) -> ApiResult {
    let src = call.query.get("fromSrc").unwrap_or("").to_string();
    if src != "-" {
        return Err(ApiError::bad("fromSrc: only `-` (the tarball in the request body) is supported; import a URL with `skiff import URL`"));
    }
    let repo = call.query.get("repo").unwrap_or("").to_string();
    let tag = call.query.get("tag").unwrap_or("").to_string();
    let reference = match (repo.is_empty(), tag.is_empty()) {
        (true, _) => None,
        (false, true) => Some(repo),
        (false, false) => Some(format!("{repo}:{tag}")),
    };
    let changes = call.query.all("changes");
    let message = call.query.get("message").map(str::to_string);
    let paths = call.paths();
    let spool = spool_body(&paths, call.body()).await?;
    let rec = blocking(move || {
        let p = spool.path().to_string_lossy().into_owned();
        crate::image::commit::import(
            &paths,
            Some(&p),
            reference.as_deref(),
            &changes,
            message.as_deref(),
            &crate::image::manifest::Platform::host(),
        )
    })
    .await?;
    ok_json(&json!({"status": rec.id}))
}

/// Write a (large) request body to a temporary file in the store's tmp dir.
pub async fn spool_body(
    paths: &Paths,
    body: hyper::body::Incoming,
) -> Result<tempfile::NamedTempFile, ApiError> {
    use http_body_util::BodyExt;
    use std::io::Write;
    let dir = paths.root.join("tmp");
    std::fs::create_dir_all(&dir).map_err(|e| ApiError::from(anyhow::Error::from(e)))?;
    let mut f = tempfile::NamedTempFile::new_in(&dir)
        .map_err(|e| ApiError::from(anyhow::Error::from(e)))?;
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::bad(format!("reading the request body: {e}")))?;
        if let Ok(data) = frame.into_data() {
            f.write_all(&data)
                .map_err(|e| ApiError::from(anyhow::Error::from(e)))?;
        }
    }
    Ok(f)
}

/// `images/{name}/push?tag=` with docker's progress messages.
pub async fn push(call: Call, name: &str) -> ApiResult {
    let tag = call.query.get("tag").unwrap_or("").to_string();
    let source = if tag.is_empty() {
        name.to_string()
    } else {
        format!("{name}:{tag}")
    };
    let creds = registry_auth(&call)?;
    let paths = call.paths();
    let s2 = source.clone();
    blocking(move || image(&paths, &s2).map(|_| ())).await?;
    let paths = call.paths();
    let (feed, resp) = streamed(StatusCode::OK, "application/json");
    let active = super::Active::new(&call.svc);
    std::thread::spawn(move || {
        let _active = active;
        feed.send_json(&json!({"status": format!("The push refers to repository [{}]", source.rsplit_once(':').map(|x| x.0).unwrap_or(&source))}));
        let opts = crate::image::push::PushOptions {
            access: crate::image::registry::Access {
                creds,
                ..Default::default()
            },
            format: None,
            compression: None,
            compression_level: None,
            quiet: true,
            by_digest: false,
        };
        match crate::image::push::push_image(&paths, &source, None, &opts) {
            Ok(p) => {
                let t = if tag.is_empty() {
                    "latest".to_string()
                } else {
                    tag.clone()
                };
                feed.send_json(
                    &json!({"status": format!("{t}: digest: {} size: {}", p.digest, p.size)}),
                );
                feed.send_json(&json!({"progressDetail": {}, "aux": {"Tag": t, "Digest": p.digest, "Size": p.size}}));
            }
            Err(e) => {
                feed.send_json(&progress_error(&format!("{e:#}")));
            }
        }
    });
    Ok(resp)
}

/// `images/get?names=` and `images/{name}/get`: a docker-archive tarball.
pub async fn save(call: Call, mut names: Vec<String>) -> ApiResult {
    names.extend(call.query.all("names"));
    if names.is_empty() {
        return Err(ApiError::bad("images/get needs at least one name (names=)"));
    }
    let paths = call.paths();
    let tmp = blocking(move || {
        let store = Store::open(&paths.root)?;
        let search = RegistriesConf::load(&paths.config)?.search_registries();
        let items: Vec<crate::image::save::Item> = {
            let _g = store.lock_images(LockMode::Shared)?;
            let idx = store.load()?;
            names
                .iter()
                .map(|n| {
                    crate::image::save::item_for(&idx, n, &search)
                        .map_err(|_| status(StatusCode::NOT_FOUND, format!("No such image: {n}")))
                })
                .collect::<anyhow::Result<_>>()?
        };
        let dir = paths.root.join("tmp");
        std::fs::create_dir_all(&dir)?;
        let tmp = tempfile::NamedTempFile::new_in(&dir)?;
        crate::image::save::save(
            &store,
            &items,
            crate::image::save::Format::DockerArchive,
            Some(tmp.path()),
            false,
        )?;
        Ok(tmp)
    })
    .await?;
    let (feed, resp) = streamed(StatusCode::OK, "application/x-tar");
    std::thread::spawn(move || {
        use std::io::Read;
        let Ok(mut f) = std::fs::File::open(tmp.path()) else {
            return;
        };
        let mut buf = vec![0u8; 256 * 1024];
        while let Ok(n) = f.read(&mut buf) {
            if n == 0 || !feed.send(bytes::Bytes::copy_from_slice(&buf[..n])) {
                break;
            }
        }
        drop(tmp);
    });
    Ok(resp)
}

/// `images/load`: a docker-archive or oci-archive tarball in the body.
pub async fn load(call: Call) -> ApiResult {
    let paths = call.paths();
    let spool = spool_body(&paths, call.body()).await?;
    let loaded = blocking(move || {
        crate::image::load::load(&paths, Some(spool.path()))
            .map_err(|e| status(StatusCode::BAD_REQUEST, format!("{e:#}")))
    })
    .await?;
    let mut out = String::new();
    for l in loaded {
        let what = if l.names.is_empty() {
            format!("Loaded image ID: {}", l.id)
        } else {
            format!(
                "Loaded image: {}",
                l.names
                    .iter()
                    .map(|n| familiar(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        // (quiet only silences progress, which a load from a spooled body has none of)
        out.push_str(&json!({"stream": format!("{what}\n")}).to_string());
        out.push('\n');
    }
    Ok(super::http::full(StatusCode::OK, "application/json", out))
}

/// `POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=`.
pub async fn commit(call: Call) -> ApiResult {
    let q = call.query.clone();
    let container = q
        .get("container")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| ApiError::bad("commit needs ?container="))?
        .to_string();
    let reference = match (q.get("repo").unwrap_or(""), q.get("tag").unwrap_or("")) {
        ("", _) => None,
        (r, "") => Some(r.to_string()),
        (r, t) => Some(format!("{r}:{t}")),
    };
    let paths = call.paths();
    let body = super::http::read_body(call.body(), super::http::JSON_LIMIT).await?;
    let changes_cfg: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&body).map_err(|e| ApiError::bad(format!("malformed JSON: {e}")))?
    };
    let mut changes = q.all("changes");
    if let Some(cmd) = changes_cfg.get("Cmd").filter(|c| !c.is_null()) {
        changes.push(format!("CMD {cmd}"));
    }
    let opts = crate::image::commit::CommitOptions {
        changes,
        message: q
            .get("comment")
            .map(str::to_string)
            .filter(|s| !s.is_empty()),
        author: q
            .get("author")
            .map(str::to_string)
            .filter(|s| !s.is_empty()),
        pause: q.get("pause").is_none_or(|p| p != "0" && p != "false"),
        docker: true,
        squash: false,
        include_volumes: false,
    };
    let rec = blocking(move || {
        let c = super::containers::find(&paths, &container)?;
        let cstore = super::containers::store(&paths)?;
        crate::image::commit::commit(&paths, &cstore, &c, reference.as_deref(), &opts)
    })
    .await?;
    Ok(super::http::json(
        StatusCode::CREATED,
        &json!({"Id": rec.id}),
    ))
}

/// `POST /build`: a tar context, built by skiff's builder in a helper process (its steps
/// run containers in the foreground, which wants a process of its own), output streamed as
/// docker's `{"stream": ...}` messages.
pub async fn build(call: Call) -> ApiResult {
    let q = call.query.clone();
    let req = super::build::Request::from_query(&q)?;
    let creds = call.header("X-Registry-Config").map(str::to_string);
    let _ = creds;
    let paths = call.paths();
    let svc = call.svc.clone();
    let spool = spool_body(&paths, call.body()).await?;
    super::build::run(&svc, paths, spool, req)
}

pub fn labels_of(q: &super::http::Query, key: &str) -> Result<BTreeMap<String, String>, ApiError> {
    match q.get(key).filter(|s| !s.is_empty()) {
        None => Ok(BTreeMap::new()),
        Some(s) => {
            serde_json::from_str(s).map_err(|e| ApiError::bad(format!("invalid {key}: {e}")))
        }
    }
}

pub fn hex(id: &str) -> &str {
    hex_of(id)
}
