//! `/volumes`: skiff's named volumes in docker's shape.

use bollard_stubs::models::VolumeCreateOptions;
use hyper::StatusCode;
use serde_json::{json, Value};

use super::containers::store;
use super::http::{
    blocking, empty, json as json_resp, ok_json, read_json, status, ApiError, ApiResult,
};
use super::Call;
use crate::state::volume::{Volume, VolumeStore};
use crate::storage::Paths;

fn shape(v: &Volume) -> Value {
    json!({
        "Name": v.name,
        "Driver": v.driver,
        "Mountpoint": v.mountpoint,
        "CreatedAt": crate::cli::format::rfc3339(v.created_at),
        "Labels": v.labels,
        "Scope": v.scope,
        "Options": v.options,
    })
}

pub fn all(paths: &Paths) -> anyhow::Result<Vec<Value>> {
    Ok(VolumeStore::open(&paths.root)?
        .list()?
        .iter()
        .map(shape)
        .collect())
}

pub async fn list(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["dangling", "driver", "label", "name"])?;
    let paths = call.paths();
    let v = blocking(move || {
        let containers = store(&paths)?.list()?;
        let mut out = Vec::new();
        for v in VolumeStore::open(&paths.root)?.list()? {
            let one = |k: &str, val: &str| match k {
                "name" => v.name.contains(val),
                "driver" => v.driver == val,
                "label" => crate::cli::format::label_matches(&v.labels, val),
                "dangling" => {
                    VolumeStore::users(&containers, &v.name).is_empty()
                        == (val == "true" || val == "1")
                }
                _ => false,
            };
            if f.0.iter().all(|(k, vs)| vs.iter().any(|x| one(k, x))) {
                out.push(shape(&v));
            }
        }
        Ok(out)
    })
    .await?;
    ok_json(&json!({"Volumes": v, "Warnings": []}))
}

pub async fn create(call: Call) -> ApiResult {
    let paths = call.paths();
    let b: VolumeCreateOptions = read_json(call.body()).await?;
    if let Some(d) = b
        .driver
        .as_deref()
        .filter(|d| !d.is_empty() && *d != "local")
    {
        return Err(ApiError::bad(format!(
            "volume driver {d:?} is not supported: local"
        )));
    }
    let v = blocking(move || {
        let vs = VolumeStore::open(&paths.root)?;
        let name = b
            .name
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(crate::state::names::random_id);
        let labels = b.labels.clone().unwrap_or_default().into_iter().collect();
        let (v, _) = vs
            .ensure(&name, labels, false)
            .map_err(|e| status(StatusCode::BAD_REQUEST, format!("{e:#}")))?;
        let opts: std::collections::BTreeMap<String, String> = b
            .driver_opts
            .clone()
            .unwrap_or_default()
            .into_iter()
            .collect();
        if !opts.is_empty() {
            vs.set_options(&name, opts)
                .map_err(|e| status(StatusCode::BAD_REQUEST, format!("{e:#}")))?;
            return Ok(shape(&vs.get(&name)?));
        }
        Ok(shape(&v))
    })
    .await?;
    Ok(json_resp(StatusCode::CREATED, &v))
}

pub async fn inspect(call: Call, name: &str) -> ApiResult {
    let paths = call.paths();
    let name = name.to_string();
    let v = blocking(move || {
        let v = VolumeStore::open(&paths.root)?
            .get(&name)
            .map_err(|_| status(StatusCode::NOT_FOUND, format!("get {name}: no such volume")))?;
        Ok(shape(&v))
    })
    .await?;
    ok_json(&v)
}

pub async fn remove(call: Call, name: &str) -> ApiResult {
    let paths = call.paths();
    let name = name.to_string();
    let force = call.query.flag("force");
    blocking(move || {
        let vs = VolumeStore::open(&paths.root)?;
        vs.get(&name)
            .map_err(|_| status(StatusCode::NOT_FOUND, format!("get {name}: no such volume")))?;
        vs.remove(&store(&paths)?, &name, force)
            .map_err(|e| status(StatusCode::CONFLICT, format!("{e:#}")))
    })
    .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

pub async fn prune(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["label", "label!", "all"])?;
    let paths = call.paths();
    let gone = blocking(move || {
        let pairs: Vec<String> = f
            .pairs()
            .into_iter()
            .filter(|p| !p.starts_with("all="))
            .collect();
        crate::cli::volume::prune_volumes(&VolumeStore::open(&paths.root)?, &store(&paths)?, &pairs)
    })
    .await?;
    ok_json(&json!({"VolumesDeleted": gone, "SpaceReclaimed": 0}))
}
