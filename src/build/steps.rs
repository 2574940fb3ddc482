//! The instructions of a stage: FROM (image, scratch, an earlier stage; ONBUILD triggers), the
//! config-only ones (ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, VOLUME, SHELL, CMD, ENTRYPOINT,
//! HEALTHCHECK, STOPSIGNAL, ONBUILD, MAINTAINER), and the step cache.

use std::collections::BTreeMap;

use anyhow::bail;
use parse_dockerfile::{Command as PCommand, Instruction};
use serde_json::json;

use super::state::{command_json, keyword_start, line_of, pairs, source_text, StageState};
use super::{predefined, subst, Builder};
use crate::image::commit;
use crate::image::store::{find, hex_of, ImageRecord};
use crate::storage::LockMode;

impl Builder<'_> {
    pub(super) fn say(&self, s: &str) {
        if !self.o.quiet {
            println!("{s}");
        }
    }

    pub(super) fn begin(&mut self, ins_start: usize) -> String {
        self.step += 1;
        let t = source_text(&self.text, ins_start);
        self.say(&format!("STEP {}/{}: {t}", self.step, self.steps));
        t
    }

    pub(super) fn line(&self, start: usize) -> usize {
        line_of(&self.text, start)
    }

    pub(super) fn image(&self, reference: &str) -> anyhow::Result<ImageRecord> {
        let search =
            crate::image::registries::RegistriesConf::load(&self.paths.config)?.search_registries();
        let existing = {
            let _g = self.store.lock_images(LockMode::Shared)?;
            find(&self.store.load()?, reference, &search).ok().cloned()
        };
        match (self.o.pull.as_str(), existing) {
            ("never", None) => {
                bail!("{reference}: image not known, and --pull=never forbids pulling it")
            }
            ("missing" | "never" | "false", Some(i)) => Ok(i),
            _ => crate::image::pull::pull(
                self.paths,
                reference,
                &crate::image::pull::PullOptions {
                    platform: crate::image::manifest::Platform::host(),
                    quiet: self.o.quiet,
                    access: self.o.access.clone(),
                },
            ),
        }
    }

    pub(super) fn stage(
        &mut self,
        stage: &parse_dockerfile::Stage<'_, '_>,
        global: &BTreeMap<String, String>,
        stage_ref: &dyn Fn(&str) -> Option<usize>,
    ) -> anyhow::Result<StageState> {
        let from_start = stage.from.from.span.start;
        self.begin(from_start);
        for f in &stage.from.options {
            if f.name.value == "platform" {
                let want = subst::expand(
                    &f.value
                        .as_ref()
                        .map(|v| v.value.to_string())
                        .unwrap_or_default(),
                    global,
                );
                let host = global.get("TARGETPLATFORM").cloned().unwrap_or_default();
                if want != host && !want.is_empty() {
                    bail!(
                        "FROM --platform={want}: skiff builds for this host ({host}) only; running \
                         another architecture needs qemu-user-static, which skiff does not use"
                    );
                }
            }
        }
        let from = match (&self.o.from, self.first_from) {
            (Some(f), Some(first)) if first == stage.from.from.span.start => f.clone(),
            _ => subst::expand(&stage.from.image.value, global),
        };
        // `FROM NAME` of a named build context that is an image.
        let from = match self.o.build_contexts.get(&from) {
            Some(super::NamedContext::Image(r)) => r.clone(),
            Some(super::NamedContext::Dir(_)) => bail!(
                "FROM {from}: that build context is a directory; FROM takes an image \
                 (--build-context {from}=docker-image://IMAGE)"
            ),
            None => from,
        };
        let mut st = if from == "scratch" {
            StageState {
                config: json!({
                    "architecture": global.get("TARGETARCH"),
                    "os": "linux",
                    "config": { "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] },
                    "rootfs": { "type": "layers", "diff_ids": [] },
                }),
                layers: Vec::new(),
                key: "scratch".into(),
                args: BTreeMap::new(),
                shell: vec!["/bin/sh".into(), "-c".into()],
                base_layers: 0,
                base_history: 0,
                cmd_here: false,
            }
        } else if let Some(j) = stage_ref(&from).filter(|j| self.results[*j].is_some()) {
            let mut s = self.results[j].clone().expect("checked");
            s.args = BTreeMap::new();
            s
        } else {
            let img = self.image(&from)?;
            let raw = self.store.config_raw(&img.id)?;
            StageState {
                config: serde_json::from_slice(&raw)?,
                layers: img.layers.clone(),
                key: img.id.clone(),
                args: BTreeMap::new(),
                shell: vec!["/bin/sh".into(), "-c".into()],
                base_layers: 0,
                base_history: 0,
                cmd_here: false,
            }
        };
        st.base_layers = st.layers.len();
        st.cmd_here = false;
        st.base_history = st.config["history"].as_array().map_or(0, Vec::len);
        if let Some(t) = self.o.timestamp {
            st.config["created"] = json!(crate::cli::format::rfc3339(t));
        }
        // ONBUILD triggers of the base run first.
        let triggers = st.list("OnBuild");
        if !triggers.is_empty() {
            st.cfg().remove("OnBuild");
            for t in &triggers {
                let sub_text = format!("FROM scratch\n{t}\n");
                let parsed = parse_dockerfile::parse(&sub_text)
                    .map_err(|e| anyhow::anyhow!("ONBUILD {t}: {e}"))?;
                let saved = std::mem::replace(&mut self.text, sub_text.clone());
                let r = (|| {
                    for ins in parsed
                        .stages()
                        .next()
                        .map(|s| s.instructions)
                        .unwrap_or_default()
                    {
                        self.steps += 1;
                        self.instruction(&mut st, ins, stage_ref)?;
                    }
                    anyhow::Ok(())
                })();
                self.text = saved;
                r?;
            }
        }
        for ins in stage.instructions {
            self.instruction(&mut st, ins, stage_ref)?;
        }
        Ok(st)
    }

    pub(super) fn instruction(
        &mut self,
        st: &mut StageState,
        ins: &Instruction<'_>,
        stage_ref: &dyn Fn(&str) -> Option<usize>,
    ) -> anyhow::Result<()> {
        let start = keyword_start(ins);
        let text = self.begin(start);
        let line = self.line(start);
        let vars = st.vars();
        for v in subst::referenced(&text) {
            self.used_args.insert(v);
        }
        let ex = |s: &str| subst::expand(s, &vars);
        let nop = |st: &mut StageState, what: &str| {
            st.chain(what);
            st.history(&format!("/bin/sh -c #(nop) {what}"), true);
        };
        match ins {
            Instruction::Arg(a) => {
                let has_default = a.arguments.value.contains('=');
                for (k, v) in pairs(&a.arguments.value) {
                    // `ARG NAME` in a stage takes a global ARG's value (docker's scoping).
                    let inherited = (!has_default)
                        .then(|| self.global.get(&k).cloned())
                        .flatten();
                    let val = self
                        .o
                        .build_args
                        .get(&k)
                        .cloned()
                        .or(inherited)
                        .or_else(|| predefined().get(&k).cloned())
                        .unwrap_or_else(|| ex(&v));
                    self.used_args.insert(k.clone());
                    st.args.insert(k, val);
                }
                st.chain(&text);
            }
            Instruction::Env(e) => {
                for (k, v) in pairs(&e.arguments.value) {
                    st.set_env(&k, Some(&ex(&v)));
                }
                nop(st, &text);
            }
            Instruction::Label(l) => {
                for (k, v) in pairs(&l.arguments.value) {
                    st.map_insert("Labels", ex(&k), json!(ex(&v)));
                }
                nop(st, &text);
            }
            Instruction::Maintainer(m) => {
                st.config["author"] = json!(ex(&m.name.value));
                nop(st, &text);
            }
            Instruction::Workdir(w) => {
                let dir = ex(&w.arguments.value);
                let cur = st.config["config"]["WorkingDir"]
                    .as_str()
                    .unwrap_or("/")
                    .to_string();
                let path = if dir.starts_with('/') {
                    dir
                } else {
                    format!("{}/{dir}", cur.trim_end_matches('/'))
                };
                st.cfg().insert("WorkingDir".into(), json!(path));
                nop(st, &text);
            }
            Instruction::User(u) => {
                st.cfg()
                    .insert("User".into(), json!(ex(&u.arguments.value)));
                nop(st, &text);
            }
            Instruction::Stopsignal(s) => {
                st.cfg()
                    .insert("StopSignal".into(), json!(ex(&s.arguments.value)));
                nop(st, &text);
            }
            Instruction::Expose(e) => {
                for p in &e.arguments {
                    for port in ex(&p.value).split_whitespace() {
                        let key = if port.contains('/') {
                            port.to_string()
                        } else {
                            format!("{port}/tcp")
                        };
                        st.map_insert("ExposedPorts", key, json!({}));
                    }
                }
                nop(st, &text);
            }
            Instruction::Volume(v) => {
                let list: Vec<String> = match &v.arguments {
                    parse_dockerfile::JsonOrStringArray::Json(j) => {
                        j.value.iter().map(|s| ex(&s.value)).collect()
                    }
                    parse_dockerfile::JsonOrStringArray::String(s) => {
                        s.iter().map(|s| ex(&s.value)).collect()
                    }
                };
                for p in list {
                    st.map_insert("Volumes", p, json!({}));
                }
                nop(st, &text);
            }
            Instruction::Shell(s) => {
                st.shell = s.arguments.iter().map(|a| a.value.to_string()).collect();
                let shell = json!(st.shell);
                st.cfg().insert("Shell".into(), shell);
                nop(st, &text);
            }
            Instruction::Cmd(c) => {
                let v = command_json(&c.arguments, &st.shell);
                st.cfg().insert("Cmd".into(), v);
                st.cmd_here = true;
                nop(st, &text);
            }
            Instruction::Entrypoint(e) => {
                let v = command_json(&e.arguments, &st.shell);
                st.cfg().insert("Entrypoint".into(), v);
                // docker: ENTRYPOINT resets a CMD inherited from the base image (not one this
                // stage set)
                if !st.cmd_here {
                    st.cfg().remove("Cmd");
                }
                nop(st, &text);
            }
            Instruction::Healthcheck(h) => {
                let v = match &h.arguments {
                    parse_dockerfile::HealthcheckArguments::None { .. } => {
                        json!({ "Test": ["NONE"] })
                    }
                    parse_dockerfile::HealthcheckArguments::Cmd { arguments, .. } => {
                        let mut test = vec![json!("CMD-SHELL")];
                        match arguments {
                            PCommand::Exec(e) => {
                                test = vec![json!("CMD")];
                                test.extend(e.value.iter().map(|s| json!(s.value)));
                            }
                            PCommand::Shell(s) => test.push(json!(s.value.trim())),
                            _ => bail!("line {line}: a HEALTHCHECK form skiff does not know"),
                        }
                        let mut hc = json!({ "Test": test });
                        for f in &h.options {
                            let val = f
                                .value
                                .as_ref()
                                .map(|v| v.value.to_string())
                                .unwrap_or_default();
                            let ns = |d: &str| {
                                crate::runtime::health::parse_duration(d).map(|ms| ms * 1_000_000)
                            };
                            match &*f.name.value {
                                "interval" => hc["Interval"] = json!(ns(&val)),
                                "timeout" => hc["Timeout"] = json!(ns(&val)),
                                "start-period" => hc["StartPeriod"] = json!(ns(&val)),
                                "retries" => hc["Retries"] = json!(val.parse::<u64>().unwrap_or(3)),
                                other => bail!("line {line}: HEALTHCHECK --{other} is not a HEALTHCHECK option"),
                            }
                        }
                        hc
                    }
                    _ => bail!("line {line}: a HEALTHCHECK form skiff does not know"),
                };
                st.cfg().insert("Healthcheck".into(), v);
                nop(st, &text);
            }
            Instruction::Onbuild(_) => {
                let trigger = text
                    .split_once(char::is_whitespace)
                    .map(|x| x.1)
                    .unwrap_or("")
                    .to_string();
                let mut list = st.list("OnBuild");
                list.push(trigger);
                st.cfg().insert("OnBuild".into(), json!(list));
                nop(st, &text);
            }
            Instruction::Run(r) => self.run(st, r, &text, line, stage_ref)?,
            Instruction::Copy(c) => {
                let flags = flag_values(&c.options, &ex);
                let dest = ex(&c.dest.value);
                self.copy(st, &c.src, &dest, &flags, &text, line, false, stage_ref)?
            }
            Instruction::Add(a) => {
                let flags = flag_values(&a.options, &ex);
                let dest = ex(&a.dest.value);
                self.copy(st, &a.src, &dest, &flags, &text, line, true, stage_ref)?
            }
            Instruction::From(_) => bail!("line {line}: FROM inside a stage"),
            _ => bail!("line {line}: {text}: an instruction skiff does not know"),
        }
        Ok(())
    }

    /// A cached result for `key`, when the image is still there.
    pub(super) fn cached(&self, key: &str) -> Option<ImageRecord> {
        if !self.o.layers {
            return None;
        }
        let id = self.cache.get(key)?;
        let _g = self.store.lock_images(LockMode::Shared).ok()?;
        let img = self
            .store
            .load()
            .ok()?
            .images
            .into_iter()
            .find(|i| &i.id == id)?;
        // --cache-ttl: an older result is built again.
        let now = crate::cli::format::now_unix() as u64;
        if self
            .o
            .cache_ttl
            .is_some_and(|ttl| img.stored_at + ttl < now)
        {
            return None;
        }
        Some(img)
    }

    /// Take a cached step's image as the stage's state.
    pub(super) fn use_cached(&self, st: &mut StageState, img: &ImageRecord) -> anyhow::Result<()> {
        st.config = serde_json::from_slice(&self.store.config_raw(&img.id)?)?;
        st.layers = img.layers.clone();
        self.say(&format!("--> Using cache {}", hex_of(&img.id)));
        Ok(())
    }

    /// After a layer step: store the intermediate image and remember it under the step's key.
    pub(super) fn step_done(&mut self, st: &mut StageState) -> anyhow::Result<()> {
        let img = commit::finish_image(
            &self.store,
            st.config.clone(),
            &st.layers,
            Vec::new(),
            false,
        )?;
        self.cache.insert(st.key.clone(), img.id.clone());
        self.remember(&st.key, &img.id);
        self.say(&format!("--> {}", &hex_of(&img.id)[..12]));
        Ok(())
    }

    /// Add a step to the cache index at once (a build killed later keeps it), merged under a
    /// lock with what concurrent builds added.
    fn remember(&self, key: &str, id: &str) {
        let path = self.paths.root.join("images/build-cache.json");
        let lock = self.paths.root.join("locks/build-cache.lock");
        let Ok(_g) = crate::storage::LockGuard::acquire(&lock, LockMode::Exclusive) else {
            return;
        };
        let mut all: std::collections::BTreeMap<String, String> = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        all.insert(key.to_string(), id.to_string());
        if let Ok(bytes) = serde_json::to_vec(&all) {
            let _ = crate::storage::atomic::write_atomic(&path, &bytes);
        }
    }
}

/// An instruction's `--name=value` flags, values substituted.
fn flag_values(
    options: &[parse_dockerfile::Flag<'_>],
    ex: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    options
        .iter()
        .map(|f| {
            (
                f.name.value.to_string(),
                f.value.as_ref().map(|v| ex(&v.value)).unwrap_or_default(),
            )
        })
        .collect()
}
