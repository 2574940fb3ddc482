//! podman build's flags for the containers its RUN steps run in (capabilities, devices, DNS, hosts,
//! volumes, limits, namespaces), its platform flags, and the ones that cannot mean anything for
//! skiff's builder (accepted, said once).

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use crate::runtime::spec::Options;

#[derive(Debug, Args, Default)]
pub struct RunStepFlags {
    /// Add a host entry in RUN steps: NAME:IP.
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// Add a capability to RUN steps.
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability from RUN steps.
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// A host device in RUN steps: HOST[:CONTAINER][:PERMS].
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// DNS servers of RUN steps.
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS options of RUN steps.
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// DNS search domains of RUN steps.
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Security options of RUN steps: seccomp=unconfined|PROFILE.json, no-new-privileges.
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Size of /dev/shm in RUN steps.
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Resource limits of RUN steps: TYPE=SOFT[:HARD].
    #[arg(long, value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Mount in RUN steps: HOST_PATH|NAME:CONTAINER_PATH[:OPTIONS] (not part of the image).
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// IPC namespace of RUN steps: private (default), host, none.
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace of RUN steps: private (default) or host.
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace of RUN steps: private (default) or host.
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// No generated /etc/hosts in RUN steps.
    #[arg(long)]
    pub no_hosts: bool,
    /// Pass the host's proxy variables to RUN steps (default true).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub http_proxy: bool,
    /// User namespace of RUN steps: the store's mapping (the default) or host for root.
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Custom uid map of RUN steps (refused: build steps use the store's mapping).
    #[arg(long, value_name = "MAP")]
    pub userns_uid_map: Vec<String>,
    /// Custom gid map of RUN steps (refused: build steps use the store's mapping).
    #[arg(long, value_name = "MAP")]
    pub userns_gid_map: Vec<String>,
    /// Uid map from /etc/subuid of this user (refused: build steps use the store's mapping).
    #[arg(long, value_name = "USER")]
    pub userns_uid_map_user: Option<String>,
    /// Gid map from /etc/subgid of this group (refused: build steps use the store's mapping).
    #[arg(long, value_name = "GROUP")]
    pub userns_gid_map_group: Option<String>,
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
}

/// The platform and bookkeeping flags.
#[derive(Debug, Args, Default)]
pub struct BuildExtraFlags {
    /// Architecture to build for (the host's: skiff does not emulate others).
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Operating system to build for (linux).
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Architecture variant to build for (the host's).
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Build for every platform of the base image (refused: skiff builds for the host only).
    #[arg(long)]
    pub all_platforms: bool,
    /// Add the built image to this manifest list (created when missing).
    #[arg(long, value_name = "NAME")]
    pub manifest: Option<String>,
    /// Accepted: skiff's step cache is local (said once).
    #[arg(long, value_name = "IMAGE")]
    pub cache_from: Vec<String>,
    /// Accepted: skiff's step cache is local (said once).
    #[arg(long, value_name = "IMAGE")]
    pub cache_to: Vec<String>,
    /// Accepted: layers are stored uncompressed and compressed when pushed.
    #[arg(long)]
    pub compress: bool,
    /// Accepted: layers are stored uncompressed and compressed when pushed.
    #[arg(long, short = 'D', default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub disable_compression: bool,
    /// Accepted: RUN step containers are always removed.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub force_rm: bool,
    /// Accepted: RUN step containers are always removed.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub rm: bool,
    /// Accepted: skiff runs RUN steps with its own runtime (oci, rootless and chroot all mean that).
    #[arg(long, value_name = "TYPE")]
    pub isolation: Option<String>,
    /// Accepted: stages are built one after another.
    #[arg(long, value_name = "N")]
    pub jobs: Option<u32>,
    /// Accepted: skiff adds no builder identity label.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub identity_label: bool,
    /// Leave the history out of the image's config.
    #[arg(long)]
    pub omit_history: bool,
    /// Required OS features of the image (recorded in its config).
    #[arg(long, value_name = "FEATURE")]
    pub os_feature: Vec<String>,
    /// Required OS version of the image (recorded in its config).
    #[arg(long, value_name = "VERSION")]
    pub os_version: Option<String>,
    /// Accepted: pulls of base images retry on their own.
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// Accepted: pulls of base images retry on their own.
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Accepted: stages the target does not need are never built.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub skip_unused_stages: bool,
    /// Refused: skiff does not sign images (sign them with skopeo or cosign after the build).
    #[arg(long, value_name = "FINGERPRINT")]
    pub sign_by: Option<String>,
    /// Refused: no SSH agent forwarding into RUN steps.
    #[arg(long, value_name = "ID")]
    pub ssh: Vec<String>,
    /// Accepted: RUN steps read no standard input.
    #[arg(long)]
    pub stdin: bool,
    /// Refused: Containerfile.in (C preprocessor) files are not supported.
    #[arg(long, value_name = "FLAG")]
    pub cpp_flag: Vec<String>,
    /// Refused: encrypted images are not supported.
    #[arg(long, value_name = "KEY")]
    pub decryption_key: Vec<String>,
    /// Write the build's output to this file instead of stdout/stderr.
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// Accepted: one log for every platform (skiff builds one).
    #[arg(long)]
    pub logsplit: bool,
    /// Replace the first stage's FROM image.
    #[arg(long, value_name = "IMAGE")]
    pub from: Option<String>,
    /// Another build context for `COPY --from=NAME` and `FROM NAME`: NAME=DIR or
    /// NAME=docker-image://IMAGE.
    #[arg(long, value_name = "NAME=VALUE")]
    pub build_context: Vec<String>,
    /// Also write the image's files out: DIR, type=local,dest=DIR or type=tar,dest=FILE|-.
    #[arg(short = 'o', long, value_name = "OUTPUT")]
    pub output: Option<String>,
}

/// Where `--output` goes.
pub enum Output {
    Dir(PathBuf),
    Tar(Option<PathBuf>),
}

pub fn parse_output(s: &str) -> anyhow::Result<Output> {
    if !s.contains('=') {
        return Ok(match s {
            "-" => Output::Tar(None),
            dir => Output::Dir(PathBuf::from(dir)),
        });
    }
    let mut kind = "local";
    let mut dest = None;
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("type", t)) => kind = t,
            Some(("dest", d)) => dest = Some(d.to_string()),
            _ => {
                bail!("invalid --output {s:?}: use DIR, type=local,dest=DIR or type=tar,dest=FILE")
            }
        }
    }
    let dest = dest.ok_or_else(|| anyhow::anyhow!("--output {s:?}: dest= is missing"))?;
    match kind {
        "local" => Ok(Output::Dir(PathBuf::from(dest))),
        "tar" if dest == "-" => Ok(Output::Tar(None)),
        "tar" => Ok(Output::Tar(Some(PathBuf::from(dest)))),
        other => bail!("--output type={other}: local or tar"),
    }
}

