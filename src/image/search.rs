//! Searching registries (`skiff search`): Docker Hub's search API for docker.io, a registry's v2
//! `_catalog` (repositories whose name contains the term) elsewhere, and a repository's tags.

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

use super::reference::Reference;
use super::registries::RegistriesConf;
use super::registry::{Access, Registries};
use crate::storage::Paths;

/// One result, with podman's field names (`--format '{{.Name}}'`).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Found {
    /// The registry searched.
    pub index: String,
    /// `registry/repository`.
    pub name: String,
    pub description: String,
    pub stars: u64,
    /// "[OK]" for official images, as podman shows it.
    pub official: String,
    pub automated: String,
    /// With --list-tags.
    pub tag: String,
}

#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub stars: u64,
    pub official: Option<bool>,
    pub automated: Option<bool>,
}

impl Filters {
    pub fn parse(specs: &[String]) -> anyhow::Result<Filters> {
        let mut f = Filters::default();
        let bool_of = |k: &str, v: &str| -> anyhow::Result<bool> {
            v.parse::<bool>()
                .map_err(|_| anyhow::anyhow!("invalid filter {k}={v:?}: use true or false"))
        };
        for s in specs {
            let (k, v) = s.split_once('=').unwrap_or((s, "true"));
            match k {
                "stars" => {
                    f.stars = v
                        .parse()
                        .map_err(|_| anyhow::anyhow!("invalid filter stars={v:?}: give a number"))?
                }
                "is-official" => f.official = Some(bool_of(k, v)?),
                "is-automated" => f.automated = Some(bool_of(k, v)?),
                other => bail!(
                    "invalid filter {other:?}: stars=N, is-official=BOOL or is-automated=BOOL"
                ),
            }
        }
        Ok(f)
    }

    fn keeps(&self, r: &Found) -> bool {
        r.stars >= self.stars
            && self.official.is_none_or(|o| o != r.official.is_empty())
            && self.automated.is_none_or(|a| a != r.automated.is_empty())
    }
}

pub struct SearchOptions {
    pub limit: usize,
    pub filters: Filters,
    pub access: Access,
}

#[derive(Deserialize)]
struct Catalog {
    #[serde(default)]
    repositories: Vec<String>,
}

#[derive(Deserialize)]
struct HubResults {
    #[serde(default)]
    results: Vec<HubResult>,
}

#[derive(Deserialize)]
struct HubResult {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    star_count: u64,
    #[serde(default)]
    is_official: bool,
    #[serde(default)]
    is_automated: bool,
}

