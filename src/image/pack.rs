//! Directory trees into tar streams (run inside the user namespace, where owners read as the
//! container sees them): a container's changes as a layer (`commit`: overlay whiteouts and opaque
//! dirs become `.wh.` entries), a whole root filesystem (`export`), and the change list (`diff`).
//! Entries are sorted, so the same tree gives the same tar.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use anyhow::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An overlay upper dir as a layer.
    Layer,
    /// A plain tree as it is.
    Tree,
}

/// Mount-point placeholders the runtime creates in a container's upper dir: not the user's work.
const PLACEHOLDERS: &[&str] = &[
    "etc/hosts",
    "etc/hostname",
    "etc/resolv.conf",
    "run/.containerenv",
];

fn is_whiteout(md: &Metadata) -> bool {
    md.file_type().is_char_device() && md.rdev() == 0
}

fn is_opaque(p: &Path) -> bool {
    ["user.overlay.opaque", "trusted.overlay.opaque"]
        .iter()
        .any(|name| {
            let mut buf = [0u8; 4];
            matches!(rustix::fs::lgetxattr(p, *name, &mut buf), Ok(n) if n >= 1 && buf[0] == b'y')
        })
}

fn sorted(dir: &Path) -> anyhow::Result<Vec<std::fs::DirEntry>> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()?;
    v.sort_by_key(|e| e.file_name());
    Ok(v)
}

thread_local! {
    /// `--clamp-mtime` of the pack in progress (the helper packs one tree per process).
    static CLAMP: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

fn header(md: &Metadata, kind: tar::EntryType) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(md.mode() & 0o7777);
    h.set_uid(md.uid() as u64);
    h.set_gid(md.gid() as u64);
    let mtime = md.mtime().max(0) as u64;
    h.set_mtime(CLAMP.with(|c| c.get()).map_or(mtime, |t| mtime.min(t)));
    h.set_size(0);
    h
}

/// Write `root` as a tar to `out`.
pub fn pack(root: &Path, mode: Mode, out: impl Write) -> anyhow::Result<()> {
    pack_excluding(root, mode, &[], out)
}

/// `pack`, leaving out the paths in `exclude` (mount points of a build step: cache dirs,
/// secrets, binds), given relative to `root`.
pub fn pack_excluding(
    root: &Path,
    mode: Mode,
    exclude: &[String],
    out: impl Write,
) -> anyhow::Result<()> {
    pack_with(root, mode, exclude, None, out)
}

/// A layer of `root` with every file time clamped to `clamp` (`build --timestamp`).
pub fn pack_clamped(
    root: &Path,
    exclude: &[String],
    clamp: Option<u64>,
    out: impl Write,
) -> anyhow::Result<()> {
    pack_with(root, Mode::Layer, exclude, clamp, out)
}

fn pack_with(
    root: &Path,
    mode: Mode,
    exclude: &[String],
    clamp: Option<u64>,
    out: impl Write,
) -> anyhow::Result<()> {
    CLAMP.with(|c| c.set(clamp));
    let mut b = tar::Builder::new(out);
    b.mode(tar::HeaderMode::Complete);
    let mut links: HashMap<(u64, u64), String> = HashMap::new();
    let exclude: Vec<String> = exclude
        .iter()
        .map(|e| e.trim_matches('/').to_string())
        .collect();
    walk(&mut b, root, "", mode, &mut links, &exclude)?;
    b.into_inner()?.flush()?;
    Ok(())
}

