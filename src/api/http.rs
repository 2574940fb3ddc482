//! The plumbing every handler shares: response bodies (whole and streamed), Docker's JSON error
//! shape with a status from the engine's error types, query strings and their `filters`, request
//! bodies read within a cap and typed with unknown fields refused.

use std::collections::BTreeMap;

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Response, StatusCode};
use serde_json::Value;

pub type Body = BoxBody<Bytes, std::io::Error>;
pub type Resp = Response<Body>;
pub type ApiResult = Result<Resp, ApiError>;

/// A JSON request body (create, network create, exec create...) is small: 1 MiB is generous.
pub const JSON_LIMIT: usize = 1 << 20;

/// An answer other than success: Docker's `{"message": ...}` with its status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, message)
    }
    pub fn response(&self) -> Resp {
        json(self.status, &serde_json::json!({ "message": self.message }))
    }
}

impl From<anyhow::Error> for ApiError {
    /// The engine's typed errors decide the status: unknown objects 404, names in use 409,
    /// invalid input 400; anything else is the server's failure (500).
    fn from(e: anyhow::Error) -> ApiError {
        use crate::state::store::StateError;
        let message = format!("{e:#}");
        for cause in e.chain() {
            if let Some(s) = cause.downcast_ref::<StateError>() {
                return match s {
                    StateError::NotFound(_) => ApiError::not_found(message),
                    StateError::NameInUse { .. } => ApiError::conflict(message),
                    StateError::Ambiguous { .. } => ApiError::bad(message),
                    _ => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message),
                };
            }
            if let Some(crate::image::store::StoreError::UnknownImage(_)) = cause.downcast_ref() {
                return ApiError::not_found(message);
            }
            if cause
                .downcast_ref::<crate::runtime::spec::SpecError>()
                .is_some()
            {
                return ApiError::bad(message);
            }
            if let Some(x) = cause.downcast_ref::<Status>() {
                return ApiError::new(x.0, message);
            }
        }
        let lower = message.to_ascii_lowercase();
        if lower.contains("no such") || lower.contains("not found") || lower.contains("not known") {
            return ApiError::not_found(message);
        }
        if lower.contains("invalid") {
            return ApiError::bad(message);
        }
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

/// Attach a status to an engine error raised inside a handler's blocking part.
#[derive(Debug, thiserror::Error)]
#[error("{1}")]
pub struct Status(pub StatusCode, pub String);

pub fn status(code: StatusCode, msg: impl Into<String>) -> anyhow::Error {
    Status(code, msg.into()).into()
}

pub fn full(status: StatusCode, content_type: &str, data: impl Into<Bytes>) -> Resp {
    Response::builder()
        .status(status)
        .header("Content-Type", content_type)
        .body(
            Full::new(data.into())
                .map_err(|never| match never {})
                .boxed(),
        )
        .expect("static response parts")
}

pub fn json(status: StatusCode, v: &Value) -> Resp {
    let mut body = serde_json::to_vec(v).unwrap_or_default();
    body.push(b'\n');
    full(status, "application/json", body)
}

pub fn ok_json(v: &Value) -> ApiResult {
    Ok(json(StatusCode::OK, v))
}

pub fn empty(status: StatusCode) -> Resp {
    Response::builder()
        .status(status)
        .body(
            http_body_util::Empty::new()
                .map_err(|never| match never {})
                .boxed(),
        )
        .expect("static response parts")
}

/// A body fed chunk by chunk from a blocking producer: `send` fails once the client went away,
/// which is the producer's signal to stop.
pub struct Feed(pub tokio::sync::mpsc::Sender<Bytes>);

impl Feed {
    pub fn send(&self, data: impl Into<Bytes>) -> bool {
        self.0.blocking_send(data.into()).is_ok()
    }
    pub fn send_json(&self, v: &Value) -> bool {
        let mut line = serde_json::to_vec(v).unwrap_or_default();
        line.push(b'\n');
        self.send(line)
    }
    /// Resolves when the client disconnected (for producers that otherwise sleep).
    pub fn closed(&self) -> bool {
        self.0.is_closed()
    }
}

pub fn streamed(status: StatusCode, content_type: &str) -> (Feed, Resp) {
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(64);
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|b| (Ok::<_, std::io::Error>(Frame::data(b)), rx))
    });
    let resp = Response::builder()
        .status(status)
        .header("Content-Type", content_type)
        .body(BodyExt::boxed(StreamBody::new(stream)))
        .expect("static response parts");
    (Feed(tx), resp)
}

