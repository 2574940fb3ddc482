//! A container's environment from the image and the flags: --env-host, the image's Env,
//! --unsetenv(-all), the host's proxy variables (--http-proxy), --env-file, -e, --env-merge, --tz.

use super::spec::{Options, SpecError, DEFAULT_PATH};
use crate::image::manifest::ContainerConfig;

/// The proxy variables podman passes from the host by default (`--http-proxy`).
const PROXY_VARS: &[&str] = &[
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "ftp_proxy",
    "FTP_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// The `NAME=VALUE` (or `NAME`) lines of `--env-file`s; blank lines and `#` comments skipped.
pub fn read_env_files(files: &[String]) -> Result<Vec<String>, SpecError> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| SpecError::EnvFile {
            path: f.clone(),
            message: e.to_string(),
        })?;
        for line in text.lines() {
            let l = line.trim_start();
            if !l.is_empty() && !l.starts_with('#') {
                out.push(l.to_string());
            }
        }
    }
    Ok(out)
}

/// `${NAME}` and `$NAME` in `value` replaced by their values in `env` (empty when unset), as
/// podman's --env-merge does.
fn expand(value: &str, env: &[(String, String)]) -> String {
    let get = |k: &str| {
        env.iter()
            .find(|(ek, _)| ek == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(body) = after.strip_prefix('{') {
            if let Some(end) = body.find('}') {
                out.push_str(&get(&body[..end]));
                rest = &body[end + 1..];
                continue;
            }
        }
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if len == 0 {
            out.push('$');
        } else {
            out.push_str(&get(&after[..len]));
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// Later sources win: --env-host, image (less --unsetenv), host proxies, --env-file, -e,
/// --env-merge. PATH and HOSTNAME are always set.
pub fn environment(
    image: &ContainerConfig,
    opts: &Options,
    host_env: &[(String, String)],
    hostname: &str,
) -> Result<Vec<String>, SpecError> {
    let mut env: Vec<(String, String)> = Vec::new();
    fn put(env: &mut Vec<(String, String)>, k: String, v: String) {
        match env.iter_mut().find(|(ek, _)| *ek == k) {
            Some(e) => e.1 = v,
            None => env.push((k, v)),
        }
    }
    macro_rules! set {
        ($k:expr, $v:expr) => {
            put(&mut env, $k, $v)
        };
    }
    if opts.env_host {
        for (k, v) in host_env {
            set!(k.clone(), v.clone());
        }
    }
    if !opts.unsetenv_all {
        for e in image.env.iter().flatten() {
            let (k, v) = e.split_once('=').unwrap_or((e, ""));
            set!(k.to_string(), v.to_string());
        }
    }
    env.retain(|(k, _)| !opts.unsetenv.contains(k));
    if opts.http_proxy {
        for (k, v) in host_env
            .iter()
            .filter(|(k, _)| PROXY_VARS.contains(&k.as_str()))
        {
            set!(k.clone(), v.clone());
        }
    }
    if let Some(tz) = &opts.tz {
        if tz != "local" {
            set!("TZ".into(), tz.clone());
        }
    }
    let mut from_cli = read_env_files(&opts.env_files)?;
    from_cli.extend(opts.env.iter().cloned());
    for e in from_cli {
        match e.split_once('=') {
            Some((k, v)) if !k.is_empty() => set!(k.to_string(), v.to_string()),
            Some(_) => return Err(SpecError::BadEnv(e)),
            None => {
                // `-e NAME`: the host's value, or nothing when the host has none (docker).
                if let Some((_, v)) = host_env.iter().find(|(k, _)| *k == e) {
                    set!(e.clone(), v.clone());
                }
            }
        }
    }
    for m in &opts.env_merge {
        let Some((k, v)) = m.split_once('=').filter(|(k, _)| !k.is_empty()) else {
            return Err(SpecError::Bad {
                flag: "--env-merge",
                value: m.clone(),
                why: "use NAME=VALUE, e.g. PATH=/opt/bin:${PATH}",
            });
        };
        let merged = expand(v, &env);
        set!(k.to_string(), merged);
    }
    if !opts.unsetenv.iter().any(|k| k == "PATH") && !env.iter().any(|(k, _)| k == "PATH") {
        set!("PATH".into(), DEFAULT_PATH.into());
    }
    set!("HOSTNAME".into(), hostname.to_string());
    if opts.tty && !env.iter().any(|(k, _)| k == "TERM") {
        set!("TERM".into(), "xterm".into());
    }
    if !env.iter().any(|(k, _)| k == "container") {
        set!("container".into(), "skiff".into());
    }
    Ok(env.into_iter().map(|(k, v)| format!("{k}={v}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(opts: &Options, image_env: &[&str], host: &[(&str, &str)]) -> Vec<String> {
        let image = ContainerConfig {
            env: Some(image_env.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        };
        let host: Vec<(String, String)> = host
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        environment(&image, opts, &host, "h").unwrap()
    }

    #[test]
    fn merge_unset_proxies_and_tz() {
        let opts = Options {
            env_merge: vec!["PATH=/opt/bin:${PATH}".into(), "X=$A-$B-$$".into()],
            env: vec!["A=1".into()],
            unsetenv: vec!["GONE".into()],
            http_proxy: true,
            tz: Some("Europe/Paris".into()),
            ..Default::default()
        };
        let e = env_of(
            &opts,
            &["PATH=/usr/bin", "GONE=x", "KEPT=y"],
            &[("HTTPS_PROXY", "http://p:3128"), ("SECRET", "no")],
        );
        assert!(e.contains(&"PATH=/opt/bin:/usr/bin".to_string()), "{e:?}");
        assert!(e.contains(&"X=1--$$".to_string()), "{e:?}");
        assert!(e.contains(&"KEPT=y".to_string()));
        assert!(!e.iter().any(|x| x.starts_with("GONE=")));
        assert!(e.contains(&"HTTPS_PROXY=http://p:3128".to_string()));
        assert!(!e.iter().any(|x| x.starts_with("SECRET=")));
        assert!(e.contains(&"TZ=Europe/Paris".to_string()));
        let all = Options {
            unsetenv_all: true,
            http_proxy: false,
            ..Default::default()
        };
        let e = env_of(&all, &["KEPT=y"], &[("HTTPS_PROXY", "p")]);
        assert!(!e
            .iter()
            .any(|x| x.starts_with("KEPT=") || x.starts_with("HTTPS")));
        assert!(e.iter().any(|x| x.starts_with("PATH=")));
    }
}
