//! Links, addresses, routes and rules in the user's rootless network namespace, through netlink
//! (rtnetlink): a bridge per network (created with its first container), a veth pair per
//! attachment with one end in the container, and policy routing that keeps networks apart
//! (traffic from one bridge to another network's subnet is prohibited; an internal network has no
//! route out at all).
//!
//! The work runs in a forked child that joins the namespace holder's user and network namespaces
//! (setns needs a single thread), then the container's network namespace, which the holder's user
//! namespace owns.

use std::net::IpAddr;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use anyhow::{anyhow, Context};
use futures_util::TryStreamExt;
use ipnet::IpNet;
use nix::sched::CloneFlags;
use rtnetlink::packet_route::link::{InfoData, InfoVeth, LinkAttribute};
use rtnetlink::packet_route::route::RouteType;
use rtnetlink::packet_route::rule::RuleAction;
use rtnetlink::{
    Handle, LinkBridge, LinkMessageBuilder, LinkUnspec, LinkVeth, RouteMessageBuilder,
};
use serde::{Deserialize, Serialize};

/// Rules that send a bridge's traffic to its own table come before the main table.
const RULE_PRIORITY: u32 = 100;

/// One attachment to set up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkPlan {
    pub bridge: String,
    /// The gateway address(es) of the network, with the subnet's prefix.
    pub bridge_addrs: Vec<IpNet>,
    pub mtu: u32,
    pub internal: bool,
    /// Every other network: its bridge and subnets, kept apart from this one.
    pub others: Vec<(String, Vec<IpNet>)>,
    pub host_if: String,
    pub ctr_if: String,
    pub addrs: Vec<IpNet>,
    /// Default routes through these (the first network that is not internal).
    pub default_via: Vec<IpAddr>,
    pub mac: [u8; 6],
}

/// The routing table of a bridge `podmanN`: 1000 + N.
fn table_of(bridge: &str) -> u32 {
    1000 + bridge
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse::<u32>()
        .unwrap_or(0)
}

/// Set up `links` for the container `ctr_pid`, from inside the holder's namespaces.
pub fn attach(holder_pid: i32, ctr_pid: i32, links: &[LinkPlan]) -> anyhow::Result<()> {
    in_holder(holder_pid, Some(ctr_pid), |h, ctr| async move {
        let ctr = ctr.expect("container netns");
        for l in links {
            let bridge = ensure_bridge(&h, l).await?;
            let mut veth = LinkVeth::new(&l.host_if, &l.ctr_if).mtu(l.mtu).build();
            let peer = LinkMessageBuilder::<LinkUnspec>::new()
                .name(l.ctr_if.clone())
                .mtu(l.mtu)
                .address(l.mac.to_vec())
                .setns_by_fd(ctr.as_raw_fd())
                .build();
            for a in veth.attributes.iter_mut() {
                if let LinkAttribute::LinkInfo(infos) = a {
                    for i in infos.iter_mut() {
                        if let rtnetlink::packet_route::link::LinkInfo::Data(d) = i {
                            *d = InfoData::Veth(InfoVeth::Peer(peer.clone()));
                        }
                    }
                }
            }
            h.link().add(veth).execute().await.with_context(|| {
                format!("creating the veth pair {} <-> {}", l.host_if, l.ctr_if)
            })?;
            let idx = index_of(&h, &l.host_if).await?;
            h.link()
                .set(
                    LinkUnspec::new_with_index(idx)
                        .controller(bridge)
                        .up()
                        .build(),
                )
                .execute()
                .await
                .with_context(|| format!("attaching {} to {}", l.host_if, l.bridge))?;
        }
        // Now the container's side.
        nix::sched::setns(ctr.as_fd(), CloneFlags::CLONE_NEWNET)
            .context("entering the container's network namespace")?;
        let (conn, h, _) = rtnetlink::new_connection().context("opening netlink")?;
        tokio::spawn(conn);
        let lo = index_of(&h, "lo").await?;
        h.link()
            .set(LinkUnspec::new_with_index(lo).up().build())
            .execute()
            .await
            .context("bringing up lo")?;
        for l in links {
            let idx = index_of(&h, &l.ctr_if).await?;
            for a in &l.addrs {
                add_address(&h, idx, a, &l.ctr_if).await?;
            }
            h.link()
                .set(LinkUnspec::new_with_index(idx).up().build())
                .execute()
                .await
                .with_context(|| format!("bringing up {}", l.ctr_if))?;
            for gw in &l.default_via {
                let msg = match gw {
                    IpAddr::V4(g) => RouteMessageBuilder::<std::net::Ipv4Addr>::new()
                        .gateway(*g)
                        .output_interface(idx)
                        .build(),
                    IpAddr::V6(g) => RouteMessageBuilder::<std::net::Ipv6Addr>::new()
                        .gateway(*g)
                        .output_interface(idx)
                        .build(),
                };
                h.route()
                    .add(msg)
                    .execute()
                    .await
                    .with_context(|| format!("adding the default route via {gw}"))?;
            }
        }
        Ok(())
    })
}

