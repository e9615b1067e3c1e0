//! Perks and early access: per perk, the grants and redemptions made in the period (limited to
//! the segment's members when one is chosen), the stock left, and the effect on activity the
//! Perks screen shows (activities in the 60 days before and after each grant).

use kizuna_core::perks::{list_perks, perk_effect};
use rusqlite::params;
use serde_json::json;

use super::format::{int, percent};
use super::overview::label;
use super::{Chart, ReportTable, Scope, Section};
use crate::{Lang, ReportError, Theme, charts};

/// Gathers the perks report of `scope`'s period.
pub fn gather(scope: &Scope<'_>) -> Result<Section, ReportError> {
    let lang = scope.lang;
    let conn = scope.conn;
    let now_ms = scope.now_ms;
    let perks = list_perks(conn)?;
    let effects = perk_effect(conn, None, now_ms)?;
    let mut in_period = conn.prepare_cached(
        "SELECT member_id, granted_at, redeemed_at FROM perk_grants
         WHERE perk_id = ?1 AND status <> 'revoked'
           AND ((granted_at >= ?2 AND granted_at < ?3)
                OR (redeemed_at >= ?2 AND redeemed_at < ?3))",
    )?;
    let mut rows = Vec::new();
    let (mut all_granted, mut all_redeemed) = (0i64, 0i64);
    for perk in &perks {
        let (mut granted, mut redeemed) = (0i64, 0i64);
        let grants = in_period.query_map(params![perk.id, scope.start_ms, scope.end_ms], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        for grant in grants {
            let (member, granted_at, redeemed_at) = grant?;
            if !scope.includes(&member) {
                continue;
            }
            if (scope.start_ms..scope.end_ms).contains(&granted_at) {
                granted += 1;
            }
            if redeemed_at.is_some_and(|at| (scope.start_ms..scope.end_ms).contains(&at)) {
                redeemed += 1;
            }
        }
        all_granted += granted;
        all_redeemed += redeemed;
        #[allow(clippy::cast_precision_loss)]
        let rate = if granted > 0 {
            percent(redeemed as f64 / granted as f64)
        } else {
            "—".to_owned()
        };
        let effect = effects
            .iter()
            .find(|e| e.perk_id == perk.id && e.wave.is_none());
        let change = effect.filter(|e| e.members > 0).map_or_else(
            || "—".to_owned(),
            #[allow(clippy::cast_precision_loss)]
            |e| {
                let per = (e.activities_after - e.activities_before) as f64 / e.members as f64;
                format!("{}{:.1}", if per >= 0.0 { "+" } else { "−" }, per.abs())
            },
        );
        rows.push(vec![
            perk.name.clone(),
            kind_name(perk.kind.as_sql(), lang).to_owned(),
            int(granted),
            int(redeemed),
            rate,
            perk.stock
                .map_or_else(|| "—".to_owned(), |s| int(s - perk.live_grants)),
            effect.map_or_else(|| "0".to_owned(), |e| int(e.members)),
            change,
        ]);
    }
    let kpis = vec![
        json!({ "label": label(lang, "Perks", "特典"), "value": int(perks.len() as i64) }),
        json!({ "label": label(lang, "Granted in the period", "期間中の付与"), "value": int(all_granted) }),
        json!({ "label": label(lang, "Redeemed in the period", "期間中の利用"), "value": int(all_redeemed) }),
    ];
    let tables = vec![ReportTable {
        name: "perks".to_owned(),
        title: label(lang, "Perks", "特典").to_owned(),
        header: vec![
            label(lang, "Perk", "特典").to_owned(),
            label(lang, "Kind", "種類").to_owned(),
            label(lang, "Granted", "付与").to_owned(),
            label(lang, "Redeemed", "利用").to_owned(),
            label(lang, "Redemption", "利用率").to_owned(),
            label(lang, "Stock left", "在庫").to_owned(),
            label(lang, "Measured", "測定対象").to_owned(),
            label(lang, "Activity change", "活動の変化").to_owned(),
        ],
        rows,
    }];
    let data = json!({ "kpis": kpis, "tables": tables });
    let charts: Vec<Chart> = vec![(
        "perk-effect.svg".to_owned(),
        Box::new(move || charts::perk_effect(&effects, lang, Theme::Light)),
    )];
    Ok(Section {
        data,
        charts,
        tables,
    })
}

/// A perk kind (as stored) in `lang`.
fn kind_name(kind: &str, lang: Lang) -> &str {
    match (kind, lang) {
        ("early_access", Lang::En) => "Early access",
        ("discount_code", Lang::En) => "Discount code",
        ("merchandise", Lang::En) => "Merchandise",
        ("experience", Lang::En) => "Experience",
        ("early_access", Lang::Ja) => "先行アクセス",
        ("discount_code", Lang::Ja) => "割引コード",
        ("merchandise", Lang::Ja) => "グッズ",
        ("experience", Lang::Ja) => "体験",
        (other, _) => other,
    }
}
