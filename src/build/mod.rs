//! `skiff build`: a Containerfile (parsed by the `parse-dockerfile` crate: heredocs, directives,
//! line continuations) built into an image by skiff itself. Each stage the target needs is built
//! in order; RUN steps run as containers made through the engine's `ContainerRequest` (the same
//! path as `skiff run`) and become layers with commit's packer; COPY/ADD layers are written
//! straight from the context. Steps that make layers are cached by their parent, their text after
//! substitution, the build args they see and the content of the files they read.

pub mod copy;
pub mod ignore;
mod layers;
pub mod mounts;
mod state;
mod steps;
pub mod subst;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::{bail, Context};
use parse_dockerfile::Instruction;
use serde_json::json;

use crate::image::commit;
use crate::image::store::{hex_of, ImageRecord, Store};
use crate::state::ContainerStore;
use crate::storage::Paths;

use state::{keyword_start, line_of, pairs, StageState};

#[derive(Default)]
pub struct BuildOptions {
    pub context: PathBuf,
    /// The Containerfile's text, when it came from `-f -` or a path outside the context.
    pub file: Option<PathBuf>,
    pub file_text: Option<String>,
    pub tags: Vec<String>,
    pub build_args: BTreeMap<String, String>,
    pub target: Option<String>,
    pub no_cache: bool,
    /// always | missing | never | newer
    pub pull: String,
    pub labels: BTreeMap<String, String>,
    pub quiet: bool,
    pub docker_format: bool,
    pub timestamp: Option<i64>,
    pub access: crate::image::registry::Access,
    /// `--env`/`--unsetenv`: the final image's environment.
    pub env: Vec<(String, String)>,
    pub unsetenv: Vec<String>,
    pub ignorefile: Option<PathBuf>,
    /// `--secret id=...`: for `RUN --mount=type=secret`.
    pub secrets: BTreeMap<String, mounts::Secret>,
    /// `--squash`: the build's new layers as one; `--squash-all`: the whole image as one.
    pub squash: bool,
    pub squash_all: bool,
    /// `--annotation`: in the final image's manifest.
    pub annotations: BTreeMap<String, String>,
    /// `--network` for every RUN: default, none (a RUN's own `--network` wins).
    pub network: Option<String>,
    /// `--layers=false`: no step is taken from the cache.
    pub layers: bool,
    /// `--cache-ttl`: cached steps older than this many seconds are built again.
    pub cache_ttl: Option<u64>,
    /// The container options of every RUN step (`--cap-add`, `--device`, `-v`, limits, ...).
    pub run_opts: crate::runtime::spec::Options,
    /// `--from`: the first stage's base image instead of its FROM.
    pub from: Option<String>,
    /// `--omit-history`: no history in the image's config.
    pub omit_history: bool,
    /// `--os-feature`/`--os-version`: recorded in the image's config.
    pub os_features: Vec<String>,
    pub os_version: Option<String>,
    /// `--build-context NAME=...`: more contexts for `COPY --from=NAME` and `FROM NAME`.
    pub build_contexts: BTreeMap<String, NamedContext>,
}

/// A named build context: a directory, or an image (`docker-image://REF`).
#[derive(Debug, Clone)]
pub enum NamedContext {
    Dir(PathBuf),
    Image(String),
}

impl NamedContext {
    /// `NAME=PATH`, `NAME=docker-image://REF` or `NAME=container-image://REF`.
    pub fn parse(s: &str) -> anyhow::Result<(String, NamedContext)> {
        let (name, value) = s
            .split_once('=')
            .filter(|(n, v)| !n.is_empty() && !v.is_empty())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "invalid --build-context {s:?}: use NAME=PATH or NAME=docker-image://IMAGE"
                )
            })?;
        let ctx = match value
            .strip_prefix("docker-image://")
            .or_else(|| value.strip_prefix("container-image://"))
        {
            Some(r) => NamedContext::Image(r.to_string()),
            None if value.contains("://") => anyhow::bail!(
                "--build-context {name}={value}: skiff takes a directory or docker-image://IMAGE"
            ),
            None => {
                let p = PathBuf::from(value);
                if !p.is_dir() {
                    anyhow::bail!("--build-context {name}={value}: no such directory");
                }
                NamedContext::Dir(p)
            }
        };
        Ok((name.to_string(), ctx))
    }
}

