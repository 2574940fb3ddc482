//! Talking to registries through oci-client: endpoint choice (mirrors, plain HTTP, custom CAs),
//! credentials, retries with backoff, manifests fetched raw and verified, blobs streamed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::stream::BoxStream;
use oci_client::client::{Certificate, CertificateEncoding, ClientConfig, ClientProtocol};
use oci_client::errors::OciDistributionError;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};

use super::auth;
use super::manifest::ACCEPTED;
use super::reference::Reference;
use super::registries::{Endpoint, RegistriesConf};
pub use super::registry_error::{error_chain, RegistryError};
use super::registry_error::{retry_after, unreachable};

/// One registry endpoint with its client and credentials; cheap to clone.
#[derive(Clone)]
pub struct Remote {
    pub endpoint: Endpoint,
    /// oci-client does the auth dance (challenge, token endpoint, basic) and the login check.
    client: Arc<Client>,
    auth: RegistryAuth,
    /// Manifests and blobs go through our own requests, which see Retry-After and stream.
    http: reqwest::Client,
    /// The Authorization header value, once known (None: anonymous access works).
    authorization: Arc<tokio::sync::Mutex<Option<Option<String>>>>,
}

/// Builds and caches one oci-client per endpoint.
pub struct Registries {
    pub conf: RegistriesConf,
    cert_dirs: Vec<PathBuf>,
    clients: Mutex<HashMap<String, Remote>>,
    access: Access,
}

/// podman's per-command registry flags: `--tls-verify`, `--cert-dir`, `--authfile`, `--creds`.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// false: HTTPS without certificate checks, then plain HTTP; true: HTTPS only, even where
    /// registries.conf says insecure or the registry is on loopback; None: registries.conf.
    pub tls_verify: Option<bool>,
    /// CA certificates (`*.crt`) for every registry, instead of the certs.d dirs.
    pub cert_dir: Option<PathBuf>,
    /// Credentials from this file only.
    pub authfile: Option<PathBuf>,
    /// These credentials.
    pub creds: Option<auth::Credentials>,
}

impl Access {
    /// `--creds USER:PASSWORD`.
    pub fn parse_creds(s: &str) -> Result<auth::Credentials, String> {
        match s.split_once(':') {
            Some((u, p)) if !u.is_empty() => Ok(auth::Credentials {
                username: u.to_string(),
                password: p.to_string(),
            }),
            _ => Err(format!("invalid --creds {s:?}: give USER:PASSWORD")),
        }
    }
}

const ATTEMPTS: u32 = 4;

impl Registries {
    pub fn new(conf: RegistriesConf, config_dir: &Path) -> Registries {
        let mut cert_dirs = vec![config_dir.join("certs.d")];
        if let Some(b) = directories::BaseDirs::new() {
            cert_dirs.push(b.config_dir().join("containers/certs.d"));
        }
        cert_dirs.push(PathBuf::from("/etc/containers/certs.d"));
        cert_dirs.push(PathBuf::from("/etc/docker/certs.d"));
        Registries {
            conf,
            cert_dirs,
            clients: Mutex::new(HashMap::new()),
            access: Access::default(),
        }
    }

    pub fn with_access(mut self, access: Access) -> Registries {
        self.access = access;
        self
    }

