//! `--change` instructions (`commit`, `import`): Dockerfile-style edits of an image config,
//! `CMD=...`, `ENTRYPOINT ["a"]`, `ENV K=V`, `EXPOSE 80/tcp`, `LABEL k=v`, `USER`, `WORKDIR`,
//! `VOLUME`, `STOPSIGNAL`, applied to the config's JSON so that fields skiff does not model
//! survive.

use anyhow::bail;
use serde_json::{json, Map, Value};

/// A command in JSON form, or a shell form run by `/bin/sh -c`.
fn command(v: &str) -> anyhow::Result<Value> {
    let v = v.trim();
    if v.starts_with('[') {
        let list: Vec<String> =
            serde_json::from_str(v).map_err(|e| anyhow::anyhow!("invalid JSON list {v:?}: {e}"))?;
        return Ok(json!(list));
    }
    Ok(json!(["/bin/sh", "-c", v]))
}

/// `K=V ...` or `K V` pairs.
fn pairs(v: &str) -> Vec<(String, String)> {
    let v = v.trim();
    if !v.contains('=') {
        let (k, val) = v.split_once(' ').unwrap_or((v, ""));
        return vec![(k.to_string(), val.trim().to_string())];
    }
    v.split_whitespace()
        .map(|kv| {
            let (k, val) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), val.trim_matches('"').to_string())
        })
        .collect()
}

fn obj<'a>(c: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    if !c.get(key).is_some_and(Value::is_object) {
        c.insert(key.into(), json!({}));
    }
    c.get_mut(key)
        .and_then(Value::as_object_mut)
        .expect("just made")
}

/// Apply one instruction to the `config` object of an image config.
pub fn apply(config: &mut Map<String, Value>, change: &str) -> anyhow::Result<()> {
    let split = change
        .find(['=', ' '])
        .ok_or_else(|| anyhow::anyhow!("invalid --change {change:?}: use INSTRUCTION=VALUE"))?;
    let (instr, value) = (&change[..split], &change[split + 1..]);
    match instr.to_uppercase().as_str() {
        "CMD" => {
            config.insert("Cmd".into(), command(value)?);
        }
        "ENTRYPOINT" => {
            config.insert("Entrypoint".into(), command(value)?);
        }
        "ENV" => {
            let mut env: Vec<String> = config
                .get("Env")
                .and_then(|e| serde_json::from_value(e.clone()).ok())
                .unwrap_or_default();
            for (k, v) in pairs(value) {
                env.retain(|e| e.split('=').next() != Some(k.as_str()));
                env.push(format!("{k}={v}"));
            }
            config.insert("Env".into(), json!(env));
        }
        "LABEL" => {
            for (k, v) in pairs(value) {
                obj(config, "Labels").insert(k, json!(v));
            }
        }
        "EXPOSE" => {
            for p in value.split_whitespace() {
                let key = if p.contains('/') {
                    p.to_string()
                } else {
                    format!("{p}/tcp")
                };
                obj(config, "ExposedPorts").insert(key, json!({}));
            }
        }
        "VOLUME" => {
            let v = value.trim();
            let list: Vec<String> = if v.starts_with('[') {
                serde_json::from_str(v).map_err(|e| anyhow::anyhow!("invalid VOLUME {v:?}: {e}"))?
            } else {
                v.split_whitespace().map(str::to_string).collect()
            };
            for p in list {
                obj(config, "Volumes").insert(p, json!({}));
            }
        }
        "USER" => {
            config.insert("User".into(), json!(value.trim()));
        }
        "WORKDIR" => {
            config.insert("WorkingDir".into(), json!(value.trim()));
        }
        "STOPSIGNAL" => {
            config.insert("StopSignal".into(), json!(value.trim()));
        }
        "ONBUILD" => {
            let mut list: Vec<String> = config
                .get("OnBuild")
                .and_then(|e| serde_json::from_value(e.clone()).ok())
                .unwrap_or_default();
            list.push(value.trim().to_string());
            config.insert("OnBuild".into(), json!(list));
        }
        other => bail!(
            "invalid --change {change:?}: {other} is not one of CMD, ENTRYPOINT, ENV, EXPOSE, \
             LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR"
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_edit_the_config() {
        let mut c = Map::new();
        for ch in [
            "CMD=/bin/app --serve",
            r#"ENTRYPOINT ["tini", "--"]"#,
            "ENV=A=1 B=2",
            "ENV C 3",
            "EXPOSE=80 53/udp",
            "LABEL=tier=web",
            "USER=app",
            "WORKDIR=/srv",
            "VOLUME=/data",
            "STOPSIGNAL=SIGINT",
        ] {
            apply(&mut c, ch).unwrap();
        }
        assert_eq!(c["Cmd"], json!(["/bin/sh", "-c", "/bin/app --serve"]));
        assert_eq!(c["Entrypoint"], json!(["tini", "--"]));
        assert_eq!(c["Env"], json!(["A=1", "B=2", "C=3"]));
        assert!(c["ExposedPorts"]["53/udp"].is_object() && c["ExposedPorts"]["80/tcp"].is_object());
        assert_eq!(c["Labels"]["tier"], "web");
        assert_eq!(c["User"], "app");
        assert_eq!(c["WorkingDir"], "/srv");
        assert!(c["Volumes"]["/data"].is_object());
        assert!(apply(&mut c, "RUN=make").is_err());
    }
}
