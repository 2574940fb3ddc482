//! Unpacker tests: formats, overlay markers, and escape attempts from crafted layers.

use super::*;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt};

fn tar_of(build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    build(&mut b);
    b.into_inner().unwrap()
}

fn header(kind: tar::EntryType, size: u64, mode: u32) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(mode);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(1_700_000_000);
    h
}

/// Write a raw name into the header, bypassing the tar crate's own path checks (a malicious
/// layer is not built with a careful library).
fn raw_entry(
    b: &mut tar::Builder<Vec<u8>>,
    kind: tar::EntryType,
    name: &str,
    link: Option<&str>,
    data: &[u8],
) {
    let mut h = header(kind, data.len() as u64, 0o644);
    {
        let gnu = h.as_gnu_mut().unwrap();
        gnu.name[..name.len()].copy_from_slice(name.as_bytes());
        if let Some(l) = link {
            gnu.linkname[..l.len()].copy_from_slice(l.as_bytes());
        }
    }
    h.set_cksum();
    b.append(&h, data).unwrap();
}

const OPTS: UnpackOptions = UnpackOptions {
    single_id: true,
    mapped_ids: 1,
};

#[test]
fn regular_files_dirs_links_and_digest() {
    let data = tar_of(|b| {
        raw_entry(b, tar::EntryType::Directory, "d/", None, b"");
        raw_entry(b, tar::EntryType::Regular, "d/f", None, b"hello");
        raw_entry(b, tar::EntryType::Symlink, "d/l", Some("f"), b"");
        raw_entry(b, tar::EntryType::Link, "d/h", Some("d/f"), b"");
        raw_entry(b, tar::EntryType::Regular, "deep/er/file", None, b"x");
    });
    let tmp = tempfile::tempdir().unwrap();
    let r = unpack_stream(&data[..], tmp.path(), OPTS).unwrap();
    let d = tmp.path();
    assert_eq!(std::fs::read(d.join("d/f")).unwrap(), b"hello");
    assert_eq!(std::fs::read_link(d.join("d/l")).unwrap(), Path::new("f"));
    assert_eq!(
        std::fs::metadata(d.join("d/h")).unwrap().ino(),
        std::fs::metadata(d.join("d/f")).unwrap().ino()
    );
    assert_eq!(std::fs::read(d.join("deep/er/file")).unwrap(), b"x");
    assert_eq!(r.diff_id, format!("sha256:{}", hex(&Sha256::digest(&data))));
    assert_eq!(r.size, data.len() as u64);
    assert_eq!(
        std::fs::metadata(d.join("d/f")).unwrap().mtime(),
        1_700_000_000
    );
}

