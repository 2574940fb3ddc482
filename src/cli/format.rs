//! `--format`: the Go-template subset that scripts use with podman (`{{.ID}}`, `{{.State.Pid}}`,
//! `{{json .}}`, `{{json .Config}}`, `{{upper .Name}}`, `table ...`, `\t`), rendered over the JSON
//! form of each row; plus podman's column layout (tabwriter: min width 12, padding 2) and docker's
//! human times.

use serde_json::Value;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid --format template {template:?}: {why}")]
pub struct TemplateError {
    pub template: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Text(String),
    Field(Vec<String>),
    Json(Vec<String>),
    Upper(Vec<String>),
    Lower(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Template {
    segs: Vec<Seg>,
    pub table: bool,
}

impl Template {
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        let bad = |why: &str| TemplateError {
            template: src.to_string(),
            why: why.to_string(),
        };
        let (table, body) = match src.strip_prefix("table") {
            Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => {
                (true, rest.trim_start())
            }
            _ => (false, src),
        };
        let body = body.replace("\\t", "\t").replace("\\n", "\n");
        let mut segs = Vec::new();
        let mut rest = body.as_str();
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                segs.push(Seg::Text(rest[..start].to_string()));
            }
            let end = rest[start..].find("}}").ok_or_else(|| bad("unclosed {{"))? + start;
            let action = rest[start + 2..end]
                .trim()
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim();
            let words: Vec<&str> = action.split_whitespace().collect();
            let path = |w: &str| -> Result<Vec<String>, TemplateError> {
                if w == "." {
                    return Ok(Vec::new());
                }
                let p = w
                    .strip_prefix('.')
                    .ok_or_else(|| bad(&format!("expected a field like .Name, got {w:?}")))?;
                Ok(p.split('.').map(str::to_string).collect())
            };
            segs.push(match words.as_slice() {
                [w] => Seg::Field(path(w)?),
                ["json", w] => Seg::Json(path(w)?),
                ["upper", w] => Seg::Upper(path(w)?),
                ["lower", w] => Seg::Lower(path(w)?),
                _ => return Err(bad(&format!("unsupported action {{{{{action}}}}}"))),
            });
            rest = &rest[end + 2..];
        }
        if !rest.is_empty() {
            segs.push(Seg::Text(rest.to_string()));
        }
        Ok(Template { segs, table })
    }

    pub fn render(&self, v: &Value) -> String {
        let mut out = String::new();
        for s in &self.segs {
            match s {
                Seg::Text(t) => out.push_str(t),
                Seg::Field(p) => out.push_str(&plain(lookup(v, p))),
                Seg::Json(p) => out.push_str(
                    &lookup(v, p)
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "null".into()),
                ),
                Seg::Upper(p) => out.push_str(&plain(lookup(v, p)).to_uppercase()),
                Seg::Lower(p) => out.push_str(&plain(lookup(v, p)).to_lowercase()),
            }
        }
        out
    }

    /// The header line for `table` templates: each field's header from `names` (by last path
    /// element), else its name in upper case.
    pub fn header(&self, names: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for s in &self.segs {
            match s {
                Seg::Text(t) => out.push_str(t),
                Seg::Field(p) | Seg::Json(p) | Seg::Upper(p) | Seg::Lower(p) => {
                    let key = p.last().map(String::as_str).unwrap_or("");
                    match names.iter().find(|(k, _)| *k == key) {
                        Some((_, h)) => out.push_str(h),
                        None => out.push_str(&key.to_uppercase()),
                    }
                }
            }
        }
        out
    }
}

/// A field by name; where the JSON has no such key, the one that differs only in case (podman's
/// templates name Go fields, `.Host.Arch`, over JSON keys like `host.arch`).
fn lookup<'a>(v: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = v;
    for p in path {
        cur = match cur.get(p.as_str()) {
            Some(x) => x,
            None => cur
                .as_object()?
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(p))
                .map(|(_, x)| x)?,
        };
    }
    Some(cur)
}

/// Go's fmt of a value: strings bare, slices as [a b], maps as map[k:v], missing as <no value>.
fn plain(v: Option<&Value>) -> String {
    match v {
        None => "<no value>".into(),
        Some(Value::Null) => "<nil>".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => format!(
            "[{}]",
            a.iter()
                .map(|x| plain(Some(x)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Some(Value::Object(m)) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, x)| format!("{k}:{}", plain(Some(x))))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Some(other) => other.to_string(),
    }
}

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
            lines.extend(rows.iter().map(|r| t.render(r)));
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
            lines.extend(rows.iter().map(|r| t.render(r)));
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
    use serde_json::json;

    #[test]
    fn renders_fields_json_and_tables() {
        let v =
            json!({"ID": "abc", "State": {"Pid": 42}, "Names": ["a", "b"], "Labels": {"k": "v"}});
        let t = Template::parse(
            "{{.ID}} {{.State.Pid}} {{json .Names}} {{.Names}} {{.Missing}} {{upper .ID}}",
        )
        .unwrap();
        assert_eq!(t.render(&v), "abc 42 [\"a\",\"b\"] [a b] <no value> ABC");
        assert_eq!(
            Template::parse("{{json .}}")
                .unwrap()
                .render(&json!({"a":1})),
            "{\"a\":1}"
        );
        let t = Template::parse("table {{.ID}}\\t{{.Size}}").unwrap();
        assert!(t.table);
        assert_eq!(t.header(&[("ID", "IMAGE ID")]), "IMAGE ID\tSIZE");
        assert!(Template::parse("{{.ID").is_err());
        assert!(Template::parse("{{range .X}}").is_err());
    }

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
