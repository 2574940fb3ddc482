//! The uid/gid mapping of a user namespace and the code that installs it for a child process.
//!
//! Rootless with a subordinate range: container 0 = the user, 1.. = the range (as podman does).
//! Without a range: one id only (container 0 = the user); chown to other ids then fails inside.
//! Root: the identity mapping of the whole id space.

use std::path::PathBuf;
use std::process::Command;

use super::helpers::{find_program, helper_privilege, Privilege};
use super::subid::{self, IdRange};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdMap {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdMapping {
    pub uids: Vec<IdMap>,
    pub gids: Vec<IdMap>,
    /// The kind of mapping, which decides how it is installed.
    pub kind: MappingKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MappingKind {
    /// Root's identity map, written directly.
    Root,
    /// The user's own id plus subordinate ranges, written by newuidmap/newgidmap.
    SubIds,
    /// Only the user's own id, written directly after denying setgroups.
    SingleId,
}

#[derive(Debug, thiserror::Error)]
pub enum IdMapError {
    #[error("reading {file}")]
    ReadSubIds {
        file: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{prog} not found: install it (Debian/Ubuntu: `apt-get install uidmap`, Fedora: `dnf install \
         shadow-utils`)"
    )]
    HelperMissing { prog: &'static str },
    #[error("{prog} failed ({status}) mapping ids for pid {pid}: {stderr}{hint}")]
    HelperFailed {
        prog: &'static str,
        pid: i32,
        status: std::process::ExitStatus,
        stderr: String,
        hint: String,
    },
    #[error("running {prog}")]
    HelperSpawn {
        prog: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("writing {path}")]
    WriteMap {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl IdMapping {
    /// The mapping skiff uses for the current user.
    pub fn for_current_user() -> Result<IdMapping, IdMapError> {
        let uid = rustix::process::geteuid().as_raw();
        let gid = rustix::process::getegid().as_raw();
        if uid == 0 {
            return Ok(IdMapping::root());
        }
        let name = subid::user_name(uid);
        let read = |file: &'static str, id| {
            subid::ranges_for(file.as_ref(), &name, id)
                .map_err(|source| IdMapError::ReadSubIds { file, source })
        };
        let subuids = read(subid::SUBUID_FILE, uid)?;
        let subgids = read(subid::SUBGID_FILE, uid)?;
        Ok(IdMapping::rootless(uid, gid, &subuids, &subgids))
    }

    pub fn root() -> IdMapping {
        let all = vec![IdMap {
            container_id: 0,
            host_id: 0,
            size: u32::MAX,
        }];
        IdMapping {
            uids: all.clone(),
            gids: all,
            kind: MappingKind::Root,
        }
    }

    /// Container 0 = (uid, gid); container 1.. = the subordinate ranges, in file order. Falls back to
    /// a single id when either the uid or gid ranges are missing (a half mapping is worse than none).
    pub fn rootless(uid: u32, gid: u32, subuids: &[IdRange], subgids: &[IdRange]) -> IdMapping {
        if subuids.is_empty() || subgids.is_empty() {
            return IdMapping::single(uid, gid);
        }
        let build = |own: u32, ranges: &[IdRange]| {
            let mut maps = vec![IdMap {
                container_id: 0,
                host_id: own,
                size: 1,
            }];
            let mut next = 1u32;
            for r in ranges {
                maps.push(IdMap {
                    container_id: next,
                    host_id: r.start,
                    size: r.count,
                });
                next = next.saturating_add(r.count);
            }
            maps
        };
        IdMapping {
            uids: build(uid, subuids),
            gids: build(gid, subgids),
            kind: MappingKind::SubIds,
        }
    }

    /// `--userns=keep-id`: the user's own uid/gid appear unchanged inside; the subordinate range
    /// fills the ids below and above it.
    pub fn keep_id(&self, uid: u32, gid: u32) -> IdMapping {
        if self.kind != MappingKind::SubIds {
            return self.clone();
        }
        let build = |maps: &[IdMap], own: u32| {
            // The subordinate ids in order (container 1.. of the default mapping), with the user's
            // own id spliced in at container id `own`.
            let subs: Vec<IdMap> = maps
                .iter()
                .filter(|m| m.container_id != 0)
                .cloned()
                .collect();
            let mut out = Vec::new();
            let mut next = 0u32;
            let mut own_done = false;
            for m in subs {
                let mut host = m.host_id;
                let mut left = m.size;
                while left > 0 {
                    if !own_done && next == own {
                        out.push(IdMap {
                            container_id: own,
                            host_id: own_host(maps),
                            size: 1,
                        });
                        next += 1;
                        own_done = true;
                        continue;
                    }
                    let room = if own_done { left } else { left.min(own - next) };
                    out.push(IdMap {
                        container_id: next,
                        host_id: host,
                        size: room,
                    });
                    next += room;
                    host += room;
                    left -= room;
                }
            }
            if !own_done {
                out.push(IdMap {
                    container_id: own.max(next),
                    host_id: own_host(maps),
                    size: 1,
                });
            }
            out
        };
        fn own_host(maps: &[IdMap]) -> u32 {
            maps.iter()
                .find(|m| m.container_id == 0)
                .map(|m| m.host_id)
                .unwrap_or(0)
        }
        IdMapping {
            uids: build(&self.uids, uid),
            gids: build(&self.gids, gid),
            kind: MappingKind::SubIds,
        }
    }

    /// `--uidmap`/`--gidmap` triples `container:intermediate:size`, where intermediate ids are
    /// container ids of this (the default) mapping, as in podman.
    pub fn custom(
        &self,
        uidmap: &[(u32, u32, u32)],
        gidmap: &[(u32, u32, u32)],
    ) -> Option<IdMapping> {
        let translate = |maps: &[IdMap], triples: &[(u32, u32, u32)]| -> Option<Vec<IdMap>> {
            let mut out = Vec::new();
            for &(c, h, n) in triples {
                for off in 0..n {
                    let host = lookup(maps, h.checked_add(off)?)?;
                    match out.last_mut() {
                        Some(IdMap {
                            container_id,
                            host_id,
                            size,
                        }) if *container_id + *size == c + off && *host_id + *size == host => {
                            *size += 1
                        }
                        _ => out.push(IdMap {
                            container_id: c + off,
                            host_id: host,
                            size: 1,
                        }),
                    }
                }
            }
            Some(out)
        };
        let uids = if uidmap.is_empty() {
            self.uids.clone()
        } else {
            translate(&self.uids, uidmap)?
        };
        let gids = if gidmap.is_empty() {
            self.gids.clone()
        } else {
            translate(&self.gids, gidmap)?
        };
        Some(IdMapping {
            uids,
            gids,
            kind: if self.kind == MappingKind::Root {
                MappingKind::Root
            } else {
                MappingKind::SubIds
            },
        })
    }

    pub fn single(uid: u32, gid: u32) -> IdMapping {
        let one = |id| {
            vec![IdMap {
                container_id: 0,
                host_id: id,
                size: 1,
            }]
        };
        IdMapping {
            uids: one(uid),
            gids: one(gid),
            kind: MappingKind::SingleId,
        }
    }

    /// Number of container uids that map to something.
    pub fn uid_count(&self) -> u64 {
        self.uids.iter().map(|m| m.size as u64).sum()
    }

    /// Host uid for a container uid, if mapped.
    pub fn host_uid(&self, id: u32) -> Option<u32> {
        lookup(&self.uids, id)
    }

    pub fn host_gid(&self, id: u32) -> Option<u32> {
        lookup(&self.gids, id)
    }

    /// Install this mapping for the process `pid`, which must have just unshared its user namespace
    /// and be waiting.
    pub fn apply(&self, pid: i32) -> Result<(), IdMapError> {
        match self.kind {
            MappingKind::SubIds => {
                // Both helpers at once: each is a setuid exec of a few milliseconds.
                let uid = spawn_helper("newuidmap", pid, &self.uids)?;
                let gid = spawn_helper("newgidmap", pid, &self.gids);
                let uid_result = finish_helper("newuidmap", pid, uid);
                let gid_result = gid.and_then(|g| finish_helper("newgidmap", pid, g));
                uid_result.and(gid_result)
            }
            MappingKind::SingleId => {
                write_proc(pid, "setgroups", "deny")?;
                write_proc(pid, "uid_map", &map_lines(&self.uids))?;
                write_proc(pid, "gid_map", &map_lines(&self.gids))
            }
            MappingKind::Root => {
                write_proc(pid, "uid_map", &map_lines(&self.uids))?;
                write_proc(pid, "gid_map", &map_lines(&self.gids))
            }
        }
    }
}

fn lookup(maps: &[IdMap], id: u32) -> Option<u32> {
    maps.iter().find_map(|m| {
        let off = id.checked_sub(m.container_id)?;
        (off < m.size).then(|| m.host_id + off)
    })
}

fn map_lines(maps: &[IdMap]) -> String {
    maps.iter()
        .map(|m| format!("{} {} {}\n", m.container_id, m.host_id, m.size))
        .collect()
}

fn write_proc(pid: i32, file: &str, content: &str) -> Result<(), IdMapError> {
    let path = format!("/proc/{pid}/{file}");
    std::fs::write(&path, content).map_err(|source| IdMapError::WriteMap { path, source })
}

fn spawn_helper(
    prog: &'static str,
    pid: i32,
    maps: &[IdMap],
) -> Result<(PathBuf, std::process::Child), IdMapError> {
    let path = find_program(prog).ok_or(IdMapError::HelperMissing { prog })?;
    let mut cmd = Command::new(&path);
    cmd.arg(pid.to_string());
    for m in maps {
        cmd.arg(m.container_id.to_string())
            .arg(m.host_id.to_string())
            .arg(m.size.to_string());
    }
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().map_err(|source| IdMapError::HelperSpawn {
        prog: path.clone(),
        source,
    })?;
    Ok((path, child))
}

fn finish_helper(
    prog: &'static str,
    pid: i32,
    (path, child): (PathBuf, std::process::Child),
) -> Result<(), IdMapError> {
    let out = child
        .wait_with_output()
        .map_err(|source| IdMapError::HelperSpawn {
            prog: path.clone(),
            source,
        })?;
    if out.status.success() {
        return Ok(());
    }
    let hint = if helper_privilege(&path) == Privilege::None {
        format!(
            "\nhint: {} is neither setuid root nor has file capabilities; as root run \
             `chmod u+s {}` (or reinstall the uidmap package)",
            path.display(),
            path.display()
        )
    } else {
        "\nhint: check that /etc/subuid and /etc/subgid give this user a range \
         (`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 USER` as root)"
            .to_string()
    };
    Err(IdMapError::HelperFailed {
        prog,
        pid,
        status: out.status,
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rootless_mapping_puts_user_at_zero_and_ranges_after() {
        let m = IdMapping::rootless(
            1000,
            1001,
            &[IdRange {
                start: 100000,
                count: 65536,
            }],
            &[
                IdRange {
                    start: 200000,
                    count: 10,
                },
                IdRange {
                    start: 300000,
                    count: 5,
                },
            ],
        );
        assert_eq!(m.kind, MappingKind::SubIds);
        assert_eq!(m.host_uid(0), Some(1000));
        assert_eq!(m.host_uid(1), Some(100000));
        assert_eq!(m.host_uid(65536), Some(165535));
        assert_eq!(m.host_uid(65537), None);
        assert_eq!(m.host_gid(0), Some(1001));
        assert_eq!(m.host_gid(11), Some(300000));
        assert_eq!(m.uid_count(), 65537);
        assert_eq!(map_lines(&m.gids), "0 1001 1\n1 200000 10\n11 300000 5\n");
    }

    #[test]
    fn keep_id_puts_the_user_at_its_own_id() {
        let m = IdMapping::rootless(
            1000,
            1000,
            &[IdRange {
                start: 100000,
                count: 65536,
            }],
            &[IdRange {
                start: 100000,
                count: 65536,
            }],
        );
        let k = m.keep_id(1000, 1000);
        assert_eq!(k.host_uid(1000), Some(1000));
        assert_eq!(k.host_uid(0), Some(100000));
        assert_eq!(k.host_uid(999), Some(100999));
        assert_eq!(k.host_uid(1001), Some(101000));
        assert_eq!(k.uid_count(), 65537);
    }

    #[test]
    fn custom_maps_translate_through_the_default_mapping() {
        let m = IdMapping::rootless(
            1000,
            1000,
            &[IdRange {
                start: 100000,
                count: 65536,
            }],
            &[IdRange {
                start: 100000,
                count: 65536,
            }],
        );
        let c = m.custom(&[(0, 1, 1000)], &[]).unwrap();
        assert_eq!(c.host_uid(0), Some(100000));
        assert_eq!(c.host_uid(999), Some(100999));
        assert_eq!(c.host_uid(1000), None);
        assert!(m.custom(&[(0, 70000, 10)], &[]).is_none());
    }

    #[test]
    fn missing_ranges_fall_back_to_single_id() {
        let m = IdMapping::rootless(1000, 1000, &[IdRange { start: 1, count: 5 }], &[]);
        assert_eq!(m.kind, MappingKind::SingleId);
        assert_eq!(m.uid_count(), 1);
        assert_eq!(m.host_uid(1), None);
    }
}
