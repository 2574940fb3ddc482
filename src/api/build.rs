//! `POST /build` (the classic builder): the tar context is unpacked into a private directory
//! (entries checked: nothing outside it, no device nodes), then skiff's builder runs in a helper
//! process of this binary (`internal-build`: its RUN steps run containers in the foreground,
//! which needs a single-threaded process with its own stdout). The helper gets the typed request
//! as JSON on stdin; its output becomes docker's `{"stream": ...}` messages.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::sync::Arc;

use hyper::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::http::{streamed, ApiError, ApiResult, Query};
use crate::storage::Paths;

/// What a /build request asks for (the query's parameters that skiff's builder honours).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Request {
    pub context: std::path::PathBuf,
    pub dockerfile: String,
    pub tags: Vec<String>,
    pub build_args: BTreeMap<String, String>,
    pub target: Option<String>,
    pub no_cache: bool,
    pub pull: bool,
    pub labels: BTreeMap<String, String>,
    pub quiet: bool,
    pub network: Option<String>,
}

impl Request {
    pub fn from_query(q: &Query) -> Result<Request, ApiError> {
        if q.get("remote").is_some_and(|r| !r.is_empty()) {
            return Err(ApiError::new(
                StatusCode::NOT_IMPLEMENTED,
                "remote build contexts are not supported: send the context as a tar body",
            ));
        }
        let args: BTreeMap<String, Option<String>> =
            match q.get("buildargs").filter(|s| !s.is_empty()) {
                None => BTreeMap::new(),
                Some(s) => serde_json::from_str(s)
                    .map_err(|e| ApiError::bad(format!("invalid buildargs: {e}")))?,
            };
        let dockerfile = q
            .get("dockerfile")
            .filter(|d| !d.is_empty())
            .unwrap_or("Dockerfile")
            .to_string();
        if dockerfile.starts_with('/') || dockerfile.split('/').any(|p| p == "..") {
            return Err(ApiError::bad(format!(
                "dockerfile {dockerfile:?}: give a path inside the context"
            )));
        }
        Ok(Request {
            context: Default::default(),
            dockerfile,
            tags: q.all("t").into_iter().filter(|t| !t.is_empty()).collect(),
            build_args: args
                .into_iter()
                .filter_map(|(k, v)| Some((k, v?)))
                .collect(),
            target: q
                .get("target")
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            no_cache: q.flag("nocache"),
            pull: q.flag("pull"),
            labels: super::images::labels_of(q, "labels")?,
            quiet: q.flag("q"),
            network: q
                .get("networkmode")
                .filter(|n| !n.is_empty() && *n != "default")
                .map(str::to_string),
        })
    }
}

/// Unpack the context tar into `dir`, refusing entries that would land outside it.
fn unpack_context(tar_path: &std::path::Path, dir: &std::path::Path) -> anyhow::Result<()> {
    let f = std::fs::File::open(tar_path)?;
    // docker's CLI may gzip the context.
    let mut head = [0u8; 2];
    let gz = std::io::Read::read(&mut std::fs::File::open(tar_path)?, &mut head)? == 2
        && head == [0x1f, 0x8b];
    let reader: Box<dyn std::io::Read> = if gz {
        Box::new(flate2::read::GzDecoder::new(f))
    } else {
        Box::new(f)
    };
    let mut ar = tar::Archive::new(reader);
    ar.set_preserve_permissions(true);
    ar.set_unpack_xattrs(false);
    let mut total = 0u64;
    for entry in ar.entries()? {
        let mut e = entry.map_err(|e| anyhow::anyhow!("build context: {e}"))?;
        super::files::count_entry(&e, &mut total)
            .map_err(|m| anyhow::anyhow!("build context: {m}"))?;
        let p = e.path()?.into_owned();
        if p.is_absolute()
            || p.components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            anyhow::bail!(
                "build context entry {}: paths must stay inside the context",
                p.display()
            );
        }
        if matches!(
            e.header().entry_type(),
            tar::EntryType::Block | tar::EntryType::Char
        ) {
            anyhow::bail!(
                "build context entry {}: device nodes are not allowed",
                p.display()
            );
        }
        if !e.unpack_in(dir)? {
            anyhow::bail!("build context entry {}: outside the context", p.display());
        }
    }
    Ok(())
}

