//! Kernel feature probes that must run inside a user namespace: native overlayfs with `userxattr`
//! and overlay whiteouts (0/0 character devices) created by an unprivileged user.

use std::fs;
use std::path::Path;

use nix::mount::{mount, MsFlags};
use nix::sched::CloneFlags;
use nix::sys::stat::{mknod, Mode, SFlag};

use crate::userns::{run_in_userns, IdMapping};

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverlayProbe {
    /// Native overlay mounts with `userxattr` in a user namespace.
    pub native_overlay: bool,
    /// Whiteout device nodes (0/0) can be created in a user namespace.
    pub whiteouts: bool,
    /// What failed, in the kernel's words.
    pub error: Option<String>,
}

/// Probe overlay support on the filesystem holding `scratch` (a dir we own; it is emptied after).
/// Must be called from a single-threaded process.
pub fn probe_overlay(scratch: &Path) -> OverlayProbe {
    let result = probe_in(scratch);
    let _ = crate::storage::remove_tree(scratch);
    match result {
        Ok(p) => p,
        Err(e) => OverlayProbe {
            native_overlay: false,
            whiteouts: false,
            error: Some(format!("{e:#}")),
        },
    }
}

fn probe_in(scratch: &Path) -> anyhow::Result<OverlayProbe> {
    for d in ["lower", "upper", "work", "merged"] {
        fs::create_dir_all(scratch.join(d))?;
    }
    fs::write(scratch.join("lower/file"), b"x")?;
    let report = scratch.join("report");
    let uid = rustix::process::geteuid().as_raw();
    let gid = rustix::process::getegid().as_raw();
    let mapping = if uid == 0 {
        IdMapping::root()
    } else {
        IdMapping::single(uid, gid)
    };
    let s = scratch.to_path_buf();
    let code = run_in_userns(&mapping, CloneFlags::CLONE_NEWNS, move || {
        let mut errors = Vec::new();
        let mut code = 0;
        if let Err(e) = mknod(
            &s.join("upper/wh"),
            SFlag::S_IFCHR,
            Mode::from_bits_truncate(0o600),
            0,
        ) {
            errors.push(format!("creating a whiteout device: {e}"));
            code |= 2;
        }
        let _ = mount(
            None::<&str>,
            "/",
            None::<&str>,
            MsFlags::MS_REC | MsFlags::MS_PRIVATE,
            None::<&str>,
        );
        let opts = format!(
            "lowerdir={},upperdir={},workdir={},userxattr",
            s.join("lower").display(),
            s.join("upper").display(),
            s.join("work").display()
        );
        match mount(
            Some("overlay"),
            &s.join("merged"),
            Some("overlay"),
            MsFlags::empty(),
            Some(opts.as_str()),
        ) {
            Ok(()) => {
                if !s.join("merged/file").exists() {
                    errors.push("overlay mounted but the lower file is not visible".into());
                    code |= 1;
                }
            }
            Err(e) => {
                errors.push(format!("mounting overlay with userxattr: {e}"));
                code |= 1;
            }
        }
        let _ = fs::write(s.join("report"), errors.join("; "));
        code
    })?;
    let error = fs::read_to_string(&report).ok().filter(|s| !s.is_empty());
    Ok(OverlayProbe {
        native_overlay: code & 1 == 0 && code < 4,
        whiteouts: code & 2 == 0 && code < 4,
        error: if code >= 4 {
            Some(format!("probe exited with status {code}"))
        } else {
            error
        },
    })
}
