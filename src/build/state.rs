//! A stage's image while it is built, and the small text helpers of the Containerfile: where an
//! instruction starts, its line, its text as written, `K=V` pairs, CMD/ENTRYPOINT forms.

use std::collections::BTreeMap;

use parse_dockerfile::{Command as PCommand, Instruction};
use serde_json::{json, Value};

/// A layer's content, written on demand (into the store's layer file).
pub(super) type LayerWriter<'a> =
    Box<dyn FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()> + 'a>;

/// One stage's image as it is being built.
#[derive(Clone)]
pub(super) struct StageState {
    pub(super) config: Value,
    pub(super) layers: Vec<String>,
    /// The cache chain: a digest of the base and every step so far.
    pub(super) key: String,
    /// ARGs in scope (declared in this stage, with values).
    pub(super) args: BTreeMap<String, String>,
    pub(super) shell: Vec<String>,
    /// How many of `layers` (and history entries) came with the stage's FROM.
    pub(super) base_layers: usize,
    pub(super) base_history: usize,
    /// A CMD was set in this stage (an ENTRYPOINT then keeps it).
    pub(super) cmd_here: bool,
}

impl StageState {
    /// A list of strings of the config (`Env`, `OnBuild`).
    pub(super) fn list(&self, key: &str) -> Vec<String> {
        self.config["config"][key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn env(&self) -> BTreeMap<String, String> {
        self.list("Env")
            .iter()
            .filter_map(|e| e.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Set `k=v` in the config's Env (replacing an earlier value), or remove `k` (`v` None).
    pub(super) fn set_env(&mut self, k: &str, v: Option<&str>) {
        let mut env = self.list("Env");
        env.retain(|x| x.split('=').next() != Some(k));
        if let Some(v) = v {
            env.push(format!("{k}={v}"));
        }
        self.cfg().insert("Env".into(), json!(env));
    }

    /// An entry of one of the config's maps (`Labels`, `ExposedPorts`, `Volumes`).
    pub(super) fn map_insert(&mut self, map: &str, k: String, v: Value) {
        if let Some(m) = self
            .cfg()
            .entry(map)
            .or_insert_with(|| json!({}))
            .as_object_mut()
        {
            m.insert(k, v);
        }
    }

    /// What `$VAR` means in this stage's instructions: its ARGs, then ENV over them.
    pub(super) fn vars(&self) -> BTreeMap<String, String> {
        let mut v = self.args.clone();
        v.extend(self.env());
        v
    }

    pub(super) fn cfg(&mut self) -> &mut serde_json::Map<String, Value> {
        if !self.config["config"].is_object() {
            self.config["config"] = json!({});
        }
        self.config["config"]
            .as_object_mut()
            .expect("just made an object")
    }

    pub(super) fn chain(&mut self, text: &str) {
        self.key = crate::image::archive::sha256_hex(format!("{}\n{text}", self.key).as_bytes());
    }

    pub(super) fn history(&mut self, created_by: &str, empty: bool) {
        let created = self.config["created"].clone();
        let mut h = json!({ "created": created, "created_by": created_by });
        if empty {
            h["empty_layer"] = json!(true);
        }
        match self.config["history"].as_array_mut() {
            Some(a) => a.push(h),
            None => self.config["history"] = json!([h]),
        }
    }
}

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The instruction as written (first line, continuations joined), for output and errors.
pub(super) fn source_text(text: &str, start: usize) -> String {
    let rest = &text[start..];
    let mut out = String::new();
    for l in rest.lines() {
        let t = l.trim_end();
        match t.strip_suffix('\\') {
            Some(x) => {
                out.push_str(x.trim_end());
                out.push(' ');
            }
            None => {
                out.push_str(t);
                break;
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn keyword_start(i: &Instruction<'_>) -> usize {
    match i {
        Instruction::Add(x) => x.add.span.start,
        Instruction::Arg(x) => x.arg.span.start,
        Instruction::Cmd(x) => x.cmd.span.start,
        Instruction::Copy(x) => x.copy.span.start,
        Instruction::Entrypoint(x) => x.entrypoint.span.start,
        Instruction::Env(x) => x.env.span.start,
        Instruction::Expose(x) => x.expose.span.start,
        Instruction::From(x) => x.from.span.start,
        Instruction::Healthcheck(x) => x.healthcheck.span.start,
        Instruction::Label(x) => x.label.span.start,
        Instruction::Maintainer(x) => x.maintainer.span.start,
        Instruction::Onbuild(x) => x.onbuild.span.start,
        Instruction::Run(x) => x.run.span.start,
        Instruction::Shell(x) => x.shell.span.start,
        Instruction::Stopsignal(x) => x.stopsignal.span.start,
        Instruction::User(x) => x.user.span.start,
        Instruction::Volume(x) => x.volume.span.start,
        Instruction::Workdir(x) => x.workdir.span.start,
        _ => 0,
    }
}

/// `K=V K2="v 2"` or the legacy `K V` form (ENV, LABEL, ARG), values still unexpanded.
pub(super) fn pairs(s: &str) -> Vec<(String, String)> {
    let s = s.trim();
    let first = s.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        let (k, v) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
        return vec![(k.to_string(), v.trim().to_string())];
    }
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let mut word = String::new();
        let mut quote = None;
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {
                    if c == '\\' && i + 1 < chars.len() && quote == Some('"') {
                        i += 1;
                        word.push(chars[i]);
                    } else {
                        word.push(c);
                    }
                }
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c.is_whitespace() => break,
                None if c == '\\' && i + 1 < chars.len() => {
                    i += 1;
                    word.push(chars[i]);
                }
                None => word.push(c),
            }
            i += 1;
        }
        if !word.is_empty() {
            let (k, v) = word.split_once('=').unwrap_or((&word, ""));
            out.push((k.to_string(), v.to_string()));
        }
    }
    out
}

/// CMD/ENTRYPOINT as the config's JSON: exec form as is, shell form through the SHELL.
pub(super) fn command_json(c: &PCommand<'_>, shell: &[String]) -> Value {
    match c {
        PCommand::Exec(e) => json!(e
            .value
            .iter()
            .map(|s| s.value.to_string())
            .collect::<Vec<_>>()),
        PCommand::Shell(s) => {
            let mut v = shell.to_vec();
            v.push(s.value.trim().to_string());
            json!(v)
        }
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_and_label_pairs() {
        assert_eq!(
            pairs("A=1 B=\"two words\" C=x\\ y"),
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "two words".into()),
                ("C".into(), "x y".into())
            ]
        );
        assert_eq!(
            pairs("KEY value with spaces"),
            vec![("KEY".into(), "value with spaces".into())]
        );
        assert_eq!(source_text("RUN a \\\n  b\nENV x=1", 0), "RUN a b");
    }
}