/// Write the built image's files where `--output` says.
pub fn write_output(
    paths: &crate::storage::Paths,
    layers: &[String],
    out: &Output,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let store = crate::image::store::Store::open(&paths.root)?;
    match out {
        Output::Tar(None) => {
            let mut o = std::io::stdout().lock();
            crate::image::layerfile::write_tree(paths, &store, layers, &mut o)
        }
        Output::Tar(Some(f)) => {
            let mut file =
                std::fs::File::create(f).with_context(|| format!("--output {}", f.display()))?;
            crate::image::layerfile::write_tree(paths, &store, layers, &mut file)
        }
        Output::Dir(d) => {
            std::fs::create_dir_all(d).with_context(|| format!("--output {}", d.display()))?;
            let tmp = tempfile::NamedTempFile::new_in(&paths.runroot)?;
            {
                let mut f = tmp.reopen()?;
                crate::image::layerfile::write_tree(paths, &store, layers, &mut f)?;
            }
            // Files come out owned by you (as podman's local output); device nodes and the
            // like, which a user cannot create, are skipped.
            let mut ar = tar::Archive::new(std::fs::File::open(tmp.path())?);
            ar.set_preserve_permissions(true);
            for e in ar.entries()? {
                let mut e = e?;
                let kind = e.header().entry_type();
                if kind.is_character_special() || kind.is_block_special() {
                    continue;
                }
                e.unpack_in(d).with_context(|| {
                    format!("--output: writing {:?}", e.path().unwrap_or_default())
                })?;
            }
            Ok(())
        }
    }
}

