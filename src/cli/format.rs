//! `--format` output: rows rendered with a template (template.rs) or as JSON, podman's column
//! layout (tabwriter: min width 12, padding 2), filters, and docker's human times.

use serde_json::Value;

pub use super::template::{Template, TemplateError};

/// Align tab-separated cells like Go's tabwriter(minwidth 12, padding 2), as podman prints tables.
pub fn tabwrite(lines: &[String]) -> String {
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                widths[i] = widths[i].max(c.chars().count() + 2).max(12);
            }
        }
    }
    let mut out = String::new();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            out.push_str(c);
            if i + 1 < r.len() {
                out.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count()));
            }
        }
        out.push('\n');
    }
    out
}

/// Render rows with a user template (or `json`), or the default table.
pub fn render_rows(
    rows: &[Value],
    format: Option<&str>,
    default_table: &str,
    headers: &[(&str, &str)],
) -> anyhow::Result<String> {
    render_rows_opt(rows, format, default_table, headers, false)
}

/// `render_rows`, with `--noheading` leaving out a table's header line.
pub fn render_rows_opt(
    rows: &[Value],
    format: Option<&str>,
    default_table: &str,
    headers: &[(&str, &str)],
    noheading: bool,
) -> anyhow::Result<String> {
    match format {
        Some("json") => Ok(serde_json::to_string_pretty(rows)? + "\n"),
        Some(f) => {
            let t = Template::parse(f)?;
            let mut lines = Vec::new();
            if t.table && !noheading {
                lines.push(t.header(headers));
            }
            for r in rows {
                lines.push(t.try_render(r)?);
            }
            Ok(if t.table {
                tabwrite(&lines)
            } else {
                lines.iter().map(|l| format!("{l}\n")).collect()
            })
        }
        None => {
            let t = Template::parse(default_table)?;
            let mut lines = Vec::new();
            if !noheading {
                lines.push(t.header(headers));
            }
            for r in rows {
                lines.push(t.try_render(r)?);
            }
            Ok(tabwrite(&lines))
        }
    }
}

/// The `--filter`s of the prune commands: `label=KEY[=VALUE]`, `label!=KEY[=VALUE]`,
/// `until=TIME` (RFC 3339, Unix seconds or a duration before now: made before then).
pub fn prune_filter_matches(
    filters: &[String],
    labels: &std::collections::BTreeMap<String, String>,
    created: i64,
) -> anyhow::Result<bool> {
    for f in filters {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
        let ok = match k {
            "label" => label_matches(labels, v),
            "label!" => !label_matches(labels, v),
            "until" => {
                let t = match v.parse::<i64>() {
                    Ok(secs) => secs as f64,
                    Err(_) => super::logs::parse_time(v)?,
                };
                (created as f64) < t
            }
            other => anyhow::bail!("unsupported filter {other:?}: label=, label!=, until="),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Unix seconds of an RFC 3339 time (`2023-11-14T22:13:20.123Z`, `...+02:00`).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    if let Some(r) = rest.strip_prefix('.') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" | "" => 0,
        r if r.len() == 6 && (r.starts_with('+') || r.starts_with('-')) => {
            let sign = if r.starts_with('-') { -1 } else { 1 };
            sign * (r[1..3].parse::<i64>().ok()? * 3600 + r[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day, hour, minute, second) in UTC.
fn utc(unix: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (y, m, d) = civil_from_days(unix.div_euclid(86400));
    let s = unix.rem_euclid(86400);
    (y, m, d, s / 3600, s % 3600 / 60, s % 60)
}

/// Go's default time format in UTC, as podman prints CreatedAt: `2023-11-14 22:13:20 +0000 UTC`.
pub fn go_time(unix: i64) -> String {
    let (y, m, d, h, mi, s) = utc(unix);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02} +0000 UTC")
}

/// RFC 3339 in UTC with seconds, for JSON.
pub fn rfc3339(unix: i64) -> String {
    let (y, m, d, h, mi, s) = utc(unix);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Now as RFC 3339 with nanoseconds in UTC (log timestamps).
pub fn rfc3339_nanos_now() -> String {
    rfc3339_nanos(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default(),
    )
}

/// A time since the epoch as RFC 3339 with nanoseconds in UTC.
pub fn rfc3339_nanos(d: std::time::Duration) -> String {
    let (y, m, day, h, mi, s) = utc(d.as_secs() as i64);
    format!(
        "{y:04}-{m:02}-{day:02}T{h:02}:{mi:02}:{s:02}.{:09}Z",
        d.subsec_nanos()
    )
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// docker's HumanDuration: "Less than a second", "About a minute", "3 weeks", "2 years".
pub fn human_duration(secs: i64) -> String {
    let s = secs.max(0);
    let (m, h, d) = (s / 60, s / 3600, s / 86400);
    match () {
        _ if s < 1 => "Less than a second".into(),
        _ if s == 1 => "1 second".into(),
        _ if s < 60 => format!("{s} seconds"),
        _ if m == 1 => "About a minute".into(),
        _ if m < 60 => format!("{m} minutes"),
        _ if h == 1 => "About an hour".into(),
        _ if h < 48 => format!("{h} hours"),
        _ if h < 24 * 7 * 2 => format!("{d} days"),
        _ if h < 24 * 30 * 2 => format!("{} weeks", d / 7),
        _ if h < 24 * 365 * 2 => format!("{} months", d / 30),
        _ => format!("{} years", d / 365),
    }
}

/// "2 years ago" from an RFC 3339 time, or "" when unknown.
pub fn since(created: Option<&str>) -> String {
    created
        .and_then(parse_rfc3339)
        .map(|t| format!("{} ago", human_duration(now_unix() - t)))
        .unwrap_or_default()
}

/// `--filter label=KEY` (the label is set) or `label=KEY=VALUE` (set to VALUE), as podman matches.
pub fn label_matches(labels: &std::collections::BTreeMap<String, String>, spec: &str) -> bool {
    match spec.split_once('=') {
        Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
        None => labels.contains_key(spec),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_matches_podman_layout() {
        let out = tabwrite(&[
            "REPOSITORY\tTAG\tIMAGE ID".into(),
            "docker.io/library/busybox\tlatest\tabc".into(),
        ]);
        assert_eq!(
            out,
            "REPOSITORY                 TAG         IMAGE ID\ndocker.io/library/busybox  latest      abc\n"
        );
    }

    #[test]
    fn times() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(
            parse_rfc3339("2023-11-14T23:13:20.5+01:00"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_rfc3339("junk"), None);
        assert_eq!(go_time(1_700_000_000), "2023-11-14 22:13:20 +0000 UTC");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(human_duration(90), "About a minute");
        assert_eq!(human_duration(3 * 86400), "3 days");
        assert_eq!(human_duration(800 * 86400), "2 years");
    }
}
