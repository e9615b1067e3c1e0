//! `kizuna perks …`: list, show, create, waves, grants (one member or a segment/wave with a
//! preview), codes, redemption, revocation, expiry, effect and sync conflicts.

use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_core::perks::{
    BulkOutcome, BulkPreview, BulkTarget, PerkInput, PerkKind, ShopRedemptionReport, WaveInput,
    add_wave, check_redemption_csv, expire_grants, generate_codes, grant_bulk, grant_to_member,
    import_codes, list_perks, perk_conflicts, perk_detail, perk_effect, preview_bulk,
    redeem_by_code, redeem_from_csv, redeem_grant, revoke_grant,
};

use crate::commands::open_existing;

/// `kizuna perks …`.
#[derive(Debug, Args)]
pub struct PerksArgs {
    #[command(subcommand)]
    action: PerksAction,
}

#[derive(Debug, Subcommand)]
enum PerksAction {
    /// List perks with their window, stock and how many are given and redeemed.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one perk: waves and grants.
    Show {
        perk_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a perk; prints its id.
    Create {
        #[arg(long)]
        name: String,
        /// early_access, discount_code, merchandise or experience.
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "DATE")]
        start: String,
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// How many there are (unlimited when left out).
        #[arg(long, allow_hyphen_values = true)]
        stock: Option<i64>,
        #[arg(long)]
        campaign: Option<String>,
        #[arg(long)]
        description: Option<String>,
    },
    /// Waves: `wave add PERK --number N --name NAME --opens DATE [--segment ID] [--min-level RANK]`.
    Wave {
        #[command(subcommand)]
        action: WaveAction,
    },
    /// Grant to one member (`--member`), or to a segment and/or wave (`--dry-run` previews).
    Grant {
        perk_id: String,
        #[arg(long)]
        member: Option<String>,
        #[arg(long)]
        segment: Option<String>,
        #[arg(long)]
        wave: Option<i64>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Codes: `codes import PERK FILE` (lines or CSV) or `codes generate PERK N`.
    Codes {
        #[command(subcommand)]
        action: CodesAction,
    },
    /// Redeem a grant by its id (`--grant`) or by its code (`--code`).
    Redeem {
        #[arg(long)]
        grant: Option<String>,
        #[arg(long)]
        code: Option<String>,
    },
    /// Redeem a perk's grants from a shop's CSV export (a `code`/`discount_code`/`coupon`
    /// column and an optional date); all rows or none. `--dry-run` only checks the file.
    RedeemCsv {
        perk_id: String,
        file: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Revoke a grant not redeemed yet; its stock is free again.
    Revoke { grant_id: String },
    /// Expire the grants not redeemed whose perk has ended.
    Expire,
    /// Activity 60 days after the grants against 60 days before, by perk and wave.
    Effect { perk_id: Option<String> },
    /// Oversubscribed perks and codes held by two grants (after sync).
    Conflicts,
}

#[derive(Debug, Subcommand)]
enum WaveAction {
    /// Add a wave to a perk; prints its id.
    Add {
        perk_id: String,
        #[arg(long)]
        number: i64,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "DATE")]
        opens: String,
        #[arg(long)]
        segment: Option<String>,
        #[arg(long)]
        min_level: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
enum CodesAction {
    /// Import codes from a file: one per line, or a CSV with a `code` column.
    Import { perk_id: String, file: String },
    /// Generate N unambiguous codes and print them.
    Generate { perk_id: String, count: u32 },
}

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

fn print_shop_report(r: &ShopRedemptionReport, dry_run: bool) {
    println!(
        "{} {}, {} already redeemed",
        r.to_redeem,
        if dry_run { "to redeem" } else { "redeemed" },
        r.already_redeemed
    );
    for bad in &r.bad_rows {
        println!("line {}: {}", bad.line, bad.message);
    }
}

fn print_preview(p: &BulkPreview, dry_run: bool) {
    println!(
        "{:<38} {:>8}  {:<13} NAME / WHY NOT",
        "MEMBER", "SCORE", "OUTCOME"
    );
    for r in &p.rows {
        let outcome = match r.outcome {
            BulkOutcome::Gets => "gets",
            BulkOutcome::NotEligible => "not_eligible",
            BulkOutcome::AlreadyHas => "already_has",
            BulkOutcome::OutOfStock => "out_of_stock",
        };
        let why = r
            .reason
            .as_ref()
            .map_or_else(String::new, |w| format!(" ({w})"));
        println!(
            "{:<38} {:>8.1}  {:<13} {}{}",
            r.member_id, r.score, outcome, r.member_name, why
        );
    }
    println!(
        "{} {}, {} not eligible, {} already have it, {} out of stock",
        p.gets,
        if dry_run { "would get it" } else { "granted" },
        p.not_eligible,
        p.already_has,
        p.out_of_stock
    );
}

/// Runs `kizuna perks …`.
pub fn run(path: &Path, args: PerksArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    let now = store.clock().now_ms();
    match args.action {
        PerksAction::List { json } => {
            let rows = list_perks(store.conn())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(());
            }
            println!(
                "{:<38} {:<14} {:<23} {:>9} {:>6} {:>8}  NAME",
                "ID", "KIND", "WINDOW", "STOCK", "GIVEN", "REDEEMED"
            );
            for p in rows {
                println!(
                    "{:<38} {:<14} {:<23} {:>9} {:>6} {:>8}  {}",
                    p.id,
                    p.kind.as_sql(),
                    format!(
                        "{}..{}",
                        day(p.starts_at),
                        p.ends_at.map_or_else(String::new, day)
                    ),
                    p.stock
                        .map_or_else(|| "unlimited".to_owned(), |s| s.to_string()),
                    p.live_grants,
                    p.redeemed,
                    p.name
                );
            }
        }
        PerksAction::Show { perk_id, json } => {
            let d = perk_detail(store.conn(), &perk_id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&d)?);
                return Ok(());
            }
            let p = &d.perk;
            println!("{} ({})", p.name, p.kind.as_sql());
            println!(
                "window:   {} .. {}",
                day(p.starts_at),
                p.ends_at.map_or_else(String::new, day)
            );
            let stock = p
                .stock
                .map_or_else(|| "unlimited".to_owned(), |s| s.to_string());
            println!(
                "stock:    {stock}, {} given, {} redeemed, {} free codes",
                p.live_grants, p.redeemed, p.free_codes
            );
            for w in &d.waves {
                println!(
                    "wave {}:   {} opens {}{}{}",
                    w.number,
                    w.name,
                    day(w.opens_at),
                    w.segment_id
                        .as_ref()
                        .map_or_else(String::new, |s| format!(", segment {s}")),
                    w.min_level
                        .map_or_else(String::new, |l| format!(", level ≥ {l}"))
                );
            }
            for g in &d.grants {
                println!(
                    "  {} {:<9} {} {} wave {} code {}",
                    g.id,
                    g.status.as_sql(),
                    day(g.granted_at),
                    g.member_name,
                    g.wave.map_or_else(|| "-".to_owned(), |w| w.to_string()),
                    g.code.as_deref().unwrap_or("-")
                );
            }
        }
        PerksAction::Create {
            name,
            kind,
            start,
            end,
            stock,
            campaign,
            description,
        } => {
            let input = PerkInput {
                kind: PerkKind::parse(&kind)?,
                name,
                description,
                starts_at: parse_time(&start)?,
                ends_at: end.as_deref().map(parse_time).transpose()?,
                stock,
                campaign_id: campaign,
                waves: Vec::new(),
            };
            let id = store.write(|w| kizuna_core::perks::create_perk(w, &input))?;
            println!("{id}");
        }
        PerksAction::Wave {
            action:
                WaveAction::Add {
                    perk_id,
                    number,
                    name,
                    opens,
                    segment,
                    min_level,
                },
        } => {
            let wave = WaveInput {
                number,
                name,
                opens_at: parse_time(&opens)?,
                segment_id: segment,
                min_level,
            };
            let id = store.write(|w| add_wave(w, &perk_id, &wave))?;
            println!("{id}");
        }
        PerksAction::Grant {
            perk_id,
            member,
            segment,
            wave,
            dry_run,
        } => {
            if let Some(member) = member {
                let id = store.write(|w| grant_to_member(w, &perk_id, &member, wave))?;
                println!("{id}");
                return Ok(());
            }
            let target = BulkTarget {
                segment_id: segment,
                wave,
            };
            let preview = if dry_run {
                preview_bulk(store.conn(), &perk_id, &target, now)?
            } else {
                store.write(|w| grant_bulk(w, &perk_id, &target))?
            };
            print_preview(&preview, dry_run);
        }
        PerksAction::Codes { action } => match action {
            CodesAction::Import { perk_id, file } => {
                let text = std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {file}"))?;
                let n = store.write(|w| import_codes(w, &perk_id, &text))?;
                println!("{n} codes imported");
            }
            CodesAction::Generate { perk_id, count } => {
                for code in store.write(|w| generate_codes(w, &perk_id, count))? {
                    println!("{code}");
                }
            }
        },
        PerksAction::Redeem { grant, code } => match (grant, code) {
            (Some(grant), None) => {
                store.write(|w| redeem_grant(w, &grant))?;
                println!("{grant} redeemed");
            }
            (None, Some(code)) => {
                let grant = store.write(|w| redeem_by_code(w, &code))?;
                println!("{grant} redeemed");
            }
            _ => anyhow::bail!("give either --grant GRANT_ID or --code CODE"),
        },
        PerksAction::RedeemCsv {
            perk_id,
            file,
            dry_run,
        } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("cannot read {file}"))?;
            if dry_run {
                print_shop_report(&check_redemption_csv(store.conn(), &perk_id, &text)?, true);
            } else {
                print_shop_report(
                    &store.write(|w| redeem_from_csv(w, &perk_id, &text))?,
                    false,
                );
            }
        }
        PerksAction::Revoke { grant_id } => {
            store.write(|w| revoke_grant(w, &grant_id))?;
            println!("{grant_id} revoked");
        }
        PerksAction::Expire => {
            let n = store.write(expire_grants)?;
            println!("{n} grants expired");
        }
        PerksAction::Effect { perk_id } => {
            println!(
                "{:<38} {:>5} {:>8} {:>7} {:>7} {:>8}  NAME",
                "PERK", "WAVE", "MEMBERS", "BEFORE", "AFTER", "PENDING"
            );
            for e in perk_effect(store.conn(), perk_id.as_deref(), now)? {
                println!(
                    "{:<38} {:>5} {:>8} {:>7} {:>7} {:>8}  {}",
                    e.perk_id,
                    e.wave.map_or_else(|| "all".to_owned(), |w| w.to_string()),
                    e.members,
                    e.activities_before,
                    e.activities_after,
                    e.pending,
                    e.perk_name
                );
            }
        }
        PerksAction::Conflicts => {
            let found = perk_conflicts(store.conn())?;
            if found.is_empty() {
                println!("no conflicts");
            }
            for c in found {
                println!(
                    "{:<15} {} ({}): {}; grants {}",
                    c.kind,
                    c.perk_name,
                    c.perk_id,
                    c.detail,
                    c.grant_ids.join(", ")
                );
            }
        }
    }
    Ok(())
}
