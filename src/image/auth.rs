//! Registry credentials: the auth files podman and docker write (auth.json, ~/.docker/config.json),
//! credential helpers (`credsStore`, `credHelpers`), and writing auth.json for login/logout.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::storage::atomic::write_atomic;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("reading {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("parsing {path}: {source}")]
    Parse {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("the \"auth\" entry for {registry} in {path} is not base64 of user:password")]
    BadEntry { registry: String, path: PathBuf },
    #[error("credential helper docker-credential-{helper} failed for {registry}: {message}")]
    Helper {
        helper: String,
        registry: String,
        message: String,
    },
    #[error(transparent)]
    Write(#[from] crate::storage::atomic::AtomicWriteError),
    #[error("creating {path}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AuthFile {
    #[serde(default)]
    pub auths: BTreeMap<String, AuthEntry>,
    #[serde(
        default,
        rename = "credHelpers",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub cred_helpers: BTreeMap<String, String>,
    #[serde(
        default,
        rename = "credsStore",
        skip_serializing_if = "Option::is_none"
    )]
    pub creds_store: Option<String>,
    /// Everything else in the file (docker's config.json has much more) is kept on rewrite.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct AuthEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<String>,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// The files searched for credentials, in podman's order.
pub fn search_paths() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(p) = std::env::var_os("REGISTRY_AUTH_FILE") {
        v.push(PathBuf::from(p));
    }
    if let Some(d) = std::env::var_os("XDG_RUNTIME_DIR") {
        v.push(PathBuf::from(d).join("containers/auth.json"));
    }
    if let Some(b) = directories::BaseDirs::new() {
        v.push(b.config_dir().join("containers/auth.json"));
        v.push(b.home_dir().join(".docker/config.json"));
    }
    v
}

/// Where `login` writes: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json when that
/// dir is usable, else $XDG_CONFIG_HOME/containers/auth.json.
pub fn login_path() -> PathBuf {
    if let Some(p) = std::env::var_os("REGISTRY_AUTH_FILE") {
        return PathBuf::from(p);
    }
    if let Some(d) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
        if rustix::fs::access(&d, rustix::fs::Access::WRITE_OK).is_ok() {
            return d.join("containers/auth.json");
        }
    }
    directories::BaseDirs::new()
        .map(|b| b.config_dir().join("containers/auth.json"))
        .unwrap_or_else(|| PathBuf::from("auth.json"))
}

