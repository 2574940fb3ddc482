//! COPY and ADD: the files a step takes from the build context (or from another stage's image),
//! resolved inside their root, filtered by the ignore file, hashed by content for the cache, and
//! written as a layer tar with docker's destination rules.

use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context};
use sha2::Digest;

use super::ignore::Ignore;

/// Owner and mode changes of a COPY (`--chown`, `--chmod`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Attrs {
    pub uid: u32,
    pub gid: u32,
    pub chmod: Option<u32>,
    /// `--timestamp` / SOURCE_DATE_EPOCH: every mtime.
    pub mtime: Option<u64>,
    /// Keep the owners an archive has (ADD of a tar without `--chown`).
    pub keep_owner: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    File(PathBuf),
    Dir,
    Symlink(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Item {
    /// Path in the image, without the leading `/`.
    dest: String,
    kind: Kind,
    mode: u32,
    mtime: u64,
}

/// The files of one COPY, ready to be hashed and written.
#[derive(Debug, Default)]
pub struct Plan {
    items: Vec<Item>,
}

/// `a/../b` -> `b`; None when it climbs above the root.
fn normalize(p: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in Path::new(p).components() {
        match c {
            Component::Normal(x) => out.push(x),
            Component::ParentDir if !out.pop() => return None,
            _ => {}
        }
    }
    Some(out)
}

/// A context-relative path without climbing out (`a/../b` -> `b`).
pub(super) fn normalize_rel(p: &str) -> Option<PathBuf> {
    normalize(p)
}

fn glob1(pat: &str, s: &str) -> bool {
    fn g(p: &[char], s: &[char]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some('*'), _) => g(&p[1..], s) || (!s.is_empty() && g(p, &s[1..])),
            (Some('?'), Some(_)) => g(&p[1..], &s[1..]),
            (Some(a), Some(b)) if a == b => g(&p[1..], &s[1..]),
            _ => false,
        }
    }
    g(
        &pat.chars().collect::<Vec<_>>(),
        &s.chars().collect::<Vec<_>>(),
    )
}

/// Where `dest` is in the image: absolute, or relative to the working dir.
pub fn dest_path(dest: &str, workdir: &str) -> String {
    let joined = if dest.starts_with('/') {
        dest.to_string()
    } else {
        format!("{}/{dest}", workdir.trim_end_matches('/'))
    };
    let trailing = dest.ends_with('/') || dest == "." || dest.ends_with("/.");
    let mut n = normalize(&joined)
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if trailing && !n.is_empty() {
        n.push('/');
    }
    n
}

impl Plan {
    /// The context files `sources` name, to go to `dest` (already resolved against WORKDIR).
    pub fn from_context(
        ctx: &Path,
        ignore: &Ignore,
        sources: &[String],
        dest: &str,
    ) -> anyhow::Result<Plan> {
        Plan::from_context_with(ctx, ignore, sources, dest, &Ignore::default(), false)
    }

