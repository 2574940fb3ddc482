//! `.containerignore` / `.dockerignore` with docker's rules: patterns are paths relative to the
//! context (leading `/` and `./` dropped), `*` and `?` within a path component, `**` across
//! components, `!` re-includes, the last matching pattern wins; a matched directory excludes what
//! is under it.

#[derive(Debug, Clone, Default)]
pub struct Ignore {
    rules: Vec<(bool, Vec<String>)>,
}

fn components(p: &str) -> Vec<String> {
    p.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_string)
        .collect()
}

/// `*`/`?` glob of one path component.
fn glob(pat: &[char], s: &[char]) -> bool {
    match (pat.first(), s.first()) {
        (None, None) => true,
        (Some('*'), _) => glob(&pat[1..], s) || (!s.is_empty() && glob(pat, &s[1..])),
        (Some('?'), Some(_)) => glob(&pat[1..], &s[1..]),
        (Some(p), Some(c)) if p == c => glob(&pat[1..], &s[1..]),
        _ => false,
    }
}

fn matches(pat: &[String], path: &[String]) -> bool {
    match (pat.first(), path.first()) {
        (None, _) => true, // a prefix matched: a directory and what is under it
        (Some(p), _) if p == "**" => {
            matches(&pat[1..], path) || (!path.is_empty() && matches(pat, &path[1..]))
        }
        (Some(_), None) => false,
        (Some(p), Some(c)) => {
            let pc: Vec<char> = p.chars().collect();
            let cc: Vec<char> = c.chars().collect();
            glob(&pc, &cc) && matches(&pat[1..], &path[1..])
        }
    }
}

impl Ignore {
    pub fn parse(text: &str) -> Ignore {
        let rules = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.strip_prefix('!') {
                Some(p) => (false, components(p.trim())),
                None => (true, components(l)),
            })
            .filter(|(_, c)| !c.is_empty())
            .collect();
        Ignore { rules }
    }

    /// Whether `rel` (a path relative to the context) is left out.
    pub fn excluded(&self, rel: &str) -> bool {
        let path = components(rel);
        let mut out = false;
        for (exclude, pat) in &self.rules {
            if matches(pat, &path) {
                out = *exclude;
            }
        }
        out
    }

    /// Whether an exception could re-include something under the excluded dir `rel`.
    pub fn may_reinclude_under(&self, rel: &str) -> bool {
        let path = components(rel);
        self.rules.iter().any(|(exclude, pat)| {
            !*exclude
                && pat.iter().zip(&path).all(|(p, c)| {
                    p == "**"
                        || glob(
                            &p.chars().collect::<Vec<_>>(),
                            &c.chars().collect::<Vec<_>>(),
                        )
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_semantics() {
        let i = Ignore::parse("# comment\n*.log\n!keep.log\nbuild/\n**/*.tmp\n/secret\n");
        assert!(i.excluded("a.log"));
        assert!(!i.excluded("keep.log"));
        assert!(i.excluded("build/x/y"));
        assert!(i.excluded("deep/er/f.tmp"));
        assert!(i.excluded("secret"));
        assert!(!i.excluded("src/main.c"));
        assert!(!i.excluded("sub/a.log"), "*.log matches the top level only");
        let j = Ignore::parse("docs\n!docs/README.md\n");
        assert!(j.excluded("docs/a.md") && !j.excluded("docs/README.md"));
        assert!(j.may_reinclude_under("docs"));
    }
}
