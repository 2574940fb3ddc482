//! Kubernetes objects out as YAML that diffs well: keys sorted, nulls and empty lists dropped,
//! one `---` document each; named volumes as PersistentVolumeClaims.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::Value;

/// A named volume as a PersistentVolumeClaim (ReadWriteOnce, 1Gi requested: Kubernetes needs
/// a size; a local volume has none).
pub fn claim(v: &crate::state::volume::Volume) -> anyhow::Result<Value> {
    use k8s_openapi::api::core::v1::{
        PersistentVolumeClaim, PersistentVolumeClaimSpec, VolumeResourceRequirements,
    };
    let labels: BTreeMap<String, String> = v.labels.clone();
    Ok(tidy(serde_json::to_value(PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(v.name.clone()),
            labels: (!labels.is_empty()).then_some(labels),
            ..Default::default()
        },
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(vec!["ReadWriteOnce".into()]),
            resources: Some(VolumeResourceRequirements {
                requests: Some(BTreeMap::from([(
                    "storage".to_string(),
                    Quantity("1Gi".into()),
                )])),
                ..Default::default()
            }),
            ..Default::default()
        }),
        status: None,
    })?))
}

/// Sorted keys; nulls and empty lists dropped (an empty mapping like `emptyDir: {}` means
/// something and stays).
pub fn tidy(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut pairs: Vec<(String, Value)> = m
                .into_iter()
                .map(|(k, v)| (k, tidy(v)))
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(pairs.into_iter().collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(tidy).collect()),
        other => other,
    }
}

/// The documents as one YAML stream.
pub fn to_yaml(docs: &[Value]) -> anyhow::Result<String> {
    let mut out = String::new();
    for d in docs {
        out.push_str("---\n");
        out.push_str(&serde_saphyr::to_string(d)?);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_sorts_and_drops_empties() {
        let v = serde_json::json!({"b": [], "a": {"emptyDir": {}, "x": null}, "c": [1]});
        let t = tidy(v);
        assert_eq!(t.to_string(), r#"{"a":{"emptyDir":{}},"c":[1]}"#);
        let y = to_yaml(&[t]).unwrap();
        assert!(y.starts_with("---\na:\n"), "{y}");
    }
}
