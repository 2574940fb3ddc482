//! The resource-limit flags of `run` and `create` (podman's names and units), turned into the
//! runtime's `Resources`; the cgroup flags that choose where the limits live.

use clap::Args;

use crate::runtime::cgroups::Resources;
use crate::runtime::specflags::parse_size;

#[derive(Debug, Args, Clone, Default)]
pub struct ResourceArgs {
    /// Memory limit (e.g. 512m, 1g); the OOM killer ends the container beyond it.
    #[arg(short, long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory soft limit.
    #[arg(long, value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap).
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// How readily the kernel swaps the container's memory out (0-100).
    #[arg(long, value_name = "N")]
    pub memory_swappiness: Option<u64>,
    /// Keep the OOM killer away from the container.
    #[arg(long)]
    pub oom_kill_disable: bool,
    /// CPUs the container may use (e.g. 1.5): a quota per 100 ms period.
    #[arg(long, value_name = "N")]
    pub cpus: Option<f64>,
    /// Relative CPU weight (default 1024).
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPU time per period, in microseconds.
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_quota: Option<i64>,
    /// The CPU period, in microseconds.
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_period: Option<u64>,
    /// Real-time CPU period, in microseconds.
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_rt_period: Option<u64>,
    /// Real-time CPU runtime per period, in microseconds.
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_rt_runtime: Option<i64>,
    /// CPUs the container may run on (e.g. 0-1, 0,2).
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use.
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Most processes the container may have (-1: unlimited).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
    /// Relative block I/O weight (10-1000).
    #[arg(long, value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
    /// Block I/O weight of one device: DEVICE:WEIGHT.
    #[arg(long, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb).
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Write rate limit of a device: DEVICE:RATE.
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Read operations per second of a device: DEVICE:N.
    #[arg(long, value_name = "DEVICE:N")]
    pub device_read_iops: Vec<String>,
    /// Write operations per second of a device: DEVICE:N.
    #[arg(long, value_name = "DEVICE:N")]
    pub device_write_iops: Vec<String>,
    /// Whether the container gets a cgroup of its own: enabled (for resource limits), disabled,
    /// no-conmon and split (the same as enabled: skiff's supervisor never shares it).
    #[arg(long, default_value = "enabled", value_name = "MODE")]
    pub cgroups: String,
    /// Cgroup namespace: private (its own view) or host.
    #[arg(long, default_value = "private", value_name = "MODE")]
    pub cgroupns: String,
    /// Parent cgroup of the container's cgroup (relative to the hierarchy's root).
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Write a cgroup v2 file of the container: KEY=VALUE (e.g. memory.high=64m).
    #[arg(long, value_name = "KEY=VALUE")]
    pub cgroup_conf: Vec<String>,
    /// A device cgroup rule (e.g. 'c 10:200 rwm'); skiff containers cannot create device nodes,
    /// so there is nothing to allow: accepted and said so.
    #[arg(long, value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
}

/// `major:minor` of the device node at `path`.
fn device_number(flag: &str, path: &str) -> anyhow::Result<String> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let md = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("{flag} {path}: {e} (give a block device like /dev/sda)"))?;
    if !md.file_type().is_block_device() {
        anyhow::bail!("{flag} {path}: not a block device");
    }
    let rdev = md.rdev();
    Ok(format!("{}:{}", libc::major(rdev), libc::minor(rdev)))
}

fn device_list(
    flag: &str,
    specs: &[String],
    value: impl Fn(&str) -> Option<u64>,
) -> anyhow::Result<Vec<(String, u64)>> {
    specs
        .iter()
        .map(|s| {
            let (path, v) = s
                .rsplit_once(':')
                .ok_or_else(|| anyhow::anyhow!("invalid {flag} {s:?}: use DEVICE:VALUE"))?;
            let v = value(v).ok_or_else(|| anyhow::anyhow!("invalid {flag} {s:?}: bad value"))?;
            Ok((device_number(flag, path)?, v))
        })
        .collect()
}

