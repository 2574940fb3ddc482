//! `skiff pod ps`: pods with their status and containers, podman's columns and fields.

use clap::Args;
use serde_json::json;

use super::pod::{is_infra, state_word, status_of, Ctx};

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Only ids.
    #[arg(short, long)]
    pub quiet: bool,
    /// Filter: name=, id=, label=KEY[=VALUE], status=.
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    #[arg(long)]
    pub noheading: bool,
    #[arg(long)]
    pub no_trunc: bool,
    /// Show the containers' names.
    #[arg(long)]
    pub ctr_names: bool,
    /// Show the containers' ids.
    #[arg(long)]
    pub ctr_ids: bool,
    /// Show the containers' states.
    #[arg(long)]
    pub ctr_status: bool,
    /// Accepted for podman's scripts (the namespaces show in inspect).
    #[arg(long)]
    pub ns: bool,
    /// Sort by: created, id, name, status, number.
    #[arg(long, value_name = "FIELD")]
    pub sort: Option<String>,
    /// The latest pod.
    #[arg(short, long)]
    pub latest: bool,
}

pub(crate) fn ps(ctx: &Ctx, p: PsArgs) -> anyhow::Result<i32> {
    let mut rows = Vec::new();
    let mut pods = ctx.pods.list()?;
    if p.latest {
        pods = pods.into_iter().last().into_iter().collect();
    }
    for pod in &pods {
        let members = ctx.members(pod)?;
        let status = status_of(pod, &members);
        let keep = p.filters.iter().all(|f| {
            let (k, v) = f.split_once('=').unwrap_or((f, ""));
            match k {
                "name" => pod.name.contains(v),
                "id" => pod.id.starts_with(v),
                "label" => super::format::label_matches(&pod.labels, v),
                "status" => status.eq_ignore_ascii_case(v),
                _ => false,
            }
        });
        if !keep {
            continue;
        }
        let id = if p.no_trunc {
            pod.id.clone()
        } else {
            pod.id[..12].to_string()
        };
        let infra = pod.infra_id.clone().unwrap_or_default();
        // Kubernetes' READY: the pod's own containers (not infra, not init) that are ready.
        let workers: Vec<_> = members
            .iter()
            .filter(|c| !is_infra(pod, c) && c.init_ctr.is_none())
            .collect();
        let ready = workers
            .iter()
            .filter(|c| crate::runtime::checks::is_ready(c))
            .count();
        rows.push(json!({
            "Ready": format!("{ready}/{}", workers.len()),
            "ID": id,
            "Id": pod.id,
            "Name": pod.name,
            "Status": status,
            "Created": super::format::since(Some(&super::format::rfc3339(pod.created))),
            "CreatedAt": super::format::rfc3339(pod.created),
            "InfraID": if p.no_trunc { infra.clone() } else { infra.chars().take(12).collect() },
            "InfraId": infra,
            "NumberOfContainers": members.len(),
            "Labels": pod.labels,
            "Networks": members.iter().find(|c| is_infra(pod, c)).map(|c| c.spec.network.attachments().iter().map(|a| a.network.clone()).collect::<Vec<_>>()).unwrap_or_default(),
            "ContainerNames": members.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(","),
            "ContainerIds": members.iter().map(|c| c.id[..12].to_string()).collect::<Vec<_>>().join(","),
            "ContainerStatuses": members.iter().map(|c| state_word(c)).collect::<Vec<_>>().join(","),
            "Containers": members.iter().map(|c| json!({"Id": c.id, "Names": c.name, "Status": state_word(c), "Ready": crate::runtime::checks::is_ready(c)})).collect::<Vec<_>>(),
        }));
    }
    if let Some(s) = &p.sort {
        let key = match s.as_str() {
            "name" => "Name",
            "id" => "Id",
            "status" => "Status",
            "number" => "NumberOfContainers",
            _ => "CreatedAt",
        };
        rows.sort_by(|a, b| a[key].to_string().cmp(&b[key].to_string()));
    }
    let out = if p.quiet && p.format.is_none() {
        rows.iter()
            .map(|r| format!("{}\n", r["ID"].as_str().unwrap_or("")))
            .collect()
    } else if p.format.as_deref() == Some("json") {
        format!("{}\n", serde_json::to_string_pretty(&rows)?)
    } else {
        let mut table =
            "table {{.ID}}\t{{.Name}}\t{{.Status}}\t{{.Created}}\t{{.InfraID}}".to_string();
        let mut heads = vec![
            ("ID", "POD ID"),
            ("Name", "NAME"),
            ("Status", "STATUS"),
            ("Created", "CREATED"),
            ("InfraID", "INFRA ID"),
        ];
        for (on, key, head) in [
            (p.ctr_names, "ContainerNames", "NAMES"),
            (p.ctr_ids, "ContainerIds", "IDS"),
            (p.ctr_status, "ContainerStatuses", "STATUS"),
        ] {
            if on {
                table.push_str(&format!("\t{{{{.{key}}}}}"));
                heads.push((key, head));
            }
        }
        table.push_str("\t{{.NumberOfContainers}}\t{{.Ready}}");
        heads.push(("NumberOfContainers", "# OF CONTAINERS"));
        heads.push(("Ready", "READY"));
        super::format::render_rows_opt(&rows, p.format.as_deref(), &table, &heads, p.noheading)?
    };
    super::output::print_text(&out)?;
    Ok(0)
}
