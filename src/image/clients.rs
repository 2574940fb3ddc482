//! Which endpoints to try for a reference (mirrors, plain HTTP on loopback, `--tls-verify`) and
//! one oci-client per endpoint with its CAs and credentials, built once and cached.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oci_client::client::{Certificate, CertificateEncoding, ClientConfig, ClientProtocol};
use oci_client::secrets::RegistryAuth;
use oci_client::Client;

use super::access::Access;
use super::auth;
use super::reference::Reference;
use super::registries::{Endpoint, RegistriesConf};
use super::registry::{error_chain, RegistryError, Remote};

/// Builds and caches one oci-client per endpoint.
pub struct Registries {
    pub conf: RegistriesConf,
    cert_dirs: Vec<PathBuf>,
    clients: Mutex<HashMap<String, Remote>>,
    access: Access,
}

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
            push_authorization: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }
}
