//! The campaign comparison: the campaigns that ran during the period side by side (cost,
//! members brought, cost per member, retention at 30/90/180/365 days, word of mouth), with
//! their retention curves. Figures are the Campaigns screen's comparison, for whole campaigns.

use kizuna_core::campaigns::{compare, list_campaigns};
use serde_json::json;

use super::format::{int, money, percent};
use super::overview::label;
use super::{Chart, ReportTable, Scope, Section};
use crate::{Lang, ReportError, Theme, charts};

/// Gathers the comparison of the campaigns that ran at some time in `scope`'s period.
pub fn gather(scope: &Scope<'_>) -> Result<Section, ReportError> {
    let lang = scope.lang;
    let conn = scope.conn;
    let now_ms = scope.now_ms;
    let ids: Vec<String> = list_campaigns(conn, now_ms)?
        .into_iter()
        .filter(|c| c.starts_at < scope.end_ms && c.ends_at.is_none_or(|e| e >= scope.start_ms))
        .map(|c| c.id)
        .collect();
    let comparison = compare(conn, &ids, now_ms)?;
    let amount = |minor: Option<i64>, currency: &Option<String>| match (minor, currency) {
        (Some(m), Some(c)) => money(m, c, lang),
        (Some(m), None) => int(m),
        (None, _) => "—".to_owned(),
    };
    let rows: Vec<Vec<String>> = comparison
        .campaigns
        .iter()
        .map(|c| {
            let share = |days: u32| {
                c.retention
                    .iter()
                    .find(|p| p.days == days)
                    .and_then(|p| if p.too_young { None } else { p.share })
                    .map_or_else(|| "—".to_owned(), percent)
            };
            vec![
                c.name.clone(),
                kind_name(&c.kind, lang).to_owned(),
                amount(c.cost_minor, &c.currency),
                int(i64::from(c.members)),
                amount(c.cost_per_member_minor, &c.currency),
                share(30),
                share(90),
                share(180),
                amount(c.cost_per_active_90_minor, &c.currency),
                int(i64::from(c.second_generation + c.third_generation)),
            ]
        })
        .collect();
    let totals: Vec<Vec<String>> = comparison
        .totals
        .iter()
        .map(|t| {
            vec![
                t.currency.clone(),
                int(i64::from(t.campaigns)),
                money(t.cost_minor, &t.currency, lang),
                int(i64::from(t.members)),
                t.cost_per_member_minor
                    .map_or_else(|| "—".to_owned(), |m| money(m, &t.currency, lang)),
            ]
        })
        .collect();
    let tables = vec![
        ReportTable {
            name: "campaign-comparison".to_owned(),
            title: label(lang, "Campaigns side by side", "キャンペーン比較").to_owned(),
            header: vec![
                label(lang, "Campaign", "キャンペーン").to_owned(),
                label(lang, "Kind", "種類").to_owned(),
                label(lang, "Cost", "費用").to_owned(),
                label(lang, "Members", "獲得").to_owned(),
                label(lang, "Per member", "1人あたり").to_owned(),
                label(lang, "30 d", "30日").to_owned(),
                label(lang, "90 d", "90日").to_owned(),
                label(lang, "180 d", "180日").to_owned(),
                label(lang, "Per active (90 d)", "継続1人あたり").to_owned(),
                label(lang, "Referred on", "紹介連鎖").to_owned(),
            ],
            rows,
        },
        ReportTable {
            name: "campaign-totals".to_owned(),
            title: label(lang, "Totals by currency", "通貨別合計").to_owned(),
            header: vec![
                label(lang, "Currency", "通貨").to_owned(),
                label(lang, "Campaigns", "件数").to_owned(),
                label(lang, "Cost", "費用").to_owned(),
                label(lang, "Members", "獲得").to_owned(),
                label(lang, "Per member", "1人あたり").to_owned(),
            ],
            rows: totals,
        },
    ];
    let data = json!({
        "count": int(comparison.campaigns.len() as i64),
        "minMature": int(i64::from(comparison.min_mature)),
        "tables": tables,
    });
    let charts: Vec<Chart> = vec![(
        "campaign-retention.svg".to_owned(),
        Box::new(move || charts::campaign_retention(&comparison, lang, Theme::Light)),
    )];
    Ok(Section {
        data,
        charts,
        tables,
    })
}

/// A campaign kind (as stored) in `lang`.
fn kind_name(kind: &str, lang: Lang) -> &str {
    match (kind, lang) {
        ("influencer", Lang::En) => "Influencer",
        ("email", Lang::En) => "Email",
        ("social", Lang::En) => "Social",
        ("referral", Lang::En) => "Referral",
        ("co_creation", Lang::En) => "Co-creation",
        ("event", Lang::En) => "Event",
        ("influencer", Lang::Ja) => "インフルエンサー",
        ("email", Lang::Ja) => "メール",
        ("social", Lang::Ja) => "SNS",
        ("referral", Lang::Ja) => "紹介",
        ("co_creation", Lang::Ja) => "共創",
        ("event", Lang::Ja) => "イベント",
        (other, _) => other,
    }
}
