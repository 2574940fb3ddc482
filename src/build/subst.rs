//! Variable substitution in Containerfile instructions, as docker does it: `$VAR`, `${VAR}`,
//! `${VAR:-default}`, `${VAR:+alternative}`, and `\$` for a literal dollar.

use std::collections::BTreeMap;

/// Expand `s` with `vars`; unknown variables are empty.
pub fn expand(s: &str, vars: &BTreeMap<String, String>) -> String {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '\\' && i + 1 < b.len() && b[i + 1] == '$' {
            out.push('$');
            i += 2;
            continue;
        }
        if c != '$' || i + 1 >= b.len() {
            out.push(c);
            i += 1;
            continue;
        }
        if b[i + 1] == '{' {
            let Some(end) = b[i + 2..].iter().position(|&x| x == '}') else {
                out.push(c);
                i += 1;
                continue;
            };
            let inner: String = b[i + 2..i + 2 + end].iter().collect();
            i += 3 + end;
            let (name, op) = match inner.find(":-").or_else(|| inner.find(":+")) {
                Some(p) => (&inner[..p], Some((&inner[p..p + 2], &inner[p + 2..]))),
                None => (inner.as_str(), None),
            };
            let val = vars.get(name).filter(|v| !v.is_empty());
            match op {
                None => out.push_str(val.map_or("", String::as_str)),
                Some((":-", d)) => match val {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&expand(d, vars)),
                },
                Some((_, alt)) => {
                    if val.is_some() {
                        out.push_str(&expand(alt, vars));
                    }
                }
            }
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == '_') {
            end += 1;
        }
        if end == start {
            out.push(c);
            i += 1;
            continue;
        }
        let name: String = b[start..end].iter().collect();
        out.push_str(vars.get(&name).map_or("", String::as_str));
        i = end;
    }
    out
}

/// The variables an instruction's text refers to (for the build-arg "never used" warning).
pub fn referenced(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '$' && (i == 0 || b[i - 1] != '\\') {
            let start = if b.get(i + 1) == Some(&'{') {
                i + 2
            } else {
                i + 1
            };
            let mut end = start;
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == '_') {
                end += 1;
            }
            if end > start {
                out.push(b[start..end].iter().collect());
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_forms() {
        let v: BTreeMap<String, String> =
            [("A".into(), "1".into()), ("E".into(), String::new())].into();
        assert_eq!(expand("$A ${A} x${A}y", &v), "1 1 x1y");
        assert_eq!(expand("${B:-def} ${A:-def} ${E:-e}", &v), "def 1 e");
        assert_eq!(expand("${A:+alt} ${B:+alt}.", &v), "alt .");
        assert_eq!(expand(r"\$A $", &v), "$A $");
        assert_eq!(referenced("echo $A ${B:-x} \\$C"), vec!["A", "B"]);
    }
}
