//! `skiff events`: the events log (see `state::events`), printed and followed as `podman events`
//! does: `--since`, `--until`, `--filter`, `--format`, `--stream`.

use std::io::Write;

use clap::{ArgAction, Args};

use super::format::Template;
use super::GlobalOpts;
use crate::state::events::{self, Event};

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Show events since TIME (RFC 3339, unix seconds, or a duration before now like 10m).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show events until TIME; with --stream, follow until then.
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Keep printing new events as they happen (the default); --stream=false prints the events
    /// so far and exits.
    #[arg(long, action = ArgAction::Set, num_args = 0..=1, default_value_t = true,
          default_missing_value = "true", value_name = "BOOL")]
    pub stream: bool,
    /// KEY=VALUE: type (container|image), event (create|start|kill|died|stop|remove|pull|untag),
    /// container (name or id), image, label (KEY or KEY=VALUE). The same key twice means
    /// either; different keys must all match.
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// `json` (one object per line) or a Go template over its fields ({{.Status}}, {{.ID}},
    /// {{.Name}}, {{.Image}}, {{.Type}}, {{.Time}}, {{.ContainerExitCode}}).
    #[arg(long)]
    pub format: Option<String>,
    /// Full ids (the default); --no-trunc=false shortens them to 12 characters.
    #[arg(long, action = ArgAction::Set, num_args = 0..=1, default_value_t = true,
          default_missing_value = "true", value_name = "BOOL")]
    pub no_trunc: bool,
}

pub struct Filter(Vec<(String, String)>);

impl Filter {
    pub fn parse(specs: &[String]) -> anyhow::Result<Filter> {
        let mut v = Vec::new();
        for f in specs {
            let (k, val) = f.split_once('=').ok_or_else(|| {
                anyhow::anyhow!("invalid --filter {f:?}: use KEY=VALUE, e.g. event=start")
            })?;
            let k = match k {
                "event" | "status" => "event",
                "type" | "container" | "image" | "label" => k,
                _ => anyhow::bail!(
                    "invalid --filter {f:?}: keys are type, event, container, image, label"
                ),
            };
            v.push((k.to_string(), val.to_string()));
        }
        Ok(Filter(v))
    }

    pub fn matches(&self, e: &Event) -> bool {
        let one = |k: &str, val: &str| match k {
            "type" => e.kind == val,
            "event" => e.status == val,
            "container" => e.kind == "container" && (e.name == val || e.id.starts_with(val)),
            "image" => {
                e.image == val || (e.kind == "image" && (e.id.starts_with(val) || e.name == val))
            }
            "label" => super::format::label_matches(&e.attributes, val),
            _ => false,
        };
        let mut keys: Vec<&str> = self.0.iter().map(|(k, _)| k.as_str()).collect();
        keys.dedup();
        keys.iter().all(|k| {
            self.0
                .iter()
                .filter(|(fk, _)| fk == k)
                .any(|(_, v)| one(k, v))
        })
    }
}

/// podman's line: `2024-01-19 10:00:00.123456789 +0000 UTC container start ID (image=..., name=...)`.
fn line(e: &Event, no_trunc: bool) -> String {
    let time = e
        .time
        .replacen('T', " ", 1)
        .trim_end_matches('Z')
        .to_string()
        + " +0000 UTC";
    let mut attrs: Vec<String> = e
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if let Some(code) = e.container_exit_code {
        attrs.push(format!("containerExitCode={code}"));
    }
    let mut s = format!("{time} {} {}", e.kind, e.status);
    if !e.id.is_empty() {
        s.push(' ');
        let id = if no_trunc {
            &e.id
        } else {
            &e.id[..e.id.len().min(12)]
        };
        s.push_str(id);
    }
    if e.kind == "container" {
        if !attrs.is_empty() {
            s.push_str(&format!(" ({})", attrs.join(", ")));
        }
    } else if !e.name.is_empty() {
        s.push(' ');
        s.push_str(&e.name);
    }
    s
}

pub fn run(g: &GlobalOpts, a: EventsArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let nanos =
        |s: &str| -> anyhow::Result<i128> { Ok((super::logs::parse_time(s)? * 1e9) as i128) };
    let since = a.since.as_deref().map(nanos).transpose()?;
    let until = a.until.as_deref().map(nanos).transpose()?;
    let filter = Filter::parse(&a.filter)?;
    let template = match a.format.as_deref() {
        None | Some("json") => None,
        Some(t) => Some(Template::parse(t)?),
    };
    let json = a.format.as_deref() == Some("json");
    let show = |e: &Event, out: &mut dyn Write| -> std::io::Result<()> {
        if since.is_some_and(|s| e.time_nano < s)
            || until.is_some_and(|u| e.time_nano > u)
            || !filter.matches(e)
        {
            return Ok(());
        }
        let text = if json {
            serde_json::to_string(e).unwrap_or_default()
        } else if let Some(t) = &template {
            t.render(&serde_json::to_value(e).unwrap_or_default())
        } else {
            line(e, a.no_trunc)
        };
        writeln!(out, "{text}")?;
        out.flush()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let until_unix = until.map(|u| u as f64 / 1e9);
    let r = events::follow(&paths.runroot, a.stream, &mut |e: Option<&Event>| {
        match e {
            Some(e) => show(e, &mut out)?,
            None if until_unix.is_some_and(|u| (super::format::now_unix() as f64) > u) => {
                return Ok(false)
            }
            None => {}
        }
        Ok(true)
    });
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(0),
    }
}
