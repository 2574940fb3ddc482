//! podman's per-command registry flags (`--tls-verify`, `--cert-dir`, `--authfile`, `--creds`) as
//! the registry client takes them.

use std::path::PathBuf;

use super::auth;

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
