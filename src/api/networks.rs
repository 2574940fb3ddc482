//! `/networks`: skiff's bridge networks in docker's shape (`bridge` names the default network).

use bollard_stubs::models::{
    NetworkConnectRequest, NetworkCreateRequest, NetworkDisconnectRequest,
};
use hyper::StatusCode;
use serde_json::{json, Value};

use super::containers::store;
use super::http::{
    blocking, empty, json as json_resp, ok_json, read_json, status, ApiError, ApiResult,
};
use super::Call;
use crate::network::config::{NetworkConfig, NetworkRequest, NetworkStore};
use crate::network::NetAttach;
use crate::state::Container;
use crate::storage::Paths;

fn find(paths: &Paths, input: &str) -> anyhow::Result<NetworkConfig> {
    let nets = NetworkStore::open(&paths.root)?;
    let input = if input == "bridge" {
        crate::network::config::DEFAULT_NETWORK
    } else {
        input
    };
    nets.find(input)
        .map_err(|_| status(StatusCode::NOT_FOUND, format!("network {input} not found")))
}

fn shape(n: &NetworkConfig, containers: &[Container]) -> Value {
    let mut members = serde_json::Map::new();
    for c in crate::cli::network::users(containers, &n.name) {
        let link = c.state.networks.iter().find(|l| l.network == n.name);
        let v4 = link.and_then(|l| l.ips.iter().find(|i| i.addr().is_ipv4()));
        let v6 = link.and_then(|l| l.ips.iter().find(|i| i.addr().is_ipv6()));
        members.insert(
            c.id.clone(),
            json!({
                "Name": c.name,
                "EndpointID": "",
                "MacAddress": link.map(|l| l.mac.clone()).unwrap_or_default(),
                "IPv4Address": v4.map(|i| i.to_string()).unwrap_or_default(),
                "IPv6Address": v6.map(|i| i.to_string()).unwrap_or_default(),
            }),
        );
    }
    json!({
        "Name": n.name,
        "Id": n.id,
        "Created": n.created,
        "Scope": "local",
        "Driver": n.driver,
        "EnableIPv4": true,
        "EnableIPv6": n.ipv6_enabled,
        "IPAM": {
            "Driver": "default",
            "Options": n.ipam_options,
            "Config": n.subnets.iter().map(|s| {
                let mut c = json!({"Subnet": s.subnet.to_string()});
                if let Some(g) = s.gateway {
                    c["Gateway"] = json!(g.to_string());
                }
                c
            }).collect::<Vec<_>>(),
        },
        "Internal": n.internal,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": false,
        "Containers": members,
        "Options": n.options,
        "Labels": n.labels,
    })
}

pub async fn list(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["dangling", "driver", "id", "label", "name", "scope", "type"])?;
    let paths = call.paths();
    let v = blocking(move || {
        let containers = store(&paths)?.list()?;
        let mut out = Vec::new();
        let nets = NetworkStore::open(&paths.root)?;
        // The default network always exists, as docker's `bridge` does.
        let _ = nets.default_network();
        for n in nets.list()? {
            let one = |k: &str, v: &str| match k {
                "name" => n.name.contains(v),
                "id" => n.id.starts_with(v),
                "driver" => n.driver == v,
                "label" => crate::cli::format::label_matches(&n.labels, v),
                "dangling" => {
                    crate::cli::network::users(&containers, &n.name).is_empty()
                        == (v == "true" || v == "1")
                }
                "scope" => v == "local",
                "type" => {
                    v == "custom"
                        || (v == "builtin" && n.name == crate::network::config::DEFAULT_NETWORK)
                }
                _ => false,
            };
            if f.0.iter().all(|(k, vs)| vs.iter().any(|v| one(k, v))) {
                out.push(shape(&n, &containers));
            }
        }
        Ok(out)
    })
    .await?;
    ok_json(&Value::Array(v))
}

pub async fn inspect(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let v = blocking(move || {
        let n = find(&paths, &id)?;
        Ok(shape(&n, &store(&paths)?.list()?))
    })
    .await?;
    ok_json(&v)
}