    /// CA files for `host` (certs.d/HOST[:PORT]/*.crt).
    fn ca_files(&self, host: &str) -> Vec<PathBuf> {
        let mut v = Vec::new();
        if let Some(d) = &self.access.cert_dir {
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "crt") {
                    v.push(p);
                }
            }
            v.sort();
            return v;
        }
        for d in &self.cert_dirs {
            if let Ok(rd) = std::fs::read_dir(d.join(host)) {
                for e in rd.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "crt") {
                        v.push(p);
                    }
                }
            }
        }
        v.sort();
        v
    }

    /// Endpoints to try for a reference: mirrors first, then the registry.
    pub fn endpoints(&self, r: &Reference) -> Result<Vec<Endpoint>, RegistryError> {
        if self.conf.is_blocked(r) {
            return Err(RegistryError::Blocked {
                reference: r.to_string(),
                registry: r.registry.clone(),
                conf: self
                    .conf
                    .source
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            });
        }
        let eps = self.conf.endpoints(r, |h| !self.ca_files(h).is_empty());
        Ok(match self.access.tls_verify {
            None => eps,
            Some(true) => eps.into_iter().filter(|e| !e.insecure).collect(),
            Some(false) => {
                let mut out: Vec<Endpoint> = Vec::new();
                for e in eps {
                    if out.iter().any(|o| o.host == e.host) {
                        continue;
                    }
                    for insecure in [false, true] {
                        out.push(Endpoint {
                            host: e.host.clone(),
                            insecure,
                            skip_verify: !insecure,
                        });
                    }
                }
                out
            }
        })
    }

    /// The client for an endpoint, with credentials for `r`'s repository on it.
    pub fn remote(&self, ep: &Endpoint, r: &Reference) -> Result<Remote, RegistryError> {
        let key = format!(
            "{}|{}|{}|{}",
            ep.host, ep.insecure, ep.skip_verify, r.repository
        );
        if let Some(remote) = self.clients.lock().unwrap().get(&key) {
            return Ok(remote.clone());
        }
        let found = match (&self.access.creds, &self.access.authfile) {
            (Some(c), _) => Some(c.clone()),
            (None, Some(f)) => auth::lookup_in(std::slice::from_ref(f), &ep.host, &r.repository)?,
            (None, None) => auth::lookup(&ep.host, &r.repository)?,
        };
        let auth = match found {
            Some(c) => RegistryAuth::Basic(c.username, c.password),
            None => RegistryAuth::Anonymous,
        };
        let remote = self.build(ep, auth)?;
        self.clients.lock().unwrap().insert(key, remote.clone());
        Ok(remote)
    }

    /// A client with explicit credentials (login checks them before storing).
    pub fn remote_with(
        &self,
        ep: &Endpoint,
        _r: &Reference,
        c: &auth::Credentials,
    ) -> Result<Remote, RegistryError> {
        self.build(
            ep,
            RegistryAuth::Basic(c.username.clone(), c.password.clone()),
        )
    }

    fn build(&self, ep: &Endpoint, auth: RegistryAuth) -> Result<Remote, RegistryError> {
        let mut certs = Vec::new();
        for path in self.ca_files(&ep.host) {
            let data = std::fs::read(&path).map_err(|source| RegistryError::Ca { path, source })?;
            certs.push(Certificate {
                encoding: CertificateEncoding::Pem,
                data,
            });
        }
        let config = ClientConfig {
            protocol: if ep.insecure {
                ClientProtocol::Http
            } else {
                ClientProtocol::Https
            },
            extra_root_certificates: certs,
            accept_invalid_certificates: ep.skip_verify,
            platform_resolver: None,
            connect_timeout: Some(Duration::from_secs(30)),
            read_timeout: Some(Duration::from_secs(300)),
            user_agent: concat!("skiff/", env!("CARGO_PKG_VERSION")),
            ..Default::default()
        };
        let mut http = reqwest::Client::builder()
            .user_agent(concat!("skiff/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(30))
            .read_timeout(Duration::from_secs(300))
            .danger_accept_invalid_certs(ep.skip_verify);
        for c in &config.extra_root_certificates {
            let cert = reqwest::Certificate::from_pem(&c.data).map_err(|e| RegistryError::Ca {
                path: PathBuf::from(&ep.host),
                source: std::io::Error::other(e),
            })?;
            http = http.add_root_certificate(cert);
        }
        let http = http.build().map_err(|e| RegistryError::Other {
            reference: String::new(),
            host: ep.host.clone(),
            message: error_chain(&e),
        })?;
        Ok(Remote {
            endpoint: ep.clone(),
            client: Arc::new(Client::new(config)),
            auth,
            http,
            authorization: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }
}

/// A fetched, digest-verified manifest.
pub struct RawManifest {
    pub body: Vec<u8>,
    pub digest: String,
    pub content_type: Option<String>,
}

impl Remote {
    fn oci_ref(&self, r: &Reference, digest: Option<&str>) -> oci_client::Reference {
        let repo = r.repository.clone();
        match digest.or(r.digest.as_deref()) {
            Some(d) => {
                oci_client::Reference::with_digest(self.endpoint.host.clone(), repo, d.to_string())
            }
            None => oci_client::Reference::with_tag(
                self.endpoint.host.clone(),
                repo,
                r.tag.clone().unwrap_or_else(|| "latest".into()),
            ),
        }
    }

    /// Check credentials (login). A token server that issues a token has accepted them; with basic
    /// auth the registry only says so on a real request, so list tags of `r` (a 404 for the probe
    /// repository still proves the credentials were accepted).
    pub async fn check_login(&self, r: &Reference) -> Result<(), RegistryError> {
        let oref = self.oci_ref(r, None);
        let token = self
            .client
            .auth(&oref, &self.auth, RegistryOperation::Pull)
            .await
            .map_err(|e| self.classify(r, e))?;
        if token.is_some() {
            return Ok(());
        }
        match self
            .client
            .list_tags(&oref, &self.auth, Some(1), None)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => match self.classify(r, e) {
                RegistryError::NotFound { .. } => Ok(()),
                other => Err(other),
            },
        }
    }

    /// Every tag of `r`'s repository (`pull --all-tags`).
    pub async fn tags(&self, r: &Reference) -> Result<Vec<String>, RegistryError> {
        let oref = self.oci_ref(r, None);
        self.client
            .list_tags(&oref, &self.auth, None, None)
            .await
            .map(|t| t.tags)
            .map_err(|e| self.classify(r, e))
    }

    fn base_url(&self) -> String {
        let scheme = if self.endpoint.insecure {
            "http"
        } else {
            "https"
        };
        let host = match self.endpoint.host.as_str() {
            "docker.io" => "registry-1.docker.io",
            h => h,
        };
        format!("{scheme}://{host}")
    }

    /// The Authorization header to send: a bearer token from the registry's token server (fetched
    /// once through oci-client), basic credentials, or nothing.
    async fn authorization(
        &self,
        r: &Reference,
        refresh: bool,
    ) -> Result<Option<String>, RegistryError> {
        let mut cached = self.authorization.lock().await;
        if let (Some(v), false) = (cached.as_ref(), refresh) {
            return Ok(v.clone());
        }
        let oref = self.oci_ref(r, None);
        let token = self
            .retry(r, || {
                self.client.auth(&oref, &self.auth, RegistryOperation::Pull)
            })
            .await?;
        let value = match (token, &self.auth) {
            (Some(t), _) => Some(format!("Bearer {t}")),
            (None, RegistryAuth::Basic(u, p)) => {
                use base64::Engine;
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"))
                ))
            }
            (None, _) => None,
        };
        *cached = Some(value.clone());
        Ok(value)
    }

    /// GET with retries: 429 and 5xx wait as long as Retry-After says (capped at a minute) or back
    /// off exponentially; dropped connections and timeouts are retried; a 401 refreshes the token
    /// once. Redirects (blob storage) are followed by reqwest, which drops Authorization when the
    /// host, port or scheme changes.
    async fn get(
        &self,
        r: &Reference,
        url: &str,
        accept: Option<&str>,
    ) -> Result<reqwest::Response, RegistryError> {
        let reference = r.to_string();
        let host = self.endpoint.host.clone();
        let mut refreshed = false;
        let mut attempt = 0u32;
        loop {
            let auth = self.authorization(r, false).await?;
            let mut req = self.http.get(url);
            if let Some(a) = &auth {
                req = req.header(reqwest::header::AUTHORIZATION, a);
            }
            if let Some(a) = accept {
                req = req.header(reqwest::header::ACCEPT, a);
            }
            let wait = match req.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    match status {
                        200..=299 => return Ok(resp),
                        401 | 403 if !refreshed && status == 401 => {
                            refreshed = true;
                            self.authorization(r, true).await?;
                            continue;
                        }
                        401 | 403 => {
                            return Err(RegistryError::Unauthorized {
                                reference,
                                host,
                                detail: match &self.auth {
                                    RegistryAuth::Anonymous => String::new(),
                                    _ => " (the stored credentials were refused)".into(),
                                },
                            })
                        }
                        404 => return Err(RegistryError::NotFound { reference, host }),
                        429 | 500..=599 if attempt + 1 < ATTEMPTS => retry_after(resp.headers())
                            .unwrap_or(Duration::from_millis(500 << attempt)),
                        _ => {
                            let body = resp.text().await.unwrap_or_default();
                            return Err(RegistryError::Other {
                                reference,
                                host,
                                message: format!("{url}: HTTP {status}: {}", body.trim()),
                            });
                        }
                    }
                }
                Err(e) => {
                    let chain = error_chain(&e);
                    let lower = chain.to_lowercase();
                    let transient =
                        e.is_timeout() || lower.contains("reset") || lower.contains("broken pipe");
                    if !(transient && attempt + 1 < ATTEMPTS) {
                        return Err(unreachable(r, &self.endpoint, chain));
                    }
                    Duration::from_millis(500 << attempt)
                }
            };
            tracing::info!(%url, ?wait, "retrying registry request");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Fetch the manifest for `r` (or for `digest` in its repository), verified against the digest
    /// asked for and the registry's Docker-Content-Digest.
    pub async fn manifest(
        &self,
        r: &Reference,
        digest: Option<&str>,
    ) -> Result<RawManifest, RegistryError> {
        let reference = digest
            .or(r.digest.as_deref())
            .map(str::to_string)
            .unwrap_or_else(|| r.tag.clone().unwrap_or_else(|| "latest".into()));
        let url = format!(
            "{}/v2/{}/manifests/{reference}",
            self.base_url(),
            r.repository
        );
        let resp = self.get(r, &url, Some(&ACCEPTED.join(", "))).await?;
        let header = resp
            .headers()
            .get("docker-content-digest")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = resp
            .bytes()
            .await
            .map_err(|e| unreachable(r, &self.endpoint, error_chain(&e)))?;
        let actual = sha256_digest(&body);
        let expected = digest
            .or(r.digest.as_deref())
            .map(str::to_string)
            .or(header.clone());
        if let Some(exp) = expected.filter(|e| e.starts_with("sha256:")) {
            if exp != actual
                || header
                    .as_ref()
                    .is_some_and(|h| h.starts_with("sha256:") && *h != actual)
            {
                return Err(RegistryError::DigestMismatch {
                    reference: r.to_string(),
                    host: self.endpoint.host.clone(),
                    message: format!("manifest is {actual}, expected {exp}"),
                });
            }
        }
        Ok(RawManifest {
            body: body.to_vec(),
            digest: actual,
            content_type,
        })
    }

    /// A small blob (config) read whole and verified.
    pub async fn blob_bytes(&self, r: &Reference, digest: &str) -> Result<Vec<u8>, RegistryError> {
        let resp = self.blob_response(r, digest).await?;
        let body = resp
            .bytes()
            .await
            .map_err(|e| unreachable(r, &self.endpoint, error_chain(&e)))?;
        let actual = sha256_digest(&body);
        if actual != digest {
            return Err(RegistryError::DigestMismatch {
                reference: r.to_string(),
                host: self.endpoint.host.clone(),
                message: format!("blob {digest} has content {actual}"),
            });
        }
        Ok(body.to_vec())
    }

    /// A layer blob as a stream of chunks. The caller verifies the digest as it consumes it.
    pub async fn blob_stream(
        &self,
        r: &Reference,
        digest: &str,
    ) -> Result<
        (
            Option<u64>,
            BoxStream<'static, std::io::Result<bytes::Bytes>>,
        ),
        RegistryError,
    > {
        use futures_util::TryStreamExt;
        let resp = self.blob_response(r, digest).await?;
        let len = resp.content_length();
        Ok((
            len,
            Box::pin(resp.bytes_stream().map_err(std::io::Error::other)),
        ))
    }

    async fn blob_response(
        &self,
        r: &Reference,
        digest: &str,
    ) -> Result<reqwest::Response, RegistryError> {
        let url = format!("{}/v2/{}/blobs/{digest}", self.base_url(), r.repository);
        self.get(r, &url, None).await
    }

    async fn retry<T, F, Fut>(&self, r: &Reference, mut op: F) -> Result<T, RegistryError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, OciDistributionError>>,
    {
        let mut attempt = 0;
        loop {
            match op().await {
                Ok(v) => return Ok(v),
                Err(e) if attempt + 1 < ATTEMPTS && retryable(&e) => {
                    let wait = Duration::from_millis(500 << attempt);
                    tracing::info!(host = %self.endpoint.host, error = %e, ?wait, "retrying registry request");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(e) => return Err(self.classify(r, e)),
            }
        }
    }

    pub fn classify(&self, r: &Reference, e: OciDistributionError) -> RegistryError {
        let reference = r.to_string();
        let host = self.endpoint.host.clone();
        match e {
            OciDistributionError::UnauthorizedError { .. }
            | OciDistributionError::AuthenticationFailure(_) => RegistryError::Unauthorized {
                reference,
                host,
                detail: match &self.auth {
                    RegistryAuth::Anonymous => String::new(),
                    _ => " (the stored credentials were refused)".into(),
                },
            },
            OciDistributionError::ImageManifestNotFoundError(_) => {
                RegistryError::NotFound { reference, host }
            }
            OciDistributionError::RegistryError { ref envelope, .. }
                if envelope.errors.iter().any(|x| {
                    let c = format!("{:?}", x.code).to_uppercase();
                    c.contains("UNKNOWN")
                }) =>
            {
                if envelope.errors.iter().any(|x| {
                    format!("{:?}", x.code)
                        .to_uppercase()
                        .contains("UNAUTHORIZED")
                }) {
                    RegistryError::Unauthorized {
                        reference,
                        host,
                        detail: String::new(),
                    }
                } else {
                    RegistryError::NotFound { reference, host }
                }
            }
            OciDistributionError::RegistryError { ref envelope, .. }
                if envelope.errors.iter().any(|x| {
                    let c = format!("{:?}", x.code).to_uppercase();
                    c.contains("UNAUTHORIZED") || c.contains("DENIED")
                }) =>
            {
                RegistryError::Unauthorized {
                    reference,
                    host,
                    detail: String::new(),
                }
            }
            OciDistributionError::ServerError { code: 404, .. } => {
                RegistryError::NotFound { reference, host }
            }
            OciDistributionError::ServerError {
                code: 401 | 403, ..
            } => RegistryError::Unauthorized {
                reference,
                host,
                detail: String::new(),
            },
            OciDistributionError::DigestError(d) => RegistryError::DigestMismatch {
                reference,
                host,
                message: d.to_string(),
            },
            OciDistributionError::RequestError(ref re) if re.is_connect() || re.is_timeout() => {
                unreachable(r, &self.endpoint, error_chain(&e))
            }
            other => RegistryError::Other {
                reference,
                host,
                message: error_chain(&other),
            },
        }
    }
}

/// Worth another try: throttling, server errors, timeouts and dropped connections. Not refused
/// connections or TLS failures, which fail the same way again (and end an HTTPS probe of a
/// plain-HTTP loopback registry quickly).
fn retryable(e: &OciDistributionError) -> bool {
    match e {
        OciDistributionError::ServerError { code, .. } => *code == 429 || (500..600).contains(code),
        OciDistributionError::RequestError(r) => {
            let chain = error_chain(e).to_lowercase();
            r.is_timeout()
                || chain.contains("reset")
                || chain.contains("broken pipe")
                || chain.contains("unexpected eof")
        }
        OciDistributionError::IoError(_) => true,
        _ => false,
    }
}

/// `sha256:<hex>` of a byte slice.
fn sha256_digest(data: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{}", super::unpack::hex(&sha2::Sha256::digest(data)))
}