/// `TERM` or `REGISTRY/TERM` (a trailing `/` lists all of a registry's repositories): the
/// registries to ask and the term. A first part with a dot, a colon or `localhost` is a registry.
fn targets(conf: &RegistriesConf, input: &str) -> (Vec<String>, String) {
    if let Some((first, rest)) = input.split_once('/') {
        if first.contains('.') || first.contains(':') || first == "localhost" {
            return (vec![first.to_string()], rest.to_string());
        }
    }
    (conf.search_registries(), input.to_string())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Search every registry the term names (or the search registries): results in registry order.
pub fn search(paths: &Paths, input: &str, opts: &SearchOptions) -> anyhow::Result<Vec<Found>> {
    let conf = RegistriesConf::load(&paths.config)?;
    let (registries, term) = targets(&conf, input);
    if registries.is_empty() {
        bail!(
            "no registry to search: name one (`skiff search REGISTRY/{input}`) or list \
             unqualified-search-registries in registries.conf"
        );
    }
    let clients = Registries::new(conf, &paths.config).with_access(opts.access.clone());
    let rt = runtime()?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for reg in &registries {
        match rt.block_on(search_one(&clients, reg, &term, opts)) {
            Ok(found) => out.extend(found),
            Err(e) => errors.push(format!("{reg}: {e:#}")),
        }
    }
    if out.is_empty() && !errors.is_empty() {
        bail!("searching failed:\n  {}", errors.join("\n  "));
    }
    for e in &errors {
        tracing::warn!("search: {e}");
    }
    Ok(out)
}

async fn search_one(
    clients: &Registries,
    registry: &str,
    term: &str,
    opts: &SearchOptions,
) -> anyhow::Result<Vec<Found>> {
    let probe = Reference {
        registry: registry.to_string(),
        repository: "_catalog".into(),
        tag: None,
        digest: None,
    };
    let mut last = None;
    for ep in clients.endpoints(&probe)? {
        let remote = clients.remote(&ep, &probe)?;
        let result = if registry == "docker.io" {
            // The Hub answers `_catalog` with nothing: its search API is on the index.
            let url = format!(
                "https://index.docker.io/v1/search?q={}&n={}",
                url_escape(term),
                opts.limit.max(1)
            );
            // (anonymous: the search API needs no token)
            let resp = remote
                .http
                .get(&url)
                .send()
                .await
                .and_then(|r| r.error_for_status());
            match resp {
                Ok(r) => {
                    let hub: HubResults = r.json().await.context("reading the Hub's answer")?;
                    Ok(hub
                        .results
                        .into_iter()
                        .map(|h| Found {
                            index: registry.into(),
                            name: format!("{registry}/{}", h.name),
                            description: h.description,
                            stars: h.star_count,
                            official: if h.is_official {
                                "[OK]".into()
                            } else {
                                String::new()
                            },
                            automated: if h.is_automated {
                                "[OK]".into()
                            } else {
                                String::new()
                            },
                            tag: String::new(),
                        })
                        .filter(|f| opts.filters.keeps(f))
                        .take(opts.limit)
                        .collect())
                }
                Err(e) => Err(anyhow::anyhow!(
                    "cannot reach Docker Hub's search (index.docker.io): {}",
                    super::registry::error_chain(&e)
                )),
            }
        } else {
            catalog(&remote, &probe, registry, term, opts).await
        };
        match result {
            Ok(v) => return Ok(v),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| anyhow::anyhow!("no endpoint to reach {registry}")))
}

/// The repositories of a v2 registry whose name contains `term` (following `Link` pages).
async fn catalog(
    remote: &super::registry::Remote,
    probe: &Reference,
    registry: &str,
    term: &str,
    opts: &SearchOptions,
) -> anyhow::Result<Vec<Found>> {
    let base = remote.base_url();
    let mut url = format!("{base}/v2/_catalog?n=1000");
    let mut out = Vec::new();
    // A registry with more than 100 pages of repositories is searched in its first 100,000.
    for _ in 0..100 {
        let resp = remote.get_url(probe, &url).await?;
        let next = resp
            .headers()
            .get(reqwest::header::LINK)
            .and_then(|v| v.to_str().ok())
            .and_then(|l| l.split(';').next())
            .map(|l| {
                l.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            });
        let page: Catalog = resp
            .json()
            .await
            .context("reading the registry's _catalog (a v2 registry answers JSON)")?;
        for repo in page.repositories {
            if repo.contains(term) {
                out.push(Found {
                    index: registry.into(),
                    name: format!("{registry}/{repo}"),
                    ..Default::default()
                });
            }
        }
        match next {
            Some(n) if n.starts_with('/') => url = format!("{base}{n}"),
            Some(n) if n.starts_with("http") => url = n,
            _ => break,
        }
    }
    Ok(out
        .into_iter()
        .filter(|f| opts.filters.keeps(f))
        .take(opts.limit)
        .collect())
}

/// The tags of one repository (`search --list-tags REGISTRY/REPO`).
pub fn list_tags(paths: &Paths, input: &str, opts: &SearchOptions) -> anyhow::Result<Vec<Found>> {
    let parsed = super::reference::parse(input)?;
    let last = input.rsplit('/').next().unwrap_or(input);
    if last.contains(':') || input.contains('@') {
        bail!("{input}: --list-tags takes a repository without a tag or digest");
    }
    let conf = RegistriesConf::load(&paths.config)?;
    let clients = Registries::new(conf, &paths.config).with_access(opts.access.clone());
    let r = parsed.reference;
    let rt = runtime()?;
    let mut last_err = None;
    for ep in clients.endpoints(&r)? {
        let remote = clients.remote(&ep, &r)?;
        match rt.block_on(remote.tags(&r)) {
            Ok(tags) => {
                return Ok(tags
                    .into_iter()
                    .take(opts.limit)
                    .map(|t| Found {
                        index: r.registry.clone(),
                        name: r.repo_name(),
                        tag: t,
                        ..Default::default()
                    })
                    .collect())
            }
            Err(e) => last_err = Some(e),
        }
    }
    match last_err {
        Some(e) => Err(anyhow::Error::from(e).context(format!("listing the tags of {input}"))),
        None => bail!("no endpoint to reach {}", r.registry),
    }
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_name_their_registry_or_use_the_search_list() {
        let conf = RegistriesConf::default();
        assert_eq!(
            targets(&conf, "localhost:5000/busy"),
            (vec!["localhost:5000".into()], "busy".into())
        );
        assert_eq!(
            targets(&conf, "quay.io/"),
            (vec!["quay.io".into()], String::new())
        );
        assert_eq!(targets(&conf, "library/alpine").1, "library/alpine");
        assert_eq!(url_escape("a b/c"), "a%20b%2Fc");
    }

    #[test]
    fn filters() {
        let f = Filters::parse(&["stars=3".into(), "is-official".into()]).unwrap();
        let mut r = Found {
            stars: 5,
            official: "[OK]".into(),
            ..Default::default()
        };
        assert!(f.keeps(&r));
        r.stars = 2;
        assert!(!f.keeps(&r));
        assert!(Filters::parse(&["color=red".into()]).is_err());
    }
}
