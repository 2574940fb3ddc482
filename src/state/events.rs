//! The events log behind `skiff events`: with no daemon, whichever process causes an event
//! (the CLI, a supervisor) appends it as one JSON line to `<runroot>/events/events.log`, like
//! podman's file backend. One `write` of one line on an O_APPEND file, so concurrent writers do not
//! interleave. Volatile (the runroot), as podman's is. Recording is best effort: a full disk must
//! not fail a container.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One event, in podman's `--format json` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Event {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub status: String,
    /// RFC 3339 with nanoseconds, UTC.
    pub time: String,
    /// container or image.
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_exit_code: Option<i32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Unix time in nanoseconds (for --since/--until and ordering).
    #[serde(rename = "timeNano")]
    pub time_nano: i128,
}

impl Event {
    pub fn new(kind: &str, status: &str, id: &str) -> Event {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Event {
            id: id.to_string(),
            image: String::new(),
            name: String::new(),
            status: status.to_string(),
            time: crate::cli::format::rfc3339_nanos(now),
            kind: kind.to_string(),
            container_exit_code: None,
            attributes: BTreeMap::new(),
            time_nano: now.as_nanos() as i128,
        }
    }
}

pub fn log_path(runroot: &Path) -> PathBuf {
    // containers.conf's events_logfile_path (read once, when an event is read or written).
    if let Some(p) = crate::system::containers_conf::ContainersConf::load()
        .ok()
        .and_then(|c| c.engine.events_logfile_path)
    {
        return p;
    }
    runroot.join("events").join("events.log")
}

/// Append `ev` to the log under `runroot`.
pub fn record(runroot: &Path, ev: &Event) {
    // `--events-backend none` (also in the supervisors, through the environment).
    if std::env::var_os("SKIFF_EVENTS_BACKEND").is_some_and(|b| b == "none") {
        return;
    }
    let path = log_path(runroot);
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut line = serde_json::to_vec(ev)?;
        line.push(b'\n');
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?
            .write_all(&line)
    };
    if let Err(e) = write() {
        tracing::debug!("recording event in {}: {e}", path.display());
    }
}

/// Read the log from its start and, with `stream`, follow it: `each` gets every complete event
/// line, and `None` every 100 ms while waiting; it returns false to stop.
pub fn follow(
    runroot: &Path,
    stream: bool,
    each: &mut dyn FnMut(Option<&Event>) -> std::io::Result<bool>,
) -> std::io::Result<()> {
    use std::io::Read;
    let path = log_path(runroot);
    let mut file: Option<std::fs::File> = None;
    let mut pending = Vec::new();
    loop {
        // The log was removed (system reset) and may come back: start over with the new one.
        if file.is_some() && std::fs::metadata(&path).is_err() {
            file = None;
            pending.clear();
        }
        if file.is_none() {
            file = std::fs::File::open(&path).ok();
        }
        if let Some(f) = file.as_mut() {
            // At EOF a later read picks up what was appended since.
            f.read_to_end(&mut pending)?;
            // Complete lines only: a writer may be halfway through one.
            let end = pending
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            for l in pending[..end].split(|b| *b == b'\n') {
                if let Ok(e) = serde_json::from_slice::<Event>(l) {
                    if !each(Some(&e))? {
                        return Ok(());
                    }
                }
            }
            pending.drain(..end);
        }
        if !stream || !each(None)? {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// A container event with podman's attributes (image, name, labels).
pub fn container_event(c: &super::Container, status: &str) -> Event {
    let mut ev = Event::new("container", status, &c.id);
    ev.image = c.image.clone();
    ev.name = c.name.clone();
    ev.attributes = c.labels.clone();
    ev.attributes.insert("image".into(), c.image.clone());
    ev.attributes.insert("name".into(), c.name.clone());
    ev
}

/// Record a container event (`exit_code` for `died`).
pub fn container(runroot: &Path, c: &super::Container, status: &str, exit_code: Option<i32>) {
    let mut ev = container_event(c, status);
    ev.container_exit_code = exit_code;
    record(runroot, &ev);
}

/// Record an image event: `id` (may be empty for untag), `name` the reference involved.
pub fn image(runroot: &Path, status: &str, id: &str, name: &str) {
    let mut ev = Event::new("image", status, id);
    ev.name = name.to_string();
    record(runroot, &ev);
}