    /// `from_context` with COPY's `--exclude` patterns (matched below each source) and
    /// `--parents` (each source keeps its path under the destination).
    pub fn from_context_with(
        ctx: &Path,
        ignore: &Ignore,
        sources: &[String],
        dest: &str,
        exclude: &Ignore,
        parents: bool,
    ) -> anyhow::Result<Plan> {
        let mut matched: Vec<(String, PathBuf)> = Vec::new();
        for src in sources {
            if src.starts_with("http://") || src.starts_with("https://") {
                bail!("{src}: URLs are taken by ADD only");
            }
            let rel = normalize(src).ok_or_else(|| {
                anyhow::anyhow!("{src}: outside the build context (a path cannot climb out of it)")
            })?;
            let rel_s = rel.display().to_string();
            let name = rel.file_name().map(|n| n.to_string_lossy().into_owned());
            if name.as_deref().is_some_and(|n| n.contains(['*', '?'])) {
                let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
                let pat = name.unwrap_or_default();
                let mut hits: Vec<_> = std::fs::read_dir(ctx.join(&parent))
                    .map(|rd| {
                        rd.flatten()
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .filter(|n| glob1(&pat, n))
                            .collect()
                    })
                    .unwrap_or_default();
                hits.sort();
                for h in hits {
                    let r = parent.join(&h);
                    if !ignore.excluded(&r.display().to_string()) {
                        matched.push((r.display().to_string(), ctx.join(&r)));
                    }
                }
                continue;
            }
            let full = ctx.join(&rel);
            let md = std::fs::symlink_metadata(&full).with_context(|| {
                format!("COPY {src}: no such file or directory in the build context")
            })?;
            // A source that is a symlink is followed, but only to a place inside the context.
            let full = if md.file_type().is_symlink() {
                let real = full.canonicalize()?;
                let root = ctx.canonicalize()?;
                if !real.starts_with(&root) {
                    bail!(
                        "COPY {src}: a symlink to {} outside the build context",
                        real.display()
                    );
                }
                real
            } else {
                full
            };
            if rel_s.is_empty() || !ignore.excluded(&rel_s) {
                matched.push((rel_s, full));
            }
        }
        if matched.is_empty() {
            bail!(
                "COPY {}: no source files were specified (all excluded by the ignore file, or no match)",
                sources.join(" ")
            );
        }
        let many = matched.len() > 1 || parents;
        let mut plan = Plan::default();
        let dest_dir = dest.ends_with('/') || parents;
        if many && !dest_dir {
            bail!("COPY with several sources needs a destination directory ending in /: {dest}");
        }
        let base = dest.trim_end_matches('/').to_string();
        for (rel, full) in matched {
            let md = std::fs::metadata(&full)?;
            if md.is_dir() {
                let at = if parents && !rel.is_empty() {
                    format!("{base}/{rel}")
                } else {
                    base.clone()
                };
                plan.dir_entry(&at, &md);
                plan.walk(ctx, ignore, &full, &rel, &at, exclude, &rel)?;
            } else {
                let name = full
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let d = if parents {
                    format!("{base}/{rel}")
                } else if dest_dir || many {
                    format!("{base}/{name}")
                } else {
                    base.clone()
                };
                plan.items.push(Item {
                    dest: d.trim_start_matches('/').to_string(),
                    kind: Kind::File(full.clone()),
                    mode: md.mode() & 0o7777,
                    mtime: md.mtime().max(0) as u64,
                });
            }
        }
        Ok(plan)
    }

