//! `kizuna referrals`, `kizuna advocates` and `kizuna influencers`: word of mouth and
//! follower-based tiers.

use crate::commands::open_existing;
use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_core::ids::{CampaignId, MemberId};
use kizuna_core::influencers::{
    InfluencerThresholds, influencer_thresholds, influencers, parse_tier,
    set_influencer_thresholds, tier_name,
};
use kizuna_core::referrals::{
    ReferralChannel, ReferralNode, reach, record_referral, referral_tree, remove_referral,
    top_advocates,
};

/// `kizuna referrals add|remove|tree …`.
#[derive(Debug, Args)]
pub struct ReferralsArgs {
    #[command(subcommand)]
    action: ReferralAction,
}

#[derive(Debug, Subcommand)]
enum ReferralAction {
    /// Record that REFERRER brought REFERRED into the community.
    Add {
        referrer: String,
        referred: String,
        /// How: in_person, link, code, social, event or other.
        #[arg(long, default_value = "other")]
        channel: String,
        /// The referral code used, if any.
        #[arg(long)]
        code: Option<String>,
        /// The campaign the referral belongs to (campaign id).
        #[arg(long, value_name = "CAMPAIGN_ID")]
        campaign: Option<String>,
        /// When (RFC 3339); default now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Forget who referred MEMBER_ID (and the referrer's referral activity).
    Remove { member_id: String },
    /// Show everyone MEMBER_ID brought in, generation by generation, and their reach.
    Tree {
        member_id: String,
        /// How many generations to show.
        #[arg(long, default_value_t = 5, value_name = "N")]
        depth: u32,
        /// Print JSON instead of a tree.
        #[arg(long)]
        json: bool,
    },
}

/// `kizuna advocates [--limit N] [--since-days D] [--json]`.
#[derive(Debug, Args)]
pub struct AdvocatesArgs {
    /// How many advocates to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: u32,
    /// Count only referrals made in the last D days.
    #[arg(long, value_name = "D")]
    since_days: Option<u32>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// `kizuna influencers [--tier T] [--platform P] [--limit N] [--set-thresholds A,B,C,D]`.
#[derive(Debug, Args)]
pub struct InfluencersArgs {
    /// Only this tier: nano, micro, mid or macro.
    #[arg(long)]
    tier: Option<String>,
    /// Only accounts on this platform (x, instagram, youtube, …).
    #[arg(long)]
    platform: Option<String>,
    /// How many to list.
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: u32,
    /// Set the fewest followers for nano, micro, mid and macro first, e.g. 1000,10000,100000,1000000.
    #[arg(long, value_name = "NANO,MICRO,MID,MACRO")]
    set_thresholds: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `kizuna referrals …`.
pub fn referrals(path: &Path, args: ReferralsArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    match args.action {
        ReferralAction::Add {
            referrer,
            referred,
            channel,
            code,
            campaign,
            at,
        } => {
            let channel: ReferralChannel = channel.parse()?;
            let at = match at {
                Some(text) => chrono::DateTime::parse_from_rfc3339(&text)
                    .with_context(|| format!("\"{text}\" is not an RFC 3339 time"))?
                    .timestamp_millis(),
                None => store.clock().now_ms(),
            };
            let (referrer, referred) = (MemberId(referrer), MemberId(referred));
            let campaign = campaign.map(CampaignId);
            store.write(|w| {
                record_referral(
                    w,
                    &referrer,
                    &referred,
                    channel,
                    at,
                    code.as_deref(),
                    campaign.as_ref(),
                )
            })?;
            println!(
                "recorded: {referrer} referred {referred} ({})",
                channel.as_sql()
            );
        }
        ReferralAction::Remove { member_id } => {
            store.write(|w| remove_referral(w, &MemberId(member_id.clone())))?;
            println!("removed the referral of {member_id}");
        }
        ReferralAction::Tree {
            member_id,
            depth,
            json,
        } => {
            let member = MemberId(member_id);
            let tree = referral_tree(store.conn(), &member, depth)?;
            let reach = reach(store.conn(), &member)?;
            if json {
                let out = serde_json::json!({ "tree": tree, "reach": reach });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                print!("{}", render_tree(&tree, 0));
                let generations: Vec<String> =
                    reach.by_generation.iter().map(u32::to_string).collect();
                println!(
                    "reach: {} direct, {} in all, {} generations ({})",
                    reach.direct,
                    reach.total,
                    reach.depth,
                    generations.join(" + ")
                );
            }
        }
    }
    Ok(())
}

/// One line per member, indented by generation.
fn render_tree(node: &ReferralNode, level: usize) -> String {
    let how = node
        .channel
        .map(|c| format!(" ({})", c.as_sql()))
        .unwrap_or_default();
    let gone = if node.deleted { " [deleted]" } else { "" };
    let mut out = format!(
        "{}{}{how}{gone}  {}\n",
        "  ".repeat(level),
        node.display_name,
        node.member_id
    );
    for child in &node.children {
        out.push_str(&render_tree(child, level + 1));
    }
    out
}

/// Runs `kizuna advocates`.
pub fn advocates(path: &Path, args: &AdvocatesArgs) -> anyhow::Result<()> {
    let store = open_existing(path)?;
    let rows = top_advocates(
        store.conn(),
        store.clock().now(),
        args.limit,
        args.since_days,
    )?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else if rows.is_empty() {
        println!("no referrals yet");
    } else {
        println!("{:>5} {:>6} {:>6}  advocate", "total", "direct", "active");
        for row in &rows {
            println!(
                "{:>5} {:>6} {:>6}  {}  {}",
                row.total, row.direct, row.active_referred, row.display_name, row.member_id
            );
        }
    }
    Ok(())
}

fn parse_thresholds(text: &str) -> anyhow::Result<InfluencerThresholds> {
    let numbers = text
        .split(',')
        .map(|n| n.trim().replace('_', "").parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("\"{text}\" is not four whole numbers"))?;
    let [nano_min, micro_min, mid_min, macro_min] = numbers[..] else {
        anyhow::bail!("give four thresholds (nano,micro,mid,macro), got \"{text}\"");
    };
    Ok(InfluencerThresholds {
        nano_min,
        micro_min,
        mid_min,
        macro_min,
    })
}

/// Runs `kizuna influencers`.
pub fn influencer_list(path: &Path, args: &InfluencersArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    if let Some(text) = &args.set_thresholds {
        let thresholds = parse_thresholds(text)?;
        store.write(|w| set_influencer_thresholds(w, &thresholds))?;
    }
    let tier = args.tier.as_deref().map(parse_tier).transpose()?;
    let rows = influencers(store.conn(), tier, args.platform.as_deref(), args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let t = influencer_thresholds(store.conn())?;
    println!(
        "tiers: nano ≥ {}, micro ≥ {}, mid ≥ {}, macro ≥ {}",
        t.nano_min, t.micro_min, t.mid_min, t.macro_min
    );
    for row in &rows {
        println!(
            "{:>10} {:<6} {:<10} {}  @{}  {}",
            row.followers,
            tier_name(row.tier),
            row.platform,
            row.display_name,
            row.handle,
            row.member_id
        );
    }
    if rows.is_empty() {
        println!("no influencers match");
    }
    Ok(())
}