/// Run engine code (file locks, fork, waits) off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(ApiError::from),
        Err(e) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("handler failed: {e}"),
        )),
    }
}

/// The query string, decoded.
#[derive(Debug, Default, Clone)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    pub fn parse(q: Option<&str>) -> Query {
        Query(
            form_urlencoded::parse(q.unwrap_or("").as_bytes())
                .into_owned()
                .collect(),
        )
    }
    pub fn get(&self, k: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
    pub fn all(&self, k: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect()
    }
    /// Docker's booleans: `1`, `true`, `True` (and a bare `?all`) are true.
    pub fn flag(&self, k: &str) -> bool {
        self.get(k)
            .is_some_and(|v| matches!(v, "" | "1" | "true" | "True" | "TRUE"))
    }
    pub fn int(&self, k: &str) -> Result<Option<i64>, ApiError> {
        match self.get(k) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::bad(format!("invalid {k}={v:?}: expected an integer"))),
        }
    }
    /// `filters`: JSON, either `{"k": ["v", ...]}` or the older `{"k": {"v": true}}`.
    pub fn filters(&self) -> Result<Filters, ApiError> {
        let Some(raw) = self.get("filters").filter(|s| !s.is_empty()) else {
            return Ok(Filters::default());
        };
        let v: Value = serde_json::from_str(raw)
            .map_err(|e| ApiError::bad(format!("invalid filters {raw:?}: {e}")))?;
        let Value::Object(m) = v else {
            return Err(ApiError::bad(format!(
                "invalid filters {raw:?}: not an object"
            )));
        };
        let mut out = BTreeMap::new();
        for (k, v) in m {
            let vals: Vec<String> = match v {
                Value::Array(a) => a
                    .into_iter()
                    .map(|x| match x {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
                Value::Object(o) => o
                    .into_iter()
                    .filter(|(_, b)| b.as_bool() != Some(false))
                    .map(|(s, _)| s)
                    .collect(),
                Value::String(s) => vec![s],
                _ => return Err(ApiError::bad(format!("invalid filter {k:?}"))),
            };
            out.insert(k, vals);
        }
        Ok(Filters(out))
    }
}

#[derive(Debug, Default, Clone)]
pub struct Filters(pub BTreeMap<String, Vec<String>>);

impl Filters {
    pub fn get(&self, k: &str) -> &[String] {
        self.0.get(k).map(Vec::as_slice).unwrap_or_default()
    }
    /// As `KEY=VALUE` strings, the shape the CLI's filter functions take.
    pub fn pairs(&self) -> Vec<String> {
        self.0
            .iter()
            .flat_map(|(k, vs)| vs.iter().map(move |v| format!("{k}={v}")))
            .collect()
    }
    /// Refuse keys the endpoint does not know (as docker does).
    pub fn only(&self, known: &[&str]) -> Result<(), ApiError> {
        for k in self.0.keys() {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad(format!(
                    "invalid filter '{k}': this endpoint filters by {}",
                    known.join(", ")
                )));
            }
        }
        Ok(())
    }
}

/// The whole body, refused beyond `limit` bytes.
pub async fn read_body(body: Incoming, limit: usize) -> Result<Bytes, ApiError> {
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body larger than {limit} bytes"),
        )),
        Err(e) => Err(ApiError::bad(format!("reading the request body: {e}"))),
    }
}