/// Remove the container's interfaces `ifs` (network disconnect); their veth peers go with them.
pub fn detach(holder_pid: i32, ctr_pid: i32, ifs: &[String]) -> anyhow::Result<()> {
    in_holder(holder_pid, Some(ctr_pid), |_, ctr| async move {
        let ctr = ctr.expect("container netns");
        nix::sched::setns(ctr.as_fd(), CloneFlags::CLONE_NEWNET)
            .context("entering the container's network namespace")?;
        let (conn, h, _) = rtnetlink::new_connection().context("opening netlink")?;
        tokio::spawn(conn);
        for name in ifs {
            // Already gone (the holder was rebuilt, or a reload after a failed one).
            let Ok(idx) = index_of(&h, name).await else {
                continue;
            };
            h.link()
                .del(idx)
                .execute()
                .await
                .with_context(|| format!("removing {name}"))?;
        }
        Ok(())
    })
}

/// Remove a network's bridge (and its rule) from the holder, if it is there.
pub fn remove_bridge(holder_pid: i32, bridge: &str) -> anyhow::Result<()> {
    in_holder(holder_pid, None, |h, _| async move {
        if let Ok(idx) = index_of(&h, bridge).await {
            h.link()
                .del(idx)
                .execute()
                .await
                .context("removing the bridge")?;
        }
        for v6 in [false, true] {
            let req = h
                .rule()
                .add()
                .input_interface(bridge)
                .table_id(table_of(bridge));
            let msg = if v6 {
                req.v6().priority(RULE_PRIORITY).message_mut().clone()
            } else {
                req.v4().priority(RULE_PRIORITY).message_mut().clone()
            };
            let _ = h.rule().del(msg).execute().await;
        }
        Ok(())
    })
}

/// Fork, join the holder's user and network namespaces, run `work` on a single-threaded tokio
/// runtime, and report how it went.
fn in_holder<'a, F, Fut>(holder_pid: i32, ctr_pid: Option<i32>, work: F) -> anyhow::Result<()>
where
    F: FnOnce(Handle, Option<OwnedFd>) -> Fut + 'a,
    Fut: std::future::Future<Output = anyhow::Result<()>> + 'a,
{
    let ns = crate::runtime::procs::namespaces(
        holder_pid,
        &[
            ("user", CloneFlags::CLONE_NEWUSER),
            ("net", CloneFlags::CLONE_NEWNET),
        ],
    )
    .context("the rootless network namespace is gone")?;
    let ctr = match ctr_pid {
        Some(p) => Some(OwnedFd::from(
            std::fs::File::open(format!("/proc/{p}/ns/net"))
                .with_context(|| format!("opening the network namespace of pid {p}"))?,
        )),
        None => None,
    };
    let report = crate::userns::enter::Report::new()?;
    let w = report.writer();
    let child = crate::sys::fork_child(|| {
        let result = (|| -> anyhow::Result<String> {
            crate::runtime::procs::join(&ns).context("joining the rootless network namespace")?;
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async {
                let (conn, h, _) = rtnetlink::new_connection().context("opening netlink")?;
                tokio::spawn(conn);
                work(h, ctr).await
            })?;
            Ok(String::new())
        })();
        crate::userns::enter::Report::send(w, result)
    })
    .context("starting the network set-up helper")?;
    let outcome = report.receive();
    let _ = nix::sys::wait::waitpid(child, None);
    outcome.map(|_| ())
}

