//! `--userns`, `--uidmap`, `--gidmap`: from the flags to the container's id mapping.

use crate::userns::IdMapping;

/// `--userns`, `--uidmap`, `--gidmap` -> the container's mapping, and the user keep-id runs as.
pub fn mapping(
    userns: Option<&str>,
    uidmap: &[String],
    gidmap: &[String],
    default: &IdMapping,
) -> anyhow::Result<(IdMapping, Option<(u32, u32)>)> {
    let parse_maps = |flag: &str, values: &[String]| -> anyhow::Result<Vec<(u32, u32, u32)>> {
        let mut out = Vec::new();
        for v in values.iter().flat_map(|v| v.split(',')) {
            let f: Vec<Option<u32>> = v.split(':').map(|x| x.parse().ok()).collect();
            match f.as_slice() {
                [Some(c), Some(h), Some(n)] if *n > 0 => out.push((*c, *h, *n)),
                _ => anyhow::bail!(
                    "invalid {flag} {v:?}: use CONTAINER_ID:HOST_ID:SIZE, where HOST_ID counts in \
                     your default mapping (0 = you, 1.. = your subordinate ids)"
                ),
            }
        }
        Ok(out)
    };
    let uidmap = parse_maps("--uidmap", uidmap)?;
    let gidmap = parse_maps("--gidmap", gidmap)?;
    let needs_range = |what: &str| -> anyhow::Result<()> {
        if default.kind != crate::userns::idmap::MappingKind::SubIds {
            anyhow::bail!(
                "{what} needs a subordinate id range (or root): add one for your user to \
                 /etc/subuid and /etc/subgid (e.g. `sudo usermod --add-subuids 100000-165535 \
                 --add-subgids 100000-165535 $USER`)"
            );
        }
        Ok(())
    };
    let userns = userns.unwrap_or("");
    if !uidmap.is_empty() || !gidmap.is_empty() {
        if !matches!(userns, "" | "host") {
            anyhow::bail!("--userns={userns} cannot be combined with --uidmap/--gidmap");
        }
        if default.kind == crate::userns::idmap::MappingKind::SingleId {
            needs_range("--uidmap/--gidmap")?;
        }
        let m = default.custom(&uidmap, &gidmap).ok_or_else(|| {
            anyhow::anyhow!(
                "--uidmap/--gidmap reach beyond your default mapping (0 = you, 1..{} = your \
                 subordinate ids)",
                default
                    .uids
                    .iter()
                    .map(|m| m.size)
                    .sum::<u32>()
                    .saturating_sub(1)
            )
        })?;
        // The container's filesystem is mounted from inside its namespace, through your
        // private store dirs: that needs your own id (0 in the default mapping) mapped.
        let own = |maps: &[(u32, u32, u32)]| maps.is_empty() || maps.iter().any(|m| m.1 == 0);
        if !own(&uidmap) || !own(&gidmap) {
            anyhow::bail!(
                "--uidmap/--gidmap must map your own id (HOST_ID 0) somewhere, e.g. \
                 --uidmap 0:1:1000 --uidmap 1000:0:1 --uidmap 1001:1001:64535: skiff mounts the \
                 container's filesystem from inside its user namespace, through your private \
                 store"
            );
        }
        return Ok((m, None));
    }
    match userns.split_once(':').unwrap_or((userns, "")) {
        ("" | "host", _) => Ok((default.clone(), None)),
        ("keep-id", opts) => {
            let mut uid = rustix::process::geteuid().as_raw();
            let mut gid = rustix::process::getegid().as_raw();
            if uid == 0 {
                // Root keeps its ids anyway: the identity mapping.
                return Ok((default.clone(), None));
            }
            needs_range("--userns=keep-id")?;
            for o in opts.split(',').filter(|o| !o.is_empty()) {
                match o.split_once('=') {
                    Some(("uid", v)) => uid = v.parse()?,
                    Some(("gid", v)) => gid = v.parse()?,
                    _ => anyhow::bail!("invalid --userns=keep-id option {o:?}: use uid=N,gid=N"),
                }
            }
            Ok((default.keep_id(uid, gid), Some((uid, gid))))
        }
        (other, _) => anyhow::bail!(
            "unsupported --userns={other}: use keep-id[:uid=N,gid=N], host (your default \
             mapping), or --uidmap/--gidmap"
        ),
    }
}

/// You as an account for the container (name, primary group and home from the host), at the ids
/// keep-id gives you there.
pub fn host_account(uid: u32, gid: u32) -> Option<crate::runtime::spec::AddedUser> {
    let me = nix::unistd::User::from_uid(nix::unistd::getuid()).ok()??;
    let group = nix::unistd::Group::from_gid(nix::unistd::getgid())
        .ok()
        .flatten()
        .map_or_else(|| me.name.clone(), |g| g.name);
    Some(crate::runtime::spec::AddedUser {
        name: me.name,
        uid,
        gid,
        group,
        home: me.dir.to_string_lossy().into_owned(),
    })
}