fn walk<W: Write>(
    b: &mut tar::Builder<W>,
    dir: &Path,
    rel: &str,
    mode: Mode,
    links: &mut HashMap<(u64, u64), String>,
    exclude: &[String],
) -> anyhow::Result<()> {
    for e in sorted(dir)? {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let path = e.path();
        let md = std::fs::symlink_metadata(&path)?;
        let r = format!("{rel}{name}");
        let ft = md.file_type();
        if exclude.contains(&r) {
            continue;
        }
        if mode == Mode::Layer {
            if is_whiteout(&md) {
                let mut h = header(&md, tar::EntryType::Regular);
                h.set_mode(0o644);
                b.append_data(&mut h, format!("{rel}.wh.{name}"), std::io::empty())?;
                continue;
            }
            if ft.is_file() && md.len() == 0 && PLACEHOLDERS.contains(&r.as_str()) {
                continue;
            }
        }
        if ft.is_dir() {
            let mut h = header(&md, tar::EntryType::Directory);
            b.append_data(&mut h, format!("{r}/"), std::io::empty())?;
            if mode == Mode::Layer && is_opaque(&path) {
                let mut h = header(&md, tar::EntryType::Regular);
                h.set_mode(0o644);
                b.append_data(&mut h, format!("{r}/.wh..wh..opq"), std::io::empty())?;
            }
            walk(b, &path, &format!("{r}/"), mode, links, exclude)?;
        } else if ft.is_symlink() {
            let target = std::fs::read_link(&path)?;
            let mut h = header(&md, tar::EntryType::Symlink);
            b.append_link(&mut h, &r, &target)?;
        } else if ft.is_file() {
            if md.nlink() > 1 {
                let key = (md.dev(), md.ino());
                if let Some(first) = links.get(&key) {
                    let mut h = header(&md, tar::EntryType::Link);
                    b.append_link(&mut h, &r, first)?;
                    continue;
                }
                links.insert(key, r.clone());
            }
            let mut h = header(&md, tar::EntryType::Regular);
            h.set_size(md.len());
            let f = std::fs::File::open(&path).with_context(|| format!("reading {r}"))?;
            b.append_data(&mut h, &r, f)?;
        } else if ft.is_char_device() || ft.is_block_device() {
            let kind = if ft.is_char_device() {
                tar::EntryType::Char
            } else {
                tar::EntryType::Block
            };
            let mut h = header(&md, kind);
            h.set_device_major(libc::major(md.rdev()))?;
            h.set_device_minor(libc::minor(md.rdev()))?;
            b.append_data(&mut h, &r, std::io::empty())?;
        } else if ft.is_fifo() {
            let mut h = header(&md, tar::EntryType::Fifo);
            b.append_data(&mut h, &r, std::io::empty())?;
        }
        // sockets are not archived (as with docker and podman)
    }
    Ok(())
}

/// One change of a container (or an image's top layer) against what is below it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// A (added), C (changed), D (deleted).
    pub kind: char,
    pub path: String,
}