#[test]
fn gzip_and_zstd_multi_frame_are_detected() {
    let data = tar_of(|b| raw_entry(b, tar::EntryType::Regular, "f", None, b"content"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&data).unwrap();
    let gz = gz.finish().unwrap();
    let half = data.len() / 2;
    let mut zs = zstd::encode_all(&data[..half], 3).unwrap();
    zs.extend(zstd::encode_all(&data[half..], 3).unwrap());
    for blob in [gz, zs] {
        let tmp = tempfile::tempdir().unwrap();
        let r = unpack_stream(&blob[..], tmp.path(), OPTS).unwrap();
        assert_eq!(std::fs::read(tmp.path().join("f")).unwrap(), b"content");
        assert_eq!(r.diff_id, format!("sha256:{}", hex(&Sha256::digest(&data))));
    }
}

#[test]
fn whiteouts_and_opaque_dirs_become_overlay_markers() {
    let data = tar_of(|b| {
        raw_entry(b, tar::EntryType::Directory, "dir/", None, b"");
        raw_entry(b, tar::EntryType::Regular, "dir/.wh..wh..opq", None, b"");
        raw_entry(b, tar::EntryType::Regular, "dir/.wh.gone", None, b"");
    });
    let tmp = tempfile::tempdir().unwrap();
    unpack_stream(&data[..], tmp.path(), OPTS).unwrap();
    let md = std::fs::symlink_metadata(tmp.path().join("dir/gone")).unwrap();
    assert!(md.file_type().is_char_device());
    assert_eq!(md.rdev(), 0);
    let mut buf = [0u8; 4];
    let n = rustix::fs::getxattr(tmp.path().join("dir"), "user.overlay.opaque", &mut buf).unwrap();
    assert_eq!(&buf[..n], b"y");
    assert!(!tmp.path().join("dir/.wh..wh..opq").exists());
}

#[test]
fn escapes_are_contained() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().to_str().unwrap().to_string();
    let existing = outside.path().join("existing");
    std::fs::write(&existing, b"host").unwrap();
    type Build = Box<dyn Fn(&mut tar::Builder<Vec<u8>>)>;
    let t = target.clone();
    let t2 = target.clone();
    let e = existing.to_str().unwrap().to_string();
    let cases: Vec<(&str, Build)> = vec![
        (
            "dotdot name",
            Box::new(|b| {
                raw_entry(
                    b,
                    tar::EntryType::Regular,
                    "../../../../../../tmp/skiff-escape-dotdot",
                    None,
                    b"x",
                )
            }),
        ),
        (
            "absolute symlink parent",
            Box::new(move |b| {
                raw_entry(b, tar::EntryType::Symlink, "evil", Some(&t), b"");
                raw_entry(b, tar::EntryType::Regular, "evil/pwned", None, b"x");
            }),
        ),
        (
            "relative symlink parent",
            Box::new(move |b| {
                raw_entry(
                    b,
                    tar::EntryType::Symlink,
                    "up",
                    Some("../../../../../.."),
                    b"",
                );
                raw_entry(
                    b,
                    tar::EntryType::Regular,
                    &format!("up{t2}/pwned"),
                    None,
                    b"x",
                );
            }),
        ),
        (
            "hardlink to host file",
            Box::new(move |b| {
                raw_entry(
                    b,
                    tar::EntryType::Link,
                    "h",
                    Some(&format!("../../../../..{e}")),
                    b"",
                );
            }),
        ),
        (
            "symlink then overwrite through it",
            Box::new(move |b| {
                let ex = existing.to_str().unwrap().to_string();
                raw_entry(b, tar::EntryType::Symlink, "f", Some(&ex), b"");
                raw_entry(b, tar::EntryType::Regular, "f", None, b"overwritten");
            }),
        ),
    ];
    for (name, build) in cases {
        let data = tar_of(|b| build(b));
        let tmp = tempfile::tempdir().unwrap();
        let res = unpack_stream(&data[..], tmp.path(), OPTS);
        assert!(!Path::new("/tmp/skiff-escape-dotdot").exists(), "{name}");
        assert!(!outside.path().join("pwned").exists(), "{name}: {res:?}");
        assert_eq!(
            std::fs::read(outside.path().join("existing")).unwrap(),
            b"host",
            "{name}"
        );
        assert_eq!(
            std::fs::metadata(outside.path().join("existing"))
                .unwrap()
                .nlink(),
            1,
            "{name}"
        );
        if name == "dotdot name" {
            // Contained: the entry lands at the layer's own /tmp.
            assert!(
                tmp.path().join("tmp/skiff-escape-dotdot").exists(),
                "{res:?}"
            );
        }
    }
}

#[test]
fn later_entries_replace_earlier_ones() {
    let data = tar_of(|b| {
        raw_entry(b, tar::EntryType::Directory, "x/", None, b"");
        raw_entry(b, tar::EntryType::Regular, "x/inner", None, b"1");
        raw_entry(b, tar::EntryType::Regular, "x", None, b"file now");
        raw_entry(b, tar::EntryType::Regular, "y", None, b"a");
        raw_entry(b, tar::EntryType::Symlink, "y", Some("x"), b"");
    });
    let tmp = tempfile::tempdir().unwrap();
    unpack_stream(&data[..], tmp.path(), OPTS).unwrap();
    assert_eq!(std::fs::read(tmp.path().join("x")).unwrap(), b"file now");
    assert_eq!(
        std::fs::read_link(tmp.path().join("y")).unwrap(),
        Path::new("x")
    );
}

