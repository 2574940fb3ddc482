//! `skiff images` / `skiff image ls`

use clap::Args;

use super::GlobalOpts;
use crate::image::inspect::list_rows;
use crate::image::store::Store;
use crate::storage::LockMode;

#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// Show all images (skiff stores no intermediate images, so this is the default list).
    #[arg(short, long)]
    pub all: bool,
    /// Show only image ids.
    #[arg(short, long)]
    pub quiet: bool,
    /// Show digests.
    #[arg(long)]
    pub digests: bool,
    /// Do not truncate ids.
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter: reference=PATTERN (glob), dangling=true|false.
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Go template (e.g. '{{.Repository}}:{{.Tag}}', 'table {{.ID}}\t{{.Size}}') or json.
    #[arg(long)]
    pub format: Option<String>,
    /// Leave out the table's header line.
    #[arg(long)]
    pub noheading: bool,
    /// Order by: created, id, repository, size or tag.
    #[arg(long, default_value = "created", value_name = "FIELD")]
    pub sort: String,
    /// Add the HISTORY column: the names the image had.
    #[arg(long)]
    pub history: bool,
    /// Only images matching this reference (same as --filter reference=).
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
}

pub const HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Id", "IMAGE ID"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Repository", "REPOSITORY"),
];

pub fn run(g: &GlobalOpts, a: ImagesArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = Store::open(&paths.root)?;
    let idx = {
        let _g = store.lock_images(LockMode::Shared)?;
        store.load()?
    };
    let mut filters = a.filter.clone();
    if let Some(r) = &a.reference {
        filters.push(format!("reference={r}"));
    }
    let mut images: Vec<_> = idx.images.iter().collect();
    images.sort_by(|x, y| y.stored_at.cmp(&x.stored_at).then(x.id.cmp(&y.id)));
    let mut rows = Vec::new();
    for img in images {
        for mut row in list_rows(img, a.no_trunc) {
            if keep(&row, &filters)? {
                if a.history {
                    row["History"] = serde_json::json!(img.names.join(", "));
                }
                rows.push(row);
            }
        }
    }
    let text = |r: &serde_json::Value, k: &str| r[k].as_str().unwrap_or("").to_string();
    match a.sort.as_str() {
        "created" => {} // newest first already
        "id" => rows.sort_by_key(|r| text(r, "ID")),
        "repository" => rows.sort_by_key(|r| text(r, "Repository")),
        "tag" => rows.sort_by_key(|r| text(r, "Tag")),
        "size" => rows.sort_by_key(|r| r["VirtualSize"].as_u64().or(r["Size"].as_u64())),
        other => anyhow::bail!("invalid --sort {other:?}: created, id, repository, size or tag"),
    }
    if a.quiet {
        let mut seen = Vec::new();
        for r in &rows {
            let id = r["ID"].as_str().unwrap_or("").to_string();
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        return super::output::print_text(
            &seen.iter().map(|s| format!("{s}\n")).collect::<String>(),
        )
        .map(|_| 0);
    }
    let mut default = if a.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    }
    .to_string();
    if a.history {
        default.push_str("\t{{.History}}");
    }
    let out =
        super::format::render_rows_opt(&rows, a.format.as_deref(), &default, HEADERS, a.noheading)?;
    super::output::print_text(&out)?;
    Ok(0)
}

fn keep(row: &serde_json::Value, filters: &[String]) -> anyhow::Result<bool> {
    for f in filters {
        let (k, v) = f.split_once('=').ok_or_else(|| {
            anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE (reference=, dangling=)")
        })?;
        let ok = match k {
            "reference" => {
                let repo = row["Repository"].as_str().unwrap_or("");
                let tag = row["Tag"].as_str().unwrap_or("");
                repo != "<none>" && reference_matches(v, repo, tag)
            }
            "dangling" => row["Dangling"].as_bool() == Some(v == "true"),
            other => {
                anyhow::bail!("unsupported image filter {other:?}: use reference= or dangling=")
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A pattern matches the full name or any trailing part of the repository path, with or without
/// the tag: `busybox`, `library/busybox:latest` and `docker.io/*` all match docker.io/library/busybox.
pub fn reference_matches(pattern: &str, repo: &str, tag: &str) -> bool {
    let mut candidates = Vec::new();
    let mut rest = repo;
    loop {
        candidates.push(rest.to_string());
        candidates.push(format!("{rest}:{tag}"));
        match rest.split_once('/') {
            Some((_, r)) => rest = r,
            None => break,
        }
    }
    candidates.iter().any(|c| glob(pattern, c))
}

/// `*` and `?` glob over a whole string.
pub fn glob(pattern: &str, s: &str) -> bool {
    fn go(p: &[char], s: &[char]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some('*') => (0..=s.len()).any(|i| go(&p[1..], &s[i..])),
            Some('?') => !s.is_empty() && go(&p[1..], &s[1..]),
            Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = s.chars().collect();
    go(&p, &s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_filter_patterns() {
        assert!(reference_matches(
            "busybox",
            "docker.io/library/busybox",
            "latest"
        ));
        assert!(reference_matches(
            "busybox:latest",
            "docker.io/library/busybox",
            "latest"
        ));
        assert!(reference_matches(
            "docker.io/*",
            "docker.io/library/busybox",
            "latest"
        ));
        assert!(reference_matches(
            "*box*",
            "docker.io/library/busybox",
            "latest"
        ));
        assert!(!reference_matches(
            "httpd",
            "docker.io/library/busybox",
            "latest"
        ));
        assert!(!reference_matches(
            "box",
            "docker.io/library/busybox",
            "latest"
        ));
    }
}
