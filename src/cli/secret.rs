//! `skiff secret create|ls|inspect|rm`: podman's file driver. The data never appears in output.

use std::collections::BTreeMap;
use std::io::Read;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::format::{render_rows_opt, rfc3339};
use super::GlobalOpts;
use crate::state::secret::{Secret, SecretStore};

#[derive(Debug, Args)]
pub struct SecretArgs {
    #[command(subcommand)]
    pub command: SecretCommand,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Create a secret from a file, - (stdin) or an environment variable (--env)
    Create(CreateArgs),
    /// List secrets
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display secrets' details (never their data)
    Inspect(InspectArgs),
    /// Remove secrets
    #[command(alias = "remove")]
    Rm(RmArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Driver: file (the only one).
    #[arg(short, long, default_value = "file", value_name = "DRIVER")]
    pub driver: String,
    /// Driver options (the file driver takes none).
    #[arg(long, value_name = "KEY=VALUE")]
    pub driver_opts: Vec<String>,
    /// Read the secret from the environment variable named by the second argument.
    #[arg(long)]
    pub env: bool,
    /// Set a label (KEY=VALUE).
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Replace a secret of the same name.
    #[arg(long)]
    pub replace: bool,
    #[arg(value_name = "NAME")]
    pub name: String,
    /// FILE, - for stdin, or with --env a variable name.
    #[arg(value_name = "FILE")]
    pub source: String,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Filter: name=, id=.
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Go template or json.
    #[arg(long)]
    pub format: Option<String>,
    /// Leave out the table's header line.
    #[arg(long)]
    pub noheading: bool,
    /// Only ids.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Go template or json.
    #[arg(short, long)]
    pub format: Option<String>,
    /// Readable text instead of JSON.
    #[arg(long)]
    pub pretty: bool,
    #[arg(required = true, value_name = "SECRET")]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove every secret.
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "SECRET", required_unless_present = "all")]
    pub names: Vec<String>,
}

fn to_json(s: &Secret) -> Value {
    json!({
        "ID": s.id,
        "CreatedAt": rfc3339(s.created_at),
        "UpdatedAt": rfc3339(s.created_at),
        "Spec": {
            "Name": s.name,
            "Driver": { "Name": s.driver, "Options": {} },
            "Labels": s.labels,
        },
        "Name": s.name,
        "Driver": s.driver,
    })
}

pub fn run(g: &GlobalOpts, a: SecretArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = SecretStore::open(&paths.root)?;
    match a.command {
        SecretCommand::Create(c) => {
            if c.driver != "file" {
                anyhow::bail!(
                    "secret driver {:?} is not available: skiff has the file driver",
                    c.driver
                );
            }
            if !c.driver_opts.is_empty() {
                anyhow::bail!("--driver-opts: the file driver takes no options");
            }
            let data = if c.env {
                std::env::var(&c.source)
                    .map_err(|_| anyhow::anyhow!("--env: no environment variable {}", c.source))?
                    .into_bytes()
            } else if c.source == "-" {
                let mut b = Vec::new();
                std::io::stdin().lock().read_to_end(&mut b)?;
                b
            } else {
                std::fs::read(&c.source)
                    .map_err(|e| anyhow::anyhow!("reading the secret from {}: {e}", c.source))?
            };
            let mut labels = BTreeMap::new();
            for l in &c.labels {
                let (k, v) = l.split_once('=').unwrap_or((l, ""));
                labels.insert(k.to_string(), v.to_string());
            }
            let s = store.create(&c.name, &data, labels, c.replace)?;
            super::output::print_line(&s.id)?;
        }
        SecretCommand::Ls(l) => {
            let mut rows = Vec::new();
            for s in store.list()? {
                let keep = l.filters.iter().all(|f| match f.split_once('=') {
                    Some(("name", v)) => s.name.contains(v),
                    Some(("id", v)) => s.id.starts_with(v),
                    _ => false,
                });
                if keep {
                    rows.push(to_json(&s));
                }
            }
            let out = if l.quiet {
                rows.iter()
                    .map(|r| format!("{}\n", r["ID"].as_str().unwrap_or("")))
                    .collect()
            } else {
                render_rows_opt(
                    &rows,
                    l.format.as_deref(),
                    "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}",
                    &[("CreatedAt", "CREATED")],
                    l.noheading,
                )?
            };
            super::output::print_text(&out)?;
        }
        SecretCommand::Inspect(i) => {
            let mut out = Vec::new();
            for n in &i.names {
                out.push(to_json(&store.find(n)?));
            }
            if i.pretty {
                let text: String = out
                    .iter()
                    .map(|s| {
                        format!(
                            "ID:              {}\nName:            {}\nDriver:          {}\nCreated at:      {}\n",
                            s["ID"].as_str().unwrap_or(""),
                            s["Name"].as_str().unwrap_or(""),
                            s["Driver"].as_str().unwrap_or(""),
                            s["CreatedAt"].as_str().unwrap_or("")
                        )
                    })
                    .collect();
                super::output::print_text(&text)?;
            } else {
                match i.format.as_deref() {
                    None | Some("json") => super::output::print_json(&out)?,
                    Some(f) => {
                        super::output::print_text(&render_rows_opt(&out, Some(f), "", &[], false)?)?
                    }
                }
            }
        }
        SecretCommand::Rm(r) => {
            let mut names = r.names.clone();
            if r.all {
                names.extend(store.list()?.into_iter().map(|s| s.id));
            }
            for n in &names {
                let s = store.find(n)?;
                store.remove(&s.id)?;
                super::output::print_line(&s.id)?;
            }
        }
    }
    Ok(0)
}
