//! The steps that make layers: RUN (a container made through the engine's `ContainerRequest`,
//! run in the foreground, its changes packed as a layer) and COPY/ADD (written from the context or
//! from another stage's image).

use std::path::{Path, PathBuf};

use anyhow::bail;
use parse_dockerfile::{Command as PCommand, Source};
use serde_json::json;

use super::state::{LayerWriter, StageState};
use super::{copy, subst, Builder};
use crate::image::commit;
use crate::image::store::hex_of;
use crate::runtime::create::{ContainerRequest, ImageSource};
use crate::userns::IdMapping;

impl Builder<'_> {
    pub(super) fn run(
        &mut self,
        st: &mut StageState,
        r: &parse_dockerfile::RunInstruction<'_>,
        text: &str,
        line: usize,
        stage_ref: &dyn Fn(&str) -> Option<usize>,
    ) -> anyhow::Result<()> {
        let vars = st.vars();
        let mut mount_specs = Vec::new();
        for f in &r.options {
            let v = f
                .value
                .as_ref()
                .map(|v| subst::expand(&v.value, &vars))
                .unwrap_or_default();
            match &*f.name.value {
                "network" => {
                    if v != "default" && v != "none" {
                        bail!("line {line}: RUN --network={v}: default or none");
                    }
                }
                "mount" => mount_specs.push(v),
                other => bail!(
                    "line {line}: RUN --{other} is not supported by skiff build (supported: --mount, --network)"
                ),
            }
        }
        let args: Vec<String> = match &r.arguments {
            PCommand::Exec(e) => e.value.iter().map(|s| s.value.to_string()).collect(),
            PCommand::Shell(s) => {
                let mut script = s.value.to_string();
                for h in &r.here_docs {
                    // `RUN <<EOF` runs the document; `RUN cmd <<EOF` feeds it to cmd.
                    if script.trim().is_empty() || script.trim_start().starts_with("<<") {
                        script = h.value.to_string();
                    } else {
                        let delim = format!("SKIFF_HEREDOC_{}", crate::state::names::random_id());
                        let head: String = script.split("<<").next().unwrap_or("").to_string();
                        let tail = script.split_once("<<").map(|x| x.1).unwrap_or("");
                        let rest = tail.trim_start_matches('-').trim_start();
                        let after = rest
                            .trim_start_matches(['\'', '"'])
                            .split_once(char::is_whitespace)
                            .map(|x| x.1)
                            .unwrap_or("");
                        script = format!(
                            "{head}<<'{delim}' {after}\n{}\n{delim}",
                            h.value.trim_end_matches('\n')
                        );
                    }
                }
                let mut v = st.shell.clone();
                v.push(script);
                v
            }
            _ => bail!("line {line}: a RUN form skiff does not know"),
        };
        let network = r
            .options
            .iter()
            .find(|f| f.name.value == "network")
            .and_then(|f| f.value.as_ref().map(|v| v.value.to_string()))
            .or_else(|| self.o.network.clone());
        // The build args this RUN sees are part of its cache key (as docker's).
        let build_env: Vec<String> = st.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        st.chain(&format!("{text}\n{}", build_env.join("\n")));
        if let Some(img) = self.cached(&st.key) {
            return self.use_cached(st, &img);
        }
        let base = commit::finish_image(
            &self.store,
            st.config.clone(),
            &st.layers,
            Vec::new(),
            false,
        )?;
        let cfg = self.store.config(&base.id)?;
        let mut env: Vec<String> = build_env
            .iter()
            .filter(|kv| {
                let k = kv.split('=').next().unwrap_or("");
                !st.env().contains_key(k)
            })
            .cloned()
            .collect();
        // The predefined proxy args, when given (they are not part of the cache key, as docker's).
        for (k, v) in &self.o.build_args {
            if super::PROXY_ARGS.contains(&k.as_str()) && !st.args.contains_key(k) {
                env.push(format!("{k}={v}"));
            }
        }
        let mapping = IdMapping::for_current_user()?;
        let workdir = st.config["config"]["WorkingDir"]
            .as_str()
            .unwrap_or("/")
            .to_string();
        let mut stage_tree = |f: &str| -> anyhow::Result<PathBuf> {
            let layers = match stage_ref(f).and_then(|j| self.results[j].clone()) {
                Some(s) => s.layers,
                None => self.image(f)?.layers,
            };
            let diff = commit::layer_of_tree(self.paths, &self.store, &layers)?;
            Ok(self.store.layer_diff(&diff))
        };
        let run_mounts = super::mounts::run_mounts(
            &mount_specs,
            &self.paths.root,
            &self.o.context,
            &self.o.secrets,
            &workdir,
            &mut stage_tree,
        )
        .map_err(|e| anyhow::anyhow!("line {line}: {e:#}"))?;
        // The build's RUN-container flags (`--cap-add`, `--device`, `-v`, limits, ...), then the
        // step's own command, environment, network and mounts.
        let template = self.o.run_opts.clone();
        let opts = crate::runtime::spec::Options {
            mounts: template
                .mounts
                .iter()
                .cloned()
                .chain(run_mounts.mounts.iter().cloned())
                .collect(),
            command: args.clone(),
            entrypoint: Some(String::new()),
            env,
            network: match network.as_deref() {
                Some("none") => crate::network::Network::None,
                _ => crate::network::Network::default_mode()?,
            },
            ..template
        };
        let id = crate::state::names::random_id();
        let req = ContainerRequest {
            die_with_parent: true,
            ..ContainerRequest::internal(
                id.clone(),
                format!("skiff-build-{}", &id[..12]),
                ImageSource::Image {
                    record: base.clone(),
                    config: Box::new(cfg.config),
                    given: hex_of(&base.id).to_string(),
                },
                opts,
                mapping,
                vec!["skiff".into(), "build".into()],
            )
        };
        let c = crate::runtime::create::create(self.paths, &self.store, req)?;
        let result = (|| -> anyhow::Result<String> {
            let mute = [self.o.quiet, self.o.quiet];
            let code = crate::runtime::container::run_foreground(&self.cstore, &c.id, true, mute)?;
            if code != 0 {
                return Err(crate::error::Coded::new(
                    code,
                    format!(
                        "building at STEP {}: line {line}: {text}: the command exited with status {code}",
                        self.step
                    ),
                )
                .into());
            }
            let latest = self.cstore.load(&c.id)?;
            commit::layer_of_container(
                self.paths,
                &self.store,
                &self.cstore,
                &latest,
                &run_mounts.exclude,
                self.o.timestamp.map(|t| t.max(0) as u64),
            )
        })();
        if let Ok(latest) = self.cstore.load(&c.id) {
            let _ = crate::runtime::container::remove(&self.cstore, &latest);
        }
        let diff_id = result?;
        st.layers.push(diff_id);
        st.config["created"] = json!(self
            .o
            .timestamp
            .map(crate::cli::format::rfc3339)
            .unwrap_or_else(commit::now_rfc3339));
        let shown = match &r.arguments {
            PCommand::Exec(_) => serde_json::to_string(&args)?,
            _ => format!(
                "{} {}",
                st.shell.join(" "),
                args.last().cloned().unwrap_or_default()
            ),
        };
        st.history(&shown, false);
        self.step_done(st)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn copy(
        &mut self,
        st: &mut StageState,
        src: &[Source<'_>],
        dest: &str,
        flags: &[(String, String)],
        text: &str,
        line: usize,
        add: bool,
        stage_ref: &dyn Fn(&str) -> Option<usize>,
    ) -> anyhow::Result<()> {
        let what = if add { "ADD" } else { "COPY" };
        let mut attrs = copy::Attrs {
            mtime: self.o.timestamp.map(|t| t.max(0) as u64),
            ..Default::default()
        };
        let mut from = None;
        let mut checksum: Option<String> = None;
        let mut excludes: Vec<String> = Vec::new();
        let mut chown_given = false;
        let mut parents = false;
        for (k, v) in flags {
            match k.as_str() {
                "from" => from = Some(v.clone()),
                "chown" => {
                    chown_given = true;
                    let (u, g) = v.split_once(':').unwrap_or((v, v));
                    let num = |x: &str| -> anyhow::Result<u32> {
                        match x {
                            "root" => Ok(0),
                            n => n.parse().map_err(|_| {
                                anyhow::anyhow!(
                                    "line {line}: {what} --chown={v}: give numeric ids (or root)"
                                )
                            }),
                        }
                    };
                    attrs.uid = num(u)?;
                    attrs.gid = num(g)?;
                }
                "chmod" => {
                    attrs.chmod = Some(u32::from_str_radix(v, 8).map_err(|_| {
                        anyhow::anyhow!(
                            "line {line}: {what} --chmod={v}: give an octal mode like 0755"
                        )
                    })?)
                }
                "link" => {}
                "exclude" if !add => excludes.push(v.clone()),
                "parents" if !add => parents = v.is_empty() || v == "true",
                "checksum" if add => checksum = Some(v.clone()),
                other => bail!("line {line}: {what} --{other} is not supported by skiff build yet"),
            }
        }
        let vars = st.vars();
        let workdir = st.config["config"]["WorkingDir"]
            .as_str()
            .unwrap_or("/")
            .to_string();
        let dest = copy::dest_path(dest, &workdir);
        let mut sources = Vec::new();
        let mut heredocs = Vec::new();
        for s in src {
            match s {
                Source::Path(p) => sources.push(subst::expand(&p.value, &vars)),
                Source::HereDoc(h) => heredocs.push(if h.expand {
                    subst::expand(&h.value, &vars)
                } else {
                    h.value.to_string()
                }),
                _ => bail!("line {line}: a {what} source skiff does not know"),
            }
        }
        // A named build context: a directory to copy from, or an image.
        let mut context = self.o.context.clone();
        if let Some(f) = from.clone() {
            match self.o.build_contexts.get(&f) {
                Some(super::NamedContext::Dir(d)) => {
                    context = d.clone();
                    from = None;
                }
                Some(super::NamedContext::Image(r)) => from = Some(r.clone()),
                None => {}
            }
        }
        // Heredocs become files; then the layer is written from them like from the context.
        let tmpctx;
        let (ctx, sources) = if !heredocs.is_empty() {
            tmpctx = tempfile::Builder::new()
                .prefix("heredoc")
                .tempdir_in(self.paths.root.join("tmp"))
                .or_else(|_| {
                    std::fs::create_dir_all(self.paths.root.join("tmp"))?;
                    tempfile::Builder::new()
                        .prefix("heredoc")
                        .tempdir_in(self.paths.root.join("tmp"))
                })?;
            let name = Path::new(&dest)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "file".into());
            std::fs::write(tmpctx.path().join(&name), heredocs.concat())?;
            (tmpctx.path().to_path_buf(), vec![name])
        } else {
            (context, sources)
        };
        let (digest, layer_src): (String, LayerWriter<'_>) = match &from {
            Some(f) => {
                let img = match stage_ref(f).and_then(|j| self.results[j].clone()) {
                    Some(s) => commit::finish_image(
                        &self.store,
                        s.config.clone(),
                        &s.layers,
                        Vec::new(),
                        false,
                    )?,
                    None => self.image(f)?,
                };
                let layers: Vec<PathBuf> = img
                    .layers
                    .iter()
                    .rev()
                    .map(|l| self.store.layer_diff(l))
                    .collect();
                let srcs = sources.clone();
                let dest2 = dest.clone();
                let mnt = self
                    .paths
                    .runroot
                    .join(format!("build-from-{}", std::process::id()));
                (
                    crate::image::archive::sha256_hex(
                        format!("{}\n{}", img.id, sources.join("\n")).as_bytes(),
                    ),
                    Box::new(move |out: &mut dyn std::io::Write| {
                        std::fs::create_dir_all(&mnt)?;
                        let mut args: Vec<std::ffi::OsString> =
                            vec!["--mode".into(), "tree".into()];
                        let (top, rest) = layers
                            .split_first()
                            .ok_or_else(|| anyhow::anyhow!("{f}: an empty image"))?;
                        args.push("--dir".into());
                        args.push(top.clone().into());
                        for l in rest {
                            args.push("--lower".into());
                            args.push(l.clone().into());
                        }
                        args.push("--mnt".into());
                        args.push(mnt.clone().into());
                        let mut tarbuf = Vec::new();
                        let r =
                            commit::run_pack(&IdMapping::for_current_user()?, args, &mut tarbuf);
                        let _ = std::fs::remove_dir(&mnt);
                        r?;
                        let n = copy::from_image_tar(&tarbuf[..], &srcs, &dest2, attrs, out)?;
                        if n == 0 {
                            bail!(
                                "COPY --from={f}: {} not found in that image",
                                srcs.join(" ")
                            );
                        }
                        Ok(())
                    }),
                )
            }
            None if add && sources.len() == 1 && is_url(&sources[0]) => {
                // ADD URL: downloaded (not extracted), mode 0600, checked against --checksum.
                let url = sources[0].clone();
                let tmp = self.paths.root.join("tmp");
                std::fs::create_dir_all(&tmp)?;
                let file = tmp.join(format!("add-{}", crate::state::names::random_id()));
                commit::download(&url, &file).map_err(|e| anyhow::anyhow!("line {line}: {e:#}"))?;
                let data = std::fs::read(&file)?;
                let _ = std::fs::remove_file(&file);
                let sum = crate::image::archive::sha256_hex(&data);
                if let Some(want) = &checksum {
                    if want.trim_start_matches("sha256:") != sum {
                        bail!("line {line}: ADD {url}: its checksum is sha256:{sum}, not {want}");
                    }
                }
                let name = url
                    .split(['?', '#'])
                    .next()
                    .and_then(|u| u.rsplit('/').next())
                    .filter(|n| !n.is_empty())
                    .unwrap_or("index.html")
                    .to_string();
                let target = if dest.ends_with('/') {
                    format!("{dest}{name}")
                } else {
                    dest.clone()
                };
                let a = copy::Attrs {
                    chmod: attrs.chmod.or(Some(0o600)),
                    ..attrs
                };
                (
                    sum,
                    Box::new(move |out: &mut dyn std::io::Write| {
                        copy::single_file(&target, &data, a, out)
                    }),
                )
            }
            None if add && sources.len() == 1 && is_archive(&ctx.join(&sources[0])) => {
                // ADD of a local tar (plain, gzip or zstd): its entries extracted into dest.
                let path = ctx.join(copy::normalize_rel(&sources[0]).ok_or_else(|| {
                    anyhow::anyhow!("line {line}: {}: outside the build context", sources[0])
                })?);
                let digest = crate::image::archive::sha256_hex(&std::fs::read(&path)?);
                let dest2 = format!("{}/", dest.trim_end_matches('/'));
                // docker keeps an added archive's owners unless --chown says otherwise
                let attrs = copy::Attrs {
                    keep_owner: !chown_given,
                    ..attrs
                };
                (
                    digest,
                    Box::new(move |out: &mut dyn std::io::Write| {
                        let f = std::io::BufReader::new(std::fs::File::open(&path)?);
                        let mut head = [0u8; 4];
                        let mut r = std::io::BufReader::new(std::fs::File::open(&path)?);
                        let n = std::io::Read::read(&mut r, &mut head)?;
                        let c = crate::image::archive::sniff(&head[..n]);
                        let dec = crate::image::archive::decoder(f, c)?;
                        copy::from_image_tar(dec, &[String::new()], &dest2, attrs, out)?;
                        Ok(())
                    }),
                )
            }
            None => {
                if sources.iter().any(|s| is_url(s)) {
                    bail!("line {line}: ADD takes one URL at a time (give each its own ADD)");
                }
                let plan = copy::Plan::from_context_with(
                    &ctx,
                    &self.ignore,
                    &sources,
                    &dest,
                    &super::ignore::Ignore::parse(&excludes.join("\n")),
                    parents,
                )
                .map_err(|e| anyhow::anyhow!("line {line}: {e:#}"))?;
                (
                    plan.digest()?,
                    Box::new(move |out: &mut dyn std::io::Write| plan.write(attrs, out)),
                )
            }
        };
        st.chain(&format!(
            "{text}\n{digest}\n{}:{}:{:?}",
            attrs.uid, attrs.gid, attrs.chmod
        ));
        if let Some(img) = self.cached(&st.key) {
            return self.use_cached(st, &img);
        }
        let diff_id = commit::layer_from_writer(
            self.paths,
            &self.store,
            &format!("line {line}: {what}"),
            layer_src,
        )?;
        st.layers.push(diff_id);
        st.config["created"] = json!(self
            .o
            .timestamp
            .map(crate::cli::format::rfc3339)
            .unwrap_or_else(commit::now_rfc3339));
        st.history(&format!("/bin/sh -c #(nop) {text}"), false);
        self.step_done(st)
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// A tar archive (plain, gzip or zstd) that ADD extracts.
fn is_archive(p: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(p) else {
        return false;
    };
    if !p.is_file() {
        return false;
    }
    let mut head = vec![0u8; 512];
    let n = std::io::Read::read(&mut f, &mut head).unwrap_or(0);
    match crate::image::archive::sniff(&head[..n]) {
        crate::image::archive::Compression::None => n >= 262 && &head[257..262] == b"ustar",
        _ => true,
    }
}
