//! Docker-compatible JSON for `image inspect` and the rows of `images` and `image history`.

use serde_json::{json, Value};

use super::store::{hex_of, ImageRecord, Store};
use crate::cli::format::{go_time, parse_rfc3339, since};

/// `docker image inspect` shape, with podman's extra fields where they are cheap.
pub fn inspect(store: &Store, img: &ImageRecord) -> anyhow::Result<Value> {
    let config: Value = serde_json::from_slice(&store.config_raw(&img.id)?)?;
    let lower: Vec<String> = img
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_diff(l).display().to_string())
        .collect();
    Ok(json!({
        // podman's shape: the bare hex id, under both names templates use.
        "Id": hex_of(&img.id),
        "ID": hex_of(&img.id),
        "Digest": img.digests.first().and_then(|d| d.split('@').nth(1)).unwrap_or(&img.manifest_digest),
        "RepoTags": img.names,
        "RepoDigests": img.digests,
        "Parent": "",
        "Comment": config.pointer("/history/0/comment").cloned().unwrap_or(json!("")),
        "Created": config.get("created").cloned().unwrap_or(Value::Null),
        "Config": config.get("config").cloned().unwrap_or(json!({})),
        "Version": config.get("docker_version").cloned().unwrap_or(json!("")),
        "Author": config.get("author").cloned().unwrap_or(json!("")),
        "Architecture": config.get("architecture").cloned().unwrap_or(json!("")),
        "Variant": config.get("variant").cloned().unwrap_or(json!("")),
        "Os": config.get("os").cloned().unwrap_or(json!("")),
        "Size": img.size,
        "VirtualSize": img.size,
        "GraphDriver": {
            "Name": "overlay",
            "Data": {
                "LowerDir": lower.join(":"),
            }
        },
        "RootFS": {
            "Type": "layers",
            "Layers": img.layers,
        },
        "Labels": config.pointer("/config/Labels").cloned().unwrap_or(Value::Null),
        "Annotations": {},
        "ManifestType": img.manifest_media_type,
        "User": config.pointer("/config/User").cloned().unwrap_or(json!("")),
        "History": config.get("history").cloned().unwrap_or(json!([])),
        "NamesHistory": img.names,
    }))
}

/// One row per name (a nameless image is one `<none>` row), as `podman images` lists them.
pub fn list_rows(img: &ImageRecord, no_trunc: bool) -> Vec<Value> {
    let id = if no_trunc {
        img.id.clone()
    } else {
        hex_of(&img.id)[..12].to_string()
    };
    let digest = img.manifest_digest.clone();
    let created_unix = img.created.as_deref().and_then(parse_rfc3339);
    let base = |repo: &str, tag: &str| {
        json!({
            "ID": id,
            "Id": img.id,
            "Repository": repo,
            "Tag": tag,
            "Digest": digest,
            "Names": img.names,
            "Digests": img.digests,
            "Created": created_unix,
            "CreatedAt": created_unix.map(go_time).unwrap_or_default(),
            "CreatedSince": since(img.created.as_deref()),
            "Size": crate::image::progress::human_size(img.size),
            "VirtualSize": img.size,
            "Dangling": img.names.is_empty(),
        })
    };
    if img.names.is_empty() {
        return vec![base("<none>", "<none>")];
    }
    img.names
        .iter()
        .map(|n| {
            let (repo, tag) = n.rsplit_once(':').unwrap_or((n, "<none>"));
            base(repo, tag)
        })
        .collect()
}

/// `image history` rows, newest first: each history entry, with the size of its layer when it
/// made one.
pub fn history_rows(
    store: &Store,
    img: &ImageRecord,
    no_trunc: bool,
) -> anyhow::Result<Vec<Value>> {
    let config = store.config(&img.id)?;
    let mut layer_iter = img.layers.iter();
    let mut rows = Vec::new();
    for h in &config.history {
        let size = if h.empty_layer {
            0
        } else {
            layer_iter
                .next()
                .and_then(|l| store.layer_record(l))
                .map(|r| r.size)
                .unwrap_or(0)
        };
        let created_by = h.created_by.clone().unwrap_or_default();
        let shown = if no_trunc || created_by.chars().count() <= 45 {
            created_by.clone()
        } else {
            format!("{}...", created_by.chars().take(42).collect::<String>())
        };
        rows.push(json!({
            "ID": "<missing>",
            "Created": h.created,
            "CreatedSince": since(h.created.as_deref()),
            "CreatedBy": shown,
            "Size": crate::image::progress::human_size(size),
            "Comment": h.comment.clone().unwrap_or_default(),
            "Tags": Value::Null,
        }));
    }
    rows.reverse();
    if let Some(top) = rows.first_mut() {
        top["ID"] = json!(if no_trunc {
            img.id.clone()
        } else {
            hex_of(&img.id)[..12].to_string()
        });
    }
    Ok(rows)
}
