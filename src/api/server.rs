//! Listening: a unix socket (0600, in a 0700 directory), loopback TCP when asked, or a socket
//! systemd passes (`LISTEN_FDS`). Each connection is served by hyper's HTTP/1 server with
//! upgrades (the attach/exec hijack); the process exits after `idle` without connections.

use std::convert::Infallible;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};

use super::http::{ApiError, Resp};
use super::{Active, Call, Service, API_VERSION};

/// Where the service listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(PathBuf),
    Tcp(std::net::SocketAddr),
}

/// The default: `$XDG_RUNTIME_DIR/skiff/skiff.sock`; as root without it `/run/skiff/skiff.sock`;
/// else under the runroot.
pub fn default_socket(runroot: &Path) -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        if Path::new(&d).is_dir() {
            return Path::new(&d).join("skiff").join("skiff.sock");
        }
    }
    if nix::unistd::geteuid().is_root() {
        return PathBuf::from("/run/skiff/skiff.sock");
    }
    runroot.join("api").join("skiff.sock")
}

/// `unix:///path`, `unix:path`, `tcp://host:port` (a host name must resolve to loopback unless
/// `allow_remote`).
pub fn parse_uri(uri: &str, allow_remote: bool) -> anyhow::Result<Endpoint> {
    if let Some(p) = uri.strip_prefix("unix://").or(uri.strip_prefix("unix:")) {
        if !p.starts_with('/') {
            bail!("invalid URI {uri:?}: give an absolute socket path, e.g. unix:///tmp/s.sock");
        }
        return Ok(Endpoint::Unix(PathBuf::from(p)));
    }
    if let Some(hp) = uri.strip_prefix("tcp://") {
        let hp = hp.trim_end_matches('/');
        let addr = std::net::ToSocketAddrs::to_socket_addrs(hp)
            .with_context(|| format!("invalid URI {uri:?}: expected tcp://HOST:PORT"))?
            .next()
            .with_context(|| format!("{uri}: the host name has no address"))?;
        if !addr.ip().is_loopback() {
            if !allow_remote {
                bail!(
                    "{uri}: refusing to serve the API on a non-loopback address: anyone who can \
                     reach it controls your containers (and your files). Use a loopback address, \
                     or --allow-remote if you really mean it"
                );
            }
            eprintln!(
                "skiff: warning: serving the API unauthenticated on {addr}: anyone who can reach \
                 it controls your containers"
            );
        }
        return Ok(Endpoint::Tcp(addr));
    }
    bail!("invalid URI {uri:?}: use unix:///PATH or tcp://127.0.0.1:PORT")
}

enum Listener {
    Unix(tokio::net::UnixListener, Option<PathBuf>),
    Tcp(tokio::net::TcpListener),
}

/// Bind the unix socket: its directory made 0700 when we create it, a stale socket replaced, a
/// live one (another service) refused; the socket 0600.
fn bind_unix(path: &Path) -> anyhow::Result<std::os::unix::net::UnixListener> {
    if let Some(dir) = path.parent() {
        if !dir.exists() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the socket directory {}", dir.display()))?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    if path.exists() {
        if std::os::unix::net::UnixStream::connect(path).is_ok() {
            bail!(
                "{}: another service is listening on this socket (stop it, or give another \
                 URI)",
                path.display()
            );
        }
        std::fs::remove_file(path)
            .with_context(|| format!("removing the stale socket {}", path.display()))?;
    }
    // Created 0600 from the start: no window in which another user can connect.
    let old = nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o177));
    let l = std::os::unix::net::UnixListener::bind(path);
    nix::sys::stat::umask(old);
    let l = l.with_context(|| format!("listening on {}", path.display()))?;
    l.set_nonblocking(true)?;
    Ok(l)
}

/// A socket passed by systemd socket activation, if any.
fn activated() -> anyhow::Result<Option<Listener>> {
    let pid_ok = std::env::var("LISTEN_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
        == Some(std::process::id());
    let n: i32 = std::env::var("LISTEN_FDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if !pid_ok || n < 1 {
        return Ok(None);
    }
    let fd = 3;
    crate::sys::set_cloexec(fd, true)?;
    let addr = nix::sys::socket::getsockname::<nix::sys::socket::SockaddrStorage>(fd)
        .context("the socket systemd passed (LISTEN_FDS)")?;
    let owned = crate::sys::adopt_fd(fd);
    if addr.as_unix_addr().is_some() {
        let l = std::os::unix::net::UnixListener::from(owned);
        l.set_nonblocking(true)?;
        return Ok(Some(Listener::Unix(
            tokio::net::UnixListener::from_std(l)?,
            None,
        )));
    }
    let l = std::net::TcpListener::from(owned);
    l.set_nonblocking(true)?;
    Ok(Some(Listener::Tcp(tokio::net::TcpListener::from_std(l)?)))
}

/// Serve until idle for `idle` (None: never) or SIGINT/SIGTERM.
pub fn run(svc: Arc<Service>, at: Endpoint, idle: Option<Duration>) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the service's runtime")?;
    rt.block_on(async move {
        let listener = match activated()? {
            Some(l) => l,
            None => match &at {
                Endpoint::Unix(p) => Listener::Unix(
                    tokio::net::UnixListener::from_std(bind_unix(p)?)?,
                    Some(p.clone()),
                ),
                Endpoint::Tcp(a) => Listener::Tcp(
                    tokio::net::TcpListener::bind(a)
                        .await
                        .with_context(|| format!("listening on {a}"))?,
                ),
            },
        };
        let result = accept_loop(&svc, &listener, idle).await;
        if let Listener::Unix(_, Some(p)) = &listener {
            let _ = std::fs::remove_file(p);
        }
        result
    })
}