pub fn read_file(path: &Path) -> Result<Option<AuthFile>, AuthError> {
    match std::fs::read(path) {
        Ok(b) => serde_json::from_slice(&b)
            .map(Some)
            .map_err(|source| AuthError::Parse {
                path: path.to_path_buf(),
                source,
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AuthError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Keys an auth file may use for `registry` (and a repository under it), most specific first.
fn candidate_keys(registry: &str, repository: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut parts: Vec<&str> = repository.split('/').collect();
    while !parts.is_empty() {
        keys.push(format!("{registry}/{}", parts.join("/")));
        parts.pop();
    }
    keys.push(registry.to_string());
    keys.push(format!("https://{registry}"));
    keys.push(format!("http://{registry}"));
    if registry == "docker.io" {
        keys.push("https://index.docker.io/v1/".into());
        keys.push("index.docker.io".into());
        keys.push("registry-1.docker.io".into());
    }
    keys
}

/// Credentials for `registry`/`repository` from the first file and entry that has them.
pub fn lookup(registry: &str, repository: &str) -> Result<Option<Credentials>, AuthError> {
    lookup_in(&search_paths(), registry, repository)
}

pub fn lookup_in(
    paths: &[PathBuf],
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>, AuthError> {
    let keys = candidate_keys(registry, repository);
    for path in paths {
        let Some(file) = read_file(path)? else {
            continue;
        };
        if let Some(helper) = file
            .cred_helpers
            .get(registry)
            .or(file.creds_store.as_ref())
        {
            if let Some(c) = from_helper(helper, registry)? {
                return Ok(Some(c));
            }
        }
        for key in &keys {
            if let Some(auth) = file.auths.get(key).and_then(|e| e.auth.as_deref()) {
                return decode(auth).map(Some).ok_or_else(|| AuthError::BadEntry {
                    registry: key.clone(),
                    path: path.clone(),
                });
            }
        }
    }
    Ok(None)
}

pub fn encode(c: &Credentials) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password))
}

fn decode(auth: &str) -> Option<Credentials> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(auth.trim())
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (u, p) = s.split_once(':')?;
    Some(Credentials {
        username: u.to_string(),
        password: p.to_string(),
    })
}

/// `docker-credential-NAME get` with the server on stdin; "credentials not found" is not an error.
fn from_helper(helper: &str, registry: &str) -> Result<Option<Credentials>, AuthError> {
    let err = |message: String| AuthError::Helper {
        helper: helper.to_string(),
        registry: registry.to_string(),
        message,
    };
    let server = if registry == "docker.io" {
        "https://index.docker.io/v1/".to_string()
    } else {
        registry.to_string()
    };
    let mut child = match Command::new(format!("docker-credential-{helper}"))
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(err(format!(
                "docker-credential-{helper} is not installed (configured in an auth file)"
            )))
        }
        Err(e) => return Err(err(e.to_string())),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(server.as_bytes());
    }
    let out = child.wait_with_output().map_err(|e| err(e.to_string()))?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        if text.contains("credentials not found") {
            return Ok(None);
        }
        return Err(err(format!(
            "{} {}",
            text.trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    #[derive(Deserialize)]
    struct HelperReply {
        #[serde(rename = "Username")]
        username: String,
        #[serde(rename = "Secret")]
        secret: String,
    }
    let r: HelperReply = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
    if r.username == "<token>" {
        return Ok(None); // identity tokens need an OAuth exchange we do not do
    }
    Ok(Some(Credentials {
        username: r.username,
        password: r.secret,
    }))
}

/// Add or replace the entry for `key` in the auth file at `path` (0600, atomic).
pub fn store(path: &Path, key: &str, c: &Credentials) -> Result<(), AuthError> {
    let mut file = read_file(path)?.unwrap_or_default();
    file.auths.insert(
        key.to_string(),
        AuthEntry {
            auth: Some(encode(c)),
            other: BTreeMap::new(),
        },
    );
    write(path, &file)
}

/// Remove `key` (or every entry with `all`); returns whether anything was removed.
pub fn remove(path: &Path, key: Option<&str>) -> Result<bool, AuthError> {
    let Some(mut file) = read_file(path)? else {
        return Ok(false);
    };
    let removed = match key {
        Some(k) => file.auths.remove(k).is_some(),
        None => {
            let had = !file.auths.is_empty();
            file.auths.clear();
            had
        }
    };
    if removed {
        write(path, &file)?;
    }
    Ok(removed)
}

fn write(path: &Path, file: &AuthFile) -> Result<(), AuthError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| AuthError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let mut data = serde_json::to_vec_pretty(file).expect("auth file serialises");
    data.push(b'\n');
    write_atomic(path, &data)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_entries_by_host_url_and_repository() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("auth.json");
        let c = Credentials {
            username: "u".into(),
            password: "p:w".into(),
        };
        store(&p, "localhost:5000", &c).unwrap();
        assert_eq!(
            lookup_in(std::slice::from_ref(&p), "localhost:5000", "app").unwrap(),
            Some(c.clone())
        );
        assert_eq!(
            lookup_in(std::slice::from_ref(&p), "other:5000", "app").unwrap(),
            None
        );
        let hub = r#"{"auths":{"https://index.docker.io/v1/":{"auth":"YTpi"}},"psFormat":"x"}"#;
        let d = tmp.path().join("config.json");
        std::fs::write(&d, hub).unwrap();
        let got = lookup_in(&[p.clone(), d.clone()], "docker.io", "library/alpine").unwrap();
        assert_eq!(got.unwrap().username, "a");
        store(&d, "quay.io/org", &c).unwrap();
        let back = std::fs::read_to_string(&d).unwrap();
        assert!(back.contains("psFormat"), "unknown keys are kept: {back}");
        assert!(lookup_in(std::slice::from_ref(&d), "quay.io", "org/app")
            .unwrap()
            .is_some());
        assert!(lookup_in(std::slice::from_ref(&d), "quay.io", "other/app")
            .unwrap()
            .is_none());
        assert!(remove(&p, Some("localhost:5000")).unwrap());
        assert_eq!(lookup_in(&[p], "localhost:5000", "app").unwrap(), None);
    }
}
