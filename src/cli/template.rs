//! `--format` templates: Go's text/template (the `gotmpl` crate: pipelines, `range`, `if`/`else`,
//! `with`, `index`, `len`, `printf`, `eq`, variables) with podman's extra functions (`json`,
//! `upper`, `lower`, `title`, `join`, `split`, `truncate`, `pad`), rendered over the JSON form of
//! each row. podman's `table` prefix and `\t` escapes are understood.
//!
//! Fields are looked up as Go looks up struct fields, so `{{.Host.Arch}}` finds the JSON key
//! `host.arch` as podman's does: every lower-case key also answers to its capitalised name.

use std::sync::Arc;

use gotmpl::Value as G;
use serde_json::Value;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid --format template {template:?}: {why}")]
pub struct TemplateError {
    pub template: String,
    pub why: String,
}

#[derive(Clone)]
pub struct Template {
    inner: gotmpl::Template,
    /// The body's `{{.Field}}` paths, for table headers.
    fields: Vec<String>,
    source: String,
    pub table: bool,
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("source", &self.source)
            .field("table", &self.table)
            .finish()
    }
}

/// A capitalised alias of a lower-case key (`arch` -> `Arch`), the name a Go struct field has.
fn alias(k: &str) -> Option<String> {
    let mut c = k.chars();
    let first = c.next()?;
    first
        .is_ascii_lowercase()
        .then(|| first.to_ascii_uppercase().to_string() + c.as_str())
}

/// serde_json -> template value; maps get the capitalised aliases of their keys.
fn to_gval(v: &Value) -> G {
    match v {
        Value::Null => G::Nil,
        Value::Bool(b) => G::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                G::Int(i)
            } else if let Some(u) = n.as_u64() {
                G::Uint(u)
            } else {
                G::Float(n.as_f64().unwrap_or(0.0))
            }
        }
        Value::String(s) => G::String(Arc::from(s.as_str())),
        Value::Array(a) => G::List(a.iter().map(to_gval).collect()),
        Value::Object(m) => {
            let mut out = std::collections::BTreeMap::new();
            for (k, x) in m {
                let gx = to_gval(x);
                if let Some(a) = alias(k).filter(|a| !m.contains_key(a)) {
                    out.insert(Arc::from(a.as_str()), gx.clone());
                }
                out.insert(Arc::from(k.as_str()), gx);
            }
            G::Map(Arc::new(out))
        }
    }
}

/// Template value -> JSON for `{{json X}}`, without the aliases `to_gval` added.
fn to_json(v: &G) -> Value {
    match v {
        G::Nil => Value::Null,
        G::Bool(b) => Value::Bool(*b),
        G::Int(i) => Value::from(*i),
        G::Uint(u) => Value::from(*u),
        G::Float(f) => Value::from(*f),
        G::String(s) => Value::String(s.to_string()),
        G::List(l) => Value::Array(l.iter().map(to_json).collect()),
        G::Map(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| {
                    // an alias is a capitalised key whose lower-case original is present too
                    let mut c = k.chars();
                    let lower = c
                        .next()
                        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str());
                    !(k.starts_with(|c: char| c.is_ascii_uppercase())
                        && lower.is_some_and(|l| m.contains_key(l.as_str())))
                })
                .map(|(k, x)| (k.to_string(), to_json(x)))
                .collect(),
        ),
        other => Value::String(other.to_string()),
    }
}

fn arg_str(args: &[G], i: usize) -> String {
    args.get(i).map(|v| v.to_string()).unwrap_or_default()
}

fn string(s: String) -> G {
    G::String(Arc::from(s.as_str()))
}

/// The functions podman adds to Go's built-ins.
fn podman_funcs(t: gotmpl::Template) -> gotmpl::Template {
    t.func("json", |a| {
        Ok(string(
            a.first()
                .map(|v| to_json(v).to_string())
                .unwrap_or_default(),
        ))
    })
    .func("upper", |a| Ok(string(arg_str(a, 0).to_uppercase())))
    .func("lower", |a| Ok(string(arg_str(a, 0).to_lowercase())))
    .func("title", |a| {
        let s = arg_str(a, 0);
        let mut out = String::with_capacity(s.len());
        let mut start = true;
        for c in s.chars() {
            out.extend(if start {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                vec![c]
            });
            start = c.is_whitespace();
        }
        Ok(string(out))
    })
    .func("join", |a| {
        let sep = arg_str(a, 1);
        let parts: Vec<String> = match a.first() {
            Some(G::List(l)) => l.iter().map(|v| v.to_string()).collect(),
            Some(other) => vec![other.to_string()],
            None => Vec::new(),
        };
        Ok(string(parts.join(&sep)))
    })
    .func("split", |a| {
        let (s, sep) = (arg_str(a, 0), arg_str(a, 1));
        Ok(G::List(
            s.split(sep.as_str()).map(|p| string(p.into())).collect(),
        ))
    })
    .func("truncate", |a| {
        let n = a.get(1).and_then(G::as_int).unwrap_or(0).max(0) as usize;
        Ok(string(arg_str(a, 0).chars().take(n).collect()))
    })
    .func("pad", |a| {
        let s = arg_str(a, 0);
        let (l, r) = (
            a.get(1).and_then(G::as_int).unwrap_or(0).max(0) as usize,
            a.get(2).and_then(G::as_int).unwrap_or(0).max(0) as usize,
        );
        Ok(string(format!("{}{s}{}", " ".repeat(l), " ".repeat(r))))
    })
}