async fn accept_loop(
    svc: &Arc<Service>,
    listener: &Listener,
    idle: Option<Duration>,
) -> anyhow::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    loop {
        tokio::select! {
            c = accept(listener) => match c {
                Ok(conn) => {
                    let active = Active::new(svc);
                    let svc = svc.clone();
                    tokio::spawn(async move {
                        match conn {
                            Conn::Unix(s) => serve(svc, s).await,
                            Conn::Tcp(s) => serve(svc, s).await,
                        }
                        drop(active);
                    });
                }
                Err(e) => tracing::warn!("accepting a connection: {e}"),
            },
            _ = tick.tick() => {
                if let (Some(limit), Some(idle_for)) = (idle, svc.idle_for()) {
                    if idle_for >= limit {
                        tracing::info!("idle for {}s: exiting", limit.as_secs());
                        return Ok(());
                    }
                }
            }
            _ = term.recv() => return Ok(()),
            _ = int.recv() => return Ok(()),
        }
    }
}

enum Conn {
    Unix(tokio::net::UnixStream),
    Tcp(tokio::net::TcpStream),
}

async fn accept(l: &Listener) -> std::io::Result<Conn> {
    Ok(match l {
        Listener::Unix(l, _) => Conn::Unix(l.accept().await?.0),
        Listener::Tcp(l) => Conn::Tcp(l.accept().await?.0),
    })
}

async fn serve<IO>(svc: Arc<Service>, io: IO)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let handler = service_fn(move |req: Request<Incoming>| {
        let svc = svc.clone();
        async move { Ok::<_, Infallible>(handle(svc, req).await) }
    });
    if let Err(e) = http1::Builder::new()
        .serve_connection(TokioIo::new(io), handler)
        .with_upgrades()
        .await
    {
        tracing::debug!("connection: {e}");
    }
}

async fn handle(svc: Arc<Service>, req: Request<Incoming>) -> Resp {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let query = super::http::Query::parse(req.uri().query());
    let started = std::time::Instant::now();
    let result = match super::segments(&path) {
        Ok(segs) => {
            let call = Call {
                svc,
                method: method.clone(),
                query,
                req,
            };
            super::route(call, segs).await
        }
        Err(e) => Err(e),
    };
    let mut resp = result.unwrap_or_else(|e: ApiError| {
        tracing::debug!(%method, %path, status = %e.status, "{}", e.message);
        e.response()
    });
    tracing::debug!(%method, %path, status = %resp.status(), ms = started.elapsed().as_millis() as u64, "request");
    let h = resp.headers_mut();
    for (k, v) in [
        ("Api-Version", API_VERSION.to_string()),
        ("Docker-Experimental", "false".into()),
        ("Ostype", "linux".into()),
        (
            "Server",
            format!("skiff/{} (linux)", env!("CARGO_PKG_VERSION")),
        ),
    ] {
        if let Ok(v) = hyper::header::HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            parse_uri("unix:///tmp/x.sock", false).unwrap(),
            Endpoint::Unix("/tmp/x.sock".into())
        );
        assert!(parse_uri("unix://rel.sock", false).is_err());
        assert!(matches!(
            parse_uri("tcp://127.0.0.1:2375", false).unwrap(),
            Endpoint::Tcp(_)
        ));
        let e = parse_uri("tcp://0.0.0.0:2375", false).unwrap_err();
        assert!(e.to_string().contains("--allow-remote"), "{e}");
        assert!(parse_uri("tcp://0.0.0.0:2375", true).is_ok());
        assert!(parse_uri("http://x", false).is_err());
    }

    #[test]
    fn versioned_paths_and_dot_segments() {
        assert_eq!(
            super::super::segments("/v1.41/containers/json").unwrap(),
            vec!["containers", "json"]
        );
        assert_eq!(super::super::segments("/_ping").unwrap(), vec!["_ping"]);
        assert!(super::super::segments("/v1.12/info").is_err());
        assert!(super::super::segments("/v1.99/info").is_err());
        assert!(super::super::segments("/containers/../json").is_err());
        assert!(super::super::segments("/containers/%2e%2e/json").is_err());
        assert_eq!(
            super::super::segments("/images/a%2Fb/json").unwrap(),
            vec!["images", "a/b", "json"]
        );
    }
}