impl ResourceArgs {
    pub fn resources(&self) -> anyhow::Result<Resources> {
        let size = |flag: &str, v: &Option<String>| -> anyhow::Result<Option<u64>> {
            v.as_deref()
                .map(|s| {
                    parse_size(s).ok_or_else(|| {
                        anyhow::anyhow!("invalid {flag} {s:?}: use a size like 512m or 1g")
                    })
                })
                .transpose()
        };
        let memory = size("--memory", &self.memory)?;
        if memory.is_some_and(|m| m < 6 << 20) {
            anyhow::bail!("invalid --memory: the minimum is 6m");
        }
        let memory_swap = match self.memory_swap.as_deref() {
            None => None,
            Some("-1") => Some(-1),
            Some(s) => Some(size("--memory-swap", &Some(s.to_string()))?.unwrap_or(0) as i64),
        };
        if let (Some(s), Some(m)) = (memory_swap, memory) {
            if s >= 0 && (s as u64) < m {
                anyhow::bail!(
                    "invalid --memory-swap: it is memory plus swap, so at least --memory"
                );
            }
        }
        if self.memory_swappiness.is_some_and(|s| s > 100) {
            anyhow::bail!("invalid --memory-swappiness: 0 to 100");
        }
        let (mut quota, mut period) = (self.cpu_quota, self.cpu_period);
        if let Some(c) = self.cpus {
            if c <= 0.0 {
                anyhow::bail!("invalid --cpus {c}: more than 0");
            }
            if quota.is_some() {
                anyhow::bail!("--cpus and --cpu-quota cannot be combined");
            }
            let p = period.unwrap_or(100_000);
            period = Some(p);
            quota = Some((c * p as f64) as i64);
        }
        if self.blkio_weight.is_some_and(|w| !(10..=1000).contains(&w)) {
            anyhow::bail!("invalid --blkio-weight: 10 to 1000");
        }
        let weight_device = device_list("--blkio-weight-device", &self.blkio_weight_device, |v| {
            v.parse().ok()
        })?
        .into_iter()
        .map(|(d, w)| (d, w.min(1000) as u16))
        .collect();
        if !matches!(
            self.cgroups.as_str(),
            "enabled" | "disabled" | "no-conmon" | "split"
        ) {
            anyhow::bail!(
                "invalid --cgroups {:?}: enabled, disabled, no-conmon or split",
                self.cgroups
            );
        }
        if !matches!(self.cgroupns.as_str(), "private" | "host") {
            anyhow::bail!("invalid --cgroupns {:?}: private or host", self.cgroupns);
        }
        if !self.device_cgroup_rule.is_empty() {
            super::ignored(
                "--device-cgroup-rule",
                "containers cannot create device nodes in skiff's user namespace; bind existing \
                 ones with --device",
            );
        }
        let conf = self
            .cgroup_conf
            .iter()
            .map(|kv| {
                kv.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .ok_or_else(|| anyhow::anyhow!("invalid --cgroup-conf {kv:?}: use KEY=VALUE"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let r = Resources {
            conf,
            parent: self.cgroup_parent.clone(),
            memory,
            memory_reservation: size("--memory-reservation", &self.memory_reservation)?,
            memory_swap,
            memory_swappiness: self.memory_swappiness,
            oom_kill_disable: self.oom_kill_disable,
            cpu_shares: self.cpu_shares,
            cpu_quota: quota,
            cpu_period: period,
            cpu_rt_period: self.cpu_rt_period,
            cpu_rt_runtime: self.cpu_rt_runtime,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit,
            blkio_weight: self.blkio_weight,
            blkio_weight_device: weight_device,
            device_read_bps: device_list("--device-read-bps", &self.device_read_bps, parse_size)?,
            device_write_bps: device_list(
                "--device-write-bps",
                &self.device_write_bps,
                parse_size,
            )?,
            device_read_iops: device_list("--device-read-iops", &self.device_read_iops, |v| {
                v.parse().ok()
            })?,
            device_write_iops: device_list("--device-write-iops", &self.device_write_iops, |v| {
                v.parse().ok()
            })?,
        };
        if self.cgroups == "disabled" && !r.is_empty() {
            anyhow::bail!("--cgroups=disabled: resource limits need the container's own cgroup");
        }
        if r.is_empty() && r.parent.is_some() {
            super::ignored(
                "--cgroup-parent",
                "a container gets a cgroup of its own only with resource limits (--memory, ...)",
            );
        }
        Ok(r)
    }
}
