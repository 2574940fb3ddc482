//! The registry side of a push (OCI distribution spec): blob existence checks (HEAD), cross-repo
//! mounts, uploads that stream from disk and resume where the registry says it stopped (the
//! upload session's `Range`), and manifests. Requests carry a `push,pull` token; 429/5xx and
//! dropped connections are retried.

use std::path::Path;
use std::time::Duration;

use oci_client::secrets::RegistryAuth;
use oci_client::RegistryOperation;
use reqwest::{Method, StatusCode};

use super::reference::Reference;
use super::registry::{error_chain, RegistryError, Remote};
use super::registry_error::retry_after;

const ATTEMPTS: u32 = 4;

/// A finished request's answer, or what went wrong.
type Answer = Result<reqwest::Response, RegistryError>;

impl Remote {
    /// The Authorization header for pushing to `r` (a token with `push,pull` scope).
    async fn push_authorization(
        &self,
        r: &Reference,
        refresh: bool,
    ) -> Result<Option<String>, RegistryError> {
        self.authorization_for(r, refresh, RegistryOperation::Push)
            .await
    }

    fn err(&self, r: &Reference, message: String) -> RegistryError {
        RegistryError::Other {
            reference: r.to_string(),
            host: self.endpoint.host.clone(),
            message,
        }
    }

    fn denied(&self, r: &Reference) -> RegistryError {
        RegistryError::Unauthorized {
            reference: r.to_string(),
            host: self.endpoint.host.clone(),
            detail: match &self.auth {
                RegistryAuth::Anonymous => {
                    " to push (no credentials: `skiff login`, --creds or --authfile)".into()
                }
                _ => " to push (the stored credentials were refused, or lack push access)".into(),
            },
        }
    }

    /// An absolute URL for a registry path or a `Location` header.
    fn url(&self, loc: &str) -> String {
        if loc.starts_with("http://") || loc.starts_with("https://") {
            loc.to_string()
        } else {
            format!("{}{}", self.base_url(), loc)
        }
    }

    /// A request with a body that can be made again (none, or bytes), with retries.
    async fn send(
        &self,
        r: &Reference,
        method: Method,
        url: &str,
        headers: &[(&str, String)],
        body: Option<&[u8]>,
    ) -> Answer {
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            let auth = self.push_authorization(r, false).await?;
            let mut req = self.http.request(method.clone(), url);
            if let Some(a) = &auth {
                req = req.header(reqwest::header::AUTHORIZATION, a);
            }
            for (k, v) in headers {
                req = req.header(*k, v);
            }
            if let Some(b) = body {
                req = req.body(b.to_vec());
            }
            let wait = match req.send().await {
                Ok(resp) => match resp.status().as_u16() {
                    401 if !refreshed => {
                        refreshed = true;
                        self.push_authorization(r, true).await?;
                        continue;
                    }
                    401 | 403 => return Err(self.denied(r)),
                    429 | 500..=599 if attempt + 1 < ATTEMPTS => {
                        retry_after(resp.headers()).unwrap_or(Duration::from_millis(500 << attempt))
                    }
                    _ => return Ok(resp),
                },
                Err(e) => {
                    let chain = error_chain(&e);
                    if attempt + 1 >= ATTEMPTS || e.is_connect() && !chain.contains("reset") {
                        return Err(super::registry_error::unreachable(r, &self.endpoint, chain));
                    }
                    Duration::from_millis(500 << attempt)
                }
            };
            tracing::info!(%url, ?wait, "retrying registry request");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn failure(&self, r: &Reference, what: &str, resp: reqwest::Response) -> RegistryError {
        let status = resp.status();
        let body = resp.text().await.unwrap_or_default();
        if status == StatusCode::NOT_FOUND {
            return self.err(
                r,
                format!(
                    "{what}: HTTP 404: the registry has no repository {} (or does not take pushes \
                     there): {}",
                    r.repository,
                    body.trim()
                ),
            );
        }
        self.err(r, format!("{what}: HTTP {status}: {}", body.trim()))
    }

    /// Whether the repository has the blob already.
    pub async fn blob_exists(&self, r: &Reference, digest: &str) -> Result<bool, RegistryError> {
        let url = self.url(&format!("/v2/{}/blobs/{digest}", r.repository));
        let resp = self.send(r, Method::HEAD, &url, &[], None).await?;
        match resp.status().as_u16() {
            200 => Ok(true),
            404 => Ok(false),
            _ => Err(self.failure(r, "checking for a blob", resp).await),
        }
    }

    /// Ask the registry to mount `digest` from repository `from`: Ok(None) when mounted, else the
    /// upload session it opened instead (registries answer 202 when they cannot mount).
    pub async fn mount_blob(
        &self,
        r: &Reference,
        digest: &str,
        from: &str,
    ) -> Result<Option<String>, RegistryError> {
        let url = self.url(&format!(
            "/v2/{}/blobs/uploads/?mount={digest}&from={from}",
            r.repository
        ));
        let resp = self.send(r, Method::POST, &url, &[], Some(b"")).await?;
        match resp.status().as_u16() {
            201 => Ok(None),
            202 => Ok(Some(self.location(r, &resp)?)),
            _ => Err(self.failure(r, "mounting a blob", resp).await),
        }
    }

    fn location(&self, r: &Reference, resp: &reqwest::Response) -> Result<String, RegistryError> {
        resp.headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| self.url(l))
            .ok_or_else(|| self.err(r, "the registry opened an upload without a Location".into()))
    }

