//! OCI hooks from hook directories (`--hooks-dir`, containers.conf `hooks_dir`, else podman's
//! /usr/share/containers/oci/hooks.d and /etc/containers/oci/hooks.d), in podman's format
//! (oci-hooks(5), version 1.0.0): each `*.json` names a hook, when it applies (`always`,
//! `commands` and `annotations` regexes, `hasBindMounts`) and its stages. A file in a later
//! directory replaces one of the same name in an earlier one. skiff runs `prestart` and
//! `createRuntime` once the container's namespaces exist and before its command runs,
//! `poststart` once it runs and `poststop` after it exited, each with the container's OCI state
//! on stdin (the same runner as skiff-runtime's, with the hook's timeout).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{anyhow, bail, Context};
use oci_spec::runtime::Hook;
use serde::Deserialize;

/// Where podman looks when nothing says otherwise.
pub const DEFAULT_DIRS: [&str; 2] = [
    "/usr/share/containers/oci/hooks.d",
    "/etc/containers/oci/hooks.d",
];

/// The stages skiff runs.
pub const STAGES: [&str; 4] = ["prestart", "createRuntime", "poststart", "poststop"];

static GLOBAL_DIRS: OnceLock<Vec<PathBuf>> = OnceLock::new();

/// `--hooks-dir` as given on the command line (the API service keeps it for what it creates).
pub fn set_global_dirs(dirs: Vec<PathBuf>) {
    let _ = GLOBAL_DIRS.set(dirs);
}

/// The hook directories a new container gets: `--hooks-dir`, else containers.conf's, else
/// podman's defaults.
pub fn dirs_for_new_container(conf: &[PathBuf]) -> Vec<PathBuf> {
    match GLOBAL_DIRS.get() {
        Some(d) if !d.is_empty() => d.clone(),
        _ if !conf.is_empty() => conf.to_vec(),
        _ => DEFAULT_DIRS.iter().map(PathBuf::from).collect(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HookFile {
    version: String,
    hook: Hook,
    #[serde(default)]
    when: When,
    stages: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct When {
    #[serde(default)]
    always: Option<bool>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
    #[serde(default)]
    commands: Vec<String>,
    #[serde(default)]
    has_bind_mounts: Option<bool>,
}

/// What a container is matched on.
pub struct Subject<'a> {
    pub args: &'a [String],
    pub annotations: &'a BTreeMap<String, String>,
    pub has_bind_mounts: bool,
}

/// The hooks that apply, per stage, in file-name order.
#[derive(Debug, Default, Clone)]
pub struct Hooks {
    pub by_stage: BTreeMap<String, Vec<Hook>>,
}

impl Hooks {
    pub fn stage(&self, s: &str) -> &[Hook] {
        self.by_stage.get(s).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.by_stage.values().all(Vec::is_empty)
    }

    /// Run one stage's hooks with `state` on stdin; the first failure is returned.
    pub fn run(&self, stage: &str, state: &serde_json::Value) -> anyhow::Result<()> {
        crate::oci::hooks::run_all(stage, self.stage(stage), state)
    }
}

/// Read the hook files of `dirs` (missing dirs are skipped) and keep those that apply to `s`.
pub fn load(dirs: &[PathBuf], s: &Subject<'_>) -> anyhow::Result<Hooks> {
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(d) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                files.insert(name, e.path());
            }
        }
    }
    let mut hooks = Hooks::default();
    for path in files.values() {
        let f = parse(path)?;
        if applies(&f.when, s).with_context(|| format!("hook file {}", path.display()))? {
            for st in &f.stages {
                hooks
                    .by_stage
                    .entry(st.clone())
                    .or_default()
                    .push(f.hook.clone());
            }
        }
    }
    Ok(hooks)
}

fn parse(path: &Path) -> anyhow::Result<HookFile> {
    let data = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let f: HookFile = serde_json::from_slice(&data)
        .map_err(|e| anyhow!("hook file {}: {e} (see oci-hooks(5))", path.display()))?;
    if f.version != "1.0.0" {
        bail!(
            "hook file {}: version {:?}: skiff reads version 1.0.0 (oci-hooks(5))",
            path.display(),
            f.version
        );
    }
    if f.stages.is_empty() {
        bail!("hook file {}: no stages", path.display());
    }
    for st in &f.stages {
        if !STAGES.contains(&st.as_str()) {
            bail!(
                "hook file {}: stage {st:?}: skiff runs {} (createContainer and startContainer \
                 would run inside the container's namespaces, which skiff does not do)",
                path.display(),
                STAGES.join(", ")
            );
        }
    }
    Ok(f)
}

