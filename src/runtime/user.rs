//! Resolving `--user name|uid[:group|gid]` and `--group-add` against the container's own
//! /etc/passwd and /etc/group, the way docker (runc's libcontainer/user) does.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecUser {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub home: String,
}

struct Passwd<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = Passwd<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 6).then_some(())?;
        Some(Passwd {
            name: f[0],
            uid: f[2].parse().ok()?,
            gid: f[3].parse().ok()?,
            home: f[5],
        })
    })
}

/// (name, gid, members)
fn group_entries(text: &str) -> impl Iterator<Item = (&str, u32, Vec<&str>)> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 3).then_some(())?;
        let members = f
            .get(3)
            .map(|m| m.split(',').filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        Some((f[0], f[2].parse().ok()?, members))
    })
}

pub fn resolve(
    spec: &str,
    group_add: &[String],
    passwd: &str,
    group: &str,
) -> Result<ExecUser, String> {
    let (user_part, group_part) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user_part = if user_part.is_empty() { "0" } else { user_part };
    let found = match user_part.parse::<u32>() {
        Ok(uid) => passwd_entries(passwd).find(|p| p.uid == uid),
        Err(_) => Some(
            passwd_entries(passwd)
                .find(|p| p.name == user_part)
                .ok_or_else(|| {
                    format!("unable to find user {user_part}: no matching entries in passwd file")
                })?,
        ),
    };
    let (uid, mut gid, home, name) = match (&found, user_part.parse::<u32>()) {
        (Some(p), _) => (p.uid, p.gid, p.home.to_string(), Some(p.name)),
        (None, Ok(uid)) => (uid, 0, "/".to_string(), None),
        (None, Err(_)) => unreachable!("named users were found or returned an error"),
    };
    if let Some(g) = group_part.filter(|g| !g.is_empty()) {
        gid = lookup_group(g, group)?;
    }
    let mut groups = Vec::new();
    // Supplementary groups from /etc/group only when no group was forced (runc's rule).
    if let (Some(n), None) = (name, group_part) {
        for (_, g, members) in group_entries(group) {
            if members.contains(&n) && g != gid && !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    for g in group_add {
        let id = lookup_group(g, group)?;
        if !groups.contains(&id) {
            groups.push(id);
        }
    }
    Ok(ExecUser {
        uid,
        gid,
        groups,
        home: if home.is_empty() { "/".into() } else { home },
    })
}

fn lookup_group(g: &str, group: &str) -> Result<u32, String> {
    match g.parse::<u32>() {
        Ok(id) => Ok(id),
        Err(_) => group_entries(group)
            .find(|(n, _, _)| *n == g)
            .map(|(_, id, _)| id)
            .ok_or_else(|| format!("unable to find group {g}: no matching entries in group file")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n";
    const GROUP: &str = "root:x:0:\nwheel:x:10:app\napp:x:1000:\naudio:x:29:app,other\n";

    #[test]
    fn users_groups_and_homes() {
        assert_eq!(
            resolve("", &[], PASSWD, GROUP).unwrap(),
            ExecUser {
                uid: 0,
                gid: 0,
                groups: vec![],
                home: "/root".into()
            }
        );
        let app = resolve("app", &[], PASSWD, GROUP).unwrap();
        assert_eq!(
            (app.uid, app.gid, app.groups.clone(), app.home.as_str()),
            (1000, 1000, vec![10, 29], "/home/app")
        );
        assert_eq!(
            resolve("1000", &[], PASSWD, GROUP).unwrap().groups,
            vec![10, 29]
        );
        let forced = resolve("app:wheel", &[], PASSWD, GROUP).unwrap();
        assert_eq!((forced.gid, forced.groups.len()), (10, 0));
        let unknown = resolve("4242:7", &[], PASSWD, GROUP).unwrap();
        assert_eq!(
            (unknown.uid, unknown.gid, unknown.home.as_str()),
            (4242, 7, "/")
        );
        assert!(resolve("nobody-here", &[], PASSWD, GROUP)
            .unwrap_err()
            .contains("passwd"));
        assert!(resolve("app:nogroup", &[], PASSWD, GROUP).is_err());
        let added = resolve("", &["audio".into(), "55".into()], PASSWD, GROUP).unwrap();
        assert_eq!(added.groups, vec![29, 55]);
    }
}