    fn dir_entry(&mut self, dest: &str, md: &std::fs::Metadata) {
        let d = dest.trim_start_matches('/');
        if !d.is_empty() {
            self.items.push(Item {
                dest: d.to_string(),
                kind: Kind::Dir,
                mode: md.mode() & 0o7777,
                mtime: md.mtime().max(0) as u64,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &mut self,
        ctx: &Path,
        ignore: &Ignore,
        dir: &Path,
        rel: &str,
        dest: &str,
        exclude: &Ignore,
        src_root: &str,
    ) -> anyhow::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let r = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let md = std::fs::symlink_metadata(e.path())?;
            if ignore.excluded(&r) && !(md.is_dir() && ignore.may_reinclude_under(&r)) {
                continue;
            }
            let below = if src_root.is_empty() {
                r.as_str()
            } else {
                r.strip_prefix(&format!("{src_root}/")).unwrap_or(&r)
            };
            // (a pattern also matches a name at any depth: `--exclude=*.tmp`)
            if exclude.excluded(below) || exclude.excluded(&name) {
                continue;
            }
            let d = format!("{dest}/{name}");
            let ft = md.file_type();
            if ft.is_dir() {
                if !ignore.excluded(&r) {
                    self.dir_entry(&d, &md);
                }
                self.walk(ctx, ignore, &e.path(), &r, &d, exclude, src_root)?;
            } else if ft.is_symlink() {
                self.items.push(Item {
                    dest: d.trim_start_matches('/').to_string(),
                    kind: Kind::Symlink(std::fs::read_link(e.path())?),
                    mode: 0o777,
                    mtime: md.mtime().max(0) as u64,
                });
            } else if ft.is_file() {
                self.items.push(Item {
                    dest: d.trim_start_matches('/').to_string(),
                    kind: Kind::File(e.path()),
                    mode: md.mode() & 0o7777,
                    mtime: md.mtime().max(0) as u64,
                });
            }
            // devices, fifos and sockets in a context are not copied (as docker)
        }
        let _ = ctx;
        Ok(())
    }

    /// The content digest for the cache: paths, kinds, modes and file contents (not times).
    pub fn digest(&self) -> anyhow::Result<String> {
        let mut h = sha2::Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        for it in &self.items {
            h.update(it.dest.as_bytes());
            h.update(it.mode.to_le_bytes());
            match &it.kind {
                Kind::Dir => h.update(b"d"),
                Kind::Symlink(t) => {
                    h.update(b"l");
                    h.update(t.as_os_str().as_encoded_bytes());
                }
                Kind::File(p) => {
                    h.update(b"f");
                    let mut f = std::fs::File::open(p)
                        .with_context(|| format!("reading {}", p.display()))?;
                    loop {
                        let n = f.read(&mut buf)?;
                        if n == 0 {
                            break;
                        }
                        h.update(&buf[..n]);
                    }
                }
            }
            h.update([0u8]);
        }
        Ok(crate::image::unpack::hex(&h.finalize()))
    }

    /// Write the layer: missing parent dirs (root, 0755), then the items.
    pub fn write(&self, a: Attrs, out: impl Write) -> anyhow::Result<()> {
        let mut b = tar::Builder::new(out);
        let mut seen = std::collections::BTreeSet::new();
        let header = |kind: tar::EntryType, mode: u32, mtime: u64| {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_mode(mode);
            h.set_uid(a.uid as u64);
            h.set_gid(a.gid as u64);
            h.set_mtime(a.mtime.unwrap_or(mtime));
            h.set_size(0);
            h
        };
        for it in &self.items {
            let p = Path::new(&it.dest);
            let mut parents: Vec<&Path> = p
                .ancestors()
                .skip(1)
                .filter(|x| !x.as_os_str().is_empty())
                .collect();
            parents.reverse();
            for parent in parents {
                let s = parent.display().to_string();
                if seen.insert(s.clone()) && !self.items.iter().any(|i| i.dest == s) {
                    let mut h = header(tar::EntryType::Directory, 0o755, 0);
                    h.set_uid(0);
                    h.set_gid(0);
                    b.append_data(&mut h, format!("{s}/"), std::io::empty())?;
                }
            }
            seen.insert(it.dest.clone());
            let mode = a.chmod.unwrap_or(it.mode);
            match &it.kind {
                Kind::Dir => {
                    let mut h = header(tar::EntryType::Directory, mode, it.mtime);
                    b.append_data(&mut h, format!("{}/", it.dest), std::io::empty())?;
                }
                Kind::Symlink(t) => {
                    let mut h = header(tar::EntryType::Symlink, 0o777, it.mtime);
                    b.append_link(&mut h, &it.dest, t)?;
                }
                Kind::File(src) => {
                    let f = std::fs::File::open(src)
                        .with_context(|| format!("reading {}", src.display()))?;
                    let mut h = header(tar::EntryType::Regular, mode, it.mtime);
                    h.set_size(f.metadata()?.len());
                    b.append_data(&mut h, &it.dest, f)?;
                }
            }
        }
        b.into_inner()?.flush()?;
        Ok(())
    }
}

/// One file (ADD of a URL) as a layer: `dest` (relative to `/`) with `data`.
pub fn single_file(dest: &str, data: &[u8], a: Attrs, out: impl Write) -> anyhow::Result<()> {
    let mut b = tar::Builder::new(out);
    let dest = dest.trim_start_matches('/');
    let p = Path::new(dest);
    let mut parents: Vec<&Path> = p
        .ancestors()
        .skip(1)
        .filter(|x| !x.as_os_str().is_empty())
        .collect();
    parents.reverse();
    for parent in parents {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(a.mtime.unwrap_or(0));
        h.set_size(0);
        b.append_data(&mut h, format!("{}/", parent.display()), std::io::empty())?;
    }
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Regular);
    h.set_mode(a.chmod.unwrap_or(0o600));
    h.set_uid(a.uid as u64);
    h.set_gid(a.gid as u64);
    h.set_mtime(a.mtime.unwrap_or(0));
    h.set_size(data.len() as u64);
    b.append_data(&mut h, dest, data)?;
    b.into_inner()?.flush()?;
    Ok(())
}