/// The changes in the overlay upper dir `upper` against the lower dirs (top first).
pub fn changes(upper: &Path, lowers: &[&Path]) -> anyhow::Result<Vec<Change>> {
    let mut out = Vec::new();
    diff_walk(upper, "/", lowers, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn in_lowers(lowers: &[&Path], rel: &str) -> bool {
    lowers
        .iter()
        .any(|l| std::fs::symlink_metadata(l.join(rel.trim_start_matches('/'))).is_ok())
}

fn diff_walk(dir: &Path, rel: &str, lowers: &[&Path], out: &mut Vec<Change>) -> anyhow::Result<()> {
    for e in sorted(dir)? {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let path = e.path();
        let md = std::fs::symlink_metadata(&path)?;
        let r = format!("{rel}{name}");
        if PLACEHOLDERS.contains(&r.trim_start_matches('/')) && md.is_file() && md.len() == 0 {
            continue;
        }
        if is_whiteout(&md) {
            out.push(Change { kind: 'D', path: r });
            continue;
        }
        let existed = in_lowers(lowers, &r);
        let at = out.len();
        out.push(Change {
            kind: if existed { 'C' } else { 'A' },
            path: r.clone(),
        });
        if md.is_dir() {
            diff_walk(&path, &format!("{r}/"), lowers, out)?;
            // A dir the image has, in the upper dir only for what the runtime placed in it.
            if existed && out.len() == at + 1 && is_only_placeholders(&path, &r) {
                out.truncate(at);
            }
        }
    }
    Ok(())
}

/// The changes from tree `a` to tree `b` (two images' file systems): added, deleted, and changed
/// where the type, mode, owner, size, modification time or link target differ.
pub fn compare(a: &Path, b: &Path) -> anyhow::Result<Vec<Change>> {
    let mut out = Vec::new();
    compare_walk(a, b, "/", &mut out)?;
    out.sort_by(|x, y| x.path.cmp(&y.path));
    Ok(out)
}

/// What changed from tree `a` to tree `b`, as one layer to put on `a` (`build --squash`): added
/// and changed entries as they are in `b`, deleted ones as whiteouts.
pub fn delta(a: &Path, b: &Path, out: impl Write) -> anyhow::Result<()> {
    let changes = compare(a, b)?;
    let mut tb = tar::Builder::new(out);
    tb.mode(tar::HeaderMode::Complete);
    for c in &changes {
        let rel = c.path.trim_start_matches('/');
        if c.kind == 'D' {
            let p = Path::new(rel);
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let wh = match p
                .parent()
                .map(|x| x.display().to_string())
                .filter(|x| !x.is_empty())
            {
                Some(parent) => format!("{parent}/.wh.{name}"),
                None => format!(".wh.{name}"),
            };
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Regular);
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(0);
            h.set_size(0);
            tb.append_data(&mut h, wh, std::io::empty())?;
            continue;
        }
        let path = b.join(rel);
        let md = std::fs::symlink_metadata(&path)?;
        let ft = md.file_type();
        if ft.is_dir() {
            let mut h = header(&md, tar::EntryType::Directory);
            tb.append_data(&mut h, format!("{rel}/"), std::io::empty())?;
        } else if ft.is_symlink() {
            let mut h = header(&md, tar::EntryType::Symlink);
            tb.append_link(&mut h, rel, std::fs::read_link(&path)?)?;
        } else if ft.is_file() {
            let mut h = header(&md, tar::EntryType::Regular);
            h.set_size(md.len());
            tb.append_data(&mut h, rel, std::fs::File::open(&path)?)?;
        } else if ft.is_fifo() {
            let mut h = header(&md, tar::EntryType::Fifo);
            tb.append_data(&mut h, rel, std::io::empty())?;
        } else if ft.is_char_device() || ft.is_block_device() {
            let kind = if ft.is_char_device() {
                tar::EntryType::Char
            } else {
                tar::EntryType::Block
            };
            let mut h = header(&md, kind);
            h.set_device_major(libc::major(md.rdev()))?;
            h.set_device_minor(libc::minor(md.rdev()))?;
            tb.append_data(&mut h, rel, std::io::empty())?;
        }
    }
    tb.into_inner()?.flush()?;
    Ok(())
}

fn listing(dir: &Path) -> std::collections::BTreeMap<String, Metadata> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    let md = std::fs::symlink_metadata(e.path()).ok()?;
                    (!is_whiteout(&md)).then(|| (e.file_name().to_string_lossy().into_owned(), md))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn compare_walk(a: &Path, b: &Path, rel: &str, out: &mut Vec<Change>) -> anyhow::Result<()> {
    let (la, lb) = (listing(a), listing(b));
    for (name, mb) in &lb {
        let r = format!("{rel}{name}");
        match la.get(name) {
            None => {
                out.push(Change {
                    kind: 'A',
                    path: r.clone(),
                });
                if mb.is_dir() {
                    added_below(&b.join(name), &format!("{r}/"), out);
                }
            }
            Some(ma) => {
                let same_kind = ma.file_type() == mb.file_type();
                let differs = !same_kind
                    || ma.mode() != mb.mode()
                    || ma.uid() != mb.uid()
                    || ma.gid() != mb.gid()
                    || (!mb.is_dir() && (ma.len() != mb.len() || ma.mtime() != mb.mtime()))
                    || (mb.file_type().is_symlink()
                        && std::fs::read_link(a.join(name)).ok()
                            != std::fs::read_link(b.join(name)).ok());
                let at = out.len();
                if differs {
                    out.push(Change {
                        kind: 'C',
                        path: r.clone(),
                    });
                }
                if ma.is_dir() && mb.is_dir() {
                    compare_walk(&a.join(name), &b.join(name), &format!("{r}/"), out)?;
                    // A dir whose content changed is changed, as the container diff says.
                    if !differs && out.len() > at {
                        out.push(Change {
                            kind: 'C',
                            path: r.clone(),
                        });
                    }
                }
            }
        }
    }
    for name in la.keys().filter(|n| !lb.contains_key(*n)) {
        out.push(Change {
            kind: 'D',
            path: format!("{rel}{name}"),
        });
    }
    Ok(())
}

fn added_below(dir: &Path, rel: &str, out: &mut Vec<Change>) {
    for (name, md) in listing(dir) {
        let r = format!("{rel}{name}");
        out.push(Change {
            kind: 'A',
            path: r.clone(),
        });
        if md.is_dir() {
            added_below(&dir.join(&name), &format!("{r}/"), out);
        }
    }
}

fn is_only_placeholders(dir: &Path, rel: &str) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().all(|e| {
            let r = format!("{rel}/{}", e.file_name().to_string_lossy());
            PLACEHOLDERS.contains(&r.trim_start_matches('/'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_packs_sorted_with_links_and_whiteouts_named() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::write(root.join("a.txt"), "hello").unwrap();
        std::fs::hard_link(root.join("a.txt"), root.join("b/c/same")).unwrap();
        std::os::unix::fs::symlink("../a.txt", root.join("b/link")).unwrap();
        let mut buf = Vec::new();
        pack(root, Mode::Layer, &mut buf).unwrap();
        let mut ar = tar::Archive::new(&buf[..]);
        let names: Vec<(String, tar::EntryType)> = ar
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.path().unwrap().display().to_string(),
                    e.header().entry_type(),
                )
            })
            .collect();
        assert_eq!(names[0], ("a.txt".to_string(), tar::EntryType::Regular));
        assert!(names.contains(&("b/c/same".to_string(), tar::EntryType::Link)));
        assert!(names.contains(&("b/link".to_string(), tar::EntryType::Symlink)));
        let lower = tempfile::tempdir().unwrap();
        std::fs::write(lower.path().join("a.txt"), "old").unwrap();
        let c = changes(root, &[lower.path()]).unwrap();
        assert_eq!(
            c[0],
            Change {
                kind: 'C',
                path: "/a.txt".into()
            }
        );
        assert!(c.contains(&Change {
            kind: 'A',
            path: "/b/c/same".into()
        }));
    }
}
