//! `skiff logs`: the container's log (k8s-file format), stdout and stderr kept apart, with
//! `--tail`, `--since`, `--until`, `-t`, and `-f` that ends when the container does.

use std::io::Write;

use clap::Args;

use super::format::{now_unix, parse_rfc3339};
use super::GlobalOpts;
use crate::runtime::logfile::{log_path, LogFollower};
use crate::state::{ContainerStore, Status};

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Keep printing new output until the container exits.
    #[arg(short, long)]
    pub follow: bool,
    /// Only the last N lines ("all" for everything).
    #[arg(long, value_name = "N")]
    pub tail: Option<String>,
    /// Only lines since TIME (RFC 3339, or a duration like 10m, 1h30s).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only lines before TIME.
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Prefix each line with its timestamp.
    #[arg(short, long)]
    pub timestamps: bool,
    /// Prefix each line with the container's name.
    #[arg(short, long)]
    pub names: bool,
    /// Color the --names prefix.
    #[arg(long)]
    pub color: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub container: Option<String>,
}

/// `logs` of a journald container: journalctl reads the journal.
fn journald_logs(c: &crate::state::Container, a: &LogsArgs) -> anyhow::Result<i32> {
    let mut cmd = std::process::Command::new("journalctl");
    cmd.arg("--no-pager")
        .arg("-o")
        .arg("cat")
        .arg(format!("CONTAINER_ID_FULL={}", c.id));
    if a.follow {
        cmd.arg("--follow");
    }
    if let Some(n) = &a.tail {
        cmd.arg("--lines").arg(n);
    }
    if let Some(s) = &a.since {
        cmd.arg("--since").arg(s);
    }
    if let Some(u) = &a.until {
        cmd.arg("--until").arg(u);
    }
    let st = cmd
        .status()
        .map_err(|e| anyhow::anyhow!("running journalctl to read {}'s log: {e}", c.name))?;
    Ok(st.code().unwrap_or(1))
}

/// RFC 3339 or a Go-style duration before now (`90s`, `10m`, `1h30m`).
pub(crate) fn parse_time(s: &str) -> anyhow::Result<f64> {
    if let Some(t) = parse_rfc3339(s) {
        return Ok(t as f64);
    }
    let mut total = 0f64;
    let mut num = String::new();
    for ch in s.chars() {
        if ch.is_ascii_digit() || ch == '.' {
            num.push(ch);
            continue;
        }
        let n: f64 = num.parse().map_err(|_| {
            anyhow::anyhow!("invalid time {s:?}: use RFC 3339 or a duration like 10m")
        })?;
        total += n * match ch {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            _ => anyhow::bail!("invalid time {s:?}: use RFC 3339 or a duration like 10m"),
        };
        num.clear();
    }
    if !num.is_empty() {
        // A bare number is unix seconds, as docker accepts.
        return num
            .parse::<f64>()
            .map_err(|_| anyhow::anyhow!("invalid time {s:?}"));
    }
    Ok(now_unix() as f64 - total)
}

/// One record of a k8s-file log: its RFC 3339 time, stream, whether the line goes on in the next
/// record (a partial line), and its text.
pub struct Record<'a> {
    pub ts: &'a str,
    pub stderr: bool,
    pub partial: bool,
    pub text: &'a [u8],
}

fn parse_line(line: &[u8]) -> Option<Record<'_>> {
    let mut parts = line.splitn(4, |b| *b == b' ');
    let ts = std::str::from_utf8(parts.next()?).ok()?;
    let stream = parts.next()?;
    let flag = parts.next()?;
    let text = parts.next().unwrap_or(b"");
    Some(Record {
        ts,
        stderr: stream == b"stderr",
        partial: flag == b"P",
        text,
    })
}

fn ts_seconds(ts: &str) -> f64 {
    let secs = parse_rfc3339(ts).unwrap_or(0) as f64;
    let frac = ts
        .split('.')
        .nth(1)
        .map(|f| f.trim_end_matches('Z'))
        .and_then(|f| format!("0.{f}").parse::<f64>().ok())
        .unwrap_or(0.0);
    secs + frac
}

