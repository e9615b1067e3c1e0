//! Perks: a limited early access (stock 2) is created (a window ending before its start first
//! gets the core's specific message, input kept) in two waves for two levels — Champions from
//! yesterday, Advocates a week later; codes are pasted; the bulk preview's counts on screen equal the core's preview on the sample file; the
//! grant gives two members a code each; one is redeemed by code (an unknown code first gets the
//! message), the other revoked; the stock left on screen and in the file agree.

use std::sync::Arc;

use kizuna_core::perks::{BulkTarget, preview_bulk};
use kizuna_core::store::OpenMode;
use kizuna_core::{Clock, Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const PERK: &str = "E2E Early access: Winter Blend";
const DAY: i64 = 86_400_000;
/// WebDriver's Enter key.
const ENTER: &str = "\u{E007}";

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

/// A `yyyy-mm-dd` date input value for `ms` (the app's local clock is the test's, UTC).
fn date(ms: i64) -> String {
    let z = ms.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", yoe + era * 400 + i64::from(m <= 2))
}

/// Sets an input's or select's value the way a user would.
async fn set_value(s: &AppSession, css: &str, value: &str) -> Result<(), String> {
    let field = s.wait_for_all(css, "field", |n| n >= 1).await?.remove(0);
    s.driver
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![field.to_json().map_err(e)?, serde_json::json!(value)],
        )
        .await
        .map_err(e)?;
    Ok(())
}

/// Sets the value of the `k`-th element matching `css` (a repeated row of a form).
async fn set_nth(s: &AppSession, css: &str, k: usize, value: &str) -> Result<(), String> {
    let mut fields = s.wait_for_all(css, "fields", |n| n > k).await?;
    let field = fields.swap_remove(k);
    s.driver
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![field.to_json().map_err(e)?, serde_json::json!(value)],
        )
        .await
        .map_err(e)?;
    Ok(())
}

async fn text_of(s: &AppSession, css: &str) -> Result<String, String> {
    let found = s.wait_for_all(css, css, |n| n >= 1).await?;
    found[0].text().await.map_err(e)
}

/// Creates the perk through the form; returns its id from the file.
async fn create_early_access(s: &AppSession) -> Result<String, String> {
    let now = SystemClock.now_ms();
    s.click("[data-testid=nav-perks]").await?;
    s.click("[data-testid=new-perk]").await?;
    set_value(s, "[data-testid=perk-kind]", "early_access").await?;
    s.type_into("[data-testid=perk-name]", PERK).await?;
    set_value(s, "[data-testid=perk-starts]", &date(now - DAY)).await?;
    set_value(s, "[data-testid=perk-ends]", &date(now - 10 * DAY)).await?;
    s.click("[data-testid=perk-limited]").await?;
    s.type_into("[data-testid=perk-stock]", "2").await?;
    s.click("[data-testid=add-wave]").await?;
    s.click("[data-testid=add-wave]").await?;
    s.wait_for_all(
        "[data-testid=wave-level] option[value='5']",
        "levels to pick from in both waves",
        |n| n == 2,
    )
    .await?;
    for (k, name, opens, level) in [
        (0, "Champions", now - DAY, "5"),
        (1, "Advocates", now + 6 * DAY, "4"),
    ] {
        set_nth(s, "[data-testid=wave-name]", k, name).await?;
        set_nth(s, "[data-testid=wave-opens]", k, &date(opens)).await?;
        set_nth(s, "[data-testid=wave-level]", k, level).await?;
    }
    s.click("[data-testid=perk-save]").await?;
    s.wait_for_text("[data-testid=error-notice]", "end-before-start", |t| {
        t.contains("The perk ends before it starts")
    })
    .await?;
    let kept = s
        .driver
        .find(By::Css("[data-testid=perk-name]"))
        .await
        .map_err(e)?
        .prop("value")
        .await
        .map_err(e)?;
    if kept.as_deref() != Some(PERK) {
        return Err(format!("the name typed was lost: {kept:?}"));
    }
    set_value(s, "[data-testid=perk-ends]", &date(now + 30 * DAY)).await?;
    s.click("[data-testid=perk-save]").await?;
    s.wait_for_text("[data-testid=perk-title]", "perk page", |t| t == PERK)
        .await?;
    let store = sample(s);
    let id = store
        .conn()
        .query_row("SELECT id FROM perks WHERE name = ?1", [PERK], |r| {
            r.get::<_, String>(0)
        })
        .map_err(|err| format!("the perk in the file: {err}"))?;
    let waves: String = store
        .conn()
        .query_row(
            "SELECT group_concat(number || ':' || name || ':' || min_level, ' ')
             FROM (SELECT * FROM perk_waves WHERE perk_id = ?1 ORDER BY number)",
            [&id],
            |r| r.get(0),
        )
        .map_err(|err| format!("the waves in the file: {err}"))?;
    if waves != "1:Champions:5 2:Advocates:4" {
        return Err(format!("the waves saved were {waves}"));
    }
    Ok(id)
}

