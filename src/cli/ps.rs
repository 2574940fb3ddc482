//! `skiff ps`: containers with podman's columns, `--format`, `-a`, `-q`, filters. Status comes
//! from the record checked against /proc, so a container whose supervisor was killed says so.

use clap::Args;
use serde_json::{json, Value};

use super::format::{go_time, human_duration, now_unix};
use super::GlobalOpts;
use crate::state::{Container, ContainerStore, Status};

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show all containers (default: running only).
    #[arg(short, long)]
    pub all: bool,
    /// Show only ids.
    #[arg(short, long)]
    pub quiet: bool,
    /// Show the latest created container.
    #[arg(short, long)]
    pub latest: bool,
    /// Show the N latest created containers.
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Do not truncate ids and commands.
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter: name=, id=, status=, label=, ancestor=.
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    /// Leave out the table's header line.
    #[arg(long)]
    pub noheading: bool,
    /// Order by: command, created, id, image, names, runningfor, size, status.
    #[arg(long, default_value = "created", value_name = "FIELD")]
    pub sort: String,
    /// Add the SIZE column: the container's own changes (and with its image).
    #[arg(short, long)]
    pub size: bool,
    /// Add the namespaces of running containers (CGROUPNS IPC MNT NET PIDNS USERNS UTS).
    #[arg(long)]
    pub ns: bool,
    /// Add the POD ID and PODNAME columns.
    #[arg(short, long)]
    pub pod: bool,
    /// Include containers in the store that skiff does not manage (there are none: accepted).
    #[arg(long)]
    pub external: bool,
    /// Check the state of every container against the system first (skiff always does).
    #[arg(long)]
    pub sync: bool,
    /// Print the list again every N seconds.
    #[arg(short, long, value_name = "SECONDS")]
    pub watch: Option<u64>,
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Pod", "POD ID"),
    ("PodName", "PODNAME"),
    ("Cgroup", "CGROUPNS"),
    ("PIDNS", "PIDNS"),
    ("User", "USERNS"),
    ("RunningFor", "CREATED"),
    ("CreatedAt", "CREATED AT"),
];

/// The state a user should see: the record, corrected by what /proc says.
pub fn effective(c: &Container) -> (String, String) {
    let now = now_unix();
    match c.state.status {
        Status::Running if c.process_alive() => {
            let up = human_duration(now - c.state.started_at.unwrap_or(now));
            let note = if c.state.supervisor_pid > 0 && !c.supervisor_alive() {
                " (supervisor gone)"
            } else {
                ""
            };
            let health = c
                .state
                .health_status
                .as_deref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_else(|| {
                    if c.health.is_some() {
                        " (starting)".into()
                    } else {
                        String::new()
                    }
                });
            ("running".into(), format!("Up {up}{health}{note}"))
        }
        Status::Running if c.supervisor_alive() => (
            "restarting".into(),
            format!(
                "Restarting ({})",
                c.state
                    .exit_code
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "unknown".into())
            ),
        ),
        Status::Running => ("exited".into(), "Exited (unknown) (supervisor gone)".into()),
        Status::Paused => ("paused".into(), "Paused".into()),
        Status::Created => ("created".into(), "Created".into()),
        Status::Initialized if c.process_alive() => ("initialized".into(), "Initialized".into()),
        Status::Initialized => ("exited".into(), "Exited (unknown) (supervisor gone)".into()),
        Status::Exited | Status::Stopped => {
            let ago = human_duration(now - c.state.finished_at.unwrap_or(now));
            (
                "exited".into(),
                format!(
                    "Exited ({}) {ago} ago",
                    c.state
                        .exit_code
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "unknown".into())
                ),
            )
        }
    }
}

pub fn row(c: &Container, no_trunc: bool) -> Value {
    let (state, status) = effective(c);
    let cmd = c.spec.args.join(" ");
    let command = if no_trunc || cmd.chars().count() <= 20 {
        cmd.clone()
    } else {
        format!("{}...", cmd.chars().take(17).collect::<String>())
    };
    json!({
        "ID": if no_trunc { c.id.clone() } else { c.short_id().to_string() },
        "Id": c.id,
        "Names": c.name,
        "Image": c.image,
        "ImageID": c.image_id,
        "Command": command,
        "Created": c.created,
        "CreatedAt": go_time(c.created),
        "RunningFor": format!("{} ago", human_duration(now_unix() - c.created)),
        "State": state,
        "Status": status,
        "Pid": if matches!(state.as_str(), "running" | "initialized") { c.state.pid } else { 0 },
        "ExitCode": c.state.exit_code.unwrap_or(0),
        "Exited": state == "exited",
        "Ports": super::port::ports_of(c)
            .iter()
            .filter(|m| m.host_port != 0)
            .map(|m| m.ps_form())
            .collect::<Vec<_>>()
            .join(", "),
        "Labels": c.labels,
        "RestartCount": c.state.restart_count,
        "AutoRemove": c.auto_remove,
    })
}

