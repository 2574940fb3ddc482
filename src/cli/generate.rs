//! `skiff generate systemd CONTAINER`: a systemd (user) unit that runs an existing container with
//! `skiff start --attach` and stops it with `skiff stop`, or, with `--new`, creates it afresh on
//! each start from the command line that first created it (`run --rm --replace`).

use clap::{Args, Subcommand};

use super::GlobalOpts;
use crate::state::{Container, ContainerStore};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub command: GenerateCommand,
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// Generate a systemd unit file for a container
    Systemd(SystemdArgs),
    /// Describe containers, pods and volumes as Kubernetes YAML (as `kube generate`)
    Kube(super::kube::KubeGenerateArgs),
}

#[derive(Debug, Args)]
pub struct SystemdArgs {
    /// Use the container's name instead of its id in the unit's name and commands.
    #[arg(short, long)]
    pub name: bool,
    /// Write CONTAINER-PREFIX-NAME.service in the current directory instead of printing it.
    #[arg(short, long)]
    pub files: bool,
    /// Create the container afresh on each start (from the command that created it).
    #[arg(long)]
    pub new: bool,
    /// Leave out the header comment.
    #[arg(long)]
    pub no_header: bool,
    /// systemd Restart= policy.
    #[arg(long, default_value = "on-failure", value_name = "POLICY")]
    pub restart_policy: String,
    /// systemd RestartSec=.
    #[arg(long, value_name = "SECONDS")]
    pub restart_sec: Option<u64>,
    /// Seconds the container gets to stop before SIGKILL.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub stop_timeout: u64,
    /// systemd TimeoutStartSec=.
    #[arg(long, value_name = "SECONDS")]
    pub start_timeout: Option<u64>,
    /// Units to start after (After=).
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Units this one requires (Requires=).
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// Units this one wants (Wants=).
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// Prefix of the unit's name.
    #[arg(long, default_value = "container", value_name = "PREFIX")]
    pub container_prefix: String,
    /// Separator between the prefix and the name.
    #[arg(long, default_value = "-", value_name = "SEP")]
    pub separator: String,
    /// Environment of the unit (NAME=VALUE).
    #[arg(short, long, value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// json: the unit as {"NAME.service": "TEXT"}.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Make a template unit (%i): not available in skiff, which names containers itself.
    #[arg(long)]
    pub template: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

/// A command line as systemd reads it: each word quoted where it needs it.
fn quote(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c))
            {
                w.clone()
            } else {
                format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn unit(g: &GlobalOpts, c: &Container, a: &SystemdArgs) -> anyhow::Result<(String, String)> {
    let exe = std::env::current_exe()?.to_string_lossy().into_owned();
    let paths = g.paths()?;
    let base = vec![
        exe,
        "--root".to_string(),
        paths.root.to_string_lossy().into_owned(),
        "--runroot".to_string(),
        paths.runroot.to_string_lossy().into_owned(),
    ];
    let who = if a.name { c.name.clone() } else { c.id.clone() };
    let unit_name = format!("{}{}{}.service", a.container_prefix, a.separator, who);
    let with = |rest: &[&str]| -> String {
        let mut w = base.clone();
        w.extend(rest.iter().map(|s| s.to_string()));
        quote(&w)
    };
    let (start, stop, pre) = if a.new {
        if c.create_command.len() < 2 {
            anyhow::bail!(
                "{}: --new needs the command that created the container, and this one was made \
                 before skiff kept it; recreate it, or generate without --new",
                c.name
            );
        }
        // `skiff [global flags] run|create FLAGS IMAGE CMD` -> `run --rm --replace --name NAME`.
        let words: Vec<String> = c.create_command[1..].to_vec();
        let verb = words
            .iter()
            .position(|w| w == "run" || w == "create")
            .ok_or_else(|| anyhow::anyhow!("{}: unexpected create command", c.name))?;
        let mut run = base.clone();
        run.push("run".into());
        for extra in ["--rm", "--replace"] {
            run.push(extra.into());
        }
        let flags: Vec<String> = words[verb + 1..]
            .iter()
            .filter(|w| !matches!(w.as_str(), "-d" | "--detach" | "--rm" | "--replace"))
            .cloned()
            .collect();
        if !flags
            .iter()
            .any(|w| w == "--name" || w.starts_with("--name="))
        {
            run.push("--name".into());
            run.push(c.name.clone());
        }
        run.extend(flags);
        (
            quote(&run),
            with(&[
                "stop",
                "-t",
                &a.stop_timeout.to_string(),
                "--ignore",
                &c.name,
            ]),
            Some(with(&["rm", "-f", "--ignore", &c.name])),
        )
    } else {
        (
            with(&["start", "--attach", &who]),
            with(&["stop", "-t", &a.stop_timeout.to_string(), &who]),
            None,
        )
    };
    let mut s = String::new();
    if !a.no_header {
        s.push_str(&format!(
            "# {unit_name}\n# autogenerated by skiff {}\n\n",
            env!("CARGO_PKG_VERSION")
        ));
    }
    s.push_str(&format!(
        "[Unit]\nDescription=skiff {unit_name}\nWants=network-online.target{}\n\
         After=network-online.target{}\n",
        a.wants.iter().map(|u| format!(" {u}")).collect::<String>(),
        a.after.iter().map(|u| format!(" {u}")).collect::<String>(),
    ));
    if !a.requires.is_empty() {
        s.push_str(&format!("Requires={}\n", a.requires.join(" ")));
    }
    s.push_str("\n[Service]\n");
    s.push_str("Environment=SKIFF_SYSTEMD_UNIT=%n\n");
    for e in &a.env {
        s.push_str(&format!("Environment={}\n", quote(std::slice::from_ref(e))));
    }
    s.push_str(&format!("Restart={}\n", a.restart_policy));
    if let Some(r) = a.restart_sec {
        s.push_str(&format!("RestartSec={r}\n"));
    }
    if let Some(t) = a.start_timeout {
        s.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    s.push_str(&format!("TimeoutStopSec={}\n", a.stop_timeout + 60));
    if let Some(p) = pre {
        s.push_str(&format!("ExecStartPre={p}\n"));
    }
    s.push_str(&format!("ExecStart={start}\nExecStop={stop}\n"));
    s.push_str("Type=simple\n\n[Install]\nWantedBy=default.target\n");
    Ok((unit_name, s))
}

pub fn run(g: &GlobalOpts, a: GenerateArgs) -> anyhow::Result<i32> {
    let a = match a.command {
        GenerateCommand::Systemd(a) => a,
        GenerateCommand::Kube(k) => return super::kube::generate(g, k),
    };
    if a.template {
        anyhow::bail!(
            "--template: skiff does not generate template units (%i); generate one unit per \
             container"
        );
    }
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let c = store.find(&a.container)?;
    let (name, text) = unit(g, &c, &a)?;
    if a.files {
        let path = std::env::current_dir()?.join(&name);
        std::fs::write(&path, &text)
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
        super::output::print_line(&path.to_string_lossy())?;
    } else if a.format.as_deref() == Some("json") {
        super::output::print_json(&serde_json::json!({ name: text }))?;
    } else if let Some(f) = &a.format {
        anyhow::bail!("invalid --format {f:?}: json");
    } else {
        super::output::print_text(&text)?;
    }
    Ok(0)
}