/// A JSON body typed as `T`: malformed JSON, wrong types and fields Docker's API does not have are
/// 400s naming the field. An empty body is `{}`.
pub async fn read_json<T: serde::de::DeserializeOwned + serde::Serialize>(
    body: Incoming,
) -> Result<T, ApiError> {
    let raw = read_body(body, JSON_LIMIT).await?;
    parse_json(&raw)
}

pub fn parse_json<T: serde::de::DeserializeOwned + serde::Serialize>(
    raw: &[u8],
) -> Result<T, ApiError> {
    let text = if raw.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        raw
    };
    let doc: Value = serde_json::from_slice(text)
        .map_err(|e| ApiError::bad(format!("malformed JSON in the request body: {e}")))?;
    let typed: T = serde_path_to_error::deserialize(&doc).map_err(|e| {
        ApiError::bad(format!(
            "invalid request body at {}: {}",
            e.path(),
            e.inner()
        ))
    })?;
    let back = serde_json::to_value(&typed).unwrap_or(Value::Null);
    let mut unknown = Vec::new();
    diff(&doc, &back, String::new(), &mut unknown);
    if !unknown.is_empty() {
        return Err(ApiError::bad(format!(
            "unknown field{} in the request body: {} (not part of the Docker Engine API)",
            if unknown.len() > 1 { "s" } else { "" },
            unknown.join(", ")
        )));
    }
    Ok(typed)
}

/// Fields older clients still send that the API has since dropped (docker 20.10 and
/// docker-compose 1.29 send them): accepted and ignored, as dockerd does.
const DEPRECATED: &[&str] = &["CheckDuplicate", "KernelMemory", "Detach", "Container"];

/// Keys present in `doc` (with a non-null value) that the typed form dropped.
fn diff(doc: &Value, back: &Value, path: String, out: &mut Vec<String>) {
    match (doc, back) {
        (Value::Object(m), Value::Object(o)) => {
            for (k, v) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match o.get(k) {
                    Some(b) => diff(v, b, p, out),
                    None if is_blank(v) || DEPRECATED.contains(&k.as_str()) => {}
                    None => out.push(p),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(x, y, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Values a typed form may drop without losing anything: null and zero values (clients send
/// every field of their own version's structs, e.g. docker 20.10's `KernelMemory: 0`, which later
/// API versions dropped), and empty maps such as `ExposedPorts: {"80/tcp": {}}`.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.iter().all(is_blank),
        Value::Object(o) => o.values().all(is_blank),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct T {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        inner: Option<Box<T>>,
    }

    #[test]
    fn bodies_typed_with_unknown_fields_refused() {
        assert!(parse_json::<T>(b"").is_ok());
        assert!(parse_json::<T>(br#"{"Name":"x","Inner":{"Name":null}}"#).is_ok());
        let e = parse_json::<T>(br#"{"Name":"x","Inner":{"Nmae":"y"}}"#)
            .err()
            .unwrap();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.message.contains("Inner.Nmae"), "{}", e.message);
        let e = parse_json::<T>(br#"{"Name":5}"#).err().unwrap();
        assert!(e.message.contains("Name"), "{}", e.message);
        assert!(parse_json::<T>(b"{")
            .err()
            .unwrap()
            .message
            .contains("malformed"));
    }

    #[test]
    fn queries_and_filters() {
        let q = Query::parse(Some(
            "all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D&x=true",
        ));
        assert!(q.flag("all") && q.flag("x") && !q.flag("y"));
        let f = q.filters().unwrap();
        assert_eq!(f.get("label"), &["a=b".to_string()]);
        assert_eq!(f.pairs(), vec!["label=a=b"]);
        let q = Query::parse(Some(
            "filters=%7B%22status%22%3A%7B%22running%22%3Atrue%7D%7D",
        ));
        assert_eq!(q.filters().unwrap().get("status"), &["running".to_string()]);
        assert!(q.filters().unwrap().only(&["label"]).is_err());
    }
}