impl BuildExtraFlags {
    /// Refuse what cannot be done; say once what is ignored.
    pub fn check(&self) -> anyhow::Result<()> {
        let host = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            other => other,
        };
        if let Some(a) = &self.arch {
            if a != host && a != std::env::consts::ARCH {
                bail!("--arch {a}: skiff builds for this host's architecture ({host}) only (no emulation)");
            }
        }
        if let Some(o) = &self.os {
            if o != "linux" {
                bail!("--os {o}: skiff builds linux images only");
            }
        }
        if self.all_platforms {
            bail!("--all-platforms: skiff builds for this host's platform only; build on each platform and combine with `skiff manifest add`");
        }
        if self.sign_by.is_some() {
            bail!("--sign-by: skiff does not sign images; sign the pushed image with skopeo or cosign");
        }
        if !self.ssh.is_empty() {
            bail!("--ssh: skiff forwards no SSH agent into RUN steps; use RUN --mount=type=secret");
        }
        if !self.cpp_flag.is_empty() {
            bail!("--cpp-flag: Containerfile.in (C preprocessor) files are not supported");
        }
        if !self.decryption_key.is_empty() {
            bail!("--decryption-key: encrypted images are not supported");
        }
        let said = |flag: &str, why: &str| super::ignored(flag, why);
        if !self.cache_from.is_empty() || !self.cache_to.is_empty() {
            said(
                "--cache-from/--cache-to",
                "skiff's step cache is local to the store",
            );
        }
        if self.compress {
            said(
                "--compress",
                "layers are stored uncompressed and compressed when pushed",
            );
        }
        if self.isolation.is_some() {
            said("--isolation", "skiff runs RUN steps with its own runtime");
        }
        if self.jobs.is_some() {
            said("--jobs", "stages are built one after another");
        }
        if self.retry.is_some() || self.retry_delay.is_some() {
            said("--retry/--retry-delay", "pulls retry on their own");
        }
        if self.stdin {
            said("--stdin", "RUN steps read no standard input");
        }
        Ok(())
    }
}

impl RunStepFlags {
    /// The RUN steps' container options these flags give (the rest stays default).
    pub fn options(&self, paths: &crate::storage::Paths) -> anyhow::Result<Options> {
        for h in &self.add_host {
            crate::network::etc::parse_add_host(h).map_err(|e| anyhow::anyhow!(e))?;
        }
        for d in &self.dns {
            if d.parse::<std::net::IpAddr>().is_err() {
                bail!("invalid --dns {d:?}: give the IP address of a DNS server");
            }
        }
        let custom_map = !self.userns_uid_map.is_empty()
            || !self.userns_gid_map.is_empty()
            || self.userns_uid_map_user.is_some()
            || self.userns_gid_map_group.is_some();
        if custom_map
            || self
                .userns
                .as_deref()
                .is_some_and(|u| !matches!(u, "" | "host" | "private"))
        {
            bail!(
                "--userns/--userns-*-map: build steps run in the store's id mapping (the layers \
                 they write are unpacked in it); build without them"
            );
        }
        let vstore = crate::state::volume::VolumeStore::open(&paths.root)?;
        let mounts = super::mounts::resolve(
            &vstore,
            &self.volume,
            &[],
            &[],
            super::mounts::ImageVolumes::parse("ignore")?,
        )?;
        Ok(Options {
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            devices: self.device.clone(),
            security_opt: self.security_opt.clone(),
            shm_size: self.shm_size.clone(),
            ulimits: self.ulimit.clone(),
            mounts,
            ipc: self.ipc.clone(),
            pid: self.pid.clone(),
            uts: self.uts.clone(),
            no_hosts: self.no_hosts,
            http_proxy: self.http_proxy,
            net: crate::network::NetConfig {
                dns: self.dns.clone(),
                dns_search: self.dns_search.clone(),
                dns_options: self.dns_option.clone(),
                add_hosts: self.add_host.clone(),
                ..Default::default()
            },
            resources: self.resources.resources()?,
            cgroupns_host: self.resources.cgroupns == "host",
            ..Default::default()
        })
    }
}
