//! `kizuna campaigns …`: list, show, create, the influencer roster, codes and attribution.

use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_core::campaigns::{
    CampaignInput, CampaignKind, CampaignStatus, CodeKind, InfluencerStatus, InfluencerTerms,
    add_campaign, add_code, add_influencer, attribute_by_code, attribute_by_link, campaign_detail,
    list_campaigns,
};
use kizuna_core::money::{Lang, format_amount};

use crate::commands::open_existing;

/// `kizuna campaigns list|show|create|roster|codes|attribute …`.
#[derive(Debug, Args)]
pub struct CampaignsArgs {
    #[command(subcommand)]
    action: CampaignsAction,
}

#[derive(Debug, Subcommand)]
enum CampaignsAction {
    /// List campaigns with their window, money and the members each brought so far.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one campaign: money, goal, linked events, roster with deliverables, codes.
    Show {
        campaign_id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create a campaign; prints its id.
    Create(Box<CreateArgs>),
    /// The influencer roster: `roster add CAMPAIGN MEMBER [--identity ID] [--fee AMOUNT]`.
    Roster {
        #[command(subcommand)]
        action: RosterAction,
    },
    /// Referral codes and link tags: `codes add CAMPAIGN CODE [--link] [--influencer ID]`.
    Codes {
        #[command(subcommand)]
        action: CodesAction,
    },
    /// Compare campaigns side by side (every campaign when no id is given), as a table or CSV.
    Compare(crate::campaign_compare::CompareArgs),
    /// Attribute MEMBER to the campaign whose referral code (or, with --link, link tag) is CODE.
    Attribute {
        code: String,
        member_id: String,
        /// CODE is a link tag, not a referral code.
        #[arg(long)]
        link: bool,
        /// When they came (RFC 3339 or YYYY-MM-DD); default now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
}

/// `kizuna campaigns create …`.
#[derive(Debug, Args)]
struct CreateArgs {
    #[arg(long)]
    name: String,
    /// influencer, email, social, referral, co_creation or event.
    #[arg(long)]
    kind: String,
    /// First day (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    start: String,
    /// Last day (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// planned, running, done or cancelled (default: from the window).
    #[arg(long)]
    status: Option<String>,
    #[arg(long, default_value = "JPY")]
    currency: String,
    /// Budget as typed, e.g. "¥600,000".
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    budget: String,
    /// Money actually spent so far.
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    spend: String,
    /// new_members, activities:<type>, event_attendance, perk_redemptions or ideas.
    #[arg(long)]
    goal: Option<String>,
    #[arg(long)]
    target: Option<i64>,
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    description: Option<String>,
}

#[derive(Debug, Subcommand)]
enum RosterAction {
    /// Put MEMBER on CAMPAIGN's roster; prints the roster row's id.
    Add {
        campaign_id: String,
        member_id: String,
        /// The member's identity (account) they work through.
        #[arg(long)]
        identity: Option<String>,
        /// Fee in the campaign's currency, e.g. "¥50,000".
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        fee: String,
        /// shortlisted, contracted, declined or done.
        #[arg(long, default_value = "shortlisted")]
        status: String,
    },
}

#[derive(Debug, Subcommand)]
enum CodesAction {
    /// Add a referral code (upper-cased) or, with --link, a link tag (lower-cased); prints its id.
    Add {
        campaign_id: String,
        code: String,
        #[arg(long)]
        link: bool,
        /// The roster row id of the influencer the code belongs to.
        #[arg(long)]
        influencer: Option<String>,
    },
}

/// Reads YYYY-MM-DD (midnight UTC) or an RFC 3339 time as unix milliseconds.
fn parse_time(text: &str) -> anyhow::Result<i64> {
    if let Ok(day) = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        return Ok(day
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .timestamp_millis());
    }
    Ok(chrono::DateTime::parse_from_rfc3339(text.trim())
        .with_context(|| format!("\"{text}\" is not a date (YYYY-MM-DD) or an RFC 3339 time"))?
        .timestamp_millis())
}

fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%d").to_string())
}

fn money(minor: Option<i64>, currency: Option<&str>) -> String {
    match (minor, currency) {
        (Some(minor), Some(currency)) => format_amount(minor, currency, Lang::En),
        _ => "-".to_owned(),
    }
}