/// `{{.A.B}}` paths in a template body, in order (for table headers).
fn field_paths(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        let action = &rest[start + 2..start + end];
        if let Some(w) = action
            .trim_matches(|c: char| c == '-' || c.is_whitespace())
            .split_whitespace()
            .last()
            .filter(|w| w.starts_with('.'))
        {
            out.push(w.trim_start_matches('.').to_string());
        }
        rest = &rest[start + end + 2..];
    }
    out
}

/// Go's parser refuses unbalanced blocks; gotmpl's is lenient, so check `{{end}}`s here.
fn check_blocks(body: &str) -> Result<(), String> {
    let mut depth = 0i32;
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        let action =
            rest[start + 2..start + end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        match action.split_whitespace().next() {
            Some("if" | "range" | "with" | "define" | "block") => depth += 1,
            Some("end") => {
                depth -= 1;
                if depth < 0 {
                    return Err("unexpected {{end}}".into());
                }
            }
            _ => {}
        }
        rest = &rest[start + end + 2..];
    }
    if depth > 0 {
        return Err("unexpected EOF: an {{if}}, {{range}} or {{with}} has no {{end}}".into());
    }
    Ok(())
}

impl Template {
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        let bad = |why: String| TemplateError {
            template: src.to_string(),
            why,
        };
        let (table, body) = match src.strip_prefix("table") {
            Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => {
                (true, rest.trim_start())
            }
            _ => (false, src),
        };
        let body = body.replace("\\t", "\t").replace("\\n", "\n");
        check_blocks(&body).map_err(bad)?;
        let inner = podman_funcs(gotmpl::Template::new("format"))
            .max_range_iters(1_000_000)
            .parse(&body)
            .map_err(|e| bad(e.to_string()))?;
        Ok(Template {
            inner,
            fields: field_paths(&body),
            source: body,
            table,
        })
    }

    /// The template applied to one row; an execution error (e.g. `index` out of range) is shown
    /// in its place, as the rest of the rows still render.
    pub fn try_render(&self, v: &Value) -> Result<String, TemplateError> {
        self.inner
            .execute_to_string(&to_gval(v))
            .map_err(|e| TemplateError {
                template: self.source.clone(),
                why: e.to_string(),
            })
    }

    pub fn render(&self, v: &Value) -> String {
        self.try_render(v).unwrap_or_else(|e| e.why)
    }

    /// The header line for `table` templates: the body with each field action replaced by its
    /// header from `names` (by last path element), else its name in upper case.
    pub fn header(&self, names: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut rest = self.source.as_str();
        let mut fields = self.fields.iter();
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let Some(end) = rest[start..].find("}}") else {
                break;
            };
            let action = &rest[start + 2..start + end];
            if action
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with('.'))
            {
                let path = fields.next().map(String::as_str).unwrap_or("");
                let key = path.rsplit('.').next().unwrap_or("");
                match names.iter().find(|(k, _)| *k == key) {
                    Some((_, h)) => out.push_str(h),
                    None => out.push_str(&key.to_uppercase()),
                }
            }
            rest = &rest[start + end + 2..];
        }
        out.push_str(rest);
        out
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
        assert!(Template::parse("{{end}}").is_err());
    }

    #[test]
    fn control_flow_and_podman_functions() {
        let v = json!({
            "Mounts": [{"Source": "/a", "Destination": "/x"}, {"Source": "/b", "Destination": "/y"}],
            "State": {"Running": true},
            "Config": {"Labels": {"app.kind": "web"}, "Env": ["A=1", "B=2"]},
            "host": {"arch": "amd64"},
        });
        let r = |s: &str| Template::parse(s).unwrap().render(&v);
        assert_eq!(
            r("{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}"),
            "/a:/x /b:/y "
        );
        assert_eq!(r("{{if .State.Running}}up{{else}}down{{end}}"), "up");
        assert_eq!(r(r#"{{index .Config.Labels "app.kind"}}"#), "web");
        assert_eq!(r(r#"{{join .Config.Env ","}}"#), "A=1,B=2");
        assert_eq!(
            r("{{len .Mounts}} {{.Host.Arch}} {{.host.arch}}"),
            "2 amd64 amd64"
        );
        assert_eq!(r("{{json .host}}"), r#"{"arch":"amd64"}"#);
        assert_eq!(r(r#"{{range $i, $m := .Mounts}}{{$i}}{{end}}"#), "01");
        assert_eq!(r(r#"{{printf "%s-%d" "x" 3}} {{title "a b"}}"#), "x-3 A B");
        assert_eq!(r("{{with .State}}{{.Running}}{{end}}"), "true");
    }
}
