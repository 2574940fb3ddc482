//! Untrusted Kubernetes YAML in: read within a size budget, parsed by serde-saphyr within its
//! event/alias/depth budgets into a tree that remembers each node's line, then typed through
//! k8s-openapi with the failing field's path (serde_path_to_error) mapped back to its line. Fields
//! the typed objects do not know are listed, never dropped silently.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// The largest manifest accepted (a real one is kilobytes; this refuses 100 MB documents before
/// they are parsed).
pub const MAX_BYTES: usize = 4 << 20;

/// A YAML node and the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u64,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<Kind>::deserialize(d)?;
        Ok(Node {
            line: s.referenced.line(),
            kind: s.value,
        })
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_none<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        d.deserialize_any(KindVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kind, E> {
        Ok(Kind::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Kind, E> {
        Ok(Kind::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kind, E> {
        Ok(Kind::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
        Ok(Kind::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind, E> {
        Ok(Kind::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Kind, A::Error> {
        let mut v = Vec::new();
        while let Some(n) = s.next_element::<Node>()? {
            v.push(n);
        }
        Ok(Kind::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Kind, A::Error> {
        let mut v: Vec<(String, Node)> = Vec::new();
        while let Some(k) = m.next_key::<Key>()? {
            let n = m.next_value::<Node>()?;
            if v.iter().any(|(x, _)| *x == k.0) {
                return Err(de::Error::custom(format!(
                    "key {:?} is given twice (line {})",
                    k.0, n.line
                )));
            }
            v.push((k.0, n));
        }
        Ok(Kind::Map(v))
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

/// A mapping key: any scalar, as text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Kind::deserialize(d)? {
            Kind::Str(s) => Ok(Key(s)),
            Kind::Int(i) => Ok(Key(i.to_string())),
            Kind::UInt(i) => Ok(Key(i.to_string())),
            Kind::Bool(b) => Ok(Key(b.to_string())),
            Kind::Float(f) => Ok(Key(f.to_string())),
            Kind::Null => Ok(Key("null".into())),
            _ => Err(de::Error::custom("a mapping key must be a scalar")),
        }
    }
}

impl Node {
    pub fn to_json(&self) -> Value {
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Int(i) => Value::from(*i),
            Kind::UInt(u) => Value::from(*u),
            Kind::Float(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Kind::Str(s) => Value::String(s.clone()),
            Kind::Seq(v) => Value::Array(v.iter().map(Node::to_json).collect()),
            Kind::Map(m) => {
                Value::Object(m.iter().map(|(k, n)| (k.clone(), n.to_json())).collect())
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, n)| n),
            _ => None,
        }
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The line of the node at a path like `spec.containers[0].image` (or of its nearest
    /// ancestor that exists).
    pub fn line_of(&self, path: &str) -> u64 {
        let mut node = self;
        for seg in segments(path) {
            let next = match (&node.kind, seg) {
                (Kind::Map(_), Seg::Key(k)) => node.get(k),
                (Kind::Seq(v), Seg::Index(i)) => v.get(i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.line
    }
}

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[2].c` -> a, b, 2, c.
fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}

/// Read a manifest (a file, `-` for stdin) within MAX_BYTES.
pub fn read_limited(mut r: impl std::io::Read, what: &str) -> anyhow::Result<String> {
    use std::io::Read;
    let mut buf = Vec::new();
    (&mut r)
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| anyhow::anyhow!("reading {what}: {e}"))?;
    if buf.len() > MAX_BYTES {
        anyhow::bail!(
            "{what}: larger than {} MiB; a Kubernetes manifest this large is refused (split it)",
            MAX_BYTES >> 20
        );
    }
    String::from_utf8(buf).map_err(|_| anyhow::anyhow!("{what}: not UTF-8 text"))
}

/// Parse every document (empty ones dropped) within the parser's budgets.
pub fn documents(text: &str, what: &str) -> anyhow::Result<Vec<Node>> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(MAX_BYTES);
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 100_000;
    budget.max_depth = 48;
    budget.max_documents = 500;
    budget.max_total_scalar_bytes = MAX_BYTES;
    let mut opts = serde_saphyr::Options::default();
    opts.budget = Some(budget);
    // `defaultMode: 0644` is octal in Kubernetes' YAML (1.1), as everyone writes it.
    opts.legacy_octal_numbers = true;
    let docs: Vec<Node> = serde_saphyr::from_multiple_with_options(text, opts).map_err(|e| {
        let line = e
            .location()
            .map(|l| format!(" at line {}", l.line()))
            .unwrap_or_default();
        let msg = e.without_snippet().to_string();
        let msg = msg.lines().next().unwrap_or_default().to_string();
        anyhow::anyhow!("{what}: not valid YAML{line}: {msg}")
    })?;
    Ok(docs.into_iter().filter(|d| d.kind != Kind::Null).collect())
}

/// A typed object from one document: the error names the field path and its line.
pub fn typed<T: serde::de::DeserializeOwned>(doc: &Node) -> Result<T, (String, u64, String)> {
    let json = doc.to_json();
    serde_path_to_error::deserialize::<_, T>(json).map_err(|e| {
        let path = e.path().to_string();
        let line = doc.line_of(&path);
        (path, line, e.into_inner().to_string())
    })
}

/// Paths (with lines) present in the document but absent from its typed form re-serialized:
/// the fields the Kubernetes types do not know.
pub fn unknown_fields<T: serde::Serialize>(doc: &Node, typed: &T) -> Vec<(String, u64)> {
    let back = serde_json::to_value(typed).unwrap_or(Value::Null);
    let mut out = Vec::new();
    diff(doc, &back, String::new(), &mut out);
    out
}

fn diff(node: &Node, back: &Value, path: String, out: &mut Vec<(String, u64)>) {
    match (&node.kind, back) {
        (Kind::Map(m), Value::Object(o)) => {
            for (k, n) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match o.get(k) {
                    Some(v) => diff(n, v, p, out),
                    None if n.kind == Kind::Null => {}
                    None => out.push((p, n.line)),
                }
            }
        }
        (Kind::Seq(s), Value::Array(a)) => {
            for (i, (n, v)) in s.iter().zip(a).enumerate() {
                diff(n, v, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_paths_and_unknown_fields() {
        let text = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: a\n    image: x\n    imagee: typo\n    ports:\n    - containerPort: nope\n---\n";
        let docs = documents(text, "f").unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.str("kind"), Some("Pod"));
        assert_eq!(d.line_of("spec.containers[0].image"), 9);
        let err = typed::<k8s_openapi::api::core::v1::Pod>(d).unwrap_err();
        assert_eq!(err.0, "spec.containers[0].ports[0].containerPort");
        assert_eq!(err.1, 12);
        let d = &documents("mode: 0400\n", "f").unwrap()[0];
        assert_eq!(d.get("mode").unwrap().kind, Kind::UInt(256));
        let ok = "kind: Pod\nmetadata: {name: w}\nspec:\n  containers:\n  - {name: a, image: x, imagee: t}\n  nodeName: node1\n";
        let d = &documents(ok, "f").unwrap()[0];
        let pod: k8s_openapi::api::core::v1::Pod = typed(d).unwrap();
        assert_eq!(
            unknown_fields(d, &pod),
            vec![("spec.containers[0].imagee".to_string(), 5)]
        );
    }

    #[test]
    fn bombs_and_garbage_are_refused() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for i in 0..9u8 {
            let p = (b'a' + i) as char;
            let n = (b'a' + i + 1) as char;
            bomb.push_str(&format!(
                "{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            ));
        }
        let e = documents(&bomb, "bomb").unwrap_err().to_string();
        assert!(e.contains("not valid YAML"), "{e}");
        let e = documents("a: [1, 2\nb: {", "bad").unwrap_err().to_string();
        assert!(e.contains("line"), "{e}");
        let big = vec![b'#'; MAX_BYTES + 10];
        let e = read_limited(&big[..], "big").unwrap_err().to_string();
        assert!(e.contains("larger than"), "{e}");
        let e = documents("a: 1\na: 2\n", "dup").unwrap_err().to_string();
        assert!(e.contains("twice") || e.contains("duplicate"), "{e}");
    }
}
