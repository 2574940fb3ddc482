//! Property-based fuzzing of the parsers that take untrusted input (the reliability campaign):
//! image references, Containerfile parsing with skiff's substitution and .containerignore
//! patterns, kube YAML, Docker API request bodies and the layer unpacker. libFuzzer needs a
//! nightly toolchain, which this machine cannot fetch, so proptest drives them, bounded in
//! cases per run; failures found are kept in tests/fuzz/regressions.txt and replayed first.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

/// `SKIFF_FUZZ_SCALE` multiplies the cases (CI runs the default: about half a minute in all).
fn config(cases: u32) -> Config {
    let scale: u32 = std::env::var("SKIFF_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    Config {
        cases: cases.saturating_mul(scale),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fuzz/regressions.txt",
        ))),
        ..Config::default()
    }
}

/// Strings made of the characters the grammars care about, and arbitrary ones.
fn grammar_soup(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(chars), 0..max)
            .prop_map(|v| v.into_iter().collect::<String>()),
        ".{0,64}",
    ]
}

proptest! {
    #![proptest_config(config(100_000))]

    #[test]
    fn references_parse_or_refuse_and_round_trip(s in grammar_soup("abcAZ09.-_/:@sha256#: \u{e9}", 80)) {
        if let Ok(p) = crate::image::reference::parse(&s) {
            let again = crate::image::reference::parse(&p.reference.name())
                .expect("a parsed reference's own name parses");
            prop_assert_eq!(again.reference, p.reference);
        }
    }

    #[test]
    fn substitution_never_panics(s in grammar_soup("${}:-+?abAB_ \\\"'", 60)) {
        let mut vars = std::collections::BTreeMap::new();
        vars.insert("A".to_string(), "x".to_string());
        vars.insert("B".to_string(), String::new());
        let _ = crate::build::subst::expand(&s, &vars);
        let _ = crate::build::subst::referenced(&s);
    }

    #[test]
    fn ignore_patterns_never_panic(p in grammar_soup("*?[]!/.ab\\\n#-^", 60), path in grammar_soup("ab/.", 20)) {
        let ig = crate::build::ignore::Ignore::parse(&p);
        let _ = ig.excluded(&path);
        let _ = ig.may_reinclude_under(&path);
    }

    #[test]
    fn containerfiles_parse_or_refuse(s in grammar_soup("FROMRUNCOPYENVARGWORKDIR \n\\\"[]{}$=-:#<>", 200)) {
        let _ = parse_dockerfile::parse(&s);
    }

    #[test]
    fn kube_yaml_loads_or_refuses(s in grammar_soup("apiVersion: v1\nkind: Pod\nmetadata:name containers- image&*!<<[]{}'\"", 300)) {
        let _ = crate::kube::Manifest::parse(&s, "fuzz.yaml");
    }

    #[test]
    fn api_bodies_are_typed_or_refused(s in grammar_soup("{}[]\":,0123456789truefalsenullImageHostConfigBinds", 200)) {
        let r = crate::api::http::parse_json::<bollard_stubs::models::ContainerCreateBody>(s.as_bytes());
        if let Err(e) = r {
            prop_assert_eq!(e.status, hyper::StatusCode::BAD_REQUEST);
        }
    }
}

/// One tar entry the unpacker fuzz builds: kind, path, link target, data.
#[derive(Debug, Clone)]
struct Entry {
    kind: u8,
    path: String,
    link: String,
}

fn piece() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "a",
        "b",
        "..",
        ".",
        "",
        "/",
        "etc",
        ".wh.a",
        ".wh..wh..opq",
        ".wh..",
        "c/d",
        "/tmp",
        "//",
    ])
    .prop_map(str::to_string)
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        0u8..5,
        proptest::collection::vec(piece(), 1..5),
        proptest::collection::vec(piece(), 0..5),
    )
        .prop_map(|(kind, p, l)| Entry {
            kind,
            path: p.join("/"),
            link: l.join("/"),
        })
}

/// A tar with the entries' raw names (no sanitizing: the tar crate's builder would refuse `..`).
fn raw_tar(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        let mut h = tar::Header::new_old();
        let name = e.path.as_bytes();
        let link = e.link.as_bytes();
        {
            let old = h.as_old_mut();
            let n = name.len().min(99);
            old.name[..n].copy_from_slice(&name[..n]);
            let l = link.len().min(99);
            old.linkname[..l].copy_from_slice(&link[..l]);
        }
        let data: &[u8] = if e.kind == 0 { b"data\n" } else { b"" };
        h.set_entry_type(match e.kind {
            0 => tar::EntryType::Regular,
            1 => tar::EntryType::Directory,
            2 => tar::EntryType::Symlink,
            3 => tar::EntryType::Link,
            _ => tar::EntryType::Fifo,
        });
        h.set_mode(0o755);
        h.set_size(data.len() as u64);
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.extend_from_slice(&[0u8; 1024]);
    out
}

/// Everything under `dir`, as relative paths (symlinks not followed).
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(dir).unwrap_or(&p).display().to_string());
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(p);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config(20_000))]

    /// Random trees of files, dirs, symlinks, hardlinks and fifos with `..`, absolute and
    /// whiteout names: the unpacker either refuses or writes only inside its directory.
    #[test]
    fn unpacker_stays_inside(entries in proptest::collection::vec(entry(), 1..8)) {
        let sandbox = tempfile::tempdir().unwrap();
        let dest = sandbox.path().join("layer");
        std::fs::create_dir(&dest).unwrap();
        let outside = sandbox.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        let tar = raw_tar(&entries);
        let opts = crate::image::unpack::UnpackOptions { single_id: true, mapped_ids: 1 };
        let _ = crate::image::unpack::unpack_stream(&tar[..], &dest, opts);
        let mut top: Vec<String> = std::fs::read_dir(sandbox.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        top.sort();
        prop_assert_eq!(top, vec!["layer".to_string(), "outside".to_string()]);
        prop_assert!(listing(&outside).is_empty());
    }

    /// Arbitrary bytes as a (compressed or not) layer stream: an error, never a panic.
    #[test]
    fn unpacker_takes_garbage(head in proptest::sample::select(vec![vec![], vec![0x1f, 0x8b], vec![0x28, 0xb5, 0x2f, 0xfd]]), body in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let sandbox = tempfile::tempdir().unwrap();
        let dest = sandbox.path().join("layer");
        std::fs::create_dir(&dest).unwrap();
        let mut input = head;
        input.extend(body);
        let opts = crate::image::unpack::UnpackOptions { single_id: true, mapped_ids: 1 };
        let _ = crate::image::unpack::unpack_stream(&input[..], &dest, opts);
        let top = std::fs::read_dir(sandbox.path()).unwrap().count();
        prop_assert_eq!(top, 1);
    }
}
