//! The images of a pod: pulled per imagePullPolicy (Kubernetes' defaults), with the credentials
//! of the pod's imagePullSecrets (`kubernetes.io/dockerconfigjson`) for the image's registry.

use anyhow::{bail, Context};
use k8s_openapi::api::core::v1::{Container, PodSpec};

use super::Manifest;
use crate::image::store::{ImageRecord, Store};
use crate::storage::Paths;

/// The registry host of an image reference (docker.io when none is named).
fn registry_of(image: &str) -> String {
    match image.split_once('/') {
        Some((first, _)) if first.contains('.') || first.contains(':') || first == "localhost" => {
            first.to_string()
        }
        _ => "docker.io".into(),
    }
}

/// Credentials for `image` from the pod's imagePullSecrets (`kubernetes.io/dockerconfigjson`).
fn pull_credentials(
    m: &Manifest,
    spec: &PodSpec,
    image: &str,
) -> anyhow::Result<Option<crate::image::auth::Credentials>> {
    let host = registry_of(image);
    for r in spec.image_pull_secrets.iter().flatten() {
        let Some(s) = m.secrets.get(&r.name) else {
            bail!(
                "imagePullSecrets: Secret {:?} is not in the manifest",
                r.name
            );
        };
        let data = super::volumes::secret_data(s);
        let Some(json) = data.get(".dockerconfigjson").or(data.get(".dockercfg")) else {
            bail!(
                "imagePullSecrets: Secret {} has no .dockerconfigjson (type kubernetes.io/dockerconfigjson)",
                r.name
            );
        };
        let v: serde_json::Value = serde_json::from_slice(json).with_context(|| {
            format!(
                "imagePullSecrets: Secret {}: .dockerconfigjson is not JSON",
                r.name
            )
        })?;
        let auths = v.get("auths").unwrap_or(&v);
        for (reg, entry) in auths.as_object().into_iter().flatten() {
            let reg_host = reg
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .split('/')
                .next()
                .unwrap_or_default();
            let same = reg_host == host || (host == "docker.io" && reg_host.ends_with("docker.io"));
            if !same {
                continue;
            }
            let (mut user, mut pass) = (
                entry
                    .get("username")
                    .and_then(|u| u.as_str())
                    .unwrap_or_default()
                    .to_string(),
                entry
                    .get("password")
                    .and_then(|u| u.as_str())
                    .unwrap_or_default()
                    .to_string(),
            );
            if let Some(a) = entry.get("auth").and_then(|a| a.as_str()) {
                use base64::Engine;
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(a)
                    .with_context(|| {
                        format!("imagePullSecrets: Secret {}: auth is not base64", r.name)
                    })?;
                let s = String::from_utf8_lossy(&raw).into_owned();
                if let Some((u, p)) = s.split_once(':') {
                    user = u.to_string();
                    pass = p.to_string();
                }
            }
            if !user.is_empty() {
                return Ok(Some(crate::image::auth::Credentials {
                    username: user,
                    password: pass,
                }));
            }
        }
    }
    Ok(None)
}

/// The image in the store, pulled per imagePullPolicy (Kubernetes' default: Always for `:latest`
/// or no tag, IfNotPresent otherwise).
pub fn ensure_image(
    paths: &Paths,
    store: &Store,
    m: &Manifest,
    spec: &PodSpec,
    c: &Container,
    access: &crate::image::registry::Access,
) -> anyhow::Result<ImageRecord> {
    let image = c.image.clone().unwrap_or_default();
    let tagged = {
        let last = image.rsplit('/').next().unwrap_or_default();
        image.contains('@') || (last.contains(':') && !last.ends_with(":latest"))
    };
    let policy = c
        .image_pull_policy
        .clone()
        .unwrap_or_else(|| if tagged { "IfNotPresent" } else { "Always" }.into());
    let search = crate::image::registries::RegistriesConf::load(&paths.config)?.search_registries();
    let existing = {
        let _g = store.lock_images(crate::storage::LockMode::Shared)?;
        crate::image::store::find(&store.load()?, &image, &search)
            .ok()
            .cloned()
    };
    let pull = || -> anyhow::Result<ImageRecord> {
        let mut access = access.clone();
        if access.creds.is_none() {
            access.creds = pull_credentials(m, spec, &image)?;
        }
        let opts = crate::image::pull::PullOptions {
            platform: crate::image::manifest::Platform::host(),
            quiet: true,
            access,
        };
        crate::image::pull::pull(paths, &image, &opts)
            .with_context(|| format!("container {}: pulling {image}", c.name))
    };
    match (policy.as_str(), existing) {
        ("Never", None) => bail!(
            "container {}: image {image} is not in the store and imagePullPolicy is Never",
            c.name
        ),
        ("Never" | "IfNotPresent", Some(i)) => Ok(i),
        ("Always", Some(i)) => match pull() {
            Ok(p) => Ok(p),
            // Kubernetes would fail; a local image (built, not pushed) is what a laptop means.
            Err(_) if !image.contains('/') || registry_of(&image) == "localhost" => Ok(i),
            Err(e) => Err(e),
        },
        ("Always" | "IfNotPresent", None) => pull(),
        (other, _) => bail!("container {}: invalid imagePullPolicy {other:?}", c.name),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn registries_of_references() {
        use super::registry_of;
        assert_eq!(registry_of("localhost:5000/a/b"), "localhost:5000");
        assert_eq!(registry_of("nginx"), "docker.io");
        assert_eq!(registry_of("library/nginx"), "docker.io");
    }
}