pub fn run(
    svc: &Arc<super::Service>,
    paths: Paths,
    spool: tempfile::NamedTempFile,
    mut req: Request,
) -> ApiResult {
    let tmp = {
        let dir = paths.root.join("tmp");
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::from(anyhow::Error::from(e)))?;
        tempfile::tempdir_in(&dir).map_err(|e| ApiError::from(anyhow::Error::from(e)))?
    };
    unpack_context(spool.path(), tmp.path()).map_err(|e| ApiError::bad(format!("{e:#}")))?;
    drop(spool);
    req.context = tmp.path().to_path_buf();
    if !req.context.join(&req.dockerfile).is_file() {
        return Err(ApiError::bad(format!(
            "Cannot locate specified Dockerfile: {} (not in the build context)",
            req.dockerfile
        )));
    }
    let (feed, resp) = streamed(StatusCode::OK, "application/json");
    let active = super::Active::new(svc);
    std::thread::spawn(move || {
        let _active = active;
        let _tmp = tmp;
        let spawn = || -> anyhow::Result<std::process::Child> {
            use std::process::{Command, Stdio};
            let mut child = Command::new(std::env::current_exe()?)
                .arg("--root")
                .arg(&paths.root)
                .arg("--runroot")
                .arg(&paths.runroot)
                .arg("internal-build")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()?;
            let mut stdin = child.stdin.take().expect("piped");
            serde_json::to_writer(&mut stdin, &req)?;
            drop(stdin);
            Ok(child)
        };
        let mut child = match spawn() {
            Ok(c) => c,
            Err(e) => {
                feed.send_json(&json!({"errorDetail": {"message": format!("{e:#}")}, "error": format!("{e:#}")}));
                return;
            }
        };
        let out = BufReader::new(child.stdout.take().expect("piped"));
        let mut last_error = None;
        let mut id = None;
        for line in out.split(b'\n').map_while(Result::ok) {
            let text = String::from_utf8_lossy(&line).into_owned();
            // The helper's last words: `\0id ID` or `\0error MESSAGE`.
            if let Some(rest) = text.strip_prefix('\0') {
                match rest.split_once(' ') {
                    Some(("id", i)) => id = Some(i.to_string()),
                    Some(("error", m)) => last_error = Some(m.to_string()),
                    _ => {}
                }
                continue;
            }
            if !feed.send_json(&json!({"stream": format!("{text}\n")})) {
                let _ = child.kill();
                break;
            }
        }
        let _ = child.wait();
        match (id, last_error) {
            (Some(i), None) => {
                feed.send_json(&json!({"aux": {"ID": i}}));
                feed.send_json(&json!({"stream": format!("Successfully built {}\n", &crate::image::store::hex_of(&i)[..12])}));
            }
            (_, e) => {
                let m = e.unwrap_or_else(|| "the build failed".into());
                feed.send_json(&json!({"errorDetail": {"message": m}, "error": m}));
            }
        }
    });
    Ok(resp)
}

/// `internal-build`: read the request on stdin, build, print the builder's output; the last
/// line is `\0id ID` or `\0error MESSAGE`.
pub fn helper_main(paths: &Paths) -> anyhow::Result<i32> {
    let req: Request = serde_json::from_reader(std::io::stdin())?;
    // The builder's own output and its RUN steps' output all go to our stdout.
    let _ = nix::unistd::dup2_stderr(std::io::stdout());
    let o = crate::build::BuildOptions {
        context: req.context.clone(),
        file: Some(req.context.join(&req.dockerfile)),
        tags: req.tags.clone(),
        build_args: req.build_args.clone(),
        target: req.target.clone(),
        no_cache: req.no_cache,
        pull: if req.pull {
            "always".into()
        } else {
            "missing".into()
        },
        labels: req.labels.clone(),
        quiet: req.quiet,
        network: req.network.clone(),
        layers: true,
        ..Default::default()
    };
    match crate::build::build(paths, &o) {
        Ok(img) => {
            println!("\0id {}", img.id);
            Ok(0)
        }
        Err(e) => {
            println!("\0error {}", format!("{e:#}").replace('\n', " "));
            Ok(1)
        }
    }
}