/// Runs `kizuna campaigns …`.
pub fn run(path: &Path, args: CampaignsArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    let now = store.clock().now_ms();
    match args.action {
        CampaignsAction::List { json } => {
            let rows = list_campaigns(store.conn(), now)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(());
            }
            println!(
                "{:<38} {:<12} {:<9} {:<23} {:>14} {:>14} {:>8}  NAME",
                "ID", "KIND", "STATUS", "WINDOW", "BUDGET", "SPENT", "MEMBERS"
            );
            for c in rows {
                let window = format!(
                    "{}..{}",
                    day(c.starts_at),
                    c.ends_at.map_or_else(String::new, day)
                );
                let spent = c.actual_spend_minor.map(|s| s + c.fees_minor);
                println!(
                    "{:<38} {:<12} {:<9} {:<23} {:>14} {:>14} {:>8}  {}",
                    c.id,
                    c.kind.as_sql(),
                    c.status.as_sql(),
                    window,
                    money(c.budget_minor, c.currency.as_deref()),
                    money(
                        spent.or(Some(c.fees_minor).filter(|f| *f > 0)),
                        c.currency.as_deref()
                    ),
                    c.members_brought,
                    c.name
                );
            }
        }
        CampaignsAction::Show { campaign_id, json } => {
            let d = campaign_detail(store.conn(), &campaign_id, now)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&d)?);
                return Ok(());
            }
            let c = &d.campaign;
            let cur = c.currency.as_deref();
            println!("{} ({}, {})", c.name, c.kind.as_sql(), c.status.as_sql());
            println!(
                "window:   {} .. {}",
                day(c.starts_at),
                c.ends_at.map_or_else(String::new, day)
            );
            println!("budget:   {}", money(c.budget_minor, cur));
            println!(
                "spent:    {} (+ fees {})",
                money(c.actual_spend_minor, cur),
                money(Some(c.fees_minor), cur)
            );
            if let Some(goal) = &c.goal_metric {
                println!(
                    "goal:     {goal} {}",
                    c.goal_target.map_or_else(String::new, |t| t.to_string())
                );
            }
            if let Some(owner) = &c.owner {
                println!("owner:    {owner}");
            }
            println!("members brought: {}", c.members_brought);
            for v in &d.by_via {
                println!("  via {:<9} {}", v.via, v.members);
            }
            for e in &d.events {
                println!(
                    "event:    {} {} ({})",
                    day(e.starts_at),
                    e.title,
                    e.event_id
                );
            }
            if !d.roster.is_empty() {
                println!("roster:");
            }
            for r in &d.roster {
                println!(
                    "  {} {} @{} {} followers, fee {}, {}, {} deliverables, brought {}",
                    r.id,
                    r.display_name,
                    r.handle.as_deref().unwrap_or("-"),
                    r.followers
                        .map_or_else(|| "?".to_owned(), |f| f.to_string()),
                    money(r.fee_minor, cur),
                    r.status.as_sql(),
                    r.deliverables.len(),
                    r.members_brought
                );
            }
            for p in &d.linked_perks {
                println!("perk:     {} ({}, {})", p.name, p.kind.as_sql(), p.perk_id);
            }
            for k in &d.codes {
                println!(
                    "{}:     {} {}brought {}",
                    k.kind.as_sql(),
                    k.code,
                    k.influencer_name
                        .as_ref()
                        .map_or_else(String::new, |n| format!("({n}) ")),
                    k.members_brought
                );
            }
        }
        CampaignsAction::Create(a) => {
            let input = CampaignInput {
                name: a.name,
                kind: CampaignKind::parse(&a.kind)?,
                status: a.status.as_deref().map(CampaignStatus::parse).transpose()?,
                starts_at: parse_time(&a.start)?,
                ends_at: a.end.as_deref().map(parse_time).transpose()?,
                currency: a.currency,
                budget: a.budget,
                actual_spend: a.spend,
                goal_metric: a.goal,
                goal_target: a.target,
                owner: a.owner,
                description: a.description,
            };
            let id = store.write(|w| add_campaign(w, &input))?;
            println!("{id}");
        }
        CampaignsAction::Roster {
            action:
                RosterAction::Add {
                    campaign_id,
                    member_id,
                    identity,
                    fee,
                    status,
                },
        } => {
            let terms = InfluencerTerms {
                identity_id: identity,
                fee,
                status: InfluencerStatus::parse(&status)?,
                notes: None,
            };
            let id = store.write(|w| add_influencer(w, &campaign_id, &member_id, &terms))?;
            println!("{id}");
        }
        CampaignsAction::Codes {
            action:
                CodesAction::Add {
                    campaign_id,
                    code,
                    link,
                    influencer,
                },
        } => {
            let kind = if link { CodeKind::Link } else { CodeKind::Code };
            let id =
                store.write(|w| add_code(w, &campaign_id, kind, &code, influencer.as_deref()))?;
            println!("{id}");
        }
        CampaignsAction::Compare(a) => crate::campaign_compare::run(&store, &a, now)?,
        CampaignsAction::Attribute {
            code,
            member_id,
            link,
            at,
        } => {
            let at = at.as_deref().map(parse_time).transpose()?.unwrap_or(now);
            let a = store.write(|w| {
                if link {
                    attribute_by_link(w, &member_id, &code, at)
                } else {
                    attribute_by_code(w, &member_id, &code, at)
                }
            })?;
            println!(
                "{} attributed to campaign {} via {}",
                a.display_name,
                a.campaign_id,
                a.via.as_sql()
            );
        }
    }
    Ok(())
}