/// Add `a` to interface `idx`; IPv6 without duplicate address detection (the addresses are ours
/// to hand out: usable at once, not "tentative" for a second).
async fn add_address(h: &Handle, idx: u32, a: &IpNet, what: &str) -> anyhow::Result<()> {
    use rtnetlink::packet_route::address::{AddressAttribute, AddressFlags};
    let mut req = h.address().add(idx, a.addr(), a.prefix_len());
    if a.addr().is_ipv6() {
        req.message_mut()
            .attributes
            .push(AddressAttribute::Flags(AddressFlags::Nodad));
    }
    req.execute()
        .await
        .with_context(|| format!("adding {a} to {what}"))
}

async fn index_of(h: &Handle, name: &str) -> anyhow::Result<u32> {
    let link = h
        .link()
        .get()
        .match_name(name.to_string())
        .execute()
        .try_next()
        .await
        .with_context(|| format!("looking up interface {name}"))?
        .ok_or_else(|| anyhow!("no interface {name}"))?;
    Ok(link.header.index)
}

/// The network's bridge, created with its addresses and rules when missing; its index.
async fn ensure_bridge(h: &Handle, l: &LinkPlan) -> anyhow::Result<u32> {
    if let Ok(idx) = index_of(h, &l.bridge).await {
        return Ok(idx);
    }
    h.link()
        .add(LinkBridge::new(&l.bridge).mtu(l.mtu).up().build())
        .execute()
        .await
        .with_context(|| format!("creating the bridge {}", l.bridge))?;
    let idx = index_of(h, &l.bridge).await?;
    for a in &l.bridge_addrs {
        add_address(h, idx, a, &l.bridge).await?;
    }
    let table = table_of(&l.bridge);
    for v6 in [false, true] {
        let req = h
            .rule()
            .add()
            .input_interface(l.bridge.clone())
            .table_id(table)
            .action(RuleAction::ToTable);
        let res = if v6 {
            req.v6().priority(RULE_PRIORITY).execute().await
        } else {
            req.v4().priority(RULE_PRIORITY).execute().await
        };
        res.with_context(|| format!("adding the routing rule of {}", l.bridge))?;
    }
    if l.internal {
        // No fall-through to the main table: nothing leaves an internal network.
        for dst in ["0.0.0.0/0", "::/0"] {
            add_typed(
                h,
                table,
                dst.parse().expect("valid"),
                RouteType::Unreachable,
            )
            .await?;
        }
    }
    let own: Vec<IpNet> = l.bridge_addrs.iter().map(|a| a.trunc()).collect();
    for (other, subnets) in &l.others {
        for s in subnets {
            add_typed(h, table, *s, RouteType::Prohibit).await?;
        }
        // The other network's bridge, when it is up, is kept from this one too.
        if index_of(h, other).await.is_ok() {
            for s in &own {
                add_typed(h, table_of(other), *s, RouteType::Prohibit).await?;
            }
        }
    }
    Ok(idx)
}

async fn add_typed(h: &Handle, table: u32, dst: IpNet, kind: RouteType) -> anyhow::Result<()> {
    let msg = RouteMessageBuilder::<IpAddr>::new()
        .destination_prefix(dst.addr(), dst.prefix_len())
        .map_err(|e| anyhow!("{e}"))?
        .table_id(table)
        .kind(kind)
        .build();
    match h.route().add(msg).execute().await {
        Ok(()) => Ok(()),
        // Already there (two bridges created one after the other).
        Err(rtnetlink::Error::NetlinkError(e)) if e.raw_code() == -libc::EEXIST => Ok(()),
        Err(e) => Err(anyhow!(
            "adding a {kind:?} route for {dst} to table {table}: {e}"
        )),
    }
}

/// A random, locally administered unicast MAC address.
pub fn random_mac() -> [u8; 6] {
    let mut b = [0u8; 6];
    let _ = rustix::rand::getrandom(&mut b, rustix::rand::GetRandomFlags::empty());
    b[0] = (b[0] & 0xfe) | 0x02;
    b
}

pub fn format_mac(m: &[u8; 6]) -> String {
    m.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

pub fn parse_mac(s: &str) -> Option<[u8; 6]> {
    let v: Vec<u8> = s
        .split(':')
        .map(|p| u8::from_str_radix(p, 16).ok())
        .collect::<Option<_>>()?;
    v.try_into().ok()
}
