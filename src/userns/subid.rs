//! /etc/subuid and /etc/subgid: the ranges of host ids a user may map into a user namespace.

use std::path::Path;

pub const SUBUID_FILE: &str = "/etc/subuid";
pub const SUBGID_FILE: &str = "/etc/subgid";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct IdRange {
    pub start: u32,
    pub count: u32,
}

/// Ranges in `content` for the user called `name` or with numeric id `id` (both forms are valid).
/// Malformed lines are skipped, as shadow-utils does.
pub fn parse(content: &str, name: &str, id: u32) -> Vec<IdRange> {
    let id_str = id.to_string();
    content
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let mut parts = line.split(':');
            let owner = parts.next()?;
            let start = parts.next()?.trim().parse().ok()?;
            let count: u32 = parts.next()?.trim().parse().ok()?;
            ((owner == name || owner == id_str) && count > 0).then_some(IdRange { start, count })
        })
        .collect()
}

/// Ranges for the current user from `file`; a missing file means no ranges.
pub fn ranges_for(file: &Path, name: &str, id: u32) -> std::io::Result<Vec<IdRange>> {
    match std::fs::read_to_string(file) {
        Ok(s) => Ok(parse(&s, name, id)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The login name of `uid`, or the number as a string when it has no passwd entry.
pub fn user_name(uid: u32) -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ranges_by_name_and_by_id() {
        let s =
            "alice:100000:65536\n# comment\nbob:200000:1000\n1001:300000:5\nbad line\nalice:x:1\n";
        assert_eq!(
            parse(s, "alice", 1000),
            vec![IdRange {
                start: 100000,
                count: 65536
            }]
        );
        assert_eq!(
            parse(s, "carol", 1001),
            vec![IdRange {
                start: 300000,
                count: 5
            }]
        );
        assert!(parse(s, "dave", 1002).is_empty());
    }

    #[test]
    fn zero_count_is_ignored() {
        assert!(parse("a:1:0\n", "a", 1).is_empty());
    }
}
