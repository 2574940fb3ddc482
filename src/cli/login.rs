//! `skiff login` / `skiff logout`: check credentials against the registry, then store them in
//! auth.json (podman's location), or remove them.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::GlobalOpts;
use crate::image::auth::{self, Credentials};
use crate::image::reference;
use crate::image::registries::RegistriesConf;
use crate::image::registry::Registries;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// User name.
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password (prefer --password-stdin: command lines are visible to other users).
    #[arg(short, long)]
    pub password: Option<String>,
    /// Read the password from stdin.
    #[arg(long)]
    pub password_stdin: bool,
    /// Auth file to write (default: $XDG_RUNTIME_DIR/containers/auth.json).
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Print the user name stored for the registry and exit.
    #[arg(long)]
    pub get_login: bool,
    #[command(flatten)]
    pub tls: super::pull::TlsArgs,
    /// Say which auth file the credentials went to.
    #[arg(short, long)]
    pub verbose: bool,
    /// Registry host[:port] (default docker.io).
    #[arg(value_name = "REGISTRY")]
    pub registry: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Remove the credentials of every registry.
    #[arg(short, long)]
    pub all: bool,
    /// Auth file to change.
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    #[arg(value_name = "REGISTRY")]
    pub registry: Option<String>,
}

/// A registry argument may be a host or a URL; the key is host[:port].
fn registry_key(arg: Option<&str>) -> String {
    let r = arg.unwrap_or("docker.io");
    let r = r
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = r.split('/').next().unwrap_or(r);
    match host {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".into(),
        h => h.to_string(),
    }
}

pub fn login(g: &GlobalOpts, a: LoginArgs) -> anyhow::Result<i32> {
    let key = registry_key(a.registry.as_deref());
    let path = a.authfile.clone().unwrap_or_else(auth::login_path);
    if a.get_login {
        let files = [path];
        return match auth::lookup_in(&files, &key, "")? {
            Some(c) => {
                super::output::print_text(&format!("{}\n", c.username))?;
                Ok(0)
            }
            None => bail!("not logged into {key}"),
        };
    }
    let interactive = std::io::stdin().is_terminal();
    let username = match a.username {
        Some(u) => u,
        None if interactive => prompt("Username: ")?,
        None => bail!(
            "no username given: use --username (stdin is not a terminal, so skiff cannot ask)"
        ),
    };
    let password = if a.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_string()
    } else if let Some(p) = a.password {
        p
    } else if interactive {
        prompt_hidden("Password: ")?
    } else {
        bail!("no password given: use --password-stdin (stdin is not a terminal, so skiff cannot ask)")
    };
    let creds = Credentials { username, password };
    let paths = g.paths()?;
    check(
        &paths,
        &key,
        &creds,
        Some(crate::image::registry::Access {
            tls_verify: a.tls.tls_verify,
            cert_dir: a.tls.cert_dir.clone(),
            ..Default::default()
        }),
    )?;
    auth::store(&path, &key, &creds)?;
    if a.verbose {
        eprintln!("Used: {}", path.display());
    }
    eprintln!("Login Succeeded!");
    Ok(0)
}

/// Log in to `registry` (a key as `registry_key` gives, or empty for Docker Hub) with `creds`:
/// an error when the registry refuses them.
pub fn check(
    paths: &crate::storage::Paths,
    registry: &str,
    creds: &Credentials,
    access: Option<crate::image::registry::Access>,
) -> anyhow::Result<()> {
    let key = registry_key(Some(registry).filter(|r| !r.is_empty()));
    let conf = RegistriesConf::load(&paths.config)?;
    let registries = Registries::new(conf, &paths.config).with_access(access.unwrap_or_default());
    let probe = reference::parse(&format!("{key}/skiff-login-check"))?.reference;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut errors = Vec::new();
    for endpoint in registries.endpoints(&probe)? {
        let remote = registries.remote_with(&endpoint, &probe, creds)?;
        match rt.block_on(remote.check_login(&probe)) {
            Ok(()) => {
                errors.clear();
                break;
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    drop(rt);
    if !errors.is_empty() {
        bail!("logging in to {key}: {}", errors.join("; "));
    }
    Ok(())
}

pub fn logout(_g: &GlobalOpts, a: LogoutArgs) -> anyhow::Result<i32> {
    let path = a.authfile.clone().unwrap_or_else(auth::login_path);
    if a.all {
        auth::remove(&path, None)?;
        eprintln!("Removed login credentials for all registries");
        return Ok(0);
    }
    let key = registry_key(a.registry.as_deref());
    if auth::remove(&path, Some(&key))? {
        eprintln!("Removed login credentials for {key}");
        Ok(0)
    } else {
        bail!("not logged into {key} (no entry in {})", path.display())
    }
}

fn prompt(label: &str) -> anyhow::Result<String> {
    eprint!("{label}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// Read a line with echo off.
fn prompt_hidden(label: &str) -> anyhow::Result<String> {
    use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
    let stdin = std::io::stdin();
    let old = tcgetattr(&stdin)?;
    let mut quiet = old.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(&stdin, SetArg::TCSANOW, &quiet)?;
    let r = prompt(label);
    let _ = tcsetattr(&stdin, SetArg::TCSANOW, &old);
    eprintln!();
    r
}