/// The proxy build args docker predefines: a RUN sees them when given with --build-arg, without
/// an ARG line, and they stay out of the image's history.
pub(crate) const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// A build context given as a tarball (`-` for stdin, a file, or a URL), unpacked into a temp dir
/// under the store (removed when dropped). Entries cannot leave the dir (the tar crate refuses
/// `..` and absolute paths, and writes through no symlink).
pub fn context_from_archive(paths: &Paths, source: &str) -> anyhow::Result<tempfile::TempDir> {
    let tmp = paths.root.join("tmp");
    std::fs::create_dir_all(&tmp)?;
    let downloaded = if source.contains("://") {
        let f = tmp.join(format!("context-{}", crate::state::names::random_id()));
        commit::download(source, &f)?;
        Some(f)
    } else {
        None
    };
    let input = match (&downloaded, source) {
        (Some(f), _) => Some(f.clone()),
        (None, "-") => None,
        (None, f) => Some(PathBuf::from(f)),
    };
    let spooled = crate::image::archive::spool(input.as_deref(), &tmp);
    if let Some(f) = &downloaded {
        let _ = std::fs::remove_file(f);
    }
    let spooled = spooled?;
    let dir = tempfile::Builder::new()
        .prefix("context-")
        .tempdir_in(&tmp)?;
    let mut ar = tar::Archive::new(std::fs::File::open(&spooled.path)?);
    ar.set_preserve_permissions(true);
    ar.set_overwrite(true);
    ar.unpack(dir.path())
        .with_context(|| format!("build context {source}: not a tar archive, or a bad one"))?;
    Ok(dir)
}

/// The default build args docker predefines (proxies) and the platform ones.
fn predefined() -> BTreeMap<String, String> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    let mut m = BTreeMap::new();
    for (k, v) in [
        ("TARGETPLATFORM", format!("linux/{arch}")),
        ("TARGETOS", "linux".into()),
        ("TARGETARCH", arch.to_string()),
        ("BUILDPLATFORM", format!("linux/{arch}")),
        ("BUILDOS", "linux".into()),
        ("BUILDARCH", arch.to_string()),
    ] {
        m.insert(k.to_string(), v);
    }
    m
}

struct Builder<'a> {
    paths: &'a Paths,
    o: &'a BuildOptions,
    store: Store,
    cstore: ContainerStore,
    text: String,
    ignore: ignore::Ignore,
    cache: BTreeMap<String, String>,
    step: usize,
    steps: usize,
    used_args: BTreeSet<String>,
    results: Vec<Option<StageState>>,
    /// Where the file's first FROM starts (`--from` replaces that stage's base).
    first_from: Option<usize>,
    /// The global ARGs (before the first FROM), which a stage's `ARG NAME` picks up.
    global: BTreeMap<String, String>,
}

fn cache_path(paths: &Paths) -> PathBuf {
    paths.root.join("images/build-cache.json")
}

