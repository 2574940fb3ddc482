//! `skiff build` / `skiff image build`: the flags, mapped onto build::BuildOptions.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use super::pull::RegistryArgs;
use super::GlobalOpts;

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The Containerfile (default: Containerfile, then Dockerfile, in the context; - reads stdin).
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<String>,
    /// Name the image (several allowed).
    #[arg(short, long, value_name = "NAME")]
    pub tag: Vec<String>,
    /// Set a build argument: NAME=VALUE (or NAME to take it from the environment).
    #[arg(long, value_name = "NAME[=VALUE]")]
    pub build_arg: Vec<String>,
    /// Read build arguments from FILE (NAME=VALUE lines).
    #[arg(long, value_name = "FILE")]
    pub build_arg_file: Vec<PathBuf>,
    /// Build up to this stage.
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// Do not use cached steps.
    #[arg(long)]
    pub no_cache: bool,
    /// When to pull base images: always, missing (default), never, newer.
    #[arg(long, value_name = "POLICY", num_args = 0..=1, default_missing_value = "always", default_value = "missing")]
    pub pull: String,
    /// Use cached steps (false: build every step, as --no-cache, but keep the results).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub layers: bool,
    /// Add a label to the image: KEY=VALUE.
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Image format: oci (default) or docker.
    #[arg(long, default_value = "oci", value_name = "FORMAT")]
    pub format: String,
    /// Write the image id to FILE.
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Print only the image id.
    #[arg(short, long)]
    pub quiet: bool,
    /// Set an environment variable in the final image: NAME=VALUE.
    #[arg(long, value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// Remove an environment variable from the final image.
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// The platform to build for: the host's (another needs qemu-user-static, which skiff does not use).
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Use this ignore file instead of .containerignore/.dockerignore.
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// Set every created time (and COPY file times) to these Unix seconds (default: $SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "SECONDS")]
    pub timestamp: Option<i64>,
    /// A secret for `RUN --mount=type=secret`: id=ID,src=PATH or id=ID,env=NAME (never in a layer).
    #[arg(long, value_name = "id=ID,src=PATH|env=NAME")]
    pub secret: Vec<String>,
    /// The build's new layers as one layer on the base image's.
    #[arg(long)]
    pub squash: bool,
    /// The whole image as one layer.
    #[arg(long)]
    pub squash_all: bool,
    /// An annotation for the image's manifest: KEY=VALUE.
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Network for RUN steps: default (skiff's default network) or none.
    #[arg(long, value_name = "MODE")]
    pub network: Option<String>,
    /// Build cached steps older than this again (e.g. 24h).
    #[arg(long, value_name = "DURATION")]
    pub cache_ttl: Option<String>,
    #[command(flatten)]
    pub registry: RegistryArgs,
    #[command(flatten)]
    pub run_flags: super::buildflags::RunStepFlags,
    #[command(flatten)]
    pub extra: super::buildflags::BuildExtraFlags,
    /// The build context: a directory (default: the current one), a tarball (gzip/zstd too), - for a
    /// tarball on stdin, or the URL of one.
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
}

fn kv(s: &str, flag: &str) -> anyhow::Result<(String, String)> {
    match s.split_once('=') {
        Some((k, v)) => Ok((k.to_string(), v.to_string())),
        None if flag == "--build-arg" => Ok((s.to_string(), std::env::var(s).unwrap_or_default())),
        None => anyhow::bail!("invalid {flag} {s:?}: use NAME=VALUE"),
    }
}