/// The code of the grant of `status` (upper case), from the file.
fn code_of(s: &AppSession, perk: &str, status: &str) -> Result<String, String> {
    sample(s)
        .conn()
        .query_row(
            "SELECT c.code FROM perk_grants g JOIN perk_codes c ON c.id = g.code_id
             WHERE g.perk_id = ?1 AND g.status = ?2 ORDER BY c.code LIMIT 1",
            [perk, status],
            |r| r.get::<_, String>(0),
        )
        .map_err(|err| format!("a {status} grant with a code: {err}"))
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_limited_perk_is_previewed_granted_redeemed_by_code_and_revoked() {
    run_flow("perks", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let id = create_early_access(s).await?;

        // Codes pasted, one a line.
        set_value(
            s,
            "[data-testid=perk-codes-paste]",
            "e2etote01\nE2ETOTE02\nE2ETOTE03",
        )
        .await?;
        s.click("[data-testid=perk-codes-import]").await?;
        s.wait_for_text("[data-testid=perk-notice]", "codes imported", |t| {
            t == "3 codes imported."
        })
        .await?;

        // The preview for wave 1 says what the core says on the same file.
        set_value(s, "[data-testid=perk-bulk-wave]", "1").await?;
        s.click("[data-testid=perk-bulk-preview]").await?;
        let gets = text_of(s, "[data-testid=perk-bulk-gets]").await?;
        let out = text_of(s, "[data-testid=perk-bulk-out]").await?;
        let not_eligible = text_of(s, "[data-testid=perk-bulk-not-eligible]").await?;
        let core = {
            let store = sample(s);
            let target = BulkTarget {
                segment_id: None,
                wave: Some(1),
            };
            preview_bulk(store.conn(), &id, &target, SystemClock.now_ms())
                .map_err(|err| format!("core preview: {err}"))?
        };
        let fmt = |n: u32| {
            let d = n.to_string();
            let mut out = String::new();
            for (i, c) in d.chars().enumerate() {
                if i > 0 && (d.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        if core.gets != 2 || gets != fmt(core.gets) || out != fmt(core.out_of_stock) {
            return Err(format!(
                "preview on screen gets {gets}, out of stock {out}; core {} / {}",
                core.gets, core.out_of_stock
            ));
        }
        if not_eligible != fmt(core.not_eligible) || core.out_of_stock == 0 {
            return Err(format!(
                "not eligible on screen {not_eligible}, core {} (out of stock {})",
                core.not_eligible, core.out_of_stock
            ));
        }
        s.screenshot("perks-preview").await;
        s.wait_for_text("[data-testid=perk-bulk-grant]", "grant button", |t| {
            t == "Grant to 2 members"
        })
        .await?;
        s.click("[data-testid=perk-bulk-grant]").await?;
        s.wait_for_text("[data-testid=perk-notice]", "bulk granted", |t| {
            t == "Granted to 2 members."
        })
        .await?;
        s.wait_for_all("[data-testid=perk-grant-row]", "two grants", |n| n == 2)
            .await?;

        // Redeem by code: an unknown code first, then a real one typed in lower case.
        s.type_into(
            "[data-testid=perk-redeem-code]",
            &format!("NOPE9999{ENTER}"),
        )
        .await?;
        s.wait_for_text("[data-testid=perk-redeem-error]", "unknown code", |t| {
            t.contains("NOPE9999 is not a perk code of this community")
        })
        .await?;
        let code = code_of(s, &id, "granted")?;
        let field = s
            .wait_for_all("[data-testid=perk-redeem-code]", "code field", |n| n == 1)
            .await?
            .remove(0);
        field.clear().await.map_err(e)?;
        field
            .send_keys(format!("{}{ENTER}", code.to_lowercase()))
            .await
            .map_err(e)?;
        s.wait_for_text("[data-testid=perk-notice]", "redeemed", |t| {
            t == format!("Code {code} redeemed.")
        })
        .await?;

        // Revoke the other grant: its stock is free again.
        s.click("[data-testid=perk-grant-revoke]").await?;
        s.wait_for_text("[data-testid=perk-stock-left]", "stock left", |t| {
            t == "1 left of 2"
        })
        .await?;
        let (live, stock): (i64, i64) = sample(s)
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM perk_grants WHERE perk_id = p.id
                           AND status IN ('granted', 'redeemed')), p.stock
                 FROM perks p WHERE p.id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|err| format!("stock in the file: {err}"))?;
        if (live, stock) != (1, 2) {
            return Err(format!("file: {live} live grants of {stock}"));
        }
        s.screenshot("perks-page").await;

        s.click("[data-testid=lang-ja]").await?;
        s.wait_for_text("[data-testid=perk-stock-left]", "Japanese stock", |t| {
            t == "残り1／2"
        })
        .await?;
        s.screenshot("perks-page-ja").await;
        s.click("[data-testid=nav-perks]").await?;
        s.wait_for_all("[data-testid=perk-row]", "perk list", |n| n == 4)
            .await?;
        s.wait_for_text("[data-testid=perk-list] th", "Japanese list", |t| {
            t == "名前"
        })
        .await?;
        s.screenshot("perks-list-ja").await;
        s.click("[data-testid=lang-en]").await?;
        s.wait_for_text("h1", "English list", |t| t == "Perks")
            .await?;
        // The sample's early access belongs to its influencer campaign, named in the list.
        // (Newest first: the perk made above, then the sample's early access.)
        s.wait_for_text(
            "[data-testid=perk-row]:nth-child(2) [data-testid=perk-row-campaign]",
            "the linked campaign",
            |t| t == "Micro-influencer seeding: Spring Blend",
        )
        .await?;
        s.screenshot("perks-list").await;
        Ok(())
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
