//! What can go wrong talking to a registry, said so that the user knows what to do, and the small
//! HTTP helpers that decide it (Retry-After, error chains, hints).

use std::path::PathBuf;
use std::time::Duration;

use super::auth;
use super::reference::Reference;
use super::registries::Endpoint;

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{reference}: authentication required or denied by {host}; log in with `skiff login {host}`{detail}")]
    Unauthorized {
        reference: String,
        host: String,
        detail: String,
    },
    #[error("{reference}: not found on {host} (check the name and tag)")]
    NotFound { reference: String, host: String },
    #[error("{reference}: cannot reach {host}: {message}{hint}")]
    Unreachable {
        reference: String,
        host: String,
        message: String,
        hint: String,
    },
    #[error("{reference}: content from {host} does not match its digest: {message}")]
    DigestMismatch {
        reference: String,
        host: String,
        message: String,
    },
    #[error("{reference}: registry {host} failed: {message}")]
    Other {
        reference: String,
        host: String,
        message: String,
    },
    #[error("{reference}: registry {registry} is blocked in {conf}")]
    Blocked {
        reference: String,
        registry: String,
        conf: String,
    },
    #[error(transparent)]
    Auth(#[from] auth::AuthError),
    #[error("reading CA certificate {path}")]
    Ca {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl RegistryError {
    /// Worth trying the next endpoint or search registry.
    pub fn is_not_found(&self) -> bool {
        matches!(self, RegistryError::NotFound { .. })
    }
}

/// Retry-After as seconds or an HTTP date, capped at a minute.
pub(super) fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = h
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .to_string();
    let secs = match v.parse::<u64>() {
        Ok(s) => s,
        Err(_) => {
            let when = httpdate_to_unix(&v)?;
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_secs() as i64;
            (when - now).max(0) as u64
        }
    };
    Some(Duration::from_secs(secs.min(60)))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate) to unix seconds.
fn httpdate_to_unix(s: &str) -> Option<i64> {
    let p: Vec<&str> = s.split_whitespace().collect();
    if p.len() != 6 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == p[2])? + 1;
    crate::cli::format::parse_rfc3339(&format!("{}-{month:02}-{:0>2}T{}Z", p[3], p[1], p[4]))
}

pub(super) fn unreachable(r: &Reference, ep: &Endpoint, message: String) -> RegistryError {
    let host = ep.host.clone();
    let lower = message.to_lowercase();
    let hint = if lower.contains("certificate") || lower.contains("unknownissuer") {
        format!(
            "\nhint: if {host} uses a private CA, put its certificate in \
             ~/.config/containers/certs.d/{host}/ca.crt"
        )
    } else if !ep.insecure
        && (lower.contains("invalidcontenttype") || lower.contains("wrong version"))
    {
        format!(
            "\nhint: {host} answers plain HTTP; add it to registries.conf as \
             [[registry]] location = \"{host}\" insecure = true"
        )
    } else {
        String::new()
    };
    RegistryError::Unreachable {
        reference: r.to_string(),
        host,
        message,
        hint,
    }
}

/// The error and all its sources on one line (reqwest hides the useful part in the sources).
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}