/// What to read of a log, and where each record goes.
pub struct Reader<'a> {
    pub follow: bool,
    pub tail: Option<usize>,
    pub since: Option<f64>,
    pub until: Option<f64>,
    pub each: &'a mut dyn FnMut(&Record) -> std::io::Result<()>,
}

impl Reader<'_> {
    fn print(&mut self, data: &[u8]) -> anyhow::Result<()> {
        self.write(data).map_err(crate::error::output_error)
    }

    fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        for line in data.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let Some(r) = parse_line(line) else { continue };
            let t = ts_seconds(r.ts);
            if self.since.is_some_and(|s| t < s) || self.until.is_some_and(|u| t > u) {
                continue;
            }
            (self.each)(&r)?;
        }
        Ok(())
    }
}

/// `--tail`: a count, or all (`all`, `-1`).
pub fn parse_tail(t: Option<&str>) -> anyhow::Result<Option<usize>> {
    match t {
        None | Some("all" | "-1" | "") => Ok(None),
        Some(t) => Ok(Some(t.parse().map_err(|_| {
            anyhow::anyhow!("invalid --tail {t:?}: a number or all")
        })?)),
    }
}

pub fn run(g: &GlobalOpts, a: LogsArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let c = super::targets::one(&store, a.container.as_deref(), a.latest.latest)?;
    match c.spec.log.driver.as_str() {
        "none" | "passthrough" => anyhow::bail!(
            "{}: no logs: the container was created with --log-driver {}",
            c.name,
            c.spec.log.driver
        ),
        "journald" => return journald_logs(&c, &a),
        _ => {}
    }
    let prefix = a.names.then(|| {
        if a.color {
            format!("\x1b[36m{}\x1b[0m ", c.name)
        } else {
            format!("{} ", c.name)
        }
    });
    let mut each = |r: &Record| -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        let mut err = std::io::stderr().lock();
        let w: &mut dyn Write = if r.stderr { &mut err } else { &mut out };
        if let Some(p) = &prefix {
            w.write_all(p.as_bytes())?;
        }
        if a.timestamps {
            w.write_all(r.ts.as_bytes())?;
            w.write_all(b" ")?;
        }
        w.write_all(r.text)?;
        if !r.partial {
            w.write_all(b"\n")?;
        }
        Ok(())
    };
    read(
        &store,
        &c,
        Reader {
            follow: a.follow,
            tail: parse_tail(a.tail.as_deref())?,
            since: a.since.as_deref().map(parse_time).transpose()?,
            until: a.until.as_deref().map(parse_time).transpose()?,
            each: &mut each,
        },
    )?;
    Ok(0)
}

/// Read `c`'s k8s-file log (rotated files first) and, with `follow`, go on until it stops.
pub fn read(
    store: &ContainerStore,
    c: &crate::state::Container,
    mut printer: Reader,
) -> anyhow::Result<()> {
    let path = log_path(store, &c.id, &c.spec.log);
    let running = || {
        store
            .load(&c.id)
            .map(|c| c.state.status == Status::Running && c.process_alive())
            .unwrap_or(false)
    };
    // The file comes with the first line the container prints; -f waits for it.
    while printer.follow && !path.exists() && running() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut follower = LogFollower::new(&path);
    let mut data = follower.poll(false)?;
    if let Some(n) = printer.tail {
        let lines: Vec<&[u8]> = data
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        let keep = &lines[lines.len().saturating_sub(n)..];
        let mut joined = Vec::new();
        for l in keep {
            joined.extend_from_slice(l);
            joined.push(b'\n');
        }
        data = joined;
    }
    printer.print(&data)?;
    if !printer.follow {
        return Ok(());
    }
    loop {
        let running = running();
        let more = follower.poll(false)?;
        printer.print(&more)?;
        if !running && more.is_empty() {
            // One last look after the supervisor's final flush.
            let final_state = store
                .load(&c.id)
                .map(|c| c.state.status)
                .unwrap_or(Status::Exited);
            if final_state != Status::Running {
                printer.print(&follower.poll(true)?)?;
                return Ok(());
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