/// oci-hooks(5): the hook applies when `always` is true, or any of the other conditions holds.
fn applies(w: &When, s: &Subject<'_>) -> anyhow::Result<bool> {
    if w.always == Some(true) {
        return Ok(true);
    }
    if w.has_bind_mounts == Some(true) && s.has_bind_mounts {
        return Ok(true);
    }
    let re = |p: &str| regex::Regex::new(p).map_err(|e| anyhow!("bad regex {p:?}: {e}"));
    for (k, v) in &w.annotations {
        let (kr, vr) = (re(k)?, re(v)?);
        if s.annotations
            .iter()
            .any(|(ak, av)| kr.is_match(ak) && vr.is_match(av))
        {
            return Ok(true);
        }
    }
    if let Some(cmd) = s.args.first() {
        for c in &w.commands {
            if re(c)?.is_match(cmd) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The hooks that apply to `c`, its hook dirs read now (as podman reads them at start).
pub fn of(c: &crate::state::Container) -> anyhow::Result<Hooks> {
    if c.spec.hooks_dirs.is_empty() {
        return Ok(Hooks::default());
    }
    let subject = Subject {
        args: &c.spec.args,
        annotations: &c.annotations,
        has_bind_mounts: c
            .spec
            .mounts
            .iter()
            .any(|m| m.tmpfs.is_none() && m.volume.is_none()),
    };
    load(&c.spec.hooks_dirs, &subject)
}

/// Run `stage` of `hooks` for `c` (whose process is `pid`) where a failure is only reported,
/// as the OCI spec wants for poststart and poststop.
pub fn run_reported(
    hooks: &Hooks,
    store: &crate::state::ContainerStore,
    c: &crate::state::Container,
    stage: &str,
    status: &str,
    pid: i32,
) {
    if hooks.stage(stage).is_empty() {
        return;
    }
    if let Err(e) = hooks.run(stage, &state(&c.id, status, pid, &store.path(&c.id))) {
        tracing::warn!(container = %c.name, "{stage} hook: {e:#}");
        eprintln!("skiff: warning: {}: {stage} hook: {e:#}", c.name);
    }
}

/// The OCI state a hook reads on stdin.
pub fn state(id: &str, status: &str, pid: i32, bundle: &Path) -> serde_json::Value {
    serde_json::json!({
        "ociVersion": super::ocispec::EXPORT_VERSION,
        "id": id,
        "status": status,
        "pid": pid,
        "bundle": bundle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, body: &str) {
        std::fs::write(dir.join(name), body).unwrap();
    }

    #[test]
    fn hook_files_are_matched_and_overridden_by_later_dirs() {
        let t = tempfile::tempdir().unwrap();
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let hook = |p: &str| format!(r#""hook": {{"path": "{p}"}}"#);
        write(
            &a,
            "1-always.json",
            &format!(
                r#"{{"version": "1.0.0", {}, "when": {{"always": true}}, "stages": ["prestart", "poststop"]}}"#,
                hook("/bin/a")
            ),
        );
        write(
            &a,
            "2-cmd.json",
            &format!(
                r#"{{"version": "1.0.0", {}, "when": {{"commands": [".*/nginx$"]}}, "stages": ["poststart"]}}"#,
                hook("/bin/old")
            ),
        );
        write(
            &b,
            "2-cmd.json",
            &format!(
                r#"{{"version": "1.0.0", {}, "when": {{"commands": ["^sleep$"]}}, "stages": ["poststart"]}}"#,
                hook("/bin/new")
            ),
        );
        write(
            &b,
            "3-ann.json",
            &format!(
                r#"{{"version": "1.0.0", {}, "when": {{"annotations": {{"^gpu$": "yes"}}}}, "stages": ["createRuntime"]}}"#,
                hook("/bin/gpu")
            ),
        );
        write(&b, "README", "not a hook");
        let mut ann = BTreeMap::new();
        let args = vec!["sleep".to_string(), "1".into()];
        let s = Subject {
            args: &args,
            annotations: &ann,
            has_bind_mounts: false,
        };
        let h = load(&[a.clone(), b.clone()], &s).unwrap();
        let paths = |st: &str| -> Vec<String> {
            h.stage(st)
                .iter()
                .map(|x| x.path().display().to_string())
                .collect()
        };
        assert_eq!(paths("prestart"), ["/bin/a"]);
        assert_eq!(paths("poststop"), ["/bin/a"]);
        assert_eq!(paths("poststart"), ["/bin/new"], "b's file replaces a's");
        assert!(paths("createRuntime").is_empty());
        ann.insert("gpu".into(), "yes".into());
        let s = Subject {
            args: &args,
            annotations: &ann,
            has_bind_mounts: false,
        };
        assert_eq!(
            load(&[a.clone(), b.clone()], &s)
                .unwrap()
                .stage("createRuntime")
                .len(),
            1
        );
        // Bad files are refused, naming the file.
        write(
            &b,
            "4-bad.json",
            r#"{"version": "2.0.0", "hook": {"path": "/x"}, "stages": ["prestart"]}"#,
        );
        let e = load(std::slice::from_ref(&b), &s).unwrap_err().to_string();
        assert!(e.contains("4-bad.json") && e.contains("1.0.0"), "{e}");
        write(
            &b,
            "4-bad.json",
            r#"{"version": "1.0.0", "hook": {"path": "/x"}, "stages": ["startContainer"]}"#,
        );
        let e = load(std::slice::from_ref(&b), &s).unwrap_err().to_string();
        assert!(e.contains("startContainer"), "{e}");
        write(
            &b,
            "4-bad.json",
            r#"{"version": "1.0.0", "hook": {"path": "/x"}, "when": {"commands": ["("]}, "stages": ["prestart"]}"#,
        );
        let e = format!("{:#}", load(&[b], &s).unwrap_err());
        assert!(e.contains("bad regex"), "{e}");
    }
}