pub fn run(g: &GlobalOpts, a: BuildArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    a.extra.check()?;
    let output = a
        .extra
        .output
        .as_deref()
        .map(super::buildflags::parse_output)
        .transpose()?;
    if let Some(f) = &a.extra.logfile {
        // Everything the build says goes to the file (as podman's --logfile).
        let file = std::fs::File::create(f)
            .map_err(|e| anyhow::anyhow!("--logfile {}: {e}", f.display()))?;
        nix::unistd::dup2_stdout(&file)?;
        nix::unistd::dup2_stderr(&file)?;
    }
    let given = a.context.clone().unwrap_or_else(|| ".".into());
    // A tarball (a file, `-` for stdin, or a URL) is unpacked into a private temp dir first.
    let _unpacked;
    let context = if given == "-" || PathBuf::from(&given).is_file() || given.contains("://") {
        let dir = crate::build::context_from_archive(&paths, &given)?;
        let p = dir.path().to_path_buf();
        _unpacked = dir;
        p
    } else {
        PathBuf::from(&given)
    };
    if let Some(p) = &a.platform {
        let host = crate::image::manifest::Platform::host();
        let want = crate::image::manifest::Platform::parse(p)?;
        if want.architecture != host.architecture || want.os != host.os {
            anyhow::bail!(
                "--platform {p}: skiff builds for this host ({host}) only; another architecture \
                 needs qemu-user-static, which skiff does not use"
            );
        }
    }
    let mut build_args = BTreeMap::new();
    for f in &a.build_arg_file {
        let text = std::fs::read_to_string(f)
            .map_err(|e| anyhow::anyhow!("reading --build-arg-file {}: {e}", f.display()))?;
        for l in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (k, v) = kv(l, "--build-arg")?;
            build_args.insert(k, v);
        }
    }
    for b in &a.build_arg {
        let (k, v) = kv(b, "--build-arg")?;
        build_args.insert(k, v);
    }
    let labels = a
        .label
        .iter()
        .map(|l| kv(l, "--label"))
        .collect::<anyhow::Result<BTreeMap<_, _>>>()?;
    let (file, file_text) = match a.file.as_deref() {
        Some("-") => {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
            (None, Some(s))
        }
        // (a relative -f of an unpacked context is inside it)
        Some(f) if !PathBuf::from(f).exists() && context.join(f).is_file() => {
            (Some(context.join(f)), None)
        }
        Some(f) => (Some(PathBuf::from(f)), None),
        None => (None, None),
    };
    let docker_format = match a.format.as_str() {
        "oci" => false,
        "docker" => true,
        other => anyhow::bail!("invalid --format {other:?}: oci or docker"),
    };
    let timestamp = match a.timestamp {
        Some(t) => Some(t),
        None => std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.parse().ok()),
    };
    let cache_ttl = a
        .cache_ttl
        .as_deref()
        .map(|d| {
            crate::runtime::health::parse_duration(d)
                .map(|ms| ms / 1000)
                .ok_or_else(|| {
                    anyhow::anyhow!("invalid --cache-ttl {d:?}: a duration like 1h or 30m")
                })
        })
        .transpose()?;
    let o = crate::build::BuildOptions {
        context,
        file,
        file_text,
        tags: a.tag.clone(),
        build_args,
        target: a.target.clone(),
        no_cache: a.no_cache,
        pull: a.pull.clone(),
        labels,
        quiet: a.quiet,
        docker_format,
        timestamp,
        access: a.registry.access()?,
        env: a
            .env
            .iter()
            .map(|e| kv(e, "--env"))
            .collect::<anyhow::Result<_>>()?,
        unsetenv: a.unsetenv.clone(),
        ignorefile: a.ignorefile.clone(),
        layers: a.layers,
        cache_ttl,
        squash: a.squash,
        squash_all: a.squash_all,
        annotations: a
            .annotation
            .iter()
            .map(|x| kv(x, "--annotation"))
            .collect::<anyhow::Result<_>>()?,
        network: match a.network.as_deref() {
            None | Some("default" | "private" | "pasta" | "slirp4netns") => None,
            Some("none") => Some("none".to_string()),
            Some(other) => anyhow::bail!("invalid --network {other:?}: default or none"),
        },
        secrets: a
            .secret
            .iter()
            .map(|s| crate::build::mounts::parse_secret(s))
            .collect::<anyhow::Result<_>>()?,
        run_opts: a.run_flags.options(&paths)?,
        from: a.extra.from.clone(),
        omit_history: a.extra.omit_history,
        os_features: a.extra.os_feature.clone(),
        os_version: a.extra.os_version.clone(),
        build_contexts: a
            .extra
            .build_context
            .iter()
            .map(|s| crate::build::NamedContext::parse(s))
            .collect::<anyhow::Result<_>>()?,
    };
    let img = crate::build::build(&paths, &o)?;
    if let Some(out) = &output {
        super::buildflags::write_output(&paths, &img.layers, out)?;
    }
    if let Some(list) = &a.extra.manifest {
        use crate::image::manifest_list as ml;
        if !ml::exists(&paths, list)? {
            ml::create(&paths, list, false)?;
        }
        ml::add(
            &paths,
            list,
            crate::image::store::hex_of(&img.id),
            &ml::AddOptions::default(),
        )?;
    }
    if let Some(f) = &a.iidfile {
        std::fs::write(f, &img.id)
            .map_err(|e| anyhow::anyhow!("writing --iidfile {}: {e}", f.display()))?;
    }
    super::output::print_text(&format!("{}\n", crate::image::store::hex_of(&img.id)))?;
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct BuilderArgs {
    #[command(subcommand)]
    pub command: BuilderCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum BuilderCommand {
    /// Remove the build cache: its records and the intermediate images no tag or container uses
    Prune {
        /// Also the RUN --mount=type=cache directories.
        #[arg(short, long)]
        all: bool,
        /// Do not ask for confirmation.
        #[arg(short, long)]
        force: bool,
    },
}

pub fn builder(g: &GlobalOpts, a: BuilderArgs) -> anyhow::Result<i32> {
    let BuilderCommand::Prune { all, force } = a.command;
    if !force
        && !super::confirm("WARNING! This removes the build cache and the images only it uses.")?
    {
        return Ok(0);
    }
    let paths = g.paths()?;
    let cache = paths.root.join("images/build-cache.json");
    let _ = std::fs::remove_file(&cache);
    if all {
        let dir = paths.root.join("build-cache-mounts");
        if dir.exists() {
            let mapping = crate::userns::IdMapping::for_current_user()?;
            crate::userns::helper::remove_paths(&mapping, &[dir])?;
        }
    }
    let gone = crate::image::manage::prune(&paths, false, &[])?;
    super::output::print_text(&gone.iter().map(|id| format!("{id}\n")).collect::<String>())?;
    Ok(0)
}