/// Whether `c` (in user-visible `state`) passes every `KEY=VALUE` filter.
pub fn keep(c: &Container, state: &str, filters: &[String]) -> anyhow::Result<bool> {
    for f in filters {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
        let ok = match k {
            "name" => c.name.contains(v),
            "id" => c.id.starts_with(v),
            "status" => state == v,
            "ancestor" => c.image == v || c.image_id.contains(v),
            "label" => super::format::label_matches(&c.labels, v),
            other => {
                anyhow::bail!(
                    "unsupported filter {other:?}: use name=, id=, status=, ancestor=, label="
                )
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn run(g: &GlobalOpts, a: PsArgs) -> anyhow::Result<i32> {
    let Some(secs) = a.watch else {
        return list(g, &a);
    };
    loop {
        // Clear the screen, as `watch` does.
        super::output::print_text("\x1b[H\x1b[2J")?;
        list(g, &a)?;
        std::thread::sleep(std::time::Duration::from_secs(secs.max(1)));
    }
}

/// Namespace ids of a running container's first process (`ps --ns`).
fn namespaces(c: &Container) -> Value {
    let ns = |n: &str| {
        std::fs::read_link(format!("/proc/{}/ns/{n}", c.state.pid))
            .ok()
            .and_then(|l| {
                let s = l.to_string_lossy().into_owned();
                Some(s.split_once('[')?.1.trim_end_matches(']').to_string())
            })
            .unwrap_or_default()
    };
    json!({
        "Cgroup": ns("cgroup"), "IPC": ns("ipc"), "MNT": ns("mnt"), "NET": ns("net"),
        "PIDNS": ns("pid"), "User": ns("user"), "UTS": ns("uts"),
    })
}

fn sort_key(r: &Value, field: &str) -> anyhow::Result<(String, i64)> {
    let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
    Ok(match field {
        "command" => (s("Command"), 0),
        // Newest first, as podman lists them.
        "created" | "runningfor" => (String::new(), -r["Created"].as_i64().unwrap_or(0)),
        "id" => (s("ID"), 0),
        "image" => (s("Image"), 0),
        "names" => (s("Names"), 0),
        "size" => (String::new(), r["SizeRw"].as_i64().unwrap_or(0)),
        "status" => (s("Status"), 0),
        other => anyhow::bail!(
            "invalid --sort {other:?}: command, created, id, image, names, runningfor, size or status"
        ),
    })
}

fn list(g: &GlobalOpts, a: &PsArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let mut all = store.list()?;
    let limit = if a.latest { Some(1) } else { a.last };
    let mut rows = Vec::new();
    if let Some(n) = limit {
        all.truncate(n);
    }
    for c in &all {
        let (state, _) = effective(c);
        // As podman: a status filter looks at every container, other filters at running ones.
        let shown = a.all
            || limit.is_some()
            || state == "running"
            || state == "paused"
            || a.filter.iter().any(|f| f.starts_with("status="));
        if shown && keep(c, &state, &a.filter)? {
            let mut r = row(c, a.no_trunc);
            if a.size {
                let rw = super::container::dir_size(&store.path(&c.id).join("upper"));
                r["SizeRw"] = json!(rw);
                r["Size"] = json!(crate::image::progress::human_size(rw));
            }
            if a.ns {
                r["Namespaces"] = namespaces(c);
                r["Pid"] = json!(c.state.pid);
            }
            if a.pod {
                r["Pod"] = json!("");
                r["PodName"] = json!("");
            }
            rows.push(r);
        }
    }
    let key = |r: &Value| sort_key(r, &a.sort);
    sort_key(&Value::Null, &a.sort)?;
    rows.sort_by_key(|r| key(r).unwrap_or_default());
    if a.quiet {
        let ids: String = rows
            .iter()
            .map(|r| format!("{}\n", r["ID"].as_str().unwrap_or("")))
            .collect();
        super::output::print_text(&ids)?;
        return Ok(0);
    }
    let mut table = String::from(
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}",
    );
    if a.size {
        table.push_str("\t{{.Size}}");
    }
    if a.pod {
        table.push_str("\t{{.Pod}}\t{{.PodName}}");
    }
    if a.ns {
        table = "table {{.ID}}\t{{.Names}}\t{{.Pid}}\t{{.Namespaces.Cgroup}}\t{{.Namespaces.IPC}}\t{{.Namespaces.MNT}}\t{{.Namespaces.NET}}\t{{.Namespaces.PIDNS}}\t{{.Namespaces.User}}\t{{.Namespaces.UTS}}".into();
    }
    let out =
        super::format::render_rows_opt(&rows, a.format.as_deref(), &table, HEADERS, a.noheading)?;
    super::output::print_text(&out)?;
    Ok(0)
}