    /// Open an upload session.
    pub async fn start_upload(&self, r: &Reference) -> Result<String, RegistryError> {
        let url = self.url(&format!("/v2/{}/blobs/uploads/", r.repository));
        let resp = self.send(r, Method::POST, &url, &[], Some(b"")).await?;
        match resp.status().as_u16() {
            202 => self.location(r, &resp),
            _ => Err(self.failure(r, "starting a blob upload", resp).await),
        }
    }

    /// How many bytes of the session the registry has (its `Range: 0-N`).
    async fn upload_offset(&self, r: &Reference, location: &str) -> Result<u64, RegistryError> {
        let resp = self.send(r, Method::GET, location, &[], None).await?;
        if resp.status().as_u16() != 204 {
            return Err(self
                .failure(r, "asking where an upload stopped", resp)
                .await);
        }
        Ok(resp
            .headers()
            .get(reqwest::header::RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit('-').next())
            .and_then(|n| n.parse::<u64>().ok())
            .map_or(0, |end| end + 1))
    }

    /// Upload the blob in `file` (`size` bytes, `digest`) into the session at `location`,
    /// streaming from disk; after a dropped connection, go on from where the registry says it
    /// stopped. `progress` is told of every chunk sent.
    pub async fn upload_file(
        &self,
        r: &Reference,
        mut location: String,
        file: &Path,
        size: u64,
        digest: &str,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<(), RegistryError> {
        let mut offset = 0u64;
        let mut attempt = 0;
        while offset < size {
            match self
                .patch_from(r, &location, file, offset, size, progress)
                .await
            {
                Ok(next) => location = next,
                Err(e) if attempt + 1 < ATTEMPTS => {
                    attempt += 1;
                    tracing::info!(error = %e, "upload interrupted: resuming");
                    tokio::time::sleep(Duration::from_millis(300 << attempt)).await;
                    match self.upload_offset(r, &location).await {
                        Ok(o) => offset = o,
                        Err(_) => {
                            // The session is gone: start a new one from the beginning.
                            location = self.start_upload(r).await?;
                            offset = 0;
                        }
                    }
                    continue;
                }
                Err(e) => return Err(e),
            }
            offset = size;
        }
        let sep = if location.contains('?') { '&' } else { '?' };
        let url = format!("{location}{sep}digest={digest}");
        let resp = self
            .send(
                r,
                Method::PUT,
                &url,
                &[("content-length", "0".into())],
                Some(b""),
            )
            .await?;
        match resp.status().as_u16() {
            201 | 204 => Ok(()),
            400 => Err(self.err(
                r,
                format!(
                    "the registry refused blob {digest} on completion: {}",
                    resp.text().await.unwrap_or_default().trim()
                ),
            )),
            _ => Err(self.failure(r, "finishing a blob upload", resp).await),
        }
    }

    /// One PATCH of bytes `offset..size` of `file`; returns the next Location.
    async fn patch_from(
        &self,
        r: &Reference,
        location: &str,
        file: &Path,
        offset: u64,
        size: u64,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<String, RegistryError> {
        use tokio::io::{AsyncReadExt, AsyncSeekExt};
        let io = |e: std::io::Error| self.err(r, format!("reading {}: {e}", file.display()));
        let mut f = tokio::fs::File::open(file).await.map_err(io)?;
        f.seek(std::io::SeekFrom::Start(offset)).await.map_err(io)?;
        let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<bytes::Bytes>>(4);
        let reader = async move {
            let mut left = size - offset;
            while left > 0 {
                let mut buf = vec![0u8; (1usize << 20).min(left as usize)];
                let n = match f.read(&mut buf).await {
                    Ok(0) => {
                        let _ = tx
                            .send(Err(std::io::Error::other("the blob file ended early")))
                            .await;
                        return;
                    }
                    Ok(n) => n,
                    Err(e) => {
                        let _ = tx.send(Err(e)).await;
                        return;
                    }
                };
                buf.truncate(n);
                left -= n as u64;
                if tx.send(Ok(bytes::Bytes::from(buf))).await.is_err() {
                    return;
                }
                progress(n as u64);
            }
        };
        let stream =
            futures_util::stream::unfold(
                rx,
                |mut rx| async move { rx.recv().await.map(|i| (i, rx)) },
            );
        let auth = self.push_authorization(r, false).await?;
        let mut req = self
            .http
            .patch(location)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .header(reqwest::header::CONTENT_LENGTH, (size - offset).to_string())
            .body(reqwest::Body::wrap_stream(stream));
        if offset > 0 {
            req = req.header("content-range", format!("{offset}-{}", size - 1));
        }
        if let Some(a) = &auth {
            req = req.header(reqwest::header::AUTHORIZATION, a);
        }
        let (resp, ()) = tokio::join!(req.send(), reader);
        let resp = resp.map_err(|e| self.err(r, format!("uploading: {}", error_chain(&e))))?;
        match resp.status().as_u16() {
            202 | 204 => self.location(r, &resp),
            401 | 403 => Err(self.denied(r)),
            _ => Err(self.failure(r, "uploading a blob", resp).await),
        }
    }

    /// PUT a small blob (the config) through a new session.
    pub async fn upload_bytes(
        &self,
        r: &Reference,
        data: &[u8],
        digest: &str,
    ) -> Result<(), RegistryError> {
        let location = self.start_upload(r).await?;
        let sep = if location.contains('?') { '&' } else { '?' };
        let url = format!("{location}{sep}digest={digest}");
        let resp = self
            .send(
                r,
                Method::PUT,
                &url,
                &[("content-type", "application/octet-stream".into())],
                Some(data),
            )
            .await?;
        match resp.status().as_u16() {
            201 | 204 => Ok(()),
            _ => Err(self.failure(r, "uploading the config", resp).await),
        }
    }

    /// PUT the manifest under `reference` (a tag or digest); returns its digest.
    pub async fn put_manifest(
        &self,
        r: &Reference,
        reference: &str,
        body: &[u8],
        media_type: &str,
    ) -> Result<String, RegistryError> {
        let url = self.url(&format!("/v2/{}/manifests/{reference}", r.repository));
        let resp = self
            .send(
                r,
                Method::PUT,
                &url,
                &[("content-type", media_type.to_string())],
                Some(body),
            )
            .await?;
        match resp.status().as_u16() {
            200..=299 => {
                let ours = format!("sha256:{}", super::archive::sha256_hex(body));
                Ok(resp
                    .headers()
                    .get("docker-content-digest")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
                    .unwrap_or(ours))
            }
            _ => Err(self.failure(r, "writing the manifest", resp).await),
        }
    }
}