/// Build; returns the final image (tagged as asked).
pub fn build(paths: &Paths, o: &BuildOptions) -> anyhow::Result<ImageRecord> {
    let ctx = &o.context;
    if !ctx.is_dir() {
        bail!("build context {}: not a directory", ctx.display());
    }
    let (text, file_name) = match (&o.file_text, &o.file) {
        (Some(t), _) => (t.clone(), "Containerfile (stdin)".to_string()),
        (None, Some(f)) => (
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?,
            f.display().to_string(),
        ),
        (None, None) => {
            let f = ["Containerfile", "Dockerfile"]
                .iter()
                .map(|n| ctx.join(n))
                .find(|p| p.is_file())
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "no Containerfile or Dockerfile in {}: give one with -f",
                        ctx.display()
                    )
                })?;
            (std::fs::read_to_string(&f)?, f.display().to_string())
        }
    };
    let ignore_text = match &o.ignorefile {
        Some(f) => std::fs::read_to_string(f)
            .with_context(|| format!("reading --ignorefile {}", f.display()))?,
        None => o
            .file
            .iter()
            .map(|f| PathBuf::from(format!("{}.dockerignore", f.display())))
            .chain(
                [".containerignore", ".dockerignore"]
                    .iter()
                    .map(|n| ctx.join(n)),
            )
            .find_map(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default(),
    };
    let df = parse_dockerfile::parse(&text).map_err(|e| anyhow::anyhow!("{file_name}: {e}"))?;
    if let Some(s) = &df.parser_directives.syntax {
        if !o.quiet {
            eprintln!(
                "note: `# syntax={}` is ignored: skiff parses the file itself",
                s.value.value
            );
        }
    }
    let store = Store::open(&paths.root)?;
    let cstore = ContainerStore::open(&paths.root, &paths.runroot)?;
    // Step containers of a build that was killed: their processes died with it; the records go.
    for c in cstore.list()? {
        if c.name.starts_with("skiff-build-") && !c.process_alive() {
            let _ = crate::runtime::container::remove(&cstore, &c);
        }
    }
    let cache: BTreeMap<String, String> = if o.no_cache {
        BTreeMap::new()
    } else {
        std::fs::read(cache_path(paths))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    };
    let stages: Vec<_> = df.stages().collect();
    let names: Vec<Option<String>> = stages
        .iter()
        .map(|s| s.from.as_.as_ref().map(|(_, n)| n.value.to_lowercase()))
        .collect();
    // Global ARGs: usable in FROM lines only.
    let mut global = predefined();
    for a in df.global_args() {
        for (k, v) in pairs(&a.arguments.value) {
            let v = o
                .build_args
                .get(&k)
                .cloned()
                .unwrap_or_else(|| subst::expand(&v, &global));
            global.insert(k, v);
        }
    }
    let target = match &o.target {
        Some(t) => names
            .iter()
            .position(|n| n.as_deref() == Some(t.to_lowercase().as_str()))
            .ok_or_else(|| anyhow::anyhow!("--target {t}: no stage of that name in {file_name}"))?,
        None => stages.len() - 1,
    };
    // The stages the target needs (FROM and COPY --from references), built in file order.
    let stage_ref = |r: &str| -> Option<usize> {
        let r = r.to_lowercase();
        names
            .iter()
            .position(|n| n.as_deref() == Some(r.as_str()))
            .or_else(|| r.parse::<usize>().ok().filter(|i| *i < stages.len()))
    };
    let mut needed = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if !needed.insert(i) {
            continue;
        }
        let from = subst::expand(&stages[i].from.image.value, &global);
        if let Some(j) = stage_ref(&from).filter(|j| *j < i) {
            todo.push(j);
        }
        for ins in stages[i].instructions {
            let flags = match ins {
                Instruction::Copy(c) => &c.options[..],
                Instruction::Add(a) => &a.options[..],
                Instruction::Run(r) => &r.options[..],
                _ => &[],
            };
            for f in flags {
                let value = f
                    .value
                    .as_ref()
                    .map(|v| v.value.to_string())
                    .unwrap_or_default();
                // COPY/ADD --from=X, and RUN --mount=...,from=X,...
                let named = match &*f.name.value {
                    "from" => Some(value.clone()),
                    "mount" => value
                        .split(',')
                        .find_map(|kv| kv.strip_prefix("from="))
                        .map(str::to_string),
                    _ => None,
                };
                if let Some(v) = named {
                    match stage_ref(&v) {
                        Some(j) if j < i => todo.push(j),
                        Some(_) => bail!(
                            "{file_name}:{}: COPY --from={v} names a stage that comes later",
                            line_of(&text, keyword_start(ins))
                        ),
                        None => {}
                    }
                }
            }
        }
    }
    let steps = needed
        .iter()
        .map(|i| stages[*i].instructions.len() + 1)
        .sum();
    let mut b = Builder {
        paths,
        o,
        store,
        cstore,
        text: text.clone(),
        ignore: ignore::Ignore::parse(&ignore_text),
        cache,
        step: 0,
        steps,
        used_args: BTreeSet::new(),
        results: vec![None; stages.len()],
        first_from: stages.first().map(|s| s.from.from.span.start),
        global: global.clone(),
    };
    for &i in &needed {
        let st = b.stage(&stages[i], &global, &stage_ref)?;
        b.results[i] = Some(st);
    }
    for k in o.build_args.keys() {
        if !b.used_args.contains(k) && !global.contains_key(k) && !PROXY_ARGS.contains(&k.as_str())
        {
            eprintln!("[Warning] one or more build args were not consumed: [{k}]");
        }
    }
    let mut last = b.results[target].clone().expect("the target was built");
    for (k, v) in &o.env {
        last.set_env(k, Some(v));
    }
    for k in &o.unsetenv {
        last.set_env(k, None);
    }
    for (k, v) in &o.labels {
        last.map_insert("Labels", k.clone(), json!(v));
    }
    let names: Vec<String> = o
        .tags
        .iter()
        .map(|t| commit::names_for(Some(t)))
        .collect::<anyhow::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    if o.squash || o.squash_all {
        let (keep, from) = if o.squash_all {
            (0, 0)
        } else {
            (last.base_layers, last.base_history)
        };
        if last.layers.len() > keep {
            let diff = if o.squash_all {
                commit::layer_of_tree(paths, &b.store, &last.layers)?
            } else {
                commit::layer_of_delta(paths, &b.store, &last.layers[..keep], &last.layers)?
            };
            last.layers.truncate(keep);
            last.layers.push(diff);
            if let Some(h) = last.config["history"].as_array_mut() {
                for e in h.iter_mut().skip(from) {
                    e["empty_layer"] = json!(true);
                }
            }
            last.history("skiff build --squash", false);
        }
    }
    if o.omit_history {
        if let Some(c) = last.config.as_object_mut() {
            c.remove("history");
        }
    }
    if !o.os_features.is_empty() {
        last.config["os.features"] = serde_json::json!(o.os_features);
    }
    if let Some(v) = &o.os_version {
        last.config["os.version"] = serde_json::json!(v);
    }
    let img = commit::finish_image_annotated(
        &b.store,
        last.config.clone(),
        &last.layers,
        names.clone(),
        o.docker_format,
        &o.annotations,
    )?;
    if !o.quiet {
        if let Some(n) = names.first() {
            println!("COMMIT {n}");
        }
        println!("--> {}", &hex_of(&img.id)[..12]);
        for n in &names {
            println!("Successfully tagged {n}");
        }
    }
    Ok(img)
}