#[test]
fn open_directories_are_bounded_by_path_depth() {
    // 300 dirs two levels down, a file in each, then a second visit to every one (not depth first).
    let data = tar_of(|b| {
        raw_entry(b, tar::EntryType::Directory, "top/", None, b"");
        for i in 0..300 {
            raw_entry(
                b,
                tar::EntryType::Directory,
                &format!("top/d{i}/"),
                None,
                b"",
            );
            raw_entry(
                b,
                tar::EntryType::Directory,
                &format!("top/d{i}/s/"),
                None,
                b"",
            );
            raw_entry(
                b,
                tar::EntryType::Regular,
                &format!("top/d{i}/s/f"),
                None,
                b"1",
            );
        }
        for i in 0..300 {
            raw_entry(
                b,
                tar::EntryType::Regular,
                &format!("top/d{i}/late"),
                None,
                b"2",
            );
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let mut u = entries::Unpacker::new(tmp.path(), OPTS).unwrap();
    let mut archive = tar::Archive::new(&data[..]);
    let mut most = 0;
    for e in archive.entries().unwrap() {
        u.entry(e.unwrap()).unwrap();
        most = most.max(u.cached_dirs());
    }
    u.finish().unwrap();
    assert!(most <= 3, "held {most} directory descriptors");
    assert_eq!(
        std::fs::read(tmp.path().join("top/d299/s/f")).unwrap(),
        b"1"
    );
    assert_eq!(std::fs::read(tmp.path().join("top/d0/late")).unwrap(), b"2");
}

#[test]
fn cached_parents_follow_symlinks_and_replacements() {
    let data = tar_of(|b| {
        raw_entry(b, tar::EntryType::Directory, "b/", None, b"");
        raw_entry(b, tar::EntryType::Symlink, "a", Some("/b"), b"");
        // Through the symlink, resolved from the layer root.
        raw_entry(b, tar::EntryType::Regular, "a/through", None, b"1");
        // The symlink becomes a directory: later entries land in the new directory.
        raw_entry(b, tar::EntryType::Directory, "a/", None, b"");
        raw_entry(b, tar::EntryType::Regular, "a/own", None, b"2");
        // A directory replaced by a file, then by a directory again.
        raw_entry(b, tar::EntryType::Directory, "c/", None, b"");
        raw_entry(b, tar::EntryType::Regular, "c/old", None, b"3");
        raw_entry(b, tar::EntryType::Regular, "c", None, b"file");
        raw_entry(b, tar::EntryType::Directory, "c/", None, b"");
        raw_entry(b, tar::EntryType::Regular, "c/new", None, b"4");
    });
    let tmp = tempfile::tempdir().unwrap();
    unpack_stream(&data[..], tmp.path(), OPTS).unwrap();
    let d = tmp.path();
    assert_eq!(std::fs::read(d.join("b/through")).unwrap(), b"1");
    assert!(std::fs::symlink_metadata(d.join("a")).unwrap().is_dir());
    assert_eq!(std::fs::read(d.join("a/own")).unwrap(), b"2");
    assert!(!d.join("b/own").exists());
    assert_eq!(std::fs::read(d.join("c/new")).unwrap(), b"4");
    assert!(!d.join("c/old").exists());
}

#[test]
fn an_entry_under_a_file_names_itself() {
    let data = tar_of(|b| {
        raw_entry(b, tar::EntryType::Regular, "blocker", None, b"x");
        raw_entry(b, tar::EntryType::Regular, "blocker/inside", None, b"y");
    });
    let tmp = tempfile::tempdir().unwrap();
    let err = unpack_stream(&data[..], tmp.path(), OPTS).unwrap_err();
    let msg = format!("{:#}", anyhow::Error::from(err));
    assert!(msg.contains("blocker/inside"), "{msg}");
    assert!(msg.contains("Not a directory"), "{msg}");
}