/// COPY --from: the entries of an image's file system tar (`tar` as the pack helper writes it)
/// under `sources`, moved to `dest`, written as a layer to `out`. Returns how many were taken.
pub fn from_image_tar(
    tar_stream: impl Read,
    sources: &[String],
    dest: &str,
    a: Attrs,
    out: impl Write,
) -> anyhow::Result<usize> {
    let srcs: Vec<String> = sources
        .iter()
        .map(|s| {
            normalize(s)
                .map(|p| p.display().to_string())
                .ok_or_else(|| anyhow::anyhow!("{s}: climbs above the stage's root"))
        })
        .collect::<anyhow::Result<_>>()?;
    let dest_dir = dest.ends_with('/') || srcs.len() > 1;
    let base = dest
        .trim_end_matches('/')
        .trim_start_matches('/')
        .to_string();
    let mut ar = tar::Archive::new(tar_stream);
    let mut b = tar::Builder::new(out);
    let mut taken = 0;
    for e in ar.entries()? {
        let mut e = e?;
        let path = e.path()?.display().to_string();
        let path = path.trim_end_matches('/').to_string();
        for src in &srcs {
            let under = if src.is_empty() {
                Some(path.as_str())
            } else if path == *src {
                Some("")
            } else {
                path.strip_prefix(&format!("{src}/"))
            };
            let Some(rest) = under else { continue };
            let is_dir = e.header().entry_type().is_dir();
            let target = if rest.is_empty() && !is_dir {
                if dest_dir {
                    let name = Path::new(src)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    format!("{base}/{name}")
                } else {
                    base.clone()
                }
            } else if rest.is_empty() {
                base.clone()
            } else {
                format!("{base}/{rest}")
            };
            let target = target.trim_start_matches('/').to_string();
            if target.is_empty() {
                continue;
            }
            let mut h = e.header().clone();
            if !a.keep_owner {
                h.set_uid(a.uid as u64);
                h.set_gid(a.gid as u64);
            }
            if let Some(m) = a.chmod {
                h.set_mode(m);
            }
            if let Some(t) = a.mtime {
                h.set_mtime(t);
            }
            match h.entry_type() {
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    let link = e.link_name()?.map(|l| l.into_owned()).unwrap_or_default();
                    // a hardlink inside the copied tree is re-rooted with it
                    let link = if h.entry_type() == tar::EntryType::Link {
                        let l = link.display().to_string();
                        match l.strip_prefix(&format!("{src}/")) {
                            Some(r) => PathBuf::from(format!("{base}/{r}").trim_start_matches('/')),
                            None => link,
                        }
                    } else {
                        link
                    };
                    b.append_link(&mut h, &target, &link)?;
                }
                tar::EntryType::Directory => {
                    b.append_data(&mut h, format!("{target}/"), std::io::empty())?;
                }
                _ => {
                    b.append_data(&mut h, &target, &mut e)?;
                }
            }
            taken += 1;
            break;
        }
    }
    b.into_inner()?.flush()?;
    Ok(taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_and_escapes() {
        assert_eq!(dest_path("app/", "/srv"), "srv/app/");
        assert_eq!(dest_path("/opt/x", "/srv"), "opt/x");
        assert_eq!(dest_path(".", "/srv"), "srv/");
        assert!(normalize("../x").is_none());
        assert_eq!(normalize("a/../b").unwrap(), PathBuf::from("b"));
        let ctx = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(ctx.path().join("src/sub")).unwrap();
        std::fs::write(ctx.path().join("src/a.c"), "int a;").unwrap();
        std::fs::write(ctx.path().join("src/sub/b.log"), "log").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", ctx.path().join("out")).unwrap();
        let ig = Ignore::parse("**/*.log\n");
        let p = Plan::from_context(ctx.path(), &ig, &["src".into()], "app/").unwrap();
        let dests: Vec<&str> = p.items.iter().map(|i| i.dest.as_str()).collect();
        assert_eq!(dests, vec!["app", "app/a.c", "app/sub"]);
        assert!(Plan::from_context(ctx.path(), &ig, &["../etc".into()], "x").is_err());
        let e = Plan::from_context(ctx.path(), &ig, &["out".into()], "x").unwrap_err();
        assert!(format!("{e}").contains("outside the build context"), "{e}");
        let d1 = p.digest().unwrap();
        std::fs::write(ctx.path().join("src/a.c"), "int b;").unwrap();
        assert_ne!(d1, p.digest().unwrap(), "content changes the digest");
    }
}
