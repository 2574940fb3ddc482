//! Talking to registries through oci-client: endpoint choice (mirrors, plain HTTP, custom CAs),
//! credentials, retries with backoff, manifests fetched raw and verified, blobs streamed.

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::BoxStream;
use oci_client::errors::OciDistributionError;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};

pub use super::access::Access;
pub use super::clients::Registries;
use super::manifest::ACCEPTED;
use super::reference::Reference;
use super::registries::Endpoint;
pub use super::registry_error::{error_chain, RegistryError};
use super::registry_error::{retry_after, unreachable};

/// Tries of one request before its error is final.
const ATTEMPTS: u32 = 4;

/// Manifests and configs are small (containerd caps manifests at 4 MiB too): a registry that
/// sends more is refused before it fills the memory.
pub const MAX_MANIFEST: usize = 4 << 20;
pub const MAX_CONFIG: usize = 16 << 20;
/// How long a token server may take (all tries together).
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// One registry endpoint with its client and credentials; cheap to clone.
#[derive(Clone)]
pub struct Remote {
    pub endpoint: Endpoint,
    /// oci-client does the auth dance (challenge, token endpoint, basic) and the login check.
    pub(super) client: Arc<Client>,
    pub(super) auth: RegistryAuth,
    /// Manifests and blobs go through our own requests, which see Retry-After and stream.
    pub(super) http: reqwest::Client,
    /// The Authorization header value, once known (None: anonymous access works).
    pub(super) authorization: Arc<tokio::sync::Mutex<Option<Option<String>>>>,
    /// The same for pushing (a token with scope `push,pull`).
    pub(super) push_authorization: Arc<tokio::sync::Mutex<Option<Option<String>>>>,
}

/// A fetched, digest-verified manifest.
pub struct RawManifest {
    pub body: Vec<u8>,
    pub digest: String,
    pub content_type: Option<String>,
}

impl Remote {
    pub(super) fn oci_ref(&self, r: &Reference, digest: Option<&str>) -> oci_client::Reference {
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

    pub(crate) fn base_url(&self) -> String {
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
        self.authorization_for(r, refresh, RegistryOperation::Pull)
            .await
    }

    /// The Authorization header for `op` (pull, or push with a `push,pull` token), each cached on
    /// its own: a token server that issues one, basic credentials, or nothing.
    pub(super) async fn authorization_for(
        &self,
        r: &Reference,
        refresh: bool,
        op: RegistryOperation,
    ) -> Result<Option<String>, RegistryError> {
        let cache = match op {
            RegistryOperation::Push => &self.push_authorization,
            RegistryOperation::Pull => &self.authorization,
        };
        let mut cached = cache.lock().await;
        if let (Some(v), false) = (cached.as_ref(), refresh) {
            return Ok(v.clone());
        }
        let oref = self.oci_ref(r, None);
        // A token server that takes the connection and never answers must not hold the pull
        // for the client's long read timeout (times the retries).
        let token = match tokio::time::timeout(
            TOKEN_TIMEOUT,
            self.retry(r, || self.client.auth(&oref, &self.auth, op)),
        )
        .await
        {
            Ok(t) => t?,
            Err(_) => {
                return Err(RegistryError::Other {
                    reference: r.to_string(),
                    host: self.endpoint.host.clone(),
                    message: format!(
                        "the registry's token server did not answer within {} s",
                        TOKEN_TIMEOUT.as_secs()
                    ),
                })
            }
        };
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

    /// GET of any URL on (or beside) this registry, with its credentials and retries.
    pub(crate) async fn get_url(
        &self,
        r: &Reference,
        url: &str,
    ) -> Result<reqwest::Response, RegistryError> {
        self.get(r, url, None).await
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
        let body = self.capped(r, resp, MAX_MANIFEST, "manifest").await?;
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
        let body = self.capped(r, resp, MAX_CONFIG, "config blob").await?;
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

    /// A whole body, refused past `cap` bytes (a hostile registry could send gigabytes).
    async fn capped(
        &self,
        r: &Reference,
        mut resp: reqwest::Response,
        cap: usize,
        what: &str,
    ) -> Result<Vec<u8>, RegistryError> {
        if resp.content_length().is_some_and(|l| l > cap as u64) {
            return Err(self.too_large(r, what, cap));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| unreachable(r, &self.endpoint, error_chain(&e)))?
        {
            if body.len() + chunk.len() > cap {
                return Err(self.too_large(r, what, cap));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn too_large(&self, r: &Reference, what: &str, cap: usize) -> RegistryError {
        RegistryError::Other {
            reference: r.to_string(),
            host: self.endpoint.host.clone(),
            message: format!("the {what} is larger than {} MiB: refused", cap >> 20),
        }
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

    pub(super) async fn retry<T, F, Fut>(
        &self,
        r: &Reference,
        mut op: F,
    ) -> Result<T, RegistryError>
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