pub async fn create(call: Call) -> ApiResult {
    let paths = call.paths();
    let b: NetworkCreateRequest = read_json(call.body()).await?;
    if b.name.is_empty() {
        return Err(ApiError::bad("network create needs a Name"));
    }
    let v = blocking(move || {
        let nets = NetworkStore::open(&paths.root)?;
        if nets.exists(&b.name) {
            return Err(status(
                StatusCode::CONFLICT,
                format!("network with name {} already exists", b.name),
            ));
        }
        let mut req = NetworkRequest {
            name: Some(b.name.clone()),
            driver: b.driver.clone().filter(|d| !d.is_empty()),
            internal: b.internal.unwrap_or(false),
            ipv6: b.enable_ipv6.unwrap_or(false),
            labels: b.labels.clone().unwrap_or_default().into_iter().collect(),
            options: b
                .options
                .clone()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(k, v)| match k.as_str() {
                    "com.docker.network.driver.mtu" => Some(("mtu".to_string(), v)),
                    k if k.starts_with("com.docker.") => None,
                    _ => Some((k, v)),
                })
                .collect(),
            ..Default::default()
        };
        for c in b.ipam.iter().flat_map(|i| i.config.iter().flatten()) {
            if let Some(s) = c.subnet.as_deref().filter(|s| !s.is_empty()) {
                req.subnets.push(s.parse().map_err(|_| {
                    status(StatusCode::BAD_REQUEST, format!("invalid subnet {s:?}"))
                })?);
            }
            if let Some(g) = c.gateway.as_deref().filter(|s| !s.is_empty()) {
                req.gateways.push(g.parse().map_err(|_| {
                    status(StatusCode::BAD_REQUEST, format!("invalid gateway {g:?}"))
                })?);
            }
            if let Some(r) = c.ip_range.as_deref().filter(|s| !s.is_empty()) {
                req.ip_ranges.push(r.parse().map_err(|_| {
                    status(StatusCode::BAD_REQUEST, format!("invalid IP range {r:?}"))
                })?);
            }
        }
        let n = nets
            .create(req, false)
            .map_err(|e| status(StatusCode::BAD_REQUEST, format!("{e:#}")))?;
        Ok(n.id)
    })
    .await?;
    Ok(json_resp(
        StatusCode::CREATED,
        &json!({"Id": v, "Warning": ""}),
    ))
}

pub async fn remove(call: Call, id: &str) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    blocking(move || {
        let n = find(&paths, &id)?;
        if n.name == crate::network::config::DEFAULT_NETWORK {
            return Err(status(
                StatusCode::FORBIDDEN,
                format!("{} is a pre-defined network and cannot be removed", n.name),
            ));
        }
        let nets = NetworkStore::open(&paths.root)?;
        crate::cli::network::remove_network(&paths, &nets, &store(&paths)?, &n.name, false, 0)
            .map_err(|e| status(StatusCode::CONFLICT, format!("{e:#}")))
    })
    .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

pub async fn prune(call: Call) -> ApiResult {
    let f = call.query.filters()?;
    f.only(&["label", "label!", "until"])?;
    let paths = call.paths();
    let gone = blocking(move || {
        let nets = NetworkStore::open(&paths.root)?;
        let cstore = store(&paths)?;
        let containers = cstore.list()?;
        let mut gone = Vec::new();
        for n in nets.list()? {
            if n.name == crate::network::config::DEFAULT_NETWORK
                || !crate::cli::network::users(&containers, &n.name).is_empty()
            {
                continue;
            }
            let created = crate::cli::format::parse_rfc3339(&n.created).unwrap_or(0);
            if crate::cli::format::prune_filter_matches(&f.pairs(), &n.labels, created)? {
                crate::cli::network::remove_network(&paths, &nets, &cstore, &n.name, false, 0)?;
                gone.push(n.name);
            }
        }
        Ok(gone)
    })
    .await?;
    ok_json(&json!({"NetworksDeleted": gone}))
}

#[derive(serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
enum ConnectBody {
    Connect(Box<NetworkConnectRequest>),
    Disconnect(NetworkDisconnectRequest),
}

/// `connect` (with aliases and static addresses) and `disconnect`, also of running containers.
pub async fn connect(call: Call, id: &str, on: bool) -> ApiResult {
    let paths = call.paths();
    let id = id.to_string();
    let raw = super::http::read_body(call.body(), super::http::JSON_LIMIT).await?;
    let body = if on {
        ConnectBody::Connect(Box::new(super::http::parse_json(&raw)?))
    } else {
        ConnectBody::Disconnect(super::http::parse_json(&raw)?)
    };
    blocking(move || {
        let n = find(&paths, &id)?;
        let cstore = store(&paths)?;
        match body {
            ConnectBody::Connect(b) => {
                let ctr = b.container.clone().unwrap_or_default();
                super::containers::find(&paths, &ctr)?;
                let ep = b.endpoint_config.clone().unwrap_or_default();
                let mut ips = Vec::new();
                if let Some(ipam) = &ep.ipam_config {
                    for ip in [&ipam.ipv4_address, &ipam.ipv6_address]
                        .into_iter()
                        .flatten()
                    {
                        if !ip.is_empty() {
                            ips.push(ip.parse().map_err(|_| {
                                status(StatusCode::BAD_REQUEST, format!("invalid address {ip:?}"))
                            })?);
                        }
                    }
                }
                let w = NetAttach {
                    network: n.name.clone(),
                    aliases: ep.aliases.unwrap_or_default(),
                    ips,
                    mac: ep
                        .mac_address
                        .as_deref()
                        .filter(|m| !m.is_empty())
                        .map(crate::network::parse_mac)
                        .transpose()?,
                    interface: None,
                };
                let _ = &cstore;
                super::helper::run(
                    &paths,
                    &super::helper::Op::Connect {
                        container: ctr,
                        attach: w,
                    },
                )
            }
            ConnectBody::Disconnect(b) => {
                let ctr = b.container.clone().unwrap_or_default();
                super::containers::find(&paths, &ctr)?;
                super::helper::run(
                    &paths,
                    &super::helper::Op::Disconnect {
                        container: ctr,
                        network: n.name.clone(),
                    },
                )
            }
        }
    })
    .await?;
    Ok(empty(StatusCode::OK))
}
